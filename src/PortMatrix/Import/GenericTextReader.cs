using PortMatrix.Import.Generic;

namespace PortMatrix.Import;

/// <summary>
/// Reads text documents of any layout (Markdown, CSV/TSV, plain text with tables or lists) by meaning,
/// through a format extractor and <see cref="TableInterpreter"/>. Its <see cref="Match"/> score stays at
/// or below 0.5 so the readers of the known layouts win on their documents.
/// </summary>
public sealed class GenericTextReader : IDocumentReader
{
    /// <summary>The score when the document yields flows: below the seed readers' scores for their own layouts.</summary>
    public const double FlowScore = 0.45;

    /// <summary>The score when the document only holds port-like text that yields warnings.</summary>
    public const double WarningScore = 0.05;

    private readonly string? _product;
    private Cached? _cache;

    public GenericTextReader(string? product = null) => _product = product;

    public string Layout => "generic";

    /// <summary>Where a long interpretation is (see <see cref="DocumentImporter.Progress"/>).</summary>
    public IProgress<ImportProgress>? Progress { get; set; }

    public double Match(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = Interpret(document);
        if (result.Flows.Count > 0)
        {
            return FlowScore;
        }

        // Warnings about port-like text make the document's problems visible instead of "no layout matched".
        return result.Warnings.Any(w => w.Code != WarningCodes.Inferred) ? WarningScore : 0;
    }

    public ImportResult Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Interpret(document);
    }

    /// <summary>The extractor for a document: by extension (.html, .md, .csv, .tsv), else by content.</summary>
    internal static ITextExtractor ChooseExtractor(string path, string text)
    {
        var html = new HtmlExtractor();
        if (html.CanExtract(path, default) || LooksLikeHtml(text))
        {
            return html;
        }

        var markdown = new MarkdownExtractor();
        var csv = new CsvExtractor();
        if (markdown.CanExtract(path, default))
        {
            return markdown;
        }

        if (csv.CanExtract(path, default))
        {
            return csv;
        }

        if (MarkdownExtractor.LooksLikeMarkdown(text))
        {
            return markdown;
        }

        var delimiter = CsvExtractor.DetectDelimiter(text, out var consistency);
        if (delimiter is ',' or ';' && consistency >= 0.8 && LooksDelimited(text, delimiter))
        {
            return csv;
        }

        return new PlainTextExtractor();
    }

    /// <summary>The text starts (after a byte-order mark and blanks) like an HTML page or fragment.</summary>
    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 1024)).TrimStart("\uFEFF \t\r\n");
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<table", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>At least three of the first lines have two or more delimiters and no line reads as a long sentence.</summary>
    private static bool LooksDelimited(string text, char delimiter)
    {
        var lines = text.AsSpan(0, Math.Min(text.Length, 64 * 1024)).ToString().Split('\n').Where(l => l.Trim().Length > 0).Take(20).ToList();
        var delimited = lines.Count(l => l.Count(c => c == delimiter) >= 2);
        return delimited >= 3 && delimited * 10 >= lines.Count * 8;
    }

    private ImportResult Interpret(SourceDocument document)
    {
        var cache = _cache;
        if (cache is not null && ReferenceEquals(cache.Document, document))
        {
            return cache.Result;
        }

        var extractor = ChooseExtractor(document.Path, document.Text);
        Progress?.Report(new($"reading it as {extractor.Format}", null));
        var extracted = extractor is PlainTextExtractor plain ? plain.Extract(document.Path, document.Lines) : extractor.Extract(document.Path, document.Text);
        var result = TableInterpreter.Interpret(extracted, _product, Progress);
        _cache = new Cached(document, result);
        return result;
    }

    private sealed record Cached(SourceDocument Document, ImportResult Result);
}
