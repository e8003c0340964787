using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

public sealed class FortiOsRendererTests
{
    private static readonly FortiOsRenderer Renderer = new();

    [Fact]
    public void Single_port_becomes_a_custom_service_the_policy_uses()
    {
        var config = Parse(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", "p:sip")));

        var service = config.Entry("firewall service custom", "tcp-5060");
        Assert.Equal(["set protocol TCP/UDP/SCTP", "set tcp-portrange 5060"], service.Sets);
        var policy = config.Entry("firewall policy", "1001");
        Assert.Equal(
            [
                "set name \"lan-dmz-001\"",
                "set srcintf \"lan\"",
                "set dstintf \"dmz\"",
                "set srcaddr \"lan-pbx\"",
                "set dstaddr \"dmz-sbc\"",
                "set action accept",
                "set schedule \"always\"",
                "set service \"tcp-5060\"",
                "set comments \"SIP [p:sip]\"",
            ],
            policy.Sets);
    }

    [Fact]
    public void Ranges_and_lists_are_space_separated()
    {
        var config = Parse(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Udp, "10000-20000,5060-5061,8080", "p:rtp")));

        Assert.Contains("set udp-portrange 5060-5061 8080 10000-20000", config.Entry("firewall service custom", "udp-5060-5061-8080-10000-20000").Sets);
    }

    [Fact]
    public void Sctp_ports_use_sctp_portrange()
    {
        var config = Parse(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Sctp, "2816", "p:sctp")));

        Assert.Equal(["set protocol TCP/UDP/SCTP", "set sctp-portrange 2816"], config.Entry("firewall service custom", "sctp-2816").Sets);
    }

    [Fact]
    public void A_very_long_port_list_is_split_into_a_service_group()
    {
        var ports = string.Join(",", Enumerable.Range(0, 600).Select(i => (1000 + (2 * i)).ToString(CultureInfo.InvariantCulture)));
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, ports, "p:many"));
        var config = Parse(text);

        var parts = config.Block("firewall service custom").Entries;
        Assert.True(parts.Count > 1);
        var values = parts.Select(e => Assert.Single(e.Sets, s => s.StartsWith("set tcp-portrange ", StringComparison.Ordinal))["set tcp-portrange ".Length..]).ToList();
        Assert.All(values, v => Assert.True(v.Length <= FortiOsRenderer.PortRangeLength));
        Assert.Equal(PortSet.Parse(ports), PortSet.From(values.SelectMany(v => v.Split(' ')).Select(PortRange.Parse)));
        var group = Assert.Single(config.Block("firewall service group").Entries);
        Assert.Equal($"set member {string.Join(" ", parts.Select(p => $"\"{p.Name}\""))}", Assert.Single(group.Sets));
        Assert.Contains($"set service \"{group.Name}\"", config.Entry("firewall policy", "1001").Sets);
    }

    [Fact]
    public void An_any_source_is_the_all_address()
    {
        var rule = HandBuiltPolicy.Rule("internet-dmz-001", Transport.Tcp, "443", "p:https") with
        {
            FromZone = "internet",
            Sources = [HandBuiltPolicy.Internet],
        };

        var config = Parse(Render(rule));

        var policy = config.Entry("firewall policy", "1001");
        Assert.Contains("set srcaddr \"all\"", policy.Sets);
        Assert.Contains("set srcintf \"internet\"", policy.Sets);
        Assert.DoesNotContain(config.Block("firewall address").Entries, e => e.Sets.Any(s => s.Contains("0.0.0.0 0.0.0.0", StringComparison.Ordinal)));
    }

    [Fact]
    public void IPv6_networks_are_address6_objects_in_srcaddr6_and_dstaddr6()
    {
        var config = Parse(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5061", "p:sips") with
        {
            Sources = [HandBuiltPolicy.Set("lan", "pbx", "10.1.0.10", "fd00:1::10")],
            Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "192.0.2.10", "fd00:2::/64")],
        }));

        Assert.Equal(["set ip6 fd00:1::10/128", "set comment \"lan: pbx\""], config.Entry("firewall address6", "lan-pbx-v6").Sets);
        Assert.Contains("set ip6 fd00:2::/64", config.Entry("firewall address6", "dmz-sbc-v6").Sets);
        var v6 = config.Entry("firewall policy", "1002");
        Assert.Contains("set name \"lan-dmz-001-v6\"", v6.Sets);
        Assert.Contains("set srcaddr6 \"lan-pbx-v6\"", v6.Sets);
        Assert.Contains("set dstaddr6 \"dmz-sbc-v6\"", v6.Sets);
        Assert.DoesNotContain(v6.Sets, s => s.StartsWith("set srcaddr ", StringComparison.Ordinal));
    }

    [Fact]
    public void IPv4_subnets_are_written_with_a_netmask()
    {
        var config = Parse(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "22", "p:ssh") with
        {
            Sources = [HandBuiltPolicy.Set("lan", "lan", "10.1.0.0/16")],
            Destinations = [HandBuiltPolicy.Set("dmz", "sbcs", "192.0.2.10", "192.0.2.64/26")],
        }));

        Assert.Contains("set subnet 10.1.0.0 255.255.0.0", config.Entry("firewall address", "lan-lan").Sets);
        Assert.Contains("set subnet 192.0.2.10 255.255.255.255", config.Entry("firewall address", "dmz-sbcs-1").Sets);
        Assert.Contains("set subnet 192.0.2.64 255.255.255.192", config.Entry("firewall address", "dmz-sbcs-2").Sets);
        Assert.Contains("set member \"dmz-sbcs-1\" \"dmz-sbcs-2\"", config.Entry("firewall addrgrp", "dmz-sbcs").Sets);
        Assert.Contains("set dstaddr \"dmz-sbcs\"", config.Entry("firewall policy", "1001").Sets);
    }

    [Theory]
    [InlineData(Transport.Icmp, true, "icmp-all", "set protocol ICMP")]
    [InlineData(Transport.Icmp, false, "icmpv6-all", "set protocol ICMP6")]
    [InlineData(Transport.Icmpv6, false, "icmpv6-all", "set protocol ICMP6")]
    [InlineData(Transport.Esp, true, "esp-all", "set protocol IP|set protocol-number 50")]
    public void Portless_protocols_are_custom_services_of_their_own(Transport transport, bool v4, string service, string sets)
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

        var config = Parse(Render(rule));

        Assert.Equal(sets.Split('|'), config.Entry("firewall service custom", service).Sets);
        Assert.Contains($"set service \"{service}\"", config.Entry("firewall policy", "1001").Sets);
    }

    [Fact]
    public void Policy_and_interface_names_are_cut_to_35_characters()
    {
        var longZone = new string('z', 40);
        var rule = HandBuiltPolicy.Rule("r" + new string('x', 80), Transport.Tcp, "80", "p:http") with { ToZone = longZone };

        var text = Renderer.Render(HandBuiltPolicy.Model([rule], ["lan", "dmz", longZone]));

        var policy = Parse(text).Entry("firewall policy", "1001");
        Assert.Contains($"set name \"r{new string('x', FortiOsRenderer.ShortNameLength - 1)}\"", policy.Sets);
        Assert.Contains($"set dstintf \"{new string('z', FortiOsRenderer.ShortNameLength)}\"", policy.Sets);
    }

    [Fact]
    public void Long_provenance_is_complete_in_a_comment_line_and_cut_in_the_comments_field()
    {
        var flows = Enumerable.Range(1, 60).Select(i => $"product:a-rather-long-flow-identifier-number-{i:D3}").ToArray();
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", flows));

        var comment = Assert.Single(text.Split('\n'), l => l.StartsWith("    # lan-dmz-001: ", StringComparison.Ordinal));
        Assert.Equal($"    # lan-dmz-001: SIP [{string.Join(" ", flows)}]", comment);
        var comments = Assert.Single(Parse(text).Entry("firewall policy", "1001").Sets, s => s.StartsWith("set comments ", StringComparison.Ordinal));
        Assert.Equal(FortiOsRenderer.CommentsLength + "set comments \"\"".Length, comments.Length);
        Assert.EndsWith("...\"", comments, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_are_numbered_from_1001_in_rule_order_with_IPv4_first()
    {
        var model = HandBuiltPolicy.Model(
        [
            HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:a") with { Sources = [HandBuiltPolicy.Set("lan", "pbx", "10.1.0.10", "fd00:1::10")], Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "192.0.2.10", "fd00:2::10")] },
            HandBuiltPolicy.Rule("lan-dmz-002", Transport.Udp, "53", "p:b"),
        ]);

        var policies = Parse(Renderer.Render(model)).Block("firewall policy").Entries;

        Assert.Equal(["1001", "1002", "1003"], policies.Select(p => p.Name));
        Assert.Equal(["\"lan-dmz-001\"", "\"lan-dmz-002\"", "\"lan-dmz-001-v6\""], policies.Select(p => p.Sets[0]["set name ".Length..]));
    }

    [Fact]
    public void The_header_lines_are_comment_lines()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var lines = Renderer.Render(model).Split('\n');

        Assert.Equal(model.HeaderLines.Select(l => "# " + l), lines.Take(3));
    }

    [Fact]
    public void Output_is_deterministic_with_unix_line_ends()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var a = Renderer.Render(model);

        Assert.Equal(a, Renderer.Render(model));
        Assert.EndsWith("end\n", a, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", a, StringComparison.Ordinal);
    }

    public static TheoryData<string> Sites() => [.. Examples.Names];

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_passes_the_strict_syntax_check(string site)
    {
        foreach (var (_, text) in Examples.RenderEach(site, Renderer))
        {
            FortiOsSyntax.Check(Parse(text));
        }
    }

    [Fact]
    public void The_syntax_check_rejects_a_reference_to_an_undefined_object()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http"));
        FortiOsSyntax.Check(Parse(text));

        var bad = text.Replace("set dstaddr \"dmz-sbc\"", "set dstaddr \"nowhere\"", StringComparison.Ordinal);

        var e = Assert.ThrowsAny<Exception>(() => FortiOsSyntax.Check(Parse(bad)));
        Assert.Contains("undefined", e.Message, StringComparison.Ordinal);
    }

    private static string Render(PolicyRule rule)
    {
        var text = Renderer.Render(HandBuiltPolicy.Model([rule]));
        FortiOsSyntax.Check(Parse(text));
        return text;
    }

    private static FortiOsSyntax.Config Parse(string text) => FortiOsSyntax.Parse(text);
}

