using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Sites;

namespace PortMatrix.Tests.Sites;

public sealed class SiteFileReaderTests
{
    private static readonly PortCatalog Catalog = PortCatalog.BuiltIn();

    private const string Valid = """
        site: test
        zones:
          - { name: lan, cidrs: [10.10.0.0/16, "fd00:10::/48"] }
          - { name: voice, cidrs: [10.20.0.0/16] }
          - { name: internet, cidrs: [0.0.0.0/0] }
        hosts:
          - { name: mx1, address: 10.10.1.10, zone: lan, runs: [mitel-mx-one:server] }
        bind:
          mitel-mx-one:sip-extension: voice
          mitel-mx-one:dns-server: [10.10.0.53]
        parameters:
          swyx-swyxware:channels: 8
        firewalls:
          - { name: core, zones: [lan, voice], target: nftables }
        """;

    [Fact]
    public void Reads_a_valid_site()
    {
        var site = SiteFileReader.Read("s.yaml", Valid, Catalog);

        Assert.Equal("test", site.Name);
        Assert.Equal(3, site.Zones.Count);
        Assert.Equal("lan", site.ZoneOf(System.Net.IPAddress.Parse("10.10.0.53"))!.Name);
        Assert.Equal("internet", site.ZoneOf(System.Net.IPAddress.Parse("8.8.8.8"))!.Name);
        Assert.Equal(8, site.Parameters["swyx-swyxware"]["channels"]);
        Assert.Contains(site.Releases, r => r.Id == "mitel-mx-one");
    }

