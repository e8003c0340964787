using System.Xml.Linq;
using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Documents;

/// <summary>
/// Flow diagrams: reviewed DOT and Mermaid output for two products and one site, merged edges,
/// compact labels, escaping, and SVG made by the real Graphviz <c>dot</c>.
/// </summary>
public sealed class DiagramTests
{
    private static readonly PortCatalog Catalog = PortCatalog.BuiltIn();

    public static TheoryData<string> GoldenSubjects() => ["avaya-ip-office", "swyx-swyxware", "site:mx-one-hq"];

    /// <summary>Every catalog product and every example site.</summary>
    public static TheoryData<string> AllSubjects()
    {
        var data = new TheoryData<string>();
        foreach (var id in Catalog.Releases.Select(r => r.Id).Distinct())
        {
            data.Add(id);
        }

        foreach (var site in Examples.Names)
        {
            data.Add("site:" + site);
        }

        return data;
    }

    private static DiagramGraph Graph(string subject, DiagramOptions? options = null) =>
        subject.StartsWith("site:", StringComparison.Ordinal)
            ? DiagramBuilder.ForSite(Examples.Policy(subject["site:".Length..]))
            : DiagramBuilder.ForProduct(Catalog, Catalog.Resolve(subject).Single(), options);

    [Theory]
    [MemberData(nameof(GoldenSubjects))]
    public void Dot_output_matches_the_reviewed_golden_file(string subject)
    {
        var dot = DiagramDotWriter.Write(Graph(subject));

        Golden.Match(Path.Combine("Documents", "Golden", subject.Replace("site:", "", StringComparison.Ordinal) + ".dot"), dot);
    }

    [Theory]
    [MemberData(nameof(GoldenSubjects))]
    public void Mermaid_output_matches_the_reviewed_golden_file(string subject)
    {
        var mermaid = DiagramMermaidWriter.Write(Graph(subject));

        Golden.Match(Path.Combine("Documents", "Golden", subject.Replace("site:", "", StringComparison.Ordinal) + ".mmd"), mermaid);
    }

    [Theory]
    [MemberData(nameof(AllSubjects))]
    public void Output_is_the_same_on_every_run(string subject)
    {
        Assert.Equal(DiagramDotWriter.Write(Graph(subject)), DiagramDotWriter.Write(Graph(subject)));
        Assert.Equal(DiagramMermaidWriter.Write(Graph(subject)), DiagramMermaidWriter.Write(Graph(subject)));
    }

