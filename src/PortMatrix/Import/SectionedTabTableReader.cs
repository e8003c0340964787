using System.Text.RegularExpressions;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>Reads Avaya port-matrix tab tables with repeated page headers and INGRESS / EGRESS / INTRA-DEVICE sections (seed 003).</summary>
/// <remarks>
/// Reading goes in two passes. The first walks the lines and gathers table rows: it knows captions
/// ("Table 2. Ports for Voicemail Pro"), the header (repeated after every page break, with page
/// footers in between), section rows and rows whose No. cell is empty, which continue the previous
/// row across a page break. The second pass reads the cells of each row into flows, or, in the
/// tables of port changes between releases, into <see cref="ReleaseChange"/> records that are
/// reported as warnings for now.
/// </remarks>
public sealed partial class SectionedTabTableReader : IDocumentReader
{
    private const string TlsAlsoOffered = "TLS is also offered on these ports";

    /// <summary>What a column means; the header is matched by meaning, not by position.</summary>
    private enum Col
    {
        No,
        Port,
        Protocol,
        Optional,
        State,
        Device,
        Description,
        Notes,
    }

    private enum Direction
    {
        Unknown,
        Ingress,
        Egress,
        Intra,
    }

    public string Layout => "sectioned-tab-table";

    public double Match(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var headers = 0;
        var sections = 0;
        foreach (var line in document.Lines)
        {
            // The layout's own columns besides No./Port/Protocol (port state, external device, optional) tell it from any tab table.
            if (line.Contains('\t', StringComparison.Ordinal) && TryReadHeader(line, out var columns)
                && (columns.ContainsKey(Col.State) || columns.ContainsKey(Col.Device) || columns.ContainsKey(Col.Optional)))
            {
                headers++;
            }
            else if (SectionRow().IsMatch(line))
            {
                sections++;
            }
        }

        return headers == 0 ? 0 : sections > 0 ? 0.9 : 0.5;
    }

    public ImportResult Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var warnings = new List<ImportWarning>();
        var rows = CollectRows(document, warnings);
        var knownProtocols = IndexProtocolsByPort(rows);
        var flows = new List<ImportedFlow>();
        var changes = new List<ReleaseChange>();
        foreach (var row in rows)
        {
            if (row.IsEmptySection)
            {
                continue;
            }

            if (row.Table.Change is { } change)
            {
                var c = ReadChange(row, change);
                changes.Add(c);
                warnings.Add(c.ToWarning());
            }
            else
            {
                ReadFlows(row, knownProtocols, flows, warnings);
            }
        }

