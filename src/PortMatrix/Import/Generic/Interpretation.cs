using System.Text;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import.Generic;

/// <summary>Which way a row's flows go, as a direction column, a heading or a sentence says.</summary>
internal enum FlowDirection
{
    Unknown,

    /// <summary>Peer to product (In, Inbound, Ingress, Incoming).</summary>
    In,

    /// <summary>Product to peer (Out, Outbound, Egress, Outgoing).</summary>
    Out,

    /// <summary>Both ways (Both, Bidirectional, In/Out).</summary>
    Both,

    /// <summary>"A -> B": the cell names both ends.</summary>
    Named,
}

/// <summary>One run of <see cref="TableInterpreter"/> over a document.</summary>
internal sealed partial class Interpretation
{
    private readonly ExtractedDocument _document;
    private readonly string? _givenProduct;
    private readonly List<ImportedFlow> _flows = [];
    private readonly List<ImportWarning> _warnings = [];
    private string _product = TableInterpreter.DefaultProduct;
    private int _tableFlows;
    private int _lineFlows;
    private int _undirectedLines;
    private int _firstUndirectedLine;
    private string? _lastSection;
    private bool _lastSectionRetired;
    private FlowDirection _lastSectionDirection;

    /// <summary>Whether the last section's direction is written in words ("Inbound"), not read from its sentence ("How does X reach Y?").</summary>
    private bool _lastSectionWords;

    /// <summary>Below this many rows or lines a table or the running text is read on one thread.</summary>
    internal const int DefaultChunkSize = 4096;

    private readonly int _chunkSize;
    private readonly HashSet<object> _warnedOnce = new(ReferenceEqualityComparer.Instance);
    private List<(object Key, ImportWarning Warning)>? _onceWarnings;

    /// <summary>
    /// One run over <paramref name="document"/>. Tables and running text of at least two chunks of
    /// <paramref name="chunkSize"/> rows or lines are read on several threads (0: always on one).
    /// </summary>
    public Interpretation(ExtractedDocument document, string? product, int chunkSize = DefaultChunkSize, IProgress<ImportProgress>? progress = null)
    {
        _document = document;
        _givenProduct = string.IsNullOrWhiteSpace(product) ? null : product.Trim();
        _chunkSize = chunkSize;
        _progress = progress;
    }

    private readonly IProgress<ImportProgress>? _progress;

    /// <summary>A part of <paramref name="parent"/>'s run that collects its own flows and warnings.</summary>
    private Interpretation(Interpretation parent)
    {
        _document = parent._document;
        _givenProduct = parent._givenProduct;
        _product = parent._product;
        _contextDirections = parent._contextDirections;
        _documentTransport = parent._documentTransport;
        _quotesEarlierMessage = parent._quotesEarlierMessage;
        _retiredFootnotes = parent._retiredFootnotes;
        DocumentDirection = parent.DocumentDirection;
        _chunkSize = 0;
    }

    public ImportResult Run()
    {
        NameProduct();
        _documentTransport = DocumentTransport();
        DocumentDirection = ReadDocumentDirection();
        _ = RetiredFootnotes();
        if (_document.Lines.Any(l => l.Text.StartsWith('>')))
        {
            // Once here, not in each part read in parallel.
            _ = QuotesEarlierMessage();
        }
        foreach (var table in _document.Tables)
        {
            if (table.Origin.EndsWith(ExtractionLimits.TruncatedSuffix, StringComparison.Ordinal))
            {
                var line = table.Rows.Count > 0 ? table.Rows[^1].Line : 1;
                _warnings.Add(new(line, WarningCodes.Unreadable, $"the table ({table.Origin}) was cut at {ExtractionLimits.MaxRows} rows; later rows were not read."));
            }

            new TableReading(this, table).Read();
        }

        var lines = _document.Lines;
        ReadContextDirections();
        var chunk = ChunkSize(lines.Count);
        if (chunk == 0)
        {
            foreach (var line in lines)
            {
                ReadTextLine(line);
            }
        }
        else
        {
            InChunks((lines.Count + chunk - 1) / chunk, (k, child) =>
            {
                for (var i = k * chunk; i < Math.Min(lines.Count, (k + 1) * chunk); i++)
                {
                    child.ReadTextLine(lines[i]);
                }
            }, "reading lines");
        }

        if (_undirectedLines > 0)
        {
            _warnings.Add(new(_firstUndirectedLine, WarningCodes.Inferred,
                $"{_undirectedLines} port line(s) in running text say no direction; they were read as ports {_product} listens on."));
        }

        var flows = InLineOrder(_flows, f => f.Line);
        var warnings = InLineOrder(_warnings.Distinct().ToList(), w => w.Line);
        return new ImportResult(_document.Path, Layout(), flows, warnings) { Product = _product };
    }

    internal string Product => _product;

    private void ReadTextLine(TextLine line)
    {
        // An extractor's note about a part it did not read is a warning, not text to search for ports.
        if (ExtractionNote.IsNote(line))
        {
            _warnings.Add(new(line.Line, WarningCodes.Unreadable, $"{line.Text[ExtractionNote.Prefix.Length..^1]} was not read."));
            return;
        }

        // "> - CallThread -> PBX CTI: TCP 7001" under "On Tue, ... wrote:": the quoted earlier message, which the reply corrects.
        if (line.Text.StartsWith('>') && QuotesEarlierMessage())
        {
            if (PortPhrases.Read(line.Text, PhraseMode.Text).LooksLikePorts)
            {
                WarnOnce(_document, new(line.Line, WarningCodes.Inferred, "lines quoted from an earlier message ('> ...') were not read; the newer message is."));
            }

            return;
        }

        ReadLine(line);
    }

    private bool? _quotesEarlierMessage;

