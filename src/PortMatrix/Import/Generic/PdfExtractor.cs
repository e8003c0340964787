using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Extracts text and tables from a PDF with PdfPig, page by page. Words are grouped into lines by baseline;
/// a run of at least three lines whose words fall into the same two or more columns is a table; short lines
/// in a larger or bold font are headings (sections); everything else is running text. Lines are numbered
/// over the whole document (page 1 line 1 is 1), and a table's origin names its page.
/// </summary>
internal sealed class PdfExtractor : IDocumentExtractor
{
    /// <summary>PDF files above this size are refused.</summary>
    public const long MaxBytes = SourceDocument.MaxBytes;

    /// <summary>Pages read; the rest is left with a note.</summary>
    public const int MaxPages = 5_000;

    /// <summary>Words read per page; a page with more is not a port table but a drawing or a dump.</summary>
    public const int MaxWordsPerPage = 20_000;

    /// <summary>
    /// Time after which no further page is started. Only pathological files get near it, and the note says
    /// where reading stopped, so the result stays honest even though the cut depends on the machine.
    /// </summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromMinutes(2);

    /// <summary>A table needs this many lines with at least two columns.</summary>
    private const int MinTableLines = 3;

    /// <summary>Words further apart than this many font sizes are in different columns.</summary>
    private const double ColumnGap = 0.6;

    /// <summary>Cells of prose columns (a two-column page layout) hold many words; table cells hold few.</summary>
    private const double MaxWordsPerCell = 6;

    private static readonly byte[] Magic = "%PDF-"u8.ToArray();

    private readonly int _maxPages;

    public PdfExtractor()
        : this(MaxPages)
    {
    }

    /// <summary>An extractor with a smaller page cap, for tests of the cap.</summary>
    internal PdfExtractor(int maxPages) => _maxPages = maxPages;

    public string Format => "pdf";

    /// <summary>Takes files that start with <c>%PDF-</c> (within the first 1 KiB, as readers allow) or are named <c>.pdf</c>.</summary>
    public bool CanExtract(string path, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(path);
        return head[..Math.Min(head.Length, 1024)].IndexOf(Magic) >= 0 || ExtractorInput.HasExtension(path, ".pdf");
    }

    public ExtractedDocument Extract(string path, Stream content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        using var owned = content.CanSeek ? null : new MemoryStream(ExtractorInput.ReadBounded(content, path, MaxBytes, "a PDF"));
        var input = owned ?? content;
        if (input.Length - input.Position > MaxBytes)
        {
            throw new PortMatrixException($"'{path}' is larger than the {MaxBytes / (1024 * 1024)} MiB PortMatrix reads from a PDF.", path,
                "Split the PDF, or extract the pages with the port table.");
        }

        var head = new byte[Math.Min(1024, input.Length - input.Position)];
        var start = input.Position;
        input.ReadExactly(head);
        input.Position = start;
        if (head.AsSpan().IndexOf(Magic) < 0)
        {
            throw Unreadable(path, "it does not start with a PDF header.");
        }

        PdfDocument document;
        try
        {
            document = PdfDocument.Open(input, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, ClipPaths = false });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw Encrypted(path, ex);
        }
        catch (Exception ex) when (ex is not (PortMatrixException or OutOfMemoryException))
        {
            throw Unreadable(path, ex.Message, ex);
        }

