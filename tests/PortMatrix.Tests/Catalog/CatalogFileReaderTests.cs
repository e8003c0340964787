using PortMatrix.Catalog;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Catalog;

public sealed class CatalogFileReaderTests
{
    private const string Valid = """
        id: acme-pbx
        vendor: Acme
        product: PBX
        release: "2.1"
        sources:
          - { id: doc, title: Acme port list }
        parameters:
          - { name: channels, default: 30, meaning: trunk channels }
        roles:
          - { id: server, name: Acme Server, aliases: [PBX] }
          - { id: phone, name: IP phone }
        features: [tls]
        flows:
          - id: sip
            service: SIP
            from: phone
            to: [server]
            transport: udp
            ports: "5060"
            purpose: call signalling
            source: { doc: doc, line: 3, cell: "UDP 5060" }
          - id: rtp
            service: RTP
            from: [phone, server]
            to: [phone, server]
            transport: udp
            ports: "6000-{6000 + (channels - 1) * 10}"
            purpose: voice
            feature: tls
            source: { doc: doc, line: 4, cell: "UDP 6000-..." }
        """;

    [Fact]
    public void Reads_a_valid_file()
    {
        var r = CatalogFileReader.Read("acme.yaml", Valid);

        Assert.Equal("acme-pbx@2.1", r.Key);
        Assert.Equal(2, r.Flows.Count);
        Assert.Equal(["server"], r.Flows[0].To);
        Assert.Equal(Transport.Udp, r.Flows[0].Transport);
        Assert.Equal("6000-6290", r.PortsOf(r.Flows[1]).ToString());
        Assert.Equal("6000-6090", r.PortsOf(r.Flows[1], new Dictionary<string, long> { ["channels"] = 10 }).ToString());
        Assert.True(r.FindRole("server")!.IsCalled("pbx"));
    }

    [Theory]
    [InlineData("ports: \"5060\"", "ports: \"5060-70000\"", "acme.yaml:19:", "70000 is above 65535")]
    [InlineData("transport: udp\n    ports: \"5060\"", "transport: udq\n    ports: \"5060\"", "acme.yaml:18:", "'udq' is not a transport")]
    [InlineData("from: phone", "from: fax", "acme.yaml:16:", "role 'fax' is not declared")]
    [InlineData("id: rtp", "id: sip", "acme.yaml:22:", "flow id 'sip' is used twice")]
    [InlineData("feature: tls", "feature: video", "acme.yaml:29:", "feature 'video' is not declared")]
    [InlineData("purpose: voice", "purpos: voice", "acme.yaml:28:", "unknown key 'purpos'")]
    [InlineData("source: { doc: doc, line: 3", "source: { doc: manual, line: 3", "acme.yaml:21:", "'manual' is not in the release's 'sources'")]
    [InlineData("(channels - 1)", "(lines - 1)", "acme.yaml:27:", "parameter 'lines' is not declared")]
    [InlineData("id: acme-pbx", "id: Acme PBX", "acme.yaml:1:", "must be lowercase-kebab")]
    [InlineData("release: \"2.1\"", "release: [2]", "acme.yaml:4:", "single value")]
    public void Reports_mistakes_with_file_line_and_column(string from, string to, string location, string message)
    {
        var yaml = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var e = Assert.Throws<PortMatrixException>(() => CatalogFileReader.Read("acme.yaml", yaml));

        Assert.StartsWith(location, e.Location, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_error_column_points_at_the_bad_token()
    {
        var yaml = Valid.Replace("ports: \"5060\"", "ports: \"5060,70000\"", StringComparison.Ordinal);

        var e = Assert.Throws<PortMatrixException>(() => CatalogFileReader.Read("acme.yaml", yaml));

        // The scalar starts at column 12 ("ports: " is at 5), its quote at 12, the token 70000 at 18.
        Assert.Equal("acme.yaml:19:18", e.Location);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_position()
    {
        var e = Assert.Throws<PortMatrixException>(() => CatalogFileReader.Read("x.yaml", "id: a\n  vendor: [unclosed\n"));

        Assert.StartsWith("x.yaml:", e.Location, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_file_replaces_the_built_in_release_of_the_same_key()
    {
        var user = CatalogFileReader.Read("acme.yaml", Valid);
        var shadow = user with { Flows = [] };

        var catalog = new PortCatalog([user, shadow]);

        Assert.Single(catalog.Releases);
        Assert.Empty(catalog.Releases[0].Flows);
    }
}