    [Theory]
    [MemberData(nameof(AllSubjects))]
    public void Parallel_flows_are_merged_into_one_edge_per_pair(string subject)
    {
        var graph = Graph(subject);

        var pairs = graph.Edges.Select(e => (e.From, e.To)).Distinct().Count();
        Assert.Equal(pairs, graph.Edges.Count);
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.From) && ids.Contains(e.To), $"{e.From} -> {e.To} names a node that is not drawn"));
    }

    [Theory]
    [InlineData("avaya-ip-office")]
    [InlineData("mitel-mx-one")]
    [InlineData("swyx-swyxware")]
    [InlineData("imagicle-uc-suite")]
    public void Without_groups_a_product_has_one_edge_per_role_pair_of_its_firewall_relevant_flows(string product)
    {
        var release = Catalog.Resolve(product).Single();
        var expected = release.Flows
            .Where(f => f.Firewall != Model.FirewallRelevance.NotNeeded)
            .SelectMany(f => f.From.SelectMany(a => f.To.Select(b => (a, b))))
            .Distinct()
            .Count();

        var graph = DiagramBuilder.ForProduct(Catalog, release, new DiagramOptions { NoGroups = true });

        Assert.Equal(expected, graph.Edges.Count);
        Assert.True(graph.Edges.Count < release.Flows.Sum(f => f.From.Count * f.To.Count), "merging made no edge fewer");
    }

    [Fact]
    public void Swyx_media_between_all_call_ends_goes_through_one_role_group()
    {
        var grouped = Graph("swyx-swyxware");
        var flat = Graph("swyx-swyxware", new DiagramOptions { NoGroups = true });

        var group = Assert.Single(grouped.Nodes, n => n.Kind == DiagramNodeKind.RoleGroup);
        Assert.Equal("any of 15 roles:", group.Label[0]);
        Assert.Contains(grouped.Edges, e => e.From == group.Id && e.To == "swyx-server" && e.Label.Contains("udp/51000-51499"));
        Assert.True(grouped.Edges.Count * 3 < flat.Edges.Count, $"{grouped.Edges.Count} edges with groups, {flat.Edges.Count} without");
    }

    [Fact]
    public void Not_needed_flows_are_drawn_only_when_asked()
    {
        var release = Catalog.Resolve("mitel-mx-one").Single();

        var normal = DiagramBuilder.ForProduct(Catalog, release);
        var all = DiagramBuilder.ForProduct(Catalog, release, new DiagramOptions { IncludeNotNeeded = true });

        Assert.DoesNotContain(normal.Edges, e => e.Kind == DiagramEdgeKind.NoOpening);
        Assert.Contains(all.Edges, e => e.Kind == DiagramEdgeKind.NoOpening);
        Assert.Contains(normal.Notes, n => n.Contains("--all", StringComparison.Ordinal));
    }

    [Fact]
    public void Ip_office_roles_are_clustered_by_component()
    {
        var graph = Graph("avaya-ip-office");

        Assert.Contains(graph.Clusters, c => c.Label[0] == "Voicemail Pro");
        Assert.Equal("cluster_Voicemail Pro", graph.Nodes.Single(n => n.Id == "voicemail-pro").Cluster);
        Assert.Equal("cluster_Voicemail Pro", graph.Nodes.Single(n => n.Id == "exchange-server").Cluster);
    }

    [Fact]
    public void Edge_kinds_follow_tls()
    {
        var graph = Graph("mitel-mx-one");

        Assert.Equal(DiagramEdgeKind.Encrypted, graph.Edges.Single(e => e.From == "mobile-client" && e.To == "snm-pm").Kind);
        Assert.Equal(DiagramEdgeKind.Cleartext, graph.Edges.Single(e => e.From == "server" && e.To == "dns-server").Kind);
        Assert.Equal(DiagramEdgeKind.Mixed, graph.Edges.Single(e => e.From == "sip-extension" && e.To == "server").Kind);
    }

    [Fact]
    public void Site_diagram_has_a_cluster_per_used_zone_and_a_node_per_firewall()
    {
        var graph = Graph("site:mx-one-hq");

        Assert.Equal(["cluster_zone_lan", "cluster_zone_voice", "cluster_zone_dmz"], graph.Clusters.Select(c => c.Id));
        Assert.Equal("cluster_zone_lan", graph.Nodes.Single(n => n.Id == "host:mx1").Cluster);
        Assert.Equal(DiagramNodeKind.Zone, graph.Nodes.Single(n => n.Id == "zone:voice").Kind);
        var fw = graph.Nodes.Single(n => n.Kind == DiagramNodeKind.Firewall);
        Assert.Equal(["firewall core", "separates lan, voice, dmz", "target nftables"], fw.Label);
        Assert.Contains(graph.Notes, n => n.Contains("internet", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_merge_ranges_per_transport_and_mark_tls()
    {
        var label = DiagramLabel.Of(
        [
            new DiagramPorts(Transport.Udp, PortSet.Of(5060), false),
            new DiagramPorts(Transport.Tcp, PortSet.Of(5060), false),
            new DiagramPorts(Transport.Tcp, PortSet.Of(5061), true),
            new DiagramPorts(Transport.Tcp, PortSet.Of(5062), false),
            new DiagramPorts(Transport.Icmp, PortSet.All, false),
        ]);

        Assert.Equal(["tcp/5060,5062", "tcp/5061 (TLS)", "udp/5060 +1 more"], label);
    }

    [Fact]
    public void Long_labels_are_capped_with_a_count_of_what_is_left_out()
    {
        var many = PortSet.From(Enumerable.Range(0, 20).Select(i => new PortRange(10000 + (i * 10))));

        var label = DiagramLabel.Of([new DiagramPorts(Transport.Udp, many, false)]);

        var line = Assert.Single(label);
        Assert.StartsWith("udp/10000,10010,", line, StringComparison.Ordinal);
        Assert.Matches(@" \+\d+ more$", line);
        var shown = line.Split(' ')[0].Split('/')[1].Split(',').Length;
        Assert.EndsWith($" +{20 - shown} more", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_quotes_escape_backslashes_quotes_and_line_breaks()
    {
        Assert.Equal("\"a \\\"b\\\" c\\\\d\\ne\"", DiagramDotWriter.Quote("a \"b\" c\\d\ne"));
    }

    [Fact]
    public void Mermaid_labels_use_entity_codes()
    {
        Assert.Equal("\"say #quot;hi#quot; #35;1 #lt;b#gt; a#124;b<br/>x\"", DiagramMermaidWriter.Quote(["say \"hi\" #1 <b> a|b", "x"]));
    }

    [Fact]
    public void Mermaid_node_ids_are_alphanumeric()
    {
        var mermaid = DiagramMermaidWriter.Write(Graph("site:mx-one-hq"));

        foreach (var line in mermaid.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal) || l.Contains("==>", StringComparison.Ordinal) || l.Contains("-.->", StringComparison.Ordinal)))
        {
            var ends = line.Trim().Split(' ');
            Assert.Matches("^[A-Za-z0-9_]+$", ends[0]);
            Assert.Matches("^[A-Za-z0-9_]+$", ends[^1]);
        }
    }

    [Fact]
    public void Svg_without_graphviz_is_a_clear_input_error()
    {
        var e = Assert.Throws<PortMatrixException>(() => DiagramSvg.Render("digraph { a -> b }", "/nonexistent/portmatrix-no-dot"));

        Assert.Contains("install graphviz", e.ToUserLine(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(AllSubjects))]
    public void Graphviz_renders_every_diagram_as_well_formed_svg_with_every_node(string subject)
    {
        RequireDot();
        var graph = Graph(subject);

        var svg = DiagramSvg.Render(DiagramDotWriter.Write(graph));

        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        var titles = doc.Descendants(ns + "g")
            .Where(g => (string?)g.Attribute("class") == "node")
            .Select(g => g.Element(ns + "title")!.Value)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), titles.Order(StringComparer.Ordinal));
        Assert.Equal(graph.Edges.Count, doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "edge"));
        Assert.Contains("PortMatrix", svg.Split('\n').Take(5).First(l => l.Contains("<!--", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>Graphviz is a test tool (Debian package graphviz); without it the SVG tests skip visibly.</summary>
    private static void RequireDot()
    {
        var path = Environment.GetEnvironmentVariable(DiagramSvg.EnvironmentVariable) is { Length: > 0 } p ? p : null;
        var found = path is not null ? File.Exists(path)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "dot")));
        if (!found)
        {
            Assert.Skip("Graphviz 'dot' is not installed (Debian: apt-get install graphviz); the SVG test needs it.");
        }
    }
}