        using (document)
        {
            return Read(path, document);
        }
    }

    private static PortMatrixException Unreadable(string path, string why, Exception? inner = null) =>
        new($"'{path}' is not a readable PDF: {why}", path, "Open it in a PDF viewer and save or print it to a new PDF.", inner);

    private static PortMatrixException Encrypted(string path, Exception inner) =>
        new($"'{path}' is a password-protected PDF.", path, "Save an unprotected copy of the PDF and import that.", inner);

    private ExtractedDocument Read(string path, PdfDocument document)
    {
        int pages;
        try
        {
            pages = document.NumberOfPages;
        }
        catch (Exception ex) when (ex is not (PortMatrixException or OutOfMemoryException))
        {
            throw Unreadable(path, ex.Message, ex);
        }

        var layout = new PageLayout();
        var clock = Stopwatch.StartNew();
        var damaged = 0;
        Exception? firstError = null;
        for (var number = 1; number <= Math.Min(pages, _maxPages); number++)
        {
            if (clock.Elapsed > MaxTime)
            {
                layout.Note($"pages {number} to {pages}: reading stopped after {MaxTime.TotalSeconds:0} seconds");
                return Result(path, layout);
            }

            List<PdfWord> words;
            try
            {
                words = Words(document.GetPage(number));
            }
            catch (PdfDocumentEncryptedException ex)
            {
                throw Encrypted(path, ex);
            }
            catch (Exception ex) when (ex is not (PortMatrixException or OutOfMemoryException))
            {
                damaged++;
                firstError ??= ex;
                layout.Note($"page {number}, which is damaged ({ex.Message})");
                continue;
            }

            layout.AddPage(number, words);
        }

        if (damaged > 0 && damaged == Math.Min(pages, _maxPages))
        {
            throw Unreadable(path, $"none of its {damaged} pages could be read ({firstError!.Message})", firstError);
        }

        if (pages > _maxPages)
        {
            layout.Note($"pages {_maxPages + 1} to {pages}, past the limit of {_maxPages} pages");
        }

        return Result(path, layout);
    }

    private ExtractedDocument Result(string path, PageLayout layout) => new(path, Format, layout.Tables, layout.Lines);

    private static List<PdfWord> Words(Page page)
    {
        var words = new List<PdfWord>();
        foreach (var word in page.GetWords())
        {
            if (string.IsNullOrWhiteSpace(word.Text) || word.Letters.Count == 0)
            {
                continue;
            }

            if (words.Count == MaxWordsPerPage)
            {
                break;
            }

            var size = 0.0;
            var bold = true;
            foreach (var letter in word.Letters)
            {
                size = Math.Max(size, letter.PointSize);
                bold &= letter.FontDetails?.IsBold == true || IsBoldName(letter.FontName);
            }

            var box = word.BoundingBox;
            words.Add(new PdfWord(word.Text.Trim(), box.Left, box.Right, word.Letters[0].StartBaseLine.Y, size > 0 ? size : Math.Max(1, box.Height), bold));
        }

        return words;
    }

    private static bool IsBoldName(string? name) =>
        name is not null && (name.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase));

    /// <summary>A word as the layout needs it; PdfPig's letters are dropped as soon as a page is read.</summary>
    private sealed record PdfWord(string Text, double Left, double Right, double Baseline, double Size, bool Bold);

    /// <summary>Words of one line split at wide gaps: a cell of a table, or a whole line of prose.</summary>
    private sealed record Segment(string Text, double Left, double Right, int Words);

    private sealed record PdfLine(int Number, IReadOnlyList<PdfWord> Words, IReadOnlyList<Segment> Segments, double Baseline, double Size, bool Bold)
    {
        public string Text => string.Join(' ', Words.Select(w => w.Text));
    }

    /// <summary>Turns each page's words into lines, tables and headings, keeping the running line number and section.</summary>
    private sealed class PageLayout
    {
        private int _line;
        private string? _section;

        private readonly List<TableBuilder> _tables = [];

        public List<TextTable> Tables => _tables
            .Select(t => new TextTable(t.Rows, t.Section, t.FirstPage == t.LastPage ? $"page {t.FirstPage}" : $"pages {t.FirstPage}-{t.LastPage}"))
            .ToList();

        public List<TextLine> Lines { get; } = [];

        public void Note(string what) => Lines.Add(ExtractionNote.Create(what, _line + 1, _section));

        public void AddPage(int page, List<PdfWord> words)
        {
            if (words.Count == 0)
            {
                return;
            }

            // A table that ended its page (only short lines such as a page number after it) may go on at the top of this one.
            var open = _open;
            _open = null;
            var lines = GroupLines(words);
            var body = Median(words.Select(w => w.Size));
            var i = 0;
            var onlyShortLinesSoFar = true;
            while (i < lines.Count)
            {
                var run = TableRun(lines, i);
                if (run > 0 && !IsList(lines.GetRange(i, run)))
                {
                    var (rows, columns) = MakeTable(lines.GetRange(i, run));
                    if (onlyShortLinesSoFar && open is { } previous && SameColumns(previous.Columns, columns))
                    {
                        previous.Table.Rows.AddRange(rows);
                        previous.Table.LastPage = page;
                        _open = previous with { Columns = columns };
                    }
                    else
                    {
                        var table = new TableBuilder(rows, _section, page) { LastPage = page };
                        _tables.Add(table);
                        _open = new OpenTable(table, columns);
                    }

                    onlyShortLinesSoFar = false;
                    i += run;
                    continue;
                }

                var line = lines[i];
                if (IsHeading(line, body))
                {
                    _section = line.Text;
                    _open = null;
                    onlyShortLinesSoFar = false;
                }
                else
                {
                    Lines.Add(new TextLine(line.Text, line.Number, _section));
                    if (line.Words.Count > MaxWordsInPageMargin)
                    {
                        _open = null;
                        onlyShortLinesSoFar = false;
                    }
                }

                i++;
            }
        }

        /// <summary>Running headers and footers ("Page 3 of 40", a title) are short; they do not end a table that goes on overleaf.</summary>
        private const int MaxWordsInPageMargin = 6;

        private OpenTable? _open;

        /// <summary>The last table of the pages read so far, while nothing but short lines followed it.</summary>
        private sealed record OpenTable(TableBuilder Table, List<(double Left, double Right)> Columns);

        /// <summary>A table being read; rows are appended while it goes on from page to page.</summary>
        private sealed class TableBuilder(List<TableRow> rows, string? section, int firstPage)
        {
            public List<TableRow> Rows { get; } = rows;

            public string? Section { get; } = section;

            public int FirstPage { get; } = firstPage;

            public int LastPage { get; set; }
        }

        private static bool SameColumns(List<(double Left, double Right)> a, List<(double Left, double Right)> b) =>
            a.Count == b.Count && a.Zip(b).All(p => Math.Abs(p.First.Left - p.Second.Left) <= 12);

        /// <summary>Groups words into lines by baseline (top of the page first), each line read left to right.</summary>
        private List<PdfLine> GroupLines(List<PdfWord> words)
        {
            var sorted = words
                .OrderByDescending(w => Math.Round(w.Baseline, 1))
                .ThenBy(w => w.Left)
                .ThenBy(w => w.Text, StringComparer.Ordinal)
                .ToList();
            var lines = new List<PdfLine>();
            var current = new List<PdfWord>();
            var baseline = 0.0;
            foreach (var word in sorted)
            {
                if (current.Count > 0 && Math.Abs(word.Baseline - baseline) > Math.Max(1.0, 0.35 * Math.Min(word.Size, current[0].Size)))
                {
                    lines.Add(MakeLine(current));
                    current = [];
                }

                if (current.Count == 0)
                {
                    baseline = word.Baseline;
                }

                current.Add(word);
            }

            if (current.Count > 0)
            {
                lines.Add(MakeLine(current));
            }

            return lines;
        }

        private PdfLine MakeLine(List<PdfWord> words)
        {
            words.Sort((a, b) => a.Left != b.Left ? a.Left.CompareTo(b.Left) : string.CompareOrdinal(a.Text, b.Text));
            var size = Median(words.Select(w => w.Size));
            var segments = new List<Segment>();
            var start = 0;
            for (var k = 1; k <= words.Count; k++)
            {
                if (k == words.Count || words[k].Left - words[k - 1].Right > ColumnGap * size)
                {
                    var part = words.GetRange(start, k - start);
                    segments.Add(new Segment(string.Join(' ', part.Select(w => w.Text)), part[0].Left, part.Max(w => w.Right), part.Count));
                    start = k;
                }
            }

            return new PdfLine(++_line, words, segments, words[0].Baseline, size, words.All(w => w.Bold));
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        /// <summary>
        /// A bulleted or numbered list aligns like a table whose first column holds only the markers; it is
        /// read as lines ("• SIP 5060/udp"), which is how the list reader expects it.
        /// </summary>
        private static bool IsList(List<PdfLine> run) =>
            run.Where(l => l.Segments.Count >= 2).All(l => IsMarker(l.Segments[0].Text));

        private static bool IsMarker(string text)
        {
            if (text.Length == 1)
            {
                return !char.IsLetterOrDigit(text[0]);
            }

            var core = text.TrimStart('(');
            if (core.Length is < 2 or > 4 || core[^1] is not ('.' or ')'))
            {
                return false;
            }

            core = core[..^1];
            return core.All(char.IsAsciiDigit) || (core.Length == 1 && char.IsAsciiLetter(core[0]));
        }

        private static bool IsHeading(PdfLine line, double body) =>
            line.Segments.Count == 1 && line.Words.Count <= 10 && line.Text.Length <= 80
            && line.Text.Any(char.IsLetter) && !line.Text.EndsWith('.')
            && (line.Size >= body * 1.15 || (line.Bold && line.Size >= body * 0.95));

        /// <summary>
        /// How many lines from <paramref name="start"/> form a table (0 if none): consecutive lines whose
        /// segments each fall into one column of a common set of at least two columns, with at least
        /// <see cref="MinTableLines"/> lines of two or more cells. Trailing one-cell lines are left to the text.
        /// </summary>
        private static int TableRun(List<PdfLine> lines, int start)
        {
            if (lines[start].Segments.Count < 2)
            {
                return 0;
            }

            var columns = new List<(double Left, double Right)>();
            var end = start;
            var multi = 0;
            var lastMulti = start;
            while (end < lines.Count)
            {
                var line = lines[end];
                if (end > start && lines[end - 1].Baseline - line.Baseline > 2.5 * Math.Max(line.Size, lines[end - 1].Size))
                {
                    break;
                }

                var merged = Fit(columns, line.Segments);
                if (merged is null)
                {
                    break;
                }

                columns = merged;
                if (line.Segments.Count >= 2)
                {
                    multi++;
                    lastMulti = end;
                }

                end++;
            }

            if (multi < MinTableLines || columns.Count < 2)
            {
                return 0;
            }

            var cells = lines.Skip(start).Take(lastMulti - start + 1).SelectMany(l => l.Segments).ToList();
            return cells.Average(s => s.Words) > MaxWordsPerCell ? 0 : lastMulti - start + 1;
        }

        /// <summary>The columns widened by a line's segments, or null if a segment straddles two columns or two share one.</summary>
        private static List<(double Left, double Right)>? Fit(List<(double Left, double Right)> columns, IReadOnlyList<Segment> segments)
        {
            var result = new List<(double Left, double Right)>(columns);
            var used = new HashSet<int>();
            foreach (var segment in segments)
            {
                var hits = new List<int>();
                for (var c = 0; c < result.Count; c++)
                {
                    if (segment.Left < result[c].Right && segment.Right > result[c].Left)
                    {
                        hits.Add(c);
                    }
                }

                if (hits.Count > 1)
                {
                    return null;
                }

                if (hits.Count == 1)
                {
                    var c = hits[0];
                    result[c] = (Math.Min(result[c].Left, segment.Left), Math.Max(result[c].Right, segment.Right));
                }
                else
                {
                    result.Add((segment.Left, segment.Right));
                }

                result.Sort((a, b) => a.Left.CompareTo(b.Left));
                var index = result.FindIndex(x => x.Left <= segment.Left && x.Right >= segment.Right);
                if (!used.Add(index))
                {
                    return null;
                }
            }

            for (var c = 1; c < result.Count; c++)
            {
                if (result[c].Left < result[c - 1].Right)
                {
                    return null;
                }
            }

            return result;
        }

        private static (List<TableRow> Rows, List<(double Left, double Right)> Columns) MakeTable(List<PdfLine> lines)
        {
            var columns = new List<(double Left, double Right)>();
            foreach (var line in lines)
            {
                columns = Fit(columns, line.Segments)!;
            }

            var rows = new List<TableRow>();
            foreach (var line in lines)
            {
                var texts = new string?[columns.Count];
                foreach (var segment in line.Segments)
                {
                    texts[columns.FindIndex(c => segment.Left < c.Right && segment.Right > c.Left)] = segment.Text;
                }

                var column = Array.FindIndex(texts, t => t is not null);
                if (line.Segments.Count == 1 && column > 0 && rows.Count > 0)
                {
                    // A lone piece under a cell other than the first continues that cell (the text wrapped).
                    var previous = rows[^1];
                    var cells = previous.Cells.ToArray();
                    cells[column] = cells[column] with { Text = (cells[column].Text + " " + texts[column]).Trim() };
                    rows[^1] = previous with { Cells = cells };
                    continue;
                }

                rows.Add(new TableRow(texts.Select((t, c) => new TableCell(t ?? "", line.Number, c + 1)).ToList(), line.Number));
            }

            return (rows, columns);
        }
    }
}
