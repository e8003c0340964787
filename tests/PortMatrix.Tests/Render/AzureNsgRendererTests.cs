using System.Globalization;
using System.Text.RegularExpressions;
using PortMatrix.Render;

namespace PortMatrix.Tests.Render;

public sealed partial class AzureNsgRendererTests
{
    private static readonly Lazy<string> Output = new(() => new AzureNsgRenderer().Render(CloudTestSite.Model()));

    private static readonly string Voice = CloudTestSite.LongZone;

    private static readonly string Lan = CloudTestSite.LongLan;

    private static List<(string Comment, string Label, string Body)> Rules(string text) =>
        RuleBlock().Matches(text).Select(m => (m.Groups["comment"].Value, m.Groups["label"].Value, m.Groups["body"].Value)).ToList();

    private static string Body(string ruleName) =>
        Rules(Output.Value).Single(r => r.Comment.StartsWith($"# {ruleName} (", StringComparison.Ordinal)).Body;

    private static string Attr(string body, string name)
    {
        var m = Regex.Match(body, $@"^  {name} +=\s(.*)$", RegexOptions.Multiline);
        Assert.True(m.Success, $"no attribute {name}");
        var v = m.Groups[1].Value;
        return v.StartsWith('"') ? v[1..^1] : v;
    }

    [Fact]
    public void Output_has_valid_terraform_shape()
    {
        HclShape.Check(Output.Value);
    }

    [Theory]
    [MemberData(nameof(CloudTestSite.ExampleSites), MemberType = typeof(CloudTestSite))]
    public void Example_outputs_have_valid_terraform_shape_and_priorities(string site)
    {
        foreach (var (_, text) in TestSupport.Examples.RenderEach(site, new AzureNsgRenderer()))
        {
            HclShape.Check(text);
            CheckRules(text);
        }
    }

