using System.Text.RegularExpressions;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>Reads semi-structured protocol blocks with IN/OUT directions, as in the Imagicle network setup page (seed 002).</summary>
/// <remarks>
/// The page is a web table flattened to text. Each section has a heading, an intro and a header spread over
/// several lines, in one of three kinds: "Protocol Direction … (Remote peer) … (Imagicle Server) … Usage"
/// (direction tables), "Protocol TCP/UDP Ports (from/to … Nodes) Usage" (cluster tables) and the four
/// paragraphs "Protocol", "From", "To", "Usage" (from/to tables). Rows come either as one line holding all
/// columns or as one paragraph per column, and mixtures of both; a paragraph that holds only port phrases
/// is one cell. Directions are the server's point of view: OUT opens from the server to the remote peer.
/// </remarks>
public sealed partial class DirectionBlockReader : IDocumentReader
{
    private const string DefaultServerName = "Imagicle Server";

    public string Layout => "direction-blocks";

    public double Match(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var headers = FindHeaders(document);
        if (headers.Count == 0)
        {
            return 0;
        }

        // A direction header with at least one "IN/OUT TCP 1234"-like row is this layout for sure;
        // the other header kinds alone are plausible but weaker evidence.
        var hasDirectionRow = document.Lines.Any(l => DirectionThenPort().IsMatch(l));
        return headers.Any(h => h.Kind == HeaderKind.Direction) && hasDirectionRow ? 0.9 : 0.4;
    }

    public ImportResult Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = new ReadState(document);
        var headers = FindHeaders(document);
        var sections = new List<Section>();
        foreach (var header in headers)
        {
            var heading = FindHeading(document, header.Start);
            var headingText = heading is null ? null : document.Line(heading.Value).Trim();
            sections.Add(new Section(header, heading, headingText, headingText is null ? null : SubjectOf(headingText)));
        }

        var covered = new bool[document.Lines.Count + 1];
        for (var k = 0; k < sections.Count; k++)
        {
            var s = sections[k];
            var bodyStart = s.Header.End + 1;
            var bodyEnd = k + 1 < sections.Count ? (sections[k + 1].HeadingLine ?? sections[k + 1].Header.Start) - 1 : document.Lines.Count;
            for (var n = s.Header.Start; n <= Math.Max(s.Header.End, bodyEnd); n++)
            {
                covered[n] = true;
            }

            if (bodyEnd < bodyStart)
            {
                continue;
            }

            switch (s.Header.Kind)
            {
                case HeaderKind.Direction or HeaderKind.Cluster:
                    ReadPortZones(state, s, bodyStart, bodyEnd);
                    break;
                default:
                    ReadFromTo(state, s, bodyStart, bodyEnd);
                    break;
            }
        }

        // Headings, intros and anything outside a table still get the prose check.
        for (var n = 1; n <= document.Lines.Count; n++)
        {
            if (!covered[n])
            {
                state.CheckProse(n, document.Line(n));
            }
        }

