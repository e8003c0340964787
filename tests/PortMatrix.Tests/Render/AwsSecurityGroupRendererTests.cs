using System.Text.RegularExpressions;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Render;
using PortMatrix.Sites;

namespace PortMatrix.Tests.Render;

/// <summary>
/// A small site for the cloud renderers' unit tests: a single port, a range, several ranges, an
/// "any" source, IPv6, icmp/icmpv6/esp/sctp, and a zone name long enough to hit name limits.
/// </summary>
internal static class CloudTestSite
{
    /// <summary>Zone names at the site file's limit of 40 characters.</summary>
    public const string LongZone = "voice-vlan-of-the-second-floor-building1";

    public const string LongLan = "servers-of-the-headquarters-data-center1";

    private const string CatalogYaml = """
        id: acme-pbx
        vendor: Acme
        product: PBX
        release: "2.1"
        sources:
          - { id: doc, title: Acme port list }
        roles:
          - { id: server, name: Acme Server }
          - { id: phone, name: IP phone }
          - { id: remote, name: Remote worker }
        flows:
          - { id: web, service: HTTPS, from: phone, to: server, transport: tcp, ports: "443", purpose: web, source: { doc: doc, line: 1, cell: "443" } }
          - { id: h245, service: H.245, from: phone, to: server, transport: tcp, ports: "1390-1396", purpose: h245, source: { doc: doc, line: 2, cell: "1390" } }
          - { id: media, service: RTP, from: phone, to: server, transport: udp, ports: "10000-10999,20000-20099", purpose: voice, source: { doc: doc, line: 3, cell: "rtp" } }
          - { id: ping, service: ICMP, from: phone, to: server, transport: icmp, ports: "any", purpose: ping, source: { doc: doc, line: 4, cell: "icmp" } }
          - { id: nd, service: ICMPv6, from: phone, to: server, transport: icmpv6, ports: "any", purpose: nd, source: { doc: doc, line: 5, cell: "icmpv6" } }
          - { id: ipsec, service: IPsec, from: phone, to: server, transport: esp, ports: "any", purpose: ipsec, source: { doc: doc, line: 6, cell: "esp" } }
          - { id: sigtran, service: SIGTRAN, from: server, to: phone, transport: sctp, ports: "2905", purpose: sigtran, source: { doc: doc, line: 7, cell: "sctp" } }
          - { id: remote-sip, service: SIP, from: remote, to: server, transport: tcp, ports: "5061", purpose: remote sip, source: { doc: doc, line: 8, cell: "5061" } }
        MANY
        """;

    private const string ManyPorts = """
          - { id: many, service: Many, from: phone, to: server, transport: tcp, ports: "PORTS", purpose: many, source: { doc: doc, line: 9, cell: "many" } }
        """;

    private const string SiteYaml = """
        site: acme
        zones:
          - { name: lan, cidrs: [10.1.0.0/16, "fd00:1::/48"] }
          - { name: ZONE, cidrs: [10.2.0.0/16, "fd00:2::/48"] }
          - { name: internet, cidrs: [0.0.0.0/0, "::/0"] }
        hosts:
          - { name: pbx1, addresses: [10.1.0.10, "fd00:1::10"], zone: lan, runs: [acme-pbx:server] }
        bind:
          acme-pbx:phone: ZONE
          acme-pbx:remote: internet
        firewalls:
          - { name: fw1, zones: [lan, ZONE, internet], target: nftables }
        """;

