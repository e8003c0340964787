using BenchmarkDotNet.Attributes;
using PortMatrix.Catalog;
using PortMatrix.Documents;

namespace PortMatrix.Benchmarks;

/// <summary>Building and writing the port matrix of every built-in catalog product, one document per product.</summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private PortCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup() => _catalog = PortCatalog.BuiltIn();

    [Benchmark(Description = "HTML matrix of every catalog product")]
    public int Html() => RenderAll(_catalog, new HtmlDocumentWriter());

    [Benchmark(Description = "Markdown matrix of every catalog product")]
    public int Markdown() => RenderAll(_catalog, new MarkdownDocumentWriter());

    [Benchmark(Description = "XLSX matrix of every catalog product")]
    public int Xlsx() => _catalog.Releases.Sum(r => new XlsxDocumentWriter().ToBytes(PortMatrixDocument.ForReleases([r])).Length);

    /// <summary>The characters written for all products; building the document is part of the measure.</summary>
    internal static int RenderAll(PortCatalog catalog, TextDocumentWriter writer) =>
        catalog.Releases.Sum(r => writer.Render(PortMatrixDocument.ForReleases([r])).Length);
}
