using System.Globalization;
using System.Text.RegularExpressions;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>
/// Reads one tab table per component, as in the SwyxWare FAQ (seed 004): a caption line
/// ("SwyxGate:"), a header with classification, protocol, type, port and "configurable via" columns,
/// then rows until a blank line. The component listens on the ports of its rows unless the port cell
/// says otherwise ("Undetermined, outgoing*", "Sourceport undetermined, destination 21").
/// </summary>
/// <remarks>
/// Rules, as reported in <see cref="ImportedFlow.Rule"/>:
/// <list type="bullet">
/// <item><c>listen</c>: a port list; the component is the listening side, the opener is not named.</item>
/// <item><c>channel-formula</c>: "6000 – (6000+(channels-1)*10)"; a range whose end is a formula over product parameters.</item>
/// <item><c>cds-outgoing</c>: "Undetermined, outgoing*"; the component opens connections from any port to the
/// component the Protocol column names, on the ports the document's footnote for that mark gives. The footnote
/// lines are read as that explanation, so they give no prose warning.</item>
/// <item><c>source-undetermined</c>: "Sourceport undetermined, destination 21"; the component opens connections from
/// any port to a server of the row's protocol.</item>
/// </list>
/// </remarks>
public sealed partial class ComponentTabTableReader : IDocumentReader
{
    private const string NotRead = "it gives no flow";

    public string Layout => "component-tab-tables";

    public double Match(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return FindTables(document).Count switch
        {
            0 => 0,
            1 => 0.8,
            _ => 0.95,
        };
    }

    public ImportResult Read(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tables = FindTables(document);
        var tableLines = new HashSet<int>();
        foreach (var t in tables)
        {
            tableLines.Add(t.HeaderLine);
            tableLines.UnionWith(t.RowLines);
        }

        var flows = new List<ImportedFlow>();
        var warnings = new List<ImportWarning>();
        var footnote = ReadFootnotes(document, tableLines, warnings);
        for (var n = 1; n <= document.Lines.Count; n++)
        {
            if (!tableLines.Contains(n) && !footnote.Lines.Contains(n))
            {
                CheckProse(document.Line(n), n, warnings);
            }
        }

        foreach (var table in tables)
        {
            foreach (var n in table.RowLines)
            {
                ReadRow(document.Line(n), n, table, tables, footnote, flows, warnings);
            }
        }

        return new ImportResult(
            document.Path,
            Layout,
            flows.OrderBy(f => f.Line).ToList(),
            warnings.OrderBy(w => w.Line).ToList());
    }

    private static void ReadRow(
        string line,
        int lineNumber,
        Table table,
        IReadOnlyList<Table> tables,
        Footnote footnote,
        List<ImportedFlow> flows,
        List<ImportWarning> warnings)
    {
        var cells = line.Split('\t');
        var classification = table.Columns.Cell(cells, table.Columns.Classification);
        var protocol = table.Columns.Cell(cells, table.Columns.Protocol);
        var typ = table.Columns.Cell(cells, table.Columns.Transport);
        var portCell = table.Columns.Cell(cells, table.Columns.Port);
        var configurableVia = table.Columns.Cell(cells, table.Columns.Configurable);
        var service = protocol.Length > 0 ? protocol : classification.Length > 0 ? classification : table.Component;
        var what = $"{table.Component} {service}";

        if (portCell.Length == 0)
        {
            warnings.Add(new(lineNumber, WarningCodes.NoPort, $"{what}: the row has no port, so {NotRead}."));
            return;
        }

        var reading = ReadPortCell(portCell, lineNumber, what, footnote, warnings);
        if (reading is null)
        {
            return;
        }

        if (!TryTransports(typ, out var transports, out var tlsAlso))
        {
            warnings.Add(new(lineNumber, WarningCodes.Unreadable,
                $"{what}: type '{typ}' is not a transport such as TCP or UDP, so {NotRead}."));
            return;
        }

        IReadOnlyList<string> from = [];
        IReadOnlyList<string> to = [table.Component];
        if (reading.Direction == Direction.ToProtocolComponent)
        {
            from = [table.Component];
            to = [ComponentCalled(protocol, tables)];
        }
        else if (reading.Direction == Direction.ToProtocolServer)
        {
            from = [table.Component];
            to = [$"{(protocol.Length > 0 ? protocol : classification)} server"];
        }

        var configurableNote = ConfigurableNote(configurableVia);
        var note = Join(
            configurableNote is null ? null : "configurable via " + configurableNote,
            tlsAlso ? "TLS is also offered on these ports" : null,
            reading.Note);

        var seen = new HashSet<(Transport, string, bool)>();
        foreach (var t in transports)
        {
            if (!seen.Add((t.Transport, reading.Ports.ToString(), t.Tls)))
            {
                continue;
            }

            flows.Add(new ImportedFlow
            {
                Service = service,
                Transport = t.Transport,
                Ports = reading.Ports,
                SourcePorts = reading.SourcePorts,
                From = from,
                To = to,
                Application = ApplicationOf(protocol),
                Tls = t.Tls,
                Purpose = classification.Length > 0 ? classification : null,
                Component = table.Component,
                Section = classification.Length > 0 ? classification : null,
                Configurable = configurableVia.Length > 0,
                Note = note,
                Line = lineNumber,
                Cell = portCell,
                Rule = reading.Rule,
            });
        }
    }

