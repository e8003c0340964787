using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Extracts the tables and running text of an HTML page with AngleSharp. Every <c>&lt;table&gt;</c> becomes a
/// <see cref="TextTable"/> (spanned cells repeated so columns stay aligned; a nested table is a table of its
/// own and is left out of the outer cell's text); paragraphs, list items and other blocks become
/// <see cref="TextLine"/>s; headings and captions become sections. Line numbers are source lines.
/// </summary>
internal sealed class HtmlExtractor : ITextExtractor
{
    /// <summary>HTML is parsed whole into a DOM of about 40 times the page's size, so pages above this are refused.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    /// <summary>The HTML standard caps <c>colspan</c> at 1000; we also cap a table's width there.</summary>
    public const int MaxColumns = 1000;

    private const int MaxRowSpan = 65534;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "head", "title", "meta", "link", "object", "iframe",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    public string Format => "html";

    public bool CanExtract(string path, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ExtractorInput.HasExtension(path, ".html", ".htm", ".xhtml"))
        {
            return true;
        }

        var start = SkipBomAndSpace(head);
        return StartsWithIgnoreCase(start, "<!doctype html"u8) || StartsWithIgnoreCase(start, "<html"u8)
            || StartsWithIgnoreCase(start, "<table"u8);
    }

    public ExtractedDocument Extract(string path, Stream content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ExtractorInput.ReadBounded(content, path, MaxBytes, "an HTML page");
        return Extract(path, Decode(bytes));
    }

    /// <summary>Extracts an HTML page that the text path has already decoded.</summary>
    public ExtractedDocument Extract(string path, string html)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > MaxBytes)
        {
            throw new PortMatrixException($"'{path}' is larger than the {MaxBytes / (1024 * 1024)} MiB PortMatrix reads from an HTML page.",
                path, "Split the page, or save the port table on its own.");
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var document = parser.ParseDocument(html);
        var walker = new Walker(new LineMap(html));
        walker.Walk(document);
        return new ExtractedDocument(path, Format, walker.Tables, walker.Lines) { Title = TextExtraction.CollapseWhitespace(document.Title ?? "") is { Length: > 0 } title ? title : null };
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return head[i..];
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix)
    {
        if (text.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (char.ToLowerInvariant((char)text[i]) != (char)prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The source line of an element's start tag. AngleSharp's own line number is 16-bit and wraps after
    /// line 65,535, so the line is found from the character index instead.
    /// </summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int? SourceLine(IElement element)
        {
            if (element.SourceReference is not { } source || source.Position.Index < 0)
            {
                return null;
            }

            var found = _starts.BinarySearch(source.Position.Index);
            return found >= 0 ? found + 1 : ~found;
        }
    }

    private static int CountNewlines(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Collapses runs of whitespace (including non-breaking spaces) into one space and trims.</summary>
    private static string Collapse(StringBuilder text) => TextExtraction.CollapseWhitespace(text.ToString());

    private static int SpanAttribute(IElement element, string name, int max)
    {
        var value = element.GetAttribute(name);
        if (value is null)
        {
            return 1;
        }

        var digits = 0;
        var n = 0L;
        foreach (var c in value.Trim())
        {
            if (c is < '0' or > '9')
            {
                break;
            }

            n = Math.Min(n * 10 + (c - '0'), max);
            digits++;
        }

        return digits == 0 ? 1 : (int)n;
    }

    /// <summary>
    /// The text of a cell: nested tables, scripts and styles left out, <c>&lt;br&gt;</c> and block boundaries
    /// read as spaces, whitespace collapsed. The line is that of the first visible character.
    /// </summary>
    private static (string Text, int Line) CellText(LineMap map, IElement cell, int fallbackLine)
    {
        var cursor = map.SourceLine(cell) ?? fallbackLine;
        var firstLine = 0;
        var text = new StringBuilder();
        var stack = new Stack<(INode Node, bool Skip)>();
        for (var i = cell.ChildNodes.Length - 1; i >= 0; i--)
        {
            stack.Push((cell.ChildNodes[i], false));
        }

        while (stack.Count > 0)
        {
            var (node, skip) = stack.Pop();
            switch (node)
            {
                case IElement element:
                    cursor = map.SourceLine(element) ?? cursor;
                    var name = element.LocalName;
                    skip |= Skipped.Contains(name) || name == "table";
                    if (!skip && (name == "br" || Blocks.Contains(name)))
                    {
                        text.Append(' ');
                    }

                    if (!skip && IsFootnoteMark(element))
                    {
                        // "2748<sup>2</sup>": a footnote mark, kept apart from the number it is written on.
                        text.Append(" (").Append(element.TextContent.Trim()).Append(')');
                        break;
                    }

                    for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
                    {
                        stack.Push((element.ChildNodes[i], skip));
                    }

                    break;
                case IText textNode:
                    foreach (var c in textNode.Data)
                    {
                        if (c == '\n')
                        {
                            cursor++;
                        }
                        else if (!skip && firstLine == 0 && !char.IsWhiteSpace(c))
                        {
                            firstLine = cursor;
                        }
                    }

                    if (!skip)
                    {
                        text.Append(textNode.Data);
                    }

                    break;
                case IComment comment:
                    cursor += CountNewlines(comment.Data);
                    break;
            }
        }

        return (Collapse(text), firstLine == 0 ? map.SourceLine(cell) ?? fallbackLine : firstLine);
    }

    /// <summary>A superscript of at most three characters ("1", "*", "a"): a footnote mark.</summary>
    private static bool IsFootnoteMark(IElement element) =>
        element.LocalName == "sup" && element.TextContent.Trim() is { Length: > 0 and <= 3 };

    private static IEnumerable<IElement> Rows(IElement table)
    {
        foreach (var child in table.Children)
        {
            if (child.LocalName == "tr")
            {
                yield return child;
            }
            else if (child.LocalName is "thead" or "tbody" or "tfoot")
            {
                foreach (var row in child.Children)
                {
                    if (row.LocalName == "tr")
                    {
                        yield return row;
                    }
                }
            }
        }
    }

    /// <summary>Lays a table out on a grid, repeating a spanned cell's text in every grid position it covers.</summary>
    private static TextTable? ReadTable(LineMap map, IElement table, string? section, int ordinal)
    {
        var caption = table.Children.FirstOrDefault(c => c.LocalName == "caption");
        if (caption is not null)
        {
            var captionText = CellText(map, caption, map.SourceLine(table) ?? 1).Text;
            if (captionText.Length > 0)
            {
                section = captionText;
            }
        }

        var trs = Rows(table).ToList();
        var rows = new List<TableRow>();
        var pending = new SortedDictionary<int, (TableCell Cell, int Remaining)>();
        var tableLine = map.SourceLine(table) ?? 1;
        for (var r = 0; r < trs.Count; r++)
        {
            var tr = trs[r];
            var rowLine = map.SourceLine(tr);
            var cells = new List<TableCell>();
            var column = 1;

            void PlacePending()
            {
                while (pending.TryGetValue(column, out var span))
                {
                    cells.Add(span.Cell with { Column = column });
                    if (span.Remaining <= 1)
                    {
                        pending.Remove(column);
                    }
                    else
                    {
                        pending[column] = (span.Cell, span.Remaining - 1);
                    }

                    column++;
                }
            }

            foreach (var td in tr.Children)
            {
                if (td.LocalName is not ("td" or "th"))
                {
                    continue;
                }

                var (text, line) = CellText(map, td, rowLine ?? tableLine);
                var colspan = Math.Max(1, SpanAttribute(td, "colspan", MaxColumns));
                var rowspan = SpanAttribute(td, "rowspan", MaxRowSpan);
                if (rowspan == 0)
                {
                    rowspan = trs.Count - r;
                }

                for (var k = 0; k < colspan; k++)
                {
                    PlacePending();
                    if (column > MaxColumns)
                    {
                        break;
                    }

                    var cell = new TableCell(text, line, column);
                    cells.Add(cell);
                    if (rowspan > 1)
                    {
                        pending[column] = (cell, rowspan - 1);
                    }

                    column++;
                }
            }

            // Cells spanned from rows above that lie right of this row's last own cell.
            foreach (var col in pending.Keys.Where(c => c >= column).ToList())
            {
                column = col;
                PlacePending();
            }

            if (cells.Count > 0)
            {
                rows.Add(new TableRow(cells, rowLine ?? cells[0].Line));
            }
        }

        return rows.Count == 0 ? null : new TextTable(rows, section, $"table {ordinal}");
    }

    /// <summary>
    /// Walks the DOM in document order without recursion (pages can nest deeply), keeping the current heading
    /// and an estimate of the source line: the line of the last element start plus the newlines seen since.
    /// </summary>
    private sealed class Walker(LineMap map)
    {
        private readonly LineMap _map = map;
        private readonly StringBuilder _line = new();
        private readonly StringBuilder _heading = new();
        private string? _section;
        private int _cursor = 1;
        private int _headingLine = 1;
        private int _lineStart;
        private int _tableDepth;
        private int _skipDepth;
        private int _preDepth;
        private int _headingDepth;
        private int _tableCount;
        private readonly Stack<(IElement List, string? Section)> _nested = new();

        public List<TextTable> Tables { get; } = [];

        public List<TextLine> Lines { get; } = [];

        public void Walk(IDocument document)
        {
            var stack = new Stack<(INode Node, bool Exit)>();
            stack.Push((document, false));
            while (stack.Count > 0)
            {
                var (node, exit) = stack.Pop();
                if (node is IElement element)
                {
                    if (exit)
                    {
                        Leave(element);
                        continue;
                    }

                    Enter(element);
                    stack.Push((element, true));
                }
                else if (node is IText text)
                {
                    OnText(text.Data);
                }
                else if (node is IComment comment)
                {
                    _cursor += CountNewlines(comment.Data);
                }

                for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
                {
                    stack.Push((node.ChildNodes[i], false));
                }
            }

            Flush();
        }

        private void Enter(IElement element)
        {
            _cursor = _map.SourceLine(element) ?? _cursor;
            var name = element.LocalName;
            if (Skipped.Contains(name))
            {
                _skipDepth++;
                return;
            }

            if (_skipDepth > 0)
            {
                return;
            }

            if (IsFootnoteMark(element))
            {
                OnText(" (");
                return;
            }

            if (IsHeading(name))
            {
                Flush();
                if (_headingDepth++ == 0)
                {
                    _heading.Clear();
                    _headingLine = _cursor;
                }

                return;
            }

            if (name == "br")
            {
                if (_headingDepth > 0)
                {
                    _heading.Append(' ');
                }
                else
                {
                    Flush();
                }

                return;
            }

            if (name is "ul" or "ol" && element.ParentElement?.LocalName == "li" && Collapse(_line) is { Length: > 0 and <= 60 } label && !label.Any(char.IsDigit))
            {
                // "<li>Outbound<ul><li>443/TCP updates</li></ul></li>": the item's own words head its nested list.
                _nested.Push((element, _section));
                _section = _section is null ? label : $"{_section} > {label}";
                _line.Clear();
                _lineStart = 0;
            }

            if (Blocks.Contains(name))
            {
                Flush();
            }

            if (name == "pre")
            {
                _preDepth++;
            }

            if (name == "table")
            {
                _tableDepth++;
                _tableCount++;
                if (ReadTable(_map, element, _section, _tableCount) is { } table)
                {
                    Tables.Add(table);
                }
            }
        }

        private void Leave(IElement element)
        {
            var name = element.LocalName;
            if (Skipped.Contains(name))
            {
                _skipDepth--;
                return;
            }

            if (_skipDepth > 0)
            {
                return;
            }

            if (IsFootnoteMark(element))
            {
                OnText(")");
                return;
            }

            if (IsHeading(name))
            {
                if (--_headingDepth == 0)
                {
                    var heading = Collapse(_heading);
                    if (name == "dt" && (heading.Any(char.IsDigit) || heading.Contains("ICMP", StringComparison.OrdinalIgnoreCase)))
                    {
                        // "<dt>TCP 443</dt><dd>HTTPS administration</dd>", "<dt>ICMP echo</dt>": a term that holds ports is text, not a heading.
                        Lines.Add(new TextLine(heading, _headingLine, _section));
                    }
                    else if (heading.Length > 0)
                    {
                        _section = heading;
                    }
                }

                return;
            }

            if (Blocks.Contains(name))
            {
                Flush();
            }

            if (_nested.Count > 0 && ReferenceEquals(_nested.Peek().List, element))
            {
                _section = _nested.Pop().Section;
            }

            if (name == "pre")
            {
                _preDepth--;
            }

            if (name == "table")
            {
                _tableDepth--;
            }
        }

        private void OnText(string data)
        {
            var visible = _skipDepth == 0;
            foreach (var c in data)
            {
                if (c == '\n')
                {
                    if (visible && _preDepth > 0 && _headingDepth == 0 && _tableDepth == 0)
                    {
                        Flush();
                    }
                    else if (visible)
                    {
                        (_headingDepth > 0 ? _heading : _line).Append(' ');
                    }

                    _cursor++;
                    continue;
                }

                if (!visible)
                {
                    continue;
                }

                if (_headingDepth > 0)
                {
                    _heading.Append(c);
                }
                else if (_tableDepth == 0)
                {
                    if (_lineStart == 0 && !char.IsWhiteSpace(c))
                    {
                        _lineStart = _cursor;
                    }

                    _line.Append(c);
                }
            }
        }

        private void Flush()
        {
            if (_lineStart > 0)
            {
                var text = Collapse(_line);
                if (text.Length > 0)
                {
                    Lines.Add(new TextLine(text, _lineStart, _section));
                }
            }

            _line.Clear();
            _lineStart = 0;
        }

        /// <summary>h1 to h6, and a definition list's term ("Connections opened by the server"), which heads its definition.</summary>
        private static bool IsHeading(string name) =>
            name.Length == 2 && ((name[0] == 'h' && name[1] is >= '1' and <= '6') || name == "dt");
    }
}
