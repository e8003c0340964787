using System.Net;
using PortMatrix.Render;
using PortMatrix.Sites;
using YamlDotNet.RepresentationModel;

namespace PortMatrix.Tests.Render;

/// <summary>
/// No kubectl or API server here: every document is parsed with YamlDotNet and checked against the
/// NetworkPolicy v1 schema fields the renderer writes.
/// </summary>
public sealed class KubernetesNetworkPolicyRendererTests
{
    private static readonly Lazy<string> Output = new(() => new KubernetesNetworkPolicyRenderer().Render(CloudTestSite.Model()));

    private static readonly string Voice = CloudTestSite.LongZone;

    private static readonly string Lan = CloudTestSite.LongLan;

    private static List<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    private static YamlNode Get(YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node).Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : throw new Xunit.Sdk.XunitException($"missing key '{key}'");

    private static string Scalar(YamlNode node, string key) => Assert.IsType<YamlScalarNode>(Get(node, key)).Value!;

    private static YamlSequenceNode Seq(YamlNode node, string key) => Assert.IsType<YamlSequenceNode>(Get(node, key));

    /// <summary>Checks every document against the schema; returns them.</summary>
    private static List<YamlMappingNode> CheckSchema(string text)
    {
        var docs = Documents(text);
        Assert.NotEmpty(docs);
        var names = new List<string>();
        foreach (var doc in docs)
        {
            Assert.Equal("networking.k8s.io/v1", Scalar(doc, "apiVersion"));
            Assert.Equal("NetworkPolicy", Scalar(doc, "kind"));
            var metadata = Get(doc, "metadata");
            var name = Scalar(metadata, "name");
            Assert.Matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", name);
            names.Add(name);
            Assert.Matches(@"^([a-z0-9-]+:[A-Za-z0-9._-]+( [a-z0-9-]+:[A-Za-z0-9._-]+)*)?$", Scalar(Get(metadata, "annotations"), "portmatrix.io/flows"));
            var spec = Get(doc, "spec");
            var endpoint = Scalar(Get(Get(spec, "podSelector"), "matchLabels"), "portmatrix.io/endpoint");
            Assert.Matches("^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$", endpoint);
            Assert.Equal(["Ingress"], Seq(spec, "policyTypes").Select(n => ((YamlScalarNode)n).Value));
            foreach (var rule in Seq(spec, "ingress"))
            {
                var from = Seq(rule, "from");
                Assert.NotEmpty(from);
                foreach (var peer in from)
                {
                    var cidr = Scalar(Get(peer, "ipBlock"), "cidr");
                    Assert.True(Cidr.TryParse(cidr, out var c) && cidr.Contains('/', StringComparison.Ordinal) && c.ToString() == cidr, $"bad cidr {cidr}");
                }

                var ports = Seq(rule, "ports");
                Assert.NotEmpty(ports);
                foreach (var port in ports)
                {
                    Assert.Matches("^(TCP|UDP|SCTP)$", Scalar(port, "protocol"));
                    var keys = ((YamlMappingNode)port).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
                    Assert.All(keys, k => Assert.Contains(k, new[] { "protocol", "port", "endPort" }));
                    if (keys.Contains("port"))
                    {
                        var p = int.Parse(Scalar(port, "port"), System.Globalization.CultureInfo.InvariantCulture);
                        Assert.InRange(p, 1, 65535);
                        if (keys.Contains("endPort"))
                        {
                            var e = int.Parse(Scalar(port, "endPort"), System.Globalization.CultureInfo.InvariantCulture);
                            Assert.InRange(e, p + 1, 65535);
                        }
                    }
                    else
                    {
                        Assert.DoesNotContain("endPort", keys);
                    }
                }
            }
        }

        Assert.Equal(names.Count, names.Distinct().Count());
        return docs;
    }

    private static YamlMappingNode Policy(string endpoint) =>
        Documents(Output.Value).Single(d => Scalar(Get(Get(Get(d, "spec"), "podSelector"), "matchLabels"), "portmatrix.io/endpoint") == endpoint);

    private static List<YamlNode> Ingress(string endpoint) => [.. Seq(Get(Policy(endpoint), "spec"), "ingress")];

    private static string Ports(YamlNode rule) =>
        string.Join(",", Seq(rule, "ports").Select(p => Scalar(p, "protocol") + "/" + Scalar(p, "port") + (((YamlMappingNode)p).Children.ContainsKey(new YamlScalarNode("endPort")) ? "-" + Scalar(p, "endPort") : "")));

    private static string Cidrs(YamlNode rule) => string.Join(",", Seq(rule, "from").Select(p => Scalar(Get(p, "ipBlock"), "cidr")));

