using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Documents;

public sealed class PortMatrixDocumentTests
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    private static PortMatrixDocument Product(string spec, DocumentOptions? options = null) =>
        PortMatrixDocument.ForReleases(Catalog.Value.Resolve(spec), options);

    [Fact]
    public void Groups_by_component_then_listening_role_in_catalog_order()
    {
        var release = Catalog.Value.Resolve("swyx-swyxware").Single();

        var groups = Product("swyx-swyxware").Sections.Single().Groups;

        Assert.All(groups, g => Assert.All(g.Rows, r => Assert.Equal((g.Component, g.Listener), (r.Component, r.To))));
        Assert.Equal(groups.Count, groups.Select(g => (g.Component, g.Listener)).Distinct().Count());
        var firstSeen = release.Flows.Select(f => f.Component ?? release.Product).Distinct().ToList();
        Assert.Equal(firstSeen, groups.Select(g => g.Component).Distinct().ToList());
        Assert.Equal(release.Flows.Count, groups.Sum(g => g.Rows.Count));
    }

    [Fact]
    public void A_flow_without_component_is_grouped_under_the_product()
    {
        var section = Product("mitel-mx-one").Sections.Single();

        Assert.All(section.Groups, g => Assert.Equal("MX-ONE", g.Component));
        Assert.Contains(section.Groups, g => g.Heading == "MX-ONE: inbound to MX-ONE Server");
    }

    [Fact]
    public void Ports_keep_the_expression_and_give_the_evaluated_set_with_defaults()
    {
        var row = Product("swyx-swyxware").Rows.Single(r => r.Ports.Contains("{6000 + (channels - 1) * 10}", StringComparison.Ordinal));

        Assert.Equal("6000-{6000 + (channels - 1) * 10}", row.Ports);
        Assert.Equal("6000-6290", row.EvaluatedPorts);
        Assert.True(row.PortsDiffer);
    }

    [Fact]
    public void A_site_evaluates_ports_with_its_own_parameter_values()
    {
        var site = Examples.Site("swyx-branch");
        var fewer = site with
        {
            Parameters = new Dictionary<string, IReadOnlyDictionary<string, long>>
            {
                ["swyx-swyxware"] = new Dictionary<string, long> { ["channels"] = 4 },
            },
        };

        var document = PortMatrixDocument.ForSite(fewer, new DocumentOptions { IncludeRuleCount = false });

        var row = document.Rows.Single(r => r.Ports.Contains("channels - 1", StringComparison.Ordinal));
        Assert.Equal("6000-6030", row.EvaluatedPorts);
        var channels = document.Sections.Single().Parameters.Single(p => p.Name == "channels");
        Assert.Equal((4L, 30L, true), (channels.Value, channels.Default, channels.FromSite));
        Assert.False(document.Sections.Single().Parameters.Single(p => p.Name == "device_channels").FromSite);
    }

    [Fact]
    public void Transports_without_ports_have_empty_port_cells()
    {
        var esp = Product("mitel-mx-one").Rows.First(r => r.Transport == "esp");

        Assert.Equal(("", ""), (esp.Ports, esp.EvaluatedPorts));
        Assert.False(esp.PortsDiffer);
    }

    [Fact]
    public void A_site_says_which_hosts_and_zones_play_each_role()
    {
        var document = PortMatrixDocument.ForSite(Examples.Site("swyx-branch"));

        var server = document.Placements.Single(p => p.RoleId == "swyx-server");
        Assert.Equal(["swyx1 (10.30.0.10)"], server.Hosts);
        Assert.Equal(["servers"], server.Zones);
        var phones = document.Placements.Single(p => p.RoleId == "swyxphone-s315");
        Assert.Empty(phones.Hosts);
        Assert.Equal(["branch"], phones.Zones);
        Assert.Contains("swyx-swyxware:swyxgate", document.UnplacedRoles);
        Assert.Contains(document.Header, f => f.Label == "Compiled rules" && f.Value.StartsWith("16 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Zones_of_bound_addresses_come_from_the_site_networks()
    {
        var document = PortMatrixDocument.ForSite(Examples.Site("mx-one-hq"));

        Assert.All(document.Placements, p => Assert.NotEmpty(p.Zones));
    }

    [Fact]
    public void Has_no_date_unless_one_is_given()
    {
        var plain = Product("mitel-mx-one");
        var dated = Product("mitel-mx-one", new DocumentOptions { Date = new DateOnly(2025, 1, 31) });

        Assert.DoesNotContain(plain.Header, f => f.Label == "Date");
        Assert.Contains(dated.Header, f => f == new DocumentField("Date", "2025-01-31"));
    }

    [Fact]
    public void Names_the_sources_of_every_release()
    {
        var releases = Catalog.Value.Releases;

        var document = PortMatrixDocument.ForReleases(releases);

        Assert.Equal(releases.Sum(r => r.Sources.Count), document.Sources.Count);
        Assert.Contains(document.Sources, s => s.File == "004_853d6c1448a2674f.txt");
    }

    [Fact]
    public void Rows_carry_the_source_title_line_and_cell_as_written()
    {
        var row = Product("mitel-mx-one").Rows.First(r => r.FlowId == "dhcp-udp-67");

        Assert.Equal(("mx-one-standard", 46, "-"), (row.SourceDoc, row.Line, row.Cell));
        Assert.Equal("MX-ONE standard IP protocols and ports", row.SourceTitle);
    }
}