    /// <summary>The model of the site; with <paramref name="separatePorts"/> &gt; 0 it adds a tcp flow with that many separate ports.</summary>
    public static RenderModel Model(int separatePorts = 0)
    {
        var many = separatePorts == 0 ? "" : ManyPorts.Replace("PORTS", string.Join(",", Enumerable.Range(0, separatePorts).Select(i => (30000 + (2 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture))), StringComparison.Ordinal);
        var catalog = new PortCatalog([CatalogFileReader.Read("acme.yaml", CatalogYaml.Replace("MANY", many.TrimEnd(), StringComparison.Ordinal))]);
        var yaml = SiteYaml.Replace("lan", LongLan, StringComparison.Ordinal).Replace("ZONE", LongZone, StringComparison.Ordinal);
        var site = SiteFileReader.Read("acme-site.yaml", yaml, catalog);
        var policy = PolicyCompiler.Compile(site);
        return RenderModel.Build(policy, site.Firewalls[0]);
    }

    /// <summary>The example sites, for theories over the golden inputs.</summary>
    public static TheoryData<string> ExampleSites() => [.. TestSupport.Examples.Names];
}


/// <summary>
/// A structural check of generated Terraform (no terraform binary here): every line has one of a few
/// strict shapes, quotes pair up on each line, and braces balance.
/// </summary>
internal static partial class HclShape
{
    public static void Check(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var depth = 0;
        var lineNo = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            lineNo++;
            if (line.Length == 0 || CommentLine().IsMatch(line))
            {
                continue;
            }

            var ok = BlockOpen().IsMatch(line) || MapOpen().IsMatch(line) || Attribute().IsMatch(line) || line.Trim() == "}";
            Assert.True(ok, $"line {lineNo} has no known HCL shape: {line}");
            Assert.True(UnescapedQuotes(line) % 2 == 0, $"line {lineNo} has unpaired quotes: {line}");
            var code = StringLiteral().Replace(line, "\"\"");
            depth += code.Count(c => c == '{') - code.Count(c => c == '}');
            Assert.True(depth >= 0, $"line {lineNo} closes a brace that was never opened.");
            Assert.Equal(line.TakeWhile(c => c == ' ').Count(), (depth - (code.EndsWith('{') ? 1 : 0)) * 2);
        }

        Assert.Equal(0, depth);
    }