    /// <summary>Reads the port cell, or adds a warning and returns null.</summary>
    private static CellReading? ReadPortCell(string cell, int line, string what, Footnote footnote, List<ImportWarning> warnings)
    {
        var text = PortText.Normalize(cell).Trim();
        var bare = text.Trim('*', ' ', '"', '\u201C', '\u201D', '\u201E');
        if (OutgoingMark().IsMatch(bare))
        {
            if (footnote.Ports is null)
            {
                warnings.Add(new(line, WarningCodes.NoPort,
                    $"{what}: '{cell}' means outgoing connections, but no note in the document says to which ports, so {NotRead}."));
                return null;
            }

            return new CellReading(footnote.Ports, "cds-outgoing", Direction.ToProtocolComponent, PortExpression.Parse("any"),
                $"destination ports from the note on line {footnote.Lines.Min()}");
        }

        var source = SourceUndetermined().Match(text);
        if (source.Success)
        {
            if (!source.Groups["dst"].Success)
            {
                warnings.Add(new(line, WarningCodes.NoPort,
                    $"{what}: '{cell}' gives neither a destination nor a listening port, so {NotRead}."));
                return null;
            }

            if (!PortText.TryPortList(source.Groups["dst"].Value, out var dst))
            {
                warnings.Add(new(line, WarningCodes.Unreadable, $"{what}: destination '{source.Groups["dst"].Value}' is not a port list, so {NotRead}."));
                return null;
            }

            return new CellReading(dst, "source-undetermined", Direction.ToProtocolServer, PortExpression.Parse("any"), null);
        }

        var formula = RangeToFormula().Match(text);
        if (formula.Success && formula.Groups["expr"].Value.Any(char.IsAsciiLetter))
        {
            var expr = ParameterWords().Replace(formula.Groups["expr"].Value, m =>
                string.Join('_', m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant());
            if (PortExpression.TryParse($"{formula.Groups["low"].Value}-{{{expr}}}", out var ports))
            {
                return new CellReading(ports, "channel-formula", Direction.ToComponent, null,
                    $"the range grows with {string.Join(", ", ports.Parameters)}");
            }

            warnings.Add(new(line, WarningCodes.Unreadable, $"{what}: formula '{cell}' could not be read, so {NotRead}."));
            return null;
        }

        return ReadPortList(text, cell, line, what, warnings);
    }

    /// <summary>"5060, wellknown", "9094, 9095 (SDC)", "5000-5020 (meist 5012/13)": ports, plus words and a hint for the note.</summary>
    private static CellReading? ReadPortList(string text, string cell, int line, string what, List<ImportWarning> warnings)
    {
        string? hint = null;
        var withHint = TrailingHint().Match(text);
        if (withHint.Success)
        {
            text = withHint.Groups["main"].Value.TrimEnd();
            hint = withHint.Groups["hint"].Value.Trim();
        }

        var words = new List<string>();
        var numbers = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            (item.Any(char.IsAsciiDigit) ? numbers : words).Add(item);
        }

        if (numbers.Count == 0)
        {
            warnings.Add(new(line, WarningCodes.NoPort, $"{what}: '{cell}' names no port number, so {NotRead}."));
            return null;
        }

        if (!PortText.TryPortList(string.Join(", ", numbers), out var ports))
        {
            warnings.Add(new(line, WarningCodes.Unreadable, $"{what}: '{cell}' is not a port list, so {NotRead}."));
            return null;
        }

        if (hint is not null && !HintInside(hint, ports.ToPortSet()))
        {
            warnings.Add(new(line, WarningCodes.Unreadable,
                $"{what}: the remark '({hint})' names ports outside {ports}; they are not read."));
        }

        return new CellReading(ports, "listen", Direction.ToComponent, null,
            Join(words.Count > 0 ? string.Join(", ", words) : null, hint is null ? null : $"remark: {hint}"));
    }

