using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

public sealed partial class IptablesRendererTests
{
    private const string Catalog = """
        id: acme-pbx
        vendor: Acme
        product: PBX
        release: "1.0"
        sources:
          - { id: doc, title: Acme port list }
        roles:
          - { id: server, name: PBX server }
          - { id: phone, name: IP phone }
          - { id: admin, name: Administrator }
          - { id: trunk, name: SIP trunk }
          - { id: peer, name: Partner system }
        flows:
          - { id: sip, service: SIP, from: phone, to: server, transport: tcp, ports: "5060", purpose: signalling, source: { doc: doc, line: 1, cell: x } }
          - { id: rtp, service: RTP, from: phone, to: server, transport: udp, ports: "16384-32767", purpose: voice, source: { doc: doc, line: 2, cell: x } }
          - { id: ndp, service: NDP, from: phone, to: server, transport: icmpv6, ports: any, purpose: neighbours, source: { doc: doc, line: 3, cell: x } }
          - { id: web-administration-interface-over-https-443, service: Web, from: admin, to: server, transport: tcp, ports: "443", purpose: admin, source: { doc: doc, line: 4, cell: x } }
          - { id: web-administration-interface-plain-http-80, service: Web, from: admin, to: server, transport: tcp, ports: "80", purpose: admin, source: { doc: doc, line: 5, cell: x } }
          - { id: secure-shell-for-the-support-technicians-22, service: SSH, from: admin, to: server, transport: tcp, ports: "22", purpose: admin, source: { doc: doc, line: 6, cell: x } }
          - { id: bulk-provisioning-interface-range-8000-8010, service: Provisioning, from: admin, to: server, transport: tcp, ports: "8000-8010", purpose: admin, source: { doc: doc, line: 7, cell: x } }
          - { id: sftp-backup-transfer-of-the-nightly-archives-2222, service: Backup, from: admin, to: server, transport: tcp, ports: "2222", purpose: admin, source: { doc: doc, line: 13, cell: x } }
          - { id: many, service: Many, from: admin, to: server, transport: udp, ports: "100-101,103-104,106-107,109-110,112-113,115-116,118-119,121,123", purpose: test, source: { doc: doc, line: 8, cell: x } }
          - { id: ping, service: Ping, from: admin, to: server, transport: icmp, ports: any, purpose: test, source: { doc: doc, line: 9, cell: x } }
          - { id: ipsec, service: IPsec, from: trunk, to: server, transport: esp, ports: any, purpose: vpn, source: { doc: doc, line: 10, cell: x } }
          - { id: sigtran, service: SIGTRAN, from: trunk, to: server, transport: sctp, ports: "2905", purpose: ss7, source: { doc: doc, line: 11, cell: x } }
          - { id: all-tcp, service: Partner, from: peer, to: server, transport: tcp, ports: any, purpose: test, source: { doc: doc, line: 12, cell: x } }
        """;

    private const string Site = """
        site: test
        zones:
          - { name: servers, cidrs: [10.1.0.0/24, "fd00:1::/64"] }
          - { name: phones, cidrs: [10.2.0.0/24, "fd00:2::/64"] }
          - { name: admin, cidrs: [10.3.0.0/24] }
          - { name: partners, cidrs: [10.4.0.0/24] }
          - { name: internet, cidrs: [0.0.0.0/0, "::/0"] }
        hosts:
          - { name: pbx, addresses: [10.1.0.10, "fd00:1::10"], zone: servers, runs: [acme-pbx:server] }
          - { name: pbx2, address: 10.1.0.11, zone: servers, runs: [acme-pbx:server] }
        bind:
          acme-pbx:phone: phones
          acme-pbx:admin: admin
          acme-pbx:trunk: internet
          acme-pbx:peer: partners
        firewalls:
          - { name: fw, zones: [servers, phones, admin, partners, internet], target: iptables }
        """;

    private const string LongNamesSite = """
        site: long
        zones:
          - { name: headquarters-voice-servers, cidrs: [10.1.0.0/24] }
          - { name: headquarters-voice-phones, cidrs: [10.2.0.0/24] }
        hosts:
          - { name: pbx, address: 10.1.0.10, zone: headquarters-voice-servers, runs: [acme-pbx:server] }
        bind:
          acme-pbx:phone: headquarters-voice-phones
        firewalls:
          - { name: fw, zones: [headquarters-voice-servers, headquarters-voice-phones] }
        """;

