using BenchmarkDotNet.Attributes;
using PortMatrix.Import;

namespace PortMatrix.Benchmarks;

/// <summary>Importing all five vendor documents (read from PORTMATRIX_SEEDS or ../shared/seeds).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private SourceDocument[] _documents = [];
    private readonly DocumentImporter _importer = new();

    [GlobalSetup]
    public void Setup() => _documents = Seeds.Load();

    [Benchmark(Description = "import all five seeds")]
    public int ImportAll()
    {
        var flows = 0;
        foreach (var d in _documents)
        {
            flows += _importer.Import(d).Flows.Count;
        }

        return flows;
    }

    [Benchmark(Baseline = true, Description = "hand-written regex scan (TRANSPORT NNNN)")]
    public int RegexBaseline()
    {
        var n = 0;
        foreach (var d in _documents)
        {
            n += Baseline.Scan(d.Text);
        }

        return n;
    }
}
