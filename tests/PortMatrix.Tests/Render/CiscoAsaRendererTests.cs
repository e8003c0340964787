using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

/// <summary>
/// The Cisco ASA output. No ASA parser runs on this machine (ASA software is not packaged for
/// Debian), so every line is checked against a strict grammar of the documented commands, and
/// every object-group must be defined, with the right kind, before an ACE uses it.
/// </summary>
public sealed partial class CiscoAsaRendererTests
{
    private static readonly CiscoAsaRenderer Asa = new();

    [Fact]
    public void Single_port_is_a_port_object_eq_in_a_tcp_service_group()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains("object-group service tcp-5060 tcp\n port-object eq 5060\n", text, StringComparison.Ordinal);
        Assert.Contains("access-list PM-core extended permit tcp object-group lan-mx1 object-group voice-voice object-group tcp-5060\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_is_a_port_object_range()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Udp, "5060-5061"));

        Assert.Contains("object-group service udp-5060-5061 udp\n port-object range 5060 5061\n", text, StringComparison.Ordinal);
        Assert.Contains("extended permit udp object-group lan-mx1 object-group voice-voice object-group udp-5060-5061\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_ranges_share_one_service_group_and_one_ace()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80,443,5060-5062"));

        Assert.Contains("object-group service tcp-80-443-5060-5062 tcp\n port-object eq 80\n port-object eq 443\n port-object range 5060 5062\n", text, StringComparison.Ordinal);
        Assert.Single(AclTestSite.Lines(text), l => l.Contains(" extended permit tcp object-group lan-mx1 ", StringComparison.Ordinal));
    }

    [Fact]
    public void All_ports_need_no_service_group()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "0-65535"));

        Assert.Contains("extended permit tcp object-group lan-mx1 object-group voice-voice\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("object-group service", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_address_is_any4_and_any6()
    {
        var text = AclTestSite.Render(Asa,
            AclTestSite.Rule("internet-lan-001", Transport.Tcp, "443", [AclTestSite.Internet], [AclTestSite.Mx1]));

        Assert.Contains("extended permit tcp any4 object-group lan-mx1 object-group tcp-443\n", text, StringComparison.Ordinal);
        Assert.Contains("extended permit tcp any6 object-group lan-mx1-v6 object-group tcp-443\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("object-group network internet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_networks_use_prefix_notation_and_hosts_the_host_keyword()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.Contains("object-group network voice-voice-v6\n description voice: voice\n network-object fd00:20::/48\n", text, StringComparison.Ordinal);
        Assert.Contains("object-group network lan-mx1-v6\n description lan: mx1\n network-object host fd00:10::10\n", text, StringComparison.Ordinal);
        Assert.Contains("object-group network voice-voice\n description voice: voice\n network-object 10.20.0.0 255.255.0.0\n", text, StringComparison.Ordinal);
        Assert.Contains("extended permit tcp object-group lan-mx1-v6 object-group voice-voice-v6 object-group tcp-5060\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Transport.Icmp, "extended permit icmp object-group lan-mx1 object-group voice-voice\n")]
    [InlineData(Transport.Icmpv6, "extended permit icmp6 object-group lan-mx1-v6 object-group voice-voice-v6\n")]
    [InlineData(Transport.Esp, "extended permit esp object-group lan-mx1 object-group voice-voice\n")]
    public void Transports_without_ports_use_their_protocol_keyword(Transport transport, string ace)
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", transport));

        Assert.Contains(ace, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sctp_ports_are_a_service_object_group()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Sctp, "2816-2818,5678"));

        Assert.Contains("object-group service sctp-2816-2818-5678\n service-object sctp destination range 2816 2818\n service-object sctp destination eq 5678\n", text, StringComparison.Ordinal);
        Assert.Contains("extended permit object-group sctp-2816-2818-5678 object-group lan-mx1 object-group voice-voice\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_objects_of_a_rule_become_one_flat_group_shared_by_rules()
    {
        var text = AclTestSite.Render(Asa,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060", [AclTestSite.Mx1, AclTestSite.Mx2], [AclTestSite.Voice]),
            AclTestSite.Rule("lan-voice-002", Transport.Udp, "5060", [AclTestSite.Mx1, AclTestSite.Mx2], [AclTestSite.Voice]));

        Assert.Contains("object-group network lan-mx1-v6_lan-mx2-v6\n description lan: mx1, lan: mx2\n network-object host fd00:10::10\n network-object host fd00:10::11\n", text, StringComparison.Ordinal);
        Assert.Single(AclTestSite.Lines(text), l => l == "object-group network lan-mx1_lan-mx2");
        Assert.Contains("extended permit udp object-group lan-mx1_lan-mx2 object-group voice-voice object-group udp-5060\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_stay_within_64_characters_and_unique()
    {
        var longA = new AddressSet("a-very-long-host-name-that-goes-on-and-on-and-on-1", "lan", [Cidr.Parse("10.10.1.1")]);
        var longB = new AddressSet("a-very-long-host-name-that-goes-on-and-on-and-on-2", "lan", [Cidr.Parse("10.10.1.2")]);
        var longC = new AddressSet("a-very-long-host-name-that-goes-on-and-on-and-on-3", "lan", [Cidr.Parse("10.10.1.3")]);
        var text = AclTestSite.Render(Asa,
            AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80", [longA, longB], [AclTestSite.Voice]),
            AclTestSite.Rule("lan-voice-002", Transport.Tcp, "80", [longA, longC], [AclTestSite.Voice]));

        var groups = AclTestSite.Lines(text).Where(l => l.StartsWith("object-group ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.All(groups, g => Assert.InRange(g.Length, 1, CiscoAsaRenderer.MaxNameLength));
        Assert.Equal(groups.Count, groups.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(groups, g => g.Length == CiscoAsaRenderer.MaxNameLength);
        AssertValid(text);
    }

    [Fact]
    public void Flow_ids_are_in_remarks_of_at_most_100_characters_just_above_the_ace()
    {
        var flows = Enumerable.Range(1, 12).Select(i => $"mitel-mx-one:sip-voip-tcp-50{i:00}-from-a-rather-long-role-name").ToArray();
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060", [AclTestSite.Mx1], [AclTestSite.Voice], flows));

        var lines = AclTestSite.Lines(text);
        var ace = Array.FindIndex(lines, l => l.Contains(" extended permit tcp object-group lan-mx1 ", StringComparison.Ordinal));
        var remarks = lines[..ace].Reverse().TakeWhile(l => l.StartsWith("access-list PM-core remark ", StringComparison.Ordinal)).Reverse()
            .Select(l => l["access-list PM-core remark ".Length..]).ToList();
        Assert.True(remarks.Count > 1, "a long provenance needs several remark lines");
        Assert.All(remarks, r => Assert.InRange(r.Length, 1, CiscoAsaRenderer.MaxRemarkLength));
        Assert.StartsWith("lan-voice-001: Test [", remarks[0], StringComparison.Ordinal);
        var joined = string.Join(" ", remarks);
        Assert.All(flows, f => Assert.Contains(f, joined, StringComparison.Ordinal));
    }

    [Fact]
    public void Ends_with_an_explicit_logged_deny_and_an_access_group_example()
    {
        var text = AclTestSite.Render(Asa, AclTestSite.Rule("lan-voice-001", Transport.Tcp, "5060"));

        Assert.EndsWith("access-list PM-core extended deny ip any any log\n", text, StringComparison.Ordinal);
        Assert.Contains(": access-group PM-core global\n", text, StringComparison.Ordinal);
        Assert.StartsWith(": Generated by PortMatrix for site 'unit', firewall 'core'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var rules = new[] { AclTestSite.Rule("lan-voice-001", Transport.Tcp, "80,443"), AclTestSite.Rule("lan-voice-002", Transport.Esp) };

        Assert.Equal(AclTestSite.Render(Asa, rules), AclTestSite.Render(Asa, rules));
    }

    public static TheoryData<string> Sites() => new(Examples.Names);

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_follows_the_asa_grammar(string site)
    {
        foreach (var (_, text) in Examples.RenderEach(site, Asa))
        {
            AssertValid(text);
        }
    }

    [Fact]
    public void Every_transport_follows_the_asa_grammar()
    {
        var text = AclTestSite.Render(Asa,
            AclTestSite.Rule("a-001", Transport.Tcp, "22,80-90"),
            AclTestSite.Rule("a-002", Transport.Udp, "0-65535"),
            AclTestSite.Rule("a-003", Transport.Sctp, "5678"),
            AclTestSite.Rule("a-004", Transport.Icmp),
            AclTestSite.Rule("a-005", Transport.Icmpv6),
            AclTestSite.Rule("a-006", Transport.Esp),
            AclTestSite.Rule("a-007", Transport.Udp, "5060", [AclTestSite.Voice], [AclTestSite.Internet]));

        AssertValid(text);
    }

    private const string NamePattern = @"[A-Za-z][A-Za-z0-9_-]{0,63}";

    [GeneratedRegex(@"^object-group network (?<name>" + NamePattern + ")$")]
    private static partial Regex NetworkGroupLine();

    [GeneratedRegex(@"^object-group service (?<name>" + NamePattern + ")(?: (?<proto>tcp|udp))?$")]
    private static partial Regex ServiceGroupLine();

    [GeneratedRegex(@"^ network-object (?:host (?<host>\S+)|(?<net>[0-9.]+) (?<mask>[0-9.]+)|(?<prefix>[0-9a-f:]+/\d{1,3}))$")]
    private static partial Regex NetworkObjectLine();

    [GeneratedRegex(@"^ (?:port-object|service-object sctp destination) (?:eq (?<lo>\d+)|range (?<lo>\d+) (?<hi>\d+))$")]
    private static partial Regex PortObjectLine();

    [GeneratedRegex(@"^access-list (?<acl>" + NamePattern + @") remark (?<text>\S.{0,99})$")]
    private static partial Regex RemarkLine();

    [GeneratedRegex(@"^access-list (?<acl>" + NamePattern + @") extended permit (?:(?<proto>tcp|udp|sctp|icmp|icmp6|esp)|object-group (?<svcfirst>" + NamePattern + ")) (?<src>any4|any6|object-group " + NamePattern + ") (?<dst>any4|any6|object-group " + NamePattern + ")(?: object-group (?<svc>" + NamePattern + "))?$")]
    private static partial Regex PermitLine();

    /// <summary>Checks a whole ASA output line by line against the documented grammar.</summary>
    internal static void AssertValid(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var lines = AclTestSite.Lines(text);
        Assert.Equal("access-list PM-core extended deny ip any any log".Split(' ')[2..], lines[^1].Split(' ')[2..]);
        var networks = new Dictionary<string, AddressFamily?>(StringComparer.Ordinal);
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        string? open = null;
        string? acl = null;
        foreach (var line in lines[..^1])
        {
            Match m;
            if (line.StartsWith(": ", StringComparison.Ordinal))
            {
                open = null;
            }
            else if ((m = NetworkGroupLine().Match(line)).Success)
            {
                open = m.Groups["name"].Value;
                Assert.False(networks.ContainsKey(open) || services.ContainsKey(open), $"object-group {open} is defined twice");
                networks[open] = null;
            }
            else if ((m = ServiceGroupLine().Match(line)).Success)
            {
                open = m.Groups["name"].Value;
                Assert.False(networks.ContainsKey(open) || services.ContainsKey(open), $"object-group {open} is defined twice");
                services[open] = m.Groups["proto"].Success ? m.Groups["proto"].Value : "sctp";
            }
            else if (line.StartsWith(" description ", StringComparison.Ordinal))
            {
                Assert.NotNull(open);
                Assert.InRange(line.Length - " description ".Length, 1, 200);
            }
            else if ((m = NetworkObjectLine().Match(line)).Success)
            {
                Assert.True(open is not null && networks.ContainsKey(open), $"'{line}' is outside a network object-group");
                AddressFamily family;
                if (m.Groups["host"].Success)
                {
                    family = IPAddress.Parse(m.Groups["host"].Value).AddressFamily;
                }
                else if (m.Groups["net"].Success)
                {
                    family = IPAddress.Parse(m.Groups["net"].Value).AddressFamily;
                    var mask = IPAddress.Parse(m.Groups["mask"].Value).GetAddressBytes();
                    var bits = (uint)(mask[0] << 24 | mask[1] << 16 | mask[2] << 8 | mask[3]);
                    Assert.True((~bits & (~bits + 1)) == 0, $"'{line}' has a mask that is not contiguous");
                }
                else
                {
                    Assert.True(Cidr.TryParse(m.Groups["prefix"].Value, out var c), $"'{line}' has a bad prefix");
                    family = c.Family;
                }

                var previous = networks[open!];
                Assert.True(previous is null || previous == family, $"object-group {open} mixes address families");
                networks[open!] = family;
            }
            else if ((m = PortObjectLine().Match(line)).Success)
            {
                Assert.True(open is not null && services.ContainsKey(open), $"'{line}' is outside a service object-group");
                Assert.Equal(services[open!] == "sctp", line.StartsWith(" service-object", StringComparison.Ordinal));
                var lo = int.Parse(m.Groups["lo"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var hi = m.Groups["hi"].Success ? int.Parse(m.Groups["hi"].Value, System.Globalization.CultureInfo.InvariantCulture) : lo;
                Assert.InRange(lo, 0, hi - (m.Groups["hi"].Success ? 1 : 0));
                Assert.InRange(hi, lo, 65535);
            }
            else if ((m = RemarkLine().Match(line)).Success)
            {
                open = null;
                acl ??= m.Groups["acl"].Value;
                Assert.Equal(acl, m.Groups["acl"].Value);
            }
            else if ((m = PermitLine().Match(line)).Success)
            {
                open = null;
                acl ??= m.Groups["acl"].Value;
                Assert.Equal(acl, m.Groups["acl"].Value);
                var families = new[] { m.Groups["src"].Value, m.Groups["dst"].Value }.Select(end => end switch
                {
                    "any4" => AddressFamily.InterNetwork,
                    "any6" => AddressFamily.InterNetworkV6,
                    _ => networks.TryGetValue(end["object-group ".Length..], out var f) && f is not null
                        ? f.Value
                        : throw new Xunit.Sdk.XunitException($"'{line}' uses network group '{end}' before it is defined (or it is empty)"),
                }).Distinct().ToList();
                Assert.True(families.Count == 1, $"'{line}' mixes address families");
                var proto = m.Groups["proto"].Value;
                if (m.Groups["svcfirst"].Success)
                {
                    Assert.Equal("sctp", services.GetValueOrDefault(m.Groups["svcfirst"].Value));
                    Assert.False(m.Groups["svc"].Success);
                }
                else if (m.Groups["svc"].Success)
                {
                    Assert.True(proto is "tcp" or "udp", $"'{line}' has ports on a protocol without ports");
                    Assert.Equal(proto, services.GetValueOrDefault(m.Groups["svc"].Value));
                }

                Assert.True(proto != "icmp" || families[0] == AddressFamily.InterNetwork, $"'{line}': icmp is for IPv4");
                Assert.True(proto != "icmp6" || families[0] == AddressFamily.InterNetworkV6, $"'{line}': icmp6 is for IPv6");
            }
            else
            {
                Assert.Fail($"line does not follow the ASA grammar: '{line}'");
            }
        }

        Assert.Equal($"access-list {acl} extended deny ip any any log", lines[^1]);
    }
}

/// <summary>
/// A tiny site (zones lan, voice, internet behind firewall 'core') and hand-made rules, so a
/// renderer test can state exactly the transport, ports and addresses it is about.
/// </summary>
internal static class AclTestSite
{
    private const string Yaml = """
        site: unit
        zones:
          - { name: lan,      cidrs: [10.10.0.0/16, "fd00:10::/48"] }
          - { name: voice,    cidrs: [10.20.0.0/16, "fd00:20::/48"] }
          - { name: internet, cidrs: [0.0.0.0/0, "::/0"] }
        firewalls:
          - { name: core, zones: [lan, voice, internet], target: nftables }
        """;

    private static readonly Lazy<Site> UnitSite = new(() => SiteFileReader.Read("unit.yaml", Yaml, PortCatalog.BuiltIn()));

    public static AddressSet Mx1 { get; } = new("mx1", "lan", [Cidr.Parse("10.10.1.10"), Cidr.Parse("fd00:10::10")]);

    public static AddressSet Mx2 { get; } = new("mx2", "lan", [Cidr.Parse("10.10.1.11"), Cidr.Parse("fd00:10::11")]);

    public static AddressSet Voice { get; } = new("voice", "voice", [Cidr.Parse("10.20.0.0/16"), Cidr.Parse("fd00:20::/48")]);

    public static AddressSet Internet { get; } = new("internet", "internet", [Cidr.Parse("0.0.0.0/0"), Cidr.Parse("::/0")]);

    public static PolicyRule Rule(
        string name, Transport transport, string ports, AddressSet[] sources, AddressSet[] destinations, params string[] flowIds) =>
        new()
        {
            Name = name,
            Firewall = "core",
            FromZone = sources[0].Zone,
            ToZone = destinations[0].Zone,
            Sources = sources.Select(s => Family(s, transport)).ToList(),
            Destinations = destinations.Select(s => Family(s, transport)).ToList(),
            Transport = transport,
            Ports = transport.HasPorts() ? PortSet.Parse(ports) : PortSet.All,
            FlowIds = flowIds.Length > 0 ? flowIds : [$"test:{name}"],
            Services = ["Test"],
        };

    /// <summary>As the policy compiler does: ICMP rules keep to IPv4 addresses, ICMPv6 rules to IPv6 ones.</summary>
    private static AddressSet Family(AddressSet set, Transport transport) => transport switch
    {
        Transport.Icmp => set with { Networks = set.Networks.Where(n => n.IsIPv4).ToList() },
        Transport.Icmpv6 => set with { Networks = set.Networks.Where(n => !n.IsIPv4).ToList() },
        _ => set,
    };

    /// <summary>A rule from lan host mx1 to the voice zone.</summary>
    public static PolicyRule Rule(string name, Transport transport, string ports = "any") =>
        Rule(name, transport, ports, [Mx1], [Voice]);

    public static RenderModel Model(params PolicyRule[] rules)
    {
        var site = UnitSite.Value;
        var policy = new SitePolicy(site, rules, [], rules.Length);
        return RenderModel.Build(policy, site.Firewalls.Single());
    }

    public static string Render(IFirewallRenderer renderer, params PolicyRule[] rules) => renderer.Render(Model(rules));

    public static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
