using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Tests.TestSupport;
using static PortMatrix.Tests.Analysis.AnalysisKit;

namespace PortMatrix.Tests.Analysis;

public sealed class MediaCapacityAnalyzerTests
{
    private static readonly MediaCapacityAnalyzer Analyzer = new();

    private const string Roles = """
          - { id: server, name: Media Server }
          - { id: phone, name: IP phone }
        """;

    private const string Parameters = """
        parameters:
          - { name: channels, default: 30, meaning: trunk channels }
        """;

    private static string Site(int channels) => $$"""
        site: t
        zones:
          - { name: lan, cidrs: [10.0.0.0/16] }
          - { name: phones, cidrs: [10.1.0.0/16] }
        hosts:
          - { name: ms1, address: 10.0.0.1, zone: lan, runs: [acme:server] }
        bind:
          acme:phone: phones
        parameters:
          acme:channels: {{channels}}
        firewalls:
          - { name: fw, zones: [lan, phones] }
        """;

    private static PortCatalog Fixed(string extra = "") =>
        Cat(Release("acme", Roles, Flow("rtp", "phone", "server", "udp", "40000-40099", "    application: rtp\n    configurable: true" + extra), Parameters));

    [Fact]
    public void A_fixed_range_smaller_than_the_channels_need_is_a_finding()
    {
        var finding = Assert.Single(OnSite(Analyzer, Fixed(), Site(60)));

        Assert.Equal("PM-CAPACITY-001/acme:rtp", finding.Id);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("carries 50 calls, fewer than the site's 60 channels", finding.Title, StringComparison.Ordinal);
        Assert.Contains("assumed 2 ports per call", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(["ms1"], finding.Hosts);
        Assert.Contains("udp/40000-40119", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_range_large_enough_for_the_channels_is_fine()
    {
        Assert.Empty(OnSite(Analyzer, Fixed(), Site(50)));
    }

    [Fact]
    public void Ports_per_call_stated_in_the_flow_note_are_used()
    {
        var finding = Assert.Single(OnSite(Analyzer, Fixed("\n    note: the gateway takes 4 ports per channel"), Site(30)));

        Assert.Contains("carries 25 calls", finding.Title, StringComparison.Ordinal);
        Assert.Contains("4 ports per call, as the flow's note says (doc:10)", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_growing_with_the_channels_is_fine_by_construction_unless_it_grows_too_slowly()
    {
        var tenPerChannel = Cat(Release("acme", Roles, Flow("rtp", "phone", "server", "udp", "6000-{6000 + (channels - 1) * 10}", "    application: rtp"), Parameters));
        var onePerChannel = Cat(Release("acme", Roles, Flow("rtp", "phone", "server", "udp", "6000-{6000 + channels}", "    application: rtp"), Parameters));

        Assert.Empty(OnSite(Analyzer, tenPerChannel, Site(300)));
        var finding = Assert.Single(OnSite(Analyzer, onePerChannel, Site(300)));
        Assert.Contains("grows by 1 port(s) per channel", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_site_there_is_no_channel_count_to_check()
    {
        Assert.Empty(OnCatalog(Analyzer, Fixed()));
    }

    [Fact]
    public void A_documented_ratio_is_cited_and_a_separate_rtcp_flow_means_rtp_only()
    {
        var mxOne = CatalogFileReader.Read("m.yaml", Release("mitel-mx-one", Roles, Flow("gw-rtp", "phone", "server", "udp", "20000-20399", "    application: rtp", line: 160))
            .Replace("id: doc,", "id: mx-one-standard,", StringComparison.Ordinal).Replace("doc: doc,", "doc: mx-one-standard,", StringComparison.Ordinal));
        var split = CatalogFileReader.Read("s.yaml", Release("acme", Roles,
            Flow("rtp", "phone", "server", "udp", "16986-17012", "    application: rtp") + Flow("rtcp", "phone", "server", "udp", "16987-17013", "    application: rtcp")));

        var (perCall, basis) = MediaCapacityAnalyzer.PortsPerCall(mxOne, mxOne.Flows[0]);
        Assert.Equal(2, perCall);
        Assert.Contains("mx-one-standard:162", basis, StringComparison.Ordinal);
        Assert.Equal(1, MediaCapacityAnalyzer.PortsPerCall(split, split.Flows[0]).PortsPerCall);
    }

    [Fact]
    public void The_swyx_example_with_30_channels_is_fine_and_with_300_the_server_range_is_short()
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.Root, "examples", "swyx-branch.yaml"));
        var catalog = PortCatalog.BuiltIn();

        Assert.Empty(OnSite(Analyzer, catalog, yaml));
        var findings = OnSite(Analyzer, catalog, yaml.Replace("swyx-swyxware:channels: 30", "swyx-swyxware:channels: 300", StringComparison.Ordinal));
        var f = Assert.Single(findings);
        Assert.Equal("PM-CAPACITY-001/swyx-swyxware:server-media", f.Id);
        Assert.Contains("udp/51000-51499 carries 250 calls", f.Title, StringComparison.Ordinal);
    }
}
