using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Tests.TestSupport;
using static PortMatrix.Tests.Analysis.AnalysisKit;

namespace PortMatrix.Tests.Analysis;

public sealed class SecurityAnalyzerTests
{
    private const string Roles = """
          - { id: server, name: App Server }
          - { id: client, name: Admin client }
          - { id: phone, name: IP phone }
        """;

    [Fact]
    public void Cleartext_beside_its_encrypted_form_is_a_medium_finding()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("web", "client", "server", "tcp", "80", "    application: http") + Flow("web-tls", "client", "server", "tcp", "443", "    application: https\n    tls: true")));

        var f = Assert.Single(OnCatalog(new CleartextAnalyzer(), catalog));

        Assert.Equal("PM-SECURITY-001/acme:http", f.Id);
        Assert.Equal(Severity.Medium, f.Severity);
        Assert.Equal(["acme:web", "acme:web-tls"], f.Flows.Select(x => x.Id));
        Assert.Contains("tcp/443 tls", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Cleartext_without_an_encrypted_form_is_no_finding_unless_it_is_ftp_telnet_or_snmp()
    {
        var httpOnly = Cat(Release("acme", Roles, Flow("web", "client", "server", "tcp", "80", "    application: http")));
        var ftp = Cat(Release("acme", Roles, Flow("files", "client", "server", "tcp", "21", "    application: ftp")));

        Assert.Empty(OnCatalog(new CleartextAnalyzer(), httpOnly));
        var f = Assert.Single(OnCatalog(new CleartextAnalyzer(), ftp));
        Assert.Equal(Severity.Low, f.Severity);
    }

    [Fact]
    public void A_note_that_TLS_is_offered_on_the_same_port_counts_as_an_encrypted_form()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("cornet", "phone", "server", "tcp", "4060-4061", "    application: cornet\n    note: TLS is offered on the same ports")));

        var f = Assert.Single(OnCatalog(new CleartextAnalyzer(), catalog));

        Assert.Equal("PM-SECURITY-001/acme:cornet", f.Id);
        Assert.Contains("ports stay the same", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_that_need_no_opening_are_not_cleartext_findings()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("web", "client", "server", "tcp", "80", "    application: http").Replace("firewall: required", "firewall: not-needed", StringComparison.Ordinal) +
            Flow("web-tls", "client", "server", "tcp", "443", "    application: https\n    tls: true")));

        Assert.Empty(OnCatalog(new CleartextAnalyzer(), catalog));
    }

    private static string InternetSite(string clientZone) => $$"""
        site: t
        zones:
          - { name: lan, cidrs: [10.0.0.0/16] }
          - { name: admin, cidrs: [10.9.0.0/16] }
          - { name: internet, cidrs: [0.0.0.0/0] }
        hosts:
          - { name: app1, address: 10.0.0.1, zone: lan, runs: [acme:server] }
        bind:
          acme:client: {{clientZone}}
          acme:phone: [10.0.5.0/24]
        firewalls:
          - { name: edge, zones: [lan, admin, internet] }
        """;

    private static PortCatalog Managed() => Cat(Release("acme", Roles,
        Flow("ssh", "client", "server", "tcp", "22", "    application: ssh") +
        Flow("db", "client", "server", "tcp", "5432") +
        Flow("sip", "client", "server", "udp", "5060", "    application: sip")));

    [Fact]
    public void Management_and_database_ports_open_from_the_internet_are_high()
    {
        var findings = OnSite(new ExposedManagementAnalyzer(), Managed(), InternetSite("[admin, internet]"));

        Assert.Equal(["PM-SECURITY-002/edge/acme:db", "PM-SECURITY-002/edge/acme:ssh"], findings.Select(f => f.Id));
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
        Assert.All(findings, f => Assert.Equal(["app1"], f.Hosts));
        Assert.Contains("acme:client", findings[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Management_ports_open_only_from_an_inside_zone_are_fine()
    {
        Assert.Empty(OnSite(new ExposedManagementAnalyzer(), Managed(), InternetSite("admin")));
    }

    [Fact]
    public void Old_TLS_or_weak_hashes_in_the_catalog_text_are_findings_and_TLS_1_2_is_not()
    {
        var weak = Cat(Release("acme", Roles,
            Flow("ws", "client", "server", "tcp", "8080", "    tls: true\n    note: the web service speaks TLS 1.0 only") +
            Flow("auth", "phone", "server", "udp", "1719", "    note: authenticated with MD5")));
        var fine = Cat(Release("acme", Roles, Flow("ws", "client", "server", "tcp", "8080", "    tls: true\n    note: runs over TLS 1.2")));

        var findings = OnCatalog(new WeakSecurityAnalyzer(), weak);

        Assert.Equal(["PM-SECURITY-003/acme:auth", "PM-SECURITY-003/acme:ws"], findings.Select(f => f.Id));
        Assert.Contains("old TLS version", findings[1].Title, StringComparison.Ordinal);
        Assert.Contains("weak authentication", findings[0].Title, StringComparison.Ordinal);
        Assert.Empty(OnCatalog(new WeakSecurityAnalyzer(), fine));
    }

    [Fact]
    public void The_MX_ONE_web_service_is_flagged_for_TLS_1_0_citing_line_36()
    {
        var catalog = new PortCatalog(PortCatalog.BuiltIn().Releases.Where(r => r.Id == "mitel-mx-one"));

        var f = Assert.Single(OnCatalog(new WeakSecurityAnalyzer(), catalog), x => x.Id == "PM-SECURITY-003/mitel-mx-one:mx-one-standard:36");

        Assert.Equal(["mitel-mx-one:csta-secure-tls-80"], f.Flows.Select(x => x.Id));
        Assert.Contains("TLS 1.0", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_documented_security_statement_still_covers_a_built_in_flow()
    {
        var catalog = PortCatalog.BuiltIn();
        foreach (var s in DocumentedStatements.All.Where(s => s.Kind != StatementKind.PortsPerCall))
        {
            var release = Assert.Single(catalog.Latest, r => r.Id == s.Product);
            Assert.True(release.Flows.Any(f => s.Covers(release, f)), $"{s.Product} {s.Doc}:{s.Line} covers no flow");
        }
    }

    [Fact]
    public void Wide_inbound_ranges_between_zones_are_findings_and_narrow_ones_are_not()
    {
        var wide = Cat(Release("acme", Roles, Flow("rtp", "phone", "server", "udp", "10000-30000", "    application: rtp\n    configurable: true")));
        var narrow = Cat(Release("acme", Roles, Flow("rtp", "phone", "server", "udp", "10000-10999", "    application: rtp")));
        var site = """
            site: t
            zones:
              - { name: lan, cidrs: [10.0.0.0/16] }
              - { name: phones, cidrs: [10.1.0.0/16] }
            hosts:
              - { name: app1, address: 10.0.0.1, zone: lan, runs: [acme:server] }
            bind:
              acme:phone: phones
            firewalls:
              - { name: fw, zones: [lan, phones] }
            """;

        var f = Assert.Single(OnSite(new WideInboundAnalyzer(), wide, site));

        Assert.Equal("PM-SECURITY-004/fw/phones-lan-001", f.Id);
        Assert.Equal(Severity.Medium, f.Severity);
        Assert.Contains("20001 ports from phones to lan", f.Title, StringComparison.Ordinal);
        Assert.Empty(OnSite(new WideInboundAnalyzer(), narrow, site));
    }
}