    [Fact]
    public void Every_document_parses_and_follows_the_schema()
    {
        var docs = CheckSchema(Output.Value);

        Assert.Equal(2, docs.Count);
        Assert.StartsWith("# ", Output.Value, StringComparison.Ordinal);
        Assert.EndsWith("\n", Output.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CloudTestSite.ExampleSites), MemberType = typeof(CloudTestSite))]
    public void Example_outputs_parse_and_follow_the_schema(string site)
    {
        foreach (var (_, text) in TestSupport.Examples.RenderEach(site, new KubernetesNetworkPolicyRenderer()))
        {
            CheckSchema(text);
        }

        CheckSchema(TestSupport.Examples.Render(site, new KubernetesNetworkPolicyRenderer()));
    }

    [Fact]
    public void A_single_port_a_range_and_several_ranges()
    {
        var ingress = Ingress("servers-of-the-headquarters-data-center1-pbx1");

        Assert.Equal(
            ["TCP/5061", "TCP/443,TCP/1390-1396", "UDP/10000-10999,UDP/20000-20099", "TCP/5061", "TCP/443,TCP/1390-1396", "UDP/10000-10999,UDP/20000-20099"],
            ingress.Select(Ports).ToList());
    }

    [Fact]
    public void Any_source_and_IPv6_sources_are_ipblocks()
    {
        var ingress = Ingress("servers-of-the-headquarters-data-center1-pbx1");

        Assert.Equal(["0.0.0.0/0", "10.2.0.0/16", "10.2.0.0/16", "::/0", "fd00:2::/48", "fd00:2::/48"], ingress.Select(Cidrs).ToList());
    }

    [Fact]
    public void Sctp_is_rendered_with_its_port()
    {
        var endpoint = $"{Voice}-{Voice}"[..63];
        var ingress = Ingress(endpoint);

        Assert.All(ingress, r => Assert.Equal("SCTP/2905", Ports(r)));
        Assert.Equal(["10.1.0.10/32", "fd00:1::10/128"], ingress.Select(Cidrs).ToList());
    }

    [Theory]
    [InlineData("003", "icmp")]
    [InlineData("004-v6", "icmpv6")]
    [InlineData("005", "esp")]
    [InlineData("005-v6", "esp")]
    public void Icmp_and_esp_are_left_out_with_a_comment(string suffix, string transport)
    {
        var name = $"{Voice}-{Lan}-{suffix}";
        var comment = Output.Value.Split('\n').SkipWhile(l => !l.StartsWith($"    # {name} (", StringComparison.Ordinal)).Take(2).ToList();

        Assert.Equal(2, comment.Count);
        Assert.Matches(@"\[acme-pbx:(ping|nd|ipsec)\]$", comment[0]);
        Assert.Equal($"    # NOT RENDERED: NetworkPolicy ports match only TCP, UDP and SCTP, not {transport}, and a rule without ports would allow every protocol.", comment[1]);
    }

    [Fact]
    public void Names_and_labels_are_cut_to_63_characters()
    {
        var docs = Documents(Output.Value);
        var names = docs.Select(d => Scalar(Get(d, "metadata"), "name")).ToList();

        Assert.Contains("portmatrix-acme-fw1-servers-of-the-headquarters-data-center1-pb", names);
        Assert.All(names, n => Assert.InRange(n.Length, 1, 63));
        Assert.Contains("# labelled portmatrix.io/endpoint: ENDPOINT, so the pods of each endpoint must carry that label", Output.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_is_in_annotations_and_comments()
    {
        var pbx = Policy("servers-of-the-headquarters-data-center1-pbx1");

        Assert.Equal("acme-pbx:remote-sip acme-pbx:h245 acme-pbx:web acme-pbx:media", Scalar(Get(Get(pbx, "metadata"), "annotations"), "portmatrix.io/flows"));
        Assert.Contains($"    # internet-{Lan}-001 (internet -> {Lan}): SIP [acme-pbx:remote-sip]\n    - from:\n", Output.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_destination_of_any_address_is_left_out_with_a_comment()
    {
        var text = TestSupport.Examples.Render("ip-office-internet", new KubernetesNetworkPolicyRenderer());

        Assert.Contains("# NOT RENDERED: servers-internet-001: RTP [avaya-ip-office:ipo-media-out]\n#   its destination is any address", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Documents(text), d => Scalar(Get(Get(Get(d, "spec"), "podSelector"), "matchLabels"), "portmatrix.io/endpoint")== "internet-internet");
        Assert.Contains(Documents(text), d => Scalar(Get(Get(Get(d, "spec"), "podSelector"), "matchLabels"), "portmatrix.io/endpoint") == "internet-sip-trunk-203-0-113-5");
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Output.Value, new KubernetesNetworkPolicyRenderer().Render(CloudTestSite.Model()));
    }
}
