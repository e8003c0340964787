using System.Text.RegularExpressions;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

/// <summary>
/// The Juniper SRX set commands. No Junos parser runs on this machine (Junos is not packaged for
/// Debian), so every line is checked against a strict grammar of the documented statements, and
/// every address, address-set and application must be defined before a policy uses it.
/// </summary>
public sealed partial class JunosRendererTests
{
    private static readonly JunosRenderer Junos = new();

    private const string Policy = "set security policies from-zone lan to-zone voice policy lan-voice-001 ";

    [Fact]
    public void Address_book_holds_hosts_and_networks_with_prefix_lengths()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains("set security address-book global address lan-mx1 10.10.1.10/32\n", text, StringComparison.Ordinal);
        Assert.Contains("set security address-book global address lan-mx1-v6 fd00:10::10/128\n", text, StringComparison.Ordinal);
        Assert.Contains("set security address-book global address voice-voice 10.20.0.0/16\n", text, StringComparison.Ordinal);
        Assert.Contains("set security address-book global address voice-voice-v6 fd00:20::/48\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_with_several_networks_is_an_address_set()
    {
        var two = new AddressSet("pair", "lan", [Cidr.Parse("10.10.1.1"), Cidr.Parse("10.10.2.0/24")]);
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80", [two], [AclTestSite.Voice]));

        Assert.Contains(
            "set security address-book global address lan-pair-1 10.10.1.1/32\n" +
            "set security address-book global address-set lan-pair address lan-pair-1\n" +
            "set security address-book global address lan-pair-2 10.10.2.0/24\n" +
            "set security address-book global address-set lan-pair address lan-pair-2\n", text, StringComparison.Ordinal);
        Assert.Contains(Policy + "match source-address lan-pair\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_port_is_one_application()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains("set applications application tcp-5060 protocol tcp destination-port 5060\n", text, StringComparison.Ordinal);
        Assert.Contains(Policy + "match application tcp-5060\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_is_one_application_with_a_port_range()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Udp, "5060-5061"));

        Assert.Contains("set applications application udp-5060-5061 protocol udp destination-port 5060-5061\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_ranges_are_an_application_set_of_one_application_per_range()
    {
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80,5060-5062"),
            AclTestSite.Rule("lan-voice-002", Transport.Tcp, "80"));

        Assert.Contains(
            "set applications application-set tcp-80-5060-5062 application tcp-80\n" +
            "set applications application tcp-5060-5062 protocol tcp destination-port 5060-5062\n" +
            "set applications application-set tcp-80-5060-5062 application tcp-5060-5062\n", text, StringComparison.Ordinal);
        Assert.Single(AclTestSite.Lines(text), l => l.StartsWith("set applications application tcp-80 ", StringComparison.Ordinal));
        Assert.Contains(Policy + "match application tcp-80-5060-5062\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_application_does_not_take_the_name_of_a_different_set()
    {
        // The set {80, 443} and the range 80-443 would both be called tcp-80-443.
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80,443"),
            AclTestSite.Rule("lan-voice-002", Transport.Tcp, "80-443,8080"));

        var apps = AclTestSite.Lines(text).Where(l => l.StartsWith("set applications application ", StringComparison.Ordinal)).Select(l => l.Split(' ')[3]).ToList();
        var sets = AclTestSite.Lines(text).Where(l => l.StartsWith("set applications application-set ", StringComparison.Ordinal)).Select(l => l.Split(' ')[3]).Distinct().ToList();
        Assert.Empty(apps.Intersect(sets, StringComparer.OrdinalIgnoreCase));
        AssertValid(text);
    }

    [Fact]
    public void Any_address_is_any_ipv4_and_any_ipv6()
    {
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("internet-lan-001", Transport.Tcp, "443", [AclTestSite.Internet], [AclTestSite.Mx1]));

        Assert.Contains("set security policies from-zone internet to-zone lan policy internet-lan-001 match source-address any-ipv4\n", text, StringComparison.Ordinal);
        Assert.Contains("set security policies from-zone internet to-zone lan policy internet-lan-001-v6 match source-address any-ipv6\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("address internet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_rule_is_a_policy_of_its_own_with_v6_addresses()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains(
            "set security policies from-zone lan to-zone voice policy lan-voice-001-v6 match source-address lan-mx1-v6\n" +
            "set security policies from-zone lan to-zone voice policy lan-voice-001-v6 match destination-address voice-voice-v6\n" +
            "set security policies from-zone lan to-zone voice policy lan-voice-001-v6 match application tcp-5060\n" +
            "set security policies from-zone lan to-zone voice policy lan-voice-001-v6 then permit\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.Icmp, "junos-icmp-all")]
    [InlineData(Transport.Icmpv6, "junos-icmp6-all")]
    [InlineData(Transport.Esp, "esp")]
    public void Transports_without_ports(Transport transport, string application)
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", transport));

        Assert.Contains($" match application {application}\n", text, StringComparison.Ordinal);
        Assert.Equal(transport == Transport.Esp, text.Contains("set applications application esp protocol esp\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Sctp_is_an_application_with_protocol_sctp()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Sctp, "5678"));

        Assert.Contains("set applications application sctp-5678 protocol sctp destination-port 5678\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_ids_are_in_the_description_and_the_full_comment_in_an_annotation()
    {
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060", [AclTestSite.Mx1], [AclTestSite.Voice], "p:flow-a", "p:flow-b"));

        Assert.Contains(Policy + "description \"lan-voice-001: p:flow-a p:flow-b\"\n", text, StringComparison.Ordinal);
        Assert.Contains("top edit security policies from-zone lan to-zone voice\nannotate policy lan-voice-001 \"lan-voice-001: Test [p:flow-a p:flow-b]\"\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\ntop\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_description_is_shortened_and_points_to_the_annotation()
    {
        var flows = Enumerable.Range(1, 40).Select(i => $"mitel-mx-one:sip-voip-tcp-50{i:00}-from-a-long-role").ToArray();
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060", [AclTestSite.Mx1], [AclTestSite.Voice], flows));

        var description = Regex.Match(text, "policy lan-voice-001 description \"(?<d>[^\"]*)\"\n").Groups["d"].Value;
        Assert.InRange(description.Length, 800, JunosRenderer.MaxDescriptionLength);
        Assert.Matches(@" \(\+\d+ more, see the annotation\)$", description);
        var annotation = Regex.Match(text, "annotate policy lan-voice-001 \"(?<a>[^\"]*)\"\n").Groups["a"].Value;
        Assert.All(flows, f => Assert.Contains(f, annotation, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_stay_within_63_characters_and_zones_are_the_site_zones()
    {
        var longA = new AddressSet("a-very-long-host-name-that-goes-on-and-on-and-on-and-on-and-on-1", "lan", [Cidr.Parse("10.10.1.1")]);
        var longB = new AddressSet("a-very-long-host-name-that-goes-on-and-on-and-on-and-on-and-on-2", "lan", [Cidr.Parse("10.10.1.2")]);
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80", [longA, longB], [AclTestSite.Voice]));

        AssertValid(text);
        Assert.Contains(" from-zone lan to-zone voice ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_else_is_denied_by_the_default_policy()
    {
        var text = AclTestSite.Render(Junos, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains("set security policies default-policy deny-all\n", text, StringComparison.Ordinal);
        Assert.Contains("annotate policies \"Generated by PortMatrix for site 'unit', firewall 'core'", text, StringComparison.Ordinal);
    }

    public static TheoryData<string> Sites() => new(Examples.Names);

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_follows_the_junos_grammar(string site)
    {
        foreach (var (_, text) in Examples.RenderEach(site, Junos))
        {
            AssertValid(text);
        }
    }

    [Fact]
    public void Every_transport_follows_the_junos_grammar()
    {
        var text = AclTestSite.Render(Junos,
            AclTestSite.Rule("a-001", Transport.Tcp, "22,80-90"),
            AclTestSite.Rule("a-002", Transport.Udp, "0-65535"),
            AclTestSite.Rule("a-003", Transport.Sctp, "5678"),
            AclTestSite.Rule("a-004", Transport.Icmp),
            AclTestSite.Rule("a-005", Transport.Icmpv6),
            AclTestSite.Rule("a-006", Transport.Esp),
            AclTestSite.Rule("a-007", Transport.Udp, "5060", [AclTestSite.Voice], [AclTestSite.Internet]));

        AssertValid(text);
    }

    private const string Name = "[A-Za-z][A-Za-z0-9_-]{0,62}";

    private const string Text = "\"[^\"\\\\\\n]*\"";

    [GeneratedRegex("^set security address-book global address (?<name>" + Name + @") (?<cidr>[0-9a-f.:]+/\d{1,3})$")]
    private static partial Regex AddressLine();

    [GeneratedRegex("^set security address-book global address-set (?<name>" + Name + ") address (?<member>" + Name + ")$")]
    private static partial Regex AddressSetLine();

    [GeneratedRegex("^set applications application (?<name>" + Name + @") protocol (?<proto>tcp|udp|sctp|esp)(?: destination-port (?<lo>\d{1,5})(?:-(?<hi>\d{1,5}))?)?$")]
    private static partial Regex ApplicationLine();

    [GeneratedRegex("^set applications application-set (?<name>" + Name + ") application (?<member>" + Name + ")$")]
    private static partial Regex ApplicationSetLine();

    [GeneratedRegex("^set security policies from-zone (?<from>" + Name + ") to-zone (?<to>" + Name + ") policy (?<policy>" + Name +
        ") (?:match (?<kind>source-address|destination-address|application) (?<ref>" + Name + ")|then permit|description (?<text>" + Text + "))$")]
    private static partial Regex PolicyLine();

    [GeneratedRegex("^(?:top|top edit security|top edit security policies from-zone " + Name + " to-zone " + Name +
        "|annotate policies " + Text + "|annotate policy (?<policy>" + Name + ") " + Text + ")$")]
    private static partial Regex AnnotationLine();

    /// <summary>Checks a whole set-command output against the documented statements.</summary>
    internal static void AssertValid(string text)
    {
        Assert.EndsWith("\ntop\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var addresses = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var applications = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "junos-icmp-all", "junos-icmp6-all" };
        var sets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var policies = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var sawDefault = false;
        foreach (var line in AclTestSite.Lines(text))
        {
            Match m;
            if ((m = AddressLine().Match(line)).Success)
            {
                Assert.True(Cidr.TryParse(m.Groups["cidr"].Value, out var c) && c.ToString() == m.Groups["cidr"].Value, $"'{line}' has a bad prefix");
                Assert.True(addresses.TryAdd(m.Groups["name"].Value, c.IsIPv4), $"'{line}' defines a name twice");
            }
            else if ((m = AddressSetLine().Match(line)).Success)
            {
                var member = m.Groups["member"].Value;
                Assert.True(addresses.ContainsKey(member) && !sets.Contains(member), $"'{line}' uses an address not defined before");
                var name = m.Groups["name"].Value;
                Assert.True(!addresses.ContainsKey(name) || sets.Contains(name), $"'{line}' reuses an address name for a set");
                sets.Add(name);
                addresses[name] = addresses[member];
            }
            else if ((m = ApplicationLine().Match(line)).Success)
            {
                Assert.True(applications.Add(m.Groups["name"].Value), $"'{line}' defines an application twice");
                Assert.False(m.Groups["name"].Value.StartsWith("junos-", StringComparison.OrdinalIgnoreCase));
                Assert.True(m.Groups["proto"].Value != "esp" || !m.Groups["lo"].Success, $"'{line}': esp has no ports");
                if (m.Groups["hi"].Success)
                {
                    Assert.True(int.Parse(m.Groups["lo"].Value, System.Globalization.CultureInfo.InvariantCulture) < int.Parse(m.Groups["hi"].Value, System.Globalization.CultureInfo.InvariantCulture), line);
                    Assert.InRange(int.Parse(m.Groups["hi"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, PortRange.MaxPort);
                }
            }
            else if ((m = ApplicationSetLine().Match(line)).Success)
            {
                Assert.True(applications.Contains(m.Groups["member"].Value) && !sets.Contains(m.Groups["member"].Value), $"'{line}' uses an application not defined before");
                Assert.True(!applications.Contains(m.Groups["name"].Value) || sets.Contains(m.Groups["name"].Value), $"'{line}' reuses an application name for a set");
                sets.Add(m.Groups["name"].Value);
                applications.Add(m.Groups["name"].Value);
            }
            else if (line == "set security policies default-policy deny-all")
            {
                sawDefault = true;
            }
            else if ((m = PolicyLine().Match(line)).Success)
            {
                var policy = m.Groups["policy"].Value;
                policies.TryAdd(policy, []);
                var kind = m.Groups["kind"].Value;
                var reference = m.Groups["ref"].Value;
                switch (kind)
                {
                    case "source-address" or "destination-address":
                        Assert.True(reference is "any-ipv4" or "any-ipv6" || addresses.ContainsKey(reference), $"'{line}' uses an address not defined before");
                        break;
                    case "application":
                        Assert.True(applications.Contains(reference), $"'{line}' uses an application not defined before");
                        break;
                }

                if (m.Groups["text"].Success)
                {
                    Assert.InRange(m.Groups["text"].Value.Length - 2, 1, JunosRenderer.MaxDescriptionLength);
                }

                policies[policy].Add(kind.Length > 0 ? kind : line.EndsWith("then permit", StringComparison.Ordinal) ? "then" : "description");
            }
            else if ((m = AnnotationLine().Match(line)).Success)
            {
                Assert.True(!m.Groups["policy"].Success || policies.ContainsKey(m.Groups["policy"].Value), $"'{line}' annotates an unknown policy");
            }
            else
            {
                Assert.Fail($"line does not follow the Junos set grammar: '{line}'");
            }
        }

        Assert.True(sawDefault, "the default policy must deny");
        Assert.All(policies, p => Assert.Equal(["application", "description", "destination-address", "source-address", "then"], p.Value.Order(StringComparer.Ordinal)));
    }
}
