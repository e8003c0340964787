using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableCell = Markdig.Extensions.Tables.TableCell;
using MdTableRow = Markdig.Extensions.Tables.TableRow;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Markdown (Markdig): pipe and grid tables with the line of every cell, headings as sections, bullet
/// and numbered list items and paragraphs as text lines (one per source line, a range broken across two
/// lines joined), code blocks read as plain text (they often hold aligned port tables).
/// </summary>
internal sealed class MarkdownExtractor : ITextExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().UseYamlFrontMatter().Build();

    public string Format => "markdown";

    public bool CanExtract(string path, ReadOnlySpan<byte> head) =>
        TextExtraction.Extension(path) is ".md" or ".markdown" or ".mdown" or ".mkd";

    public ExtractedDocument Extract(string path, Stream content) => Extract(path, TextExtraction.ReadText(path, content));

    public ExtractedDocument Extract(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, Pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new PortMatrixException($"'{path}' could not be read as Markdown: {e.Message}", path, "Check the file, or import it as plain text.", e);
        }

        var walker = new Walker();
        walker.Blocks(document);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault();
        var title = heading is null || heading.Span.Start < 0 || heading.Span.Start >= text.Length ? null
            : TextExtraction.FirstLineTitle([text[heading.Span.Start..(text.IndexOf('\n', heading.Span.Start) is var end and >= 0 ? end : text.Length)]]);
        return new ExtractedDocument(path, Format, walker.Tables, walker.TextLines) { Title = title };
    }

    /// <summary>Whether text looks like Markdown: a pipe-table separator or ATX headings.</summary>
    public static bool LooksLikeMarkdown(string text)
    {
        var headings = 0;
        var start = 0;
        for (var n = 0; n < 400 && start < text.Length; n++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var raw = text.AsSpan(start, end - start);
            var line = raw.Trim();
            if (line.Length >= 5 && line.IndexOf("---", StringComparison.Ordinal) >= 0 && line.Contains('|') && IsSeparator(line))
            {
                return true;
            }

            // "  # firewall-cmd --add-port=5060/udp" in a text file is a root prompt, not a heading.
            if (line.Length > 2 && line[0] == '#' && (line[1] == ' ' || (line[1] == '#' && line.Length > 3)) && !PlainTextExtractor.IsRootPrompt(raw.TrimEnd().ToString()))
            {
                headings++;
            }

            start = end + 1;
        }

        return headings >= 2;
    }

    private static bool IsSeparator(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c is not ('|' or '-' or ':' or ' ' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Walker
    {
        private string? _section;

        public List<TextTable> Tables { get; } = [];

        public List<TextLine> TextLines { get; } = [];

        public void Blocks(ContainerBlock container)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        var title = Titles.Squash(Text(heading.Inline));
                        if (PortPhrases.Read(title, PhraseMode.Text).Mentions.Any(m => m.Transports.Count > 0))
                        {
                            // "### 5061/TCP - SIP over TLS": a heading that is itself a port, read with the paragraph under it.
                            TextLines.Add(new TextLine(title, heading.Line + 1, _section));
                            _portHeading = TextLines.Count - 1;
                        }

                        _section = title;
                        break;
                    case MdTable table:
                        Table(table);
                        break;
                    case ParagraphBlock paragraph:
                        Paragraph(paragraph);
                        break;
                    case Markdig.Extensions.Yaml.YamlFrontMatterBlock front:
                        // "title: Ports" / "description: Network ports used by Roamgate Mobility Gateway 5.2": lines of their own.
                        foreach (var line in front.Lines.Lines.Take(front.Lines.Count).Select((l, k) => (Text: l.Slice.ToString().Trim(), Line: front.Line + 1 + k)))
                        {
                            if (line.Text.Length > 0 && line.Text != "---")
                            {
                                TextLines.Add(new TextLine(line.Text, line.Line, null));
                            }
                        }

                        break;
                    case CodeBlock code:
                        Code(code);
                        break;
                    case HtmlBlock:
                    case ThematicBreakBlock:
                        break;
                    case ContainerBlock inner:
                        Blocks(inner);
                        break;
                }
            }
        }

        private void Table(MdTable table)
        {
            var rows = new List<TableRow>();
            foreach (var block in table)
            {
                if (block is not MdTableRow row)
                {
                    continue;
                }

                var cells = new List<TableCell>();
                var column = 1;
                foreach (var inner in row)
                {
                    if (inner is not MdTableCell cell)
                    {
                        continue;
                    }

                    var text = CellText(cell);
                    cells.Add(new TableCell(text, cell.Line + 1, column));
                    for (var span = 1; span < cell.ColumnSpan; span++)
                    {
                        // A cell spanning columns stands in each of them.
                        cells.Add(new TableCell(text, cell.Line + 1, column + span));
                    }

                    column += Math.Max(1, cell.ColumnSpan);
                }

                rows.Add(new TableRow(cells, row.Line + 1));
            }

            if (rows.Count > 0)
            {
                Tables.Add(new TextTable(rows, _section, "markdown table"));
            }
        }

        private static string CellText(MdTableCell cell)
        {
            var sb = new StringBuilder();
            foreach (var block in cell)
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                if (block is LeafBlock { Inline: not null } leaf)
                {
                    sb.Append(Text(leaf.Inline));
                }
            }

            var text = sb.ToString().Trim();
            return text.Length > ExtractionLimits.MaxCellLength ? text[..ExtractionLimits.MaxCellLength] : text;
        }

        private void Paragraph(ParagraphBlock paragraph)
        {
            if (paragraph.Inline is null)
            {
                return;
            }

            // "**Inbound (the connector listens)**" alone in its paragraph: a heading written in bold.
            if (paragraph.Inline.FirstChild is EmphasisInline { DelimiterCount: 2 } strong && strong.NextSibling is null
                && Titles.Squash(Text(paragraph.Inline)) is { Length: > 0 and <= 80 } bold && !bold.Any(char.IsDigit))
            {
                _section = bold.TrimEnd(':');
                _portHeading = null;
                return;
            }

            // One text line per source line, so every flow cites its own line.
            var segments = new List<(int Line, StringBuilder Text)>();
            var current = new StringBuilder();
            var currentLine = paragraph.Line + 1;
            foreach (var inline in paragraph.Inline)
            {
                if (inline is LineBreakInline)
                {
                    segments.Add((currentLine, current));
                    current = new StringBuilder();
                    currentLine = -1;
                    continue;
                }

                if (currentLine < 0)
                {
                    currentLine = inline.Line + 1;
                }

                Append(current, inline);
            }

            segments.Add((currentLine < 0 ? paragraph.Line + 1 : currentLine, current));
            string? lead = null;
            for (var k = 0; k < segments.Count; k++)
            {
                var (line, sb) = segments[k];
                var text = sb.ToString().Trim();
                while (TextExtraction.EndsMidPhrase(text) && k + 1 < segments.Count && TextExtraction.StartsWithDigit(segments[k + 1].Text.ToString()))
                {
                    k++;
                    text = text + " " + segments[k].Text.ToString().Trim();
                }

                if (text.Length > 0)
                {
                    if (_portHeading is { } at)
                    {
                        var end = text.IndexOf(". ", StringComparison.Ordinal);
                        TextLines[at] = TextLines[at] with { Below = end > 0 ? text[..(end + 1)] : text };
                        _portHeading = null;
                    }

                    TextLines.Add(new TextLine(text, line, _section) { Lead = lead });
                    lead = TextExtraction.NextLead(lead, text);
                }
            }
        }

        /// <summary>The text line of the last heading that names a port, until the paragraph under it is read.</summary>
        private int? _portHeading;

        private void Code(CodeBlock code)
        {
            var first = code.Line + 1;
            var body = new List<string>();
            if (code.Lines.Count == 0)
            {
                // An empty block, or a fence the document ends right after (Markdig gives it no line array).
                return;
            }

            foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
            {
                body.Add(line.Slice.ToString());
            }

            // A fenced block's first line is its fence; its content starts one line later.
            if (code is FencedCodeBlock)
            {
                first++;
            }

            _section = PlainTextExtractor.Segment(body, first, _section, Tables, TextLines);
        }

        private static string Text(ContainerInline? inline)
        {
            var sb = new StringBuilder();
            if (inline is not null)
            {
                foreach (var child in inline)
                {
                    Append(sb, child);
                }
            }

            return sb.ToString();
        }

        private static void Append(StringBuilder sb, Inline inline)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline link:
                    sb.Append(link.Url);
                    break;
                case HtmlInline html:
                    if (html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase))
                    {
                        sb.Append('\n');
                    }

                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(sb, child);
                    }

                    break;
            }
        }
    }
}
