using System.Text.RegularExpressions;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

public sealed partial class PanOsRendererTests
{
    private static readonly PanOsRenderer Renderer = new();

    [Fact]
    public void Single_port_becomes_a_service_object_the_rule_uses()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", "p:sip"));

        Assert.Contains("set service tcp-5060 protocol tcp port 5060\n", text, StringComparison.Ordinal);
        Assert.Matches(RuleLine("lan-dmz-001", @"from lan to dmz source lan-pbx destination dmz-sbc application any service tcp-5060 action allow"), text);
    }

    [Fact]
    public void Ranges_and_lists_use_dashes_and_commas()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Udp, "10000-20000,5060-5061,8080", "p:rtp"));

        Assert.Contains(" protocol udp port 5060-5061,8080,10000-20000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sctp_ports_are_an_sctp_service()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Sctp, "2816", "p:sctp"));

        Assert.Contains(" protocol sctp port 2816\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_list_longer_than_a_service_holds_is_split_into_a_service_group()
    {
        var ports = string.Join(",", Enumerable.Range(0, 600).Select(i => (1000 + (2 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, ports, "p:many"));

        var services = ServiceLine().Matches(text).ToList();
        Assert.True(services.Count > 1, "expected several service objects");
        Assert.All(services, m => Assert.True(m.Groups["ports"].Value.Length <= PanOsRenderer.PortLength));
        var union = PortSet.From(services.SelectMany(m => m.Groups["ports"].Value.Split(',')).Select(PortRange.Parse));
        Assert.Equal(PortSet.Parse(ports), union);
        var group = Assert.Single(ServiceGroupLine().Matches(text));
        Assert.Equal(services.Select(m => m.Groups["name"].Value), group.Groups["members"].Value.Split(' '));
        Assert.Matches(RuleLine("lan-dmz-001", $" service {Regex.Escape(group.Groups["name"].Value)} action allow"), text);
    }

    [Fact]
    public void An_any_source_is_the_any_keyword()
    {
        var rule = HandBuiltPolicy.Rule("internet-dmz-001", Transport.Tcp, "443", "p:https") with
        {
            FromZone = "internet",
            Sources = [HandBuiltPolicy.Internet],
        };

        var text = Render(rule);

        Assert.Matches(RuleLine("internet-dmz-001", "from internet to dmz source any destination dmz-sbc "), text);
        Assert.DoesNotContain("0.0.0.0/0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_networks_get_their_own_objects_and_rule()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5061", "p:sips") with
        {
            Sources = [HandBuiltPolicy.Set("lan", "pbx", "10.1.0.10", "fd00:1::10")],
            Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "192.0.2.10", "fd00:2::10")],
        });

        Assert.Contains("set address lan-pbx-v6 ip-netmask fd00:1::10/128 description \"lan: pbx\"\n", text, StringComparison.Ordinal);
        Assert.Matches(RuleLine("lan-dmz-001-v6", "from lan to dmz source lan-pbx-v6 destination dmz-sbc-v6 application any service tcp-5061 "), text);
    }

    [Fact]
    public void Several_networks_make_an_address_group()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "22", "p:ssh") with
        {
            Destinations = [HandBuiltPolicy.Set("dmz", "sbcs", "192.0.2.10", "192.0.2.11")],
        });

        Assert.Contains("set address dmz-sbcs-1 ip-netmask 192.0.2.10/32\n", text, StringComparison.Ordinal);
        Assert.Contains("set address dmz-sbcs-2 ip-netmask 192.0.2.11/32\n", text, StringComparison.Ordinal);
        Assert.Contains("set address-group dmz-sbcs static [ dmz-sbcs-1 dmz-sbcs-2 ] description \"dmz: sbcs\"\n", text, StringComparison.Ordinal);
        Assert.Matches(RuleLine("lan-dmz-001", " destination dmz-sbcs "), text);
    }

    [Theory]
    [InlineData(Transport.Icmp, true, "icmp")]
    [InlineData(Transport.Icmpv6, false, "ipv6-icmp")]
    [InlineData(Transport.Esp, true, "ipsec-esp")]
    public void Portless_protocols_are_applications_on_their_default_service(Transport transport, bool v4, string application)
    {
        var rule = HandBuiltPolicy.Rule("lan-dmz-001", transport, "", "p:proto");
        if (!v4)
        {
            rule = rule with
            {
                Sources = [HandBuiltPolicy.Set("lan", "pbx", "fd00:1::10")],
                Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "fd00:2::10")],
            };
        }

        var text = Render(rule);

        Assert.Matches(RuleLine(v4 ? "lan-dmz-001" : "lan-dmz-001-v6", $" application {application} service application-default action allow "), text);
        Assert.DoesNotContain("set service ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_cut_to_the_limits()
    {
        var longZone = new string('z', 40);
        var rule = HandBuiltPolicy.Rule("r" + new string('x', 80), Transport.Tcp, "80", "p:http") with { ToZone = longZone };

        var text = Render(rule, zones: ["lan", "dmz", longZone]);

        var line = Assert.Single(text.Split('\n'), l => l.Contains("action allow", StringComparison.Ordinal));
        var name = line.Split(' ')[4];
        Assert.Equal(PanOsRenderer.NameLength, name.Length);
        Assert.Contains($" to {new string('z', PanOsRenderer.ZoneLength)} source ", line, StringComparison.Ordinal);
        PanOsSyntax.Check(text);
    }

    [Fact]
    public void The_description_names_the_services_and_flow_ids()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", "p:sip-a", "p:sip-b"));

        Assert.Matches(RuleLine("lan-dmz-001", @" description ""SIP \[p:sip-a p:sip-b\]"" tag portmatrix-t-fw$"), text);
    }

    [Fact]
    public void Flow_ids_that_overflow_the_description_go_into_tag_comments()
    {
        var flows = Enumerable.Range(1, 60).Select(i => $"product:a-rather-long-flow-identifier-number-{i:D3}").ToArray();
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", flows));

        var rule = Assert.Single(text.Split('\n'), l => l.StartsWith("set rulebase security rules lan-dmz-001 ", StringComparison.Ordinal));
        var description = DescriptionOf().Match(rule).Groups["text"].Value;
        Assert.True(description.Length <= PanOsRenderer.DescriptionLength);
        var tags = TagComments().Matches(text).Where(m => m.Groups["name"].Value.StartsWith("lan-dmz-001-flows-", StringComparison.Ordinal)).ToList();
        Assert.True(tags.Count > 1);
        Assert.Equal(flows, tags.SelectMany(m => m.Groups["text"].Value.Split(' ')));
        Assert.All(tags, m => Assert.Contains(m.Groups["name"].Value, rule, StringComparison.Ordinal));
        PanOsSyntax.Check(text);
    }

    [Fact]
    public void The_last_rule_denies_everything_and_stays_at_the_bottom()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http"));

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.StartsWith("set rulebase security rules pm-deny-all from any to any source any destination any application any service any action deny ", lines[^2], StringComparison.Ordinal);
        Assert.Equal("move rulebase security rules pm-deny-all bottom", lines[^1]);
    }

    [Fact]
    public void The_header_is_the_comment_of_the_tag_every_rule_carries()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var text = Renderer.Render(model);

        var first = text.Split('\n')[0];
        Assert.StartsWith("set tag portmatrix-t-fw comments \"", first, StringComparison.Ordinal);
        foreach (var line in model.HeaderLines)
        {
            Assert.Contains(line, first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_is_deterministic_with_unix_line_ends()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var a = Renderer.Render(model);
        var b = Renderer.Render(model);

        Assert.Equal(a, b);
        Assert.EndsWith("\n", a, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", a, StringComparison.Ordinal);
    }

    public static TheoryData<string> Sites() => [.. Examples.Names];

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_passes_the_strict_syntax_check(string site)
    {
        foreach (var (_, text) in Examples.RenderEach(site, Renderer))
        {
            PanOsSyntax.Check(text);
        }
    }

    [Fact]
    public void The_syntax_check_rejects_a_reference_to_an_undefined_object()
    {
        const string good = "set tag t comments \"x\"\nset rulebase security rules pm-deny-all from any to any source any destination any application any service any action deny description \"x\" tag t\n";
        var bad = good.Replace("source any", "source nowhere", StringComparison.Ordinal);

        PanOsSyntax.Check(good);
        var e = Assert.ThrowsAny<Exception>(() => PanOsSyntax.Check(bad));
        Assert.Contains("undefined", e.Message, StringComparison.Ordinal);
    }

    private static string Render(PolicyRule rule, IReadOnlyList<string>? zones = null) =>
        Renderer.Render(HandBuiltPolicy.Model([rule], zones));

    private static Regex RuleLine(string name, string pattern) =>
        new($"(?m)^set rulebase security rules {Regex.Escape(name)} .*{pattern}");

    [GeneratedRegex(@"(?m)^set service (?<name>\S+) protocol (tcp|udp|sctp) port (?<ports>\S+)$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"(?m)^set service-group (?<name>\S+) members \[ (?<members>[^\]]+) \]$")]
    private static partial Regex ServiceGroupLine();

    [GeneratedRegex(@"(?m)^set tag (?<name>\S+) comments ""(?<text>[^""]*)""$")]
    private static partial Regex TagComments();

    [GeneratedRegex(@" description ""(?<text>[^""]*)""")]
    private static partial Regex DescriptionOf();
}

/// <summary>
/// A strict check of PanOsRenderer's output, standing in for a PAN-OS parser (none runs here): every
/// line is one of the commands the renderer writes, names and values keep PAN-OS's limits, ports are
/// valid, and every object a rule or group names is defined on an earlier line.
/// </summary>
internal static partial class PanOsSyntax
{
    private const string Name = "[A-Za-z0-9_][A-Za-z0-9._-]*";

    public static void Check(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var services = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1}: {line}";
            Match m;
            if ((m = Tag().Match(line)).Success)
            {
                Define(tags, m.Groups["name"].Value, PanOsRenderer.TagLength, where);
                Assert.True(m.Groups["text"].Value.Length <= PanOsRenderer.TagCommentLength, where);
            }
            else if ((m = Address().Match(line)).Success)
            {
                Define(addresses, m.Groups["name"].Value, PanOsRenderer.NameLength, where);
                Assert.True(Cidr.TryParse(m.Groups["net"].Value, out _), where);
                Assert.True(m.Groups["text"].Value.Length <= PanOsRenderer.DescriptionLength, where);
            }
            else if ((m = AddressGroup().Match(line)).Success)
            {
                Members(addresses, m.Groups["members"], where);
                Define(addresses, m.Groups["name"].Value, PanOsRenderer.NameLength, where);
            }
            else if ((m = Service().Match(line)).Success)
            {
                Define(services, m.Groups["name"].Value, PanOsRenderer.NameLength, where);
                var ports = m.Groups["ports"].Value;
                Assert.True(ports.Length <= PanOsRenderer.PortLength, where);
                foreach (var item in ports.Split(','))
                {
                    Assert.True(PortItem().IsMatch(item) && PortRange.TryParse(item, out _), where);
                }
            }
            else if ((m = ServiceGroup().Match(line)).Success)
            {
                Members(services, m.Groups["members"], where);
                Define(services, m.Groups["name"].Value, PanOsRenderer.NameLength, where);
            }
            else if ((m = Rule().Match(line)).Success)
            {
                Define(rules, m.Groups["name"].Value, PanOsRenderer.NameLength, where);
                Assert.True(m.Groups["from"].Value.Length <= PanOsRenderer.ZoneLength && m.Groups["to"].Value.Length <= PanOsRenderer.ZoneLength, where);
                foreach (var side in new[] { "src", "dst" })
                {
                    if (m.Groups[side].Value != "any")
                    {
                        Members(addresses, m.Groups[side], where);
                    }
                }

                var app = m.Groups["app"].Value;
                var svc = m.Groups["svc"].Value;
                Assert.True(app == "any" ? services.Contains(svc) || (svc == "any" && m.Groups["action"].Value == "deny") : svc == "application-default", where);
                Assert.True(m.Groups["text"].Value.Length <= PanOsRenderer.DescriptionLength, where);
                Members(tags, m.Groups["tags"], where);
            }
            else if (line != $"move rulebase security rules {PanOsRenderer.DenyRule} bottom" || i != lines.Length - 1)
            {
                Assert.Fail($"not a command the renderer writes, {where}");
            }
        }

        Assert.Contains(PanOsRenderer.DenyRule, rules);
    }

    private static void Define(HashSet<string> names, string name, int maxLength, string where)
    {
        Assert.True(name.Length <= maxLength, $"name longer than {maxLength}, {where}");
        Assert.True(names.Add(name), $"defined twice, {where}");
    }

    private static void Members(HashSet<string> defined, Group group, string where)
    {
        var text = group.Value;
        var members = text.StartsWith("[ ", StringComparison.Ordinal) ? text[2..^2].Split(' ') : [text];
        Assert.True(members.Length > 0 && members.All(defined.Contains), $"names an undefined object, {where}");
    }

    [GeneratedRegex($@"^set tag (?<name>{Name}) comments ""(?<text>[^""\\]*)""$")]
    private static partial Regex Tag();

    [GeneratedRegex($@"^set address (?<name>{Name}) ip-netmask (?<net>[0-9a-f.:]+/\d+)( description ""(?<text>[^""\\]*)"")?$")]
    private static partial Regex Address();

    [GeneratedRegex($@"^set address-group (?<name>{Name}) static (?<members>\[ {Name}( {Name})+ \]) description ""[^""\\]*""$")]
    private static partial Regex AddressGroup();

    [GeneratedRegex($@"^set service (?<name>{Name}) protocol (tcp|udp|sctp) port (?<ports>[0-9,-]+)$")]
    private static partial Regex Service();

    [GeneratedRegex($@"^set service-group (?<name>{Name}) members (?<members>\[ {Name}( {Name})+ \])$")]
    private static partial Regex ServiceGroup();

    [GeneratedRegex($@"^set rulebase security rules (?<name>{Name}) from (?<from>{Name}) to (?<to>{Name}) source (?<src>{Name}|\[ {Name}( {Name})+ \]) destination (?<dst>{Name}|\[ {Name}( {Name})+ \]) application (?<app>any|icmp|ipv6-icmp|ipsec-esp) service (?<svc>{Name}) action (?<action>allow|deny) description ""(?<text>[^""\\]*)"" tag (?<tags>{Name}|\[ {Name}( {Name})+ \])$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\d{1,5}(-\d{1,5})?$")]
    private static partial Regex PortItem();
}