    private static readonly IptablesRenderer V4 = new();
    private static readonly Ip6tablesRenderer V6 = new();

    private static RenderModel Model(string siteYaml)
    {
        var catalog = new PortCatalog([CatalogFileReader.Read("acme.yaml", Catalog)]);
        var site = SiteFileReader.Read("site.yaml", siteYaml, catalog);
        var policy = PolicyCompiler.Compile(site);
        return RenderModel.Build(policy, site.Firewalls[0]);
    }

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>The lines of a rule's chain and the FORWARD lines that jump to it.</summary>
    private static string[] RuleLines(string text, string chain) =>
        Lines(text).Where(l => l.StartsWith($"-A {chain} ", StringComparison.Ordinal) || l.EndsWith($" -j {chain}", StringComparison.Ordinal)).ToArray();

    /// <summary>A line without its comment match, for exact comparisons.</summary>
    private static string Bare(string line) => CommentMatch().Replace(line, "");

    private static string ChainOf(RenderModel model, string service) =>
        "pm-" + model.Rules.Single(r => r.Rule.Services.Contains(service) && r.IsIPv4).Name;

    [Fact]
    public void A_single_port_uses_the_protocol_match()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        var chain = ChainOf(model, "SIP");
        Assert.Equal(
            [
                $"-A FORWARD -s 10.2.0.0/24 -j {chain}",
                $"-A {chain} -d 10.1.0.10/32 -p tcp -m tcp --dport 5060 -j ACCEPT",
                $"-A {chain} -d 10.1.0.11/32 -p tcp -m tcp --dport 5060 -j ACCEPT",
            ],
            RuleLines(text, chain).Select(Bare));
    }

    [Fact]
    public void A_range_is_written_with_a_colon()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        Assert.Contains($"-A {ChainOf(model, "RTP")} -d 10.1.0.10/32 -p udp -m udp --dport 16384:32767 -j ACCEPT", Lines(text).Select(Bare));
    }

    [Fact]
    public void Several_ranges_use_multiport()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        Assert.Contains($"-A {ChainOf(model, "SSH")} -d 10.1.0.11/32 -p tcp -m multiport --dports 22,80,443,2222,8000:8010 -j ACCEPT", Lines(text).Select(Bare));
    }

    [Fact]
    public void More_than_fifteen_multiport_slots_are_split_counting_a_range_as_two()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        // Seven ranges (14 slots) and one port fill the first line; the last port needs a second.
        var chain = ChainOf(model, "Many");
        Assert.Equal(
            [
                $"-A FORWARD -s 10.3.0.0/24 -j {chain}",
                $"-A {chain} -d 10.1.0.10/32 -p udp -m multiport --dports 100:101,103:104,106:107,109:110,112:113,115:116,118:119,121 -j ACCEPT",
                $"-A {chain} -d 10.1.0.10/32 -p udp -m udp --dport 123 -j ACCEPT",
                $"-A {chain} -d 10.1.0.11/32 -p udp -m multiport --dports 100:101,103:104,106:107,109:110,112:113,115:116,118:119,121 -j ACCEPT",
                $"-A {chain} -d 10.1.0.11/32 -p udp -m udp --dport 123 -j ACCEPT",
            ],
            RuleLines(text, chain).Select(Bare));
    }

    [Theory]
    [InlineData("1,3,5,7,9,11,13,15,17,19,21,23,25,27,29", "1,3,5,7,9,11,13,15,17,19,21,23,25,27,29")]
    [InlineData("1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31", "1,3,5,7,9,11,13,15,17,19,21,23,25,27,29|31")]
    [InlineData("1-2,4-5,7-8,10-11,13-14,16-17,19-20,22-23", "1:2,4:5,7:8,10:11,13:14,16:17,19:20|22:23")]
    [InlineData("1,3-4,6-7,9-10,12-13,15-16,18-19,21-22,24", "1,3:4,6:7,9:10,12:13,15:16,18:19,21:22|24")]
    public void Port_chunks_fit_one_multiport_match(string ports, string expected)
    {
        var set = PortSet.From(ports.Split(',').Select(PortRange.Parse));

        var chunks = IptablesRenderer.PortChunks(set);

        Assert.Equal(expected, string.Join("|", chunks.Select(c => string.Join(",", c.Select(r => r.IsSingle ? $"{r.Low}" : $"{r.Low}:{r.High}")))));
    }

    [Fact]
    public void Any_source_omits_the_source_match()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        var chain = ChainOf(model, "SIGTRAN");
        Assert.Equal(
            [
                $"-A FORWARD -j {chain}",
                $"-A {chain} -d 10.1.0.10/32 -p sctp -m sctp --dport 2905 -j ACCEPT",
                $"-A {chain} -d 10.1.0.11/32 -p sctp -m sctp --dport 2905 -j ACCEPT",
            ],
            RuleLines(text, chain).Select(Bare));
    }

    [Fact]
    public void All_ports_need_no_port_match()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        Assert.Contains($"-A {ChainOf(model, "Partner")} -d 10.1.0.10/32 -p tcp -j ACCEPT", Lines(text).Select(Bare));
    }

    [Fact]
    public void Icmp_and_esp_are_protocols_without_ports()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        Assert.Contains($"-A {ChainOf(model, "Ping")} -d 10.1.0.10/32 -p icmp -j ACCEPT", Lines(text).Select(Bare));
        Assert.Contains($"-A {ChainOf(model, "IPsec")} -d 10.1.0.11/32 -p esp -j ACCEPT", Lines(text).Select(Bare));
        Assert.DoesNotContain("ipv6-icmp", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ip6tables_gets_the_ipv6_rules_only()
    {
        var model = Model(Site);

        var v4 = V4.Render(model);
        var v6 = V6.Render(model);

        var ndp = "pm-" + model.Rules.Single(r => r.Rule.Services.Contains("NDP")).Name;
        Assert.EndsWith("-v6", ndp, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"-A FORWARD -s fd00:2::/64 -j {ndp}",
                $"-A {ndp} -d fd00:1::10/128 -p ipv6-icmp -j ACCEPT",
            ],
            RuleLines(v6, ndp).Select(Bare));
        var esp = "pm-" + model.Rules.Single(r => r.Rule.Services.Contains("IPsec") && !r.IsIPv4).Name;
        Assert.Equal([$"-A FORWARD -j {esp}", $"-A {esp} -d fd00:1::10/128 -p esp -j ACCEPT"], RuleLines(v6, esp).Select(Bare));
        Assert.DoesNotContain("10.1.0.10", v6, StringComparison.Ordinal);
        Assert.DoesNotContain("fd00:", v4, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(v4), l => !l.StartsWith('#') && l.Contains("-v6", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_of_the_other_family_only_are_named_in_comment_lines()
    {
        var model = Model(Site);

        var v4 = V4.Render(model);
        var v6 = V6.Render(model);

        // ICMPv6 exists only in the IPv6 file, ICMP only in the IPv4 file; each file still names their flows.
        var ndp = model.Rules.Single(r => r.Rule.Services.Contains("NDP"));
        var ping = model.Rules.Single(r => r.Rule.Services.Contains("Ping"));
        var v4Tail = v4[v4.IndexOf("# Rules of this firewall that are IPv6 only, in the ip6tables file:\n", StringComparison.Ordinal)..];
        Assert.Equal($"# Rules of this firewall that are IPv6 only, in the ip6tables file:\n# {ndp.Name}: NDP [acme-pbx:ndp]\nCOMMIT\n", v4Tail);
        Assert.Contains($"# {ping.Name}: Ping [acme-pbx:ping]\n", v6[v6.IndexOf("# Rules of this firewall that are IPv4 only, in the iptables file:\n", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("-j pm-" + ping.Name, v6, StringComparison.Ordinal);
    }

    [Fact]
    public void A_family_without_rules_still_gets_a_complete_file()
    {
        var model = Model(LongNamesSite);

        var text = V6.Render(model);

        Assert.Equal(
            [
                "*filter",
                ":INPUT ACCEPT [0:0]",
                ":FORWARD DROP [0:0]",
                ":OUTPUT ACCEPT [0:0]",
                "-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
                "-A FORWARD -m conntrack --ctstate INVALID -j DROP",
                "COMMIT",
                "",
            ],
            Lines(text).Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void The_file_starts_with_the_policy_and_state_rules_and_ends_with_commit()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        var lines = Lines(text).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]"], lines.Take(4));
        var chains = model.IPv4Rules.Select(r => $":pm-{r.Name} - [0:0]").ToList();
        Assert.Equal(chains, lines.Skip(4).Take(chains.Count));
        Assert.Equal(["-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT", "-A FORWARD -m conntrack --ctstate INVALID -j DROP"], lines.Skip(4 + chains.Count).Take(2));
        Assert.Equal(["COMMIT", ""], lines.TakeLast(2));
        Assert.All(model.HeaderLines, h => Assert.Contains("# " + h + "\n", text, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', text);
        Assert.Equal(text, V4.Render(Model(Site)));
    }

    [Fact]
    public void Long_rule_names_make_chain_names_of_28_characters_that_keep_the_rule_number()
    {
        var model = Model(LongNamesSite);

        var text = V4.Render(model);

        var chains = Lines(text).Where(l => l.StartsWith(":pm-", StringComparison.Ordinal)).Select(l => l[1..l.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["pm-headquarters-voice-ph-001", "pm-headquarters-voice-ph-002"], chains);
        Assert.All(chains, c => Assert.Equal(IptablesRenderer.MaxChainName, c.Length));
        Assert.Contains("-j pm-headquarters-voice-ph-002", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short", "pm-short")]
    [InlineData("a-very-long-zone-name-to-another-001", "pm-a-very-long-zone-name-001")]
    [InlineData("a-very-long-zone-name-to-another-001-v6", "pm-a-very-long-zone-n-001-v6")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789", "pm-abcdefghijklmnopqrstuvwxy")]
    public void Chain_names_fit_28_characters(string rule, string expected)
    {
        var name = IptablesRenderer.ChainName(rule, new HashSet<string>());

        Assert.Equal(expected, name);
        Assert.True(name.Length <= IptablesRenderer.MaxChainName);
    }

    [Fact]
    public void Chain_names_that_clash_after_shortening_get_a_suffix()
    {
        var used = new HashSet<string>();

        var a = IptablesRenderer.ChainName("a-very-long-zone-name-to-another-001", used);
        var b = IptablesRenderer.ChainName("a-very-long-zone-name-to-yet-another-001", used);

        Assert.Equal("pm-a-very-long-zone-name-001", a);
        Assert.Equal("pm-a-very-long-zone-na-2-001", b);
    }

    [Fact]
    public void Every_rule_has_its_flow_ids_in_comment_lines_and_a_comment_match_on_each_line()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        var lines = Lines(text);
        foreach (var r in model.IPv4Rules)
        {
            // The '#' block right above the rule's first line names every flow.
            var first = Array.FindIndex(lines, l => l.EndsWith($" -j pm-{r.Name}", StringComparison.Ordinal));
            var block = string.Join(" ", lines.Take(first).Reverse().TakeWhile(l => l.StartsWith('#')).Reverse());
            Assert.StartsWith($"# {r.Name}: {string.Join(", ", r.Rule.Services)} [", block, StringComparison.Ordinal);
            Assert.All(r.Rule.FlowIds, f => Assert.Contains(f, block, StringComparison.Ordinal));
        }

        Assert.All(lines.Where(l => l.StartsWith("-A pm-", StringComparison.Ordinal) || l.Contains(" -j pm-", StringComparison.Ordinal)),
            l => Assert.Matches(" -m comment --comment \"[^\"]+\" -j ", l));
        Assert.All(lines.Where(l => l.StartsWith('#')), l => Assert.True(l.Length <= 120, l));
    }

    [Fact]
    public void A_long_comment_is_cut_to_255_bytes_and_the_full_list_stays_in_the_comment_lines()
    {
        var model = Model(Site);

        var text = V4.Render(model);

        var rule = model.IPv4Rules.Single(r => r.Rule.Services.Contains("SSH"));
        var comments = Lines(text).Where(l => l.Contains($" -j pm-{rule.Name}", StringComparison.Ordinal) || l.StartsWith($"-A pm-{rule.Name} ", StringComparison.Ordinal))
            .Select(l => CommentValue().Match(l).Groups[1].Value).ToList();
        Assert.NotEmpty(comments);
        Assert.All(comments, c =>
        {
            Assert.Equal(IptablesRenderer.MaxCommentBytes, Encoding.UTF8.GetByteCount(c));
            Assert.StartsWith($"{rule.Name} acme-pbx:", c, StringComparison.Ordinal);
            Assert.EndsWith("...", c, StringComparison.Ordinal);
        });
        Assert.Contains("acme-pbx:web-administration-interface-plain-http-80", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("new\nline", "\"new line\"")]
    public void Comments_are_quoted_for_iptables_restore(string text, string expected)
    {
        Assert.Equal(expected, IptablesRenderer.Quote(text));
    }

    [Fact]
    public void A_cut_comment_never_splits_a_character()
    {
        var text = new string('x', 250) + "ééééé";

        var quoted = IptablesRenderer.Quote(text);

        var inner = quoted[1..^1];
        Assert.True(Encoding.UTF8.GetByteCount(inner) <= IptablesRenderer.MaxCommentBytes);
        Assert.Equal(new string('x', 250) + "é...", inner);
    }

    public static TheoryData<string, string> ExampleCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var site in Examples.Names)
        {
            data.Add(site, "iptables");
            data.Add(site, "ip6tables");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleCases))]
    public async Task Restore_test_accepts_every_example_output_and_golden_file(string site, string target)
    {
        var renderer = Renderers.Find(target);
        var files = Examples.RenderEach(site, renderer).Select(f => ($"{site}/{f.Firewall}", f.Text)).ToList();
        var golden = Path.Combine(Repo.Root, "tests", "PortMatrix.Tests", "Render", "Golden", site, $"{target}.{renderer.Extension}");
        if (File.Exists(golden))
        {
            files.Add(($"golden {site}/{target}.{renderer.Extension}", File.ReadAllText(golden)));
        }

        await RestoreCheck.TestAllAsync(ipv6: target == "ip6tables", files);
    }

    [Fact]
    public async Task Restore_test_accepts_the_edge_cases_of_the_test_sites()
    {
        var files = new List<(string, string)>();
        foreach (var (name, yaml) in new[] { ("test", Site), ("long", LongNamesSite) })
        {
            files.Add(($"{name} v4", V4.Render(Model(yaml))));
        }

        await RestoreCheck.TestAllAsync(ipv6: false, files);
        await RestoreCheck.TestAllAsync(ipv6: true, [("test v6", V6.Render(Model(Site))), ("long v6", V6.Render(Model(LongNamesSite)))]);
    }

    [Fact]
    public async Task Restore_test_rejects_a_broken_file()
    {
        // Guards the check itself: a file iptables cannot read must fail it.
        var broken = V4.Render(Model(Site)).Replace("-p icmp", "-p icmpx", StringComparison.Ordinal);

        // Not Assert.ThrowsAsync: a missing tool must still end as a skip, not as a wrong exception.
        string? failure = null;
        try
        {
            await RestoreCheck.TestAllAsync(ipv6: false, [("broken", broken)]);
        }
        catch (Xunit.Sdk.FailException e)
        {
            failure = e.Message;
        }

        Assert.NotNull(failure);
        Assert.Contains("icmpx", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loaded_rules_read_back_with_their_comments_inside_the_namespace()
    {
        var text = V4.Render(Model(Site));

        var saved = await RestoreCheck.LoadAndSaveAsync(text);

        // iptables-save prints what the kernel holds: the chains, the split multiport lines and the cut comments.
        var model = Model(Site);
        var chain = ChainOf(model, "Many");
        Assert.Contains($"-A {chain} -d 10.1.0.10/32 -p udp -m multiport --dports 100:101,103:104,106:107,109:110,112:113,115:116,118:119,121", saved, StringComparison.Ordinal);
        var ssh = model.IPv4Rules.Single(r => r.Rule.Services.Contains("SSH"));
        var cut = CommentValue().Match(Lines(text).First(l => l.StartsWith($"-A pm-{ssh.Name} ", StringComparison.Ordinal))).Groups[1].Value;
        Assert.Contains(cut, saved, StringComparison.Ordinal);
        Assert.Equal(model.IPv4Rules.Count(), Lines(saved).Count(l => l.StartsWith(":pm-", StringComparison.Ordinal)));
    }

    [GeneratedRegex(" -m comment --comment \"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex CommentMatch();

    [GeneratedRegex("--comment \"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex CommentValue();

    /// <summary>
    /// Runs iptables-restore / ip6tables-restore on files inside a network namespace the test creates
    /// and always deletes, so the host's own ruleset is never touched. Prefers the nf_tables variant
    /// Debian ships (iptables-nft-restore, package iptables); needs 'ip' (package iproute2) and root.
    /// </summary>
    private static class RestoreCheck
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        public static async Task TestAllAsync(bool ipv6, IReadOnlyList<(string Name, string Text)> files)
        {
            var restore = Tool(ipv6 ? ["ip6tables-nft-restore", "ip6tables-restore"] : ["iptables-nft-restore", "iptables-restore"]);
            await InNamespaceAsync(async ns =>
            {
                Log($"checking with {restore} ({await VersionAsync(restore)}) in namespace {ns}");
                foreach (var (name, text) in files)
                {
                    var (code, stdout, stderr) = await RunAsync(Tool(["ip"]), ["netns", "exec", ns, restore, "--test"], text);
                    if (code != 0)
                    {
                        Assert.Fail($"{Path.GetFileName(restore)} --test rejected {name} (exit {code}): {stderr}{stdout}");
                    }
                }
            });
        }

        /// <summary>Loads an IPv4 file for real inside a fresh namespace and returns iptables-save's view of it.</summary>
        public static async Task<string> LoadAndSaveAsync(string text)
        {
            var restore = Tool(["iptables-nft-restore", "iptables-restore"]);
            var save = Tool([Path.GetFileName(restore).Replace("-restore", "-save", StringComparison.Ordinal)]);
            var saved = "";
            await InNamespaceAsync(async ns =>
            {
                Log($"loading with {restore} ({await VersionAsync(restore)}) in namespace {ns}");
                var (code, stdout, stderr) = await RunAsync(Tool(["ip"]), ["netns", "exec", ns, restore], text);
                Assert.True(code == 0, $"{restore} failed (exit {code}): {stderr}{stdout}");
                (code, saved, stderr) = await RunAsync(Tool(["ip"]), ["netns", "exec", ns, save, "-t", "filter"], null);
                Assert.True(code == 0, $"{save} failed (exit {code}): {stderr}");
            });
            return saved;
        }

        private static async Task InNamespaceAsync(Func<string, Task> action)
        {
            var ip = Tool(["ip"]);
            var ns = "pm-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var (code, _, stderr) = await RunAsync(ip, ["netns", "add", ns], null);
            if (code != 0)
            {
                Assert.Skip($"cannot create a network namespace to run iptables-restore in ('ip netns add' exit {code}: {stderr.Trim()}); needs root.");
            }

            try
            {
                await action(ns);
            }
            finally
            {
                await RunAsync(ip, ["netns", "del", ns], null);
            }
        }

        private static async Task<string> VersionAsync(string tool) =>
            (await RunAsync(tool, ["--version"], null)).Stdout.Trim();

        /// <summary>The full path of the first of <paramref name="names"/> found, or a skip naming the Debian package.</summary>
        private static string Tool(string[] names)
        {
            var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
            foreach (var name in names)
            {
                foreach (var dir in dirs)
                {
                    var path = Path.Combine(dir, name);
                    if (File.Exists(path))
                    {
                        return path;
                    }
                }
            }

            Assert.Skip($"{string.Join(" / ", names)} not found; install the Debian package {(names[0] == "ip" ? "iproute2" : "iptables")}.");
            return "";
        }

        private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

        private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string? stdin)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new UTF8Encoding(false),
            };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} {string.Join(" ", args)} did not finish within {Timeout.TotalSeconds} s.");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
