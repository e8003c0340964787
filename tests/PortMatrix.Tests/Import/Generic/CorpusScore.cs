using System.Globalization;
using System.Text;
using PortMatrix.Import;
using PortMatrix.Ports;
using YamlDotNet.RepresentationModel;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>Which way a flow goes, seen from the product the document describes.</summary>
internal enum FlowDirection
{
    /// <summary>Another system opens the flow towards the product.</summary>
    In,

    /// <summary>The product opens the flow towards another system.</summary>
    Out,

    /// <summary>Both: the product opens and accepts it (server to server, or a "both" direction).</summary>
    Both,

    /// <summary>The document does not say.</summary>
    Unknown,
}

/// <summary>
/// One flow a careful engineer wrote down by hand. <see cref="Directions"/> holds the direction as
/// written first, then any other reading of an ambiguous sentence that is also accepted.
/// </summary>
internal sealed record ExpectedFlow(int Line, Transport Transport, PortSet Ports, IReadOnlyList<FlowDirection> Directions)
{
    /// <summary>Whether "both" is accepted, which a reader may also give as one "in" and one "out" flow.</summary>
    public bool IsSplittableBoth => Directions.Contains(FlowDirection.Both);

    public override string ToString() =>
        $"line {Line}: {Transport.ToName()} {(Transport.HasPorts() ? Ports.ToString() : "-")} {string.Join("|", Directions.Select(CorpusScore.Name))}";
}

/// <summary>
/// The sidecar <c>NAME.expected.yaml</c> of a corpus document: the words by which the document names
/// its own product (to tell in from out), the flows an engineer would write down, and optional flows
/// (readings that are acceptable but not required, such as an IANA default taken with a warning).
/// </summary>
internal sealed record ExpectedDocument(
    string Name,
    string? Generate,
    IReadOnlyList<string> Product,
    IReadOnlyList<ExpectedFlow> Flows,
    IReadOnlyList<ExpectedFlow> Optional)
{
    private static readonly string[] TopKeys = ["generate", "product", "flows", "optional"];
    private static readonly string[] FlowKeys = ["line", "transport", "ports", "direction"];

    public static ExpectedDocument Load(string path) =>
        Parse(Path.GetFileName(path).Replace(".expected.yaml", "", StringComparison.Ordinal), File.ReadAllText(path));

    /// <summary>Reads a sidecar strictly: an unknown key, transport, direction or port text is an error, not a skip.</summary>
    public static ExpectedDocument Parse(string name, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{name}: the sidecar must be one YAML mapping.");
        }

        CheckKeys(name, root, TopKeys, "the top level");
        string? generate = null;
        if (Child(root, "generate") is YamlScalarNode g)
        {
            generate = g.Value is "xlsx" or "pdf" ? g.Value : throw new FormatException($"{name}: generate must be xlsx or pdf, not '{g.Value}'.");
        }

        var product = Child(root, "product") is YamlSequenceNode p
            ? p.Children.Select(c => ((YamlScalarNode)c).Value ?? "").Where(v => v.Length > 0).ToList()
            : throw new FormatException($"{name}: 'product' (the words that name the product itself) is required.");
        if (product.Count == 0)
        {
            throw new FormatException($"{name}: 'product' is empty.");
        }

        return new ExpectedDocument(name, generate, product, ReadFlows(name, root, "flows"), ReadFlows(name, root, "optional"));
    }

    private static List<ExpectedFlow> ReadFlows(string name, YamlMappingNode root, string key)
    {
        var list = new List<ExpectedFlow>();
        if (Child(root, key) is not YamlSequenceNode seq)
        {
            return list;
        }

        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m)
            {
                throw new FormatException($"{name}: every entry of '{key}' must be a mapping (line {item.Start.Line}).");
            }

            CheckKeys(name, m, FlowKeys, $"the entry at line {m.Start.Line}");
            string Text(string k) => (Child(m, k) as YamlScalarNode)?.Value
                ?? throw new FormatException($"{name}: the entry at line {m.Start.Line} has no '{k}'.");

            var line = int.Parse(Text("line"), NumberStyles.None, CultureInfo.InvariantCulture);
            var transport = TransportNames.Parse(Text("transport"));
            var ports = PortExpression.Parse(Text("ports")).Evaluate(null);
            var directions = Text("direction").Split('|').Select(d => CorpusScore.ParseDirection(d, name)).ToList();
            list.Add(new ExpectedFlow(line, transport, transport.HasPorts() ? ports : PortSet.All, directions));
        }

        return list;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static void CheckKeys(string name, YamlMappingNode node, string[] allowed, string where)
    {
        foreach (var k in node.Children.Keys.Cast<YamlScalarNode>())
        {
            if (!allowed.Contains(k.Value, StringComparer.Ordinal))
            {
                throw new FormatException($"{name}: unknown key '{k.Value}' in {where}; allowed: {string.Join(", ", allowed)}.");
            }
        }
    }
}

