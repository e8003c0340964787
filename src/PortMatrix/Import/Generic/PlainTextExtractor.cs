using System.Text.RegularExpressions;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Plain text: blocks of lines whose cells are separated by pipes, tabs or aligned runs of two or more
/// spaces become tables; short lines standing alone (or underlined, or in capitals, or ending in a colon
/// before a list) become headings; every other line is a <see cref="TextLine"/>. A line that ends inside
/// a range ("10000 to") is joined with the next.
/// </summary>
internal sealed partial class PlainTextExtractor : ITextExtractor
{
    public string Format => "text";

    public bool CanExtract(string path, ReadOnlySpan<byte> head) => true;

    public ExtractedDocument Extract(string path, Stream content) => Extract(path, TextExtraction.ReadText(path, content));

    public ExtractedDocument Extract(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Extract(path, TextExtraction.Lines(text));
    }

    /// <summary>Extracts from lines already split (line 1 first).</summary>
    public ExtractedDocument Extract(string path, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var tables = new List<TextTable>();
        var textLines = new List<TextLine>();
        Segment(lines, 1, null, tables, textLines);
        return new ExtractedDocument(path, Format, tables, textLines) { Title = TextExtraction.FirstLineTitle(lines) };
    }

    private enum Split
    {
        None,
        Pipes,
        Tabs,
        Spaces,
    }

    /// <summary>Splits lines (the first is document line <paramref name="firstLine"/>) into tables, headings and text lines.</summary>
    internal static string? Segment(IReadOnlyList<string> lines, int firstLine, string? section, List<TextTable> tables, List<TextLine> textLines)
    {
        var count = Math.Min(lines.Count, ExtractionLimits.MaxLines);
        var i = 0;
        var records = new RecordTable();
        TextTable? lastTable = null;
        var lastSplit = Split.None;
        var lastWidth = 0;
        while (i < count)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < count && lines[j].Trim().Length > 0)
            {
                j++;
            }

            var blankBefore = i == 0 || lines[i - 1].Trim().Length == 0;
            var block = new List<string>(j - i);
            for (var k = i; k < j; k++)
            {
                block.Add(lines[k]);
            }

            // A heading alone in its block.
            if (block.Count == 1 && blankBefore && IsStandaloneHeading(block[0]))
            {
                section = CleanHeading(block[0]);
                lastTable = null;
                i = j;
                continue;
            }

            // "Service: SMTP / Protocol: TCP / Port: 25": one record of fields per block, the blocks one table.
            if (RecordTable.Fields(block, firstLine + i) is { } fields)
            {
                records.Add(fields, section);
                lastTable = null;
                i = j;
                continue;
            }

            // "Destination port: 5060   Protocol: UDP   Direction: in": a record per line, its fields apart by spaces.
            if (RecordTable.LineRecords(block, firstLine + i) is { } lineRecords)
            {
                foreach (var record in lineRecords)
                {
                    records.Add(record, section);
                }

                lastTable = null;
                i = j;
                continue;
            }

            records.Flush(tables);
            var split = TabularSplit(block);
            string? title = null;
            if (split != Split.None)
            {
                // Headings written straight above a table ("INBOUND", "Ports:") are its section, not its rows.
                var peeled = 0;
                while (peeled < block.Count - 2 && IsHeadingAboveTable(block[peeled]))
                {
                    title = CleanHeading(block[peeled]);
                    peeled++;
                }

                if (peeled > 0)
                {
                    section = title;
                    block.RemoveRange(0, peeled);
                    i += peeled;
                }
            }

            if (split != Split.None)
            {
                var rows = SplitRows(block, split, firstLine + i, out var width);
                if (lastTable is not null && split == lastSplit && Math.Abs(width - lastWidth) <= 1 && title is null)
                {
                    // The same table continued after a blank line.
                    var merged = lastTable.Rows.Concat(rows).ToList();
                    lastTable = lastTable with { Rows = merged };
                    tables[^1] = lastTable;
                }
                else if (rows.Count > 0)
                {
                    lastTable = new TextTable(rows, section, "text " + split.ToString().ToLowerInvariant());
                    tables.Add(lastTable);
                    lastSplit = split;
                    lastWidth = width;
                }

                i = j;
                continue;
            }

