using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Analysis;

public sealed class ReleaseDiffTests
{
    private static readonly PortCatalog Catalog = PortCatalog.BuiltIn();

    public static TheoryData<string, string> ChangeTables() => new()
    {
        { "8.1 FP", "9.0" },
        { "9.0", "9.0.3 FP" },
        { "9.0.3 FP", "9.1" },
    };

    /// <summary>
    /// Each row of the document's change tables (read by the importer) must be in the diff of the two
    /// catalog releases, and the diff must hold nothing else: tables 5, 6 and 7, line by line.
    /// </summary>
    [Theory]
    [MemberData(nameof(ChangeTables))]
    public void Diff_of_two_avaya_releases_reproduces_the_change_table(string from, string to)
    {
        var import = new DocumentImporter().Import(Repo.Seed("003_c225dded3e857ec3.txt"));
        var rows = import.ReleaseChanges.Where(c => Release(c.FromRelease) == from && Release(c.ToRelease) == to).ToList();
        Assert.NotEmpty(rows);

        var diff = ReleaseDiff.Compare(Get(from), Get(to));

        var expected = rows.Select(r => $"{r.Kind} {string.Join("+", r.Transports.Select(t => t.ToName()))} {r.Ports}").Order(StringComparer.Ordinal).ToList();
        var actual = diff.Added.Select(f => Entry("added", f, diff.To))
            .Concat(diff.Removed.Select(f => Entry("removed", f, diff.From)))
            .Concat(diff.Changed.Select(c => Entry("changed", c.New, diff.To)))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Diff_9_0_3_to_9_1_removes_the_custom_call_reporter_with_its_source_lines()
    {
        var diff = ReleaseDiff.Compare(Get("9.0.3 FP"), Get("9.1"));

        Assert.Equal(8, diff.Removed.Count);
        Assert.All(diff.Removed, f => Assert.Equal("Custom Call Reporter", f.Component));
        Assert.Equal([308, 309, 310, 311, 312, 313, 315, 316], diff.Removed.Select(f => f.Source.Line).Order());
        var rtp = Assert.Single(diff.Changed, c => c.New.Id == "ipo-media-in");
        Assert.Equal(["ports 47000-54000 → 40750-50750"], rtp.Changes);
    }

    [Fact]
    public void The_9_0_media_range_is_marked_as_not_documented()
    {
        var flow = Get("9.0").Flows.Single(f => f.Id == "ipo-media-in");

        Assert.False(flow.PortsDocumented);
        Assert.Equal(285, flow.Source.Line);
    }

    [Fact]
    public void Diff_reports_transport_direction_and_tls_changes()
    {
        var a = Release1("""
              - { id: sip, service: SIP, from: phone, to: server, transport: udp, ports: "5060", purpose: p, source: { doc: d, line: 1, cell: c } }
              - { id: web, service: HTTP, from: phone, to: server, transport: tcp, ports: "80", purpose: p, source: { doc: d, line: 2, cell: c } }
              - { id: old, service: Telnet, from: phone, to: server, transport: tcp, ports: "23", purpose: p, source: { doc: d, line: 3, cell: c } }
            """);
        var b = Release1("""
              - { id: sip, service: SIP, from: phone, to: server, transport: tcp, ports: "5060", purpose: p, source: { doc: d, line: 1, cell: c } }
              - { id: web, service: HTTP, from: server, to: phone, transport: tcp, ports: "80", tls: true, purpose: p, source: { doc: d, line: 2, cell: c } }
              - { id: new, service: SSH, from: phone, to: server, transport: tcp, ports: "22", purpose: p, source: { doc: d, line: 3, cell: c } }
            """);

        var diff = ReleaseDiff.Compare(a, b);

        Assert.Equal("new", Assert.Single(diff.Added).Id);
        Assert.Equal("old", Assert.Single(diff.Removed).Id);
        Assert.Contains(diff.Changed, c => c.New.Id == "sip" && c.Changes.SequenceEqual(["transport udp → tcp"]));
        Assert.Contains(diff.Changed, c => c.New.Id == "web" && c.Changes.Any(x => x.StartsWith("direction", StringComparison.Ordinal)) && c.Changes.Contains("now TLS"));
    }

    [Fact]
    public void Flows_of_files_with_other_ids_pair_by_what_they_are()
    {
        var a = Release1("""
              - { id: sip-a, service: SIP, from: phone, to: server, transport: udp, ports: "5060", purpose: p, source: { doc: d, line: 1, cell: c } }
            """);
        var b = Release1("""
              - { id: sip-b, service: SIP, from: phone, to: server, transport: udp, ports: "5060-5061", purpose: p, source: { doc: d, line: 1, cell: c } }
            """);

        var diff = ReleaseDiff.Compare(a, b);

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal(["ports 5060 → 5060-5061"], Assert.Single(diff.Changed).Changes);
    }

    [Fact]
    public void A_derived_file_with_an_unknown_flow_is_an_error_at_its_change()
    {
        var @base = CatalogFileReader.Read("base.yaml", Head("1") + "flows:\n" + """
              - { id: sip, service: SIP, from: phone, to: server, transport: udp, ports: "5060", purpose: p, source: { doc: d, line: 1, cell: c } }
            """);
        var derived = CatalogFileReader.Read("old.yaml", """
            id: acme
            vendor: Acme
            product: PBX
            release: "0.9"
            derived-from: "1"
            changes:
              - remove: nosuch
                why: test
                source: { doc: d, line: 5, cell: c }
            """);

        var e = Assert.Throws<PortMatrixException>(() => new PortCatalog([@base, derived]));

        Assert.StartsWith("old.yaml:7:", e.Location, StringComparison.Ordinal);
        Assert.Contains("no flow 'nosuch'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_derived_file_without_its_base_is_an_error()
    {
        var derived = CatalogFileReader.Read("old.yaml", "id: acme\nvendor: Acme\nproduct: PBX\nrelease: \"0.9\"\nderived-from: \"1\"\nchanges: []\n");

        var e = Assert.Throws<PortMatrixException>(() => new PortCatalog([derived]));

        Assert.Contains("acme@1, which is not in the catalog", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("old.yaml:5:", e.Location, StringComparison.Ordinal);
    }

    private static string Entry(string kind, Flow f, ProductRelease r) =>
        $"{kind} {f.Transport.ToName()} {(f.PortsDocumented ? r.PortsOf(f).ToString() : "?")}";

    private static string Release(string documentName) => documentName == "9.1.0" ? "9.1" : documentName;

    private static ProductRelease Get(string release) => Catalog.Find("avaya-ip-office", release).Single();

    private static string Head(string release) => $$"""
        id: acme
        vendor: Acme
        product: PBX
        release: "{{release}}"
        sources: [{ id: d, title: doc }]
        roles: [{ id: phone, name: Phone }, { id: server, name: Server }]

        """;

    private static ProductRelease Release1(string flows) => CatalogFileReader.Read("x.yaml", Head("1") + "flows:\n" + flows);
}