/// <summary>Precision and recall of one import against its expected flows, with what was missed and what was wrong.</summary>
internal sealed record DocumentScore(
    string Document,
    string Layout,
    int Expected,
    int Found,
    int Correct,
    int Recalled,
    IReadOnlyList<string> Missed,
    IReadOnlyList<string> Wrong,
    string? Error = null)
{
    /// <summary>Correct found flows over found flows; 1 when nothing was found (recall then says it all).</summary>
    public double Precision => Found == 0 ? 1 : (double)Correct / Found;

    /// <summary>Expected flows recalled over expected flows.</summary>
    public double Recall => Expected == 0 ? 1 : (double)Recalled / Expected;
}

/// <summary>
/// Scores an import against the flows an engineer wrote down.
/// <para>
/// A found flow has a key (transport; port set, or none for ICMP and ESP) and a direction, read from
/// its From / To names: a side "is the product" when one of its names contains a product word of the
/// sidecar (whole words, case ignored), a placeholder such as "this product", or the name the reader
/// gave the product when that name shares a distinctive word with the sidecar's ("CareSignal 5.4" for
/// "CareSignal Alert Server"; see <see cref="AcceptedProduct"/>). To only → in, From only → out, both
/// sides → both, neither → unknown.
/// </para>
/// <para>
/// Matching is one to one, nearest line first: a found flow is <em>correct</em> when it takes a free
/// expected (or optional) flow with the same key and a compatible direction. Compatible means equal
/// to one of the expected directions; in addition a plain expected "both" has two halves, so it is
/// filled either by one found "both" or by one "in" and one "out". A port set may also be filled
/// in parts: "389/tcp, 636/tcp" found as two flows fills an expected "tcp 389,636" (the same
/// firewall rules), as long as the parts do not overlap. A "both" flow between two instances of the
/// product given as A to B and again as B to A counts once. An expected flow is
/// <em>recalled</em> when it is completely filled. Precision = correct / found; recall = recalled /
/// expected (optional flows count in neither denominator, but a found flow that takes one is correct).
/// A duplicate found flow finds no free expected flow and so counts against precision.
/// </para>
/// </summary>
internal static class CorpusScore
{
    /// <summary>Names a reader may give the product's own side when the document does not name it.</summary>
    public static readonly IReadOnlyList<string> SelfPlaceholders = ["this system", "this product", "the product", "product", "self"];

    public static FlowDirection ParseDirection(string text, string where) => text.Trim() switch
    {
        "in" => FlowDirection.In,
        "out" => FlowDirection.Out,
        "both" => FlowDirection.Both,
        "unknown" => FlowDirection.Unknown,
        _ => throw new FormatException($"{where}: direction '{text}' is not one of in, out, both, unknown."),
    };

    public static string Name(FlowDirection direction) => direction.ToString().ToLowerInvariant();

