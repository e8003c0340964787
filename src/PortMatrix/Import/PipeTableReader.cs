using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>
/// Reads pipe tables written one cell per line (<c>cell |</c>), as in the Mitel MX-ONE port lists
/// (seeds 000, 001): a header of one cell per line, a <c>---|---|</c> separator, then rows whose cells
/// each end in <c>|</c>. A line of pipes only ends a short row; its pipe count is the number of blank
/// leading cells, which the row takes from the row before (a continuation row).
/// </summary>
public sealed partial class PipeTableReader : IDocumentReader
{
    private const int MaxSideLength = 200;

    /// <summary>Application words whose transport is certainly TCP, and whether they mean TLS.</summary>
    private static readonly Dictionary<string, bool> TcpApplications = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HTTP"] = false,
        ["HTTPS"] = true,
        ["SSH"] = false,
        ["SMTP"] = false,
        ["FTP"] = false,
        ["TELNET"] = false,
        ["LDAPS"] = true,
    };

    /// <summary>Words for protocols that are usually but not by definition on TCP: a flow from them gets a warning.</summary>
    private static readonly HashSet<string> TcpByUsage = new(StringComparer.OrdinalIgnoreCase) { "CSTA", "CSTA3", "TR87" };

    /// <summary>Protocols named by the service alone that ride directly on a portless IP protocol.</summary>
    private static readonly Dictionary<string, Transport> PortlessProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ICMP"] = Transport.Icmp,
        ["ICMPv6"] = Transport.Icmpv6,
        ["NDP"] = Transport.Icmpv6,
        ["ESP"] = Transport.Esp,
    };

    /// <summary>Protocols below IP: no IP firewall rule can match them.</summary>
    private static readonly HashSet<string> NonIpProtocols = new(StringComparer.OrdinalIgnoreCase) { "ARP", "RARP", "LLDP", "STP" };

    /// <summary>IANA ports of services a document may name without a port (the listening side's port).</summary>
    private static readonly Dictionary<string, (Transport Transport, int Port)> IanaPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DHCP"] = (Transport.Udp, 67),
        ["TFTP"] = (Transport.Udp, 69),
        ["NTP"] = (Transport.Udp, 123),
    };

    public string Layout => "pipe-table";

    public double Match(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tables = FindTables(document.Lines);
        if (tables.Count == 0)
        {
            return 0;
        }

        // One cell per line is what sets this layout apart from Markdown tables (one row per line).
        int cellLines = 0, bodyLines = 0;
        foreach (var t in tables)
        {
            for (var i = t.BodyStart; i < t.BodyEnd; i++)
            {
                var s = document.Lines[i].Trim();
                if (s.Length == 0)
                {
                    continue;
                }

                bodyLines++;
                if (IsPipeLine(s) || (s.EndsWith('|') && s.Count(c => c == '|') == 1))
                {
                    cellLines++;
                }
            }
        }

        return bodyLines == 0 ? 0.3 : 0.3 + (0.65 * cellLines / bodyLines);
    }

    public ImportResult Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var lines = document.Lines;
        var flows = new List<ImportedFlow>();
        var warnings = new List<ImportWarning>();
        var tables = FindTables(lines);

        WarnAboutProse(lines, tables, warnings);

        var parsed = new List<(Table Table, Columns Columns, List<Row> Rows, string? Section)>();
        foreach (var table in tables)
        {
            var columns = Columns.From(table.Header);
            if (columns.Ports < 0)
            {
                warnings.Add(new(table.SeparatorLine, WarningCodes.Unreadable,
                    "table has no column whose header names ports; its rows were not read."));
                continue;
            }

            parsed.Add((table, columns, ReadRows(lines, table, warnings), FindSection(lines, table.HeaderStart)));
        }

        // Names that stand alone as a whole side of a direction tell where run-together segments split.
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, columns, rows, _) in parsed)
        {
            if (columns.Direction < 0)
            {
                continue;
            }

            foreach (var row in rows)
            {
                var parts = SplitArrows(Squash(row.Cells[columns.Direction].Text));
                if (parts.Arrows.Count > 0)
                {
                    AddKnown(known, parts.Texts[0]);
                    AddKnown(known, parts.Texts[^1]);
                }
            }
        }

        foreach (var (_, columns, rows, section) in parsed)
        {
            foreach (var row in rows)
            {
                ReadRow(row, columns, section, known, flows, warnings);
            }
        }

        return new ImportResult(document.Path, Layout, flows, warnings);
    }

    private static void AddKnown(HashSet<string> known, string name)
    {
        if (name.Length > 0 && name.Length <= MaxSideLength)
        {
            known.Add(name);
        }
    }

    // ---- table structure -------------------------------------------------------------------

    private sealed record Table(int HeaderStart, int SeparatorLine, IReadOnlyList<string> Header, int BodyStart, int BodyEnd);

    private sealed record Cell(string Text, int Line);

    private sealed record Row(IReadOnlyList<Cell> Cells, int LeadingBlanks);

    private sealed record Columns(int Service, int Direction, int Usage, int Ports, int Firewall, int Notes)
    {
        public static Columns From(IReadOnlyList<string> header)
        {
            int Find(string word) => header.ToList().FindIndex(h => h.Contains(word, StringComparison.OrdinalIgnoreCase));
            return new(Find("Service"), Find("Direction"), Find("Usage"), Find("Port"), Find("Firewall"), Find("Note"));
        }
    }

    /// <summary>Separators whose column count matches the cell lines just above them (the header).</summary>
    private static List<Table> FindTables(IReadOnlyList<string> lines)
    {
        var found = new List<(int HeaderStart, int Separator, List<string> Header)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Separator().IsMatch(lines[i]))
            {
                continue;
            }

            var columns = DashRun().Count(lines[i]);
            if (columns < 2 || i < columns)
            {
                continue;
            }

            var header = new List<string>(columns);
            for (var h = i - columns; h < i; h++)
            {
                var s = lines[h].Trim();
                if (!s.EndsWith('|') || s.Count(c => c == '|') != 1)
                {
                    header = null;
                    break;
                }

                header.Add(s[..^1].Trim());
            }

            if (header is not null)
            {
                found.Add((i - columns, i, header));
            }
        }

        var tables = new List<Table>(found.Count);
        for (var k = 0; k < found.Count; k++)
        {
            var end = k + 1 < found.Count ? found[k + 1].HeaderStart : lines.Count;
            tables.Add(new(found[k].HeaderStart, found[k].Separator + 1, found[k].Header, found[k].Separator + 1, end));
        }

        return tables;
    }

    private static bool IsPipeLine(string trimmed) => trimmed.Length > 0 && trimmed.All(c => c == '|');

    private static List<Row> ReadRows(IReadOnlyList<string> lines, Table table, List<ImportWarning> warnings)
    {
        var width = table.Header.Count;
        var rows = new List<Row>();
        var cells = new List<Cell>();
        var pending = new StringBuilder();
        var pendingLine = 0;
        Row? previous = null;

        void Finish(int leading, int line)
        {
            var all = new List<Cell>(width);
            for (var i = 0; i < leading; i++)
            {
                // A blank leading cell repeats the row above (a continuation row).
                all.Add(previous is not null && i < previous.Cells.Count ? previous.Cells[i] : new Cell("", line));
            }

            all.AddRange(cells);
            if (all.Count != width)
            {
                warnings.Add(new(cells.Count > 0 ? cells[0].Line : line, WarningCodes.Unreadable,
                    $"row has {all.Count} cells where the header has {width}; read as far as it goes."));
                while (all.Count < width)
                {
                    all.Add(new Cell("", line));
                }

                all.RemoveRange(width, all.Count - width);
            }

            previous = new Row(all, leading);
            rows.Add(previous);
            cells.Clear();
        }

        for (var i = table.BodyStart; i < table.BodyEnd; i++)
        {
            var number = i + 1;
            var s = lines[i].Trim();
            if (s.Length == 0)
            {
                continue;
            }

            if (IsPipeLine(s))
            {
                FlushPending(cells, pending, ref pendingLine);
                if (cells.Count > 0)
                {
                    Finish(s.Length, number);
                }

                continue;
            }

            if (!s.EndsWith('|'))
            {
                // A cell that spans several lines: its lines joined with one space.
                if (pending.Length == 0)
                {
                    pendingLine = number;
                }
                else
                {
                    pending.Append(' ');
                }

                pending.Append(s);
                continue;
            }

            var pieces = s[..^1].Split('|');
            for (var p = 0; p < pieces.Length; p++)
            {
                var text = pieces[p].Trim();
                if (p == 0 && pending.Length > 0)
                {
                    text = (pending + " " + text).Trim();
                    cells.Add(new Cell(text, pendingLine));
                    pending.Clear();
                }
                else
                {
                    cells.Add(new Cell(text, number));
                }

                if (cells.Count == width)
                {
                    Finish(0, number);
                }
            }
        }

        FlushPending(cells, pending, ref pendingLine);
        if (cells.Count > 0)
        {
            warnings.Add(new(cells[0].Line, WarningCodes.Unreadable,
                $"the table ends inside a row ({cells.Count} of {width} cells); the row was not read."));
        }

        return rows;
    }

    private static void FlushPending(List<Cell> cells, StringBuilder pending, ref int pendingLine)
    {
        if (pending.Length > 0)
        {
            cells.Add(new Cell(pending.ToString().Trim(), pendingLine));
            pending.Clear();
            pendingLine = 0;
        }
    }

    /// <summary>The nearest short line without a full stop above the header: the table's heading.</summary>
    private static string? FindSection(IReadOnlyList<string> lines, int headerStart)
    {
        for (var i = headerStart - 1; i >= 0 && i >= headerStart - 10; i--)
        {
            var s = lines[i].Trim();
            if (s.Length is > 0 and <= 60 && !s.Contains('.') && !s.Contains('|'))
            {
                return s;
            }
        }

        return null;
    }

    private static void WarnAboutProse(IReadOnlyList<string> lines, List<Table> tables, List<ImportWarning> warnings)
    {
        var inTable = new bool[lines.Count];
        foreach (var t in tables)
        {
            for (var i = t.HeaderStart; i < t.BodyEnd; i++)
            {
                inTable[i] = true;
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (!inTable[i] && ProsePort().IsMatch(lines[i]))
            {
                warnings.Add(new(i + 1, WarningCodes.ProsePorts,
                    $"text outside the table names ports ('{ProsePort().Match(lines[i]).Value}'); no flow was made from it."));
            }
        }
    }

    // ---- rows --------------------------------------------------------------------------------

    private static void ReadRow(Row row, Columns columns, string? section, HashSet<string> known, List<ImportedFlow> flows, List<ImportWarning> warnings)
    {
        string CellText(int index) => index < 0 ? "" : row.Cells[index].Text;
        var portCell = row.Cells[columns.Ports];
        var service = Squash(CellText(columns.Service));
        var notes = Dash(Squash(CellText(columns.Notes)));
        var usage = Dash(Squash(CellText(columns.Usage)));
        var firewall = ReadFirewall(CellText(columns.Firewall));

        var directionCell = columns.Direction < 0 ? null : row.Cells[columns.Direction];
        var segments = directionCell is null ? [] : ReadDirection(directionCell, known, warnings);

        var portFlows = ReadPortCell(portCell, service, notes, warnings);
        var configurable = ConfigurableWord().IsMatch(portCell.Text) || (notes is not null && ConfigurableWord().IsMatch(notes));
        var serviceApplication = ServiceApplication(service);

        // "CSTA Phase-III (with TLS)": the service itself says its TCP connections are protected.
        var serviceTls = WithTls().IsMatch(service);

        var made = new List<ImportedFlow>();
        foreach (var pf in portFlows)
        {
            var targets = segments;
            if (pf.For is not null)
            {
                var matching = segments.Where(s => Mentions(s, pf.For)).ToList();
                if (matching.Count > 0)
                {
                    targets = matching;
                }
            }

            var pairs = targets.SelectMany(s => s.Pairs).ToList();
            if (pairs.Count == 0)
            {
                pairs.Add(([], []));
            }

            foreach (var (from, to) in pairs)
            {
                var flow = new ImportedFlow
                {
                    Service = service,
                    Transport = pf.Transport,
                    Ports = pf.Ports,
                    From = from,
                    To = to,
                    Application = pf.Application ?? KeyExchange(service, pf) ?? (pf.Transport.HasPorts() ? serviceApplication : null),
                    Tls = pf.Tls || (serviceTls && pf.Transport == Transport.Tcp),
                    Firewall = firewall,
                    Purpose = usage,
                    Section = section,
                    Configurable = configurable,
                    Note = JoinNote(pf.Qualifier, notes),
                    Line = portCell.Line,
                    Cell = portCell.Text,
                    Rule = pf.Rule,
                };
                if (!made.Any(m => SameFlow(m, flow)))
                {
                    made.Add(flow);
                }
            }
        }

        flows.AddRange(made);
    }

    private static bool SameFlow(ImportedFlow a, ImportedFlow b) =>
        a.Transport == b.Transport && a.Ports.Equals(b.Ports) && a.Tls == b.Tls
        && a.From.SequenceEqual(b.From, StringComparer.OrdinalIgnoreCase)
        && a.To.SequenceEqual(b.To, StringComparer.OrdinalIgnoreCase);

    private static string? JoinNote(string? qualifier, string? notes) =>
        (qualifier, notes) switch
        {
            (null, _) => notes,
            (_, null) => qualifier,
            _ => $"{qualifier}; {notes}",
        };

    private static string? Dash(string text) => text.Length == 0 || text == "-" ? null : text;

    private static FirewallRelevance ReadFirewall(string text) => text.Trim() switch
    {
        "Y" or "y" or "Yes" => FirewallRelevance.Required,
        "(Y)" or "(y)" => FirewallRelevance.IfSeparated,
        "-" or "N" or "No" => FirewallRelevance.NotNeeded,
        _ => FirewallRelevance.Unknown,
    };

    /// <summary>UDP 500 and 4500 in an IPsec row are the key exchange (IKE), by the protocol's definition.</summary>
    private static string? KeyExchange(string service, PortFlow flow) =>
        flow.Transport == Transport.Udp && service.Contains("IPsec", StringComparison.OrdinalIgnoreCase)
            && flow.Ports.ToString() is "500" or "4500"
            ? "ike"
            : null;

    /// <summary>The service's leading acronym in lower case ("SIP (MSCML)" is sip, "RTP/ RTCP" is rtp).</summary>
    private static string? ServiceApplication(string service)
    {
        var m = LeadingAcronym().Match(service);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : null;
    }

    // ---- direction cells ---------------------------------------------------------------------

    /// <summary>One "A &gt; B" of a direction cell and the flows' ends it gives (both ways for "&lt;&gt;").</summary>
    private sealed record Segment(string Left, string Right, IReadOnlyList<(IReadOnlyList<string> From, IReadOnlyList<string> To)> Pairs);

    private static bool Mentions(Segment segment, string who)
    {
        var key = Compact(ForStopWords().Replace(who, " "));
        return key.Length > 0 && (Compact(segment.Left).Contains(key, StringComparison.OrdinalIgnoreCase)
            || Compact(segment.Right).Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    private static string Compact(string s) => new(s.Where(char.IsLetterOrDigit).ToArray());

    private static (List<string> Texts, List<string> Arrows) SplitArrows(string cell)
    {
        var texts = new List<string>();
        var arrows = new List<string>();
        var at = 0;
        foreach (Match m in Arrow().Matches(cell))
        {
            texts.Add(cell[at..m.Index].Trim());
            arrows.Add(m.Value);
            at = m.Index + m.Length;
        }

        texts.Add(cell[at..].Trim());
        return (texts, arrows);
    }

    private static List<Segment> ReadDirection(Cell cell, HashSet<string> known, List<ImportWarning> warnings)
    {
        var text = Squash(PortText.Normalize(cell.Text));
        if (Dash(text) is null)
        {
            return [];
        }

        var (texts, arrows) = SplitArrows(text);
        if (arrows.Count == 0)
        {
            // A bare name is the side the ports belong to; who opens is not said.
            return [new Segment("", text, [([], [text])])];
        }

        var lefts = new string[arrows.Count];
        var rights = new string[arrows.Count];
        lefts[0] = texts[0];
        rights[^1] = texts[^1];
        for (var i = 1; i < arrows.Count; i++)
        {
            if (!TrySplitBetween(texts[i], known, out rights[i - 1], out lefts[i]))
            {
                warnings.Add(new(cell.Line, WarningCodes.Unreadable,
                    $"direction '{text}' has several arrows but '{texts[i]}' does not split into two known names; the ends were left open."));
                return [new Segment("", "", [([], [])])];
            }
        }

        var segments = new List<Segment>(arrows.Count);
        for (var i = 0; i < arrows.Count; i++)
        {
            var (a, b) = (lefts[i], rights[i]);
            if (a.Length == 0 || b.Length == 0)
            {
                warnings.Add(new(cell.Line, WarningCodes.Unreadable, $"direction '{text}' has an arrow with an empty side."));
            }

            IReadOnlyList<string> one = a.Length == 0 ? [] : [a], other = b.Length == 0 ? [] : [b];
            var pairs = new List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>();
            switch (arrows[i])
            {
                case "<>" or "<->":
                    // Both ends open connections; one flow when both ends are the same kind.
                    pairs.Add((one, other));
                    if (!Role.Same(a, b))
                    {
                        pairs.Add((other, one));
                    }

                    break;
                case "<" or "<-":
                    pairs.Add((other, one));
                    break;
                default:
                    pairs.Add((one, other));
                    break;
            }

            segments.Add(new Segment(a, b, pairs));
        }

        return segments;
    }

    /// <summary>
    /// Splits the text between two arrows ("DNS Server SIP clients") into the right side of one segment
    /// and the left side of the next: at the longest known name it starts with, else the longest it ends
    /// with, else at " or ".
    /// </summary>
    private static bool TrySplitBetween(string text, HashSet<string> known, out string right, out string left)
    {
        string? prefix = null, suffix = null;
        foreach (var name in known)
        {
            if (name.Length < text.Length && text.StartsWith(name, StringComparison.OrdinalIgnoreCase) && text[name.Length] == ' '
                && (prefix is null || name.Length > prefix.Length))
            {
                prefix = name;
            }

            if (name.Length < text.Length && text.EndsWith(name, StringComparison.OrdinalIgnoreCase) && text[^(name.Length + 1)] == ' '
                && (suffix is null || name.Length > suffix.Length))
            {
                suffix = name;
            }
        }

        if (prefix is not null)
        {
            (right, left) = (text[..prefix.Length], text[prefix.Length..]);
        }
        else if (suffix is not null)
        {
            (right, left) = (text[..^suffix.Length], text[^suffix.Length..]);
        }
        else if (text.IndexOf(" or ", StringComparison.OrdinalIgnoreCase) is var at and > 0)
        {
            (right, left) = (text[..at], text[(at + 4)..]);
        }
        else
        {
            (right, left) = ("", "");
            return false;
        }

        right = TrailingJoin().Replace(right.Trim(), "");
        left = LeadingJoin().Replace(left.Trim(), "");
        return right.Length > 0 && left.Length > 0;
    }

    // ---- port cells --------------------------------------------------------------------------

    /// <summary>One transport and port set read from a port cell, before it is paired with the direction's ends.</summary>
    private sealed record PortFlow(Transport Transport, PortExpression Ports, bool Tls, string? Application, string Rule)
    {
        public string? Qualifier { get; init; }

        /// <summary>"for Web Service based client": which direction segment the ports belong to.</summary>
        public string? For { get; init; }
    }

    private static List<PortFlow> ReadPortCell(Cell cell, string service, string? notes, List<ImportWarning> warnings)
    {
        var text = Squash(PortText.Normalize(cell.Text));
        var line = cell.Line;
        var result = new List<PortFlow>();

        if (Dash(text) is null)
        {
            ReadPortlessRow(line, service, notes, result, warnings);
            return result;
        }

        if (BareNumbers().IsMatch(text))
        {
            ReadServicePorts(line, text.TrimEnd('.'), service, "service-port", result, warnings);
            return result;
        }

        var leftover = new StringBuilder();
        var portlessMentioned = false;
        var noDefault = NoDefault().IsMatch(text);
        var pos = 0;
        while (pos < text.Length)
        {
            if (text[pos] == ' ')
            {
                pos++;
                continue;
            }

            var m = TransportPhrase().Match(text, pos);
            if (m.Success)
            {
                pos = m.Index + m.Length;
                var added = ReadTransportPhrase(line, m, text, ref pos, result, warnings);
                if (added > 0)
                {
                    pos = ReadTrailers(text, pos, result, added);
                }

                continue;
            }

            m = LabelPort().Match(text, pos);
            if (m.Success)
            {
                pos = m.Index + m.Length;
                var added = ReadLabelPort(line, m, service, result, warnings);
                if (added > 0)
                {
                    pos = ReadTrailers(text, pos, result, added);
                }

                continue;
            }

            m = Word().Match(text, pos);
            pos = m.Index + m.Length;
            var word = m.Value.TrimEnd('.', ',', ';', ':');
            if (PortText.TryTransportWord(word, out var tw) && !tw.Transport.HasPorts())
            {
                // A portless IP protocol named in the port cell ("UDP/500 ESP") is its own flow.
                result.Add(new PortFlow(tw.Transport, PortExpression.Parse("any"), false, null, "portless-transport"));
                continue;
            }

            portlessMentioned |= PortText.TryTransportWord(word, out _);
            leftover.Append(m.Value).Append(' ');
        }

        var prose = leftover.ToString();
        var numbers = ProseNumber().Matches(prose).Select(x => x.Value).ToList();
        if (numbers.Count > 0)
        {
            var code = result.Count > 0 || prose.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4
                ? WarningCodes.ProsePorts
                : WarningCodes.Unreadable;
            warnings.Add(new(line, code,
                $"numbers in the text of the port cell ({string.Join(", ", numbers)}) name no listening port; no flow was made from them."));
        }

        if (noDefault && result.Count > 0)
        {
            warnings.Add(new(line, WarningCodes.NoDefault,
                $"'{text}': the port has no default, the document only recommends one; the flow uses the recommended port."));
        }

        if (result.Count == 0 && numbers.Count == 0 && !warnings.Any(w => w.Line == line))
        {
            warnings.Add(portlessMentioned
                ? new(line, WarningCodes.NoPort, $"'{text}' names a transport but no port (the site chooses it).")
                : new(line, WarningCodes.Unreadable, $"port cell '{text}' could not be read."));
        }

        return Distinct(result);
    }

    /// <summary>"TCP/TLS 1300 TLS 1300 (IP extension, listening mode)" is one flow; it keeps the words in brackets.</summary>
    private static List<PortFlow> Distinct(List<PortFlow> flows)
    {
        var distinct = new List<PortFlow>(flows.Count);
        foreach (var f in flows)
        {
            var i = distinct.FindIndex(d => d.Transport == f.Transport && d.Ports.Equals(f.Ports) && d.Tls == f.Tls && d.For == f.For);
            if (i < 0)
            {
                distinct.Add(f);
            }
            else if (distinct[i].Qualifier is null)
            {
                distinct[i] = distinct[i] with { Qualifier = f.Qualifier, Application = distinct[i].Application ?? f.Application };
            }
        }

        return distinct;
    }

    /// <summary>"TCP 1720 (IP trunk, listening mode)", "TCP/UDP 53", "TCP ports 10255, ..., and 10262".</summary>
    private static int ReadTransportPhrase(int line, Match m, string text, ref int pos, List<PortFlow> result, List<ImportWarning> warnings)
    {
        if (!PortText.TryTransportList(m.Groups["t"].Value, out var transports) || !PortText.TryPortList(m.Groups["p"].Value, out var ports))
        {
            warnings.Add(new(line, WarningCodes.Unreadable, $"'{m.Value}' could not be read as transports and ports."));
            return 0;
        }

        // "(gateway client mode)": the range is the source ports a client opens from, not a listening port.
        var paren = Paren().Match(text, pos);
        if (paren.Success && ClientMode().IsMatch(paren.Groups["q"].Value))
        {
            pos = paren.Index + paren.Length;
            var mark = Footnote().Match(text, pos);
            if (mark.Success)
            {
                pos = mark.Index + mark.Length;
            }

            warnings.Add(new(line, WarningCodes.SourceRange,
                $"'{m.Value} ({paren.Groups["q"].Value})' are the source ports of the client side, not a listening port; no flow was made."));
            return 0;
        }

        var added = 0;
        foreach (var t in transports)
        {
            result.Add(new PortFlow(t.Transport, ports, t.Tls, null, "transport-port"));
            added++;
        }

        // "UDP 9200 ESSP": an application name right after the ports.
        var app = AppWord().Match(text, pos);
        if (app.Success && !PortText.TryTransportWord(app.Groups["app"].Value, out _))
        {
            pos = app.Index + app.Length;
            for (var i = result.Count - added; i < result.Count; i++)
            {
                result[i] = result[i] with { Application = app.Groups["app"].Value.ToLowerInvariant() };
            }
        }

        return added;
    }

    /// <summary>"HTTP:22225", "HTTPS:22226", "TR87: 5062", "Default: 80".</summary>
    private static int ReadLabelPort(int line, Match m, string service, List<PortFlow> result, List<ImportWarning> warnings)
    {
        var label = m.Groups["label"].Value;
        var numbers = m.Groups["p"].Value;
        if (TcpApplications.TryGetValue(label, out var tls))
        {
            if (!PortText.TryPortList(numbers, out var ports))
            {
                warnings.Add(new(line, WarningCodes.Unreadable, $"'{m.Value}' could not be read as ports."));
                return 0;
            }

            result.Add(new PortFlow(Transport.Tcp, ports, tls, label.ToLowerInvariant(), "http-colon"));
            return 1;
        }

        if (TcpByUsage.Contains(label))
        {
            if (!PortText.TryPortList(numbers, out var ports))
            {
                warnings.Add(new(line, WarningCodes.Unreadable, $"'{m.Value}' could not be read as ports."));
                return 0;
            }

            warnings.Add(new(line, WarningCodes.TransportInferred,
                $"'{m.Value}' names no transport; {label} is taken to run on TCP."));
            result.Add(new PortFlow(Transport.Tcp, ports, false, label.ToLowerInvariant(), "label-port"));
            return 1;
        }

        if (label.Equals("Default", StringComparison.OrdinalIgnoreCase) || label.Equals("Recommended", StringComparison.OrdinalIgnoreCase)
            || label.StartsWith("Port", StringComparison.OrdinalIgnoreCase))
        {
            var before = result.Count;
            ReadServicePorts(line, numbers, service, "default-port", result, warnings);
            return result.Count - before;
        }

        warnings.Add(new(line, WarningCodes.Unreadable, $"'{m.Value}' gives ports under an unknown label '{label}'; no flow was made."));
        return 0;
    }

    /// <summary>After a phrase: "(RTP, IP phones)" or "(GK discovery)", a footnote mark "*1", "for XML based client".</summary>
    private static int ReadTrailers(string text, int pos, List<PortFlow> result, int added)
    {
        string? qualifier = null, forWho = null, application = null;
        var paren = Paren().Match(text, pos);
        if (paren.Success)
        {
            qualifier = paren.Groups["q"].Value.Trim();
            pos = paren.Index + paren.Length;
            var first = qualifier.Split(',')[0].Trim();
            if (ParenAcronym().IsMatch(first))
            {
                application = first.ToLowerInvariant();
            }
        }

        var mark = Footnote().Match(text, pos);
        if (mark.Success)
        {
            pos = mark.Index + mark.Length;
        }

        var who = ForWho().Match(text, pos);
        if (who.Success)
        {
            forWho = who.Groups["who"].Value.Trim();
            qualifier = qualifier is null ? "for " + forWho : $"{qualifier}, for {forWho}";
            pos = who.Index + who.Length;
        }

        for (var i = result.Count - added; i < result.Count; i++)
        {
            result[i] = result[i] with { Qualifier = qualifier, For = forWho, Application = application ?? result[i].Application };
        }

        return pos;
    }

    /// <summary>Ports written without a transport ("80 443", "Default: 80"): the service's protocol says it.</summary>
    private static void ReadServicePorts(int line, string numbers, string service, string rule, List<PortFlow> result, List<ImportWarning> warnings)
    {
        var words = ServiceWords().Matches(service).Select(x => x.Value).ToList();
        var apps = words.Where(TcpApplications.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var items = numbers.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (apps.Count > 0)
        {
            // "80 443" under "HTTP / HTTPS": one port per protocol, in the order written.
            if (apps.Count > 1 && items.Length == apps.Count && items.All(x => PortText.TryPortList(x, out _)))
            {
                for (var i = 0; i < items.Length; i++)
                {
                    PortText.TryPortList(items[i], out var p);
                    result.Add(new PortFlow(Transport.Tcp, p, TcpApplications[apps[i]], apps[i].ToLowerInvariant(), rule));
                }

                return;
            }

            if (!TryBareList(numbers, out var ports))
            {
                warnings.Add(new(line, WarningCodes.Unreadable, $"'{numbers}' could not be read as ports."));
                return;
            }

            var tls = apps.All(a => TcpApplications[a]);
            result.Add(new PortFlow(Transport.Tcp, ports, tls, apps.Count == 1 ? apps[0].ToLowerInvariant() : null, rule));
            return;
        }

        var byUsage = words.FirstOrDefault(TcpByUsage.Contains);
        if (byUsage is not null && TryBareList(numbers, out var inferred))
        {
            warnings.Add(new(line, WarningCodes.TransportInferred,
                $"'{numbers}' names no transport; {byUsage} ('{service}') is taken to run on TCP."));
            result.Add(new PortFlow(Transport.Tcp, inferred, false, null, rule));
            return;
        }

        warnings.Add(new(line, WarningCodes.Unreadable, $"'{numbers}' names no transport and the service '{service}' does not imply one."));
    }

    /// <summary>A list of ports where spaces may separate items too ("80 443").</summary>
    private static bool TryBareList(string numbers, out PortExpression ports) =>
        PortText.TryPortList(numbers.Replace(' ', ','), out ports);

    /// <summary>A row whose port cell is "-": the service name may still say what it is.</summary>
    private static void ReadPortlessRow(int line, string service, string? notes, List<PortFlow> result, List<ImportWarning> warnings)
    {
        var name = ServiceWords().Match(service).Value;
        if (NonIpProtocols.Contains(name))
        {
            warnings.Add(new(line, WarningCodes.NotIp, $"{name} is not carried over IP; no IP flow was made."));
        }
        else if (PortlessProtocols.TryGetValue(name, out var transport))
        {
            result.Add(new PortFlow(transport, PortExpression.Parse("any"), false, null, "protocol-by-name"));
        }
        else if (IanaPorts.TryGetValue(name, out var iana))
        {
            warnings.Add(new(line, WarningCodes.IanaDefault,
                $"{name} row gives no port; the IANA port {iana.Transport.ToName()}/{iana.Port} was used."));
            result.Add(new PortFlow(iana.Transport, PortExpression.FromSet(PortSet.From([new PortRange(iana.Port, iana.Port)])), false,
                name.ToLowerInvariant(), "iana-default"));
        }
        else if (notes is not null && SeeOther().IsMatch(notes))
        {
            warnings.Add(new(line, WarningCodes.SeeOther, $"the {service} row gives no port and refers to another row ('{notes}')."));
        }
        else
        {
            warnings.Add(new(line, WarningCodes.NoPort, $"the {service} row gives no port."));
        }
    }

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // ---- patterns (all anchored or simple: matching stays linear) ------------------------------

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"-{3,}")]
    private static partial Regex DashRun();

    [GeneratedRegex(@"<->|<>|->|<-|>|<")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"^(?:or|and)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingJoin();

    [GeneratedRegex(@"\s+(?:or|and)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingJoin();

    [GeneratedRegex(@"\b(?:based|clients?|for|the)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForStopWords();

    [GeneratedRegex(@"\G(?<t>(?:TCP|UDP|UPD|SCTP|TLS|SSL)(?:\s*/\s*(?:TCP|UDP|UPD|SCTP|TLS|SSL))*)(?:\s*/\s*|\s+)(?:ports?\s+)?(?<p>\d{1,5}(?:\s*-\s*\d{1,5})?(?:(?:\s*,\s*(?:and\s+)?|\s*/\s*|\s+and\s+)\d{1,5}(?:\s*-\s*\d{1,5})?)*)(?![\d.]\d)", RegexOptions.IgnoreCase)]
    private static partial Regex TransportPhrase();

    [GeneratedRegex(@"\G(?<label>[A-Za-z][A-Za-z0-9]{0,20})\s*:\s*(?<p>\d{1,5}(?:\s*-\s*\d{1,5})?(?:(?:\s*,\s*(?:and\s+)?|\s*/\s*|\s+and\s+)\d{1,5}(?:\s*-\s*\d{1,5})?)*)(?![\d.]\d)")]
    private static partial Regex LabelPort();

    [GeneratedRegex(@"\G\s*\((?<q>[^()]{0,200})\)")]
    private static partial Regex Paren();

    [GeneratedRegex(@"\bclient\s+mode\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClientMode();

    [GeneratedRegex(@"\G\s*\*\d{1,2}\)?")]
    private static partial Regex Footnote();

    [GeneratedRegex(@"\G\s*for\s+(?<who>[^.,;()]{1,80}?)(?=\s+and\s|\s*[.,;(]|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex ForWho();

    [GeneratedRegex(@"\G\s+(?<app>[A-Z][A-Z0-9]{2,9})(?=\s|$|[.,;])")]
    private static partial Regex AppWord();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{2,9}$")]
    private static partial Regex ParenAcronym();

    [GeneratedRegex(@"\G\S+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\d{1,5}(?:\s*-\s*\d{1,5})?(?:(?:\s*,\s*(?:and\s+)?|\s*/\s*|\s+and\s+|\s+)\d{1,5}(?:\s*-\s*\d{1,5})?)*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareNumbers();

    [GeneratedRegex(@"(?<![\w.*])\d{1,6}(?:(?:\.{2,3}|-)\d{1,6})?")]
    private static partial Regex ProseNumber();

    [GeneratedRegex(@"\b(?:TCP|UDP|SCTP)\s*/?\s*\d{1,5}\b|\bports?\s+\d{1,5}\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProsePort();

    [GeneratedRegex(@"\b(?:configurable|can be configured)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurableWord();

    [GeneratedRegex(@"\bnot\s+set\b|\bno\s+default\b|\brecommended\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoDefault();

    [GeneratedRegex(@"\bwith\s+(?:TLS|SSL)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithTls();

    [GeneratedRegex(@"^\s*see\b", RegexOptions.IgnoreCase)]
    private static partial Regex SeeOther();

    [GeneratedRegex(@"^([A-Z][A-Z0-9]{1,9})(?=$|[\s/,(])")]
    private static partial Regex LeadingAcronym();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex ServiceWords();
}