    [Fact]
    public void Priorities_are_unique_ascending_and_end_with_the_deny_at_4096()
    {
        var rules = CheckRules(Output.Value);

        Assert.Equal(100, int.Parse(Attr(rules[0].Body, "priority"), CultureInfo.InvariantCulture));
        var deny = rules[^1].Body;
        Assert.Equal("4096", Attr(deny, "priority"));
        Assert.Equal("Deny", Attr(deny, "access"));
        Assert.Equal("*", Attr(deny, "protocol"));
        Assert.Equal("*", Attr(deny, "source_address_prefix"));
        Assert.Equal("*", Attr(deny, "destination_address_prefix"));
        Assert.Single(rules, r => Attr(r.Body, "access") == "Deny");
        Assert.Contains("# The rule at priority 4096 denies all other inbound traffic explicitly", Output.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_port_a_range_and_several_ranges()
    {
        Assert.Equal("[\"443\", \"1390-1396\"]", Attr(Body($"{Voice}-{Lan}-001"), "destination_port_ranges"));
        Assert.Equal("[\"10000-10999\", \"20000-20099\"]", Attr(Body($"{Voice}-{Lan}-002"), "destination_port_ranges"));
        Assert.Equal("5061", Attr(Body($"internet-{Lan}-001"), "destination_port_range"));
        Assert.Equal("*", Attr(Body($"internet-{Lan}-001"), "source_port_range"));
    }

    [Fact]
    public void Any_source_is_a_star_and_addresses_are_prefixes()
    {
        var body = Body($"internet-{Lan}-001");

        Assert.Equal("*", Attr(body, "source_address_prefix"));
        Assert.Equal("10.1.0.10/32", Attr(body, "destination_address_prefix"));
        Assert.Equal("10.2.0.0/16", Attr(Body($"{Voice}-{Lan}-001"), "source_address_prefix"));
    }

    [Fact]
    public void IPv6_rules_have_IPv6_prefixes()
    {
        var body = Body($"{Voice}-{Lan}-001-v6");

        Assert.Equal("fd00:2::/48", Attr(body, "source_address_prefix"));
        Assert.Equal("fd00:1::10/128", Attr(body, "destination_address_prefix"));
        Assert.Equal("*", Attr(Body($"internet-{Lan}-001-v6"), "source_address_prefix"));
    }

    [Theory]
    [InlineData("001", "Tcp")]
    [InlineData("002", "Udp")]
    [InlineData("003", "Icmp")]
    [InlineData("004-v6", "Icmp")]
    [InlineData("005", "Esp")]
    public void Transports_map_to_nsg_protocols(string suffix, string protocol)
    {
        var body = Body($"{Voice}-{Lan}-{suffix}");

        Assert.Equal(protocol, Attr(body, "protocol"));
        Assert.Equal("Inbound", Attr(body, "direction"));
        Assert.Equal("Allow", Attr(body, "access"));
        if (protocol is "Icmp" or "Esp")
        {
            Assert.Equal("*", Attr(body, "destination_port_range"));
        }
    }

    [Fact]
    public void Sctp_is_left_out_with_a_comment_naming_its_flows()
    {
        Assert.Contains($"# NOT RENDERED: {Lan}-{Voice}-001: SIGTRAN [acme-pbx:sigtran]\n", Output.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Rules(Output.Value), r => r.Body.Contains("sigtran", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_names_are_cut_to_80_characters_and_stay_valid()
    {
        var names = Rules(Output.Value).Select(r => Attr(r.Body, "name")).ToList();

        Assert.Equal($"{Voice}-{Lan}"[..76] + "-001", Attr(Body($"{Voice}-{Lan}-001"), "name"));
        Assert.Equal($"{Voice}-{Lan}"[..73] + "-001-v6", Attr(Body($"{Voice}-{Lan}-001-v6"), "name"));
        Assert.All(names, n => Assert.Matches("^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$", n));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_rule_carries_its_flows_in_a_comment_and_a_short_description()
    {
        var rules = Rules(Output.Value).Where(r => Attr(r.Body, "access") == "Allow").ToList();

        Assert.All(rules, r => Assert.Matches(@"^# \S+ \(\S+ -> \S+\): .+ \[acme-pbx:\S+( acme-pbx:\S+)*\]$", r.Comment));
        Assert.All(rules, r => Assert.InRange(Attr(r.Body, "description").Length, 1, 140));
        Assert.Equal($"internet-{Lan}-001 acme-pbx:remote-sip", Attr(Body($"internet-{Lan}-001"), "description"));
        var golden = TestSupport.Examples.Render("mx-one-hq", new AzureNsgRenderer());
        Assert.Contains(Rules(golden), r => Attr(r.Body, "description").Length == 140 && Attr(r.Body, "description").EndsWith("...", StringComparison.Ordinal));
    }

    [Fact]
    public void Variables_for_resource_group_and_location_are_declared_and_used()
    {
        Assert.Contains("variable \"resource_group_name\" {", Output.Value, StringComparison.Ordinal);
        Assert.Contains("variable \"location\" {", Output.Value, StringComparison.Ordinal);
        Assert.Contains("  location            = var.location\n", Output.Value, StringComparison.Ordinal);
        Assert.All(Rules(Output.Value), r => Assert.Equal("var.resource_group_name", Attr(r.Body, "resource_group_name")));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Output.Value, new AzureNsgRenderer().Render(CloudTestSite.Model()));
    }

    /// <summary>Checks priorities, names and required attributes of every rule; returns the rules.</summary>
    private static List<(string Comment, string Label, string Body)> CheckRules(string text)
    {
        var rules = Rules(text);
        var priorities = rules.Select(r => int.Parse(Attr(r.Body, "priority"), CultureInfo.InvariantCulture)).ToList();
        Assert.All(priorities, p => Assert.InRange(p, 100, 4096));
        Assert.Equal(priorities.Order(), priorities);
        Assert.Equal(priorities.Count, priorities.Distinct().Count());
        Assert.Equal(4096, priorities[^1]);
        foreach (var (_, _, body) in rules)
        {
            Assert.Matches("^(Tcp|Udp|Icmp|Esp|\\*)$", Attr(body, "protocol"));
            Assert.Matches("^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$", Attr(body, "name"));
            Assert.True(body.Contains("  destination_port_range ", StringComparison.Ordinal) ^ body.Contains("  destination_port_ranges ", StringComparison.Ordinal));
            Assert.True(body.Contains("  source_address_prefix ", StringComparison.Ordinal) ^ body.Contains("  source_address_prefixes ", StringComparison.Ordinal));
            Assert.True(body.Contains("  destination_address_prefix ", StringComparison.Ordinal) ^ body.Contains("  destination_address_prefixes ", StringComparison.Ordinal));
        }

        return rules;
    }

    [GeneratedRegex(@"(?<comment>#[^\n]*)\nresource ""azurerm_network_security_rule"" ""(?<label>[^""]+)"" \{\n(?<body>(  [^\n]*\n)*)\}\n")]
    private static partial Regex RuleBlock();
}