    /// <summary>The direction of a found flow relative to the product named by <paramref name="product"/>.</summary>
    public static FlowDirection DirectionOf(ImportedFlow flow, IReadOnlyList<string> product)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var from = flow.From.Any(n => IsProduct(n, product));
        var to = flow.To.Any(n => IsProduct(n, product));
        return (from, to) switch
        {
            (false, true) => FlowDirection.In,
            (true, false) => FlowDirection.Out,
            (true, true) => FlowDirection.Both,
            _ => FlowDirection.Unknown,
        };
    }

    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "server", "servers", "gateway", "system", "appliance", "manager", "service", "services", "platform", "client", "controller",
        "bridge", "node", "the", "this", "product", "unit", "box", "suite", "software", "application", "app", "pbx", "sbc",
    };

    /// <summary>
    /// The product words with the name the reader gave the product ("CareSignal 5.4" from the title) added when that
    /// name shares a distinctive word with the sidecar's product words ("CareSignal Alert Server"): the reader named the
    /// same product, only in other words. A name that shares none ("CORVANE NETWORKS", the vendor) is not added.
    /// </summary>
    public static IReadOnlyList<string> AcceptedProduct(IReadOnlyList<string> expected, string? readerProduct)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (readerProduct is null || SelfPlaceholders.Contains(readerProduct, StringComparer.OrdinalIgnoreCase))
        {
            return expected;
        }

        static IEnumerable<string> Distinctive(string text) =>
            text.Split([' ', '-', '/', '(', ')', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 3 && w.Any(char.IsLetter) && !GenericWords.Contains(w));

        var words = expected.SelectMany(Distinctive).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Distinctive(readerProduct).Any(words.Contains) ? [.. expected, readerProduct] : expected;
    }

    /// <summary>Whether a role name names the product: contains a product word or placeholder as whole words.</summary>
    public static bool IsProduct(string name, IReadOnlyList<string> product) =>
        product.Concat(SelfPlaceholders).Any(word => ContainsWords(name, word));

    /// <summary>The port set a found flow is compared on: none for transports without ports, null when it cannot be evaluated.</summary>
    public static PortSet? PortsOf(ImportedFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (!flow.Transport.HasPorts())
        {
            return PortSet.All;
        }

        try
        {
            return flow.Ports.IsConstant ? flow.Ports.Evaluate(null) : null;
        }
        catch (PortExpressionException)
        {
            return null;
        }
    }

    public static DocumentScore Score(ExpectedDocument expected, ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(result);
        var product = AcceptedProduct(expected.Product, result.Product);
        var found = result.Flows.Select(f => (Flow: f, Ports: PortsOf(f), Direction: DirectionOf(f, product)))
            .Where((x, i) => !(x.Direction == FlowDirection.Both && result.Flows.Take(i).Any(e => IsReverse(e, x.Flow))))
            .ToList();
        var targets = expected.Flows.Select(e => new Target(e, required: true))
            .Concat(expected.Optional.Select(e => new Target(e, required: false)))
            .ToList();

        // Every admissible (found, expected) pair, nearest line first, required before optional; then greedy.
        var pairs = new List<(int F, int T, int Distance)>();
        for (var f = 0; f < found.Count; f++)
        {
            for (var t = 0; t < targets.Count; t++)
            {
                var e = targets[t].Flow;
                if (found[f].Flow.Transport == e.Transport && found[f].Ports is { } ports && e.Ports.IsSupersetOf(ports) && !ports.IsEmpty
                    && Compatible(found[f].Direction, e))
                {
                    pairs.Add((f, t, Math.Abs(found[f].Flow.Line - e.Line)));
                }
            }
        }

        var taken = new bool[found.Count];
        foreach (var (f, t, _) in pairs.OrderBy(p => p.Distance).ThenBy(p => found[p.F].Ports == targets[p.T].Flow.Ports ? 0 : 1).ThenBy(p => targets[p.T].Required ? 0 : 1).ThenBy(p => p.F).ThenBy(p => p.T))
        {
            if (!taken[f] && targets[t].TryTake(found[f].Direction, found[f].Ports!))
            {
                taken[f] = true;
            }
        }

        var wrong = found.Where((x, i) => !taken[i])
            .Select(x => $"line {x.Flow.Line}: {x.Flow.Transport.ToName()} {(x.Flow.Transport.HasPorts() ? x.Flow.Ports.ToString() : "-")} {Name(x.Direction)}"
                + $" (from [{string.Join(", ", x.Flow.From)}] to [{string.Join(", ", x.Flow.To)}], cell '{x.Flow.Cell}')")
            .ToList();
        var missed = targets.Where(t => t.Required && !t.Full).Select(t => t.Flow + t.PartialNote).ToList();
        return new DocumentScore(
            expected.Name,
            result.Layout,
            expected.Flows.Count,
            found.Count,
            taken.Count(x => x),
            targets.Count(t => t.Required && t.Full),
            missed,
            wrong);
    }

    /// <summary>A result for a document whose import failed: nothing found, the error kept for the table.</summary>
    public static DocumentScore Failed(ExpectedDocument expected, Exception error)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(error);
        return new DocumentScore(expected.Name, "-", expected.Flows.Count, 0, 0, 0,
            expected.Flows.Select(f => f.ToString()).ToList(), [], $"{error.GetType().Name}: {error.Message}");
    }

    /// <summary>A fixed-width table of per-document figures and the totals (micro-averaged over all flows).</summary>
    public static string Table(IReadOnlyList<DocumentScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sb = new StringBuilder();
        var width = Math.Max(8, scores.Select(s => s.Document.Length).DefaultIfEmpty(0).Max());
        sb.Append(CultureInfo.InvariantCulture, $"{"document".PadRight(width)}  {"layout",-22} {"expected",8} {"found",6} {"correct",8} {"recalled",9} {"precision",10} {"recall",7}\n");
        foreach (var s in scores)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{s.Document.PadRight(width)}  {Shorten(s.Layout, 22),-22} {s.Expected,8} {s.Found,6} {s.Correct,8} {s.Recalled,9} {s.Precision,10:P1} {s.Recall,7:P1}\n");
            if (s.Error is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    error: {s.Error}\n");
            }
        }

        var total = Total(scores);
        sb.Append(CultureInfo.InvariantCulture,
            $"{"TOTAL".PadRight(width)}  {"",-22} {total.Expected,8} {total.Found,6} {total.Correct,8} {total.Recalled,9} {total.Precision,10:P1} {total.Recall,7:P1}\n");
        return sb.ToString();
    }

    /// <summary>The sum over documents: precision and recall over all flows, not an average of ratios.</summary>
    public static DocumentScore Total(IReadOnlyList<DocumentScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new DocumentScore("TOTAL", "", scores.Sum(s => s.Expected), scores.Sum(s => s.Found), scores.Sum(s => s.Correct),
            scores.Sum(s => s.Recalled), scores.SelectMany(s => s.Missed.Select(m => $"{s.Document} {m}")).ToList(),
            scores.SelectMany(s => s.Wrong.Select(w => $"{s.Document} {w}")).ToList());
    }

    /// <summary>
    /// Whether <paramref name="b"/> is <paramref name="a"/> the other way round: "both" between two instances of
    /// the product may be written as A to B and B to A, which is one "both" flow to the scorer.
    /// </summary>
    private static bool IsReverse(ImportedFlow a, ImportedFlow b) =>
        a.Line == b.Line && a.Transport == b.Transport && a.Ports.ToString() == b.Ports.ToString()
        && a.From.SequenceEqual(b.To) && a.To.SequenceEqual(b.From);

    private static bool Compatible(FlowDirection found, ExpectedFlow expected) =>
        expected.Directions.Contains(found)
        || (expected.IsSplittableBoth && found is FlowDirection.In or FlowDirection.Out);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static bool ContainsWords(string text, string words)
    {
        var start = 0;
        while (start <= text.Length - words.Length)
        {
            var i = text.IndexOf(words, start, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return false;
            }

            var end = i + words.Length;
            if ((i == 0 || !char.IsLetterOrDigit(text[i - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }

            start = i + 1;
        }

        return false;
    }

    /// <summary>
    /// An expected flow being filled: one slot, or for a plain "both" an in half and an out half. Each
    /// slot may be filled by one found flow with the whole port set, or by several whose port sets
    /// are disjoint parts of it ("389/tcp, 636/tcp" read as two flows where the engineer wrote one).
    /// </summary>
    private sealed class Target(ExpectedFlow flow, bool required)
    {
        private PortSet _in = PortSet.Empty;
        private PortSet _out = PortSet.Empty;
        private PortSet _whole = PortSet.Empty;

        public ExpectedFlow Flow { get; } = flow;

        public bool Required { get; } = required;

        /// <summary>Filled: both halves of a "both"; or, where "in" (or "out") is also accepted ("both|in"), that half alone.</summary>
        public bool Full => Flow.IsSplittableBoth
            ? (_in == Flow.Ports && _out == Flow.Ports)
                || (_in == Flow.Ports && _out.IsEmpty && Flow.Directions.Contains(FlowDirection.In))
                || (_out == Flow.Ports && _in.IsEmpty && Flow.Directions.Contains(FlowDirection.Out))
            : _whole == Flow.Ports;

        public string PartialNote =>
            Full || (_in.IsEmpty && _out.IsEmpty && _whole.IsEmpty) ? ""
            : !Flow.IsSplittableBoth ? $" (found only {_whole})"
            : _in == Flow.Ports && _out.IsEmpty ? " (only the in half was found)"
            : _out == Flow.Ports && _in.IsEmpty ? " (only the out half was found)"
            : $" (found only in {Covered(_in)}, out {Covered(_out)})";

        public bool TryTake(FlowDirection direction, PortSet ports)
        {
            if (!Flow.IsSplittableBoth)
            {
                return Add(ref _whole, ports);
            }

            switch (direction)
            {
                // "both", or another reading the sidecar accepts beside it ("unknown|in|both"): the whole flow.
                case FlowDirection.Both or FlowDirection.Unknown when !_in.Overlaps(ports) && !_out.Overlaps(ports):
                    _in = _in.Union(ports);
                    _out = _out.Union(ports);
                    return true;
                case FlowDirection.In:
                    return Add(ref _in, ports);
                case FlowDirection.Out:
                    return Add(ref _out, ports);
                default:
                    return false;
            }
        }

        private static bool Add(ref PortSet slot, PortSet ports)
        {
            if (slot.Overlaps(ports))
            {
                return false;
            }

            slot = slot.Union(ports);
            return true;
        }

        private static string Covered(PortSet set) => set.IsEmpty ? "none" : set.ToString();
    }
}
