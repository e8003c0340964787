namespace PortMatrix.Import;

/// <summary>Finds the reader whose layout fits a document best and imports the document with it.</summary>
public sealed class DocumentImporter
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    public DocumentImporter(IEnumerable<IDocumentReader>? readers = null) =>
        _readers = readers?.ToList() ?? DefaultReaders();

    /// <summary>The readers of the layouts PortMatrix knows, most specific first.</summary>
    public static IReadOnlyList<IDocumentReader> DefaultReaders() =>
    [
        new PipeTableReader(),
        new SectionedTabTableReader(),
        new ComponentTabTableReader(),
        new DirectionBlockReader(),
        new GenericTextReader(),
    ];

    public IReadOnlyList<string> Layouts => _readers.Select(r => r.Layout).ToList();

    public ImportResult Import(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            var head = new byte[Math.Min(8192, new FileInfo(path).Length)];
            using (var probe = File.OpenRead(path))
            {
                probe.ReadExactly(head);
            }

            // Spreadsheets and PDFs are read by their own extractors, before any text decoding.
            var binary = Generic.BinaryFormats.All.FirstOrDefault(x => x.CanExtract(path, head));
            if (binary is not null)
            {
                using var stream = File.OpenRead(path);
                return Checked(Generic.TableInterpreter.Interpret(binary.Extract(path, stream)), path, binary.Format);
            }
        }

        return Import(SourceDocument.Load(path));
    }

    private static ImportResult Checked(ImportResult result, string path, string layout) =>
        result.Flows.Count == 0 && result.Warnings.Count == 0
            ? throw new PortMatrixException($"'{path}' is a {layout} document but holds no port information.", path, "Check that the file holds a port list.")
            : result;

    public ImportResult Import(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var best = _readers
            .Select(r => (Reader: r, Score: r.Match(document)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        if (best.Reader is null)
        {
            throw new PortMatrixException(
                $"no port table found in '{document.Path}': none of the layouts ({string.Join(", ", Layouts)}) matched.",
                document.Path,
                "Check that the file holds a port list, or convert it to a Markdown or CSV table.");
        }

        var result = best.Reader.Read(document);
        if (result.Flows.Count == 0 && result.Warnings.Count == 0)
        {
            throw new PortMatrixException(
                $"'{document.Path}' looks like a {best.Reader.Layout} document but holds no port information.",
                document.Path, "Check that the file holds a port list.");
        }

        return result;
    }
}
