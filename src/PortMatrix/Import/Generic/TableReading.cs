using PortMatrix.Ports;

namespace PortMatrix.Import.Generic;

/// <summary>Reads one extracted table: its header, its column roles, its section rows and its data rows.</summary>
/// <remarks>
/// A large table's data rows are read in chunks on several threads: a first pass walks the rows without
/// reading them, to know the state each chunk starts in (header, section, filled-down cells); each chunk then
/// reads its rows into its own <see cref="Interpretation"/>, and the chunks are joined in row order, so the
/// result is the one a single pass gives.
/// </remarks>
internal sealed partial class TableReading
{
    private static readonly PortExpression AnyPort = PortExpression.Parse("any");

    private readonly TextTable table;
    private Interpretation owner;

    public TableReading(Interpretation owner, TextTable table)
    {
        this.owner = owner;
        this.table = table;
        _section = table.Section;
        _sectionDirection = owner.HeadingDirection(table.Section);
        if (_sectionDirection == FlowDirection.Unknown)
        {
            _sectionDirection = owner.LeadInDirection(table);
        }
    }

    private ColumnMeaning[] _meanings = [];
    private string[] _headers = [];
    private List<int> _portColumns = [];
    private List<int> _protocolColumns = [];
    private List<int> _descriptionColumns = [];
    private int _sourcePortColumn;
    private int _directionColumn;
    private int _sourceColumn;
    private int _destinationColumn;
    private int _peerColumn;
    private int _componentColumn;
    private int _serviceColumn;
    private int _firewallColumn;
    private string? _section;
    private FlowDirection _sectionDirection;
    private bool _byContent;
    private bool _warnedNoDirection;
    private string _lastService = "";
    private string _lastComponent = "";
    private string?[] _columnNames = [];
    private string[] _tablePrefixes = [];
    private Dictionary<string, WellKnownApplication?> _applications = new(StringComparer.Ordinal);

    public void Read()
    {
        var rows = table.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        if (CrossMatrixHeader(rows) is { } matrixHeader)
        {
            ReadCrossMatrix(rows, matrixHeader);
            return;
        }

        if (IsTableOfContents(rows))
        {
            // "4  SIP integration with the IP PBX ........ 45": chapter and page numbers, not ports.
            owner.Warn(rows[0].Line, WarningCodes.Inferred, $"the table ({table.Origin}) is a table of contents; its numbers were not read as ports.");
            return;
        }

        var header = FindHeader(rows);
        var start = 0;
        if (header >= 0)
        {
            // "Source | Destination" over "Host | Port | Host | Port": a header in two rows is read as one.
            var (first, combined) = TwoRowHeader(rows, header);
            for (var i = 0; i < first; i++)
            {
                ReadTitleRow(rows[i]);
            }

            header = combined is null ? header : first + 1;
            SetHeader(combined ?? rows[header], rows, header + 1);
            start = header + 1;
        }
        else if (!InferColumnsByContent(rows))
        {
            foreach (var row in rows)
            {
                ReadRowAsText(row);
            }

            return;
        }

        if (_portColumns.Count == 0 && _protocolColumns.Count == 0)
        {
            for (var i = start; i < rows.Count; i++)
            {
                ReadRowAsText(rows[i]);
            }

            return;
        }

        var chunk = owner.ChunkSize(rows.Count - start);
        if (chunk == 0)
        {
            for (var i = start; i < rows.Count; i++)
            {
                Step(rows, i, read: true);
            }

            return;
        }

        // The state each chunk starts in, from a pass that only follows headers, sections and filled-down cells.
        var starts = new List<(int First, TableReading State)>();
        var scout = CloneFor(owner.Scratch());
        for (var i = start; i < rows.Count; i++)
        {
            if ((i - start) % chunk == 0)
            {
                starts.Add((i, scout.CloneFor(owner)));
            }

            scout.Step(rows, i, read: false);
        }

        owner.InChunks(starts.Count, (k, child) =>
        {
            var reader = starts[k].State.CloneFor(child);
            var end = k + 1 < starts.Count ? starts[k + 1].First : rows.Count;
            for (var i = starts[k].First; i < end; i++)
            {
                reader.Step(rows, i, read: true);
            }
        }, "reading rows");
    }

    /// <summary>
    /// One body row: a blank row, a repeated header, a section heading, or a data row that is read
    /// (or, when <paramref name="read"/> is false, only followed for the cells it fills down).
    /// </summary>
    private void Step(IReadOnlyList<TableRow> rows, int i, bool read)
    {
        var row = rows[i];
        if (IsBlank(row))
        {
            return;
        }

        if (IsRepeatedHeader(row))
        {
            SetHeader(row, rows, i + 1);
            return;
        }

        if (IsSectionRow(row, out var title))
        {
            // A caption ("Table 1. Ports for ...") is not a heading; a heading without a direction keeps the one above.
            if (!Caption().IsMatch(title))
            {
                _section = title;
                var d = owner.HeadingDirection(title);
                _sectionDirection = d != FlowDirection.Unknown ? d : _sectionDirection;
            }

            return;
        }

        if (IsNoteRow(row))
        {
            // "1 | Recorder accepts SIPREC on both 5060/UDP and 5061/TCP; ..." under a wide table: a note, read as text.
            if (read)
            {
                ReadRowAsText(row);
            }

            return;
        }

        if (read)
        {
            ReadRow(row);
        }
        else
        {
            FillDownOnly(row);
        }
    }

    /// <summary>
    /// A row of a table of four or more columns that holds one sentence (and at most a short mark such as a note
    /// number): a note below or inside the table, whose columns do not apply to it.
    /// </summary>
    private bool IsNoteRow(TableRow row)
    {
        if (_headerWidth < 4)
        {
            return false;
        }

        string? sentence = null;
        var filled = 0;
        var cells = row.Cells;
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var t = cell.Text.AsSpan().Trim();
            if (t.Length == 0)
            {
                continue;
            }

            if (++filled > 2)
            {
                return false;
            }

            if (t.Length >= 30 && t.Count(' ') >= 5)
            {
                if (sentence is not null)
                {
                    return false;
                }

                sentence = cell.Text;
            }
            else if (t.Length > 4)
            {
                return false;
            }
        }