            lastTable = null;
            string? lead = null;
            var leadFromItem = false;
            for (var k = 0; k < block.Count; k++)
            {
                var line = block[k];
                var number = firstLine + i + k;
                var span = line.AsSpan().Trim();
                if (span.StartsWith('#') && !IsRootPrompt(line))
                {
                    section = CleanHeading(line);
                    continue;
                }

                if (k + 1 < block.Count && span.Length <= 100 && IsRule(block[k + 1].AsSpan().Trim()) && Underline().IsMatch(block[k + 1]))
                {
                    section = CleanHeading(line);
                    k++;
                    continue;
                }

                if (IsRule(span) && Underline().IsMatch(line))
                {
                    continue;
                }

                if (k + 1 < block.Count && span.EndsWith(':') && IsLeadInHeading(line))
                {
                    section = CleanHeading(line);
                    continue;
                }

                // "Direction: outbound (from the server)" over indented lines says which way they go.
                if (k + 1 < block.Count && DirectionLead().IsMatch(line)
                    && block[k + 1].Length - block[k + 1].TrimStart().Length > line.Length - line.TrimStart().Length)
                {
                    section = CleanHeading(line);
                    continue;
                }

                if (span.Length is >= 4 and <= 60 && !span.ContainsAnyInRange('a', 'z') && IsCapitalHeading(line))
                {
                    section = CleanHeading(line);
                    continue;
                }

                // "1. Traffic to the server (inbound)" over indented items: a numbered heading of an outline.
                if (k + 1 < block.Count && IsOutlineHeading(line, block[k + 1]))
                {
                    section = CleanHeading(StripSectionNumber(line.Trim()));
                    continue;
                }

                var text = line.Trim();
                while (TextExtraction.EndsMidPhrase(text) && k + 1 < block.Count && TextExtraction.StartsWithDigit(block[k + 1]))
                {
                    k++;
                    text = text + " " + block[k].Trim();
                }

                if (k + 1 < block.Count && SettingRange(text, block[k + 1].Trim()) is { } range)
                {
                    // "rtp_port_min = 10000" over "rtp_port_max = 20000", "rtpstart=10000" over "rtpend=20000": one range.
                    text = range;
                    k++;
                }

                // A list item's sentence goes on only on the indented lines under it.
                var startsItem = Titles.StripListMarker(text) != text;
                if (leadFromItem && !char.IsWhiteSpace(line, 0))
                {
                    lead = null;
                    leadFromItem = false;
                }

                textLines.Add(new TextLine(text, number, section) { Lead = startsItem ? null : lead });
                lead = TextExtraction.NextLead(startsItem ? null : lead, text);
                leadFromItem = startsItem || (leadFromItem && lead is not null);
            }

