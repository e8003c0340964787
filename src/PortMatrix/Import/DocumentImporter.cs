namespace PortMatrix.Import;

/// <summary>Finds the reader whose layout fits a document best and imports the document with it.</summary>
public sealed class DocumentImporter
{
    private readonly IReadOnlyList<IDocumentReader> _readers;

    /// <summary>How many leading lines of a large document the vendor layouts look at to recognise themselves.</summary>
    private const int MatchProbeLines = 10_000;
    private readonly string? _product;

    public DocumentImporter(IEnumerable<IDocumentReader>? readers = null) =>
        _readers = readers?.ToList() ?? DefaultReaders();

    /// <summary>
    /// An importer whose generic readers (text, XLSX, PDF) name the product's side of every flow
    /// <paramref name="product"/> (a user's <c>--product</c>) instead of a name taken from the document's title.
    /// </summary>
    public DocumentImporter(string? product, IEnumerable<IDocumentReader>? readers = null)
    {
        _product = string.IsNullOrWhiteSpace(product) ? null : product.Trim();
        _readers = readers?.ToList() ?? DefaultReaders(_product);
    }

    /// <summary>The readers of the layouts PortMatrix knows, most specific first.</summary>
    public static IReadOnlyList<IDocumentReader> DefaultReaders() => DefaultReaders(null);

    /// <summary>The readers of the layouts PortMatrix knows; the generic reader names the product's side <paramref name="product"/>.</summary>
    public static IReadOnlyList<IDocumentReader> DefaultReaders(string? product) =>
    [
        new PipeTableReader(),
        new SectionedTabTableReader(),
        new ComponentTabTableReader(),
        new DirectionBlockReader(),
        new GenericTextReader(product),
    ];

    /// <summary>
    /// From this many characters on, the readers' <see cref="IDocumentReader.Match"/> run in parallel (each
    /// reader still sees one call at a time).
    /// </summary>
    private const int ParallelMatchChars = 1 << 20;

    public IReadOnlyList<string> Layouts => _readers.Select(r => r.Layout).ToList();

    private readonly IProgress<ImportProgress>? _progress;

    /// <summary>
    /// Where a long import is, for a progress display. Reports may come from several threads; a display keeps
    /// the latest stage and the largest fraction. Also handed to the importer's generic readers.
    /// </summary>
    public IProgress<ImportProgress>? Progress
    {
        get => _progress;
        init
        {
            _progress = value;
            foreach (var reader in _readers.OfType<GenericTextReader>())
            {
                reader.Progress = value;
            }
        }
    }

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
                _progress?.Report(new($"reading the {binary.Format.ToUpperInvariant()} file", null));
                using var stream = File.OpenRead(path);
                return Checked(Generic.TableInterpreter.Interpret(binary.Extract(path, stream), _product, _progress), path, binary.Format);
            }
        }

        _progress?.Report(new("reading the file", null));
        return Import(SourceDocument.Load(path));
    }

    private static ImportResult Checked(ImportResult result, string path, string layout) =>
        result.Flows.Count == 0 && result.Warnings.Count == 0
            ? throw new PortMatrixException($"'{path}' is a {layout} document but holds no port information.", path, "Check that the file holds a port list.")
            : result;

    public ImportResult Import(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _progress?.Report(new("looking for the layout", null));
        var scores = new double[_readers.Count];

        // The vendor layouts show themselves in their first lines; on a large document they look at those only, while
        // the generic reader (whose reading is kept for the import) reads it all.
        var probe = document.Lines.Count > MatchProbeLines
            ? new SourceDocument(document.Path, string.Join('\n', document.Lines.Take(MatchProbeLines)))
            : document;
        double Score(int i) => _readers[i].Match(_readers[i] is GenericTextReader ? document : probe);
        if (document.Text.Length >= ParallelMatchChars && _readers.Count > 1)
        {
            // Side by side, on all cores.
            ParallelWork.For(_readers.Count, i => scores[i] = Score(i));
        }
        else
        {
            for (var i = 0; i < _readers.Count; i++)
            {
                scores[i] = Score(i);
            }
        }

        var best = _readers
            .Select((r, i) => (Reader: r, Score: scores[i]))
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