    /// <summary>
    /// Whether every number of a remark such as "meist 5012/13" lies in the ports; a number shorter than the
    /// one before it is read as its last digits ("5012/13" is 5012 and 5013).
    /// </summary>
    private static bool HintInside(string hint, PortSet ports)
    {
        var previous = "";
        foreach (Match m in Number().Matches(hint))
        {
            var digits = m.Value;
            if (digits.Length < previous.Length)
            {
                digits = previous[..(previous.Length - digits.Length)] + digits;
            }

            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || !ports.Contains(port))
            {
                return false;
            }

            previous = digits;
        }

        return true;
    }

    /// <summary>
    /// "UDP + TCP" is two transports; "TCP, TLS" is one TCP flow whose ports also offer TLS; "TCP/TLS" is TLS over TCP.
    /// </summary>
    private static bool TryTransports(string typ, out IReadOnlyList<TransportWord> transports, out bool tlsAlso)
    {
        tlsAlso = false;
        transports = [];
        if (typ.Length == 0)
        {
            return false;
        }

        if (typ.Contains('/', StringComparison.Ordinal))
        {
            return PortText.TryTransportList(typ, out transports);
        }

        var list = new List<TransportWord>();
        foreach (var part in TransportSeparator().Split(typ).Where(p => p.Length > 0))
        {
            if (!PortText.TryTransportWord(part, out var t))
            {
                return false;
            }

            list.Add(t);
        }

        var plainTcp = new TransportWord(Transport.Tcp, false);
        var tls = new TransportWord(Transport.Tcp, true);
        if (list.Contains(plainTcp) && list.Contains(tls))
        {
            list.RemoveAll(t => t == tls);
            tlsAlso = true;
        }

        transports = list;
        return list.Count > 0;
    }

    /// <summary>The component a protocol name stands for: "CDS" is "ConfigDataStore-Service (CDS)".</summary>
    private static string ComponentCalled(string protocol, IReadOnlyList<Table> tables)
    {
        foreach (var t in tables)
        {
            if (string.Equals(t.Component, protocol, StringComparison.OrdinalIgnoreCase)
                || t.Component.Contains($"({protocol})", StringComparison.OrdinalIgnoreCase))
            {
                return t.Component;
            }
        }

        return protocol;
    }

    /// <summary>"H.323/H.225" is h323, "CorNet TC" cornet, "RTP + T.38" rtp: the first protocol named, lowercase.</summary>
    private static string? ApplicationOf(string protocol)
    {
        var m = FirstProtocolWord().Match(protocol);
        if (!m.Success)
        {
            return null;
        }

        var name = new string(m.Value.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        return name.Length > 0 ? name : null;
    }

    private static string? ConfigurableNote(string via)
    {
        var text = ReferToManual().Replace(via, "").Trim(' ', ',', ';', '.');
        return text.Length > 0 ? text : null;
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count > 0 ? string.Join("; ", present) : null;
    }

    /// <summary>
    /// Finds the notes that explain the "undetermined, outgoing" mark and reads their ports. A note that names
    /// other ports than the first is reported, not read.
    /// </summary>
    private static Footnote ReadFootnotes(SourceDocument document, HashSet<int> tableLines, List<ImportWarning> warnings)
    {
        PortExpression? ports = null;
        var lines = new HashSet<int>();
        for (var n = 1; n <= document.Lines.Count; n++)
        {
            if (tableLines.Contains(n))
            {
                continue;
            }

            var text = PortText.Normalize(document.Line(n));
            if (!OutgoingPhrase().IsMatch(text))
            {
                continue;
            }

            var m = FootnotePorts().Match(text);
            if (!m.Success || !PortText.TryPortList(m.Groups["ports"].Value, out var found))
            {
                continue;
            }

            if (ports is null || ports.Equals(found))
            {
                ports ??= found;
                lines.Add(n);
            }
            else
            {
                warnings.Add(new(n, WarningCodes.ProsePorts,
                    $"this note names ports {found} for 'undetermined, outgoing', unlike the note on line {lines.Min()} ({ports}); it is not read."));
            }
        }

        return new Footnote(ports, lines);
    }

    private static void CheckProse(string line, int lineNumber, List<ImportWarning> warnings)
    {
        var numbers = ProsePort().Matches(line).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (numbers.Count > 0)
        {
            warnings.Add(new(lineNumber, WarningCodes.ProsePorts,
                $"text outside the tables names port(s) {string.Join(", ", numbers)}; flows are read from the tables only."));
        }
    }

    /// <summary>Every header with port and transport columns that follows a caption line.</summary>
    private static List<Table> FindTables(SourceDocument document)
    {
        var tables = new List<Table>();
        var lines = document.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].Contains('\t', StringComparison.Ordinal) || Columns.FromHeader(lines[i]) is not { } columns)
            {
                continue;
            }

            var c = i - 1;
            while (c >= 0 && lines[c].Trim().Length == 0 && i - c <= 2)
            {
                c--;
            }

            if (c < 0 || i - c > 2 || lines[c].Contains('\t', StringComparison.Ordinal) || !lines[c].TrimEnd().EndsWith(':'))
            {
                continue;
            }

            var rows = new List<int>();
            var j = i + 1;
            for (; j < lines.Count && lines[j].Trim().Length > 0 && lines[j].Contains('\t', StringComparison.Ordinal); j++)
            {
                rows.Add(j + 1);
            }

            tables.Add(new Table(lines[c].Trim().TrimEnd(':').Trim(), i + 1, columns, rows));
            i = j - 1;
        }

        return tables;
    }

    private enum Direction
    {
        /// <summary>The row's component listens on the ports.</summary>
        ToComponent,

        /// <summary>The component opens connections to the component the Protocol column names.</summary>
        ToProtocolComponent,

        /// <summary>The component opens connections to a server of the row's protocol.</summary>
        ToProtocolServer,
    }

    private sealed record CellReading(PortExpression Ports, string Rule, Direction Direction, PortExpression? SourcePorts, string? Note);

    private sealed record Footnote(PortExpression? Ports, HashSet<int> Lines);

    private sealed record Table(string Component, int HeaderLine, Columns Columns, IReadOnlyList<int> RowLines);

    /// <summary>Column positions found by the header's words; -1 when the table has no such column.</summary>
    private sealed record Columns(int Classification, int Protocol, int Transport, int Port, int Configurable)
    {
        public static Columns? FromHeader(string header)
        {
            var cells = header.Split('\t').Select(c => c.Trim().ToLowerInvariant()).ToList();
            var port = cells.FindIndex(c => c is "port" or "ports" or "port(s)" or "port number" or "port numbers" or "destination port");
            var transport = cells.FindIndex(c => c is "typ" or "type" or "transport" or "transport protocol" or "layer 4");
            if (port < 0 || transport < 0)
            {
                return null;
            }

            return new Columns(
                cells.FindIndex(c => c is "classification" or "category" or "function" or "usage" or "klassifizierung"),
                cells.FindIndex(c => c is "protocol" or "protokoll" or "application" or "service"),
                transport,
                port,
                cells.FindIndex(c => c.StartsWith("configurable", StringComparison.Ordinal) || c.StartsWith("konfigurierbar", StringComparison.Ordinal)));
        }

        public string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : "";
    }

    [GeneratedRegex(@"^undetermined\s*,?\s*outgoing$", RegexOptions.IgnoreCase)]
    private static partial Regex OutgoingMark();

    [GeneratedRegex(@"undetermined\W{1,4}outgoing", RegexOptions.IgnoreCase)]
    private static partial Regex OutgoingPhrase();

    [GeneratedRegex(@"\bports?\s+(?<ports>\d{1,5}(?:\s*(?:,|\band\b|&)\s*\d{1,5})*)", RegexOptions.IgnoreCase)]
    private static partial Regex FootnotePorts();

    [GeneratedRegex(@"^source\s*-?\s*ports?\s+(?:undetermined|unknown|random|any)\s*(?:,\s*destination(?:\s+ports?)?\s+(?<dst>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceUndetermined();

    [GeneratedRegex(@"^(?<low>\d{1,5})\s*-\s*\((?<expr>.+)\)$")]
    private static partial Regex RangeToFormula();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*(?: +[A-Za-z][A-Za-z0-9]*)*")]
    private static partial Regex ParameterWords();

    [GeneratedRegex(@"^(?<main>[^()]*)\((?<hint>[^()]*)\)$")]
    private static partial Regex TrailingHint();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s*(?:\+|,|&|\band\b)\s*|\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TransportSeparator();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+")]
    private static partial Regex FirstProtocolWord();

    [GeneratedRegex(@"refer to (?:the )?manual(?: for details)?\.?", RegexOptions.IgnoreCase)]
    private static partial Regex ReferToManual();

    [GeneratedRegex(@"\b(?:ports?|tcp|udp)\s+(\d{1,5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProsePort();
}
