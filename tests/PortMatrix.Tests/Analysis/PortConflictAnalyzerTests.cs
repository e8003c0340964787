using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Tests.TestSupport;
using static PortMatrix.Tests.Analysis.AnalysisKit;

namespace PortMatrix.Tests.Analysis;

public sealed class PortConflictAnalyzerTests
{
    private static readonly PortConflictAnalyzer Analyzer = new();

    private const string Roles = """
          - { id: caller, name: Caller App }
          - { id: media-a, name: Media Service A }
          - { id: media-b, name: Media Service B }
          - { id: phone, name: Desk phone }
        """;

    [Fact]
    public void Two_components_listening_on_overlapping_ports_conflict()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("a-media", "caller", "media-a", "udp", "55000-56000", "    configurable: true") +
            Flow("b-media", "caller", "media-b", "udp", "56000-57000")));

        var finding = Assert.Single(OnCatalog(Analyzer, catalog));

        Assert.Equal("PM-CONFLICT-001/acme:media-a+acme:media-b", finding.Id);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("udp/56000", finding.Title, StringComparison.Ordinal);
        Assert.Equal(["acme:a-media", "acme:b-media"], finding.Flows.Select(f => f.Id));
        Assert.All(finding.Flows, f => Assert.Equal(10, f.Flow.Source.Line));
        Assert.Contains("udp/55000-55999", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udp", "55000-55999", "udp", "56000-57000")]
    [InlineData("tcp", "56000", "udp", "56000")]
    public void Disjoint_ports_or_different_transports_do_not_conflict(string tA, string pA, string tB, string pB)
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("a-media", "caller", "media-a", tA, pA) + Flow("b-media", "caller", "media-b", tB, pB)));

        Assert.Empty(OnCatalog(Analyzer, catalog));
    }

    [Fact]
    public void One_role_listening_in_two_flows_is_one_listener()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("sip-from-caller", "caller", "media-a", "udp", "5070-5170") + Flow("sip-from-phone", "phone", "media-a", "udp", "5070-5170")));

        Assert.Empty(OnCatalog(Analyzer, catalog));
    }

    [Fact]
    public void Devices_by_name_and_the_same_protocol_on_its_standard_port_are_not_paired_without_a_site()
    {
        var catalog = Cat(Release("acme", Roles,
            Flow("a-rtp", "caller", "media-a", "udp", "5000-5020") + Flow("phone-rtp", "caller", "phone", "udp", "5000-5020") +
            Flow("a-sip", "caller", "media-a", "udp", "5060", "    application: sip") + Flow("b-sip", "caller", "media-b", "udp", "5060", "    application: sip")));

        Assert.Empty(OnCatalog(Analyzer, catalog));
    }

    [Fact]
    public void A_wide_pool_clashes_only_at_a_well_known_port()
    {
        var narrow = Cat(Release("acme", Roles,
            Flow("a-any", "caller", "media-a", "tcp", ">1024") + Flow("b-fixed", "caller", "media-b", "tcp", "8080")));
        var wellKnown = Cat(Release("acme", Roles,
            Flow("a-any", "caller", "media-a", "tcp", "any") + Flow("b-https", "caller", "media-b", "tcp", "443")));

        Assert.Empty(OnCatalog(Analyzer, narrow));
        var finding = Assert.Single(OnCatalog(Analyzer, wellKnown));
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("tcp/443", finding.Title, StringComparison.Ordinal);
    }

    private static string TwoProductSite(string host2Runs) => $$"""
        site: t
        zones:
          - { name: lan, cidrs: [10.0.0.0/16] }
          - { name: users, cidrs: [10.1.0.0/16] }
        hosts:
          - { name: h1, address: 10.0.0.1, zone: lan, runs: [acme:media-a] }
          - { name: h2, address: 10.0.0.2, zone: lan, runs: [{{host2Runs}}] }
        bind:
          acme:caller: users
          other:client: users
        firewalls:
          - { name: fw, zones: [lan, users] }
        """;

    private static PortCatalog TwoProducts() => Cat(
        Release("acme", Roles, Flow("a-media", "caller", "media-a", "udp", "40000-40100")),
        Release("other", "  - { id: client, name: Client }\n  - { id: server, name: Other Server }", Flow("srv", "client", "server", "udp", "40100")));

    [Fact]
    public void On_a_site_two_products_on_one_host_conflict()
    {
        var site = TwoProductSite("other:server").Replace("runs: [acme:media-a]", "runs: [acme:media-a, other:server]", StringComparison.Ordinal);

        var finding = Assert.Single(OnSite(Analyzer, TwoProducts(), site));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("PM-CONFLICT-001/h1/acme:media-a+other:server", finding.Id);
        Assert.Equal(["h1"], finding.Hosts);
        Assert.Contains("acme Media Service A and other Other Server both listen on udp/40100", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_site_listeners_on_different_hosts_do_not_conflict()
    {
        Assert.Empty(OnSite(Analyzer, TwoProducts(), TwoProductSite("other:server")));
    }

    [Fact]
    public void Swyx_LinkManager_and_ConferenceManager_meet_at_udp_56000()
    {
        var findings = OnCatalog(Analyzer, SwyxOnly());

        var f = Assert.Single(findings, x => x.Id == "PM-CONFLICT-001/swyx-swyxware:conference-manager+swyx-swyxware:linkmanager");
        Assert.Equal("ConferenceManager and LinkManager both listen on udp/56000", f.Title);
        Assert.Equal(["swyx-swyxware:confmgr-media", "swyx-swyxware:linkmgr-media"], f.Flows.Select(x => x.Id));
        Assert.Equal([61, 54], f.Flows.Select(x => x.Flow.Source.Line));
    }

    [Fact]
    public void Swyx_MobileExtensionManager_and_SwyxIt_share_5070_to_5170()
    {
        var f = Assert.Single(OnCatalog(Analyzer, SwyxOnly()), x => x.Id == "PM-CONFLICT-001/swyx-swyxware:mobile-extension-manager+swyx-swyxware:swyxit");

        Assert.Contains("tcp/5070-5170", f.Title, StringComparison.Ordinal);
        Assert.Contains("udp/5070-5170", f.Title, StringComparison.Ordinal);
        Assert.Contains(f.Flows, x => x.Id == "swyx-swyxware:mem-sip-udp");
        Assert.Contains(f.Flows, x => x.Id == "swyx-swyxware:swyxit-sip-tcp");
    }

    [Fact]
    public void The_example_sites_have_no_same_host_conflicts()
    {
        foreach (var name in Examples.Names)
        {
            var site = Examples.Site(name);
            Assert.Empty(Analyzers.Run(AnalysisSubject.ForSite(PortCatalog.BuiltIn(), site), [Analyzer]));
        }
    }

    [Fact]
    public void Running_the_same_host_roles_as_the_swyx_example_with_MEM_on_the_server_conflicts()
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "examples", "swyx-branch.yaml"))
            .Replace("runs: [swyx-swyxware:swyx-server, swyx-swyxware:cds]", "runs: [swyx-swyxware:swyx-server, swyx-swyxware:cds, swyx-swyxware:fax-server]", StringComparison.Ordinal);
        var catalog = PortCatalog.BuiltIn();

        var findings = OnSite(Analyzer, catalog, yaml);

        var f = Assert.Single(findings, x => x.Key == "swyx1/swyx-swyxware:fax-server+swyx-swyxware:swyx-server");
        Assert.Equal(Severity.High, f.Severity);
        Assert.Contains("udp/5060", f.Title, StringComparison.Ordinal);
    }

    private static PortCatalog SwyxOnly() => new(PortCatalog.BuiltIn().Releases.Where(r => r.Id == "swyx-swyxware"));
}
