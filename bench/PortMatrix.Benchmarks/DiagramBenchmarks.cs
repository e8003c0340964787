using BenchmarkDotNet.Attributes;
using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Model;

namespace PortMatrix.Benchmarks;

/// <summary>
/// The SVG diagram of each catalog product, end to end: building the graph, writing DOT and
/// running Graphviz <c>dot -Tsvg</c> as a process (which dominates). Needs Graphviz installed.
/// Run: <c>dotnet run -c Release --project bench/PortMatrix.Benchmarks -- --filter "*Diagram*" --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DiagramBenchmarks
{
    private PortCatalog _catalog = null!;
    private ProductRelease _release = null!;
    private string _dot = "";

    [Params("avaya-ip-office", "imagicle-uc-suite", "mitel-mx-one", "swyx-swyxware")]
    public string Product { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = PortCatalog.BuiltIn();
        _release = _catalog.Resolve(Product).Single();
        _dot = DiagramDotWriter.Write(DiagramBuilder.ForProduct(_catalog, _release));
    }

    [Benchmark(Description = "graph + DOT (in process)")]
    public int Dot() => DiagramDotWriter.Write(DiagramBuilder.ForProduct(_catalog, _release)).Length;

    [Benchmark(Description = "graph + DOT + dot -Tsvg")]
    public int Svg() => DiagramSvg.Render(DiagramDotWriter.Write(DiagramBuilder.ForProduct(_catalog, _release))).Length;

    [Benchmark(Description = "dot -Tsvg only")]
    public int DotProcess() => DiagramSvg.Render(_dot).Length;
}