    /// <summary>Whether the document is a mail thread that quotes an earlier message ("On ... wrote:", "-----Original Message-----").</summary>
    private bool QuotesEarlierMessage() => _quotesEarlierMessage ??= _document.Lines.Take(3000).Any(l =>
        l.Text.TrimEnd().EndsWith("wrote:", StringComparison.OrdinalIgnoreCase) || l.Text.Contains("Original Message", StringComparison.OrdinalIgnoreCase)
        || (l.Section is { } heading && (heading.EndsWith("wrote", StringComparison.OrdinalIgnoreCase) || heading.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase))));

    // ---- chunks --------------------------------------------------------------------------------

    /// <summary>The chunk size for <paramref name="count"/> rows or lines, or 0 to read them on this thread.</summary>
    internal int ChunkSize(int count)
    {
        if (_chunkSize <= 0 || count < 2 * _chunkSize || Environment.ProcessorCount < 2 && _chunkSize >= DefaultChunkSize)
        {
            return 0;
        }

        // A few chunks per core, so a core that finishes early takes another.
        return Math.Max(_chunkSize, (count + (4 * Environment.ProcessorCount) - 1) / (4 * Environment.ProcessorCount));
    }

    /// <summary>A part whose flows and warnings are thrown away (for a pass that only follows state).</summary>
    internal Interpretation Scratch() => new(this);

    /// <summary>
    /// Runs <paramref name="work"/> for chunks 0..<paramref name="count"/>-1 in parallel, each into a part of
    /// its own, then takes the parts' flows and warnings in chunk order.
    /// </summary>
    internal void InChunks(int count, Action<int, Interpretation> work, string stage)
    {
        var parts = new Interpretation[count];
        var done = 0;
        _progress?.Report(new(stage, 0));
        ParallelWork.For(count, k =>
        {
            var part = new Interpretation(this);
            work(k, part);
            parts[k] = part;
            _progress?.Report(new(stage, (double)Interlocked.Increment(ref done) / count));
        });

        foreach (var part in parts)
        {
            Absorb(part);
        }
    }

    private void Absorb(Interpretation part)
    {
        _flows.AddRange(part._flows);
        _tableFlows += part._tableFlows;
        _lineFlows += part._lineFlows;
        if (part._undirectedLines > 0)
        {
            if (_undirectedLines == 0)
            {
                _firstUndirectedLine = part._firstUndirectedLine;
            }

            _undirectedLines += part._undirectedLines;
        }

        if (part._onceWarnings is null)
        {
            _warnings.AddRange(part._warnings);
            return;
        }

        foreach (var warning in part._warnings)
        {
            var once = part._onceWarnings.Find(o => ReferenceEquals(o.Warning, warning));
            if (once.Key is not null && !_warnedOnce.Add(once.Key))
            {
                continue;
            }

            if (once.Key is not null)
            {
                (_onceWarnings ??= []).Add(once);
            }

            _warnings.Add(warning);
        }
    }

    /// <summary>A warning given once per <paramref name="key"/> (e.g. a table), also across chunks read in parallel.</summary>
    internal void WarnOnce(object key, ImportWarning warning)
    {
        if (_warnedOnce.Add(key))
        {
            _warnings.Add(warning);
            (_onceWarnings ??= []).Add((key, warning));
        }
    }

    /// <summary>Items by line, keeping the order of items on the same line (no sort when already in order).</summary>
    private static List<T> InLineOrder<T>(List<T> items, Func<T, int> line)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (line(items[i]) < line(items[i - 1]))
            {
                return items.OrderBy(line).ToList();
            }
        }

        return items;
    }

    internal const int CacheLimit = 4096;
    private readonly Dictionary<(PhraseMode, string), PhraseReading> _phrases = [];
    private readonly Dictionary<string, Model.FirewallRelevance> _firewall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FlowDirection, string?, string?)> _directions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string, string, bool), string> _rules = [];

    /// <summary>A cell read once: large tables repeat the same cells many times.</summary>
    internal PhraseReading Phrase(string text, PhraseMode mode)
    {
        if (text.Length > 120)
        {
            return PortPhrases.Read(text, mode);
        }

        if (!_phrases.TryGetValue((mode, text), out var reading))
        {
            reading = PortPhrases.Read(text, mode);
            if (_phrases.Count < CacheLimit)
            {
                _phrases[(mode, text)] = reading;
            }
        }

        return reading;
    }

    internal Model.FirewallRelevance Firewall(string text)
    {
        if (text.Length == 0)
        {
            return Model.FirewallRelevance.Unknown;
        }

        if (!_firewall.TryGetValue(text, out var value))
        {
            value = FirewallWords.Parse(text);
            if (_firewall.Count < CacheLimit)
            {
                _firewall[text] = value;
            }
        }

        return value;
    }

    internal FlowDirection Direction(string text, out string? from, out string? to)
    {
        if (text.Length == 0)
        {
            from = to = null;
            return FlowDirection.Unknown;
        }

        if (!_directions.TryGetValue(text, out var value))
        {
            var d = Directions.FromCell(text, out var f, out var t);
            value = (d, f, t);
            if (_directions.Count < CacheLimit)
            {
                _directions[text] = value;
            }
        }

        (var direction, from, to) = value;
        return direction;
    }

    /// <summary>The rule text of a flow, shared between flows that came the same way.</summary>
    internal string Rule(string prefix, string notation, string transportRule, string directionRule, bool byContent)
    {
        var key = (prefix, notation, transportRule, directionRule, byContent);
        if (!_rules.TryGetValue(key, out var rule))
        {
            rule = $"{prefix}:{notation};{transportRule};{directionRule}{(byContent ? ";columns-by-content" : "")}";
            if (_rules.Count < CacheLimit)
            {
                _rules[key] = rule;
            }
        }

        return rule;
    }

    private string Layout()
    {
        var format = _document.Format;
        if (format is "csv" or "tsv" or "xlsx" or "pdf")
        {
            return format;
        }

        if (_tableFlows > 0)
        {
            return format + "-table";
        }

        return _lineFlows > 0 ? "list" : format;
    }

    // ---- product -------------------------------------------------------------------------------

    private void NameProduct()
    {
        if (_givenProduct is not null)
        {
            _product = _givenProduct;
            return;
        }

        if (LabelledProduct() is { } labelled)
        {
            _product = labelled.Name;
            _warnings.Add(new(labelled.Line, WarningCodes.Inferred,
                $"the line that labels the product ('{labelled.Name}') was taken to name it; give --product to name it otherwise."));
            return;
        }

        var candidates = new List<(string Text, int Line)>();
        foreach (var table in _document.Tables.Take(3))
        {
            foreach (var row in table.Rows.Take(5))
            {
                var texts = row.Cells.Where(c => c.Text.Trim().Length > 0).Select(c => c.Text.Trim()).Distinct(StringComparer.Ordinal).ToList();
                if (texts.Count == 1)
                {
                    candidates.Add((texts[0], row.Line));
                }
            }

            if (table.Section is not null)
            {
                candidates.Add((table.Section, table.Rows.Count > 0 ? table.Rows[0].Line : 1));
            }
        }

        foreach (var line in _document.Lines.Take(50))
        {
            if (line.Section is not null)
            {
                candidates.Add((line.Section, line.Line));
            }
        }

        var ordered = candidates.OrderBy(c => c.Line).Take(8).ToList();
        if (_document.Title is { Length: > 0 } documentTitle)
        {
            ordered.Insert(0, (documentTitle, 1));
        }

        foreach (var (text, line) in ordered)
        {
            if (Titles.ProductFromTitle(text) is { } name)
            {
                if (line > 15 && RepeatedTopName(ordered) is { } top)
                {
                    // "Network ports by component" far down a page whose title and first heading name "ZoneCaster PG-7",
                    // which the text repeats: the page's own name wins.
                    _product = top.Name;
                    _warnings.Add(new(top.Line, WarningCodes.Inferred,
                        $"'{top.Name}' in the title '{Titles.Clip(top.Title)}' was taken to name the product, as the text repeats it; give --product to name it otherwise."));
                    return;
                }

                _product = name;
                _warnings.Add(new(line, WarningCodes.Inferred,
                    $"the title '{Titles.Clip(text)}' was taken to name the product ('{name}'); give --product to name it otherwise."));
                return;
            }
        }

        if (RepeatedTopName(ordered) is { } repeated)
        {
            _product = repeated.Name;
            _warnings.Add(new(repeated.Line, WarningCodes.Inferred,
                $"'{repeated.Name}' in the title '{Titles.Clip(repeated.Title)}' was taken to name the product, as the text repeats it; give --product to name it otherwise."));
        }
        else if (AppliesTo() is { } applies)
        {
            _product = applies.Name;
            _warnings.Add(new(applies.Line, WarningCodes.Inferred,
                $"'{applies.Name}', which the document says it applies to, was taken to name the product; give --product to name it otherwise."));
        }
    }

    /// <summary>
    /// A title without port words ("Rostra WFM 9.2 Deployment Guide", "QUILLSEND VMX GATEWAY 3.4 -- CHECKLIST")
    /// names the product when the body repeats its name: the document's title, its first heading and its first lines.
    /// </summary>
    private (string Name, string Title, int Line)? RepeatedTopName(List<(string Text, int Line)> ordered)
    {
        // The title, the first heading (an HTML page's h1 may be far down its source) and the first lines.
        var top = ordered.Where((c, i) => i <= 1 || c.Line <= 5).ToList();
        // "Title:  Norvik OperatorHub 5.2 attendant console server - new rules" in a ticket's header, as a line or as the
        // two cells a gap made of it.
        static bool IsTitleLabel(string text) =>
            text.StartsWith("Title:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Project:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("System:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("description:", StringComparison.OrdinalIgnoreCase);
        foreach (var line in _document.Lines.TakeWhile(l => l.Line <= 10))
        {
            if (IsTitleLabel(line.Text))
            {
                top.Add((line.Text[(line.Text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), line.Line));
            }
        }

        foreach (var row in _document.Tables.SelectMany(t => t.Rows).Where(r => r.Line <= 10))
        {
            if (row.Cells.Count >= 2 && IsTitleLabel(row.Cells[0].Text.Trim()))
            {
                top.Add((string.Join(" ", row.Cells.Skip(1).Select(c => c.Text.Trim())), row.Line));
            }
        }

        var firstLines = _document.Lines.TakeWhile(l => l.Line <= 6).ToList();
        for (var k = 0; k < firstLines.Count && firstLines[k].Line <= 5; k++)
        {
            // A line of its own: the first, or one that a blank line or a rule ends; not the first line of a paragraph
            // ("LinkPoint is CTI middleware: it sits between your PBX's CSTA interface and").
            var line = firstLines[k];
            // "ticket: NET-8831 (...)", "host: pstngw01": a field of a header, not a title.
            var field = FieldLabel().IsMatch(line.Text) || TextExtraction.IsMailHeader(line.Text);
            var standsAlone = !field && ((k == 0 && line.Line == 1) || k + 1 >= firstLines.Count || firstLines[k + 1].Line > line.Line + 1 || firstLines[k + 1].Text.Trim().Length == 0
                || firstLines[k + 1].Text.Trim() is { Length: > 2 } next && next.AsSpan().IndexOfAnyExcept("=-~*_#") < 0);
            if (standsAlone && line.Text.Length <= 80 && !line.Text.TrimEnd().EndsWith('.') && !line.Text.Contains(". ", StringComparison.Ordinal)
                && !PortPhrases.Read(line.Text, PhraseMode.Text).LooksLikePorts && !PlainTextExtractor.IsRootPrompt(line.Text.Trim())
                && !line.Text.TrimStart().StartsWith('-') && !line.Text.Contains("](", StringComparison.Ordinal))
            {
                // Not a README's badges ("[![CI](https://…)](…) [![License: Apache-2.0](…)]").
                top.Add((line.Text, line.Line));
            }
        }

        return Titles.ProductRepeatedInBody(top, BodyWords());
    }

    /// <summary>"Product: EdgeGuard 4200 Session Border Controller (EG-4200)" in the first lines of the document.</summary>
    private (string Name, int Line)? LabelledProduct()
    {
        IEnumerable<(string Text, int Line)> Heads()
        {
            foreach (var line in _document.Lines.Take(15))
            {
                yield return (line.Text, line.Line);
            }

            foreach (var row in _document.Tables.Take(1).SelectMany(t => t.Rows.Take(8)))
            {
                var cells = row.Cells.Where(c => c.Text.Trim().Length > 0).Select(c => c.Text.Trim()).ToList();
                yield return (string.Join(cells.Count == 2 && !cells[0].EndsWith(':') ? ": " : " ", cells), row.Line);
            }
        }

        foreach (var (whole, line) in Heads())
        {
            // "Article KB-20417 | Product: Veltrix Callbridge WebRTC Server 4.2": a field after a bar.
            var text = whole.Split('|').FirstOrDefault(part => part.TrimStart().StartsWith("Product", StringComparison.OrdinalIgnoreCase)) ?? whole;
            var t = text.Trim().TrimStart('#', '*', '-', ' ');
            var colon = t.IndexOf(':');
            if (colon is < 7 or > 14 || !(t[..colon].Trim().ToLowerInvariant() is "product" or "product name" or "produkt" or "platform" or "appliance"))
            {
                continue;
            }

            var value = t[(colon + 1)..];
            var end = value.IndexOfAny(['(', ',', ';', '[']);
            value = (end >= 0 ? value[..end] : value).Split(" - ")[0].Trim().Trim('*', '`', '"', '.');
            if (value.Length is >= 3 and <= 60 && value.Any(char.IsLetter))
            {
                return (value, line);
            }
        }

        return null;
    }

    /// <summary>"This page applies to Tessaly SAS 4.x", "Applies to: Rostra WFM Server 9.2.0": the capitalised name after it.</summary>
    private (string Name, int Line)? AppliesTo()
    {
        foreach (var line in _document.Lines.Take(20))
        {
            var i = line.Text.IndexOf("applies to", StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                continue;
            }

            var words = line.Text[(i + "applies to".Length)..].TrimStart(':', ' ', '*').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = new List<string>();
            foreach (var raw in words)
            {
                var w = raw.Trim('*', ',', ';', '.', '(', ')', '"');
                if (w.Length == 0 || !char.IsUpper(w[0]) || name.Count >= 4 || (w.Any(char.IsDigit) && w.All(c => char.IsDigit(c) || c == '.' || c == 'x')))
                {
                    break;
                }

                name.Add(w);
                if (raw.EndsWith(',') || raw.EndsWith(';') || raw.EndsWith('.'))
                {
                    break;
                }
            }

            if (name.Count > 0 && name.Exists(w => w.Length >= 3) && !(name.Count == 1 && Titles.IsGenericWord(name[0])))
            {
                return (string.Join(' ', name), line.Line);
            }
        }

        return null;
    }

    /// <summary>How often each word occurs in the first lines and table rows of the document (lower case).</summary>
    private Dictionary<string, int> BodyWords()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string text)
        {
            foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                // Host names and addresses ("cloud.edgebox.example", "https://…", "ops@…") name peers, not the product.
                if (token.Contains('/') || token.Contains('@') || token.TrimEnd('.', ',', ';', ':', ')').Contains('.'))
                {
                    continue;
                }

                foreach (var w in ColumnRoles.Words(token))
                {
                    counts[w] = counts.GetValueOrDefault(w) + 1;
                }
            }
        }

        // The title itself is not counted: the name must come back in the text.
        string? lastSection = _document.Title;
        foreach (var line in _document.Lines.Take(400))
        {
            if (line.Text != _document.Title)
            {
                Count(line.Text);
            }

            if (line.Section is { } section && !ReferenceEquals(section, lastSection) && section != lastSection && section != _document.Title)
            {
                Count(section);
                lastSection = section;
            }
        }

        foreach (var table in _document.Tables.Take(5))
        {
            foreach (var row in table.Rows.Take(60))
            {
                foreach (var cell in row.Cells)
                {
                    Count(cell.Text);
                }
            }
        }

        return counts;
    }

    // ---- shared flow building ------------------------------------------------------------------

    internal void Warn(int line, string code, string message) => _warnings.Add(new(line, code, message));

    internal void AddFlow(ImportedFlow flow, bool fromTable)
    {
        _flows.Add(flow);
        if (fromTable)
        {
            _tableFlows++;
        }
        else
        {
            _lineFlows++;
        }
    }

    /// <summary>Transports for a mention: as written, else from context, else from the application (with a warning when not certain).</summary>
    internal IReadOnlyList<TransportWord>? ResolveTransports(
        PortMention mention, IReadOnlyList<TransportWord> context, string contextName, WellKnownApplication? app, int line, string cell, out string rule)
    {
        if (mention.Transports.Count > 0)
        {
            rule = mention.TransportPlace switch
            {
                "before" => "transport=before",
                "after" => "transport=after",
                "carried" => "transport=carried",
                _ => "transport=written",
            };
            return Distinct(mention.Transports);
        }

        if (context.Count > 0)
        {
            rule = "transport=" + contextName;
            return Distinct(context);
        }

        if (app is not null && app.Transports.Count > 0)
        {
            rule = "transport=application";
            if (!app.TransportCertain)
            {
                Warn(line, WarningCodes.TransportInferred,
                    $"'{Titles.Clip(cell)}' names no transport; {app.Name} is taken to run on {string.Join(" and ", app.Transports.Select(t => t.ToName().ToUpperInvariant()))} (its IANA registration).");
            }

            return app.Transports.Select(t => new TransportWord(t, app.Tls && t == Transport.Tcp)).ToList();
        }

        if (_documentTransport is { } documentTransport)
        {
            rule = "transport=document";
            return [new TransportWord(documentTransport, false)];
        }

        rule = "";
        return null;
    }

    /// <summary>
    /// What a document says once of all its connections ("Almost all traffic is opened by Connect Edge towards the
    /// cloud, so you only need outbound rules"): the direction of tables and lines that say none; null when it says nothing.
    /// </summary>
    internal FlowDirection? DocumentDirection { get; private set; }

    private FlowDirection? ReadDocumentDirection()
    {
        foreach (var text in WithNextLine(150, t => t.Contains("outbound", StringComparison.OrdinalIgnoreCase) || t.Contains(" by ", StringComparison.OrdinalIgnoreCase)))
        {
            if (AllOutbound().Match(text) is { Success: true } m
                && (!m.Groups["who"].Success || ColumnRoles.Words(m.Groups["who"].Value).Exists(ProductWords().Contains)))
            {
                return FlowDirection.Out;
            }
        }

        // "Talvio Softphone", "Pivoro Mobile": a client opens its connections; what it names without a direction it reaches.
        var words = ProductWords();
        return words.Any(w => w is "softphone" or "app" or "client" or "mobile" or "smartphone")
            && !words.Any(w => w is "gateway" or "server" or "proxy" or "controller" or "bridge" or "pbx" or "sbc" or "router" or "edge" or "relay" or "manager")
            ? FlowDirection.Out
            : null;
    }

    /// <summary>"ticket: NET-8831", "host: pstngw01": a lower-case field label at the start of a line.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[a-z][a-z _-]{1,20}:\s")]
    private static partial System.Text.RegularExpressions.Regex FieldLabel();

    /// <summary>"5060  udp/tcp  sip  in", "20000-29999 udp rtp both # media": port, transport, a name or two, direction.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"^\s*\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?\s+(?:tcp|udp|sctp|tcp/udp|udp/tcp|tcp\+udp)\s+(?:[\w.+/-]+\s+){0,2}(?<d>in|out|both|in/out|local|inbound|outbound|bidir)\s*(?:$|#|//|;|\()",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex TerseRecord();

    /// <summary>"you only need outbound rules", "all connections are outbound", "traffic is opened by Connect Edge towards the cloud".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"\bonly\s+(?:need|needs|require|requires)\s+outbound\s+(?:rules|connections|access|firewall\s+rules)\b|\ball\s+(?:traffic|connections|sessions)\s+(?:is|are)\s+outbound\b"
        + @"|\b(?:traffic|connections|sessions)\s+(?:is|are)\s+(?:opened|initiated|established|started)\s+by\s+(?:the\s+)?(?<who>[A-Za-z][\w -]{1,40}?)\s+(?:towards|to)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex AllOutbound();

    /// <summary>The transport a document says its bare ports use ("Everything is TCP unless it says otherwise").</summary>
    private Transport? _documentTransport;

    private Transport? DocumentTransport()
    {
        foreach (var text in WithNextLine(300, t => t.Contains("unless", StringComparison.OrdinalIgnoreCase) || t.Contains("except", StringComparison.OrdinalIgnoreCase)
            || t.Contains("otherwise", StringComparison.OrdinalIgnoreCase) || t.Contains("noted", StringComparison.OrdinalIgnoreCase)))
        {
            if (DefaultTransportSentence().Match(text) is { Success: true } m)
            {
                return m.Groups["t"].Value.Equals("udp", StringComparison.OrdinalIgnoreCase) ? Transport.Udp : Transport.Tcp;
            }
        }

        return null;
    }

    /// <summary>
    /// The first <paramref name="count"/> text lines that pass <paramref name="gate"/>, each joined with the line right
    /// after it, as a sentence said once for the whole document may wrap onto the next line.
    /// </summary>
    private IEnumerable<string> WithNextLine(int count, Func<string, bool> gate)
    {
        var lines = _document.Lines;
        for (var i = 0; i < Math.Min(count, lines.Count); i++)
        {
            if (gate(lines[i].Text))
            {
                yield return i + 1 < lines.Count && lines[i + 1].Line == lines[i].Line + 1 ? lines[i].Text + " " + lines[i + 1].Text : lines[i].Text + " ";
            }
        }
    }

    /// <summary>"Everything is TCP unless it says otherwise", "All ports are TCP unless noted", "Ports are UDP except where marked", "TCP unless otherwise stated".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"\b(?:(?:everything|all(?:\s+(?:ports|of\s+them|entries|flows|connections))?|ports|(?:all\s+)?(?:numbers|rules)(?:\s+listed)?)\s+(?:is|are|use|uses)\s+(?<t>TCP|UDP)\b[^.;]{0,20}?\b(?:unless|except|if\s+not)|\b(?<t>TCP|UDP)\s*(?:is\s+assumed\s+)?(?:,\s*)?(?:unless|except)\s+(?:otherwise\s+)?(?:noted|stated|marked|indicated|specified|shown|it\s+says|where))",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex DefaultTransportSentence();

    /// <summary>Where the first sentence of a line ends (after its full stop), or the line's length.</summary>
    private static int FirstSentenceEnd(string text)
    {
        var from = 0;
        while (from < text.Length)
        {
            var i = text.AsSpan(from).IndexOfAny(SentenceMarks);
            if (i < 0)
            {
                break;
            }

            i += from;
            if (i == text.Length - 1 || text[i + 1] == ' ')
            {
                return i;
            }

            from = i + 1;
        }

        return text.Length;
    }

    private static readonly System.Buffers.SearchValues<char> SentenceMarks = System.Buffers.SearchValues.Create(".!?");

    /// <summary>"TLS (TCP 5061)" names TCP twice: one transport, over TLS when either word says so.</summary>
    private static IReadOnlyList<TransportWord> Distinct(IReadOnlyList<TransportWord> words)
    {
        if (words.Count < 2 || (words.Count == 2 && words[0].Transport != words[1].Transport))
        {
            return words;
        }

        var merged = new List<TransportWord>(words.Count);
        foreach (var w in words)
        {
            var i = merged.FindIndex(m => m.Transport == w.Transport);
            if (i < 0)
            {
                merged.Add(w);
            }
            else if (w.Tls && !merged[i].Tls)
            {
                merged[i] = w;
            }
        }

        return merged.Count == words.Count ? words : merged;
    }

    // ---- running text --------------------------------------------------------------------------

    private void ReadLine(TextLine line)
    {
        var text = Titles.StripListMarker(line.Text);
        if (text.Length == 0)
        {
            return;
        }

        if (line.Lead is { Length: > 0 } above && char.IsDigit(text[0]) && TransportAtEnd(above) is { } carried)
        {
            // "... replicate their database to each other over TCP" / "5432 and exchange heartbeats on UDP 7788".
            text = carried + " " + text;
        }

        var reading = PortPhrases.Read(text, PhraseMode.Text);
        var ruleDirection = FlowDirection.Unknown;
        var ruleName = "direction=chain";
        List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>? ruleEnds = null;
        if (FirewallRuleLine(text) is { } written)
        {
            if (!written.Allow)
            {
                Warn(line.Line, WarningCodes.Retired, $"'{Titles.Clip(text)}' denies the traffic; no flow was made.");
                return;
            }

            reading = reading with { Text = text, Mentions = [written.Mention], Issues = [], LooksLikePorts = true };
            ruleEnds = written.Ends;
        }
        else if ((IptablesRule(text) ?? HostFirewallCommand(text)) is { } rule)
        {
            // "iptables -A INPUT -p udp --dport 5060 -j ACCEPT", "ufw allow 443/tcp", a firewalld rich rule.
            if (!rule.Accept)
            {
                Warn(line.Line, WarningCodes.Retired, $"'{Titles.Clip(text)}' blocks {rule.Mention.Transports[0].Transport.ToName()}/{rule.Mention.Ports?.ToString() ?? "any"}; no flow was made.");
                return;
            }

            reading = reading with { Text = text, Mentions = [rule.Mention], Issues = [], LooksLikePorts = true };
            ruleDirection = rule.Direction;
            ruleName = rule.Mention.Notation == "iptables" ? "direction=chain" : "direction=command";
        }
        else if (SocketLine(text) is { } socket)
        {
            // "LISTEN 0 128 0.0.0.0:443 0.0.0.0:* users:((\"nginx\"...)) <- web GUI": a line of ss or netstat output.
            var note = text.IndexOf("<-", StringComparison.Ordinal) is var arrow and >= 0 ? text[(arrow + 2)..] : (text.IndexOf('#') is var hash and >= 0 ? text[(hash + 1)..] : "");
            if (socket.Loopback || (note.Length > 0 && Retirement.Says(note)))
            {
                Warn(line.Line, WarningCodes.Retired, $"'{Titles.Clip(text)}' is {(socket.Loopback ? "bound to the host itself" : "said to stay closed")}; no flow was made.");
                return;
            }

            reading = reading with { Text = text, Mentions = [socket.Mention], Issues = [], LooksLikePorts = true };
            ruleDirection = socket.Direction;
            ruleName = "direction=socket";
        }
        else if (text.Length > 0 && char.IsAsciiDigit(text.TrimStart()[0]) && TerseRecord().Match(text) is { Success: true } terse)
        {
            // "5060   udp   sip   out   # MWI NOTIFY to PBX": a ports.txt line whose last field is the direction.
            var word = terse.Groups["d"].Value.ToLowerInvariant();
            if (word == "local")
            {
                Warn(line.Line, WarningCodes.Retired, $"'{Titles.Clip(text)}' is bound to the host itself ('local'); no flow was made.");
                return;
            }

            ruleDirection = word is "in" or "inbound" ? FlowDirection.In : word is "out" or "outbound" ? FlowDirection.Out : FlowDirection.Both;
            ruleName = "direction=record";
        }
        else if (PublishedPort(text) is { } published)
        {
            // - "8088:8088" in a compose file: a container port published on the host, TCP unless it says otherwise.
            reading = reading with { Text = text, Mentions = [published], Issues = [], LooksLikePorts = true };
            Warn(line.Line, WarningCodes.TransportInferred,
                $"'{Titles.Clip(text)}' publishes port {published.Ports} without a protocol; it was read as TCP, the container runtime's default.");
        }
        else if (!reading.LooksLikePorts)
        {
            // "firewall-cmd --add-service=https", "ufw allow ssh": a firewall command that opens a service by name.
            if (FirewallService(text) is not { } service)
            {
                return;
            }

            reading = reading with { Text = text, Mentions = [service], LooksLikePorts = true };
            Warn(line.Line, WarningCodes.IanaDefault,
                $"'{Titles.Clip(text)}' opens the {service.Application!.Name} service by name; its IANA port {service.Ports} was used.");
        }

        if (!ReferenceEquals(line.Section, _lastSection))
        {
            _lastSection = line.Section;
            _lastSectionDirection = HeadingDirection(line.Section);
            _lastSectionWords = _lastSectionDirection != FlowDirection.Unknown && Directions.FromSection(line.Section) != FlowDirection.Unknown;
            _lastSectionRetired = line.Section is { Length: <= 60 } heading && Retirement.Says(heading);
        }

        if (_lastSectionRetired && line.Lead is null)
        {
            // Under "3.3 Removed" or "Retired ports" an item's port is one to close, not to open (the rest of its sentence may name the replacement).
            Warn(line.Line, WarningCodes.Retired, $"'{Titles.Clip(text)}' is under '{Titles.Clip(line.Section!)}'; no flow was made.");
            return;
        }

        var before = _flows.Count;
        var warned = _warnings.Count;
        foreach (var issue in reading.Issues)
        {
            Warn(line.Line, issue.Code, $"{issue.Message} (in '{Titles.Clip(text)}')");
        }

        var direction = ruleDirection != FlowDirection.Unknown ? ruleDirection : _lastSectionDirection;
        var directionRule = ruleDirection != FlowDirection.Unknown ? ruleName : direction == FlowDirection.Unknown ? "" : _lastSectionWords ? "direction=section" : "direction=section-sentence";
        if (ruleDirection == FlowDirection.Unknown && directionRule is "" or "direction=section-sentence" && line.Below is { } below
            && Directions.FromSentence(below, ProductWords()) is var underneath and not FlowDirection.Unknown)
        {
            // "### 5061/TCP - SIP over TLS" over "The app opens a SIP over TLS connection to the gateway ...".
            direction = underneath;
            directionRule = "direction=paragraph-below";
        }
        else if (directionRule == "direction=section-sentence" && text.Length <= MaxSentence
            && (Directions.Explicit(text) is var inWords and not FlowDirection.Unknown ? inWords
                : line.Lead is null && !char.IsLower(Titles.StripListMarker(text.TrimStart()).FirstOrDefault()) ? Directions.FromSentence(text, ProductWords())
                : FlowDirection.Unknown) is var own and not FlowDirection.Unknown)
        {
            // "SIP on TCP 5061, inbound from the PBX" under "Call control (SIP interface to the IP PBX)", "The server listens on
            // TCP 8443" under a heading read as a sentence: the line's own words beat the heading's.
            direction = own;
            directionRule = "direction=sentence";
        }
        if (ruleDirection == FlowDirection.Unknown && (text.StartsWith("->", StringComparison.Ordinal) || text.StartsWith('\u2192')
            || text.StartsWith("<-", StringComparison.Ordinal) || text.StartsWith('\u2190')))
        {
            // "-> 5060/udp ..... SIP to ITSP proxy": a list marked with arrows, "->" for what the product opens.
            ruleDirection = text[0] is '-' or '\u2192' ? FlowDirection.Out : FlowDirection.In;
            direction = ruleDirection;
            directionRule = "direction=arrow-mark";
        }
        else if (ruleDirection == FlowDirection.Unknown && reading.Mentions.Count == 1 && text.Length <= MaxSentence && Directions.SaysBoth(text))
        {
            // "RTP voice prompts: UDP 30000-30999, both directions" under "Connections opened by the server".
            direction = FlowDirection.Both;
            directionRule = "direction=sentence";
        }
        else if (direction == FlowDirection.Unknown)
        {
            direction = Directions.FromSentence(text, ProductWords());
            directionRule = direction == FlowDirection.Unknown ? "direction=assumed-inbound" : "direction=sentence";
            if (direction == FlowDirection.Unknown && DocumentDirection is { } stated)
            {
                direction = stated;
                directionRule = "direction=document";
            }
        }

        if (_contextDirections is not null && _contextDirections.TryGetValue(line, out var around)
            && (direction == FlowDirection.Unknown || (around.Direction == FlowDirection.Both && around.Rule == "direction=paragraph" && directionRule == "direction=sentence")))
        {
            // "... the PBX sends and" / "receives on that range, so open it both ways between the two": the paragraph's "both" wins.
            direction = around.Direction;
            directionRule = around.Rule;
        }

        var assumedMentions = 0;
        var betweenOthers = text.Length <= MaxSentence && text.Contains(" not ", StringComparison.OrdinalIgnoreCase) && NotThroughProduct(text);
        Dictionary<string, (string? Service, string? Purpose)>? labels = null;
        int? firstSentenceEnd = null;
        foreach (var mention in reading.Mentions)
        {
            if (mention.IsSource)
            {
                Warn(line.Line, WarningCodes.SourceRange, $"'{Titles.Clip(text)}' gives source ports ({mention.Ports}); no flow was made from them.");
                continue;
            }

            // One port and a transport elsewhere in the line ("239.1.1.1:5004 multicast to the speakers (UDP)") go together.
            var lineTransports = mention.Transports.Count == 0 && reading.Mentions.Count == 1 ? reading.Transports : [];

            // "the SMTP relay ...; it uses port 587 with STARTTLS": one port and one application elsewhere in the line.
            var lineApplication = mention.Application
                ?? (reading.Mentions.Count == 1 && reading.Applications.Count == 1 && reading.Applications[0].TransportCertain ? reading.Applications[0] : null);
            var transports = ResolveTransports(mention, lineTransports, "line", lineApplication, line.Line, text, out var transportRule);
            if (transports is null)
            {
                Warn(line.Line, WarningCodes.Unreadable, $"'{Titles.Clip(text)}' names port(s) {mention.Ports} but no transport, and no application that implies one.");
                continue;
            }

            // The label depends on the line and the mention's application only: a long line with many ports reads it once per application.
            var app = mention.Application;
            (string? Service, string? Purpose) label;
            if (reading.Mentions.Count == 1)
            {
                label = Titles.Label(reading.Text, reading.Mentions, app);
            }
            else if (!(labels ??= new(StringComparer.Ordinal)).TryGetValue(app?.Name ?? "", out label))
            {
                label = Titles.Label(reading.Text, reading.Mentions, app);
                labels[app?.Name ?? ""] = label;
            }

            var (service, purpose) = label;
            var mentionDirection = direction;
            var mentionRule = directionRule;
            if (_lastSectionDirection == FlowDirection.Unknown && reading.Mentions.Count > 1 && reading.Text.Length <= MaxSentence)
            {
                if (Directions.After(reading.Text, mention, reading.Mentions, ProductWords()) is var after and not FlowDirection.Unknown)
                {
                    // "open 5060/udp inbound, 10000-19999/udp both ways, and 443/tcp outbound": the word right after the ports.
                    mentionDirection = after;
                    mentionRule = "direction=after-ports";
                }
                else if (Clause(reading.Text, mention.Start) is { } clause && Directions.FromSentence(clause, ProductWords(), lastVerb: true) is var own and not FlowDirection.Unknown)
                {
                    // "Browsers reach the gateway on port 8089; it then talks SIP to your PBX on UDP 5060": each clause its own way.
                    mentionDirection = own;
                    mentionRule = "direction=clause";
                }
                else if (mention.End <= MaxSentence && mention.Start > 0
                    && Directions.FromSentence(LastSentence(reading.Text[..Math.Clamp(mention.End, 0, reading.Text.Length)]), ProductWords(), lastVerb: true) is var upTo
                        and not FlowDirection.Unknown)
                {
                    // "PageCast answers queries on UDP 161 and sends traps to your NMS on UDP 162": the verb nearest the port governs it.
                    mentionDirection = upTo;
                    mentionRule = "direction=nearest-verb";
                }
            }

            // A line whose sentence began above, or that holds more than one sentence: the line's first verb may belong to
            // another sentence than the port's ("... configured as UDP 40000-44999. The SBC sends media ...").
            var lineSentence = mentionRule is "direction=sentence" or "direction=assumed-inbound" or "direction=section-sentence";
            firstSentenceEnd ??= FirstSentenceEnd(reading.Text);
            if (lineSentence && reading.Text.Length <= MaxSentence && firstSentenceEnd < reading.Text.Length - 1
                && !(mention.Start < firstSentenceEnd && line.Lead is not null))
            {
                // Each sentence of the line its own way; one that says nothing takes the section's direction, not another sentence's.
                var ownSentence = SentenceAround(reading.Text, mention);
                var inSentence = Directions.FromSentence(ownSentence, ProductWords());
                if (inSentence == FlowDirection.Unknown && ownSentence.Length <= 60 && NextSentence(reading.Text, mention) is { Length: > 0 } next)
                {
                    // "[389/TCP, 636/TCP] LDAP and LDAPS. The PBX connects to your directory ...": a label, then what it does.
                    inSentence = Directions.FromSentence(next, ProductWords());
                }

                if (inSentence != FlowDirection.Unknown)
                {
                    mentionDirection = inSentence;
                    mentionRule = "direction=own-sentence";
                }
                else if (mentionRule == "direction=sentence")
                {
                    var fallback = _contextDirections is not null && _contextDirections.TryGetValue(line, out var near) ? near : (_lastSectionDirection, "direction=section");
                    mentionDirection = fallback.Item1;
                    mentionRule = fallback.Item1 == FlowDirection.Unknown ? "direction=assumed-inbound" : fallback.Item2;
                }
            }

            if ((mentionDirection == FlowDirection.Unknown || mentionRule is "direction=section-sentence" or "direction=lead-in"
                    || (mentionRule == "direction=sentence" && reading.Text.Length <= MaxSentence && (firstSentenceEnd < reading.Text.Length || ClauseBreakAfter(reading.Text, mention))))
                && line.Lead is { Length: > 0 and <= MaxSentence } lead && mention.Start < (firstSentenceEnd ??= FirstSentenceEnd(reading.Text))
                && mention.End <= MaxSentence
                && Directions.FromSentence(LastSentence(lead) + " " + reading.Text[..Math.Clamp(mention.End, 0, reading.Text.Length)], ProductWords(), lastVerb: true) is var led
                    and not FlowDirection.Unknown)
            {
                // "The manager sends" on the line above "SIP signalling to the call server on UDP 5060": the sentence began there.
                mentionDirection = led;
                mentionRule = "direction=sentence-lead";
            }

            // "The app connects to the reverse proxy on TCP 443; the proxy then forwards ... to AlertPoint on TCP 8443": the first clause is between others.
            var mentionBetween = betweenOthers || (ruleEnds is null && _product != TableInterpreter.DefaultProduct && reading.Text.Length <= MaxSentence
                && Directions.MayBeBetweenOthers(reading.Text)
                && mentionRule is "direction=clause" or "direction=sentence" or "direction=own-sentence" or "direction=assumed-inbound" or "direction=nearest-verb"
                && Directions.BetweenOthers(Clause(reading.Text, mention.Start) ?? SentenceAround(reading.Text, mention), ProductWords()));
            foreach (var tw in transports)
            {
                assumedMentions += mentionDirection == FlowDirection.Unknown && !mentionBetween && ruleEnds is null ? 1 : 0;
                var ends = ruleEnds ?? (mentionBetween ? OtherSystems : Ends(mentionDirection, DefaultPeerFor(line.Section), _product));
                if (ruleEnds is not null)
                {
                    mentionRule = "ends=rule";
                }
                else if (mentionBetween)
                {
                    mentionRule = "direction=between-others";
                }

                foreach (var (from, to) in ends)
                {
                    var tls = tw.Tls || (mention.Application?.Tls == true && tw.Transport == Transport.Tcp);
                    if (SameFlowOfLine(before, tw.Transport, mention.Ports, from, to, tls))
                    {
                        continue;
                    }

                    AddFlow(new ImportedFlow
                    {
                        Service = service ?? mention.Application?.Name ?? $"{tw.Transport.ToName()}/{mention.Ports ?? PortExpression.Parse("any")}",
                        Transport = tw.Transport,
                        Ports = mention.Ports ?? PortExpression.Parse("any"),
                        From = from,
                        To = to,
                        Application = mention.Application?.Key,
                        Tls = tls,
                        Purpose = purpose,
                        Section = line.Section,
                        Line = line.Line,
                        Cell = line.Text.Trim(),
                        Rule = Rule("line", mention.Notation, transportRule, mentionRule, false),
                    }, fromTable: false);
                }
            }
        }

        if (_flows.Count > before && direction == FlowDirection.Unknown && assumedMentions > 0)
        {
            if (_undirectedLines++ == 0)
            {
                _firstUndirectedLine = line.Line;
            }
        }

        if (_flows.Count == before && _warnings.Count == warned)
        {
            Warn(line.Line, WarningCodes.ProsePorts, $"'{Titles.Clip(text)}' reads like port information but no flow could be made from it.");
        }
    }

    private static string DefaultPeerFor(string? section) => TableInterpreter.DefaultPeer;

    private Dictionary<string, string>? _retiredFootnotes;

    /// <summary>The document's footnotes that retire what they mark ("(5) Removed in release 5.0. Do not open this port."), by mark.</summary>
    internal Dictionary<string, string> RetiredFootnotes()
    {
        if (_retiredFootnotes is not null)
        {
            return _retiredFootnotes;
        }

        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        void Look(string text)
        {
            if (Footnotes.Note(text) is { } note && Retirement.Says(note.Text))
            {
                notes.TryAdd(note.Mark, note.Text);
            }
        }

        foreach (var line in _document.Lines.Take(2000))
        {
            Look(line.Text);
        }

        // Notes under a table written in spaces may have been taken for its last rows.
        foreach (var row in _document.Tables.SelectMany(t => t.Rows.TakeLast(30)).Take(2000))
        {
            if (row.Cells.Count > 0 && row.Cells[0].Text.TrimStart() is { Length: > 0 } first && first[0] is '(' or '[' or '*')
            {
                Look(string.Join(' ', row.Cells.Select(c => c.Text)));
            }
        }

        return _retiredFootnotes = notes;
    }

    /// <summary>
    /// "TCP 443 – clients connect ... over WSS on 443": a port the line names twice the same way is one flow (over TLS
    /// when either mention says so). Looks at the flows made since <paramref name="first"/>, those of this line.
    /// </summary>
    private bool SameFlowOfLine(int first, Transport transport, PortExpression? ports, IReadOnlyList<string> from, IReadOnlyList<string> to, bool tls)
    {
        for (var f = first; f < _flows.Count; f++)
        {
            var flow = _flows[f];
            if (flow.Transport == transport && Equals(flow.Ports?.ToString(), (ports ?? PortExpression.Parse("any")).ToString())
                && flow.From.SequenceEqual(from) && flow.To.SequenceEqual(to))
            {
                if (tls && !flow.Tls)
                {
                    _flows[f] = flow with { Tls = true };
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>"over TCP", "on TCP port", "UDP ports" at the end of a line: the transport its next line's first number goes with.</summary>
    private static string? TransportAtEnd(string text)
    {
        static bool IsTransport(ReadOnlySpan<char> w) =>
            w.Equals("TCP", StringComparison.OrdinalIgnoreCase) || w.Equals("UDP", StringComparison.OrdinalIgnoreCase) || w.Equals("SCTP", StringComparison.OrdinalIgnoreCase)
            || w.Equals("TCP/UDP", StringComparison.OrdinalIgnoreCase) || w.Equals("UDP/TCP", StringComparison.OrdinalIgnoreCase);

        var t = text.AsSpan().TrimEnd();
        var space = t.LastIndexOf(' ');
        var last = t[(space + 1)..];
        if (IsTransport(last))
        {
            return last.ToString();
        }

        if (space <= 0 || !(last.Equals("port", StringComparison.OrdinalIgnoreCase) || last.Equals("ports", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var before = t[..space].TrimEnd();
        var previous = before[(before.LastIndexOf(' ') + 1)..];
        return IsTransport(previous) ? $"{previous} {last}" : null;
    }

    /// <summary>"Voice traffic does not pass through the CTI Bridge: ...": what the sentence describes goes between other systems.</summary>
    private bool NotThroughProduct(string text)
    {
        var match = NotThrough().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var words = ColumnRoles.Words(text[(match.Index + match.Length)..Math.Min(text.Length, match.Index + match.Length + 40)]);
        return words.Take(4).Any(ProductWords().Contains);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:does|do|will|must|should)\s+not\s+(?:pass\s+through|touch|involve|traverse|go\s+through|use)\s+(?:the\s+)?",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex NotThrough();

    /// <summary>Whether a clause ends after the mention and before the line's verb ("on TCP 9443 to start click-to-dial; in the other direction the Bridge posts").</summary>
    private static bool ClauseBreakAfter(string text, PortMention mention)
    {
        var i = text.IndexOf("; ", Math.Clamp(mention.End, 0, text.Length), StringComparison.Ordinal);
        return i >= 0 && text.IndexOf("; ", StringComparison.Ordinal) == i;
    }

    /// <summary>The sentence of <paramref name="text"/> that holds <paramref name="mention"/>: from the sentence end before it to the one after.</summary>
    private static string SentenceAround(string text, PortMention mention)
    {
        var end = Math.Clamp(mention.End, 0, text.Length);
        var start = LastSentenceStart(text[..end]);
        var next = text.IndexOf(". ", end, StringComparison.Ordinal);
        return text[start..(next < 0 ? text.Length : next)];
    }

    /// <summary>The sentence after the one that holds <paramref name="mention"/>, or "".</summary>
    private static string NextSentence(string text, PortMention mention)
    {
        var end = text.IndexOf(". ", Math.Clamp(mention.End, 0, text.Length), StringComparison.Ordinal);
        if (end < 0)
        {
            return "";
        }

        var after = text.IndexOf(". ", end + 2, StringComparison.Ordinal);
        return text[(end + 2)..(after < 0 ? text.Length : after)];
    }

    private static int LastSentenceStart(string text)
    {
        var end = Math.Max(text.LastIndexOf(". ", StringComparison.Ordinal), Math.Max(text.LastIndexOf("? ", StringComparison.Ordinal), text.LastIndexOf("! ", StringComparison.Ordinal)));
        return end >= 0 ? end + 2 : 0;
    }

    /// <summary>The last sentence of <paramref name="text"/>: after its last ". ", "? " or "! " (the whole text when there is none).</summary>
    private static string LastSentence(string text) => text[LastSentenceStart(text)..];

    private static readonly System.Buffers.SearchValues<string> BetweenOrBoth =
        System.Buffers.SearchValues.Create(["between", "both"], StringComparison.OrdinalIgnoreCase);

    /// <summary>"between the units", "between all nodes of the cluster", "between the two servers": the product's own instances.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(
        @"\bbetween\s+(?:the\s+|all\s+|both\s+|each\s+)?(?:two\s+|\w+\s+)?(?:units|nodes|servers|members|peers|instances|appliances|pair)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex BetweenInstances();

    /// <summary>The ends of a flow between two systems other than the product.</summary>
    private static readonly List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> OtherSystems =
        [(new[] { TableInterpreter.DefaultPeer }, new[] { "other system" })];

    /// <summary>Directions lines take from the lines around them; read once before the lines, so chunks read them alike.</summary>
    private Dictionary<TextLine, (FlowDirection Direction, string Rule)>? _contextDirections;

    /// <summary>
    /// The items under a lead-in sentence ("Outbound connections opened by kpresd:") take its direction; the lines
    /// of a paragraph whose later line says "Open in both directions between the pair" go both ways.
    /// </summary>
    private void ReadContextDirections()
    {
        var lines = _document.Lines;
        void Set(TextLine line, FlowDirection d, string rule) => (_contextDirections ??= new(ReferenceEqualityComparer.Instance)).TryAdd(line, (d, rule));
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            if (text.Length is > 8 and <= 300 && text.AsSpan().TrimEnd().EndsWith(":"))
            {
                var d = Directions.FromSentence((lines[i].Lead is { } lead ? lead + " " : "") + text, ProductWords());
                for (var j = i + 1; d != FlowDirection.Unknown && j < lines.Count && j <= i + 30 && lines[j].Section == lines[i].Section
                    && lines[j].Line - lines[j - 1].Line <= 2 && !lines[j].Text.AsSpan().TrimEnd().EndsWith(":")
                    && (lines[j].Lead is not null || Titles.StripListMarker(lines[j].Text).Length < lines[j].Text.Trim().Length
                        || lines[j].Line - lines[j - 1].Line == 1 || (j == i + 1 && lines[j].Text.AsSpan().IndexOfAnyInRange('0', '9') >= 0)); j++)
                {
                    Set(lines[j], d, "direction=lead-in");
                }
            }

            // A sentence may run on into the next line of its paragraph ("... on UDP 7900 between" / "the nodes.").
            if (text.AsSpan().IndexOfAny(BetweenOrBoth) < 0 && !(i + 1 < lines.Count && lines[i + 1].Text.AsSpan().IndexOfAny(BetweenOrBoth) >= 0))
            {
                continue;
            }

            var joined = i + 1 < lines.Count && lines[i + 1].Lead is not null && text.Length <= MaxSentence
                ? text + " " + lines[i + 1].Text[..Math.Min(lines[i + 1].Text.Length, 60)]
                : text;
            if ((lines[i].Lead is not null || joined.Length > text.Length) && joined.Length <= MaxSentence + 61
                && (text.Contains("both directions", StringComparison.OrdinalIgnoreCase) || text.Contains("both ways", StringComparison.OrdinalIgnoreCase)
                    || (joined.Contains("between", StringComparison.OrdinalIgnoreCase) && BetweenInstances().IsMatch(joined))))
            {
                Set(lines[i], FlowDirection.Both, "direction=paragraph");

                for (var j = i - 1; lines[i].Lead is not null && j >= 0 && j >= i - 4; j--)
                {
                    Set(lines[j], FlowDirection.Both, "direction=paragraph");
                    if (lines[j].Lead is null)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static readonly string[] ClauseMarks = [";", ". ", ", and ", ", while ", ", but "];

    /// <summary>Lines longer than this are not read clause by clause (a sentence is never this long; a run-on cell can be).</summary>
    private const int MaxSentence = 1000;

    /// <summary>The clause of <paramref name="text"/> around <paramref name="position"/>, between semicolons or sentence ends; null when the text is one clause.</summary>
    private static string? Clause(string text, int position)
    {
        // Clauses end at ";", at the end of a sentence, and at ", and" / ", while" / ", but" that join two of them.
        position = Math.Clamp(position, 0, text.Length);
        var start = -1;
        var end = text.Length;
        foreach (var mark in ClauseMarks)
        {
            var before = position == 0 ? -1 : text.LastIndexOf(mark, position - 1, StringComparison.Ordinal);
            if (before >= 0 && before + mark.Length > start)
            {
                start = before + mark.Length;
            }

            var after = text.IndexOf(mark, position, StringComparison.Ordinal);
            if (after >= 0 && after < end)
            {
                end = after;
            }
        }

        return start < 0 && end == text.Length ? null : text[Math.Max(0, start)..end];
    }

    /// <summary>
    /// A firewall rule written out: "allow SIP-TLS from TELCORA-SIG to SBC-EXT-VIP tcp/5061", "permit from A to B and from B
    /// to A udp/9480", "deny tcp 23 from any to MGMT". The ends are the rule's own; "deny" gives no flow. Null for other text.
    /// </summary>
    internal static (PortMention Mention, List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> Ends, bool Allow)? FirewallRuleLine(string text)
    {
        if (text.Length > 400 || !text.Contains(" from ", StringComparison.Ordinal) || !text.Contains(" to ", StringComparison.Ordinal))
        {
            return null;
        }

        var match = FirewallRuleText().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var portsText = match.Groups["ports"].Value.Replace(':', '-');
        if (!TransportNames.TryParse(match.Groups["proto"].Value, out var transport))
        {
            return null;
        }

        PortExpression? ports = null;
        if (transport.HasPorts() && !PortExpression.TryParse(portsText, out ports))
        {
            return null;
        }

        var from = match.Groups["from"].Value.Trim();
        var to = match.Groups["to"].Value.Trim();
        List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> ends = [([from], [to])];
        if (match.Groups["back"].Success)
        {
            ends.Add(([to], [from]));
        }

        var mention = new PortMention
        {
            Transports = [new TransportWord(transport, false)],
            Ports = ports,
            Notation = "firewall-rule",
            TransportPlace = "before",
            Start = match.Index,
            End = match.Index + match.Length,
        };
        return (mention, ends, match.Groups["action"].Value.ToLowerInvariant() is "allow" or "permit" or "accept" or "pass" or "open");
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"\b(?<action>allow|permit|accept|pass|open|deny|drop|reject|block)\s+(?:[\w.+/()-]+\s+){0,2}?from\s+(?<from>[^,;]{1,60}?)\s+to\s+(?<to>[^,;]{1,60}?)"
        + @"(?<back>\s+and\s+from\s+[^,;]{1,60}?\s+to\s+[^,;]{1,60}?)?\s+(?<proto>tcp|udp|sctp|icmp)(?:[/ :](?<ports>\d[\d,:-]*))?\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex FirewallRuleText();

    /// <summary>
    /// An iptables rule: <c>-A INPUT -p udp --dport 30000:40000 -j ACCEPT</c> (in), <c>-A OUTPUT</c> (out), <c>-p icmp</c>
    /// (ICMP), <c>-m multiport --dports 80,443</c>; a rule that drops or rejects gives a retired port. Null for other text.
    /// </summary>
    /// <summary>A port that a whole line gives (a firewall command, an iptables rule, a socket), its transport written before it.</summary>
    private static PortMention WholeLine(Transport transport, PortExpression? ports, string notation, int length) => new()
    {
        Transports = [new TransportWord(transport, false)],
        Ports = ports,
        Notation = notation,
        TransportPlace = "before",
        Start = 0,
        End = length,
    };

    /// <summary>
    /// A line of <c>ss</c> or <c>netstat</c> output: a listening socket ("LISTEN 0 128 0.0.0.0:443 0.0.0.0:*", "udp UNCONN
    /// 0 0 10.20.5.20:5060 0.0.0.0:*") is a port the product listens on; an established connection ("tcp 0 0
    /// 10.20.5.20:48230 198.51.100.40:5060 ESTABLISHED") goes to the lower of its two ports. Loopback addresses are marked.
    /// </summary>
    internal static (PortMention Mention, FlowDirection Direction, bool Loopback)? SocketLine(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (text.Length > 400 || !text.Contains(':', StringComparison.Ordinal)
            || !(start.StartsWith("LISTEN", StringComparison.OrdinalIgnoreCase) || start.StartsWith("UNCONN", StringComparison.OrdinalIgnoreCase)
                || start.StartsWith("ESTAB", StringComparison.OrdinalIgnoreCase) || start.StartsWith("tcp", StringComparison.OrdinalIgnoreCase)
                || start.StartsWith("udp", StringComparison.OrdinalIgnoreCase))
            || SocketColumns().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var state = m.Groups["state"].Success ? m.Groups["state"].Value.ToUpperInvariant() : m.Groups["after"].Value.ToUpperInvariant();
        var net = m.Groups["net"].Value.ToLowerInvariant();
        var transport = net.StartsWith("udp", StringComparison.Ordinal) || state == "UNCONN" ? Transport.Udp : Transport.Tcp;
        var local = int.Parse(m.Groups["lport"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var remote = m.Groups["rport"].Value == "*" ? 0 : int.Parse(m.Groups["rport"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var listening = state is "LISTEN" or "UNCONN" || (state.Length == 0 && remote == 0);
        if (!listening && state is not ("ESTAB" or "ESTABLISHED"))
        {
            return null;
        }

        var inbound = listening || (remote != 0 && local < remote);
        var port = inbound ? local : remote;
        if (port is < 1 or > 65535)
        {
            return null;
        }

        var address = m.Groups["laddr"].Value;
        var loopback = inbound && (address.StartsWith("127.", StringComparison.Ordinal) || address is "[::1]" or "::1" or "localhost");
        var mention = WholeLine(transport, PortExpression.Parse(port.ToString(System.Globalization.CultureInfo.InvariantCulture)), "socket", text.Length);
        return (mention, inbound ? FlowDirection.In : FlowDirection.Out, loopback);
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^\s*(?:(?<net>tcp6?|udp6?)\s+)?(?:(?<state>LISTEN|UNCONN|ESTAB|ESTABLISHED)\s+)?\d+\s+\d+\s+(?<laddr>[\w.:\[\]*%-]+?):(?<lport>\d{1,5})\s+[\w.:\[\]*%-]+?:(?<rport>\d{1,5}|\*)(?:\s+(?<after>LISTEN|ESTABLISHED|ESTAB)\b)?(?:\s|$)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex SocketColumns();

    /// <summary>
    /// A host firewall's command: firewalld's rich rule (<c>port port="5061" protocol="tcp" accept</c>, inbound to the
    /// zone) and ufw (<c>ufw allow proto udp from X to any port 30000:30999</c>, <c>ufw allow out ... port 443</c>,
    /// <c>ufw allow 443/tcp</c>). Null when the text is neither.
    /// </summary>
    internal static (PortMention Mention, FlowDirection Direction, bool Accept)? HostFirewallCommand(string text)
    {
        if (text.Length > 400)
        {
            return null;
        }

        string? ports = null, protocol = null;
        bool accept;
        var direction = FlowDirection.In;
        if (text.Contains("rich-rule", StringComparison.Ordinal) && RichRule().Match(text) is { Success: true } rich)
        {
            ports = rich.Groups["p"].Value;
            protocol = rich.Groups["t"].Value;
            accept = !text.Contains(" reject", StringComparison.Ordinal) && !text.Contains(" drop", StringComparison.Ordinal);
        }
        else if (text.Contains("ufw ", StringComparison.Ordinal) && UfwRule().Match(text) is { Success: true } ufw)
        {
            var rest = ufw.Groups["rest"].Value;
            if (UfwPortSlash().Match(rest) is { Success: true } slash)
            {
                ports = slash.Groups["p"].Value;
                protocol = slash.Groups["t"].Value;
            }
            else if (UfwPortWord().Match(rest) is { Success: true } word)
            {
                ports = word.Groups["p"].Value;
                protocol = UfwProto().Match(rest) is { Success: true } proto ? proto.Groups["t"].Value : null;
            }

            accept = ufw.Groups["action"].Value is "allow" or "limit";
            direction = ufw.Groups["dir"].Value == "out" ? FlowDirection.Out : FlowDirection.In;
        }
        else
        {
            return null;
        }

        if (ports is null || protocol is null || !TransportNames.TryParse(protocol.ToLowerInvariant(), out var transport)
            || !PortExpression.TryParse(ports.Replace(':', '-'), out var expression))
        {
            return null;
        }

        var mention = WholeLine(transport, expression, "firewall-command", text.Length);
        return (mention, direction, accept);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bport\s+port=[""']?(?<p>\d{1,5}(?:-\d{1,5})?)[""']?\s+protocol=[""']?(?<t>tcp|udp|sctp)\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex RichRule();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bufw\s+(?:route\s+)?(?<action>allow|deny|reject|limit)\s+(?:(?<dir>in|out)\s+)?(?<rest>.*)$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex UfwRule();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<p>\d{1,5}(?::\d{1,5})?)/(?<t>tcp|udp)\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex UfwPortSlash();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bport\s+(?<p>\d{1,5}(?::\d{1,5})?)\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex UfwPortWord();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bproto\s+(?<t>tcp|udp)\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex UfwProto();

    internal static (PortMention Mention, FlowDirection Direction, bool Accept)? IptablesRule(string text)
    {
        if (!text.Contains("iptables", StringComparison.Ordinal) || text.Length > 400)
        {
            return null;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var start = Array.FindIndex(words, w => w is "iptables" or "ip6tables");
        if (start < 0)
        {
            return null;
        }

        string? chain = null, protocol = null, ports = null, target = null;
        var icmpType = false;
        for (var i = start + 1; i + 1 < words.Length; i++)
        {
            switch (words[i])
            {
                case "-A" or "--append" or "-I" or "--insert":
                    chain = words[++i];
                    break;
                case "-p" or "--protocol":
                    protocol = words[++i].ToLowerInvariant();
                    break;
                case "--dport" or "--destination-port" or "--dports" or "--destination-ports":
                    ports = words[++i].Replace(':', '-');
                    break;
                case "--icmp-type" or "--icmpv6-type":
                    icmpType = true;
                    i++;
                    break;
                case "-j" or "--jump":
                    target = words[++i];
                    break;
            }
        }

        if (!TransportNames.TryParse(protocol, out var transport))
        {
            return null;
        }

        if (target is null || (transport.HasPorts() && ports is null) || (!transport.HasPorts() && ports is not null && !icmpType))
        {
            return null;
        }

        PortExpression? expression = null;
        if (ports is not null && !PortExpression.TryParse(ports, out expression))
        {
            return null;
        }

        var direction = chain switch { "INPUT" => FlowDirection.In, "OUTPUT" => FlowDirection.Out, _ => FlowDirection.Unknown };
        var mention = WholeLine(transport, expression, "iptables", text.Length);
        return (mention, direction, target is "ACCEPT");
    }

    /// <summary>The service a firewall command opens by name (firewalld's <c>--add-service=NAME</c>, <c>ufw allow NAME</c>), as a mention of its IANA port.</summary>
    private static PortMention? FirewallService(string text)
    {
        if (!text.Contains("--add-service", StringComparison.Ordinal) && !text.Contains("ufw", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = FirewallServiceCommand().Match(text);
        if (!match.Success || WellKnownApplications.Find(match.Groups["name"].Value) is not { Port: { } port } app)
        {
            return null;
        }

        return new PortMention
        {
            Transports = app.Transports.Select(t => new TransportWord(t, app.Tls && t == Transport.Tcp)).ToList(),
            Ports = PortExpression.FromSet(PortSet.Of(port)),
            Application = app,
            Notation = "firewall-service",
            TransportPlace = "application",
            Start = match.Index,
            End = match.Index + match.Length,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:--add-service[= ]|\bufw\s+allow\s+(?:in\s+)?)(?<name>[A-Za-z][A-Za-z0-9-]*)\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex FirewallServiceCommand();

    /// <summary>A published container port without a protocol (<c>"8088:8088"</c>, <c>"0.0.0.0:80:8080"</c>) as a TCP mention of the host port.</summary>
    private static PortMention? PublishedPort(string text)
    {
        // Cheap test first: a short entry that starts with a number (or a quote) and holds a colon.
        if (text.Length is 0 or > 48 || !(char.IsAsciiDigit(text[0]) || text[0] is '"' or '\'') || !text.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var match = PublishedPortEntry().Match(text);
        if (!match.Success || !PortExpression.TryParse(match.Groups["host"].Value, out var ports) || !ports.IsConstant)
        {
            return null;
        }

        return new PortMention
        {
            Transports = [new TransportWord(Transport.Tcp, false)],
            Ports = ports,
            Notation = "published-port",
            TransportPlace = "default",
            Start = match.Index,
            End = match.Index + match.Length,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[""']?(?:\d{1,3}(?:\.\d{1,3}){3}:)?(?<host>\d{1,5}(?:-\d{1,5})?):\d{1,5}(?:-\d{1,5})?[""']?$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex PublishedPortEntry();

    private HashSet<string>? _productWords;

    /// <summary>
    /// The direction a heading gives what is under it: "Inbound", "Between servers", and failing those the
    /// heading's verb ("Ports it connects to", "Connections initiated by the gateway", "Services listening on the gateway").
    /// </summary>
    internal FlowDirection HeadingDirection(string? heading)
    {
        if (heading is not null && heading.Contains(" > ", StringComparison.Ordinal))
        {
            // "Connections opened by the server > SIP call server": the nearest heading that gives a direction.
            var parts = heading.Split(" > ");
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                if (HeadingDirection(parts[i]) is var part and not FlowDirection.Unknown)
                {
                    return part;
                }
            }

            return FlowDirection.Unknown;
        }

        var d = Directions.FromSection(heading);
        return d == FlowDirection.Unknown && heading is { Length: <= 80 } ? Directions.FromSentence(heading, ProductWords()) : d;
    }

    /// <summary>
    /// The direction the prose of a table row gives when the table says none ("VMX Gateway -> PBX, message-waiting",
    /// "The WFM Server opens a session to the ACD"): the first cell of a few words that gives one.
    /// </summary>
    internal FlowDirection RowSentenceDirection(IEnumerable<TableCell> cells)
    {
        StringBuilder? joined = null;
        var first = true;
        foreach (var cell in cells)
        {
            if (first && cell.Text.TrimStart() is { Length: > 2 } lead)
            {
                // "-> SIP over TLS ..... TCP 5061" / "<- RTP/SRTP media ....": a list marked with arrows, "->" for what the product opens.
                first = false;
                if (lead.StartsWith("->", StringComparison.Ordinal) || lead[0] == '\u2192')
                {
                    return FlowDirection.Out;
                }

                if (lead.StartsWith("<-", StringComparison.Ordinal) && !lead.StartsWith("<->", StringComparison.Ordinal) || lead[0] == '\u2190')
                {
                    return FlowDirection.In;
                }
            }

            var text = cell.Text;
            if (text.Length >= 12 && text.Contains(' ') && Directions.FromSentence(text, ProductWords()) is var d and not FlowDirection.Unknown)
            {
                return d;
            }

            (joined ??= new()).Append(text).Append(' ');
        }

        // "R3 | CommServer | -> Phones VLAN : UDP 16000-16999": an arrow whose names fell into two cells.
        var row = joined?.ToString() ?? "";
        return row.Length <= MaxSentence && (row.Contains("->", StringComparison.Ordinal) || row.Contains('\u2192') || row.Contains("<->", StringComparison.Ordinal))
            ? Directions.FromArrow(row, ProductWords())
            : FlowDirection.Unknown;
    }

    /// <summary>
    /// The direction of the sentence that leads into a table ("The following connections are initiated by the
    /// WFM Server:"): a text line ending with ':' at most three lines above the table's first row.
    /// </summary>
    internal FlowDirection LeadInDirection(TextTable table)
    {
        if (table.Rows.Count == 0)
        {
            return FlowDirection.Unknown;
        }

        var first = table.Rows[0].Line;
        var lines = _document.Lines;
        int lo = 0, hi = lines.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (lines[mid].Line < first)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0 || lines[found].Line < first - 3 || !lines[found].Text.TrimEnd().EndsWith(':') || !ReferenceEquals(lines[found].Section, table.Section) && lines[found].Section != table.Section)
        {
            return FlowDirection.Unknown;
        }

        var text = (lines[found].Lead is { } lead ? lead + " " : "") + lines[found].Text;
        return text.Length <= MaxSentence ? Directions.FromSentence(text, ProductWords()) : FlowDirection.Unknown;
    }

    /// <summary>The words of the product's name that may stand for it in a sentence ("Finch Paging Server 3": finch, paging, server).</summary>
    internal HashSet<string> ProductWords()
    {
        if (_productWords is not null)
        {
            return _productWords;
        }

        // "G8" of "Penwick FaxTide G8": a model's short name counts; "IP", "AS" do not.
        var words = ColumnRoles.Words(_product).Where(w => (w.Length >= 3 || (w.Length == 2 && char.IsLetter(w[0]) && char.IsDigit(w[1])))
            && !w.All(char.IsDigit) && w is not "the" and not "this").ToHashSet(StringComparer.Ordinal);
        if (words.Count >= 2 && VendorWord() is { } vendor)
        {
            words.Remove(vendor);
        }

        // "Session Border Controller" is also "the SBC", "Voice Edge Survivability Node" also "the ESN": the initials of
        // each run of capitalised words, and of its tails of three words or more.
        var run = new System.Text.StringBuilder();
        foreach (var w in _product.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(""))
        {
            if (w.Length >= 2 && char.IsUpper(w[0]) && w.Skip(1).All(char.IsLower))
            {
                run.Append(char.ToLowerInvariant(w[0]));
                continue;
            }

            for (var start = 0; run.Length - start >= 2 && (start == 0 || run.Length - start >= 3); start++)
            {
                words.Add(run.ToString(start, run.Length - start));
            }

            run.Clear();
        }

        foreach (var acronym in DefinedAcronyms(words))
        {
            words.Add(acronym);
        }

        return _productWords = words;
    }

    /// <summary>"Corvane CloudVoice Media Edge (CME)": an abbreviation the document defines for words of the product's name.</summary>
    private List<string> DefinedAcronyms(HashSet<string> productWords)
    {
        var found = new List<string>();
        foreach (var line in _document.Lines.Take(400))
        {
            if (!line.Text.Contains('(') || line.Text.Length > MaxSentence)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match m in DefinedAcronym().Matches(line.Text))
            {
                var acronym = m.Groups[2].Value;
                var names = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (names.Length < acronym.Length)
                {
                    continue;
                }

                var last = names[^acronym.Length..];
                var initials = string.Concat(last.Select(n => char.ToUpperInvariant(n[0])));
                if (initials == acronym && last.Any(n => productWords.Contains(n.ToLowerInvariant())))
                {
                    found.Add(acronym.ToLowerInvariant());
                }
            }
        }

        return found;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"((?:[A-Z][A-Za-z]+ ){1,6})\(([A-Z]{2,6})\)", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex DefinedAcronym();

    /// <summary>
    /// The first word of the product's name when the document writes it only before other names, some of them not the
    /// product's ("Lumetra RoomView" beside "Lumetra Fleet", "Lumetra TURN service"): the vendor's name, which names peers
    /// too. A word the document also uses alone ("Callbridge contacts ...") is the product's own.
    /// </summary>
    private string? VendorWord()
    {
        var name = _product.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (name.Length < 2 || name[0].Length < 3 || !name[0].All(char.IsLetter))
        {
            return null;
        }

        var first = name[0];
        var own = name.Skip(1).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var before = false;
        foreach (var text in _document.Lines.Take(400).Select(l => l.Text)
            .Concat(_document.Tables.Take(5).SelectMany(t => t.Rows.Take(60)).SelectMany(r => r.Cells).Select(c => c.Text)))
        {
            for (var i = text.IndexOf(first, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(first, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                var after = i + first.Length;
                // Not inside a word or a host name ("fleet.lumetra.example").
                if ((i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '@' or '/')) || (after < text.Length && char.IsLetterOrDigit(text[after]))
                    || (after + 1 < text.Length && text[after] == '.' && char.IsLetter(text[after + 1])))
                {
                    continue;
                }

                if (after + 1 >= text.Length || text[after] != ' ' || !char.IsUpper(text[after + 1]))
                {
                    // "Callbridge contacts ...", "to Callbridge on ...": the name stands alone, so it is the product's own.
                    return null;
                }

                var end = after + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '-'))
                {
                    end++;
                }

                before |= !own.Contains(text[(after + 1)..end].ToLowerInvariant());
            }
        }

        return before ? first.ToLowerInvariant() : null;
    }

    [ThreadStatic]
    private static Dictionary<(FlowDirection, string, string), List<(IReadOnlyList<string> From, IReadOnlyList<string> To)>>? t_ends;

    /// <summary>
    /// The (from, to) pairs a direction gives between a peer and the product. The lists are shared between
    /// flows (nobody changes them), so a large document does not allocate them per flow.
    /// </summary>
    internal static List<(IReadOnlyList<string> From, IReadOnlyList<string> To)> Ends(FlowDirection direction, string peer, string product)
    {
        var cache = t_ends ??= [];
        var key = (direction is FlowDirection.Out or FlowDirection.Both ? direction : FlowDirection.In, peer, product);
        if (cache.TryGetValue(key, out var ends))
        {
            return ends;
        }

        IReadOnlyList<string> p = [peer];
        IReadOnlyList<string> q = [product];
        ends = key.Item1 switch
        {
            FlowDirection.Out => [(q, p)],
            FlowDirection.Both => [(p, q), (q, p)],
            _ => [(p, q)],
        };
        if (cache.Count < 10_000)
        {
            cache[key] = ends;
        }

        return ends;
    }
}

/// <summary>Direction words in cells, headings and sentences.</summary>
internal static partial class Directions
{
    private static readonly HashSet<string> InWords = new(StringComparer.Ordinal)
    {
        "in", "inbound", "ingress", "incoming", "rx", "receive", "received", "inward", "inwards",
    };

    private static readonly HashSet<string> OutWords = new(StringComparer.Ordinal)
    {
        "out", "outbound", "egress", "outgoing", "tx", "send", "sent", "outward", "outwards",
    };

    private static readonly HashSet<string> BothWords = new(StringComparer.Ordinal)
    {
        "both", "bidirectional", "bi", "twoway", "duplex", "bidir",
    };

    /// <summary>A direction cell: In / Out / Both, or "A -> B" with both ends named.</summary>
    public static FlowDirection FromCell(string text, out string? from, out string? to)
    {
        from = null;
        to = null;
        var t = PortPhrases.Normalize(text).Trim();
        if (t.Length == 0)
        {
            return FlowDirection.Unknown;
        }

        // A bare arrow: "→" from the row's own system to its peer, "←" back, "↔" both ways.
        switch (t)
        {
            case "\u2192" or "->" or "=>": return FlowDirection.Out;
            case "\u2190" or "<-" or "<=": return FlowDirection.In;
            case "\u2194" or "<->" or "<=>": return FlowDirection.Both;
        }

        // "← from internet", "→ to cloud": an arrow before the words that say which way is only decoration.
        var bare = t.TrimStart('\u2190', '\u2192', '\u21D0', '\u21D2', '-', '<', '>', '=', ' ');
        if (bare.Length > 0 && bare.Length < t.Length && (bare.StartsWith("to ", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("from ", StringComparison.OrdinalIgnoreCase)))
        {
            t = bare;
        }

        foreach (var arrow in new[] { "<->", "\u2194", "<>" })
        {
            var i = t.IndexOf(arrow, StringComparison.Ordinal);
            if (i > 0 && i + arrow.Length < t.Length)
            {
                from = t[..i].Trim();
                to = t[(i + arrow.Length)..].Trim();
                return from.Length > 0 && to.Length > 0 ? FlowDirection.Both : FlowDirection.Unknown;
            }
        }

        foreach (var arrow in new[] { "->", "\u2192", "=>", " > ", " to " })
        {
            var i = t.IndexOf(arrow, StringComparison.OrdinalIgnoreCase);
            if (i > 0 && i + arrow.Length < t.Length)
            {
                var a = t[..i].Trim();
                var b = t[(i + arrow.Length)..].Trim();

                // "inbound, redirects to 443": a port after "to" is no end.
                if (a.Length > 0 && b.Length > 0 && a.Length <= 80 && b.Length <= 80 && !char.IsDigit(b[0]))
                {
                    var wa = ColumnRoles.Words(a);
                    var wb = ColumnRoles.Words(b);

                    // "In -> Out" is not two ends.
                    if (!(wa.Count == 1 && (InWords.Contains(wa[0]) || OutWords.Contains(wa[0])))
                        && !(wb.Count == 1 && (InWords.Contains(wb[0]) || OutWords.Contains(wb[0]))))
                    {
                        from = a;
                        to = b;
                        return FlowDirection.Named;
                    }
                }
            }
        }

        var words = ColumnRoles.Words(t);
        if (words.Count > 6)
        {
            return FlowDirection.Unknown;
        }

        var joined = string.Concat(words);
        var isIn = words.Exists(InWords.Contains);
        var isOut = words.Exists(OutWords.Contains);
        if (words.Exists(BothWords.Contains) || joined is "twoway" or "bidirectional" || (isIn && isOut))
        {
            return FlowDirection.Both;
        }

        if (!isIn && !isOut && words.Count is >= 2 and <= 4 && words[0] is "to" or "towards" or "from")
        {
            // "to server", "from server": towards or away from the product when the rest names a device like it,
            // else towards or away from the peer the rest names ("to carrier", "from phones").
            var self = DeviceNouns.Contains(words[^1]) || words[^1] is "us" or "product";
            return (words[0] == "from") == self ? FlowDirection.Out : FlowDirection.In;
        }

        // "Between gateway nodes": the product's own instances.
        return isIn ? FlowDirection.In : isOut ? FlowDirection.Out : FromSection(t) == FlowDirection.Both && words.Contains("between") ? FlowDirection.Both : FlowDirection.Unknown;
    }

    /// <summary>
    /// The direction a phrase right after a mention gives it, before the next mention: "5061/tcp inbound",
    /// "10000-19999/udp both ways"; unknown when none follows.
    /// </summary>
    public static FlowDirection After(string text, PortMention mention, IReadOnlyList<PortMention> mentions, IReadOnlySet<string>? productWords = null)
    {
        var end = Math.Clamp(mention.End, 0, text.Length);
        var next = text.Length;
        foreach (var m in mentions)
        {
            if (m.Start >= end && m.Start < next)
            {
                next = m.Start;
            }
        }

        var gap = text[end..Math.Min(next, end + 30)].TrimStart();
        if (next < text.Length && gap.Trim().TrimEnd(',').Trim() is "and" or "or" or "&" or "")
        {
            // "5060/udp and 5061/tcp inbound": a list shares the word after its last member.
            var following = mentions.FirstOrDefault(m => m.Start == next);
            return following is null || ReferenceEquals(following, mention) ? FlowDirection.Unknown : After(text, following, mentions, productWords);
        }

        if (productWords is not null && (gap.StartsWith("to your ", StringComparison.OrdinalIgnoreCase) || gap.StartsWith("to the ", StringComparison.OrdinalIgnoreCase)
            || gap.StartsWith("towards ", StringComparison.OrdinalIgnoreCase)))
        {
            // "(UDP 514 to your collector)": the port's own destination, the product or another system.
            var target = ColumnRoles.Words(gap.Split([')', ',', ';', '.'])[0]);
            return target.Count > 5 ? FlowDirection.Unknown : NamesProduct(target.Skip(1).ToList(), productWords) ? FlowDirection.In : FlowDirection.Out;
        }

        if (gap.StartsWith(',') && gap.IndexOf(')') is var close and > 0 && gap[1..close].Trim() is "inbound" or "outbound" or "incoming" or "outgoing")
        {
            // "(TCP 636, outbound)": the word in the port's own brackets.
            gap = gap[1..].TrimStart();
        }

        if (gap.StartsWith("both ways", StringComparison.OrdinalIgnoreCase) || gap.StartsWith("in both directions", StringComparison.OrdinalIgnoreCase)
            || gap.StartsWith("bidirectional", StringComparison.OrdinalIgnoreCase))
        {
            return FlowDirection.Both;
        }

        return gap.StartsWith("inbound", StringComparison.OrdinalIgnoreCase) || gap.StartsWith("incoming", StringComparison.OrdinalIgnoreCase) ? FlowDirection.In
            : gap.StartsWith("outbound", StringComparison.OrdinalIgnoreCase) || gap.StartsWith("outgoing", StringComparison.OrdinalIgnoreCase) ? FlowDirection.Out
            : FlowDirection.Unknown;
    }

    /// <summary>A heading: "Ingress", "Inbound connections", "Outgoing traffic".</summary>
    public static FlowDirection FromSection(string? section)
    {
        if (section is null || section.Length > 120)
        {
            return FlowDirection.Unknown;
        }

        var words = ColumnRoles.Words(section);

        // "Stuff coming IN", "Traffic going OUT from AlertPoint".
        bool Pair(string first, string second) => words.Count >= 2 && Enumerable.Range(0, words.Count - 1).Any(i => words[i] == first && words[i + 1] == second);
        var isIn = words.Exists(w => w is "inbound" or "ingress" or "incoming") || Pair("coming", "in") || Pair("going", "in");
        var isOut = words.Exists(w => w is "outbound" or "egress" or "outgoing") || Pair("going", "out") || Pair("coming", "out");

        // "Between servers", "Between cluster nodes", "Server to server", "Intra-cluster", "Bidirectional":
        // the product's own instances open these to each other, so each flow goes both ways.
        var between = (words.Contains("between") && words.Exists(IsInstanceWord))
            || words.Exists(w => w is "bidirectional" or "intracluster" or "internode" or "interserver")
            || (words.Contains("both") && words.Contains("directions"))
            || (words.Contains("intra") && words.Exists(IsInstanceWord))
            || (words.Count >= 3 && Enumerable.Range(0, words.Count - 2).Any(i =>
                words[i + 1] is "to" && IsInstanceWord(words[i]) && words[i] == words[i + 2]));
        // "CLUSTER", "High availability", "HA pair", "Redundancy": ports between the product's own nodes.
        var cluster = words.Count > 0 && words[0] is "cluster" or "clustering" or "ha" or "redundancy" or "failover" or "replication"
            && !words.Contains("management");
        var highAvailability = words.Count >= 2 && words[0] == "high" && words[1] == "availability";
        return (isIn && isOut) || between || cluster || highAvailability ? FlowDirection.Both : isIn ? FlowDirection.In : isOut ? FlowDirection.Out : FlowDirection.Unknown;
    }

    /// <summary>Words for instances of the product talking to each other ("cluster", "node", "server").</summary>
    private static bool IsInstanceWord(string w) =>
        w is "cluster" or "node" or "nodes" or "server" or "servers" or "site" or "sites" or "member" or "members" or "peer" or "peers"
            or "instance" or "instances" or "host" or "hosts" or "unit" or "units" or "pair" or "pairs" or "appliances" or "partners";

    /// <summary>Verbs of a sentence whose subject opens the connection ("the gateway fetches", "phones connect to").</summary>
    private static readonly HashSet<string> OpeningVerbs = new(StringComparer.Ordinal)
    {
        // Words that are as often nouns ("log", "calls", "push notifications", "access") are left out.
        "send", "sends", "sending", "fetch", "fetches", "fetching", "connect", "connects", "connecting", "upload", "uploads",
        "uploading", "download", "downloads", "downloading", "synchronise", "synchronises", "synchronize", "synchronizes",
        "syncs", "syncing", "queries", "querying", "poll", "polls", "polling", "pushes", "pull", "pulls", "reach",
        "reaches", "register", "registers", "forward", "forwards", "contacts", "initiate", "initiates", "retrieve",
        "retrieves", "notify", "notifies", "submit", "submits", "deliver", "delivers", "dials", "checks", "talks",
        "writes", "reads", "opens", "looks", "resolves", "authenticates", "mirrors", "replicates", "relays", "browse",
        "browses", "accesses", "manages", "administer", "administers", "forwarding", "posts", "originates", "originate",
        "establishes", "establish", "subscribes", "subscribe", "arrives", "arrive", "goes", "travels", "returns", "builds", "build", "loads", "load",
    };

    /// <summary>Nouns of the systems a product talks to ("the directory server", "the SIEM collector", "the mail relay").</summary>
    private static readonly HashSet<string> PeerNouns = new(StringComparer.Ordinal)
    {
        "server", "servers", "relay", "collector", "collectors", "controller", "controllers", "pbx", "sbc", "nms", "siem",
        "database", "carrier", "carriers", "provider", "host", "hosts", "gateway", "gateways", "proxy",
    };

    /// <summary>Subjects that are other systems when they listen ("speech engines expose", "the phones listen").</summary>
    private static readonly HashSet<string> PeerSubjects = new(StringComparer.Ordinal)
    {
        "engine", "engines", "phones", "clients", "browsers", "endpoints", "devices", "receivers", "speakers", "amplifiers",
        "servers", "collectors", "relays", "trunks", "carriers", "providers", "stations", "handsets",
    };

    /// <summary>Words between a subject and its verb ("the gateway then sends", "PageCast also polls").</summary>
    private static readonly HashSet<string> SubjectSkips = new(StringComparer.Ordinal)
    {
        "also", "then", "only", "always", "periodically", "automatically", "additionally", "now", "will", "can", "may", "must",
        "should", "never", "first", "regularly", "typically", "normally", "itself", "still", "directly", "usually", "optionally",
        "constantly", "continuously", "later", "be", "able", "to", "needs", "need", "has", "have",
    };

    /// <summary>Verbs of a sentence whose subject accepts the connection ("the gateway listens", "the collector receives").</summary>
    private static readonly HashSet<string> AcceptingVerbs = new(StringComparer.Ordinal)
    {
        "listen", "listens", "listening", "accept", "accepts", "accepting", "receive", "receives", "receiving", "answer",
        "answers", "answering", "serves", "exposes", "expose", "offers", "publishes", "binds",
    };

    /// <summary>Nouns that only ever mean the product itself ("the appliance", "this system").</summary>
    private static readonly HashSet<string> SelfNouns = new(StringComparer.Ordinal)
    {
        "appliance", "system", "device", "product", "unit", "box", "software", "platform", "application", "instance",
    };

    /// <summary>
    /// Whether "the NOUN" may be the product: a noun that only means the product, or a device noun when the product's name
    /// has none of its own ("the endpoint" for "Lumetra RoomView"); when it has one ("Callbridge WebRTC Server"), "the PBX"
    /// is another system.
    /// </summary>
    private static bool MayBeProduct(string noun, IReadOnlySet<string> productWords) =>
        SelfNouns.Contains(noun) || (DeviceNouns.Contains(noun) && (productWords.Contains(noun) || !NamesRole(productWords)));

    [ThreadStatic]
    private static (IReadOnlySet<string>? Words, bool Role) t_namesRole;

    /// <summary>Whether the product's words hold a device noun of a role ("server", "gateway"); kept for the last set asked about.</summary>
    private static bool NamesRole(IReadOnlySet<string> productWords)
    {
        if (!ReferenceEquals(t_namesRole.Words, productWords))
        {
            var role = false;
            foreach (var w in productWords)
            {
                role |= DeviceNouns.Contains(w) && !SelfNouns.Contains(w);
            }

            t_namesRole = (productWords, role);
        }

        return t_namesRole.Role;
    }

    /// <summary>Nouns a document uses for the product itself when written with "the" ("the gateway", "the appliance").</summary>
    private static readonly HashSet<string> DeviceNouns = new(StringComparer.Ordinal)
    {
        "gateway", "server", "appliance", "system", "device", "sbc", "pbx", "product", "unit", "node", "controller",
        "platform", "recorder", "bridge", "router", "box", "application", "software", "service", "instance", "host",
        "cluster", "switch", "proxy", "client", "endpoint", "phone", "terminal", "codec", "speaker", "intercom", "connector", "probe",
        "logger", "console",
    };

    /// <summary>
    /// A sentence: who opens the connection, from the verb and its subject. "The gateway sends syslog to UDP 514"
    /// (the product is the subject of an opening verb) is outbound; "SIP trunks connect to the gateway on UDP 5060"
    /// and "the gateway listens on TCP 8443" are inbound. Failing a verb: "inbound", "listens", "connects" words.
    /// </summary>
    public static FlowDirection FromSentence(string text, IReadOnlySet<string> productWords, bool lastVerb = false)
    {
        ArgumentNullException.ThrowIfNull(productWords);
        if (FromArrow(text, productWords) is var arrow and not FlowDirection.Unknown)
        {
            return arrow;
        }

        if (SaysBoth(text) || text.Contains("to and from", StringComparison.OrdinalIgnoreCase) || text.Contains("from and to", StringComparison.OrdinalIgnoreCase))
        {
            return FlowDirection.Both;
        }

        var (explicitIn, explicitOut) = ExplicitWords(text);
        if (explicitIn != explicitOut)
        {
            return explicitIn ? FlowDirection.In : FlowDirection.Out;
        }

        if (explicitIn && BothWays().IsMatch(text))
        {
            // "ingress/egress tcp 7800-7801 self", "inbound and outbound".
            return FlowDirection.Both;
        }

        if (!explicitIn && !explicitOut && text.Contains(" against ", StringComparison.OrdinalIgnoreCase) && AgainstPeer().IsMatch(text))
        {
            // "Administrator logins are authenticated against RADIUS on UDP 1812": the product asks the peer.
            return FlowDirection.Out;
        }

        if (!explicitIn)
        {
            var byVerb = FromVerb(ColumnRoles.Words(text), productWords, lastVerb, HasSpacedTo(text));
            if (byVerb != FlowDirection.Unknown)
            {
                return byVerb;
            }
        }

        if (text.Contains('.') && ToHost().Match(text) is { Success: true } host)
        {
            // "TCP 5223 and 443 to *.push.apple.com", "from updates.example.net": a host name is another system.
            return host.Groups[1].Value.Equals("from", StringComparison.OrdinalIgnoreCase) ? FlowDirection.In : FlowDirection.Out;
        }

        if (ClientOrServerLabel().Match(text) is { Success: true } label)
        {
            // "NTP client: 123/udp" (the product asks), "SIP server: 5060/udp" (it answers).
            return label.Groups[1].Value.Equals("client", StringComparison.OrdinalIgnoreCase) ? FlowDirection.Out : FlowDirection.In;
        }

        return FromSentence(text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:ingress\s*/\s*egress|egress\s*/\s*ingress|inbound\s*(?:/|and|&)\s*outbound|outbound\s*(?:/|and|&)\s*inbound|incoming\s+and\s+outgoing)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex BothWays();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:authenticated|authenticates|validated|validates|checked|checks|verified|verifies)\s+against\s+(?:an?\s+|the\s+|your\s+)?(?:external\s+|central\s+)?(?:radius|tacacs|ldap|ldaps|active|directory|ad|kerberos|server|servers|idp|identity|saml|oauth)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex AgainstPeer();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(to|from|contacts|reaches|queries|polls|calls)\s+(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|cloud|example|local|lan|corp|de|uk|eu)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex ToHost();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[A-Za-z0-9/-]{2,12}\s+(?:\([^):]{0,20}?)?(client|server)\)?\s*:", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex ClientOrServerLabel();

    private static readonly string[] TwoWayArrows = ["<->", "<=>", "\u2194", "\u21D4"];
    private static readonly string[] OneWayArrows = ["->", "=>", "\u2192", "\u21D2"];

    /// <summary>
    /// "PBX -> VMX Gateway, SIP trunk", "ProvisionCore → other systems", "Node A &lt;-&gt; Node B": an arrow between
    /// two names, one of them the product (or, both ways, two instances of it). Unknown without an arrow.
    /// </summary>
    public static FlowDirection FromArrow(string text, IReadOnlySet<string> productWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOfAny(ArrowStarts) < 0)
        {
            return FlowDirection.Unknown;
        }

        foreach (var (arrows, twoWay) in new[] { (TwoWayArrows, true), (OneWayArrows, false) })
        {
            foreach (var arrow in arrows)
            {
                var i = text.IndexOf(arrow, StringComparison.Ordinal);
                if (i <= 0)
                {
                    continue;
                }

                // The names next to the arrow: back to the start of the clause, on to its end.
                var start = text.LastIndexOfAny(ClauseEnds, i - 1) + 1;
                var end = text.IndexOfAny(ClauseEnds, i + arrow.Length);
                var before = ColumnRoles.Words(text[start..i]);
                var after = ColumnRoles.Words(text[(i + arrow.Length)..(end < 0 ? text.Length : end)]);
                if (before.Count is 0 or > 6 || after.Count is 0 or > 6)
                {
                    continue;
                }

                var fromProduct = NamesProduct(before, productWords);
                var toProduct = NamesProduct(after, productWords);
                if (fromProduct && toProduct && !twoWay)
                {
                    // "probe → SBC" for "TrunkSentry Probe": a word of the name beats a device noun that might be it.
                    fromProduct = before.Exists(productWords.Contains);
                    toProduct = after.Exists(productWords.Contains);
                }

                if (twoWay)
                {
                    return fromProduct || toProduct || (before.Exists(IsInstanceWord) && after.Exists(IsInstanceWord)) ? FlowDirection.Both : FlowDirection.Unknown;
                }

                return fromProduct == toProduct ? FlowDirection.Unknown : fromProduct ? FlowDirection.Out : FlowDirection.In;
            }
        }

        return FlowDirection.Unknown;
    }

    private static readonly char[] ArrowStarts = ['-', '=', '<', '\u2192', '\u2194', '\u21D2', '\u21D4'];
    private static readonly char[] ClauseEnds = [',', ';', ':', '(', ')', '.'];

    /// <summary>Whether a few words name the product: one of its words, "the gateway", "this server", or a device noun alone ("recorder -> NAS").</summary>
    private static bool NamesProduct(List<string> words, IReadOnlySet<string> productWords)
    {
        if (words.Count == 1 && MayBeProduct(words[0], productWords))
        {
            return true;
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (productWords.Contains(words[i]) || (MayBeProduct(words[i], productWords) && i > 0 && words[i - 1] is "the" or "this" or "our"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"both directions", "both ways", "bidirectional", "talk to each other" (and the German "beidseitig", "in beide Richtungen").</summary>
    public static bool SaysBoth(string text) =>
        text.AsSpan().IndexOfAny(BothStems) >= 0 && (text.Contains("both directions", StringComparison.OrdinalIgnoreCase) || text.Contains("both ways", StringComparison.OrdinalIgnoreCase) || HasWordStart(text, "bidirectional")
        || text.Contains("each other", StringComparison.OrdinalIgnoreCase) || text.Contains("one another", StringComparison.OrdinalIgnoreCase)
        || HasWordStart(text, "beidseitig") || text.Contains("beide Richtungen", StringComparison.OrdinalIgnoreCase) || HasWordStart(text, "bidirektional"));

    private static readonly System.Buffers.SearchValues<string> BothStems =
        System.Buffers.SearchValues.Create(["both", "bidir", "beid", "each other", "one another"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Past participles of the verbs above, for the passive "sent by the gateway": true for opening, false for accepting.</summary>
    private static readonly Dictionary<string, bool> Participles = new(StringComparer.Ordinal)
    {
        ["sent"] = true, ["opened"] = true, ["initiated"] = true, ["started"] = true, ["established"] = true, ["originated"] = true,
        ["requested"] = true, ["pushed"] = true, ["forwarded"] = true, ["polled"] = true, ["queried"] = true, ["fetched"] = true,
        ["uploaded"] = true, ["reached"] = true, ["contacted"] = true,
        ["received"] = false, ["accepted"] = false, ["answered"] = false, ["served"] = false, ["handled"] = false, ["terminated"] = false,
    };

    /// <summary>"to the collector", "towards your SIEM": a peer after the verb, not a port ("to UDP 514").</summary>
    private static bool IsTowardsPeer(List<string> words, int i) =>
        i + 1 < words.Count && words[i] is "to" or "towards" && words[i + 1] is "the" or "a" or "an" or "your" or "our" or "their" or "its" or "each" or "every" or "all"
            or "it" or "them";

    private static bool IsVerb(string word) => OpeningVerbs.Contains(word) || AcceptingVerbs.Contains(word);

    /// <summary>A verb at <paramref name="i"/>; "calls" only before "the", "a", "our" ("the bridge calls the REST API"), as it is mostly a noun.</summary>
    private static bool IsVerbAt(List<string> words, int i) =>
        IsVerb(words[i]) || (words[i] == "calls" && i + 1 < words.Count && words[i + 1] is "the" or "a" or "an" or "our" or "your" or "its")
        || (words[i] is "exchange" or "exchanges" && i > 0 && words[i - 1] is not ("microsoft" or "ms" or "the" or "to" or "with" or "and" or "an" or "a" or "of" or "key")
            && (i + 1 >= words.Count || words[i + 1] is not ("server" or "servers" or "online")));

    /// <summary>
    /// The last verb that starts a predicate: the first verb, or one after "and", "then", "it" or the product ("answers
    /// queries on UDP 161 and sends traps": "sends"; "answers SNMP queries on UDP 161": "answers", as "queries" is its object).
    /// </summary>
    private static int LastPredicate(List<string> words, Func<int, bool> isProduct)
    {
        var first = FirstVerb(words);
        for (var i = words.Count - 1; i > first; i--)
        {
            if (!IsVerbAt(words, i))
            {
                continue;
            }

            var p = i - 1;
            while (p >= 0 && SubjectSkips.Contains(words[p]))
            {
                p--;
            }

            if (p >= 0 && (words[p] is "and" or "or" or "then" or "it" or "they" || isProduct(p)))
            {
                return i;
            }
        }

        return first;
    }

    private static int FirstVerb(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (IsVerbAt(words, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>" to " or " from " as words of their own, not inside "client-to-server".</summary>
    private static bool HasSpacedTo(string text) =>
        text.Contains(" to ", StringComparison.OrdinalIgnoreCase) || text.Contains(" from ", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("to ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("from ", StringComparison.OrdinalIgnoreCase);

    private static FlowDirection FromVerb(List<string> words, IReadOnlySet<string> productWords, bool lastVerb = false, bool spacedTo = true)
    {
        bool IsProduct(int i) =>
            productWords.Contains(words[i]) || (words[i].Length >= 6 && productWords.Contains(words[i][..^1]))
            || (MayBeProduct(words[i], productWords) && i > 0 && (words[i - 1] is "the" or "this" or "our" or "any" or "each" or "every" || productWords.Contains(words[i - 1])
                || (i > 1 && words[i - 2] is "the" or "this" or "our" && words[i - 1] is "call" or "application" or "communication" or "communications" or "main"
                    or "primary" or "secondary" or "standby" or "active" or "backup")))
            || (words[i] == "it" && (i == 0 || (i + 1 < words.Count && (OpeningVerbs.Contains(words[i + 1]) || AcceptingVerbs.Contains(words[i + 1])))));

        // "from the bridge to the gatekeeper": Out or In when exactly one of the two ends is the product, else Unknown.
        FlowDirection FromTo(out int from)
        {
            from = words.IndexOf("from");
            var to = from >= 0 ? words.IndexOf("to", from + 1) : -1;
            if (to <= from + 1 || to - from > 6)
            {
                return FlowDirection.Unknown;
            }

            var fromProduct = Enumerable.Range(from + 1, to - from - 1).Any(IsProduct);
            var toProduct = Enumerable.Range(to + 1, Math.Min(4, words.Count - to - 1)).Any(IsProduct);
            if (fromProduct && toProduct)
            {
                // "from the logger to the PBX CTI server": a word of the name beats a device noun that might be it.
                fromProduct = Enumerable.Range(from + 1, to - from - 1).Any(k => productWords.Contains(words[k]));
                toProduct = Enumerable.Range(to + 1, Math.Min(4, words.Count - to - 1)).Any(k => productWords.Contains(words[k]));
            }

            return fromProduct == toProduct ? FlowDirection.Unknown : fromProduct ? FlowDirection.Out : FlowDirection.In;
        }

        // The passive: "multicast sent by the gateway" (the product opens), "the gateway is reached by phones" (it accepts).
        var passive = words.FindIndex(w => Participles.ContainsKey(w));
        if (passive >= 0 && Participles[words[passive]] && IsTowardsPeer(words, passive + 1) && !Enumerable.Range(0, words.Count).Any(IsProduct))
        {
            // "Syslog messages are sent to the collector": sent by no one named, so by the product the document is about.
            return FlowDirection.Out;
        }

        if (passive >= 0 && passive + 1 < words.Count && words[passive + 1] == "by")
        {
            var opening = Participles[words[passive]];
            var agent = Enumerable.Range(passive + 2, Math.Min(3, words.Count - passive - 2)).Any(IsProduct);
            var patient = !agent && Enumerable.Range(0, passive).Any(IsProduct);
            if (agent || patient)
            {
                return opening == agent ? FlowDirection.Out : FlowDirection.In;
            }
        }

        // With the sentence cut at a port, the verb nearest the port governs it ("answers queries on UDP 161 and sends traps ... on UDP 162").
        var verb = lastVerb ? LastPredicate(words, IsProduct) : FirstVerb(words);
        if (verb < 0)
        {
            // "Directory synchronisation now uses LDAPS on TCP 636 to the directory server", with no one else named: the
            // product reaches that peer; "... from the PBX" comes to the product.
            // "UDP 123 to an NTP server (the ESN uses pool.ntp.org ...)": the product named after the peer says nothing of the flow.
            if (spacedTo)
            {
                for (var i = 0; i + 1 < words.Count; i++)
                {
                    if (words[i] is "to" or "from" && i + 1 < words.Count && !char.IsDigit(words[i + 1][0])
                        && !Enumerable.Range(0, i).Any(IsProduct) && !Enumerable.Range(i + 1, Math.Min(4, words.Count - i - 1)).Any(k => productWords.Contains(words[k]))
                        && Enumerable.Range(i + 1, Math.Min(4, words.Count - i - 1)).TakeWhile(k => !char.IsDigit(words[k][0])).Any(k => PeerNouns.Contains(words[k])))
                    {
                        return words[i] == "to" ? FlowDirection.Out : FlowDirection.In;
                    }
                }
            }

            // "Registration and calls to your call-control server": "your" servers are the customer's, which the product reaches.
            for (var i = 0; i + 1 < words.Count; i++)
            {
                if (words[i] is "to" or "towards" or "against" && words[i + 1] == "your"
                    && !Enumerable.Range(i + 2, Math.Min(3, words.Count - i - 2)).Any(IsProduct) && !Enumerable.Range(0, words.Count).Any(IsProduct))
                {
                    return FlowDirection.Out;
                }
            }

            // "registration from the bridge to the gatekeeper: UDP 1719": which end the product is.
            return FromTo(out _);
        }

        // "Allow UDP 161 from the NMS to the logger - SNMP v3 polling": the two ends, named before any verb, decide.
        if (FromTo(out var fromAt) is var ends and not FlowDirection.Unknown && verb > fromAt)
        {
            return ends;
        }

        // The subject's head is the word before the verb (past adverbs); "PageCast answers ... and sends traps" shares the first verb's subject.
        var head = verb - 1;
        while (head >= 0 && SubjectSkips.Contains(words[head]))
        {
            head--;
        }

        var relative = head >= 1 && words[head] is "that" or "which" or "who" && PeerSubjects.Contains(words[head - 1]);
        if (relative)
        {
            // "VoicePortal is certified with speech engines that expose MRCPv2": other systems the relative clause is about.
            head--;
        }

        var subjectEnd = verb;
        if (lastVerb && head >= 0 && words[head] is "and" or "or" or "then")
        {
            var earlier = words.FindLastIndex(head, IsVerb);
            if (earlier > 0)
            {
                subjectEnd = earlier;
                head = earlier - 1;
            }
        }

        var objectNamed = Enumerable.Range(verb + 1, words.Count - verb - 1).Any(IsProduct);

        // "Each STB loads the portal from GuestLink ... and fetches ...": a name after a preposition is no subject.
        var subjectNamed = Enumerable.Range(0, subjectEnd).Any(i => IsProduct(i) && !(i > 0 && words[i - 1] is "from" or "to" or "on" or "at" or "via" or "with" or "by"));

        // "The Norhaven Desktop Paging client connects to PageCast": a subject whose head is another device is not the product
        // because a word of the vendor's name is in it.
        var subject = (head >= 0 && IsProduct(head)) || (subjectNamed && !objectNamed && !relative);
        var obj = !subject && objectNamed;
        // With the product unnamed ("this system"), "the voicemail server listens" is most likely the product itself.
        var named = productWords.Any(w => !SelfNouns.Contains(w));
        if (!subject && !obj && AcceptingVerbs.Contains(words[verb]) && head >= 0 && (named || !PeerNouns.Contains(words[head])) && (PeerNouns.Contains(words[head]) || PeerSubjects.Contains(words[head])
            || Enumerable.Range(1, Math.Max(0, subjectEnd - 1)).Any(i => words[i].All(char.IsDigit) && words[i - 1].All(char.IsLetter) && words[i - 1].Length <= 4
                && words[i - 1] is not ("port" or "tcp" or "udp" or "ports" or "on" or "to" or "and" or "or" or "of" or "for" or "the" or "is" or "at"))))
        {
            // "Speech engines expose MRCPv2 on TCP 51000", "the NMS listens on UDP 162": another system listens, so the product connects.
            return FlowDirection.Out;
        }

        if (OpeningVerbs.Contains(words[verb]) && verb + 1 < words.Count && words[verb + 1] == "here" && !subject)
        {
            // "the browser extension on agent PCs connects here": here is the product.
            return FlowDirection.In;
        }

        if (verb == 0 && !obj)
        {
            // "Connects to Lumetra Fleet on TCP 443", "Listens on TCP 8443": a datasheet's subjectless verb is the product's.
            return OpeningVerbs.Contains(words[0]) || words[0] == "calls" ? FlowDirection.Out : FlowDirection.In;
        }

        if (!subject && !obj && words[verb] == "polling" && verb > 0 && words[verb - 1] == "snmp" && !subjectNamed
            && !(verb + 1 < words.Count && words[verb + 1] is "of" or "to"))
        {
            // "SNMP polling (UDP 161)": the manager polls the product's agent.
            return FlowDirection.In;
        }

        if (!subject && !obj && words[verb] is "download" or "downloads" or "fetch" or "pull" && verb + 1 < words.Count && words[verb + 1] == "from" && !subjectNamed)
        {
            // "Firmware download from the boot server": the product fetches.
            return FlowDirection.Out;
        }

        if (!subject && !obj)
        {
            // "Syslog forwarding to your SIEM": a noun of an opening verb, with no one named, is the product's doing.
            return OpeningVerbs.Contains(words[verb]) && words[verb].EndsWith("ing", StringComparison.Ordinal) && IsTowardsPeer(words, verb + 1)
                && !subjectNamed
                ? FlowDirection.Out
                : FlowDirection.Unknown;
        }

        // "Services listening on the gateway": the product is where the services listen, not what they reach.
        if (obj && AcceptingVerbs.Contains(words[verb]) && verb + 1 < words.Count && words[verb + 1] is "on" or "at")
        {
            return FlowDirection.In;
        }

        if (words[verb] is "exchange" or "exchanges")
        {
            // "The SBC and the PBX exchange SIP over TCP 5060": both ways between the two.
            return FlowDirection.Both;
        }

        var opens = OpeningVerbs.Contains(words[verb]) || words[verb] == "calls";
        return opens == subject ? FlowDirection.Out : FlowDirection.In;
    }

    /// <summary>
    /// "The app connects to the reverse proxy in the DMZ on TCP 443": a clause in which one named system opens a
    /// connection to another and the product is neither. Only asked when the document names its product.
    /// </summary>
    /// <summary>A cheap first look for <see cref="BetweenOthers"/>: "to the", "to a", "to your" somewhere in the text.</summary>
    public static bool MayBeBetweenOthers(string text) => text.AsSpan().IndexOfAny(BetweenTargets) >= 0;

    private static readonly System.Buffers.SearchValues<string> BetweenTargets =
        System.Buffers.SearchValues.Create([" to the ", " to a ", " to an ", " to your ", " to their ", " to its "], StringComparison.OrdinalIgnoreCase);

    public static bool BetweenOthers(string clause, IReadOnlySet<string> productWords)
    {
        ArgumentNullException.ThrowIfNull(productWords);
        if (productWords.Count == 0 || clause.Length > 200 || !clause.Contains(" to ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var words = ColumnRoles.Words(clause);
        bool Named(int i) => productWords.Contains(words[i]) || SelfNouns.Contains(words[i]) || words[i] is "it" or "we" or "our" or "itself" or "inbound" or "outbound"
            || (MayBeProduct(words[i], productWords) && i > 0 && words[i - 1] is "the" or "this" or "our");
        if (Enumerable.Range(0, words.Count).Any(Named))
        {
            return false;
        }

        var verb = FirstVerb(words);
        if (verb < 2 || !OpeningVerbs.Contains(words[verb]) || words[verb].EndsWith("ing", StringComparison.Ordinal))
        {
            return false;
        }

        // The subject: "the app", "each phone", "the reverse proxy", past "then", "also".
        var head = verb - 1;
        while (head >= 0 && SubjectSkips.Contains(words[head]))
        {
            head--;
        }

        var subject = head >= 1 && words[head].All(char.IsLetter) && (words[head - 1] is "the" or "a" or "an" or "each" or "every" or "your" or "their"
            || (head >= 2 && words[head - 2] is "the" or "a" or "an" or "each" or "every" or "your" && words[head - 1].All(char.IsLetter)));

        // The object: "to the reverse proxy", "to your mail relay".
        var to = words.IndexOf("to", verb + 1);
        var target = subject && to > verb && to - verb <= 4 && to + 2 < words.Count && words[to + 1] is "the" or "a" or "an" or "your" or "their" or "its"
            && words[to + 2].All(char.IsLetter);
        return target;
    }

    /// <summary>"inbound from the PBX", "outbound to ...", "go out through": the direction a text says in so many words, else Unknown.</summary>
    public static FlowDirection Explicit(string text)
    {
        var (i, o) = ExplicitWords(text);
        return i == o ? FlowDirection.Unknown : i ? FlowDirection.In : FlowDirection.Out;
    }

    private static readonly System.Buffers.SearchValues<string> ExplicitStems =
        System.Buffers.SearchValues.Create(["inbound", "ingress", "incoming", "outbound", "egress", "outgoing", " out "], StringComparison.OrdinalIgnoreCase);

    private static (bool In, bool Out) ExplicitWords(string text)
    {
        if (text.AsSpan().IndexOfAny(ExplicitStems) < 0)
        {
            return (false, false);
        }

        // "nothing needs to be opened inbound": a denied direction says nothing of this one.
        var negated = text.Contains("nothing", StringComparison.OrdinalIgnoreCase) || text.Contains("no inbound", StringComparison.OrdinalIgnoreCase)
            || text.Contains("no outbound", StringComparison.OrdinalIgnoreCase) || text.Contains("not inbound", StringComparison.OrdinalIgnoreCase);
        var explicitIn = !negated && (HasWordStart(text, "inbound") || HasWordStart(text, "ingress") || HasWordStart(text, "incoming"));
        var explicitOut = !negated && (HasWordStart(text, "outbound") || HasWordStart(text, "egress") || HasWordStart(text, "outgoing")
            || text.Contains(" go out ", StringComparison.OrdinalIgnoreCase) || text.Contains(" goes out ", StringComparison.OrdinalIgnoreCase)
            || text.Contains(" out to ", StringComparison.OrdinalIgnoreCase));
        return (explicitIn, explicitOut);
    }

    /// <summary>A sentence: "... listens on ...", "... connects to ...".</summary>
    public static FlowDirection FromSentence(string text)
    {
        var isIn = HasWordStart(text, "inbound") || HasWordStart(text, "ingress") || HasWordStart(text, "incoming") || HasWordStart(text, "listen")
            || HasWordStart(text, "accepts");
        var isOut = HasWordStart(text, "outbound") || HasWordStart(text, "egress") || HasWordStart(text, "outgoing") || HasWordStart(text, "connects")
            || HasWordStart(text, "initiates");
        return isIn && isOut ? FlowDirection.Unknown : isIn ? FlowDirection.In : isOut ? FlowDirection.Out : FlowDirection.Unknown;
    }

    /// <summary>Whether a word starting with <paramref name="prefix"/> occurs in the text (case ignored).</summary>
    private static bool HasWordStart(string text, string prefix)
    {
        var i = text.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        while (i >= 0)
        {
            if (i == 0 || !char.IsLetter(text[i - 1]))
            {
                return true;
            }

            i = text.IndexOf(prefix, i + 1, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}

/// <summary>Firewall column words.</summary>
internal static class FirewallWords
{
    /// <summary>Y / Yes / Required / Open → required; conditional words → if-separated; N / No → not-needed; else unknown.</summary>
    public static FirewallRelevance Parse(string text)
    {
        var t = PortPhrases.Normalize(text).Trim().ToLowerInvariant();
        if (t.Length == 0)
        {
            return FirewallRelevance.Unknown;
        }

        var words = ColumnRoles.Words(t);
        if (t.StartsWith('(') || words.Exists(w => w is "if" or "optional" or "conditional" or "conditionally" or "depends" or "depending" or "when" or "maybe" or "sometimes" or "recommended" or "possibly"))
        {
            return FirewallRelevance.IfSeparated;
        }

        if (words.Count == 0)
        {
            return t is "\u2713" or "\u2714" or "\u2611" ? FirewallRelevance.Required : FirewallRelevance.Unknown;
        }

        var first = words[0];
        if (first is "n" or "no" or "not" or "none" or "closed" or "close" or "blocked" or "block" or "deny" or "denied" or "false" or "never" or "internal" or "loopback" or "local" or "nein")
        {
            return FirewallRelevance.NotNeeded;
        }

        if (first is "y" or "yes" or "required" or "require" or "open" or "opened" or "allow" or "allowed" or "must" or "mandatory" or "true" or "x" or "needed" or "necessary" or "permit" or "ja")
        {
            return FirewallRelevance.Required;
        }

        return FirewallRelevance.Unknown;
    }
}

/// <summary>Titles, labels and list markers.</summary>
internal static partial class Titles
{
    private static readonly HashSet<string> TitleVocabulary = new(StringComparer.OrdinalIgnoreCase)
    {
        "port", "ports", "firewall", "network", "networking", "tcp", "udp", "tcp/ip", "tcp-ip", "tcp/udp", "udp/tcp",
        "list", "lists", "matrix",
        "table", "tables", "reference", "requirements", "requirement", "usage", "overview", "used", "by", "for", "of",
        "the", "and", "required", "open", "opening", "configuration", "settings", "communication", "communications",
        "connections", "connection", "protocols", "protocol", "rules", "rule", "guide", "numbers", "number", "in", "on",
        "a", "an", "with", "to", "&", "-", ":", "|", "/", "traffic", "access", "needed", "information", "info",
        "details", "summary", "default", "defaults", "which", "are", "is", "what", "faq", "ports:", "services", "service",
        "setting", "set", "up", "setup", "how", "configure", "configuring", "prepare", "preparing", "opening", "your",
        "nat", "alg", "qos", "vpn", "dmz", "vlan", "vlans", "pat", "acl", "acls", "do", "does", "i", "we", "you", "can",
        "should", "must", "need", "needs", "my", "our", "when", "why", "where", "who", "addresses", "address", "ranges", "urls", "fqdns",
        "flows", "flow", "through", "via", "between", "prerequisites", "prerequisite", "considerations", "checklist", "preparation",
        "domains", "hostnames",
    };

    private static readonly HashSet<string> SectionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "signalling", "signaling", "media", "management", "inbound", "outbound", "ingress", "egress", "internal",
        "external", "between", "servers", "server", "client", "clients", "other", "optional", "voice", "video", "admin",
        "administration", "web", "additional", "common", "standard", "proprietary", "well-known", "dynamic", "rtp",
        "sip", "http", "mandatory", "general", "basic", "advanced", "database", "monitoring", "remote", "local",
        "cluster", "intra", "inter", "system", "systems", "application", "applications", "service", "all", "important",
        "note", "notes", "incoming", "outgoing", "source", "destination", "listening", "this", "your", "our", "these",
        "ephemeral", "firewalls", "security", "introduction", "appendix", "chapter", "section", "table", "figure",
        "changes", "changed", "new", "fixed", "release", "releases", "update", "updates", "updated", "known", "issues",
        "installing", "installation", "setup", "troubleshooting", "opening", "configuring",
    };

    /// <summary>A product name in a title such as "Acme PBX 5 - Network ports" or "Ports used by SwyxWare 2013".</summary>
    public static string? ProductFromTitle(string title)
    {
        // "IP addresses and ports for Connect Edge": "IP" is a word of the title there, not of "IP Office".
        var t = IpAddresses().Replace(Bracketed().Replace(PortPhrases.Normalize(title), " "), "$1").Trim().TrimStart('#').Trim();
        if (t.Length is 0 or > 100)
        {
            return null;
        }

        var all = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(TrimChars).ToLowerInvariant()).ToList();
        if (!all.Exists(w => w is "port" or "ports" or "firewall"))
        {
            return null;
        }

        // "Avaya Port Matrix: IP Office 9.1" has the name in two parts; "KB-2217:" is the article's number.
        var rest = new List<string>();
        var ended = false;
        // "Ports used by Tinkwell Mobile app | Tinkwell Help Centre": the first segment that names something; within it
        // "Avaya Port Matrix: IP Office 9.1" may give the name in two parts.
        var segments = t.Split(['|', '>', '\u203A', '\u00BB'], StringSplitOptions.RemoveEmptyEntries).SelectMany(p => p.Split(" - ", StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in segments.Select(segment => segment.Split([':', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .TakeWhile(_ => rest.Count == 0).SelectMany(parts => parts))
        {
            if (ended)
            {
                break;
            }

            var words = part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var named = 0;
            var afterDocumentWord = false;
            foreach (var raw in words)
            {
                var w = raw.Trim(TrimChars);
                if (w.Length == 0 || !w.Any(char.IsLetterOrDigit))
                {
                    continue;
                }

                // "Deployment Guide - Chapter 4", "Appendix C": words of the document, and the number after them;
                // "- 3.2 Firewall ports": a section number at the start of a later part.
                var number = w.All(c => char.IsDigit(c) || c == '.');
                var numberOfDocumentWord = afterDocumentWord && (number || w.Length == 1 || w.Any(char.IsDigit));
                afterDocumentWord = DocumentWords.Contains(w);
                // "2. Cluster-only ports": a section number, and a word made of a section word.
                var sectionNumber = number && named == 0;
                var madeOfSectionWord = w.Contains('-') && SectionWords.Contains(w.Split('-')[0]);
                if (TitleVocabulary.Contains(w) || IsArticleNumber(w) || afterDocumentWord || numberOfDocumentWord || sectionNumber || madeOfSectionWord)
                {
                    if (named > 0)
                    {
                        // Vocabulary after the name ends it ("Acme PBX ports for admins").
                        break;
                    }

                    continue;
                }

                if (named > 0 && char.IsLower(w[0]))
                {
                    // "AlertPoint ENS 5.3 go-live": a name is written in capitals; "Call control (SIP interface ...)" ends at "control".
                    ended = true;
                    break;
                }

                if (named == 0 && rest.Count > 0 && char.IsLower(w[0]))
                {
                    // "Gatekeep SBC (GK-2400) before SIP trunk cut-over": lower case after the name's brackets ends it.
                    ended = true;
                    break;
                }

                if (named == 0 && (char.IsLower(w[0]) || w.Length == 1))
                {
                    // "Q: Do I need ...", "Which ports does the Skyloft node need?": no name starts in lower case or with one letter.
                    continue;
                }

                rest.Add(w);
                named++;
            }
        }

        if (rest.Count > 1 && CompanySuffixes.Contains(rest[^1]))
        {
            // "CORVANE NETWORKS": the vendor, not its product.
            return null;
        }

        if (rest.Count is 0 or > 6 || !rest.Exists(w => w.Any(char.IsLetter)) || SectionWords.Contains(rest[0]) || !(char.IsUpper(rest[0][0]) || char.IsDigit(rest[0][0])))
        {
            return null;
        }

        return string.Join(' ', rest);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIP\s+(addresses|address|ranges|range)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex IpAddresses();

    private static readonly char[] TrimChars = [',', '.', ';', '(', ')', '"', '\'', ':', '?', '!', '*'];

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z]{2,5}(?:-[A-Z]{1,5})+-\d{1,6}$")]
    private static partial System.Text.RegularExpressions.Regex DocumentNumber();

    /// <summary>"[Case #BF-228731]", "[DRAFT]": a bracketed tag in a title or subject.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\[[^\]]{0,40}\]", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex Bracketed();

    /// <summary>Last words of a company's name.</summary>
    private static readonly HashSet<string> CompanySuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "networks", "inc", "ltd", "llc", "gmbh", "ag", "plc", "corp", "corporation", "systems", "technologies", "telecom",
        "communications", "limited", "co", "sa", "bv", "oy", "ab", "as", "software", "solutions",
        // Customers' names in an integrator's title ("SIP Trunking, Harbourside Council"), not a product's.
        "council", "hospital", "university", "bank", "hotels", "hotel", "group", "authority", "trust", "society", "school", "college",
    };

    /// <summary>A word of titles, sections or documents that is no name ("All", "Release", "Chapter").</summary>
    public static bool IsGenericWord(string word) =>
        TitleVocabulary.Contains(word) || SectionWords.Contains(word) || DocumentWords.Contains(word);

    /// <summary>"KB-2217", "TN0412", "FAQ-17": the number of an article or change, not part of a product's name.</summary>
    private static bool IsArticleNumber(string word)
    {
        // "LLD-CC-014", "HLD-UC-2": a document's number, letters in two groups or more before its digits.
        if (DocumentNumber().IsMatch(word))
        {
            return true;
        }

        var letters = word.TakeWhile(char.IsLetter).Count();
        var prefix = word[..letters].ToLowerInvariant();
        var rest = word[letters..].TrimStart('-', '#', '_');
        return rest.Length > 0 && rest.All(char.IsDigit)
            && prefix is "kb" or "tn" or "tb" or "faq" or "doc" or "art" or "chg" or "fcr" or "cr" or "rfc" or "sol" or "sa" or "tsb" or "psn" or "fn"
                or "lld" or "hld" or "sdd" or "dd" or "adr" or "inc" or "req" or "ritm" or "task";
    }

    /// <summary>Words of document titles that are not a product's name ("Deployment Guide", "Chapter 4", "Checklist").</summary>
    private static readonly HashSet<string> DocumentWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "deployment", "guide", "chapter", "checklist", "pre-installation", "preinstallation", "installation", "install",
        "notes", "note", "manual", "handbook", "docs", "documentation", "document", "kb", "article", "knowledge", "base",
        "appendix", "version", "rev", "revision", "form", "page", "edition", "planning", "plan", "admin", "administrator",
        "administration", "administrator's", "user", "users", "reference", "release", "releases", "readme", "wiki",
        "how-to", "howto", "faq", "support", "technical", "tech", "bulletin", "whitepaper", "white", "paper", "design",
        "integration", "integrator", "solution", "solutions", "brief", "datasheet", "sheet", "specification", "spec",
        "specifications", "hardening", "security", "checklists", "worksheet", "request", "change", "draft", "final",
        "internal", "confidential", "copyright", "home", "contents", "index", "part", "section", "step", "steps", "online",
        "help", "topic", "your", "reseller", "partner", "standalone", "vs", "versus", "comparison", "compared", "deployments", "mode", "modes",
        "minutes", "meeting", "agenda", "mom", "ticket", "case", "incident", "handover", "rollout", "low-level", "high-level", "lld", "hld", "helm", "chart", "charts", "terraform", "ansible", "docker",
        "compose", "kubernetes", "k8s", "playbook", "module", "modules", "role", "roles",
    };

    /// <summary>
    /// The name in one of <paramref name="titles"/> whose words <paramref name="bodyWords"/> repeats most: runs of
    /// capitalised words that are not title vocabulary or version numbers; null when no run is repeated at least twice.
    /// </summary>
    public static (string Name, string Title, int Line)? ProductRepeatedInBody(IEnumerable<(string Text, int Line)> titles, IReadOnlyDictionary<string, int> bodyWords)
    {
        int Count(string word) => ColumnRoles.Words(word) is { Count: > 0 } parts ? parts.Min(p => bodyWords.GetValueOrDefault(p)) : 0;
        (string Name, string Title, int Line, int Score)? best = null;
        foreach (var (title, line) in titles)
        {
            var t = Bracketed().Replace(PortPhrases.Normalize(title), " ").Trim().TrimStart('#').Trim();
            if (t.Length is 0 or > 120)
            {
                continue;
            }

            foreach (var part in t.Split([':', '|', '(', ')', '>', ',', '\u2014', '\u2013'], StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(p => p.Split([" - ", " -- ", "  "], StringSplitOptions.RemoveEmptyEntries)))
            {
                var run = new List<string>();
                var afterDocumentWord = false;
                foreach (var raw in part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Append(""))
                {
                    var w = raw.Trim(TrimChars);

                    // "INTEGRATION NOTE IN-0417": the number after a word of the document is the document's.
                    var documentNumber = afterDocumentWord && w.Any(char.IsDigit);
                    afterDocumentWord = DocumentWords.Contains(w);
                    // "# relaymoss": a README's one-word title may be written in lower case.
                    // "lumora-media-server Helm chart": a kebab-case name of a repository is a name too.
                    var nameLike = w.Length > 0 && char.IsLetter(w[0]) && (char.IsUpper(w[0]) || w.Any(char.IsDigit) || (w.Length >= 4 && !t.Contains(' '))
                        || (w.Count(c => c == '-') >= 1 && w.Length >= 8 && w.All(c => char.IsLower(c) || c == '-'))) && !documentNumber
                        && !TitleVocabulary.Contains(w) && !IsArticleNumber(w) && !SectionWords.Contains(w) && !DocumentWords.Contains(w)
                        && !(w.Length > 1 && (w[0] is 'v' or 'V' or 'r' or 'R') && w[1..].All(c => char.IsDigit(c) || c == '.'));
                    if (nameLike && run.Count < 5)
                    {
                        run.Add(w);
                        continue;
                    }

                    // "KESTREL SYSTEMS": a company's name, not its product's.
                    if (CompanySuffixes.Contains(w))
                    {
                        run.Clear();
                    }

                    // Trailing words the body never uses are left off the name.
                    while (run.Count > 0 && Count(run[^1]) < 1)
                    {
                        run.RemoveAt(run.Count - 1);
                    }

                    while (run.Count > 0 && Count(run[0]) < 1)
                    {
                        run.RemoveAt(0);
                    }

                    var score = run.Sum(Count);
                    if (run.Count > 0 && !(run.Count > 1 && CompanySuffixes.Contains(run[^1])) && run.Exists(r => r.Length >= 3) && score >= (line == 1 ? 2 : 3) && (best is null || score > best.Value.Score))
                    {
                        best = (string.Join(' ', run), title, line, score);
                    }

                    run.Clear();
                }
            }
        }

        return best is { } b ? (b.Name, b.Title, b.Line) : null;
    }

    /// <summary>The index of <paramref name="open"/> when only spaces follow it, else -1.</summary>
    private static int OpenBefore(ReadOnlySpan<char> text, char open)
    {
        var i = text.Length - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && text[i] == open ? i : -1;
    }

    public static string Clip(string text)
    {
        var t = text.Trim().ReplaceLineEndings(" ");
        return t.Length <= 80 ? t : t[..77] + "...";
    }

    /// <summary>Removes a bullet or number marker ("- ", "* ", "1. ", "2) ", "a) ", "• "); "123. " at the start of a line is more often a wrapped port than item 123.</summary>
    public static string StripListMarker(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && t[0] is '-' or '*' or '+' or '\u2022' or '\u25AA' or '\u25CF' or '\u2023' or '\u2043' && t[1] == ' ')
        {
            return t[2..].Trim();
        }

        var i = 0;
        while (i < t.Length && i < 2 && char.IsDigit(t[i]))
        {
            i++;
        }

        if (i == 0 && t.Length >= 3 && char.IsLetter(t[0]) && t[1] == ')' && t[2] == ' ')
        {
            return t[3..].Trim();
        }

        if (i > 0 && i + 1 < t.Length && t[i] is '.' or ')' && t[i + 1] == ' ')
        {
            return t[(i + 2)..].Trim();
        }

        return t;
    }

    /// <summary>
    /// The service and purpose of a list line: the application, else the words before a ':' or ' - ';
    /// the purpose is what the line says besides its ports.
    /// </summary>
    public static (string? Service, string? Purpose) Label(string text, IReadOnlyList<PortMention> mentions, WellKnownApplication? app)
    {
        // The text without its port phrases, white space squashed, empty brackets dropped: one allocation.
        var buffer = text.Length <= 256 ? stackalloc char[text.Length + 1] : new char[text.Length + 1];
        var n = 0;
        var pos = 0;
        var lastSpace = true;
        void Append(ReadOnlySpan<char> part, Span<char> into)
        {
            foreach (var c in part)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (!lastSpace)
                    {
                        into[n++] = ' ';
                        lastSpace = true;
                    }
                }
                else if (c is ')' or ']' && OpenBefore(into[..n], c == ')' ? '(' : '[') is var open and >= 0)
                {
                    n = open;
                    while (n > 0 && into[n - 1] == ' ')
                    {
                        n--;
                    }

                    lastSpace = n == 0;
                    if (n > 0)
                    {
                        into[n++] = ' ';
                        lastSpace = true;
                    }
                }
                else
                {
                    into[n++] = c;
                    lastSpace = false;
                }
            }
        }

        foreach (var m in mentions)
        {
            if (m.Start >= pos && m.Start <= text.Length)
            {
                Append(text.AsSpan(pos, m.Start - pos), buffer);
                Append(" ", buffer);
                pos = Math.Min(text.Length, Math.Max(pos, m.End));
            }
        }

        Append(text.AsSpan(pos), buffer);
        var rest = buffer[..n].Trim(" :-,;/().");
        string? service = app?.Name;
        if (rest.Length == 0)
        {
            return (service, null);
        }

        var cut = rest.IndexOfAny(':', '(');
        var dash = rest.IndexOf(" - ", StringComparison.Ordinal);
        if (dash >= 0 && (cut < 0 || dash < cut))
        {
            cut = dash;
        }

        string? purpose;
        if (cut > 0)
        {
            var head = rest[..cut].Trim(" -:");
            var tail = rest[(cut + 1)..].Trim(" -:)(");
            if (service is null && head.Length is > 0 and <= 60)
            {
                service = head.ToString();
            }

            purpose = app is not null && head.Equals(app.Name, StringComparison.OrdinalIgnoreCase)
                ? (tail.Length == 0 ? null : tail.ToString())
                : rest.ToString();
        }
        else
        {
            purpose = rest.ToString();
            if (service is null && purpose.Length <= 60)
            {
                service = purpose;
            }
        }

        if (purpose is { Length: > 300 })
        {
            purpose = purpose[..297] + "...";
        }

        return (service, purpose);
    }

    /// <summary>Runs of white space (line breaks included) as one space, trimmed.</summary>
    public static string Squash(string s)
    {
        var clean = s.Length == 0 || (!char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]));
        for (var i = 0; clean && i < s.Length; i++)
        {
            var c = s[i];
            clean = c == ' ' ? i + 1 < s.Length && s[i + 1] != ' ' : !char.IsWhiteSpace(c);
        }

        return clean ? s : string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