    [Theory]
    [InlineData("runs: [mitel-mx-one:server]", "runs: [no-such:server]", "s.yaml:7:", "unknown product 'no-such'")]
    [InlineData("runs: [mitel-mx-one:server]", "runs: [mitel-mx-one:pbx]", "s.yaml:7:", "has no role 'pbx'")]
    [InlineData("10.20.0.0/16] }", "10.10.128.0/17] }", "s.yaml:4:", "overlap")]
    [InlineData("address: 10.10.1.10", "address: 10.20.1.10", "s.yaml:7:", "lies in zone 'voice', not in its zone 'lan'")]
    [InlineData("address: 10.10.1.10", "address: 10.10.1.300", "s.yaml:7:", "is not an IP address")]
    [InlineData("cidrs: [10.20.0.0/16]", "cidrs: [10.20.0.1/16]", "s.yaml:4:", "host bits set")]
    [InlineData("cidrs: [10.20.0.0/16]", "cidrs: [10.20.0.0/33]", "s.yaml:4:", "bad prefix length")]
    [InlineData("{ name: voice,", "{ name: lan,", "s.yaml:4:", "zone name 'lan' is used twice")]
    [InlineData("sip-extension: voice", "sip-extension: phones", "s.yaml:9:", "neither a zone nor an address")]
    [InlineData("zones: [lan, voice]", "zones: [lan, dmz]", "s.yaml:14:", "zone 'dmz', which is not defined")]
    [InlineData("swyx-swyxware:channels: 8", "swyx-swyxware:lines: 8", "s.yaml:12:", "has no parameter 'lines'")]
    [InlineData("swyx-swyxware:channels: 8", "swyx-swyxware:channels: many", "s.yaml:12:", "must be a whole number")]
    [InlineData("site: test", "site: test\nfeatures: [mitel-mx-one:video]", "s.yaml:2:", "has no feature 'video'")]
    [InlineData("site: test", "site: test\nzonez: []", "s.yaml:2:", "unknown key 'zonez'")]
    public void Reports_site_mistakes_with_file_line_and_column(string from, string to, string location, string message)
    {
        var yaml = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var e = Assert.Throws<PortMatrixException>(() => SiteFileReader.Read("s.yaml", yaml, Catalog));

        Assert.StartsWith(location, e.Location, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enabled_feature_whose_role_is_unbound_is_an_error_at_the_feature()
    {
        var yaml = """
            site: t
            zones:
              - { name: lan, cidrs: [10.10.0.0/16] }
              - { name: users, cidrs: [10.20.0.0/16] }
            hosts:
              - { name: ucs, address: 10.10.1.10, zone: lan, runs: [imagicle-uc-suite:server] }
            features: [imagicle-uc-suite:digital-fax]
            firewalls:
              - { name: fw, zones: [lan, users] }
            """;
        var site = SiteFileReader.Read("f.yaml", yaml, Catalog);

        var e = Assert.Throws<PortMatrixException>(() => PolicyCompiler.Compile(site));

        Assert.StartsWith("f.yaml:7:", e.Location, StringComparison.Ordinal);
        Assert.Contains("digital-fax is enabled", e.Message, StringComparison.Ordinal);
    }
}

public sealed class PolicyCompilerTests
{
    private static readonly PortCatalog Catalog = PortCatalog.BuiltIn();

    private static SitePolicy Compile(string yaml) => PolicyCompiler.Compile(SiteFileReader.Read("t.yaml", yaml, Catalog));

    [Fact]
    public void Keeps_flows_that_cross_a_firewall_and_reports_the_rest()
    {
        var policy = Compile("""
            site: t
            zones:
              - { name: lan, cidrs: [10.10.0.0/16] }
              - { name: voice, cidrs: [10.20.0.0/16] }
            hosts:
              - { name: mx1, address: 10.10.1.10, zone: lan, runs: [mitel-mx-one:server] }
              - { name: mx2, address: 10.10.1.11, zone: lan, runs: [mitel-mx-one:server] }
            bind:
              mitel-mx-one:sip-extension: voice
            firewalls:
              - { name: fw, zones: [lan, voice] }
            """);

        // SIP over TLS from the phones to the servers crosses the firewall.
        Assert.Contains(policy.Rules, r => r.FromZone == "voice" && r.ToZone == "lan" && r.Transport == PortMatrix.Ports.Transport.Tcp && r.Ports.Contains(5061)
            && r.FlowIds.Any(f => f.StartsWith("mitel-mx-one:sip", StringComparison.Ordinal)));
        // Server to server (inter-server signalling, SCTP) stays inside the LAN: no rule, reason same-zone; CFCOPY is marked not needed.
        Assert.DoesNotContain(policy.Rules, r => r.Transport == PortMatrix.Ports.Transport.Sctp);
        Assert.Contains(policy.LeftOut, e => e.FlowId == "mitel-mx-one:inter-server-sctp-5678" && e.Reason == ExclusionReasons.SameZone);
        Assert.Contains(policy.LeftOut, e => e.FlowId == "mitel-mx-one:cfcopy-sctp-5679" && e.Reason == ExclusionReasons.NotNeeded);
        Assert.Contains(policy.LeftOut, e => e.Reason == ExclusionReasons.RoleUnbound);
        Assert.Contains(policy.LeftOut, e => e.Reason == ExclusionReasons.NotNeeded);
    }

    [Fact]
    public void Evaluates_channel_formulas_with_the_site_parameters()
    {
        var policy = Compile("""
            site: t
            zones:
              - { name: servers, cidrs: [10.30.0.0/24] }
              - { name: hq, cidrs: [10.30.8.0/21] }
            hosts:
              - { name: gw, address: 10.30.0.20, zone: servers, runs: [swyx-swyxware:swyxconnect-6xxx] }
            bind:
              swyx-swyxware:swyxit: hq
            parameters:
              swyx-swyxware:channels: 4
            firewalls:
              - { name: fw, zones: [servers, hq] }
            """);

        var media = Assert.Single(policy.Rules, r => r.ToZone == "servers" && r.Transport == PortMatrix.Ports.Transport.Udp);
        Assert.Equal("6000-6030", media.Ports.ToString());
    }

    [Fact]
    public void Merges_rules_with_the_same_ends_and_transport()
    {
        var policy = Compile("""
            site: t
            zones:
              - { name: lan, cidrs: [10.10.0.0/16] }
              - { name: voice, cidrs: [10.20.0.0/16] }
            hosts:
              - { name: mx1, address: 10.10.1.10, zone: lan, runs: [mitel-mx-one:server] }
            bind:
              mitel-mx-one:sip-extension: voice
            firewalls:
              - { name: fw, zones: [lan, voice] }
            """);

        var groups = policy.Rules.GroupBy(r => (r.Firewall, r.FromZone, r.ToZone, Src: string.Join(",", r.SourceNetworks), Dst: string.Join(",", r.DestinationNetworks), r.Transport));
        Assert.All(groups, g => Assert.Single(g));
        Assert.True(policy.Rules.Count < policy.UnmergedRuleCount);
    }
}
