using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

public sealed partial class FirewalldRendererTests
{
    // A made-up product whose flows cover every shape a rule can take.
    private const string CatalogYaml = """
        id: acme-pbx
        vendor: Acme
        product: PBX
        release: "1.0"
        sources:
          - { id: doc, title: Acme port list }
        roles:
          - { id: server, name: Acme Server }
          - { id: provisioning, name: Acme provisioning server }
          - { id: phone, name: IP phone }
        flows:
          - { id: sip, service: SIP, from: phone, to: server, transport: tcp, ports: "5060", purpose: signalling, source: { doc: doc, line: 1, cell: "TCP 5060" } }
          - { id: rtp, service: RTP, from: phone, to: server, transport: udp, ports: "6000-6999", purpose: voice, source: { doc: doc, line: 2, cell: "UDP 6000-6999" } }
          - { id: web, service: Web, from: phone, to: provisioning, transport: tcp, ports: "80,443,8000-8010", purpose: provisioning, source: { doc: doc, line: 3, cell: "TCP 80, 443, 8000-8010" } }
          - { id: ping, service: Ping, from: phone, to: server, transport: icmp, ports: "any", purpose: reachability, source: { doc: doc, line: 4, cell: "ICMP" } }
          - { id: nd, service: ND, from: phone, to: server, transport: icmpv6, ports: "any", purpose: neighbours, source: { doc: doc, line: 5, cell: "ICMPv6" } }
          - { id: ipsec, service: IPsec, from: phone, to: server, transport: esp, ports: "any", purpose: tunnels, source: { doc: doc, line: 6, cell: "ESP" } }
        """;

    private const string SiteYaml = """
        site: acme
        zones:
          - { name: inside, cidrs: [10.1.0.0/24, "fd00:1::/64"] }
          - { name: outside, cidrs: [10.2.0.0/24, "fd00:2::/64"] }
          - { name: internet, cidrs: [0.0.0.0/0, "::/0"] }
        hosts:
          - { name: pbx1, addresses: [10.1.0.10, "fd00:1::10"], zone: inside, runs: [acme-pbx:server] }
          - { name: prov1, address: 10.1.0.20, zone: inside, runs: [acme-pbx:provisioning] }
        bind:
          acme-pbx:phone: [outside, internet]
        firewalls:
          - { name: fw, zones: [inside, outside, internet], target: firewalld }
        """;

    private static readonly string[] PolicyTargets = ["CONTINUE", "ACCEPT", "DROP", "REJECT"];

    public static TheoryData<string> Sites()
    {
        var data = new TheoryData<string>();
        foreach (var site in Examples.Names)
        {
            data.Add(site);
        }

        data.Add("acme");
        return data;
    }

    [Fact]
    public void Writes_a_zone_per_site_zone_a_service_per_multi_range_port_set_and_a_policy_per_zone_pair()
    {
        var files = Files(Render());

        Assert.Equal(
            [
                "zones/pm-inside.xml", "zones/pm-outside.xml", "zones/pm-internet.xml",
                "services/pm-tcp-80-443-8000-8010.xml",
                "policies/pm-interne-inside.xml", "policies/pm-outside-inside.xml",
            ],
            files.Keys);
    }