            i = j;
        }

        records.Flush(tables);
        return section;
    }

    /// <summary>
    /// Blocks of "Key: value" lines whose keys read as column headers (Service, Protocol, Port, Direction…), one
    /// block per flow: they become one table whose header is the keys in the order first seen, each block a row,
    /// and each value a cell on its own line.
    /// </summary>
    private sealed class RecordTable
    {
        private readonly List<string> _keys = [];
        private readonly List<TableRow> _rows = [];
        private string? _section;

        /// <summary>The (key, value, line) fields of a record block, or null when the block is not one.</summary>
        public static List<(string Key, string Value, int Line)>? Fields(List<string> block, int firstLine)
        {
            if (block.Count < 2 || block.Count > 20)
            {
                return null;
            }

            var fields = new List<(string, string, int)>(block.Count);
            var roles = new HashSet<ColumnRole>();
            for (var k = 0; k < block.Count; k++)
            {
                var line = block[k].Trim();
                if (line.Length >= 3 && line.AsSpan().IndexOfAnyExcept("-=_*~#") < 0)
                {
                    // A rule line between records.
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (fields.Count == 0 && block.Count >= 3 && line.Length <= 40 && (colon < 0 || colon == line.Length - 1) && line.Any(char.IsLetter))
                {
                    // "Rule 3" or "Flow 2 (REMOVE):" over the fields: the record's name.
                    fields.Add(("Name", line.TrimEnd(':').Trim(), firstLine));
                    continue;
                }

                if (k > 0 && colon < 0 && block[k].Length - block[k].TrimStart().Length >= 4 && fields.Count > 0)
                {
                    // A value wrapped onto an indented line of its own.
                    var (lastKey, lastValue, lastLine) = fields[^1];
                    fields[^1] = (lastKey, lastValue + " " + line, lastLine);
                    continue;
                }

                if (colon <= 0 || colon > 40 || colon == line.Length - 1)
                {
                    return null;
                }

                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (value.Length == 0 || ColumnRoles.HeaderScore(key) < 1)
                {
                    return null;
                }

                roles.Add(ColumnRoles.Classify(key).Role);
                fields.Add((key, value, firstLine + k));
            }

            // "Service : TCP 5010": a field that holds a transport and a port stands for the port field.
            var ports = roles.Contains(ColumnRole.Port) || roles.Contains(ColumnRole.LocalPort) || roles.Contains(ColumnRole.RemotePort)
                || (roles.Contains(ColumnRole.Source) && roles.Contains(ColumnRole.Destination)
                    && fields.Exists(f => PortPhrases.Read(f.Item2, PhraseMode.Text).Mentions.Any(m => m.Transports.Count > 0)));
            return ports && roles.Count >= 2 ? fields : null;
        }

        /// <summary>The records of a block whose every line holds two or more "Key: value" fields apart by gaps; else null.</summary>
        public static List<List<(string Key, string Value, int Line)>>? LineRecords(List<string> block, int firstLine)
        {
            var records = new List<List<(string, string, int)>>(block.Count);
            for (var k = 0; k < block.Count; k++)
            {
                var parts = SpaceRun().Split(block[k].Trim());
                if (parts.Length < 2 || Fields([.. parts], firstLine + k) is not { } fields)
                {
                    return null;
                }

                records.Add(fields.Select(f => (f.Key, f.Value, firstLine + k)).ToList());
            }

            return records.Count > 0 ? records : null;
        }

        public void Add(List<(string Key, string Value, int Line)> fields, string? section)
        {
            if (_rows.Count == 0)
            {
                _section = section;
            }

            var cells = new List<TableCell>(fields.Count);
            foreach (var (key, value, line) in fields)
            {
                var column = _keys.FindIndex(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                if (column < 0)
                {
                    _keys.Add(key);
                    column = _keys.Count - 1;
                }

                cells.Add(new TableCell(value, line, column + 1));
            }

            _rows.Add(new TableRow(cells, fields[0].Line));
        }

        /// <summary>Adds the records read so far as one table (the keys as its header row) and starts over.</summary>
        public void Flush(List<TextTable> tables)
        {
            if (_rows.Count > 0)
            {
                tables.Add(new TextTable([Header(), .. _rows], _section, "text records"));
            }

            _keys.Clear();
            _rows.Clear();
            _section = null;
        }

        private TableRow Header() =>
            new(_keys.Select((k, i) => new TableCell(k, _rows[0].Line, i + 1)).ToList(), _rows[0].Line);
    }

    /// <summary>
    /// Two settings that give the two ends of one range ("rtp_port_min = 10000" and "rtp_port_max = 20000"), as
    /// one line "rtp port range = 10000-20000" with both comments; null when the lines are not such a pair.
    /// </summary>
    internal static string? SettingRange(string first, string second)
    {
        // Cheap test first: a setting is one word, then "=" or ":".
        if (!IsSetting(first) || !IsSetting(second))
        {
            return null;
        }

        var low = SettingEdge().Match(first);
        var high = SettingEdge().Match(second);
        if (!low.Success || !high.Success
            || !string.Equals(low.Groups["name"].Value, high.Groups["name"].Value, StringComparison.OrdinalIgnoreCase)
            || low.Groups["edge"].Value.ToLowerInvariant() is not ("min" or "start" or "low" or "first" or "begin" or "from")
            || high.Groups["edge"].Value.ToLowerInvariant() is not ("max" or "end" or "high" or "last" or "to"))
        {
            return null;
        }

        var name = low.Groups["name"].Value.Replace('_', ' ').Replace('-', ' ').Replace('.', ' ').Trim();
        var port = ColumnRoles.Words(name).Exists(w => w is "port" or "ports") ? "" : " port";
        var rest = (low.Groups["rest"].Value.Trim() + " " + high.Groups["rest"].Value.Trim()).Trim();
        return $"{name}{port} range = {low.Groups["value"].Value}-{high.Groups["value"].Value}{(rest.Length > 0 ? " " + rest : "")}";
    }

    private static bool IsSetting(string line)
    {
        var at = line.AsSpan().IndexOfAny('=', ':');
        return at > 0 && !line.AsSpan(0, at).Trim().Contains(' ');
    }

    [GeneratedRegex(@"^\s*(?:direction|traffic|flow)\s*[:=]\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionLead();

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9_.-]*?)[_.-]?(?<edge>min|max|start|end|low|high|first|last|begin|from|to)\s*[=:]\s*(?<value>\d{1,5})(?<rest>\s*(?:[;#].*)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingEdge();

    /// <summary>A line above a table's rows that has no column gaps and reads as a heading.</summary>
    private static bool IsHeadingAboveTable(string line)
    {
        var t = line.AsSpan().Trim();
        return t.Length is > 1 and <= 80 && !HasInnerGap(t) && !t.Contains('|') && !IsRule(t)
            && (IsCapitalHeading(line) || IsLeadInHeading(line) || (t.StartsWith('#') && !IsRootPrompt(line)));
    }

    private static string CleanHeading(string line) =>
        Titles.Squash(line.Trim().TrimStart('#').Trim().TrimEnd('#').Trim().TrimEnd(':').Trim());

    private static bool IsStandaloneHeading(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('#'))
        {
            return !IsRootPrompt(line);
        }

        return t.Length is > 1 and <= 80 && !t.EndsWith('.') && !t.EndsWith(',') && !t.EndsWith(';') && t.Any(char.IsLetter)
            && Titles.StripListMarker(t) == t && !PortPhrases.Read(t, PhraseMode.Text).LooksLikePorts && !t.Contains('\t')
            && !t.Contains("  ", StringComparison.Ordinal) && !t.Contains('|');
    }

    /// <summary>"  # firewall-cmd --add-port=5060/udp": a root shell prompt, indented or followed by a command, is not a heading.</summary>
    internal static bool IsRootPrompt(string line)
    {
        if (line.Length > 0 && char.IsWhiteSpace(line[0]))
        {
            return true;
        }

        var rest = line.TrimStart('#').TrimStart();
        var command = rest.Split(' ', 2)[0];
        return command is "firewall-cmd" or "iptables" or "ip6tables" or "nft" or "ufw" or "sudo" or "netsh" or "semanage" or "systemctl"
            or "docker" or "podman" or "kubectl";
    }

    /// <summary>"2. Traffic from the gateway (outbound)": a numbered line without ports, over lines indented deeper.</summary>
    private static bool IsOutlineHeading(string line, string next)
    {
        var t = line.Trim();
        if (t.Length is < 4 or > 90 || t.Length == 0 || !char.IsDigit(t[0]))
        {
            return false;
        }

        var title = StripSectionNumber(t);
        return title.Length < t.Length && title.Length >= 3 && !title.EndsWith('.') && !title.EndsWith(',') && title.Any(char.IsLetter)
            && Indent(next) > Indent(line) && next.Trim().Length > 0 && !PortPhrases.Read(title, PhraseMode.Text).LooksLikePorts;
    }

    /// <summary>"3.3 Removed", "2.1.4 Media", "2) Traffic": the title after a section number.</summary>
    private static string StripSectionNumber(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsDigit(text[i]) || (text[i] == '.' && i > 0 && char.IsDigit(text[i - 1]))))
        {
            i++;
        }

        return i > 0 && i < text.Length && text[i] == ' ' && text.IndexOf('.') is > 0 and var dot && dot < i ? text[(i + 1)..].Trim() : Titles.StripListMarker(text);
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    /// <summary>"Inbound ports:" above a list.</summary>
    private static bool IsLeadInHeading(string line)
    {
        var t = line.Trim();
        return t.Length is > 1 and <= 60 && t.EndsWith(':') && Titles.StripListMarker(t) == t && !PortPhrases.Read(t, PhraseMode.Text).LooksLikePorts;
    }

    /// <summary>"INGRESS CONNECTIONS": a short line in capitals.</summary>
    private static bool IsCapitalHeading(string line)
    {
        var t = line.Trim();
        if (t.Length is < 4 or > 60 || Titles.StripListMarker(t) != t)
        {
            return false;
        }

        var letters = 0;
        foreach (var c in t)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters >= 4 && !t.Any(char.IsDigit) && !PortPhrases.Read(t, PhraseMode.Text).LooksLikePorts && ColumnRoles.Words(t).Count <= 6
            && !ColumnRoles.Words(t).TrueForAll(w => w is "tcp" or "udp" or "tls" or "sip" or "http" or "https");
    }

    private static Split TabularSplit(List<string> block)
    {
        // A block of shell commands ("iptables -A INPUT -p udp --dport 5060 -j ACCEPT") and their comments, or of numbered
        // rules ("Rule 3:  allow SRTP from A to B udp/30000-39999"): lines, not rows.
        if ((block.TrueForAll(l => IsRootPrompt(l.Trim()) || l.TrimStart().StartsWith('#') || l.Trim().Length == 0)
                && block.Exists(l => IsRootPrompt(l.Trim())))
            || block.Count(l => NumberedRule().IsMatch(l)) * 2 > block.Count)
        {
            return Split.None;
        }

        // The first lines decide: a table's rows look alike, and a long block must stay linear.
        int content = 0, bullets = 0, pipes = 0, tabs = 0, spaced = 0;
        var lastSpaced = false;
        foreach (var line in block)
        {
            if (content >= 400)
            {
                break;
            }

            var t = line.AsSpan().Trim();
            if (IsRule(t) || (lastSpaced && IsContinuation(line)))
            {
                // A rule, or the wrapped rest of the cell above ("Calls from the" / "carrier"): not a row of its own.
                continue;
            }

            lastSpaced = HasInnerGap(t);
            content++;
            bullets += HasListMarker(t) ? 1 : 0;
            var inner = t.Trim('|');
            pipes += inner.Contains('|') ? 1 : 0;
            tabs += t.Contains('\t') ? 1 : 0;
            spaced += HasInnerGap(t) ? 1 : 0;
        }

        if (content < 2 || bullets * 2 > content)
        {
            return Split.None;
        }

        if (pipes * 10 >= content * 6)
        {
            return Split.Pipes;
        }

        if (tabs * 10 >= content * 6)
        {
            return Split.Tabs;
        }

        return spaced >= 2 && spaced * 10 >= content * 6 ? Split.Spaces : Split.None;
    }

    /// <summary>An indented line with no column gap: in an aligned table, the wrapped rest of a cell above.</summary>
    private static bool IsContinuation(string line)
    {
        var indent = line.Length - line.TrimStart().Length;
        var t = line.AsSpan().Trim();
        return indent >= 4 && t.Length > 0 && !HasInnerGap(t) && !t.Contains('|');
    }

    /// <summary>An underline or a table rule ("-----", "===", "|---|---|", "+----+").</summary>
    private static bool IsRule(ReadOnlySpan<char> t)
    {
        if (t.Length < 3)
        {
            return false;
        }

        var dashes = 0;
        foreach (var c in t)
        {
            if (c is '-' or '=' or '~' or '^' or '*' or '_')
            {
                dashes++;
            }
            else if (c is not ('|' or '+' or ':' or ' ' or '\t'))
            {
                return false;
            }
        }

        return dashes >= 3;
    }

    private static bool HasListMarker(ReadOnlySpan<char> t)
    {
        if (t.Length >= 2 && t[0] is '-' or '*' or '+' or '\u2022' && t[1] == ' ')
        {
            return true;
        }

        var i = 0;
        while (i < t.Length && i < 3 && char.IsDigit(t[i]))
        {
            i++;
        }

        return i > 0 && i + 1 < t.Length && t[i] is '.' or ')' && t[i + 1] == ' ';
    }

    /// <summary>Two spaces or a tab between non-blank characters.</summary>
    private static bool HasInnerGap(ReadOnlySpan<char> t)
    {
        for (var i = 1; i + 1 < t.Length; i++)
        {
            if ((t[i] == ' ' && t[i + 1] == ' ') || t[i] == '\t')
            {
                return t[..i].Trim().Length > 0 && t[(i + 1)..].Trim().Length > 0;
            }
        }

        return false;
    }

    private static List<TableRow> SplitRows(List<string> block, Split split, int firstLine, out int width)
    {
        var rows = new List<TableRow>(block.Count);
        var boundaries = split == Split.Spaces ? AlignedBoundaries(block) : null;
        for (var k = 0; k < block.Count; k++)
        {
            var line = block[k];
            if (Underline().IsMatch(line) || SeparatorRow().IsMatch(line))
            {
                continue;
            }

            var number = firstLine + k;
            if (boundaries is { Count: > 0 } && rows.Count > 0 && IsContinuation(line))
            {
                // The wrapped rest of a cell: it goes on the cell of the row above whose column it starts in.
                var column = boundaries.Count(g => g.End <= line.Length - line.TrimStart().Length) + 1;
                var above = rows[^1];
                var at = above.Cells.ToList().FindIndex(c => c.Column == column);
                if (at >= 0)
                {
                    var cellsAbove = above.Cells.ToList();
                    cellsAbove[at] = cellsAbove[at] with { Text = (cellsAbove[at].Text + " " + line.Trim()).Trim() };
                    rows[^1] = above with { Cells = cellsAbove };
                }

                continue;
            }

            List<string> cells = split switch
            {
                Split.Pipes => PipeCells(line),
                Split.Tabs => [.. line.Trim('\r', '\n').Split('\t')],
                _ => boundaries is { Count: > 0 } ? Cut(line, boundaries) : [.. SpaceRun().Split(line.Trim())],
            };

            var list = new List<TableCell>(cells.Count);
            for (var c = 0; c < cells.Count; c++)
            {
                var text = cells[c].Trim();
                list.Add(new TableCell(text.Length > ExtractionLimits.MaxCellLength ? text[..ExtractionLimits.MaxCellLength] : text, number, c + 1));
            }

            rows.Add(new TableRow(list, number));
        }

        width = rows.Count == 0 ? 0 : rows.GroupBy(r => r.Cells.Count(c => c.Text.Length > 0)).OrderByDescending(g => g.Count()).First().Key;
        return rows;
    }

    private static List<string> PipeCells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|'))
        {
            t = t[1..];
        }

        if (t.EndsWith('|'))
        {
            t = t[..^1];
        }

        return [.. t.Split('|')];
    }

    /// <summary>Character positions where every line of an aligned block has a gap of two or more spaces.</summary>
    /// <remarks>
    /// Where the block has a rule of dashes under its header ("-----  -------  ----"), a gap of the rule is a
    /// column gap even when one row in ten runs across it ("Port: Configurable" over two columns), so that row
    /// does not merge two columns for every row.
    /// </remarks>
    private static List<(int Start, int End)> AlignedBoundaries(List<string> block)
    {
        var rule = block.FirstOrDefault(l => DashRule().IsMatch(l));
        var content = block.Where(l => InnerGap().IsMatch(l.Trim()) && !Underline().IsMatch(l) && !SeparatorRow().IsMatch(l)).ToList();
        var max = content.Count == 0 ? 0 : content.Max(l => l.Length);
        var crossing = new int[max];
        foreach (var l in content)
        {
            for (var p = 0; p < l.Length; p++)
            {
                if (l[p] != ' ')
                {
                    crossing[p]++;
                }
            }
        }

        var blank = new bool[max];
        for (var p = 0; p < max; p++)
        {
            blank[p] = crossing[p] == 0;
        }

        var gaps = new List<(int Start, int End)>();
        var p0 = 0;
        while (p0 < max && blank[p0])
        {
            p0++;
        }

        for (var p = p0; p < max; p++)
        {
            if (!blank[p])
            {
                continue;
            }

            var q = p;
            while (q < max && blank[q])
            {
                q++;
            }

            if (q - p >= 2 && q < max)
            {
                gaps.Add((p, q));
            }

            p = q;
        }

        // A gap of the rule that no blank column matches, crossed by at most one row in ten: a column gap too.
        var tolerated = rule is null || content.Count < 4 ? 0 : Math.Max(1, content.Count / 10);
        if (tolerated > 0)
        {
            var added = false;
            foreach (var (a, b) in RuleGaps(rule!))
            {
                if (b >= max || gaps.Exists(g => g.Start < b && a < g.End))
                {
                    continue;
                }

                var ok = true;
                for (var p = a; p < b && ok; p++)
                {
                    ok = crossing[p] <= tolerated;
                }

                if (ok)
                {
                    gaps.Add((a, b));
                    added = true;
                }
            }

            if (added)
            {
                gaps.Sort();
            }
        }

        return gaps;
    }

    /// <summary>The runs of spaces between the dashes of a rule line.</summary>
    private static List<(int Start, int End)> RuleGaps(string rule)
    {
        var gaps = new List<(int Start, int End)>();
        var p = rule.IndexOf('-', StringComparison.Ordinal);
        while (p >= 0 && p < rule.Length)
        {
            while (p < rule.Length && rule[p] == '-')
            {
                p++;
            }

            var q = p;
            while (q < rule.Length && rule[q] != '-')
            {
                q++;
            }

            if (q < rule.Length)
            {
                gaps.Add((p, q));
            }

            p = q;
        }

        return gaps;
    }

    /// <summary>
    /// Cuts a line at the column gaps. Text running across a gap belongs to the column it starts in; the
    /// columns it covers are left empty, so the later cells stay under their headers.
    /// </summary>
    private static List<string> Cut(string line, List<(int Start, int End)> gaps)
    {
        var cells = new List<string>(gaps.Count + 1);
        var from = 0;
        var covered = 0;
        foreach (var (start, end) in gaps)
        {
            if (!IsBlank(line, start, end))
            {
                covered++;
                continue;
            }

            cells.Add(from < line.Length ? line[from..Math.Min(start, line.Length)] : "");
            for (; covered > 0; covered--)
            {
                cells.Add("");
            }

            from = end;
        }

        cells.Add(from < line.Length ? line[from..] : "");
        for (; covered > 0; covered--)
        {
            cells.Add("");
        }

        return cells;
    }

    private static bool IsBlank(string line, int start, int end)
    {
        for (var p = start; p < end && p < line.Length; p++)
        {
            if (!char.IsWhiteSpace(line[p]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\s*-{3,}(?:[ \t]+-{3,})+\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex DashRule();

    [GeneratedRegex(@"^\s*[=\-~^*_]{3,}\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex Underline();

    [GeneratedRegex(@"^\s*[|+]?\s*:?-{3,}:?\s*(?:[|+]\s*:?-{3,}:?\s*)*[|+]?\s*$|^\s*-{3,}(?:\s{2,}-{3,})+\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex SeparatorRow();

    [GeneratedRegex(@"\S {2,}\S|\S\t+\S", RegexOptions.NonBacktracking)]
    private static partial Regex InnerGap();

    [GeneratedRegex(@"^\s*(?:rule|step|item|entry)\s*#?\d+\s*[:.)]", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NumberedRule();

    [GeneratedRegex(@" {2,}|\t+", RegexOptions.NonBacktracking)]
    private static partial Regex SpaceRun();
}