        return new ImportResult(document.Path, Layout, flows, warnings.OrderBy(w => w.Line).ToList()) { ReleaseChanges = changes };
    }

    // ---- pass 1: lines to rows ----

    private static List<Row> CollectRows(SourceDocument document, List<ImportWarning> warnings)
    {
        var rows = new List<Row>();
        Table? table = null;
        Dictionary<Col, int>? columns = null;
        Section section = Section.None;
        Row? last = null;
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var lineNo = i + 1;
            var line = document.Lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || PageFooter().IsMatch(trimmed))
            {
                continue;
            }

            var caption = Caption().Match(trimmed);
            if (caption.Success)
            {
                table = Table.FromCaption(caption.Groups["title"].Value.Trim());
                columns = null;
                section = Section.None;
                last = null;
                continue;
            }

            if (!line.Contains('\t', StringComparison.Ordinal))
            {
                // Prose ends the table body; a header must come again before more rows are read.
                columns = null;
                last = null;
                continue;
            }

            if (TryReadHeader(line, out var header))
            {
                columns = header;
                table ??= Table.FromCaption("");
                continue;
            }

            if (columns is null || table is null)
            {
                continue; // tab-separated text outside a port table (e.g. the appendices' socket examples)
            }

            var raw = line.Split('\t').Select(c => c.Trim()).ToList();
            var no = Cell(raw, columns, Col.No);
            if (no.Length > 0 && !NumberCell().IsMatch(no) && raw.Where((c, k) => k != columns[Col.No]).All(c => c.Length == 0))
            {
                section = section.Next(no, table.Change is not null);
                last = null;
                continue;
            }

            if (no.Length == 0)
            {
                if (last is null)
                {
                    warnings.Add(new ImportWarning(lineNo, WarningCodes.Unreadable,
                        $"row without a number continues no earlier row: '{Shorten(trimmed)}'"));
                }
                else
                {
                    last.Continue(raw, columns);
                }

                continue;
            }

            if (!NumberCell().IsMatch(no))
            {
                warnings.Add(new ImportWarning(lineNo, WarningCodes.Unreadable,
                    $"table row does not start with a row number: '{Shorten(trimmed)}'"));
                last = null;
                continue;
            }

            // A row whose protocol cell holds the Yes/No of the next column lacks its protocol cell.
            var shifted = columns.TryGetValue(Col.Protocol, out var p) && columns.TryGetValue(Col.Optional, out var o)
                && o == p + 1 && p < raw.Count && YesNo().IsMatch(raw[p])
                && (o >= raw.Count || !YesNo().IsMatch(raw[o]));
            if (shifted)
            {
                raw.Insert(p, "");
            }

            last = new Row(lineNo, table, section, shifted, columns.Keys.ToDictionary(c => c, c => Cell(raw, columns, c)));
            rows.Add(last);
        }

        return rows;
    }

    private static string Cell(List<string> raw, Dictionary<Col, int> columns, Col col) =>
        columns.TryGetValue(col, out var k) && k < raw.Count ? raw[k] : "";

    private static bool TryReadHeader(string line, out Dictionary<Col, int> columns)
    {
        columns = [];
        var cells = line.Split('\t');
        for (var k = 0; k < cells.Length; k++)
        {
            var c = cells[k].Trim();
            Col? col = c switch
            {
                _ when NoHeader().IsMatch(c) => Col.No,
                _ when c.Contains("State", StringComparison.OrdinalIgnoreCase) => Col.State,
                _ when c.Contains("Port", StringComparison.OrdinalIgnoreCase) => Col.Port,
                _ when c.Contains("Protocol", StringComparison.OrdinalIgnoreCase) => Col.Protocol,
                _ when c.Contains("Optional", StringComparison.OrdinalIgnoreCase) || c.Contains("Enabled", StringComparison.OrdinalIgnoreCase) => Col.Optional,
                _ when c.Contains("Device", StringComparison.OrdinalIgnoreCase) => Col.Device,
                _ when c.Contains("Description", StringComparison.OrdinalIgnoreCase) => Col.Description,
                _ when c.StartsWith("Note", StringComparison.OrdinalIgnoreCase) => Col.Notes,
                _ => null,
            };
            if (col is { } known)
            {
                columns.TryAdd(known, k);
            }
        }

        // The No. column comes first: a data row may hold "No" (not optional) and words like "port" too.
        return columns.TryGetValue(Col.No, out var no) && no == 0 && columns.ContainsKey(Col.Port) && columns.ContainsKey(Col.Protocol);
    }

    // ---- pass 2: rows to flows ----

    /// <summary>The protocol each port of the flow tables is read with, to fill a row whose protocol cell is missing.</summary>
    private static Dictionary<string, (ProtocolReading Protocol, int Line)> IndexProtocolsByPort(List<Row> rows)
    {
        var index = new Dictionary<string, (ProtocolReading, int)>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Table.Change is null && !r.Shifted))
        {
            if (TryReadPortCell(row[Col.Port], out var port) && ReadProtocolCell(row[Col.Protocol]) is { InferredFrom: null } protocol)
            {
                index.TryAdd(port.Ports.ToString(), (protocol, row.Line));
            }
        }

        return index;
    }

    private static void ReadFlows(Row row, Dictionary<string, (ProtocolReading Protocol, int Line)> knownProtocols, List<ImportedFlow> flows, List<ImportWarning> warnings)
    {
        var portText = row[Col.Port];
        var protocolText = row[Col.Protocol];
        if (portText.Length == 0)
        {
            warnings.Add(new ImportWarning(row.Line, WarningCodes.NoPort, $"row {row[Col.No]} ({Shorten(protocolText)}) has no port"));
            return;
        }

        if (!TryReadPortCell(portText, out var port))
        {
            warnings.Add(new ImportWarning(row.Line, WarningCodes.Unreadable, $"port cell '{portText}' is not a port, list or range"));
            return;
        }

        ProtocolReading? protocol;
        var rule = "protocol-cell";
        if (row.Shifted)
        {
            if (!knownProtocols.TryGetValue(port.Ports.ToString(), out var known))
            {
                warnings.Add(new ImportWarning(row.Line, WarningCodes.Unreadable,
                    $"row {row[Col.No]} has no protocol cell and port {port.Ports} appears nowhere else in the document"));
                return;
            }

            protocol = known.Protocol;
            rule = "protocol-from-other-row";
            warnings.Add(new ImportWarning(row.Line, WarningCodes.Inferred,
                $"row {row[Col.No]} has no protocol cell; {Describe(protocol.Transports)} taken from port {port.Ports} on line {known.Line}"));
        }
        else
        {
            protocol = ReadProtocolCell(protocolText);
            if (protocol is null)
            {
                warnings.Add(new ImportWarning(row.Line, WarningCodes.Unreadable, $"protocol cell '{protocolText}' names no transport"));
                return;
            }

            if (protocol.InferredFrom is { } app)
            {
                rule = "transport-from-application";
                warnings.Add(new ImportWarning(row.Line, WarningCodes.TransportInferred,
                    $"protocol cell '{protocolText}' names no transport; {Describe(protocol.Transports)} assumed for {app}"));
            }
        }

        var direction = row.Section.Direction;
        var component = row.Table.Component;
        IReadOnlyList<string> device = row[Col.Device] is { Length: > 0 } d && !NotApplicable().IsMatch(d) ? [d] : [];
        IReadOnlyList<string> self = component.Length > 0 ? [component] : [];
        var (from, to) = direction switch
        {
            Direction.Ingress => (device, self),
            Direction.Egress => (self, device),
            Direction.Intra => (self, self),
            _ => ([], []),
        };
        var description = row[Col.Description];
        var notes = row[Col.Notes];
        var firewall = direction switch
        {
            Direction.Intra => FirewallRelevance.NotNeeded,
            Direction.Unknown => FirewallRelevance.Unknown,
            _ when NoFirewallNeeded().IsMatch(description) || NoFirewallNeeded().IsMatch(notes) => FirewallRelevance.NotNeeded,
            _ => FirewallRelevance.Required,
        };
        var state = row[Col.State] is { Length: > 0 } s && !NotApplicable().IsMatch(s) ? s.ToLowerInvariant() : null;
        var note = JoinNotes(port.ConfigurableNote, protocol.Note);
        foreach (var t in protocol.Transports)
        {
            flows.Add(new ImportedFlow
            {
                Service = protocol.Service ?? (description.Length > 0 ? description : protocolText),
                Transport = t.Transport,
                Ports = port.Ports,
                From = from,
                To = to,
                Application = protocol.Application,
                Tls = t.Tls,
                Firewall = firewall,
                Purpose = description.Length > 0 ? description : null,
                Component = component.Length > 0 ? component : null,
                Section = row.Section.Text.Length > 0 ? row.Section.Text : null,
                Configurable = port.Configurable,
                DefaultState = state,
                Note = note,
                Line = row.Line,
                Cell = portText,
                Rule = rule,
            });
        }

        var prose = ProsePorts().Matches(description + " \t " + notes).Select(m => m.Value).ToList();
        if (prose.Count > 0)
        {
            warnings.Add(new ImportWarning(row.Line, WarningCodes.ProsePorts,
                $"description or notes of row {row[Col.No]} name other ports: {string.Join(", ", prose)}"));
        }
    }

    private static ReleaseChange ReadChange(Row row, ChangeTable change)
    {
        var ports = TryReadPortCell(row[Col.Port], out var p) ? p.Ports.ToString() : row[Col.Port];
        var protocol = ReadProtocolCell(row[Col.Protocol]);
        return new ReleaseChange(
            row.Line,
            change.FromRelease,
            change.ToRelease,
            row.Section.ChangeKind ?? "changed",
            string.Join(", ", new[] { row.Section.Scope, row.Section.SubSection }.OfType<string>()) is { Length: > 0 } scope ? scope : null,
            protocol?.Transports.Select(t => t.Transport).Distinct().ToList() ?? [],
            ports,
            row[Col.Protocol],
            row[Col.Device]);
    }

    // ---- cell logic shared by flows and release changes ----

    /// <summary>Reads "80", "5488/5489", "5060-5061 (Configurable 1024-64510)", "42004(Configurable)".</summary>
    private static bool TryReadPortCell(string cell, out PortCell port)
    {
        port = default;
        var text = PortText.Normalize(cell).Trim();
        var configurable = false;
        string? note = null;
        var m = ConfigurableSuffix().Match(text);
        if (m.Success)
        {
            configurable = true;
            var range = SpacedDash().Replace(m.Groups["range"].Value.Trim(), "$1-$2");
            note = range.Length > 0 ? "configurable " + range : null;
            text = text[..m.Index].Trim();
        }

        if (!PortText.TryPortList(text, out var ports))
        {
            return false;
        }

        port = new PortCell(ports, configurable, note);
        return true;
    }

    /// <summary>
    /// Reads the protocol cell: "TCP/SSH", "TCP", "UDP+TCP+TLS/SIP", "UDP-TCP/Voicemail", "TLS/Syslog",
    /// "TCP/TLS", "IMAP4 – SSL", "NTP" (transport inferred), "UDP/RTP-RTCP UDP/SRTP-SRTCP" (groups merged).
    /// Returns null when no transport can be read or assumed.
    /// </summary>
    private static ProtocolReading? ReadProtocolCell(string cell)
    {
        var text = PortText.Normalize(cell).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var merged = new List<TransportWord>();
        var notes = new List<string>();
        string? application = null;
        string? service = null;
        string? inferredFrom = null;
        foreach (var group in ProtocolGroupStart().Split(text).Select(g => g.Trim()).Where(g => g.Length > 0))
        {
            var reading = ReadProtocolGroup(group);
            if (reading is null)
            {
                return null;
            }

            application ??= reading.Application;
            service ??= reading.Service;
            inferredFrom ??= reading.InferredFrom;
            if (reading.Note is { } n && !notes.Contains(n))
            {
                notes.Add(n);
            }

            foreach (var t in reading.Transports)
            {
                var k = merged.FindIndex(x => x.Transport == t.Transport);
                if (k < 0)
                {
                    merged.Add(t);
                }
                else if (merged[k] != t)
                {
                    // The same port taking plain and protected traffic is not a protected port.
                    merged[k] = new TransportWord(t.Transport, false);
                }
            }

            if (reading.Application is { } other && other != application)
            {
                notes.Add($"also carries {reading.Service ?? other}");
            }
        }

        return merged.Count == 0 ? null : new ProtocolReading(merged, application, service, JoinNotes([.. notes]), inferredFrom);
    }

    private static ProtocolReading? ReadProtocolGroup(string group)
    {
        var transports = new List<TransportWord>();
        var appParts = new List<string>();
        string? note = null;
        var parts = group.Split('/').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        foreach (var part in parts)
        {
            // "UDP-TCP" lists alternatives with a dash where others use '+'.
            if (PortText.TryTransportList(part.Replace('-', '+'), out var list))
            {
                var alternatives = list.ToList();
                if (alternatives.Count > 1 && alternatives.Contains(new TransportWord(Transport.Tcp, true)) && alternatives.Contains(new TransportWord(Transport.Tcp, false)))
                {
                    // "UDP+TCP+TLS": TLS is offered on the same TCP port, not as a flow of its own.
                    alternatives.Remove(new TransportWord(Transport.Tcp, true));
                    note = TlsAlsoOffered;
                }

                transports.AddRange(alternatives);
                continue;
            }

            var suffix = TransportSuffix().Match(part);
            if (suffix.Success && PortText.TryTransportWord(suffix.Groups["transport"].Value, out var t))
            {
                appParts.Add(suffix.Groups["app"].Value.Trim());
                transports.Add(t);
                continue;
            }

            appParts.Add(part);
        }

        // "TCP/TLS": TLS layered on TCP is one transport.
        if (transports.Count == 2 && transports[0] == new TransportWord(Transport.Tcp, false) && transports[1] == new TransportWord(Transport.Tcp, true))
        {
            transports.RemoveAt(0);
        }

        var appText = string.Join(" ", appParts);
        var application = ApplicationName(appText);
        var service = appText.Length > 0 && !Proprietary().IsMatch(appText) ? appText : null;
        string? inferredFrom = null;
        if (transports.Count == 0)
        {
            if (application is null || !InferredTransports.TryGetValue(application, out var inferred))
            {
                return null;
            }

            transports.Add(inferred);
            inferredFrom = appText;
        }

        if (application is not null && EncryptedApplications.Contains(application))
        {
            transports = transports.Select(x => x with { Tls = true }).ToList();
        }

        return new ProtocolReading(transports.Distinct().ToList(), application, service, note, inferredFrom);
    }

    /// <summary>"H.323 signaling" → h323, "RTP-RTCP" → rtp, "XMP RPC" → xmp-rpc, "Proprietary" → none.</summary>
    private static string? ApplicationName(string appText)
    {
        if (appText.Length == 0 || Proprietary().IsMatch(appText))
        {
            return null;
        }

        var words = appText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = words.All(w => w.All(c => !char.IsLower(c))) ? string.Join("-", words) : words[0];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (words.Length == 1 && dash > 0)
        {
            name = name[..dash]; // "RTP-RTCP", "SRTP-SRTCP": the pair is named by its first half
        }

        return name.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    /// <summary>Applications whose transport is fixed, for protocol cells that name only the application.</summary>
    private static readonly Dictionary<string, TransportWord> InferredTransports = new(StringComparer.Ordinal)
    {
        ["ntp"] = new(Transport.Udp, false),
        ["sntp"] = new(Transport.Udp, false),
        ["http"] = new(Transport.Tcp, false),
        ["https"] = new(Transport.Tcp, true),
        ["ssh"] = new(Transport.Tcp, false),
        ["imap4"] = new(Transport.Tcp, false),
        ["smtp"] = new(Transport.Tcp, false),
    };

    /// <summary>Applications that are always encrypted; SRTP is encrypted media.</summary>
    private static readonly HashSet<string> EncryptedApplications = new(StringComparer.Ordinal)
    {
        "https", "ldaps", "sips", "imaps", "pop3s", "smtps", "ftps", "sftp", "srtp",
    };

    private static string Describe(IReadOnlyList<TransportWord> transports) =>
        string.Join("+", transports.Select(t => t.Tls ? "tls" : t.Transport.ToString().ToLowerInvariant()));

    private static string? JoinNotes(params string?[] notes)
    {
        var parts = notes.Where(n => !string.IsNullOrEmpty(n)).ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    // ---- regexes: bounded, or NonBacktracking where a lazy or open loop could backtrack over a long line ----

    [GeneratedRegex(@"^\**\s*(?:Avaya\s*[-–]\s*Proprietary|Use pursuant to the terms\b.*)\s*\**$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageFooter();

    [GeneratedRegex(@"^Table\s+\d+[.:]?\s+(?<title>\S.*)$", RegexOptions.NonBacktracking)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^[A-Z][A-Z /:-]*\bCONNECTIONS\t", RegexOptions.None)]
    private static partial Regex SectionRow();

    [GeneratedRegex(@"^(?:No\.?|#)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoHeader();

    [GeneratedRegex(@"^\d{1,4}\.?$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"^(?:Yes|No)$", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    [GeneratedRegex(@"^(?:N/?A|None|-)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotApplicable();

    [GeneratedRegex(@"^None$", RegexOptions.IgnoreCase)]
    private static partial Regex NoneCell();

    [GeneratedRegex(@"^Proprietary$", RegexOptions.IgnoreCase)]
    private static partial Regex Proprietary();

    [GeneratedRegex(@"\bno\s+firewall\s+configuration\s+(?:is\s+)?(?:needed|required)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoFirewallNeeded();

    [GeneratedRegex(@"\(\s*(?:Configurable\b|C\))(?<range>[^()]*)\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurableSuffix();

    [GeneratedRegex(@"(\d)\s*-\s*(\d)")]
    private static partial Regex SpacedDash();

    /// <summary>Splits "UDP/RTP-RTCP UDP/SRTP-SRTCP" before each transport that starts a new group.</summary>
    [GeneratedRegex(@"\s(?=(?:TCP|UDP|UPD|TLS|SSL|SCTP)\s*/)", RegexOptions.IgnoreCase)]
    private static partial Regex ProtocolGroupStart();

    /// <summary>"IMAP4 - SSL": an application followed by the transport it runs on.</summary>
    [GeneratedRegex(@"^(?<app>\S.*?)\s+-\s+(?<transport>[A-Za-z]{3,4})$", RegexOptions.NonBacktracking)]
    private static partial Regex TransportSuffix();

    /// <summary>Port pairs and ranges in description text ("32768-61000", "46750 - 50750", "80/443").</summary>
    [GeneratedRegex(@"(?<!\w|\d\.)\d{2,5}\s*[-/]\s*\d{2,5}(?!\w|\.\d)")]
    private static partial Regex ProsePorts();

    // ---- small types ----

    private readonly record struct PortCell(PortExpression Ports, bool Configurable, string? ConfigurableNote);

    /// <summary>What a protocol cell says: the transports (one flow each), the application, and notes.</summary>
    private sealed record ProtocolReading(
        IReadOnlyList<TransportWord> Transports,
        string? Application,
        string? Service,
        string? Note,
        string? InferredFrom);

    /// <summary>The releases a table of port changes is between.</summary>
    private sealed record ChangeTable(string FromRelease, string ToRelease);

    private sealed record Table(string Component, ChangeTable? Change)
    {
        public static Table FromCaption(string title)
        {
            var change = ChangeCaption().Match(title);
            if (change.Success)
            {
                return new Table(title, new ChangeTable(change.Groups["from"].Value.Trim(), change.Groups["to"].Value.Trim()));
            }

            var ports = PortsCaption().Match(title);
            return new Table(ports.Success ? ports.Groups["component"].Value.Trim() : title, null);
        }
    }

    /// <summary>
    /// The section rows above a row: a direction, and in change tables the kind of change, its scope
    /// ("Custom Call Reporter not supported") and a narrower sub-section ("CCR INGRESS CONNECTIONS").
    /// </summary>
    private sealed record Section(string Text, Direction Direction, string? ChangeKind, string? Scope, string? SubSection)
    {
        public static readonly Section None = new("", Direction.Unknown, null, null, null);

        public Section Next(string text, bool inChangeTable)
        {
            var direction = text.Contains("INTRA", StringComparison.OrdinalIgnoreCase) ? Direction.Intra
                : text.Contains("INGRESS", StringComparison.OrdinalIgnoreCase) ? Direction.Ingress
                : text.Contains("EGRESS", StringComparison.OrdinalIgnoreCase) ? Direction.Egress
                : Direction.Unknown;
            if (!inChangeTable)
            {
                return new Section(text, direction, null, null, null);
            }

            var kind = ChangeKindWord().Match(text);
            if (kind.Success)
            {
                var scope = text[(kind.Index + kind.Length)..].Trim().TrimStart(':').Trim();
                return new Section(text, direction, kind.Groups[1].Value.ToLowerInvariant(), scope.Length > 0 ? scope : null, null);
            }

            // "CCR INGRESS CONNECTIONS" under "PORTS REMOVED: ...": the same change, narrower.
            return new Section(text, direction, ChangeKind, Scope, text.ToLowerInvariant());
        }
    }

    /// <summary>One row of a table, its cells by meaning; continuation rows are appended to it.</summary>
    private sealed class Row(int line, Table table, Section section, bool shifted, Dictionary<Col, string> cells)
    {
        public int Line { get; } = line;

        public Table Table { get; } = table;

        public Section Section { get; } = section;

        /// <summary>The row had no protocol cell and its later cells were moved right by one.</summary>
        public bool Shifted { get; } = shifted;

        /// <summary>"1 None": a section with no ports.</summary>
        public bool IsEmptySection => NoneCell().IsMatch(this[Col.Port]) && this[Col.Protocol].Length == 0;

        public string this[Col col] => cells.TryGetValue(col, out var v) ? v : "";

        /// <summary>Appends a continuation row's non-empty cells to this row's cells of the same meaning.</summary>
        public void Continue(List<string> raw, Dictionary<Col, int> columns)
        {
            foreach (var (col, k) in columns)
            {
                if (k < raw.Count && raw[k].Length > 0)
                {
                    cells[col] = cells.TryGetValue(col, out var v) && v.Length > 0 ? v + " " + raw[k] : raw[k];
                }
            }
        }
    }

    [GeneratedRegex(@"Changes?\s+From\s+(?<from>.+?)\s+to\s+(?<to>.+)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ChangeCaption();

    [GeneratedRegex(@"^Ports\s+for\s+(?<component>.+?)(?:\s+Solution)?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PortsCaption();

    [GeneratedRegex(@"\bPORTS\s+(ADDED|REMOVED|CHANGED)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeKindWord();
}