    private static int UnescapedQuotes(string line)
    {
        var n = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '"')
            {
                n++;
            }
        }

        return n;
    }

    [GeneratedRegex(@"^\s*#")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^(terraform|variable ""[a-z_]+""|resource ""[a-z0-9_]+"" ""[A-Za-z_][A-Za-z0-9_-]*"") \{$")]
    private static partial Regex BlockOpen();

    [GeneratedRegex(@"^ +[a-z_]+( =)? \{$")]
    private static partial Regex MapOpen();

    [GeneratedRegex(@"^ +(""[a-z:]+""|[A-Za-z_][A-Za-z0-9_-]*) +=( (""([^""\\]|\\.)*""|-?\d+|string|var\.[a-z_]+|[a-z_]+\.[A-Za-z_][A-Za-z0-9_-]*\.(id|name)|\[""([^""\\]|\\.)*""(, ""([^""\\]|\\.)*"")*\]))$")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"""([^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}

public sealed partial class AwsSecurityGroupRendererTests
{
    private static readonly Lazy<string> Output = new(() => new AwsSecurityGroupRenderer().Render(CloudTestSite.Model()));

    private static readonly string Voice = CloudTestSite.LongZone;

    /// <summary>The resource blocks of one type, with the comment line above each.</summary>
    private static List<(string Comment, string Label, string Body)> Resources(string text, string type) =>
        ResourceBlock().Matches(text).Where(m => m.Groups["type"].Value == type)
            .Select(m => (m.Groups["comment"].Value, m.Groups["label"].Value, m.Groups["body"].Value)).ToList();

    private static List<string> RuleBodies(string ruleName, string direction = "ingress") =>
        Resources(Output.Value, $"aws_vpc_security_group_{direction}_rule").Where(r => r.Body.Contains($"\"portmatrix:rule\" = \"{ruleName}\"", StringComparison.Ordinal)).Select(r => r.Body).ToList();

    [Fact]
    public void Output_has_valid_terraform_shape()
    {
        HclShape.Check(Output.Value);
    }

    [Theory]
    [MemberData(nameof(CloudTestSite.ExampleSites), MemberType = typeof(CloudTestSite))]
    public void Example_outputs_have_valid_terraform_shape(string site)
    {
        foreach (var (_, text) in TestSupport.Examples.RenderEach(site, new AwsSecurityGroupRenderer()))
        {
            HclShape.Check(text);
            var labels = ResourceBlock().Matches(text).Select(m => m.Groups["type"].Value + "." + m.Groups["label"].Value).ToList();
            Assert.Equal(labels.Count, labels.Distinct().Count());
        }
    }

    [Fact]
    public void A_single_port_is_one_rule_with_equal_from_and_to_port()
    {
        var bodies = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-001");

        Assert.Contains(bodies, b => b.Contains("ip_protocol       = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_range_is_one_rule_from_low_to_high()
    {
        var bodies = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-001");

        Assert.Contains(bodies, b => b.Contains("from_port         = 1390\n  to_port           = 1396\n", StringComparison.Ordinal));
        Assert.Equal(2, bodies.Count);
    }

    [Fact]
    public void Several_ranges_become_one_rule_per_range_on_both_ends()
    {
        var ingress = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-002");
        var egress = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-002", "egress");

        Assert.Equal(["10000-10999", "20000-20099"], ingress.Select(Ports).ToList());
        Assert.Equal(["10000-10999", "20000-20099"], egress.Select(Ports).ToList());
        Assert.All(ingress, b => Assert.Contains("cidr_ipv4         = \"10.2.0.0/16\"", b, StringComparison.Ordinal));
        Assert.All(egress, b => Assert.Contains("cidr_ipv4         = \"10.1.0.10/32\"", b, StringComparison.Ordinal));
    }

    [Fact]
    public void Any_source_is_the_default_route_and_gets_no_group()
    {
        var v4 = Assert.Single(RuleBodies($"internet-{CloudTestSite.LongLan}-001"));
        var v6 = Assert.Single(RuleBodies($"internet-{CloudTestSite.LongLan}-001-v6"));

        Assert.Contains("cidr_ipv4         = \"0.0.0.0/0\"", v4, StringComparison.Ordinal);
        Assert.Contains("cidr_ipv6         = \"::/0\"", v6, StringComparison.Ordinal);
        Assert.Empty(RuleBodies($"internet-{CloudTestSite.LongLan}-001", "egress"));
        Assert.DoesNotContain(Resources(Output.Value, "aws_security_group"), g => g.Label.StartsWith("internet", StringComparison.Ordinal));
    }

    [Fact]
    public void IPv6_rules_use_cidr_ipv6_on_the_same_group_as_IPv4()
    {
        var v4 = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-001");
        var v6 = RuleBodies($"{Voice}-{CloudTestSite.LongLan}-001-v6");

        Assert.All(v6, b => Assert.Contains("cidr_ipv6         = \"fd00:2::/48\"", b, StringComparison.Ordinal));
        Assert.Equal(GroupOf(v4[0]), GroupOf(v6[0]));
        Assert.Single(Resources(Output.Value, "aws_security_group"), g => g.Body.Contains("10.1.0.10") && g.Body.Contains("fd00:1::10"));
    }

    [Theory]
    [InlineData("003", "icmp", true)]
    [InlineData("004-v6", "icmpv6", true)]
    [InlineData("005", "50", false)]
    [InlineData("005-v6", "50", false)]
    public void Portless_transports_use_their_protocol(string suffix, string protocol, bool allTypes)
    {
        var body = Assert.Single(RuleBodies($"{Voice}-{CloudTestSite.LongLan}-{suffix}"));

        Assert.Contains($"ip_protocol       = \"{protocol}\"\n", body, StringComparison.Ordinal);
        Assert.Equal(allTypes, body.Contains("from_port         = -1\n  to_port           = -1\n", StringComparison.Ordinal));
        if (!allTypes)
        {
            Assert.DoesNotContain("_port", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sctp_is_left_out_with_a_comment_naming_its_flows()
    {
        Assert.Contains($"# NOT RENDERED: {CloudTestSite.LongLan}-{Voice}-001: SIGTRAN [acme-pbx:sigtran]\n", Output.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("\"132\"", Output.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("sctp\"", Output.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_descriptions_stay_within_aws_and_hcl_limits()
    {
        var labels = ResourceBlock().Matches(Output.Value).Select(m => m.Groups["label"].Value).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, l => Assert.Matches("^[A-Za-z_][A-Za-z0-9_-]*$", l));
        var texts = AwsTextAttribute().Matches(Output.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Matches(@"^[a-zA-Z0-9 ._\-:/()#,@\[\]+=&;{}!$*]{1,255}$", t));
        Assert.Contains(Resources(Output.Value, "aws_security_group"), g => g.Label.Length == 60);
    }

    [Fact]
    public void Every_rule_carries_its_flows_in_a_comment_and_its_description()
    {
        var rules = Resources(Output.Value, "aws_vpc_security_group_ingress_rule").Concat(Resources(Output.Value, "aws_vpc_security_group_egress_rule")).ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Matches(@"^# \S+ \(\S+ -> \S+\): .+ \[acme-pbx:\S+( acme-pbx:\S+)*\]$", r.Comment));
        var web = rules.First(r => r.Comment.Contains("acme-pbx:web", StringComparison.Ordinal));
        Assert.Contains("description       = \"" + $"{Voice}-{CloudTestSite.LongLan}-001 acme-pbx:h245 acme-pbx:web\"", web.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_flow_lists_are_shortened_in_the_description_only()
    {
        var model = CloudTestSite.Model();
        Assert.True(model.Rules.Max(r => string.Join(" ", r.Rule.FlowIds).Length) < 255, "the test site has short flow lists");
        var text = new AwsSecurityGroupRenderer().Render(model);

        Assert.All(AwsTextAttribute().Matches(text), m => Assert.DoesNotContain("...", m.Groups[1].Value, StringComparison.Ordinal));
        var golden = TestSupport.Examples.Render("mx-one-hq", new AwsSecurityGroupRenderer());
        var shortened = AwsTextAttribute().Matches(golden).Select(m => m.Groups[1].Value).Where(t => t.EndsWith("...", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(shortened);
        Assert.All(shortened, t => Assert.Equal(255, t.Length));
    }

    [Fact]
    public void A_group_above_the_rule_quota_gets_a_warning()
    {
        Assert.DoesNotContain("# WARNING:", Output.Value, StringComparison.Ordinal);

        var text = new AwsSecurityGroupRenderer().Render(CloudTestSite.Model(separatePorts: 60));

        // The pbx group: 62 tcp ranges, 2 udp, icmp, esp and the remote SIP rule; the voice group
        // sends the same minus the remote SIP rule.
        Assert.Contains("# WARNING: 67 inbound IPv4 rules, above the default quota of 60 per security group", text, StringComparison.Ordinal);
        Assert.Contains("# WARNING: 67 inbound IPv6 rules", text, StringComparison.Ordinal);
        Assert.Contains("# WARNING: 66 outbound IPv4 rules", text, StringComparison.Ordinal);
        HclShape.Check(text);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Output.Value, new AwsSecurityGroupRenderer().Render(CloudTestSite.Model()));
    }

    private static string Ports(string body)
    {
        var m = PortPair().Match(body);
        return $"{m.Groups[1].Value}-{m.Groups[2].Value}";
    }

    private static string GroupOf(string body) => GroupReference().Match(body).Groups[1].Value;

    [GeneratedRegex(@"(?<comment>#[^\n]*)?\n?resource ""(?<type>[a-z0-9_]+)"" ""(?<label>[^""]+)"" \{\n(?<body>(  [^\n]*\n)*)\}\n")]
    private static partial Regex ResourceBlock();

    [GeneratedRegex(@"^ +(?:description|name) += ""([^""]*)""$", RegexOptions.Multiline)]
    private static partial Regex AwsTextAttribute();

    [GeneratedRegex(@"from_port += (-?\d+)\n  to_port += (-?\d+)")]
    private static partial Regex PortPair();

    [GeneratedRegex(@"security_group_id = aws_security_group\.([^.]+)\.id")]
    private static partial Regex GroupReference();
}