/// <summary>Render models from hand-made policy rules on a tiny site, for renderer unit tests.</summary>
internal static class HandBuiltPolicy
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    public static AddressSet Internet { get; } = new("internet", "internet", [Cidr.Parse("0.0.0.0/0"), Cidr.Parse("::/0")]);

    public static AddressSet Set(string zone, string name, params string[] networks) =>
        new(name, zone, networks.Select(n => n.Contains('/', StringComparison.Ordinal) ? Cidr.Parse(n) : Cidr.Host(System.Net.IPAddress.Parse(n))).ToList());

    /// <summary>A rule from lan (host pbx, 10.1.0.10) to dmz (host sbc, 192.0.2.10) on firewall fw; service "SIP".</summary>
    public static PolicyRule Rule(string name, Transport transport, string ports, params string[] flows) => new()
    {
        Name = name,
        Firewall = "fw",
        FromZone = "lan",
        ToZone = "dmz",
        Sources = [Set("lan", "pbx", "10.1.0.10")],
        Destinations = [Set("dmz", "sbc", "192.0.2.10")],
        Transport = transport,
        Ports = transport.HasPorts() ? PortSet.Parse(ports) : PortSet.All,
        FlowIds = flows,
        Services = ["SIP"],
    };

    public static RenderModel Model(IReadOnlyList<PolicyRule> rules, IReadOnlyList<string>? zones = null)
    {
        zones ??= ["lan", "dmz"];
        var yaml = $$"""
            site: t
            zones:
              - { name: lan, cidrs: [10.1.0.0/16, "fd00:1::/48"] }
              - { name: dmz, cidrs: [192.0.2.0/24, "fd00:2::/48"] }
              - { name: internet, cidrs: [0.0.0.0/0, "::/0"] }
            {{string.Concat(zones.Except(["lan", "dmz", "internet"]).Select((z, i) => $"  - {{ name: {z}, cidrs: [10.{100 + i}.0.0/16] }}\n"))}}firewalls:
              - { name: fw, zones: [{{string.Join(", ", zones.Union(["internet"]))}}] }
            """;
        var site = SiteFileReader.Read("test.yaml", yaml, Catalog.Value);
        var policy = new SitePolicy(site, rules, [], rules.Count);
        return RenderModel.Build(policy, site.Firewalls[0]);
    }
}