    [Fact]
    public void Binds_the_networks_of_a_zone_as_its_sources()
    {
        var zone = Files(Render())["zones/pm-inside.xml"];

        Assert.Contains("<zone>\n  <short>PortMatrix inside</short>\n", zone, StringComparison.Ordinal);
        Assert.Contains("  <source address=\"10.1.0.0/24\"/>\n  <source address=\"fd00:1::/64\"/>\n</zone>\n", zone, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_bind_a_default_route_as_a_source_and_says_to_bind_interfaces()
    {
        var zone = Files(Render())["zones/pm-internet.xml"];

        Assert.DoesNotContain("<source", zone, StringComparison.Ordinal);
        Assert.Contains("--zone=pm-internet --add-interface=IFACE", zone, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_drops_what_its_rules_do_not_accept_between_its_two_zones()
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Contains("<policy target=\"DROP\">\n", policy, StringComparison.Ordinal);
        Assert.Contains("  <ingress-zone name=\"pm-outside\"/>\n  <egress-zone name=\"pm-inside\"/>\n", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_port_is_a_port_element()
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Contains(
            "  <rule family=\"ipv4\">\n    <source address=\"10.2.0.0/24\"/>\n    <destination address=\"10.1.0.10\"/>\n    <port port=\"5060\" protocol=\"tcp\"/>\n    <accept/>\n  </rule>\n",
            policy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_is_a_port_element_with_a_dash()
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Contains("    <destination address=\"10.1.0.10\"/>\n    <port port=\"6000-6999\" protocol=\"udp\"/>\n    <accept/>\n", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_ranges_are_a_service_that_the_rule_names()
    {
        var files = Files(Render());

        Assert.Contains(
            "<service>\n  <short>PortMatrix tcp 80, 443, 8000-8010</short>\n  <description>Ports of the catalog flows acme-pbx:web.</description>\n"
            + "  <port protocol=\"tcp\" port=\"80\"/>\n  <port protocol=\"tcp\" port=\"443\"/>\n  <port protocol=\"tcp\" port=\"8000-8010\"/>\n</service>\n",
            files["services/pm-tcp-80-443-8000-8010.xml"], StringComparison.Ordinal);
        Assert.Contains(
            "    <destination address=\"10.1.0.20\"/>\n    <service name=\"pm-tcp-80-443-8000-8010\"/>\n    <accept/>\n",
            files["policies/pm-outside-inside.xml"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_any_source_has_no_source_element()
    {
        var policy = Files(Render())["policies/pm-interne-inside.xml"];

        Assert.DoesNotContain("<source", policy, StringComparison.Ordinal);
        Assert.Contains("  <rule family=\"ipv4\">\n    <destination address=\"10.1.0.10\"/>\n    <port port=\"5060\" protocol=\"tcp\"/>\n", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IPv6_rule_has_family_ipv6_and_IPv6_addresses()
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Contains(
            "  <!-- outside-inside-001-v6: SIP [acme-pbx:sip] -->\n  <rule family=\"ipv6\">\n    <source address=\"fd00:2::/64\"/>\n    <destination address=\"fd00:1::10\"/>\n    <port port=\"5060\" protocol=\"tcp\"/>\n",
            policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outside-inside-003: Ping [acme-pbx:ping]", "ipv4", "icmp")]
    [InlineData("outside-inside-004-v6: ND [acme-pbx:nd]", "ipv6", "ipv6-icmp")]
    [InlineData("outside-inside-005: IPsec [acme-pbx:ipsec]", "ipv4", "esp")]
    [InlineData("outside-inside-005-v6: IPsec [acme-pbx:ipsec]", "ipv6", "esp")]
    public void Transports_without_ports_are_protocol_elements(string comment, string family, string protocol)
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Matches(
            $"  <!-- {Regex.Escape(comment)} -->\n  <rule family=\"{family}\">\n    <source address=\"[^\"]+\"/>\n    <destination address=\"[^\"]+\"/>\n    <protocol value=\"{protocol}\"/>\n    <accept/>\n",
            policy);
    }

    [Fact]
    public void Every_rule_has_its_provenance_in_a_comment_and_in_the_policy_description()
    {
        var policy = Files(Render())["policies/pm-outside-inside.xml"];

        Assert.Contains("  <!-- outside-inside-001: SIP [acme-pbx:sip] -->\n  <rule family=\"ipv4\">\n", policy, StringComparison.Ordinal);
        Assert.Contains("  <!-- outside-inside-002: RTP [acme-pbx:rtp] -->\n", policy, StringComparison.Ordinal);
        Assert.Contains(
            "<description>Forwarded traffic from zone 'outside' to zone 'inside' (site 'acme', firewall 'fw'); what no rule accepts is dropped. outside-inside-001: SIP [acme-pbx:sip]; outside-inside-002: RTP [acme-pbx:rtp];",
            policy, StringComparison.Ordinal);
        Assert.Contains("acme-pbx:web", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a--b", "a- -b")]
    [InlineData("a---b", "a- - -b")]
    [InlineData("x----", "x- - - -")]
    [InlineData("two\nlines", "two lines")]
    public void Comment_text_never_holds_a_double_dash(string text, string expected)
    {
        var comment = FirewalldRenderer.CommentText(text);

        Assert.Equal(expected, comment);
        Assert.DoesNotContain("--", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_stay_within_17_characters_and_unique()
    {
        var yaml = """
            site: acme
            zones:
              - { name: headquarters-servers-a, cidrs: [10.1.0.0/24] }
              - { name: headquarters-servers-b, cidrs: [10.2.0.0/24] }
              - { name: headquarters-servers-c, cidrs: [10.3.0.0/24] }
            hosts:
              - { name: pbx1, address: 10.1.0.10, zone: headquarters-servers-a, runs: [acme-pbx:server] }
            bind:
              acme-pbx:phone: [headquarters-servers-b, headquarters-servers-c]
            firewalls:
              - { name: fw, zones: [headquarters-servers-a, headquarters-servers-b, headquarters-servers-c], target: firewalld }
            """;

        var files = Files(Render(yaml));

        Assert.Equal(
            [
                "zones/pm-headquarters-s.xml", "zones/pm-headquarters-2.xml", "zones/pm-headquarters-3.xml",
                "policies/pm-headqu-headqua.xml", "policies/pm-headqu-headq-2.xml",
            ],
            files.Keys);
        Assert.Contains("<ingress-zone name=\"pm-headquarters-2\"/>\n  <egress-zone name=\"pm-headquarters-s\"/>", files["policies/pm-headqu-headqua.xml"], StringComparison.Ordinal);
        Assert.Contains("<ingress-zone name=\"pm-headquarters-3\"/>\n  <egress-zone name=\"pm-headquarters-s\"/>", files["policies/pm-headqu-headq-2.xml"], StringComparison.Ordinal);
        Assert.All(files.Keys, k => Assert.True(Path.GetFileNameWithoutExtension(k).Length <= FirewalldRenderer.MaxNameLength, k));
    }

    [Fact]
    public void The_splitter_keeps_each_file_whole_and_refuses_paths_outside_the_config()
    {
        var files = FirewalldRenderer.SplitFiles("<!-- preamble -->\n<!-- file: zones/a.xml -->\n<?xml version=\"1.0\"?>\n<zone/>\n<!-- file: services/b.xml -->\n<service/>\n");

        Assert.Equal([new("zones/a.xml", "<?xml version=\"1.0\"?>\n<zone/>\n"), new("services/b.xml", "<service/>\n")], files);
        Assert.Throws<FormatException>(() => FirewalldRenderer.SplitFiles("<!-- file: ../etc/passwd -->\nx\n"));
        Assert.Throws<FormatException>(() => FirewalldRenderer.SplitFiles("<!-- file: /etc/passwd -->\nx\n"));
    }

    [Fact]
    public void Output_is_deterministic_with_unix_line_ends()
    {
        var a = Render();
        var b = Render();

        Assert.Equal(a, b);
        Assert.DoesNotContain('\r', a);
        Assert.EndsWith("</policy>\n", a, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Every_file_is_well_formed_firewalld_XML(string site)
    {
        foreach (var (firewall, text) in RenderSite(site))
        {
            AssertFirewalldStructure($"{site}/{firewall}", FirewalldRenderer.SplitFiles(text));
        }
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Firewall_offline_cmd_accepts_the_configuration(string site)
    {
        FindTool();
        foreach (var (firewall, text) in RenderSite(site))
        {
            var (exitCode, output) = CheckConfig(FirewalldRenderer.SplitFiles(text));

            Assert.True(exitCode == 0, $"{site}/{firewall}: firewall-offline-cmd exited with {exitCode}:\n{output}");
            // It only warns about some invalid rules (and drops them), so any warning is a failure.
            Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
            Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Firewall_offline_cmd_refuses_a_zone_name_of_18_characters()
    {
        // Shows that the tool check above is not vacuous and that 17 is firewalld's limit.
        FindTool();
        var ok = new KeyValuePair<string, string>("zones/pm-abcdefghijklmn.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<zone>\n  <source address=\"10.9.0.0/24\"/>\n</zone>\n");
        var tooLong = new KeyValuePair<string, string>("zones/pm-abcdefghijklmno.xml", ok.Value);

        Assert.Equal(17, Path.GetFileNameWithoutExtension(ok.Key).Length);
        Assert.Equal(0, CheckConfig([ok]).ExitCode);
        var (exitCode, output) = CheckConfig([tooLong]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("max is 17", output, StringComparison.Ordinal);
    }

    private static string Render(string siteYaml = SiteYaml)
    {
        var catalog = new PortCatalog([CatalogFileReader.Read("acme.yaml", CatalogYaml)]);
        var policy = PolicyCompiler.Compile(SiteFileReader.Read("site.yaml", siteYaml, catalog));
        return new FirewalldRenderer().Render(RenderModel.Build(policy, policy.Site.Firewalls[0]));
    }

    private static IReadOnlyList<(string Firewall, string Text)> RenderSite(string site) =>
        site == "acme" ? [("fw", Render())] : Examples.RenderEach(site, new FirewalldRenderer());

    private static Dictionary<string, string> Files(string text)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, xml) in FirewalldRenderer.SplitFiles(text))
        {
            files.Add(path, xml);
        }

        return files;
    }

    /// <summary>What firewalld's own parsers require of these files, checked with System.Xml.</summary>
    private static void AssertFirewalldStructure(string what, IReadOnlyList<KeyValuePair<string, string>> files)
    {
        var names = files.Select(f => f.Key).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var zones = names.Where(n => n.StartsWith("zones/", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var services = names.Where(n => n.StartsWith("services/", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(zones);
        Assert.Contains(names, n => n.StartsWith("policies/", StringComparison.Ordinal));
        foreach (var (path, xml) in files)
        {
            var m = FilePath().Match(path);
            Assert.True(m.Success, $"{what}: '{path}' is not zones/, services/ or policies/NAME.xml");
            var dir = m.Groups[1].Value;
            var name = m.Groups[2].Value;
            var doc = new XmlDocument();
            doc.LoadXml(xml);
            var root = doc.DocumentElement!;
            var where = $"{what}: {path}";
            Assert.True(xml.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", StringComparison.Ordinal), where);
            Assert.Equal(dir switch { "zones" => "zone", "services" => "service", _ => "policy" }, root.Name);
            if (dir is "zones" or "policies")
            {
                Assert.True(name.Length <= FirewalldRenderer.MaxNameLength, $"{where}: name longer than 17");
            }

            foreach (var child in root.ChildNodes.OfType<XmlElement>())
            {
                switch (dir, child.Name)
                {
                    case (_, "short" or "description"):
                        Assert.False(string.IsNullOrWhiteSpace(child.InnerText), where);
                        break;
                    case ("zones", "source"):
                        Assert.True(Cidr.TryParse(child.GetAttribute("address"), out var c) && !c.IsDefault, $"{where}: source {child.OuterXml}");
                        break;
                    case ("services", "port"):
                        AssertPort(where, child);
                        break;
                    case ("policies", "ingress-zone" or "egress-zone"):
                        Assert.Contains(child.GetAttribute("name"), zones);
                        break;
                    case ("policies", "rule"):
                        AssertRule(where, child, services);
                        break;
                    default:
                        Assert.Fail($"{where}: unexpected element <{child.Name}>");
                        break;
                }
            }

            if (dir == "policies")
            {
                Assert.Contains(root.GetAttribute("target"), PolicyTargets);
                Assert.Single(root.SelectNodes("ingress-zone")!.OfType<XmlElement>());
                Assert.Single(root.SelectNodes("egress-zone")!.OfType<XmlElement>());
                Assert.NotEmpty(root.SelectNodes("rule")!.OfType<XmlElement>());
            }
        }
    }

    private static void AssertRule(string where, XmlElement rule, HashSet<string?> services)
    {
        var family = rule.GetAttribute("family");
        Assert.Contains(family, new[] { "ipv4", "ipv6" });
        var children = rule.ChildNodes.OfType<XmlElement>().ToList();
        Assert.Equal("accept", children[^1].Name);
        var matches = children.Where(c => c.Name is "port" or "service" or "protocol").ToList();
        Assert.True(matches.Count == 1, $"{where}: a rich rule holds exactly one port, service or protocol: {rule.OuterXml}");
        foreach (var c in children[..^1])
        {
            switch (c.Name)
            {
                case "source" or "destination":
                    Assert.True(Cidr.TryParse(c.GetAttribute("address"), out var cidr), $"{where}: {c.OuterXml}");
                    Assert.Equal(family == "ipv4", cidr.IsIPv4);
                    break;
                case "port":
                    AssertPort(where, c);
                    break;
                case "service":
                    Assert.Contains(c.GetAttribute("name"), services);
                    break;
                case "protocol":
                    Assert.Contains(c.GetAttribute("value"), family == "ipv4" ? new[] { "icmp", "esp", "tcp", "udp", "sctp" } : ["ipv6-icmp", "esp", "tcp", "udp", "sctp"]);
                    break;
                default:
                    Assert.Fail($"{where}: unexpected <{c.Name}> in a rule");
                    break;
            }
        }
    }

    private static void AssertPort(string where, XmlElement port)
    {
        Assert.Contains(port.GetAttribute("protocol"), new[] { "tcp", "udp", "sctp" });
        var m = PortText().Match(port.GetAttribute("port"));
        Assert.True(m.Success, $"{where}: {port.OuterXml}");
        var low = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var high = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : low;
        Assert.InRange(low, 1, 65535);
        Assert.InRange(high, low + (m.Groups[2].Success ? 1 : 0), 65535);
    }

    /// <summary>firewall-offline-cmd, or a visible skip: it comes with Debian's firewalld package and needs root.</summary>
    private static string? FindTool()
    {
        var tool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/bin", "/usr/sbin"])
            .Select(d => Path.Combine(d, "firewall-offline-cmd"))
            .FirstOrDefault(File.Exists);
        if (tool is null)
        {
            Assert.Skip("firewall-offline-cmd is not installed (Debian package 'firewalld'); the files were only checked with System.Xml.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("firewall-offline-cmd refuses to run without root; the files were only checked with System.Xml.");
        }

        return tool;
    }

    /// <summary>Writes the files into a temporary system config directory (never /etc/firewalld) and checks it.</summary>
    private static (int ExitCode, string Output) CheckConfig(IEnumerable<KeyValuePair<string, string>> files)
    {
        var tool = FindTool()!;
        var dir = Directory.CreateTempSubdirectory("portmatrix-firewalld-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "firewalld.conf"), "DefaultZone=public\n");
            foreach (var (path, xml) in files)
            {
                var file = Path.GetFullPath(Path.Combine(dir, path));
                Assert.StartsWith(dir + "/", file, StringComparison.Ordinal);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, xml);
            }

            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("--system-config");
            psi.ArgumentList.Add(dir);
            psi.ArgumentList.Add("--check-config");
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail("firewall-offline-cmd --check-config did not finish within 60 s.");
            }

            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^(zones|services|policies)/([A-Za-z0-9_-]+)\.xml$")]
    private static partial Regex FilePath();

    [GeneratedRegex(@"^([0-9]{1,5})(?:-([0-9]{1,5}))?$")]
    private static partial Regex PortText();
}