        return sentence is not null;
    }

    /// <summary>A copy of this reader's state that reports to <paramref name="into"/>, with caches of its own.</summary>
    private TableReading CloneFor(Interpretation into)
    {
        var copy = (TableReading)MemberwiseClone();
        copy.owner = into;
        copy._applications = new(StringComparer.Ordinal);
        copy._names = new(StringComparer.Ordinal);
        copy._componentNames = new(StringComparer.Ordinal);
        copy._roleColumns = [.. _roleColumns];
        copy._columnEnds = [];
        copy._locals = new(1);
        copy._remotes = new(1);
        copy._plain = new(2);
        copy._cells = [];
        return copy;
    }

    // ---- header --------------------------------------------------------------------------------

    private static double RowHeaderScore(TableRow row, out bool hasPort, out int roles)
    {
        hasPort = false;
        roles = 0;
        var score = 0.0;
        var seen = new HashSet<ColumnRole>();
        foreach (var cell in row.Cells)
        {
            var text = cell.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var s = ColumnRoles.HeaderScore(text);
            if (s == 0)
            {
                // A data cell (a port number, a long sentence) counts against the row; "5.1.4 and later" is a release's column.
                score -= ColumnRoles.IsReleaseLabel(text) ? 0 : text.Any(char.IsDigit) || text.Length > 60 ? 1 : 0.25;
                continue;
            }

            var role = ColumnRoles.Classify(text).Role;
            if (!seen.Add(role) && role is not (ColumnRole.Port or ColumnRole.Description))
            {
                s /= 2;
            }

            roles++;
            score += s;
            hasPort |= role is ColumnRole.Port or ColumnRole.LocalPort or ColumnRole.RemotePort;
        }

        return score;
    }

    /// <summary>
    /// A header written over two rows: the upper row groups the columns ("Source", "Destination", spanning two
    /// cells each) and the lower one names them ("Host", "Port", "Host", "Port"). Returns the index of the upper row
    /// and the two rows joined ("Source Host", "Source Port", …), or (<paramref name="header"/>, null) when the
    /// header is one row.
    /// </summary>
    private static (int First, TableRow? Combined) TwoRowHeader(IReadOnlyList<TableRow> rows, int header)
    {
        foreach (var upper in new[] { header - 1, header })
        {
            if (upper < 0 || upper + 1 >= rows.Count)
            {
                continue;
            }

            var top = rows[upper].Cells.Where(c => c.Text.Trim().Length > 0).ToList();
            var bottom = rows[upper + 1].Cells.Where(c => c.Text.Trim().Length > 0).ToList();
            var names = bottom.Select(c => c.Text.Trim().ToLowerInvariant()).ToList();
            var groups = top.Select(c => c.Text.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (bottom.Count < 2 || names.Distinct().Count() == names.Count || names.Distinct().Count() < 2 || groups.Count < 2
                || !top.All(c => ColumnRoles.HeaderScore(c.Text.Trim()) > 0) || !bottom.All(c => ColumnRoles.HeaderScore(c.Text.Trim()) > 0))
            {
                // A two-row header repeats names below ("Host", "Port" twice) under distinct groups above.
                continue;
            }

            var cells = new List<TableCell>();
            foreach (var cell in bottom)
            {
                var group = top.LastOrDefault(c => c.Column <= cell.Column).Text?.Trim() ?? "";
                var name = cell.Text.Trim();
                cells.Add(cell with { Text = group.Length == 0 || string.Equals(group, name, StringComparison.OrdinalIgnoreCase) ? name : group + " " + name });
            }

            return (upper, new TableRow(cells, rows[upper + 1].Line));
        }

        return (header, null);
    }

    private static int FindHeader(IReadOnlyList<TableRow> rows)
    {
        var best = -1;
        var bestScore = 0.0;
        for (var i = 0; i < Math.Min(rows.Count, TableInterpreter.HeaderSearchRows); i++)
        {
            var score = RowHeaderScore(rows[i], out var hasPort, out var roles);
            var eligible = (hasPort && score >= 1.5 && roles >= 2) || (roles >= 3 && score >= 2.5);
            if (eligible && score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    private bool IsRepeatedHeader(TableRow row)
    {
        var nonEmpty = 0;
        foreach (var cell in row.Cells)
        {
            if (cell.Text.Trim().Length == 0)
            {
                continue;
            }

            nonEmpty++;
            if (ColumnRoles.HeaderScore(cell.Text.Trim()) == 0)
            {
                return false;
            }
        }

        if (nonEmpty < 2)
        {
            return false;
        }

        _ = RowHeaderScore(row, out var hasPort, out var roles);
        return hasPort && roles >= 2;
    }

    private void SetHeader(TableRow header, IReadOnlyList<TableRow> rows, int bodyStart)
    {
        _headerWidth = header.Cells.Count == 0 ? 0 : header.Cells.Max(c => c.Column);
        var width = Math.Max(header.Cells.Count == 0 ? 0 : header.Cells.Max(c => c.Column), rows.Skip(bodyStart).Take(50).Select(r => r.Cells.Count == 0 ? 0 : r.Cells.Max(c => c.Column)).DefaultIfEmpty(0).Max());
        _meanings = new ColumnMeaning[width + 1];
        _headers = new string[width + 1];
        Array.Fill(_headers, "");
        foreach (var cell in header.Cells)
        {
            if (cell.Column >= 1 && cell.Column <= width)
            {
                _meanings[cell.Column] = ColumnRoles.Classify(cell.Text);
                _headers[cell.Column] = Titles.Squash(cell.Text);
            }
        }

        DropSupersededPortColumns();
        FindSocketStateColumn(rows, bodyStart);
        FindArrowColumn(rows, bodyStart);
        _actionColumn = null;
        _statusColumn = null;
        _letterTransports = false;
        ValidateByContent(rows, bodyStart);
        AssignColumns();
        _components = CollectComponents(rows, bodyStart);
        NameColumns();
        if (_portColumns.Count == 0)
        {
            FindPortColumnByContent(rows, bodyStart);
        }
    }

    /// <summary>
    /// A zone or system matrix: a header row whose first cell says both ends ("Source ↓ / Destination →", "From \ To")
    /// over rows headed by the source; each other cell holds the ports from its row's system to its column's. The index of
    /// the header row, or null.
    /// </summary>
    private static int? CrossMatrixHeader(IReadOnlyList<TableRow> rows)
    {
        for (var i = 0; i < Math.Min(rows.Count, 5); i++)
        {
            var filled = rows[i].Cells.Where(c => c.Text.Trim().Length > 0).ToList();
            if (filled.Count < 3 || filled[0].Column != 1)
            {
                continue;
            }

            var first = filled[0];

            var words = ColumnRoles.Words(first.Text);
            var from = words.Exists(w => w is "source" or "from" or "src" or "client" or "initiator");
            var to = words.Exists(w => w is "destination" or "to" or "dst" or "dest" or "server" or "target");
            if (from && to && words.Count <= 8 && !PortPhrases.Read(first.Text, PhraseMode.Text).LooksLikePorts)
            {
                return i;
            }
        }

        return null;
    }

    private void ReadCrossMatrix(IReadOnlyList<TableRow> rows, int header)
    {
        var destinations = new Dictionary<int, string>();
        foreach (var cell in rows[header].Cells)
        {
            if (cell.Column > 1 && Titles.Squash(cell.Text) is { Length: > 0 } name)
            {
                destinations[cell.Column] = name;
            }
        }

        for (var i = header + 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var source = row.Cells.Where(c => c.Column == 1).Select(c => Titles.Squash(c.Text)).FirstOrDefault() ?? "";
            if (source.Length == 0)
            {
                continue;
            }

            foreach (var cell in row.Cells)
            {
                if (cell.Column <= 1 || !destinations.TryGetValue(cell.Column, out var destination) || cell.Text.Trim().Length == 0)
                {
                    continue;
                }

                var reading = owner.Phrase(cell.Text, PhraseMode.Text);
                foreach (var issue in reading.Issues)
                {
                    owner.Warn(cell.Line, issue.Code, $"{issue.Message} (in '{Titles.Clip(cell.Text)}')");
                }

                if (reading.Mentions.Count == 0)
                {
                    continue;
                }

                List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends = [([source], [destination])];
                MakeFlows(reading, cell, row, ColumnMeaning.None, [], "", null, ends, "table-matrix", null, rowWise: true, "ends=matrix");
            }
        }
    }

    /// <summary>The widest table whose columns are looked at for role marks and check marks.</summary>
    private const int MaxMarkColumns = 40;

    /// <summary>Columns of a role matrix: one per system, cells "L" (listens), "C" (connects), "L/C" or "-".</summary>
    private List<int> _roleColumns = [];

    private static bool IsRoleMark(string text) =>
        text.Trim().ToUpperInvariant() is "" or "L" or "C" or "L/C" or "C/L" or "L+C" or "C+L" or "-" or "\u2013" or "\u2014";

    /// <summary>
    /// A role matrix ("Port | Proto | Gateway | Call server | ESNP | Purpose" with L and C cells): two or more columns
    /// that hold only role marks, at least one of them an L and one a C.
    /// </summary>
    private void FindRoleColumns(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        _roleColumns = [];
        if (_meanings.Length > MaxMarkColumns)
        {
            // Each column is sampled on its own; a table this wide is no matrix of roles or check marks.
            return;
        }

        for (var col = 1; col < _meanings.Length; col++)
        {
            int filled = 0, marks = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                marks += IsRoleMark(text) && text.Trim() is not ("-" or "\u2013" or "\u2014") ? 1 : 0;
                if (!IsRoleMark(text))
                {
                    marks = -1000;
                }
            }

            if (filled >= 2 && marks >= 1)
            {
                _roleColumns.Add(col);
            }
        }

        // "Standalone | Cluster" with ✔ / – / ✗: where a port applies, not systems at either end.
        for (var col = 1; col < _meanings.Length; col++)
        {
            int filled = 0, ticks = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                var t = text.Trim();
                ticks += t.Length > 0 && t[0] is '\u2714' or '\u2713' or '\u2717' or '\u2718' or '\u2715' or '\u25CF' or '\u25CB' or '\u2611' or '\u2612' ? 1 : 0;
            }

            if (filled >= 2 && ticks * 2 >= filled && _meanings[col].Role is ColumnRole.Source or ColumnRole.Destination or ColumnRole.Peer or ColumnRole.Component or ColumnRole.None)
            {
                _meanings[col] = new(ColumnRole.None, null, false);
            }
        }

        if (_roleColumns.Count < 2)
        {
            _roleColumns = [];
            return;
        }

        foreach (var col in _roleColumns)
        {
            _meanings[col] = new(ColumnRole.None, null, false);
        }
    }

    /// <summary>The ends of a role-matrix row: from the systems that connect (C) to those that listen (L); "L/C" both ways.</summary>
    private List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>? RoleEnds(TableCell?[] cells)
    {
        var listeners = new List<string>();
        var initiators = new List<string>();
        foreach (var col in _roleColumns)
        {
            var mark = CellText(cells, col).ToUpperInvariant();
            var name = _headers[col].Length > 0 ? _headers[col] : TableInterpreter.DefaultPeer;
            if (mark.Contains('L'))
            {
                listeners.Add(name);
            }

            if (mark.Contains('C'))
            {
                initiators.Add(name);
            }
        }

        if (listeners.Count == 0 && initiators.Count == 0)
        {
            return null;
        }

        // One end only ("C" to the customer's time source, outside the matrix): the other end is a peer.
        IReadOnlyList<string> from = initiators.Count > 0 ? initiators : [TableInterpreter.DefaultPeer];
        IReadOnlyList<string> to = listeners.Count > 0 ? listeners : [TableInterpreter.DefaultPeer];
        var both = from.Intersect(to).ToList();
        if (both.Count > 0)
        {
            // "L/C" in two columns: each listens and connects, one flow each way between them.
            var ends = new List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>();
            var all = from.Union(to).ToList();
            for (var a = 0; a < all.Count; a++)
            {
                for (var b = 0; b < all.Count; b++)
                {
                    if (a != b && from.Contains(all[a]) && to.Contains(all[b]))
                    {
                        ends.Add(([all[a]], [all[b]]));
                    }
                }
            }

            return ends.Count > 0 ? ends : [(from, to)];
        }

        return [(from, to)];
    }

    /// <summary>"Type" may hold transports or directions; a protocol column holding neither is a category.</summary>
    private void ValidateByContent(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        FindRoleColumns(rows, bodyStart);
        for (var col = 1; col < _meanings.Length; col++)
        {
            var role = _meanings[col].Role;
            if (role == ColumnRole.Destination && col < _headers.Length && ColumnRoles.Words(_headers[col]) is ["listener"])
            {
                // "Listener: XMPP client-to-server (c2s)", "SIP SIMPLE over TLS": a column of listening services, not of hosts.
                int named = 0, apps = 0;
                foreach (var text in Sample(rows, bodyStart, col))
                {
                    named++;
                    apps += PortPhrases.Read(text, PhraseMode.ProtocolCell).Applications.Count > 0 ? 1 : 0;
                }

                if (named > 0 && apps * 2 >= named)
                {
                    _meanings[col] = new(ColumnRole.Service, null, false);
                }

                continue;
            }

            if (role == ColumnRole.Component && col < _headers.Length && ColumnRoles.Words(_headers[col]).Contains("server")
                && Enumerable.Range(1, _meanings.Length - 1).Any(other => _meanings[other].Role == ColumnRole.Source))
            {
                // "Server role" beside "Client role": the listening side, not a part of the product.
                _meanings[col] = new(ColumnRole.Destination, null, false);
                continue;
            }

            if (role == ColumnRole.Source && col < _headers.Length && ColumnRoles.Words(_headers[col]) is ["requestor"] or ["requester"] or ["requested", "by"]
                && Enumerable.Range(1, _meanings.Length - 1).Any(other => other != col && _meanings[other].Role == ColumnRole.Source))
            {
                // "Requestor" beside "Source IP" in a change request: the person who asked, not the source.
                _meanings[col] = new(ColumnRole.Description, null, false);
                continue;
            }

            if (role == ColumnRole.Protocol && col < _headers.Length && _headers[col].Length <= 5)
            {
                // A protocol column of single letters: T(CP), U(DP), S(CTP).
                int letters = 0, cellsSeen = 0;
                foreach (var text in Sample(rows, bodyStart, col))
                {
                    cellsSeen++;
                    letters += text.Trim().ToUpperInvariant() is "T" or "U" or "S" or "T/U" or "U/T" or "TU" ? 1 : 0;
                }

                if (cellsSeen >= 2 && letters * 10 >= cellsSeen * 8)
                {
                    _letterTransports = true;
                    continue;
                }
            }

            if (role is not (ColumnRole.Protocol or ColumnRole.Direction))
            {
                continue;
            }

            int filled = 0, transports = 0, directions = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                var reading = PortPhrases.Read(text, PhraseMode.ProtocolCell);
                transports += reading.Transports.Count > 0 || reading.Applications.Count > 0 ? 1 : 0;
                directions += Directions.FromCell(text, out _, out _) != FlowDirection.Unknown ? 1 : 0;
            }

            if (filled == 0)
            {
                continue;
            }

            if (role == ColumnRole.Protocol && directions * 2 > filled && transports * 5 < filled)
            {
                _meanings[col] = new(ColumnRole.Direction, null, false);
            }
            else if (role == ColumnRole.Direction && transports * 2 > filled && directions * 5 < filled)
            {
                _meanings[col] = new(ColumnRole.Protocol, null, false);
            }
            else if (role == ColumnRole.Protocol && transports * 5 < filled && directions * 5 < filled)
            {
                _meanings[col] = new(ColumnRole.Service, null, false);
            }
            else if (role == ColumnRole.Direction && filled >= 3 && directions * 5 < filled && transports * 5 < filled
                && Enumerable.Range(1, _meanings.Length - 1).Any(other => other != col && _meanings[other].Role == ColumnRole.Direction))
            {
                // "Flow: Mobile client registration" beside a real Direction column: the flow's name.
                _meanings[col] = new(ColumnRole.Service, null, false);
            }
        }
    }

    /// <summary>
    /// A release note's "8.x port" and "9.0 port" columns, or "Old port" and "New port": only the port of the newest
    /// release is a flow; the older columns are read as notes.
    /// </summary>
    private void DropSupersededPortColumns()
    {
        var ports = Enumerable.Range(1, _meanings.Length - 1).Where(c => _meanings[c].Role == ColumnRole.Port).ToList();
        if (ports.Count < 2)
        {
            return;
        }

        var old = ports.Where(c => ColumnRoles.Words(_headers[c]).Exists(w => w is "old" or "previous" or "former" or "legacy" or "before" or "was" or "prior")).ToList();
        var versions = ports.Select(c => (Column: c, Version: HeaderVersion().Match(_headers[c]) is { Success: true } m
            ? (double.TryParse(m.Groups[1].Value + "." + (m.Groups[2].Value is { Length: > 0 } minor && minor != "x" ? minor : "0"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)
            : -1)).ToList();
        if (old.Count == 0 && versions.TrueForAll(v => v.Version >= 0) && versions.Select(v => v.Version).Distinct().Count() == versions.Count)
        {
            var newest = versions.MaxBy(v => v.Version).Column;
            old = ports.Where(c => c != newest).ToList();
        }

        if (old.Count == 0 || old.Count == ports.Count)
        {
            return;
        }

        foreach (var c in old)
        {
            _meanings[c] = new(ColumnRole.Description, null, false);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:(?<first>[AB])\s*(?<arrow>->|<->|<-|=>|<>|\u2192|\u2194|\u2190)\s*[AB]|(?<arrow>-{2,}>|<-{2,}>|<-{2,}|={2,}>|<={2,}>|\u2192|\u2194|\u2190|->|<->|<-))\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AbArrow();

    private int _socketStateColumn;

    /// <summary>
    /// A "show ports" printout's STATE column (LISTEN, OPEN, CONNECT, PEER, DISABLED): who opens the connection, read
    /// as a direction column. DISABLED rows are retired by the status rule.
    /// </summary>
    private void FindSocketStateColumn(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        _socketStateColumn = 0;
        for (var col = 1; col < _meanings.Length; col++)
        {
            if (ColumnRoles.Words(_headers[col]) is not (["state"] or ["status"] or ["port", "state"] or ["socket", "state"]))
            {
                continue;
            }

            int filled = 0, states = 0, directed = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                var state = SocketState(text);
                states += state is not null ? 1 : 0;
                directed += state is FlowDirection.In or FlowDirection.Out ? 1 : 0;
            }

            if (filled >= 3 && states * 10 >= filled * 8 && directed > 0 && !Array.Exists(_meanings, m => m.Role == ColumnRole.Direction))
            {
                _meanings[col] = new(ColumnRole.Direction, null, false);
                _socketStateColumn = col;
                return;
            }
        }
    }

    /// <summary>
    /// "PBX 10.20.1.11  ---->  controller  UDP 5060": a column of arrows between two columns of names; the names on its left
    /// open the connection to those on its right ("&lt;---&gt;" both ways, "&lt;----" the other way).
    /// </summary>
    private void FindArrowColumn(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        for (var col = 2; col + 1 < _meanings.Length; col++)
        {
            if (_meanings[col].Role is not (ColumnRole.None or ColumnRole.Service or ColumnRole.Description))
            {
                continue;
            }

            int filled = 0, arrows = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                arrows += AbArrow().IsMatch(text) ? 1 : 0;
            }

            if (filled >= 2 && arrows * 10 >= filled * 8
                && _meanings[col - 1].Role is ColumnRole.None or ColumnRole.Service or ColumnRole.Description or ColumnRole.Peer or ColumnRole.Component
                && _meanings[col + 1].Role is ColumnRole.None or ColumnRole.Service or ColumnRole.Description or ColumnRole.Peer)
            {
                _meanings[col - 1] = new(ColumnRole.Source, null, false);
                _meanings[col] = new(ColumnRole.Direction, null, false);
                _meanings[col + 1] = new(ColumnRole.Destination, null, false);
                return;
            }
        }
    }

    /// <summary>LISTEN and OPEN: the product listens; CONNECT: it connects; PEER: both; DISABLED or CLOSED: known, no direction.</summary>
    private static FlowDirection? SocketState(string text) => text.Trim().ToUpperInvariant() switch
    {
        "LISTEN" or "LISTENING" or "OPEN" or "BOUND" => FlowDirection.In,
        "CONNECT" or "CONNECTED" or "ESTABLISHED" or "CLIENT" or "OUTGOING" => FlowDirection.Out,
        "PEER" or "CLUSTER" => FlowDirection.Both,
        "DISABLED" or "CLOSED" or "OFF" or "INACTIVE" => FlowDirection.Unknown,
        _ => null,
    };

    /// <summary>"8.x port", "9.0 port", "Port (v11)", "R10 ports": a release number in a header.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])(?:v|r|rel\.?\s*|release\s+|version\s+)?(\d{1,3})(?:\.(\d{1,3}|x))?(?![\w.])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex HeaderVersion();

    private static IEnumerable<string> Sample(IReadOnlyList<TableRow> rows, int start, int col)
    {
        var taken = 0;
        for (var i = start; i < rows.Count && taken < 60; i++)
        {
            foreach (var cell in rows[i].Cells)
            {
                if (cell.Column == col && cell.Text.Trim().Length > 0)
                {
                    taken++;
                    yield return cell.Text.Trim();
                }
            }
        }
    }

    private void AssignColumns()
    {
        _portColumns = [];
        _protocolColumns = [];
        _descriptionColumns = [];
        _sourcePortColumn = _directionColumn = _sourceColumn = _destinationColumn = _peerColumn = _componentColumn = _serviceColumn = _firewallColumn = 0;
        for (var col = 1; col < _meanings.Length; col++)
        {
            switch (_meanings[col].Role)
            {
                case ColumnRole.Port or ColumnRole.LocalPort or ColumnRole.RemotePort:
                    _portColumns.Add(col);
                    break;
                case ColumnRole.Protocol:
                    _protocolColumns.Add(col);
                    break;
                case ColumnRole.Description:
                    _descriptionColumns.Add(col);
                    break;
                case ColumnRole.SourcePort:
                    _sourcePortColumn = First(_sourcePortColumn, col);
                    break;
                case ColumnRole.Direction:
                    _directionColumn = First(_directionColumn, col);
                    break;
                case ColumnRole.Source:
                    _sourceColumn = Ends(_sourceColumn, col);
                    break;
                case ColumnRole.Destination:
                    _destinationColumn = Ends(_destinationColumn, col);
                    break;
                case ColumnRole.Peer:
                    _peerColumn = First(_peerColumn, col);
                    break;
                case ColumnRole.Component:
                    _componentColumn = First(_componentColumn, col);
                    break;
                case ColumnRole.Service:
                    if (_serviceColumn == 0)
                    {
                        _serviceColumn = col;
                    }
                    else
                    {
                        _descriptionColumns.Add(col);
                    }

                    break;
                case ColumnRole.Firewall:
                    _firewallColumn = First(_firewallColumn, col);
                    break;
            }
        }

        _directionYesMeansBoth = _directionColumn > 0 && ColumnRoles.IsYesMeansBoth(_headers[_directionColumn]);
        _directionColumnSays = _directionColumn > 0 && !_directionYesMeansBoth && ColumnRoles.Words(_headers[_directionColumn]).Count >= 2
            ? Directions.FromSection(_headers[_directionColumn])
            : FlowDirection.Unknown;
        PairRangeColumns();
    }

    /// <summary>Whether the direction column is a "Bidirectional" yes/no column.</summary>
    private bool _directionYesMeansBoth;

    /// <summary>The direction the direction column's own header gives ("Outbound from the gateway"), whose cells then name the peer.</summary>
    private FlowDirection _directionColumnSays;

    private static bool IsToFrom(string text) =>
        text.StartsWith("to ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("from ", StringComparison.OrdinalIgnoreCase);

    private static string StripToFrom(string text)
    {
        var t = text.Trim();
        foreach (var lead in new[] { "to the ", "from the ", "to ", "from " })
        {
            if (t.StartsWith(lead, StringComparison.OrdinalIgnoreCase) && t.Length > lead.Length)
            {
                return t[lead.Length..].Trim();
            }
        }

        return t;
    }

    private static int First(int current, int col) => current == 0 ? col : current;

    /// <summary>
    /// The column that names an end: the first, except that a host column ("Destination") wins over a zone column
    /// ("Destination zone", "Source network") of a firewall export, which names where the host sits, not the host.
    /// </summary>
    private int Ends(int current, int col) => current == 0 || (IsZoneColumn(current) && !IsZoneColumn(col)) ? col : current;

    private bool IsZoneColumn(int col) =>
        ColumnRoles.Words(_headers[col]).Exists(w => w is "zone" or "zones" or "network" or "networks" or "vlan" or "segment" or "interface" or "area");

    private void NameColumns()
    {
        _columnNames = new string?[_headers.Length];
        _tablePrefixes = new string[_headers.Length];
        for (var col = 0; col < _headers.Length; col++)
        {
            _columnNames[col] = "column '" + Titles.Clip(_headers[col]) + "'";
            _tablePrefixes[col] = "table:" + _columnNames[col];
        }

        if (_rangeStartColumn > 0)
        {
            _tablePrefixes[_rangeStartColumn] = $"table:range({_columnNames[_rangeStartColumn]}..{_columnNames[_rangeEndColumn]})";
        }
    }

    // ---- ranges split over two columns ("Start Port" and "End Port") --------------------------------

    private static readonly HashSet<string> RangeStartWords = new(StringComparer.Ordinal)
    {
        "start", "starting", "begin", "beginning", "first", "low", "lower", "lowest", "min", "minimum",
    };

    private static readonly HashSet<string> RangeEndWords = new(StringComparer.Ordinal)
    {
        "end", "ending", "last", "high", "higher", "highest", "upper", "max", "maximum",
    };

    private int _rangeStartColumn;
    private int _rangeEndColumn;

    /// <summary>
    /// Two port columns whose headers say where a range starts and ends ("Start Port" / "End Port", "Port low" /
    /// "Port high") are one range: the end column gives no flows of its own.
    /// </summary>
    private void PairRangeColumns()
    {
        _rangeStartColumn = _rangeEndColumn = 0;
        int start = 0, end = 0;
        foreach (var col in _portColumns)
        {
            var words = ColumnRoles.Words(_headers[col]);
            if (start == 0 && words.Exists(RangeStartWords.Contains))
            {
                start = col;
            }
            else if (end == 0 && words.Exists(RangeEndWords.Contains))
            {
                end = col;
            }
        }

        if (start > 0 && end > 0 && _meanings[start].Role == _meanings[end].Role)
        {
            _rangeStartColumn = start;
            _rangeEndColumn = end;
            _portColumns.Remove(end);
        }
    }

    /// <summary>How many columns the header row names (rows of a broken CSV may have more cells).</summary>
    private int _headerWidth;

    /// <summary>
    /// "TCP:443,80 UDP:3478" written into a CSV without quotes: the comma split the port cell, so the row has more
    /// cells than the header and the next cell goes on with ports. The pieces are joined again (with a warning) and
    /// the cells after them move back under their headers.
    /// </summary>
    private void RejoinSplitPortCell(TableCell?[] cells)
    {
        var last = cells.Length - 1;
        while (last > 0 && cells[last] is null)
        {
            last--;
        }

        if (_headerWidth == 0 || last <= _headerWidth || _portColumns.Count != 1)
        {
            return;
        }

        var col = _portColumns[0];
        while (last > _headerWidth && col + 1 <= last && cells[col] is { } port && cells[col + 1] is { } next && ContinuesPorts(next.Text))
        {
            owner.Warn(next.Line, WarningCodes.Inferred,
                $"the row has more cells than its header; '{Titles.Clip(next.Text)}' was read as the rest of the port cell '{Titles.Clip(port.Text)}' (a comma without quotes?).");
            cells[col] = port with { Text = port.Text + "," + next.Text };
            for (var i = col + 1; i < last; i++)
            {
                cells[i] = cells[i + 1] is { } moved ? moved with { Column = i } : null;
            }

            cells[last--] = null;
        }
    }

    /// <summary>A piece of a port cell: it starts with a port number, or with a transport and a number ("UDP:3478").</summary>
    private bool ContinuesPorts(string text)
    {
        var t = text.Trim();
        return t.Length is > 0 and <= 40 && (char.IsAsciiDigit(t[0]) || owner.Phrase(t, PhraseMode.PortCell).Mentions.Any(m => m.Ports is not null && m.Transports.Count > 0));
    }

    /// <summary>The start cell of a two-column range, rewritten as "start-end" when both cells hold a port number.</summary>
    private void JoinRange(TableCell?[] cells)
    {
        if (_rangeStartColumn == 0 || _rangeStartColumn >= cells.Length || _rangeEndColumn >= cells.Length
            || cells[_rangeStartColumn] is not { } first || cells[_rangeEndColumn] is not { } last)
        {
            return;
        }

        var low = first.Text.Trim();
        var high = last.Text.Trim();
        if (low.Length is > 0 and <= 5 && high.Length is > 0 and <= 5 && low != high && low.All(char.IsAsciiDigit) && high.All(char.IsAsciiDigit))
        {
            cells[_rangeStartColumn] = first with { Text = low + "-" + high };
        }
    }

    /// <summary>Most rows end in a dot leader and a page number ("Appendix B: IP ports ........ 137").</summary>
    private static bool IsTableOfContents(IReadOnlyList<TableRow> rows)
    {
        if (rows.Count < 3)
        {
            return false;
        }

        var leaders = 0;
        foreach (var row in rows)
        {
            var text = row.Cells.Count > 0 ? string.Join(" ", row.Cells.Select(c => c.Text)).TrimEnd() : "";
            var end = text.Length;
            while (end > 0 && char.IsAsciiDigit(text[end - 1]))
            {
                end--;
            }

            leaders += end < text.Length && end >= 4 && text.AsSpan(0, end).TrimEnd().EndsWith("...", StringComparison.Ordinal) ? 1 : 0;
        }

        return leaders * 10 >= rows.Count * 6;
    }

    /// <summary>"1", "2", "3", ...: a column of row or chapter numbers counting up by one, not ports.</summary>
    private static bool CountsUp(IEnumerable<string> values)
    {
        // Appendix letters ("A", "B") may follow the chapters: only the numbers must count up.
        var previous = -1;
        int count = 0, all = 0;
        foreach (var v in values)
        {
            all++;
            if (!int.TryParse(v.Trim().TrimEnd('.'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                // "1.1", "1.2": sub-sections between the chapters.
                count += v.Trim().Split('.').All(p => p.Length is > 0 and <= 2 && p.All(char.IsAsciiDigit)) ? 1 : 0;
                continue;
            }

            if (previous >= 0 && n != previous + 1)
            {
                return false;
            }

            previous = n;
            count++;
        }

        return count >= 3 && count * 10 >= all * 6;
    }

    /// <summary>A header without a port column: a column whose cells are mostly port numbers is one.</summary>
    private void FindPortColumnByContent(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        // The column most like ports: "udp/5060" (a transport with it) before bare numbers, and never a row number ("id", "#").
        var best = 0;
        var bestScore = 0;
        var old = 0;
        for (var col = 1; col < _meanings.Length && col <= 200; col++)
        {
            if (_meanings[col].Role is not (ColumnRole.None or ColumnRole.Service or ColumnRole.Description))
            {
                continue;
            }

            int filled = 0, ports = 0, withTransport = 0;
            foreach (var text in Sample(rows, bodyStart, col))
            {
                filled++;
                if (IsPortLike(text))
                {
                    ports++;
                    withTransport += PortPhrases.Read(text, PhraseMode.PortCell).Transports.Count > 0 ? 1 : 0;
                }
            }

            // A row id, or chapter numbers counting up (a table of contents).
            var identifier = (col < _headers.Length && ColumnRoles.Words(_headers[col]) is ["id"] or ["no"] or ["nr"] or ["seq"] or ["rule"] or ["item"] or ["ref"] or [])
                || CountsUp(Sample(rows, bodyStart, col));
            var score = identifier ? 0 : ports + (2 * withTransport);

            // "5.1.3 and earlier" beside "5.1.4 and later": the release after the change holds the ports to open.
            var header = col < _headers.Length ? ColumnRoles.Words(_headers[col]) : [];
            var newer = header.Exists(w => w is "later" or "after" or "new" or "current" or "now");
            if (header.Exists(w => w is "earlier" or "before" or "old" or "previous" or "prior" or "was" or "former"))
            {
                old = old == 0 && filled >= 2 && ports * 10 >= filled * 6 ? col : old;
                continue;
            }

            score += newer ? 1 : 0;
            if (filled >= 2 && ports * 10 >= filled * (newer ? 5 : 6) && (score > bestScore || best == 0))
            {
                best = col;
                bestScore = score;
            }
        }

        {
            var col = best > 0 ? best : old;
            if (col > 0)
            {
                _meanings[col] = new(ColumnRole.Port, null, false);
                _byContent = true;
                NameColumns();
                owner.Warn(rows[Math.Max(0, bodyStart - 1)].Line, WarningCodes.Inferred,
                    $"no header names a port column; column '{Titles.Clip(_headers[col])}' holds port numbers and was read as one.");
                AssignColumns();
                return;
            }
        }
    }

    /// <summary>A cell that is essentially a port notation ("5060", "10000-20000", "TCP 443", "Any").</summary>
    private static bool IsPortLike(string text)
    {
        if (text.Length > 60)
        {
            return false;
        }

        var reading = PortPhrases.Read(text, PhraseMode.PortCell);
        if (!reading.Mentions.Any(m => m.Ports is not null && m.Notation is not ("any" or "ephemeral")))
        {
            return false;
        }

        var letters = 0;
        foreach (var c in text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters <= 12;
    }

    /// <summary>A table without a header row: ports, transports and directions are recognised by content.</summary>
    private bool InferColumnsByContent(IReadOnlyList<TableRow> rows)
    {
        var width = rows.Take(200).Select(r => r.Cells.Count == 0 ? 0 : r.Cells.Max(c => c.Column)).DefaultIfEmpty(0).Max();
        if (width < 2 || rows.Count < 2)
        {
            return false;
        }

        _meanings = new ColumnMeaning[width + 1];
        _headers = Enumerable.Range(0, width + 1).Select(i => "column " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var portColumn = 0;
        var bestPorts = 0.0;
        var protocolColumn = 0;
        var directionColumn = 0;
        var textColumns = new List<(int Col, double Length)>();
        for (var col = 1; col <= width; col++)
        {
            int filled = 0, ports = 0, transports = 0, directions = 0;
            double length = 0;
            foreach (var text in Sample(rows, 0, col))
            {
                filled++;
                length += text.Length;
                if (IsPortLike(text))
                {
                    ports++;
                    continue;
                }

                var reading = PortPhrases.Read(text, PhraseMode.ProtocolCell);
                transports += reading.Transports.Count > 0 && text.Length <= 20 ? 1 : 0;
                directions += Directions.FromCell(text, out _, out _) is FlowDirection.In or FlowDirection.Out or FlowDirection.Both ? 1 : 0;
            }

            if (filled < 2)
            {
                continue;
            }

            var share = (double)ports / filled;
            if (share >= 0.6 && share > bestPorts)
            {
                bestPorts = share;
                portColumn = col;
            }
            else if (transports * 2 >= filled && protocolColumn == 0)
            {
                protocolColumn = col;
            }
            else if (directions * 2 >= filled && directionColumn == 0)
            {
                directionColumn = col;
            }
            else
            {
                textColumns.Add((col, length / filled));
            }
        }

        if (portColumn == 0)
        {
            return false;
        }

        _meanings[portColumn] = new(ColumnRole.Port, null, false);
        if (protocolColumn > 0 && protocolColumn != portColumn)
        {
            _meanings[protocolColumn] = new(ColumnRole.Protocol, null, false);
        }

        if (directionColumn > 0 && directionColumn != portColumn)
        {
            _meanings[directionColumn] = new(ColumnRole.Direction, null, false);
        }

        textColumns.RemoveAll(t => t.Col == portColumn);
        if (textColumns.Count > 0)
        {
            _meanings[textColumns[0].Col] = new(ColumnRole.Service, null, false);
            var longest = textColumns.Skip(1).OrderByDescending(t => t.Length).FirstOrDefault();
            if (longest.Col > 0)
            {
                _meanings[longest.Col] = new(ColumnRole.Description, null, false);
            }
        }

        FindArrowColumn(rows, 0);
        _byContent = true;
        AssignColumns();
        NameColumns();
        owner.Warn(rows[0].Line, WarningCodes.Inferred,
            $"the table ({table.Origin}) has no header row; its columns were recognised by their content (ports in column {portColumn}).");
        return true;
    }

    // ---- rows that are not data ----------------------------------------------------------------

    private static bool IsBlank(TableRow row)
    {
        foreach (var cell in row.Cells)
        {
            if (!string.IsNullOrWhiteSpace(cell.Text))
            {
                return false;
            }
        }

        return true;
    }

    private void ReadTitleRow(TableRow row)
    {
        var texts = row.Cells.Select(c => c.Text.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (texts.Count == 1 && !PortPhrases.Read(texts[0], PhraseMode.Text).LooksLikePorts && texts[0].Length <= 120)
        {
            var direction = owner.HeadingDirection(texts[0]);
            if (_section is null || direction != FlowDirection.Unknown)
            {
                _section = texts[0];
                _sectionDirection = direction != FlowDirection.Unknown ? direction : _sectionDirection;
            }

            return;
        }

        ReadRowAsText(row);
    }

    /// <summary>"Signalling", "Media", "Between servers": a row with one text and no ports is a heading inside the table.</summary>
    private bool IsSectionRow(TableRow row, out string title)
    {
        title = "";
        string? text = null;
        var column = 0;
        foreach (var cell in row.Cells)
        {
            var t = cell.Text.Trim();
            if (t.Length == 0)
            {
                continue;
            }

            if (text is null)
            {
                text = t;
                column = cell.Column;
            }
            else if (!string.Equals(text, t, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (text is null || text.Length > 100 || _meanings.Count(m => m.Role != ColumnRole.None) < 2)
        {
            return false;
        }

        var inPortColumn = _portColumns.Contains(column) || _protocolColumns.Contains(column);
        if ((inPortColumn && text.Any(char.IsDigit)) || PortPhrases.Read(text, PhraseMode.Text).LooksLikePorts)
        {
            return false;
        }

        // One word in the service column of an otherwise empty row is a row with nothing else filled in.
        if (inPortColumn && (WellKnownApplications.Find(text) is not null || PortPhrases.Read(text, PhraseMode.ProtocolCell).Transports.Count > 0))
        {
            return false;
        }

        title = text;
        return true;
    }

    /// <summary>A row of a table whose columns we could not tell: each cell is read as running text.</summary>
    private void ReadRowAsText(TableRow row)
    {
        foreach (var cell in row.Cells)
        {
            var text = cell.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var reading = PortPhrases.Read(text, PhraseMode.Text);
            if (!reading.LooksLikePorts)
            {
                continue;
            }

            var made = MakeFlows(reading, cell, row, ColumnMeaning.None, [], "", null, null, "table-text", null, rowWise: true);
            if (made == 0 && reading.Mentions.Count == 0)
            {
                owner.Warn(cell.Line, WarningCodes.ProsePorts, $"'{Titles.Clip(text)}' reads like port information but no flow could be made from it.");
            }
        }
    }

    // ---- data rows -----------------------------------------------------------------------------

    private int? _actionColumn;
    private bool _letterTransports;
    private int? _statusColumn;
    private string? _retiredSection;
    private bool _sectionRetired;

    /// <summary>The text of the row, or of its section, that says the row's port is retired; null when none does.</summary>
    private string? RetiredRow(TableCell?[] cells)
    {
        if (!ReferenceEquals(_section, _retiredSection))
        {
            _retiredSection = _section;
            _sectionRetired = _section is not null && Retirement.Says(_section);
        }

        if (_sectionRetired)
        {
            return _section;
        }

        // "Action: deny" in a firewall-rule export: a rule that blocks the port, not a flow to allow.
        _actionColumn ??= Array.FindIndex(_headers, h => h.Length > 0 && ColumnRoles.Words(h) is ["action"] or ["firewall"] or ["rule", "action"]);
        if (_actionColumn > 0 && _actionColumn < cells.Length && cells[_actionColumn.Value] is { } action
            && action.Text.Trim().ToLowerInvariant() is "deny" or "drop" or "reject" or "block" or "blocked" or "denied" or "discard")
        {
            return action.Text.Trim();
        }

        // "STATUS: DISABLED" beside "PORTS MARKED DISABLED ARE CLOSED": a service switched off.
        _statusColumn ??= Array.FindIndex(_headers, h => h.Length > 0 && ColumnRoles.Words(h) is ["status"] or ["state"] or ["port", "state"] or ["port", "status"]);
        if (_statusColumn > 0 && _statusColumn < cells.Length && cells[_statusColumn.Value] is { } status
            && status.Text.Trim().ToLowerInvariant() is "disabled" or "closed" or "off" or "inactive" or "blocked" or "retired" or "removed")
        {
            return status.Text.Trim();
        }

        // "TCP 8080 -> TCP 8443": a row of an old and a new port; its note ("plain HTTP listener removed") is about the old one.
        foreach (var pc in _portColumns)
        {
            if (pc < cells.Length && cells[pc] is { } portCell && (portCell.Text.Contains("->", StringComparison.Ordinal) || portCell.Text.Contains('\u2192')))
            {
                return null;
            }
        }

        // The port and protocol cells of a large table are numbers and transport names: only the other cells can say it.
        for (var col = 1; col < cells.Length; col++)
        {
            if (cells[col] is { } c && c.Text.Length >= 6 && !IsPortOrProtocolColumn(col) && Retirement.Says(c.Text))
            {
                return c.Text.Trim();
            }
        }

        // "Telnet console  23  TCP  (5)" with "(5) Removed in release 5.0. Do not open this port." below the table.
        var retiredNotes = owner.RetiredFootnotes();
        if (retiredNotes.Count > 0)
        {
            for (var col = 1; col < cells.Length; col++)
            {
                if (cells[col] is { } c && Footnotes.MarksIn(c.Text) is { Count: > 0 } marks && marks.FirstOrDefault(retiredNotes.ContainsKey) is { } mark)
                {
                    return retiredNotes[mark];
                }
            }
        }

        return null;
    }

    private bool IsPortOrProtocolColumn(int col) =>
        col < _meanings.Length && _meanings[col].Role is ColumnRole.Port or ColumnRole.LocalPort or ColumnRole.RemotePort or ColumnRole.SourcePort or ColumnRole.Protocol;

    private string CellText(TableCell?[] cells, int col) => col > 0 && col < cells.Length && cells[col] is { } c ? c.Text.Trim() : "";

    private TableCell?[] _cells = [];

    /// <summary>The row's cells by column (index 0 unused), in a buffer reused from row to row.</summary>
    private TableCell?[] CellsOf(TableRow row)
    {
        var width = _meanings.Length;
        foreach (var cell in row.Cells)
        {
            width = Math.Max(width, cell.Column + 1);
        }

        if (_cells.Length < width)
        {
            _cells = new TableCell?[width];
        }
        else
        {
            Array.Clear(_cells);
        }

        var cells = _cells;
        foreach (var cell in row.Cells)
        {
            if (cell.Column >= 1 && cell.Column < width)
            {
                cells[cell.Column] = cell;
            }
        }

        return cells;
    }

    /// <summary>Whether the row's port or protocol cells hold anything (a row that only continues a cell above does not).</summary>
    private bool AnyPortText(TableCell?[] cells)
    {
        foreach (var c in _portColumns)
        {
            if (CellText(cells, c).Length > 0)
            {
                return true;
            }
        }

        foreach (var c in _protocolColumns)
        {
            if (CellText(cells, c).Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What <see cref="ReadRow"/> does to the filled-down service and component, without reading the row.</summary>
    private void FillDownOnly(TableRow row)
    {
        var cells = CellsOf(row);
        var anyPortText = AnyPortText(cells);
        _ = FillDown(CellText(cells, _serviceColumn), ref _lastService, anyPortText);
        _ = FillDown(CellText(cells, _componentColumn), ref _lastComponent, anyPortText);
        FillDownDirection(cells, anyPortText);
        FillDownEnds(cells, anyPortText);
    }

    private string _lastDirection = "";
    private string _lastSource = "";
    private string _lastDestination = "";

    /// <summary>
    /// A row with ports whose Source or Destination cell is empty continues the row above ("TCP 6514, Syslog over TLS"
    /// under "MGX gateway → Syslog collector, UDP 514"): it takes that row's end.
    /// </summary>
    private void FillDownEnds(TableCell?[] cells, bool anyPortText)
    {
        if (_sourceColumn == 0 || _destinationColumn == 0 || _sourceColumn >= cells.Length || _destinationColumn >= cells.Length || !anyPortText)
        {
            return;
        }

        // One end empty under a row that named it ("CareRelay server → PBX", then "(empty) → PBX media gateways"): the
        // spreadsheet merged that cell over the rows.
        var source = CellText(cells, _sourceColumn);
        var destination = CellText(cells, _destinationColumn);
        if (cells[FirstFilled(cells)] is not { } anchor)
        {
            return;
        }

        if (source.Length == 0 && _lastSource.Length > 0)
        {
            cells[_sourceColumn] = new TableCell(_lastSource, anchor.Line, _sourceColumn);
        }
        else
        {
            _lastSource = source;
        }

        if (destination.Length == 0 && _lastDestination.Length > 0)
        {
            cells[_destinationColumn] = new TableCell(_lastDestination, anchor.Line, _destinationColumn);
        }
        else
        {
            _lastDestination = destination;
        }
    }

    /// <summary>
    /// "Inbound" written once over a group of rows (a merged cell in the spreadsheet it came from): a row with ports
    /// and an empty direction cell takes the direction above it.
    /// </summary>
    private void FillDownDirection(TableCell?[] cells, bool anyPortText)
    {
        if (_directionColumn == 0 || _directionColumn >= cells.Length)
        {
            return;
        }

        var text = CellText(cells, _directionColumn);
        var filled = FillDown(text, ref _lastDirection, anyPortText);
        if (text.Length == 0 && filled.Length > 0 && cells[FirstFilled(cells)] is { } anchor)
        {
            cells[_directionColumn] = new TableCell(filled, anchor.Line, _directionColumn);
        }
    }

    private static int FirstFilled(TableCell?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not null)
            {
                return i;
            }
        }

        return 0;
    }

    private void ReadRow(TableRow row)
    {
        var cells = CellsOf(row);
        if (RetiredRow(cells) is { } says)
        {
            owner.Warn(row.Line, WarningCodes.Retired, $"the row says its port is no longer used ('{Titles.Clip(says)}'); it was not read as a flow.");
            return;
        }

        JoinRange(cells);
        RejoinSplitPortCell(cells);
        var anyPortText = AnyPortText(cells);
        var service = FillDown(CellText(cells, _serviceColumn), ref _lastService, anyPortText);
        var component = FillDown(CellText(cells, _componentColumn), ref _lastComponent, anyPortText);
        FillDownDirection(cells, anyPortText);
        FillDownEnds(cells, anyPortText);
        if (_directionColumn > 0 && _directionColumn < cells.Length && _sourceColumn > 0 && _destinationColumn > 0
            && cells[_directionColumn] is { } abCell && AbArrow().Match(abCell.Text) is { Success: true } ab)
        {
            // "A -> B" between "System A" and "System B": the columns' order; "B -> A" the other way; "A <-> B" both.
            var arrow = ab.Groups["arrow"].Value;
            var two = arrow is "<>" or "\u2194" || (arrow.StartsWith('<') && arrow.EndsWith('>'));
            var reversed = !two && (ab.Groups["first"].Value.Equals("B", StringComparison.OrdinalIgnoreCase) || arrow.StartsWith('<') || arrow == "\u2190");
            if (reversed && _sourceColumn > 0 && _destinationColumn > 0 && _sourceColumn < cells.Length && _destinationColumn < cells.Length)
            {
                (cells[_sourceColumn], cells[_destinationColumn]) = (cells[_destinationColumn] is { } d ? d with { Column = _sourceColumn } : null,
                    cells[_sourceColumn] is { } f ? f with { Column = _destinationColumn } : null);
            }

            cells[_directionColumn] = abCell with { Text = two ? "Both" : "" };
        }

        if (_socketStateColumn > 0 && _socketStateColumn < cells.Length && cells[_socketStateColumn] is { } stateCell)
        {
            // "LISTEN" reads as "In", "CONNECT" as "Out", "PEER" as "Both".
            cells[_socketStateColumn] = stateCell with { Text = SocketState(stateCell.Text) switch { FlowDirection.In => "In", FlowDirection.Out => "Out", FlowDirection.Both => "Both", _ => "" } };
        }

        var protocolText = _protocolColumns.Count == 1 ? CellText(cells, _protocolColumns[0]) : string.Join(" ", _protocolColumns.Select(c => CellText(cells, c)).Where(t => t.Length > 0));
        if (protocolText.Length <= 3 && _letterTransports)
        {
            // "T", "U", "S" under a legend "T = TCP  U = UDP  S = SCTP".
            protocolText = protocolText.ToUpperInvariant() switch { "T" => "TCP", "U" => "UDP", "S" => "SCTP", "T/U" or "U/T" or "TU" => "TCP/UDP", _ => protocolText };
        }
        var protocol = protocolText.Length > 0 ? owner.Phrase(protocolText, PhraseMode.ProtocolCell) : PhraseReading.Empty;
        var protocolName = _protocolColumns.Count > 0 ? _headers[_protocolColumns[0]] : "";
        if (protocol.Transports.Count == 0 && service.Length > 0)
        {
            // "TCP/SSH", "UDP+TCP+TLS/SIP" in the service column name the transports.
            var named = owner.Phrase(service, PhraseMode.ProtocolCell);
            if (named.Transports.Count > 0 && named.Mentions.All(m => m.Ports is null))
            {
                protocol = protocol with { Transports = named.Transports };
                protocolName = _headers[_serviceColumn];
            }
        }

        if (protocol.Transports.Count == 0 && protocolText.Length == 0 && DescribedTransports(cells, out var describedIn) is { } words)
        {
            // "SIP signalling over UDP and TCP", "Web interface (HTTP, redirects to HTTPS)" in a table without a protocol column.
            protocol = protocol with { Transports = words };
            protocolName = _headers[describedIn];
        }

        var context = new RowContext
        {
            Service = service,
            Component = component,
            Protocol = protocol,
            ProtocolName = protocolName,
            ServiceApplication = FirstApplication(service),
            Firewall = owner.Firewall(CellText(cells, _firewallColumn)),
            Purpose = Purpose(cells),
            Row = row,
        };

        foreach (var issue in protocol.Issues)
        {
            owner.Warn(row.Line, issue.Code, $"{issue.Message} (in '{Titles.Clip(protocolText)}')");
        }

        var jobs = Jobs(cells, out var directionRule, out var ends);
        var made = 0;
        var portCellsFilled = false;

        // "| SNMP | – | 161 |" under "TCP" and "UDP" columns: the dash says "none over TCP", not "take SNMP's IANA port".
        var otherPortCells = 0;
        foreach (var job in jobs)
        {
            otherPortCells += job.Cell.Text.Trim() is { Length: > 0 } t && !IsDash(t) ? 1 : 0;
        }

        foreach (var job in jobs)
        {
            var text = job.Cell.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            portCellsFilled = true;
            var reading = owner.Phrase(text, PhraseMode.PortCell);
            foreach (var issue in reading.Issues)
            {
                owner.Warn(job.Cell.Line, issue.Code, $"{issue.Message} (in '{Titles.Clip(text)}')");
            }

            var sourcePorts = SourcePorts(job.SourceCell ?? (_sourcePortColumn > 0 ? cells[_sourcePortColumn] : null));
            var mentions = reading.Mentions;
            var jobReading = reading;
            if (job.SkipOpen)
            {
                mentions = mentions.Where(m => m.Notation is not ("any" or "ephemeral" or "open-range")).ToList();
                jobReading = reading with { Mentions = mentions };
            }

            var jobMade = MakeFlows(jobReading, job.Cell, row, _meanings[job.Column], protocol.Transports, context.ProtocolName,
                context, job.Ends, _tablePrefixes[job.Column], sourcePorts, rowWise: false, job.DirectionRule);
            made += jobMade;
            if (jobMade == 0 && mentions.Count == 0 && !job.SkipOpen && !(IsDash(text) && otherPortCells > 0))
            {
                made += PortlessCell(text, job.Cell, reading, context, job.Ends, job.DirectionRule);
            }
        }

        if (made > 0)
        {
            return;
        }

        if (!portCellsFilled)
        {
            _ = EmptyPortCell(cells, row, context, ends, directionRule);
        }
    }

    private static string FillDown(string value, ref string last, bool rowHasPorts)
    {
        if (value.Length > 0)
        {
            last = value;
            return value;
        }

        return rowHasPorts ? last : "";
    }

    private string Column(int col) => col < _columnNames.Length && _columnNames[col] is { } name ? name : "column '" + Titles.Clip(_headers[col]) + "'";

    private WellKnownApplication? FirstApplication(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (_applications.TryGetValue(text, out var known))
        {
            return known;
        }

        var app = FindApplication(text);
        if (_applications.Count < Interpretation.CacheLimit)
        {
            _applications[text] = app;
        }

        return app;
    }

    private static WellKnownApplication? FindApplication(string text)
    {
        // "SIP-TLS", "LDAP-S": a name written with its own punctuation.
        if (WellKnownApplications.Find(text.Trim()) is { } whole)
        {
            return whole;
        }

        var words = ColumnRoles.Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            var app = WellKnownApplications.Find(words[i]);
            if (app is not null)
            {
                return app.Name == "SNMP" && i + 1 < words.Count && words[i + 1] is "trap" or "traps" ? WellKnownApplications.SnmpTrap : app;
            }
        }

        return null;
    }

    /// <summary>
    /// The transports a description cell names (written, or implied alike by every application it names), when
    /// it names no ports itself; null when none does.
    /// </summary>
    private IReadOnlyList<TransportWord>? DescribedTransports(TableCell?[] cells, out int column)
    {
        foreach (var col in _descriptionColumns)
        {
            var text = CellText(cells, col);
            column = col;
            if (text.Length == 0)
            {
                continue;
            }

            var reading = owner.Phrase(text, PhraseMode.ProtocolCell);
            if (reading.Mentions.Any(m => m.Ports is not null))
            {
                continue;
            }

            if (reading.Transports.Count > 0)
            {
                return reading.Transports;
            }

            var apps = reading.Applications;
            if (apps.Count > 0 && apps.All(a => a.Transports.Count > 0 && a.Transports.SequenceEqual(apps[0].Transports)))
            {
                var tls = apps.All(a => a.Tls);
                return apps[0].Transports.Select(t => new TransportWord(t, tls && t == Transport.Tcp)).ToList();
            }
        }

        column = 0;
        return null;
    }

    private string? Purpose(TableCell?[] cells)
    {
        if (_descriptionColumns.Count == 1)
        {
            var only = Titles.Squash(CellText(cells, _descriptionColumns[0]));
            return only.Length == 0 ? null : only.Length > 500 ? only[..497] + "..." : only;
        }

        var parts = _descriptionColumns.Select(c => CellText(cells, c)).Where(t => t.Length > 0).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var purpose = Titles.Squash(string.Join(" / ", parts));
        return purpose.Length > 500 ? purpose[..497] + "..." : purpose;
    }

    private PortExpression? SourcePorts(TableCell? cell)
    {
        if (cell is not { } c || c.Text.Trim().Length == 0)
        {
            return null;
        }

        var reading = owner.Phrase(c.Text, PhraseMode.PortCell);
        var ports = reading.Mentions.Where(m => m.Ports is not null).Select(m => m.Ports!).Distinct().ToList();
        return ports.Count == 1 && ports[0].ToString() != "any" ? ports[0] : null;
    }

    private sealed record Job(TableCell Cell, int Column, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> Ends, string DirectionRule, TableCell? SourceCell, bool SkipOpen);

    private sealed class RowContext
    {
        public required string Service { get; init; }

        public required string Component { get; init; }

        public required PhraseReading Protocol { get; init; }

        public required string ProtocolName { get; init; }

        public WellKnownApplication? ServiceApplication { get; init; }

        public required Model.FirewallRelevance Firewall { get; init; }

        public string? Purpose { get; init; }

        public required TableRow Row { get; init; }
    }

    /// <summary>Which port cells of the row give flows, and between which ends.</summary>
    private List<Job> Jobs(TableCell?[] cells, out string directionRule, out List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends)
    {
        var component = CellText(cells, _componentColumn);
        var productSide = ProductSide(component);
        var peerText = CellText(cells, _peerColumn);
        var peer = peerText.Length > 0 ? peerText : TableInterpreter.DefaultPeer;
        var directionText = CellText(cells, _directionColumn);
        if (_directionYesMeansBoth)
        {
            // "Bidirectional: Y": the flow goes both ways; "N": the end columns say which way.
            directionText = owner.Firewall(directionText) == Model.FirewallRelevance.Required ? "both" : "";
        }

        var direction = owner.Direction(directionText, out var namedFrom, out var namedTo);
        if (_directionColumnSays != FlowDirection.Unknown && directionText.Length > 0 && direction is not (FlowDirection.In or FlowDirection.Out or FlowDirection.Both)
            || _directionColumnSays != FlowDirection.Unknown && IsToFrom(directionText))
        {
            // Under "Outbound from the gateway" the cells name the other end: "to the NTP server".
            peer = StripToFrom(directionText);
            direction = _directionColumnSays;
        }
        var sourceText = CellText(cells, _sourceColumn);
        var destinationText = CellText(cells, _destinationColumn);
        var line = FirstLine(cells);

        List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> For(FlowDirection d) => Interpretation.Ends(d, peer, productSide);

        // The row's own ends: from/to columns, else a direction cell, else the section heading.
        directionRule = "";
        ends = [];
        if (_roleColumns.Count > 0 && RoleEnds(cells) is { } roleEnds)
        {
            ends = roleEnds;
            directionRule = "ends=role-matrix";
        }
        else if (ArrowInEndCell(sourceText.Length > 0 ? sourceText : destinationText) is { } arrowEnds)
        {
            // "Opened by: PBX → CallLedger Server": the end column gives both ends itself.
            ends = arrowEnds;
            directionRule = "ends=arrow-cell";
        }
        else if (sourceText.Length > 0 || destinationText.Length > 0)
        {
            // With one end column, the other end is the product, unless that column names the product itself
            // ("Client: Egret Call Server" on a row about the RADIUS server it sends to).
            IReadOnlyList<string> from = ComponentEnds(sourceText) is { } sourceParts ? sourceParts : sourceText.Length > 0 ? Names(sourceText)
                : destinationText.Length > 0 && _sourceColumn == 0 && !NamesProduct(destinationText, productSide) && !NamesProductWords(destinationText) ? [productSide] : [peer];
            IReadOnlyList<string> to = ComponentEnds(destinationText) is { } destinationParts ? destinationParts : destinationText.Length > 0 ? Names(destinationText)
                : sourceText.Length > 0 && _destinationColumn == 0 && !NamesProduct(sourceText, productSide) && !NamesProductWords(sourceText) ? [productSide] : [peer];
            // "Replication and heartbeat between nodes (both directions)" in the row's description: the flow goes both ways.
            var both = direction == FlowDirection.Both || DescriptionSaysBoth(cells);
            ends = ColumnEnds(from, to, both, sourceText.Length > 0 && destinationText.Length > 0);
            directionRule = "ends=columns";
        }
        else if (direction == FlowDirection.Named)
        {
            ends = [(Names(namedFrom!), Names(namedTo!))];
            directionRule = "ends=direction-cell";
        }
        else if (direction == FlowDirection.Both && namedFrom is not null)
        {
            ends = [(Names(namedFrom), Names(namedTo!)), (Names(namedTo!), Names(namedFrom))];
            directionRule = "ends=direction-cell";
        }
        else if (direction != FlowDirection.Unknown)
        {
            ends = For(direction);
            directionRule = "direction=column";
        }

        var sectionDirection = _sectionDirection;
        var jobs = new List<Job>(2);
        var locals = _locals;
        var remotes = _remotes;
        var plain = _plain;
        locals.Clear();
        remotes.Clear();
        plain.Clear();
        foreach (var c in _portColumns)
        {
            if (c >= cells.Length || cells[c] is null)
            {
                continue;
            }

            (_meanings[c].Role switch { ColumnRole.LocalPort => locals, ColumnRole.RemotePort => remotes, _ => plain }).Add(c);
        }
        var hasEndColumns = _sourceColumn > 0 || _destinationColumn > 0;
        if (hasEndColumns || ends.Count > 0 && direction is FlowDirection.Named)
        {
            plain.AddRange(locals);
            plain.AddRange(remotes);
            locals.Clear();
            remotes.Clear();
        }

        if (ends.Count == 0)
        {
            if (sectionDirection != FlowDirection.Unknown)
            {
                ends = For(sectionDirection);
                directionRule = "direction=section";
            }
            else if (plain.Count > 0 && owner.RowSentenceDirection(RowCells(cells)) is var prose and not FlowDirection.Unknown)
            {
                ends = For(prose);
                directionRule = "direction=row-sentence";
            }
            else if (plain.Count > 0 && owner.DocumentDirection is { } stated)
            {
                // "Almost all traffic is opened by Connect Edge towards the cloud": what the document says of all its flows.
                ends = For(stated);
                directionRule = "direction=document";
            }
            else if (plain.Count > 0)
            {
                ends = For(FlowDirection.In);
                directionRule = "direction=assumed-inbound";
                if (!_warnedNoDirection)
                {
                    // Once per table, also when its rows are read in chunks.
                    _warnedNoDirection = true;
                    owner.WarnOnce(table, new(line, WarningCodes.Inferred,
                        $"the table ({table.Origin}) says nothing of direction; its ports were read as ports {productSide} listens on."));
                }
            }
        }

        foreach (var c in plain)
        {
            jobs.Add(new Job(cells[c]!.Value, c, ends, directionRule, null, false));
        }

        var d = direction is FlowDirection.In or FlowDirection.Out or FlowDirection.Both ? direction : sectionDirection;
        var rule = direction != FlowDirection.Unknown ? "direction=column" : sectionDirection != FlowDirection.Unknown ? "direction=section" : "";
        var local = locals.Count > 0 ? cells[locals[0]] : null;
        var remote = remotes.Count > 0 ? cells[remotes[0]] : null;
        if (d is FlowDirection.In or FlowDirection.Both && local is not null)
        {
            jobs.Add(new Job(local.Value, locals[0], For(FlowDirection.In), rule, remote, false));
        }

        if (d is FlowDirection.Out or FlowDirection.Both && remote is not null)
        {
            jobs.Add(new Job(remote.Value, remotes[0], For(FlowDirection.Out), rule, local, false));
        }

        if (d is FlowDirection.Unknown)
        {
            // Without a direction the local ports are where the product listens, the remote ones where the peer does;
            // "any" and open ranges on one side are the other side's source ports.
            if (local is not null)
            {
                jobs.Add(new Job(local.Value, locals[0], For(FlowDirection.In), "direction=local-port", remote, remote is not null));
            }

            if (remote is not null)
            {
                jobs.Add(new Job(remote.Value, remotes[0], For(FlowDirection.Out), "direction=remote-port", local, local is not null));
            }
        }
        else if (d is FlowDirection.In && local is null && remote is not null)
        {
            jobs.Add(new Job(remote.Value, remotes[0], For(FlowDirection.Out), "direction=remote-port", null, false));
        }
        else if (d is FlowDirection.Out && remote is null && local is not null)
        {
            jobs.Add(new Job(local.Value, locals[0], For(FlowDirection.In), "direction=local-port", null, false));
        }

        if (ends.Count == 0)
        {
            ends = For(d == FlowDirection.Unknown ? FlowDirection.In : d);
            directionRule = d == FlowDirection.Unknown ? "direction=assumed-inbound" : rule;
        }

        return jobs;
    }

    private bool DescriptionSaysBoth(TableCell?[] cells)
    {
        foreach (var col in _descriptionColumns)
        {
            if (col < cells.Length && cells[col] is { } cell && cell.Text.Length >= 10 && Directions.SaysBoth(cell.Text))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<TableCell> RowCells(TableCell?[] cells)
    {
        foreach (var c in cells)
        {
            if (c is { } cell)
            {
                yield return cell;
            }
        }
    }

    /// <summary>
    /// The name of the product's side of a row with a component cell: the component as written when it names the
    /// product or the product is not known, else the product and its component ("Quillon ProvisionHub: TR-069 ACS").
    /// </summary>
    private string ProductSide(string component)
    {
        if (component.Length == 0)
        {
            return owner.Product;
        }

        if (_componentNames.TryGetValue(component, out var name))
        {
            return name;
        }

        // "SQL Server (customer-provided)" in the component column: a system of the customer's, the other end.
        var external = component.Contains("customer", StringComparison.OrdinalIgnoreCase) || component.Contains("third-party", StringComparison.OrdinalIgnoreCase)
            || component.Contains("third party", StringComparison.OrdinalIgnoreCase) || component.Contains("external", StringComparison.OrdinalIgnoreCase)
            || NamesInfrastructure(component);
        name = external || owner.Product == TableInterpreter.DefaultProduct || NamesProduct(component, owner.Product)
            || owner.ProductWords().Overlaps(ColumnRoles.Words(component))
            ? component
            : $"{owner.Product}: {component}";
        if (_componentNames.Count < Interpretation.CacheLimit)
        {
            _componentNames[component] = name;
        }

        return name;
    }

    private Dictionary<string, string> _componentNames = new(StringComparer.Ordinal);

    private List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>? ArrowInEndCell(string text)
    {
        if (text.Length == 0 || !(text.Contains("->", StringComparison.Ordinal) || text.Contains('\u2192') || text.Contains('\u2194') || text.Contains("<->", StringComparison.Ordinal)))
        {
            return null;
        }

        var d = owner.Direction(text, out var from, out var to);
        return d switch
        {
            FlowDirection.Named when from is not null && to is not null => [(Names(from), Names(to))],
            FlowDirection.Both when from is not null && to is not null => [(Names(from), Names(to)), (Names(to), Names(from))],
            _ => null,
        };
    }

    /// <summary>"SBC WAN interface" for the product "Edge SBC 3000": an interface of the product, named in its own words.</summary>
    private bool NamesProductWords(string text)
    {
        if (owner.Product == TableInterpreter.DefaultProduct || text.Length > 80)
        {
            return false;
        }

        var words = ColumnRoles.Words(text);
        return words.Exists(w => w is "interface" or "wan" or "lan" or "leg" or "nic" or "outside" or "inside" or "side") && owner.ProductWords().Overlaps(words);
    }

    /// <summary>"Directory (LDAP / Active Directory)", "SQL Server", "SMTP relay": a customer's infrastructure service, not a part of the product.</summary>
    private static bool NamesInfrastructure(string text)
    {
        foreach (var word in text.Split([' ', '(', ')', '/', ',', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (WellKnownApplications.Find(word) is { } app && app.Name is "LDAP" or "LDAPS" or "SMTP" or "MSSQL" or "MySQL" or "PostgreSQL" or "Oracle"
                or "DNS" or "NTP" or "Syslog" or "RADIUS" or "Kerberos" or "TACACS")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The product's components named in the component column ("Routing Engine", "Web Gateway"), so an end cell naming one is the product's.</summary>
    private HashSet<string> _components = new(StringComparer.OrdinalIgnoreCase);

    private HashSet<string> CollectComponents(IReadOnlyList<TableRow> rows, int bodyStart)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (_componentColumn == 0 || (_sourceColumn == 0 && _destinationColumn == 0))
        {
            return names;
        }

        foreach (var row in rows.Skip(bodyStart).Take(2000))
        {
            foreach (var cell in row.Cells)
            {
                if (cell.Column == _componentColumn && Titles.Squash(cell.Text) is { Length: > 0 } name && ProductSide(name) != name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>An end cell that names components of the product ("Routing Engine, Reporting Server"): their product-side names.</summary>
    private IReadOnlyList<string>? ComponentEnds(string text)
    {
        if (_components.Count == 0 || text.Length == 0)
        {
            return null;
        }

        var parts = text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length > 0 && parts.All(_components.Contains) ? parts.Select(ProductSide).ToList() : null;
    }

    private List<int> _locals = new(1);
    private List<int> _remotes = new(1);
    private List<int> _plain = new(2);
    private Dictionary<(IReadOnlyList<string>, IReadOnlyList<string>, bool), List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>> _columnEnds = [];

    /// <summary>The ends a from/to pair gives; shared between rows when both lists are the shared lists of <see cref="Names"/>.</summary>
    private List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ColumnEnds(IReadOnlyList<string> from, IReadOnlyList<string> to, bool both, bool shared)
    {
        if (shared && _columnEnds.TryGetValue((from, to, both), out var known))
        {
            return known;
        }

        List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends = both ? [(from, to), (to, from)] : [(from, to)];
        if (shared && _columnEnds.Count < Interpretation.CacheLimit)
        {
            _columnEnds[(from, to, both)] = ends;
        }

        return ends;
    }

    /// <summary>The first cell of the row that <paramref name="match"/> accepts, or null.</summary>
    private static TableCell? FirstCell(TableRow row, Func<TableCell, bool> match)
    {
        foreach (var cell in row.Cells)
        {
            if (match(cell))
            {
                return cell;
            }
        }

        return null;
    }

    /// <summary>Whether an end cell names the product ("Egret Call Server" for the product "Egret Call Server 4").</summary>
    /// <summary>Whether an end cell names the product itself; "Other Lumaro clients" names other instances of it, a peer.</summary>
    private static bool NamesProduct(string text, string product) =>
        text.Length >= 3 && (product.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(product, StringComparison.OrdinalIgnoreCase))
        && !text.StartsWith("other ", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("another ", StringComparison.OrdinalIgnoreCase)
        && !text.StartsWith("remote ", StringComparison.OrdinalIgnoreCase);

    private static int FirstLine(TableCell?[] cells)
    {
        foreach (var c in cells)
        {
            if (c is { } cell)
            {
                return cell.Line;
            }
        }

        return 1;
    }

    private Dictionary<string, List<string>> _names = new(StringComparer.Ordinal);

    /// <summary>The names in a from/to cell, read once per distinct text (the lists are shared, nobody changes them).</summary>
    private List<string> Names(string text)
    {
        if (_names.TryGetValue(text, out var names))
        {
            return names;
        }

        names = ReadNames(text);
        if (_names.Count < Interpretation.CacheLimit)
        {
            _names[text] = names;
        }

        return names;
    }

    /// <summary>The names in a from/to cell: alternatives split at line breaks and semicolons.</summary>
    private static List<string> ReadNames(string text)
    {
        var names = text.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Titles.Squash).Where(n => n.Length > 0 && !IsDash(n)).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? [TableInterpreter.DefaultPeer] : names;
    }

    /// <summary>Flows from the mentions of one reading; returns how many were made.</summary>
    private int MakeFlows(PhraseReading reading, TableCell cell, TableRow row, ColumnMeaning meaning, IReadOnlyList<TransportWord> context, string contextName,
        RowContext? ctx, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>? ends, string rulePrefix, PortExpression? sourcePorts, bool rowWise,
        string directionRule = "")
    {
        var made = 0;
        if (ends is null || ends.Count == 0)
        {
            var d = _sectionDirection;
            var rule = "direction=section";
            if (d == FlowDirection.Unknown)
            {
                d = owner.RowSentenceDirection(row.Cells);
                rule = d == FlowDirection.Unknown ? "direction=assumed-inbound" : "direction=row-sentence";
            }

            ends = Interpretation.Ends(d == FlowDirection.Unknown ? FlowDirection.In : d, TableInterpreter.DefaultPeer, owner.Product);
            directionRule = rule;
        }

        foreach (var mention in reading.Mentions)
        {
            if (mention.IsSource && rowWise)
            {
                owner.Warn(cell.Line, WarningCodes.SourceRange, $"'{Titles.Clip(cell.Text)}' gives source ports ({mention.Ports}); no flow was made from them.");
                continue;
            }

            var app = mention.Application ?? (ctx is null ? null : SharedTransport(ctx.Protocol.Applications)) ?? ctx?.ServiceApplication;
            var contextTransports = context.Count > 0 ? context
                : meaning.Transport is { } ht ? new List<TransportWord> { new(ht, meaning.Tls) } : (IReadOnlyList<TransportWord>)[];
            var name = context.Count > 0 ? "protocol-" + contextName : "port-header";
            var transports = owner.ResolveTransports(mention, contextTransports, name, app, cell.Line, cell.Text, out var transportRule);
            if (transports is null)
            {
                owner.Warn(cell.Line, WarningCodes.Unreadable,
                    $"'{Titles.Clip(cell.Text)}' gives port(s) {mention.Ports} but the row names no transport and no application that implies one.");
                continue;
            }

            string? service;
            string? purpose;
            if (rowWise)
            {
                (service, purpose) = Titles.Label(reading.Text, reading.Mentions, app);
            }
            else
            {
                service = ctx is { Service.Length: > 0 } ? ctx.Service : app?.Name;
                purpose = ctx?.Purpose;
            }

            foreach (var tw in transports)
            {
                var ports = tw.Transport.HasPorts() ? mention.Ports : AnyPort;
                if (ports is null)
                {
                    continue;
                }

                foreach (var (from, to) in ends)
                {
                    owner.AddFlow(new ImportedFlow
                    {
                        Service = service ?? ServiceFallback(ctx, tw, ports),
                        Transport = tw.Transport,
                        Ports = ports,
                        SourcePorts = sourcePorts,
                        From = from,
                        To = to,
                        Application = app?.Key,
                        Tls = tw.Tls || meaning.Tls || (app?.Tls == true && tw.Transport == Transport.Tcp),
                        Firewall = ctx?.Firewall ?? Model.FirewallRelevance.Unknown,
                        Purpose = purpose,
                        Component = ctx is { Component.Length: > 0 } ? ctx.Component : null,
                        Section = _section,
                        Line = cell.Line + LinesBefore(reading.Text, mention.Start),
                        Cell = cell.Text.Trim(),
                        Rule = owner.Rule(rulePrefix, mention.Notation, transportRule, directionRule, _byContent),
                    }, fromTable: true);
                    made++;
                }
            }
        }

        return made;
    }

    /// <summary>How many line breaks a cell has before <paramref name="position"/>: a port on the second line of a quoted cell is on the cell's second line.</summary>
    private static int LinesBefore(string text, int position)
    {
        if (position > 4096 || !text.AsSpan(0, Math.Min(position, text.Length)).Contains('\n'))
        {
            // No break before it, or a cell too long to count in for every port it holds.
            return 0;
        }

        var n = 0;
        for (var i = 0; i < Math.Min(position, text.Length); i++)
        {
            n += text[i] == '\n' ? 1 : 0;
        }

        return n;
    }

    private static string ServiceFallback(RowContext? ctx, TransportWord tw, PortExpression ports)
    {
        if (ctx?.Purpose is { Length: > 0 and <= 60 } p)
        {
            return p;
        }

        return $"{tw.Transport.ToName()}/{ports}";
    }

    /// <summary>A port cell without numbers: a portless protocol, an application's IANA port, or a warning.</summary>
    private int PortlessCell(string text, TableCell cell, PhraseReading reading, RowContext context, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends, string directionRule)
    {
        // "ICMP | echo-request": a portless protocol's port cell holds its message type, not a port.
        if (IsDash(text) || (context.Protocol.Mentions.Count > 0 && context.Protocol.Mentions.All(m => m.Ports is null
            && m.Transports.Count > 0 && m.Transports.All(t => t.Transport is Transport.Icmp or Transport.Icmpv6 or Transport.Esp))))
        {
            return EmptyPortCell(null, context.Row, context, ends, directionRule, cell);
        }

        var app = reading.Applications.Count == 1 ? reading.Applications[0] : null;
        if (app is not null)
        {
            return IanaDefault(app, cell, context, ends, directionRule, reading.Transports);
        }

        if (reading.LooksLikePorts)
        {
            return 0;
        }

        var code = text.Contains("see ", StringComparison.OrdinalIgnoreCase) || text.Contains("above", StringComparison.OrdinalIgnoreCase)
            ? WarningCodes.SeeOther
            : text.Contains("configur", StringComparison.OrdinalIgnoreCase) ? WarningCodes.NoDefault : WarningCodes.NoPort;
        owner.Warn(cell.Line, code, $"the port cell '{Titles.Clip(text)}'{ServiceSuffix(context)} gives no port number; no flow was made.");
        return 0;
    }

    /// <summary>The one application of a protocol cell, or the first of several that agree on the transport ("RTP / SRTP").</summary>
    private static WellKnownApplication? SharedTransport(IReadOnlyList<WellKnownApplication> apps) =>
        apps.Count == 1 ? apps[0]
        : apps.Count > 1 && apps.All(a => a.TransportCertain && a.Transports.SequenceEqual(apps[0].Transports)) ? apps[0] : null;

    private static string ServiceSuffix(RowContext context) => context.Service.Length > 0 ? $" ({Titles.Clip(context.Service)})" : "";

    private static bool IsDash(string text)
    {
        var t = text.AsSpan().Trim();
        return t.Length <= 4 && IsDashWord(t.ToString());
    }

    private static bool IsDashWord(string text) =>
        text.ToLowerInvariant() is "-" or "--" or "\u2013" or "\u2014" or "n/a" or "na" or "none" or "?" or "tbd" or "." or "/";

    /// <summary>
    /// A row whose port cells are empty: ports the protocol cell names ("TCP 5060"), a portless protocol (ICMP),
    /// an application's IANA port (with a warning), ports in another cell (with a warning), or a warning.
    /// </summary>
    private int EmptyPortCell(TableCell?[]? cells, TableRow row, RowContext context, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends,
        string directionRule, TableCell? portCell = null)
    {
        var protocolCell = _protocolColumns.Count > 0 ? FirstCell(row, c => c.Column == _protocolColumns[0]) : null;
        var protocol = context.Protocol;
        var anchor = portCell ?? protocolCell ?? FirstCell(row, c => c.Text.Trim().Length > 0);
        if (anchor is not { } at)
        {
            return 0;
        }

        // "TCP 5060" or "ICMP" in the protocol column.
        if (protocol.Mentions.Count > 0 && protocolCell is { } pc)
        {
            var made = MakeFlows(protocol, pc, row, ColumnMeaning.None, [], "", context, ends, $"table:{Column(pc.Column)}", null, rowWise: false, directionRule);
            if (made > 0)
            {
                return made;
            }
        }

        var app = protocol.Applications.Count == 1 ? protocol.Applications[0] : protocol.Applications.Count == 0 ? context.ServiceApplication : null;
        var hasProtocolText = protocolCell is { } written && written.Text.Trim().Length > 0;

        // Ports written in another cell of the row (a description saying "uses TCP port 8443").
        if (cells is not null)
        {
            foreach (var cell in row.Cells)
            {
                if (_portColumns.Contains(cell.Column) || _protocolColumns.Contains(cell.Column) || cell.Column == _sourcePortColumn
                    || (cell.Column == _rangeEndColumn && _rangeEndColumn > 0) || cell.Text.Trim().Length == 0)
                {
                    continue;
                }

                var reading = PortPhrases.Read(cell.Text, PhraseMode.Text);
                if (reading.Mentions.Any(m => m.Ports is not null && !m.IsSource))
                {
                    owner.Warn(cell.Line, WarningCodes.Inferred,
                        $"the port column is empty; the ports were read from {Column(cell.Column)} ('{Titles.Clip(cell.Text)}').");
                    var mentions = reading.Mentions.Where(m => m.Ports is not null && !m.IsSource).ToList();
                    return MakeFlows(reading with { Mentions = mentions }, cell, row, ColumnMeaning.None, protocol.Transports, context.ProtocolName, context, ends,
                        $"table-other-cell:{Column(cell.Column)}", null, rowWise: false, directionRule);
                }
            }
        }

        if (app is not null && (hasProtocolText || portCell is not null || context.Service.Length > 0) && (portCell is not null || hasProtocolText || cells is not null))
        {
            // Only a row that says something about the protocol (a protocol or port cell) takes the application's port.
            if (hasProtocolText || portCell is not null)
            {
                return IanaDefault(app, at, context, ends, directionRule, protocol.Transports);
            }
        }

        if (hasProtocolText || portCell is not null)
        {
            var text = (portCell ?? protocolCell)!.Value.Text.Trim();
            owner.Warn(at.Line, WarningCodes.NoPort, $"the row{ServiceSuffix(context)} names '{Titles.Clip(text)}' but gives no port; no flow was made.");
        }
        else if (app is not null && _portColumns.Count > 0)
        {
            // "HTTPS" only in the service column, the port cell empty: said, not guessed.
            owner.Warn(at.Line, WarningCodes.NoPort, $"the row{ServiceSuffix(context)} names {app.Name} but its port cell is empty; no flow was made.");
        }

        return 0;
    }

    private int IanaDefault(WellKnownApplication app, TableCell cell, RowContext context, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends,
        string directionRule, IReadOnlyList<TransportWord> written)
    {
        if (app.Name == "SIP" && written.Any(w => w.Tls) && WellKnownApplications.Find("SIPS") is { } sips)
        {
            // "sip-tls" in a service column: SIP over TLS has its own port, 5061.
            app = sips;
        }

        if (app.Port is not { } port)
        {
            owner.Warn(cell.Line, WarningCodes.NoPort, $"the row names {app.Name}, which has no registered port, and gives no port; no flow was made.");
            return 0;
        }

        var transports = written.Where(w => w.Transport.HasPorts()).ToList();
        var transportNote = "";
        if (transports.Count == 0)
        {
            transports = app.Transports.Select(t => new TransportWord(t, app.Tls && t == Transport.Tcp)).ToList();
            if (!app.TransportCertain)
            {
                transportNote = $" on {string.Join(" and ", app.Transports.Select(t => t.ToName().ToUpperInvariant()))}";
            }
        }

        var ports = PortExpression.FromSet(PortSet.From([new PortRange(port, port)]));
        owner.Warn(cell.Line, WarningCodes.IanaDefault,
            $"'{Titles.Clip(cell.Text)}' names {app.Name} without a port; its IANA port {port}{transportNote} was used.");
        var made = 0;
        foreach (var tw in transports)
        {
            foreach (var (from, to) in ends)
            {
                owner.AddFlow(new ImportedFlow
                {
                    Service = context.Service.Length > 0 ? context.Service : app.Name,
                    Transport = tw.Transport,
                    Ports = ports,
                    From = from,
                    To = to,
                    Application = app.Key,
                    Tls = tw.Tls || (app.Tls && tw.Transport == Transport.Tcp),
                    Firewall = context.Firewall,
                    Purpose = context.Purpose,
                    Component = context.Component.Length > 0 ? context.Component : null,
                    Section = _section,
                    Line = cell.Line,
                    Cell = cell.Text.Trim(),
                    Rule = $"table:iana-default({app.Name});{directionRule}",
                }, fromTable: true);
                made++;
            }
        }

        return made;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Table|Figure|Tab\.|Fig\.)\s*\d", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex Caption();
}