/// <summary>
/// A strict reader and check of FortiOsRenderer's output, standing in for FortiOS (none runs here):
/// config/edit/next/end nest properly, every set line is a known setting with a valid value, names keep
/// FortiOS's limits, and every address, group and service a policy or group names is defined before.
/// </summary>
internal static partial class FortiOsSyntax
{
    public sealed record Entry(string Name, List<string> Sets);

    public sealed record Block(string Path, List<Entry> Entries);

    public sealed record Config(List<Block> Blocks)
    {
        public Block Block(string path) => Assert.Single(Blocks, b => b.Path == path);

        public Entry Entry(string path, string name) => Assert.Single(Block(path).Entries, e => e.Name == name);
    }

    /// <summary>Reads the nesting strictly: anything out of place fails.</summary>
    public static Config Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var blocks = new List<Block>();
        Block? block = null;
        Entry? entry = null;
        var n = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            n++;
            var where = $"line {n}: {line}";
            Match m;
            if (line.TrimStart().StartsWith('#'))
            {
                Assert.True(entry is null, $"comment inside an entry, {where}");
            }
            else if ((m = ConfigLine().Match(line)).Success)
            {
                Assert.True(block is null, where);
                block = new Block(m.Groups["path"].Value, []);
                blocks.Add(block);
            }
            else if ((m = EditLine().Match(line)).Success)
            {
                Assert.True(block is not null && entry is null, where);
                entry = new Entry(m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["id"].Value, []);
                block.Entries.Add(entry);
            }
            else if ((m = SetLine().Match(line)).Success)
            {
                Assert.True(entry is not null, where);
                entry.Sets.Add(line.Trim());
            }
            else if (line == "    next")
            {
                Assert.True(entry is not null, where);
                entry = null;
            }
            else if (line == "end")
            {
                Assert.True(block is not null && entry is null, where);
                block = null;
            }
            else
            {
                Assert.Fail($"not a line the renderer writes, {where}");
            }
        }

        Assert.True(block is null, "a config block is not closed with end");
        return new Config(blocks);
    }

    public static void Check(Config config)
    {
        var v4 = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "all" };
        var v6 = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "all" };
        var services = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var policyIds = new HashSet<int>();
        var policyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in config.Blocks)
        {
            foreach (var e in block.Entries)
            {
                var where = $"{block.Path} {e.Name}";
                var sets = e.Sets.ToDictionary(s => s.Split(' ')[1], s => s[(s.IndexOf(' ', 4) + 1)..], StringComparer.Ordinal);
                Assert.True(sets.Count == e.Sets.Count, $"a setting set twice, {where}");
                switch (block.Path)
                {
                    case "firewall address":
                        Keys(sets, where, "subnet", "comment");
                        var parts = sets["subnet"].Split(' ');
                        Assert.True(parts.Length == 2 && IPAddress.TryParse(parts[0], out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && IsNetmask(parts[1]), where);
                        Comment(sets["comment"], FortiOsRenderer.AddressCommentLength, where);
                        Define(v4, e.Name, where);
                        break;
                    case "firewall address6":
                        Keys(sets, where, "ip6", "comment");
                        Assert.True(Cidr.TryParse(sets["ip6"], out var c) && !c.IsIPv4, where);
                        Comment(sets["comment"], FortiOsRenderer.AddressCommentLength, where);
                        Define(v6, e.Name, where);
                        break;
                    case "firewall addrgrp" or "firewall addrgrp6":
                        Keys(sets, where, "member", "comment");
                        Names(sets["member"], block.Path.EndsWith('6') ? v6 : v4, where);
                        Define(block.Path.EndsWith('6') ? v6 : v4, e.Name, where);
                        break;
                    case "firewall service custom":
                        Assert.True(sets.TryGetValue("protocol", out var protocol), where);
                        switch (protocol)
                        {
                            case "TCP/UDP/SCTP":
                                var ranges = sets.Keys.Where(k => k.EndsWith("-portrange", StringComparison.Ordinal)).ToList();
                                Assert.True(sets.Count == 2 && ranges.Count == 1 && PortRangeKey().IsMatch(ranges[0]), where);
                                Assert.True(sets[ranges[0]].Length <= FortiOsRenderer.PortRangeLength, where);
                                Assert.All(sets[ranges[0]].Split(' '), p => Assert.True(PortItem().IsMatch(p) && PortRange.TryParse(p, out _), where));
                                break;
                            case "ICMP" or "ICMP6":
                                Assert.True(sets.Count == 1, where);
                                break;
                            case "IP":
                                Assert.True(sets.Count == 2 && sets.TryGetValue("protocol-number", out var number) && number == "50", where);
                                break;
                            default:
                                Assert.Fail($"unknown protocol, {where}");
                                break;
                        }

                        Define(services, e.Name, where);
                        break;
                    case "firewall service group":
                        Keys(sets, where, "member");
                        Names(sets["member"], services, where);
                        Define(services, e.Name, where);
                        break;
                    case "firewall policy":
                        Assert.True(int.TryParse(e.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= FortiOsRenderer.FirstPolicyId && policyIds.Add(id), where);
                        var family = sets.ContainsKey("srcaddr6") ? "6" : "";
                        Keys(sets, where, "name", "srcintf", "dstintf", "srcaddr" + family, "dstaddr" + family, "action", "schedule", "service", "comments");
                        Assert.True(policyNames.Add(Quoted(sets["name"], FortiOsRenderer.ShortNameLength, where)), $"policy name used twice, {where}");
                        Quoted(sets["srcintf"], FortiOsRenderer.ShortNameLength, where);
                        Quoted(sets["dstintf"], FortiOsRenderer.ShortNameLength, where);
                        Names(sets["srcaddr" + family], family == "6" ? v6 : v4, where);
                        Names(sets["dstaddr" + family], family == "6" ? v6 : v4, where);
                        Assert.Equal("accept", sets["action"]);
                        Assert.Equal("\"always\"", sets["schedule"]);
                        Names(sets["service"], services, where);
                        Comment(sets["comments"], FortiOsRenderer.CommentsLength, where);
                        break;
                    default:
                        Assert.Fail($"unknown config block {block.Path}");
                        break;
                }
            }
        }
    }

    private static void Keys(Dictionary<string, string> sets, string where, params string[] keys) =>
        Assert.True(sets.Keys.Order(StringComparer.Ordinal).SequenceEqual(keys.Order(StringComparer.Ordinal)), $"settings {string.Join(",", sets.Keys)} are not {string.Join(",", keys)}, {where}");

    private static void Define(HashSet<string> names, string name, string where)
    {
        Assert.True(name.Length <= FortiOsRenderer.NameLength && !name.Contains('"', StringComparison.Ordinal), $"bad name, {where}");
        Assert.True(names.Add(name), $"defined twice, {where}");
    }

    private static void Names(string value, HashSet<string> defined, string where)
    {
        var names = QuotedList().Matches(value).Select(m => m.Groups[1].Value).ToList();
        Assert.True(names.Count > 0 && string.Join(" ", names.Select(x => $"\"{x}\"")) == value, $"not a list of quoted names, {where}");
        Assert.True(names.All(defined.Contains), $"names an undefined object, {where}");
    }

    private static string Quoted(string value, int maxLength, string where)
    {
        Assert.True(value.Length >= 2 && value[0] == '"' && value[^1] == '"', where);
        var inner = value[1..^1];
        Assert.True(inner.Length <= maxLength && !inner.Contains('"', StringComparison.Ordinal) && !inner.Contains('\\', StringComparison.Ordinal), $"longer than {maxLength} or badly quoted, {where}");
        return inner;
    }

    private static void Comment(string value, int maxLength, string where) => Quoted(value, maxLength, where);

    private static bool IsNetmask(string text)
    {
        if (!IPAddress.TryParse(text, out var mask) || mask.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = mask.GetAddressBytes();
        var bits = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        return (~bits & (~bits + 1)) == 0;
    }

    [GeneratedRegex(@"^config (?<path>firewall (address|address6|addrgrp|addrgrp6|service custom|service group|policy))$")]
    private static partial Regex ConfigLine();

    [GeneratedRegex(@"^    edit (""(?<name>[^""\\]+)""|(?<id>\d+))$")]
    private static partial Regex EditLine();

    [GeneratedRegex(@"^        set [a-z0-9-]+ \S.*$")]
    private static partial Regex SetLine();

    [GeneratedRegex(@"""([^""\\]+)""")]
    private static partial Regex QuotedList();

    [GeneratedRegex(@"^(tcp|udp|sctp)-portrange$")]
    private static partial Regex PortRangeKey();

    [GeneratedRegex(@"^\d{1,5}(-\d{1,5})?$")]
    private static partial Regex PortItem();
}