        var warnings = state.Warnings
            .GroupBy(w => (w.Line, w.Code))
            .Select(g => g.First())
            .OrderBy(w => w.Line)
            .ToList();
        return new ImportResult(document.Path, Layout, state.Flows, warnings);
    }

    // ---- headers and sections -------------------------------------------------------------------

    private enum HeaderKind
    {
        Direction,
        Cluster,
        FromTo,
    }

    private sealed record Header(HeaderKind Kind, int Start, int End, string ServerName);

    private sealed record Section(Header Header, int? HeadingLine, string? Heading, string? Subject);

    private static List<Header> FindHeaders(SourceDocument document)
    {
        var headers = new List<Header>();
        var count = document.Lines.Count;
        for (var n = 1; n <= count; n++)
        {
            var line = document.Line(n).Trim();
            if (DirectionHeaderStart().IsMatch(line) || ClusterHeaderStart().IsMatch(line))
            {
                // The header runs to its "Usage …" line, a few lines below.
                var end = n;
                var labels = new List<string>();
                for (var m = n + 1; m <= Math.Min(count, n + 10); m++)
                {
                    var t = document.Line(m).Trim();
                    if (ParenLabel().Match(t) is { Success: true } p)
                    {
                        labels.Add(p.Groups[1].Value.Trim());
                    }

                    if (t.StartsWith("Usage", StringComparison.OrdinalIgnoreCase))
                    {
                        end = m;
                        break;
                    }
                }

                if (end == n)
                {
                    continue;
                }

                var kind = DirectionHeaderStart().IsMatch(line) ? HeaderKind.Direction : HeaderKind.Cluster;
                // Labels: the perspective, then the remote peer's, then the server's port column.
                var server = labels.LastOrDefault(l => !l.Contains("Perspective", StringComparison.OrdinalIgnoreCase)
                    && !l.Contains("Remote", StringComparison.OrdinalIgnoreCase)) ?? DefaultServerName;
                headers.Add(new Header(kind, n, end, kind == HeaderKind.Direction ? server : DefaultServerName));
                n = end;
                continue;
            }

            if (line == "Protocol" && NextParagraphs(document, n, 3) is [var from, var to, var usage]
                && document.Line(from).Trim() == "From" && document.Line(to).Trim() == "To" && document.Line(usage).Trim() == "Usage")
            {
                headers.Add(new Header(HeaderKind.FromTo, n, usage, DefaultServerName));
                n = usage;
            }
        }

        return headers;
    }

    /// <summary>The first lines of the next <paramref name="count"/> one-line paragraphs after line <paramref name="n"/>.</summary>
    private static List<int> NextParagraphs(SourceDocument document, int n, int count)
    {
        var found = new List<int>();
        for (var m = n + 1; m <= document.Lines.Count && found.Count < count; m++)
        {
            if (document.Line(m).Trim().Length > 0)
            {
                found.Add(m);
            }
        }

        return found;
    }

    /// <summary>
    /// The section heading above a header: the nearest one-line paragraph that is not a sentence, looking
    /// back over at most the intro paragraph.
    /// </summary>
    private static int? FindHeading(SourceDocument document, int headerStart)
    {
        var n = headerStart - 1;
        for (var paragraph = 0; paragraph < 2; paragraph++)
        {
            while (n >= 1 && document.Line(n).Trim().Length == 0)
            {
                n--;
            }

            if (n < 1)
            {
                return null;
            }

            var last = n;
            while (n >= 1 && document.Line(n).Trim().Length > 0)
            {
                n--;
            }

            var text = document.Line(last).Trim();
            if (last == n + 1 && text.Length <= 100 && !text.EndsWith('.') && !text.EndsWith(':'))
            {
                return last;
            }
        }

        return null;
    }

    /// <summary>The remote side a heading names: "Interactions with the PBX" → "PBX".</summary>
    private static string? SubjectOf(string heading)
    {
        var m = HeadingSubject().Match(heading.Trim());
        if (!m.Success)
        {
            return null;
        }

        var subject = m.Groups["subject"].Value.Trim();
        if (m.Groups["how"].Value.Equals("between", StringComparison.OrdinalIgnoreCase)
            && subject.IndexOf(" and ", StringComparison.OrdinalIgnoreCase) is var cut and > 0)
        {
            subject = subject[..cut];
        }

        return subject.Length == 0 ? null : subject;
    }

    // ---- direction and cluster tables: tokens ---------------------------------------------------

    private enum TokenKind
    {
        Text,
        Direction,
        Port,
        Footnote,
    }

    private enum PhraseKind
    {
        Ports,
        Any,
        Placeholder,
        Unreadable,
    }

    private sealed record Phrase(PhraseKind Kind, Transport Transport, bool Tls, PortExpression? Ports, bool Starred);

    private sealed class Token(TokenKind kind, int line, int paragraph, string text, string lineText)
    {
        public TokenKind Kind { get; set; } = kind;

        public int Line { get; } = line;

        public int Paragraph { get; } = paragraph;

        public string Text { get; } = text;

        /// <summary>The whole (logical) line the token is on, trimmed.</summary>
        public string LineText { get; } = lineText;

        public Phrase? Phrase { get; init; }
    }

    private static List<Token> Tokenize(SourceDocument document, int start, int end)
    {
        var tokens = new List<Token>();
        var paragraph = 0;
        var blank = true;
        var footnote = false;
        for (var n = start; n <= end; n++)
        {
            var text = PortText.Normalize(document.Line(n));
            if (text.Trim().Length == 0)
            {
                blank = true;
                continue;
            }

            if (blank)
            {
                paragraph++;
                footnote = text.TrimStart().StartsWith('*');
                blank = false;
            }

            var line = n;
            // "UDP" alone with the numbers on the next line is one phrase.
            if (PortText.TryTransportWord(text, out _) && n < end && LeadingPortNumber().IsMatch(document.Line(n + 1)))
            {
                text = text.TrimEnd() + " " + PortText.Normalize(document.Line(n + 1)).Trim();
                n++;
            }

            var trimmed = text.Trim();
            if (footnote)
            {
                tokens.Add(new Token(TokenKind.Footnote, line, paragraph, trimmed, trimmed));
                continue;
            }

            var pos = 0;
            foreach (Match m in PortOrDirection().Matches(trimmed))
            {
                AddText(tokens, trimmed[pos..m.Index], line, paragraph, trimmed);
                tokens.Add(m.Groups["dir"].Success
                    ? new Token(TokenKind.Direction, line, paragraph, m.Value, trimmed)
                    : new Token(TokenKind.Port, line, paragraph, m.Value.Trim(), trimmed) { Phrase = ReadPhrase(m) });
                pos = m.Index + m.Length;
            }

            AddText(tokens, trimmed[pos..], line, paragraph, trimmed);
        }

        // A direction word counts only when port phrases follow it.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Direction && (i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.Port))
            {
                tokens[i].Kind = TokenKind.Text;
            }
        }

        return tokens;
    }

    private static void AddText(List<Token> tokens, string text, int line, int paragraph, string lineText)
    {
        var t = text.Trim();
        if (t.Length > 0)
        {
            tokens.Add(new Token(TokenKind.Text, line, paragraph, t, lineText));
        }
    }

    private static Phrase ReadPhrase(Match m)
    {
        if (m.Groups["any"].Success)
        {
            PortText.TryTransportWord(m.Groups["anyt"].Value, out var at);
            return new Phrase(PhraseKind.Any, at.Transport, false, PortExpression.Parse("any"), false);
        }

        PortText.TryTransportWord(m.Groups["t"].Value, out var word);
        var tls = word.Tls || m.Groups["paren"].Value.Contains("SSL", StringComparison.OrdinalIgnoreCase)
            || m.Groups["paren"].Value.Contains("TLS", StringComparison.OrdinalIgnoreCase);
        var starred = m.Groups["star"].Success;
        if (m.Groups["nnn"].Success)
        {
            return new Phrase(PhraseKind.Placeholder, word.Transport, tls, null, starred);
        }

        if (m.Groups["gt"].Success)
        {
            var gt = WhiteSpace().Replace(m.Groups["gt"].Value, "");
            return PortExpression.TryParse(gt, out var above)
                ? new Phrase(PhraseKind.Ports, word.Transport, tls, above, starred)
                : new Phrase(PhraseKind.Unreadable, word.Transport, tls, null, starred);
        }

        return PortText.TryPortList(m.Groups["list"].Value, out var ports)
            ? new Phrase(PhraseKind.Ports, word.Transport, tls, ports, starred)
            : new Phrase(PhraseKind.Unreadable, word.Transport, tls, null, starred);
    }

    // ---- direction and cluster tables: entries --------------------------------------------------

    /// <summary>A port cell: one port phrase, or a paragraph that holds nothing but port phrases.</summary>
    private sealed record Cell(int Line, string Text, IReadOnlyList<Phrase> Phrases)
    {
        public bool IsAny => Phrases.All(p => p.Kind == PhraseKind.Any);
    }

    private static void ReadPortZones(ReadState state, Section section, int bodyStart, int bodyEnd)
    {
        var tokens = Tokenize(state.Document, bodyStart, bodyEnd);
        var lineHasPorts = tokens.Where(t => t.Kind is TokenKind.Port or TokenKind.Direction).Select(t => t.Line).ToHashSet();
        var pureParagraphs = tokens.GroupBy(t => t.Paragraph)
            .Where(g => g.All(t => t.Kind == TokenKind.Port))
            .Select(g => g.Key)
            .ToHashSet();

        // Anchors: a direction word with its port zone (direction tables), or the first port of a zone (cluster tables).
        var zones = new List<(int Anchor, int FirstPort, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var isAnchor = section.Header.Kind == HeaderKind.Direction
                ? tokens[i].Kind == TokenKind.Direction
                : tokens[i].Kind == TokenKind.Port;
            if (!isAnchor)
            {
                continue;
            }

            var first = tokens[i].Kind == TokenKind.Direction ? i + 1 : i;
            var end = first;
            while (end < tokens.Count && tokens[end].Kind == TokenKind.Port)
            {
                end++;
            }

            zones.Add((i, first, end));
            i = end - 1;
        }

        // Ports outside any zone are prose (direction tables only; in cluster tables every port opens a zone).
        var inZone = new bool[tokens.Count];
        foreach (var z in zones)
        {
            for (var i = z.Anchor; i < z.End; i++)
            {
                inZone[i] = true;
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (!inZone[i] && tokens[i].Kind != TokenKind.Footnote)
            {
                tokens[i].Kind = TokenKind.Text;
            }
        }

        var starts = new int[zones.Count];
        for (var k = 0; k < zones.Count; k++)
        {
            starts[k] = ProtocolStart(tokens, zones[k].Anchor, k == 0 ? 0 : zones[k - 1].End, lineHasPorts);
        }

        // The next footnote at or after each token, so a starred port finds its footnote in one step.
        var nextFootnote = new int[tokens.Count + 1];
        nextFootnote[tokens.Count] = -1;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            nextFootnote[i] = tokens[i].Kind == TokenKind.Footnote ? i : nextFootnote[i + 1];
        }

        for (var k = 0; k < zones.Count; k++)
        {
            var (anchor, firstPort, end) = zones[k];
            var service = string.Join(" ", tokens.GetRange(starts[k], anchor - starts[k]).Select(t => t.Text));
            var restEnd = k + 1 < zones.Count ? starts[k + 1] : tokens.Count;
            var purpose = string.Join(" ", tokens.GetRange(end, restEnd - end).TakeWhile(t => t.Kind == TokenKind.Text).Select(t => t.Text));
            string? note = null;
            if (tokens.GetRange(firstPort, end - firstPort).Any(t => t.Phrase!.Starred))
            {
                note = nextFootnote[end] is var f and >= 0
                    ? "footnote: " + tokens[f].Text.TrimStart('*', ' ')
                    : "marked * but the footnote is missing";
            }

            var entry = new Entry(section, service, purpose.Length == 0 ? null : purpose, note);
            var cells = Cells(tokens, firstPort, end, pureParagraphs);
            foreach (var cell in cells)
            {
                foreach (var p in cell.Phrases.Where(p => p.Kind == PhraseKind.Placeholder))
                {
                    state.Warn(cell.Line, WarningCodes.Placeholder, $"'{cell.Text}' names no port number (a placeholder); the port depends on the installation.");
                }

                if (cell.Phrases.Any(p => p.Kind == PhraseKind.Unreadable))
                {
                    state.Warn(cell.Line, WarningCodes.Unreadable, $"port cell '{cell.Text}' could not be read as ports.");
                }
            }

            if (section.Header.Kind == HeaderKind.Cluster)
            {
                var nodes = section.Subject is null ? Array.Empty<string>() : [section.Subject];
                foreach (var cell in cells)
                {
                    state.AddFlows(entry, cell, null, nodes, nodes, FirewallRelevance.IfSeparated, "cluster-port");
                }

                continue;
            }

            var direction = tokens[anchor].Text;
            ReadDirectionRow(state, entry, direction, cells, section);
        }

        foreach (var t in tokens.Where(t => t.Kind is TokenKind.Text or TokenKind.Footnote))
        {
            state.CheckProse(t.Line, t.Text);
        }
    }

    private sealed record Entry(Section Section, string Service, string? Purpose, string? Note);

    private static void ReadDirectionRow(ReadState state, Entry entry, string direction, List<Cell> cells, Section section)
    {
        List<Cell> remote;
        List<Cell> server;
        string rule;
        var anyIndex = cells.FindIndex(c => c.IsAny);
        var anyCount = cells.Count(c => c.IsAny);
        if (cells.Count == 2)
        {
            (remote, server, rule) = ([cells[0]], [cells[1]], "direction-pair");
        }
        else if (cells.Count > 2 && anyCount == 1 && anyIndex == 0)
        {
            (remote, server, rule) = ([cells[0]], cells.Skip(1).ToList(), "direction-any-remote");
        }
        else if (cells.Count > 2 && anyCount == 1 && anyIndex == cells.Count - 1)
        {
            (remote, server, rule) = (cells.SkipLast(1).ToList(), [cells[^1]], "direction-any-server");
        }
        else if (cells.Count > 2 && anyCount == 0 && cells.Count % 2 == 0)
        {
            // The page gives no separator between the two port columns here; the halves are the only reading.
            var half = cells.Count / 2;
            (remote, server, rule) = (cells.Take(half).ToList(), cells.Skip(half).ToList(), "direction-split-half");
        }
        else
        {
            foreach (var cell in cells)
            {
                state.Warn(cell.Line, WarningCodes.Unreadable,
                    $"cannot tell whether '{cell.Text}' is the remote peer's or the server's port ({cells.Count} port cells in the row).");
            }

            return;
        }

        var serverNames = new[] { section.Header.ServerName };
        var remoteNames = section.Subject is null ? Array.Empty<string>() : [section.Subject];
        var outgoing = direction.Contains("OUT", StringComparison.Ordinal);
        var incoming = direction.StartsWith("IN", StringComparison.Ordinal);
        if (outgoing)
        {
            foreach (var cell in remote.Where(c => !c.IsAny))
            {
                state.AddFlows(entry, cell, server, serverNames, remoteNames, FirewallRelevance.Required, rule);
            }
        }

        if (incoming)
        {
            foreach (var cell in server.Where(c => !c.IsAny))
            {
                state.AddFlows(entry, cell, remote, remoteNames, serverNames, FirewallRelevance.Required, rule);
            }
        }
    }

    private static List<Cell> Cells(List<Token> tokens, int first, int end, HashSet<int> pureParagraphs)
    {
        var cells = new List<Cell>();
        var i = first;
        while (i < end)
        {
            var t = tokens[i];
            if (pureParagraphs.Contains(t.Paragraph))
            {
                var j = i;
                var lines = new List<string>();
                var phrases = new List<Phrase>();
                while (j < end && tokens[j].Paragraph == t.Paragraph)
                {
                    if (lines.Count == 0 || tokens[j].Line != tokens[j - 1].Line)
                    {
                        lines.Add(tokens[j].LineText);
                    }

                    phrases.Add(tokens[j].Phrase!);
                    j++;
                }

                cells.Add(new Cell(t.Line, string.Join(" ", lines), phrases));
                i = j;
            }
            else
            {
                cells.Add(new Cell(t.Line, t.Text, [t.Phrase!]));
                i++;
            }
        }

        return cells;
    }

    /// <summary>
    /// Where the protocol name before a zone starts: text before the anchor on its own line, or else the
    /// run of text-only lines just above it (in its paragraph, or the paragraph before when it starts one).
    /// </summary>
    private static int ProtocolStart(List<Token> tokens, int anchor, int lowerBound, HashSet<int> lineHasPorts)
    {
        var line = tokens[anchor].Line;
        var start = anchor;
        while (start - 1 >= lowerBound && tokens[start - 1].Line == line && tokens[start - 1].Kind == TokenKind.Text)
        {
            start--;
        }

        if (start < anchor)
        {
            return start;
        }

        var paragraph = -1;
        for (var k = anchor - 1; k >= lowerBound; k--)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Text || lineHasPorts.Contains(t.Line))
            {
                break;
            }

            if (paragraph == -1)
            {
                if (t.Paragraph != tokens[anchor].Paragraph && t.Paragraph != tokens[anchor].Paragraph - 1)
                {
                    break;
                }

                paragraph = t.Paragraph;
            }
            else if (t.Paragraph != paragraph)
            {
                break;
            }

            start = k;
        }

        return start;
    }

    // ---- from/to tables -------------------------------------------------------------------------

    private static void ReadFromTo(ReadState state, Section section, int bodyStart, int bodyEnd)
    {
        var paragraphs = Paragraphs(state.Document, bodyStart, bodyEnd);
        var i = 0;
        while (i < paragraphs.Count)
        {
            if (!IsFromToEntry(paragraphs, i))
            {
                CheckProse(state, paragraphs[i]);
                i++;
                continue;
            }

            var protocol = paragraphs[i][0];
            var j = i + 1;
            var from = new List<string>();
            var fromAny = new List<Transport>();
            TakeNames(paragraphs[j++], from, fromAny);
            if (j < paragraphs.Count && IsMarkerParagraph(paragraphs[j]))
            {
                TakeNames(paragraphs[j++], from, fromAny);
            }

            var to = new List<string>();
            var toAny = new List<Transport>();
            (int Line, string Text)? toAnyLine = null;
            List<(int Line, string Text)>? portParagraph = null;
            var namesSeen = false;
            while (j < paragraphs.Count && (portParagraph is null || !namesSeen))
            {
                var p = paragraphs[j];
                if (portParagraph is null && p.All(l => PortPhrase3().IsMatch(l.Text)))
                {
                    portParagraph = p;
                }
                else if (IsMarkerParagraph(p) || (!namesSeen && IsNamesParagraph(p)))
                {
                    namesSeen |= !IsMarkerParagraph(p);
                    TakeNames(p, to, toAny);
                    foreach (var l in p.Where(l => AnyMarker().IsMatch(l.Text)))
                    {
                        toAnyLine ??= l;
                    }
                }
                else
                {
                    break;
                }

                j++;
            }

            var usage = j < paragraphs.Count && !IsFromToEntry(paragraphs, j) ? paragraphs[j++] : null;
            var purpose = usage is null ? null : string.Join(" ", usage.Select(l => l.Text));
            foreach (var p in paragraphs.GetRange(i, j - i).Where(p => p != portParagraph))
            {
                foreach (var l in p.Where(l => !AnyMarker().IsMatch(l.Text)))
                {
                    state.CheckProse(l.Line, l.Text);
                }
            }

            if (section.Subject is not null)
            {
                to.Add(section.Subject);
            }

            var firewall = from.Count > 0 && from.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(to.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase)
                ? FirewallRelevance.IfSeparated
                : FirewallRelevance.Required;
            var entry = new Entry(section, protocol.Text, purpose, null);
            var tls = protocol.Text.Equals("HTTPS", StringComparison.OrdinalIgnoreCase);
            var sources = fromAny.Select(t => new Phrase(PhraseKind.Any, t, false, PortExpression.Parse("any"), false)).ToList();
            var sourceCell = new Cell(0, "", sources);
            if (portParagraph is not null)
            {
                ReadFromToPorts(state, entry, portParagraph, tls, sourceCell, from, to, firewall);
            }
            else if (toAnyLine is { } anyLine && toAny.Count > 0)
            {
                var phrases = toAny.Select(t => new Phrase(PhraseKind.Any, t, tls, PortExpression.Parse("any"), false)).ToList();
                state.AddFlows(entry, new Cell(anyLine.Line, anyLine.Text, phrases), [sourceCell], from, to, firewall, "from-to-any", includeAny: true);
            }
            else
            {
                state.Warn(protocol.Line, WarningCodes.NoPort, $"'{protocol.Text}' from/to row gives no destination port.");
            }

            i = j;
        }
    }

    private static void ReadFromToPorts(ReadState state, Entry entry, List<(int Line, string Text)> paragraph, bool tls, Cell sourceCell,
        List<string> from, List<string> to, FirewallRelevance firewall)
    {
        var line = paragraph[0].Line;
        var text = string.Join(" ", paragraph.Select(l => l.Text));
        var phrases = new List<Phrase>();
        foreach (var (_, t) in paragraph)
        {
            var m = PortPhrase3().Match(t);
            PortText.TryTransportWord(m.Groups["t"].Value, out var word);
            if (PortText.TryPortList(m.Groups["list"].Value, out var ports))
            {
                phrases.Add(new Phrase(PhraseKind.Ports, word.Transport, tls || word.Tls, ports, false));
            }
            else
            {
                state.Warn(line, WarningCodes.Unreadable, $"port cell '{text}' could not be read as ports.");
            }

            if (m.Groups["others"].Success)
            {
                state.Warn(line, WarningCodes.Unreadable, $"'{text}' ends with '{m.Groups["others"].Value}': further ports that the document does not name.");
            }
        }

        state.AddFlows(entry, new Cell(line, text, phrases), [sourceCell], from, to, firewall, "from-to-port");
    }

    private static bool IsFromToEntry(List<List<(int Line, string Text)>> paragraphs, int i) =>
        i + 2 < paragraphs.Count
        && paragraphs[i] is [var p] && p.Text.Length <= 40 && !p.Text.EndsWith('.') && !PortPhrase3().IsMatch(p.Text)
        && IsNamesParagraph(paragraphs[i + 1])
        && (IsNamesParagraph(paragraphs[i + 2]) || IsMarkerParagraph(paragraphs[i + 2]) || paragraphs[i + 2].All(l => PortPhrase3().IsMatch(l.Text)));

    /// <summary>Short lines naming endpoints, not sentences ("Management workstation", "UC Suite", a list ending "etc.").</summary>
    private static bool IsNamesParagraph(List<(int Line, string Text)> paragraph) =>
        paragraph.Any(l => !AnyMarker().IsMatch(l.Text))
        && paragraph.All(l => l.Text.Length <= 80 && !PortPhrase3().IsMatch(l.Text)
            && (!l.Text.EndsWith('.') || l.Text.EndsWith("etc.", StringComparison.OrdinalIgnoreCase)));

    private static bool IsMarkerParagraph(List<(int Line, string Text)> paragraph) =>
        paragraph.All(l => AnyMarker().IsMatch(l.Text));

    private static void TakeNames(List<(int Line, string Text)> paragraph, List<string> names, List<Transport> anyTransports)
    {
        foreach (var (_, text) in paragraph)
        {
            if (AnyMarker().Match(text) is { Success: true } m)
            {
                if (PortText.TryTransportList(m.Groups["t"].Value, out var ts))
                {
                    anyTransports.AddRange(ts.Select(t => t.Transport).Where(t => !anyTransports.Contains(t)));
                }

                continue;
            }

            foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!name.Equals("etc.", StringComparison.OrdinalIgnoreCase) && !name.Equals("etc", StringComparison.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
        }
    }

    private static List<List<(int Line, string Text)>> Paragraphs(SourceDocument document, int start, int end)
    {
        var result = new List<List<(int Line, string Text)>>();
        List<(int Line, string Text)>? current = null;
        for (var n = start; n <= end; n++)
        {
            var t = PortText.Normalize(document.Line(n)).Trim();
            if (t.Length == 0)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                result.Add(current);
            }

            current.Add((n, t));
        }

        return result;
    }

    private static void CheckProse(ReadState state, List<(int Line, string Text)> paragraph)
    {
        foreach (var (line, text) in paragraph)
        {
            state.CheckProse(line, text);
        }
    }

    // ---- output ---------------------------------------------------------------------------------

    private sealed class ReadState(SourceDocument document)
    {
        public SourceDocument Document { get; } = document;

        public List<ImportedFlow> Flows { get; } = [];

        public List<ImportWarning> Warnings { get; } = [];

        public void Warn(int line, string code, string message) => Warnings.Add(new ImportWarning(line, code, message));

        /// <summary>
        /// Numbers in prose are port-like only on a line that also says TCP, UDP or port(s), and only when
        /// they stand alone: "100msec" (a unit), "TLS 1.2" and "H.323" (dotted versions) are not ports, and
        /// page furniture such as "Revision: 29" has no port word.
        /// </summary>
        public void CheckProse(int line, string text)
        {
            if (PortWord().IsMatch(text) && ProseNumber().Match(text) is { Success: true } m)
            {
                Warn(line, WarningCodes.ProsePorts, $"'{m.Value}' reads like a port in prose, not a table row: '{Shorten(text)}'.");
            }
        }

        /// <summary>One flow per transport (and TLS flag) of the cell, with the opposite side's ports as source ports.</summary>
        public void AddFlows(Entry entry, Cell cell, IReadOnlyList<Cell>? opposite, IReadOnlyList<string> from, IReadOnlyList<string> to,
            FirewallRelevance firewall, string rule, bool includeAny = false)
        {
            var groups = cell.Phrases
                .Where(p => p.Kind == PhraseKind.Ports || (includeAny && p.Kind == PhraseKind.Any))
                .GroupBy(p => (p.Transport, p.Tls));
            // Grouping by transport and TLS merges repeated phrases of a cell into one flow.
            foreach (var g in groups)
            {
                var list = g.ToList();
                var ports = list.Count == 1
                    ? list[0].Ports!
                    : PortExpression.FromSet(list.Select(p => p.Ports!.ToPortSet()).Aggregate((a, b) => a.Union(b)));
                Flows.Add(new ImportedFlow
                {
                    Service = entry.Service.Length == 0 ? "unnamed" : entry.Service,
                    Transport = g.Key.Transport,
                    Ports = ports,
                    SourcePorts = opposite is null ? null : SourcePorts(opposite, g.Key.Transport),
                    From = from,
                    To = to,
                    Application = ApplicationOf(entry, ports),
                    Tls = g.Key.Tls,
                    Firewall = firewall,
                    Purpose = entry.Purpose,
                    Section = entry.Section.Heading,
                    Note = list.Any(p => p.Starred) ? entry.Note : null,
                    Line = cell.Line,
                    Cell = cell.Text,
                    Rule = rule,
                });
            }
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

        /// <summary>The other side's ports of the same transport; "Any (TCP)" is any port; null when that side does not say.</summary>
        private static PortExpression? SourcePorts(IReadOnlyList<Cell> opposite, Transport transport)
        {
            var phrases = opposite.SelectMany(c => c.Phrases).Where(p => p.Transport == transport).ToList();
            if (phrases.Any(p => p.Kind == PhraseKind.Any))
            {
                return PortExpression.Parse("any");
            }

            var known = phrases.Where(p => p.Kind == PhraseKind.Ports).ToList();
            if (known.Count == 0 || known.Count != phrases.Count)
            {
                return null;
            }

            return known.Count == 1
                ? known[0].Ports
                : PortExpression.FromSet(known.Select(p => p.Ports!.ToPortSet()).Aggregate((a, b) => a.Union(b)));
        }

        private static string? ApplicationOf(Entry entry, PortExpression ports)
        {
            var word = ProtocolWord().Match(entry.Service).Value.ToUpperInvariant();
            // "(S)FTP" rows list TCP 21 and TCP 22: 22 is the SSH-based SFTP.
            if (word == "FTP" && ports.ToString() == "22" && (entry.Purpose ?? "").Contains("(S)FTP", StringComparison.OrdinalIgnoreCase))
            {
                return "sftp";
            }

            return word switch
            {
                "LDAP" => "ldap",
                "SMTP" => "smtp",
                "IMAP4" or "IMAP" => "imap",
                "POP3" => "pop3",
                "EWS" => "ews",
                "AXL" => "axl",
                "TAPI" => "tapi",
                "SIP" => "sip",
                "H.323" => "h323",
                "RTP" => "rtp",
                "HTTP" => "http",
                "HTTPS" => "https",
                "FTP" => "ftp",
                "SFTP" => "sftp",
                "SQL" => "sql",
                "RDP" => "rdp",
                _ => null,
            };
        }
    }

    // ---- patterns -------------------------------------------------------------------------------

    [GeneratedRegex(@"^Protocol\s+Direction\b", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionHeaderStart();

    [GeneratedRegex(@"^Protocol\s+TCP/UDP\s+Ports\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClusterHeaderStart();

    [GeneratedRegex(@"^\(([^()]{1,80})\)$")]
    private static partial Regex ParenLabel();

    [GeneratedRegex(@"^(?:Interactions?|Communications?)\s+(?<how>with|between|among)\s+(?:the\s+)?(?<subject>.+?)(?:\s+in\s+a\s+cluster)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingSubject();

    [GeneratedRegex(@"(?<![\w/])(?:IN/OUT|IN|OUT)\s+(?:Any\s*\(|(?:TCP|UDP|TLS)\b)")]
    private static partial Regex DirectionThenPort();

    /// <summary>
    /// A direction word, "Any (TCP)", or a transport with ports: "TCP 389", "UDP > 1024*", "TCP 8443,8080",
    /// "TCP 52000-52999 (range)", "TCP 465 (SSL)", "TCP nnn". A number followed by ".digit" is a version, not a port.
    /// </summary>
    [GeneratedRegex(@"(?<dir>(?<![\w/])(?:IN/OUT|IN|OUT)(?![\w/]))|(?<any>\bAny\s*\((?<anyt>TCP|UDP)\))|\b(?<t>TCP|UDP|TLS)\s+(?:(?<nnn>n{2,})\b|(?<gt>>\s*\d{1,6})(?!\d)|(?<list>\d{1,6}(?:\s*-\s*\d{1,6})?(?:\s*,\s*\d{1,6}(?:\s*-\s*\d{1,6})?)*)(?!\d)(?!\.\d))(?<star>\*)?(?:\s*\((?<paren>SSL/TLS|SSL|TLS|range)\))?")]
    private static partial Regex PortOrDirection();

    /// <summary>From/to tables: "TCP port 80", "TCP Port 443, 8080, others".</summary>
    [GeneratedRegex(@"^(?<t>TCP|UDP)\s+ports?\s+(?<list>\d{1,6}(?:\s*,\s*\d{1,6})*)(?:\s*,\s*(?<others>others?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PortPhrase3();

    [GeneratedRegex(@"^\(?\s*Any\s+(?<t>[A-Z/]+)\s+ports?\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AnyMarker();

    [GeneratedRegex(@"^\s*>?\s*\d")]
    private static partial Regex LeadingPortNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"\b(?:TCP|UDP|ports?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortWord();

    [GeneratedRegex(@"(?<![\w.])\d{1,5}(?:\s*-\s*\d{1,5})?(?!\w)(?!\.\d)")]
    private static partial Regex ProseNumber();

    [GeneratedRegex(@"^[A-Za-z0-9.]+")]
    private static partial Regex ProtocolWord();
}
