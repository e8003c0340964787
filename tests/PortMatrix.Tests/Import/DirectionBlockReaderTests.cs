using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import;

public sealed class DirectionBlockReaderTests
{
    private const string Seed = "002_5e79d41b41252df8.txt";

    private static readonly string[] DirectionHeader =
    [
        "Interactions with the Widget",
        "",
        "Protocol Direction",
        "(From Imagicle Server Perspective)",
        "TCP-IP Ports",
        "(Remote peer)",
        "TCP-IP Ports",
        "(Imagicle Server)",
        "Usage Imagicle Applications",
    ];

    private static readonly DirectionBlockReader Reader = new();

    private static SourceDocument Doc(params string[] lines) => new("inline.txt", string.Join("\n", lines));

    private static ImportResult ReadRows(params string[] rows) => Reader.Read(Doc([.. DirectionHeader, .. rows]));

    private static ImportResult ReadSeed() => Reader.Read(SourceDocument.Load(Repo.Seed(Seed)));

    private static string Ports(ImportedFlow f) => f.Ports.ToString();

    // ---- layout detection ----

    [Fact]
    public void Matches_a_direction_table_with_a_direction_row()
    {
        var doc = Doc([.. DirectionHeader, "LDAP OUT TCP 389 Any (TCP) lookups All"]);

        var score = Reader.Match(doc);

        Assert.True(score >= 0.8, $"score {score}");
    }

    [Theory]
    [InlineData("Service |\nSIP |\nPort |\n5060 |")]
    [InlineData("No.\tDefault Destination Port\tProtocol\n1\t5060\tUDP")]
    [InlineData("Classification\tProtocol\tTyp\tPort\tConfigurable via\nSIP\tUDP\tin\t5060\t-")]
    [InlineData("Just some prose about TCP 80 and nothing else.")]
    public void Does_not_match_other_layouts(string text)
    {
        var score = Reader.Match(Doc(text));

        Assert.Equal(0, score);
    }

    [Fact]
    public void Seed_is_read_by_this_reader_and_scores_zero_on_the_other_seeds()
    {
        var seeds = new[] { "000_6d972d656c8aeca0.txt", "001_55bedca5d356ede9.txt", "003_c225dded3e857ec3.txt", "004_853d6c1448a2674f.txt" };

        var own = Reader.Match(SourceDocument.Load(Repo.Seed(Seed)));
        var others = seeds.Select(s => Reader.Match(SourceDocument.Load(Repo.Seed(s)))).ToList();

        Assert.True(own >= 0.8);
        Assert.All(others, s => Assert.Equal(0, s));
    }

    // ---- rows on one line ----

    [Fact]
    public void Reads_an_out_row_as_a_flow_from_the_server_to_the_section_subject()
    {
        var result = ReadRows("LDAP OUT TCP   389 Any (TCP) Reads the directory. All");

        var f = Assert.Single(result.Flows);
        Assert.Equal(Transport.Tcp, f.Transport);
        Assert.Equal("389", Ports(f));
        Assert.Equal("any", f.SourcePorts?.ToString());
        Assert.Equal(["Imagicle Server"], f.From);
        Assert.Equal(["Widget"], f.To);
        Assert.Equal("LDAP", f.Service);
        Assert.Equal("ldap", f.Application);
        Assert.Equal("TCP   389", f.Cell);
        Assert.Equal(10, f.Line);
        Assert.Equal(FirewallRelevance.Required, f.Firewall);
        Assert.Equal("Interactions with the Widget", f.Section);
    }

    [Fact]
    public void Reads_an_in_row_with_any_remote_port_as_the_incoming_flow_only()
    {
        var result = ReadRows("Legacy IN Any (TCP) TCP 51234 Client link. AC Enterprise");

        var f = Assert.Single(result.Flows);
        Assert.Equal("51234", Ports(f));
        Assert.Equal(["Widget"], f.From);
        Assert.Equal(["Imagicle Server"], f.To);
        Assert.Equal("any", f.SourcePorts?.ToString());
    }

    [Fact]
    public void Reads_in_out_as_both_directions_with_the_other_side_as_source_ports()
    {
        var result = ReadRows("SIP IN/OUT TLS 5063 TLS 5063 Secure calls Advanced Queuing");

        Assert.Equal(2, result.Flows.Count);
        var outgoing = result.Flows.Single(f => f.From.Contains("Imagicle Server"));
        var incoming = result.Flows.Single(f => f.To.Contains("Imagicle Server"));
        Assert.All(result.Flows, f => Assert.True(f.Tls));
        Assert.All(result.Flows, f => Assert.Equal(Transport.Tcp, f.Transport));
        Assert.Equal("5063", Ports(outgoing));
        Assert.Equal("5063", outgoing.SourcePorts?.ToString());
        Assert.Equal(["Widget"], incoming.From);
    }

    [Fact]
    public void In_out_row_with_any_server_port_yields_only_outgoing_flows()
    {
        var result = ReadRows(
            "File shares IN/OUT UDP 137",
            "TCP 445",
            "Any (TCP) Backups. All");

        Assert.Equal(2, result.Flows.Count);
        Assert.All(result.Flows, f => Assert.Equal(["Imagicle Server"], f.From));
        Assert.Equal("udp 137 L10, tcp 445 L11", string.Join(", ", result.Flows.Select(f => $"{f.Transport.ToName()} {f.Ports} L{f.Line}")));
        Assert.Null(result.Flows[0].SourcePorts);
        Assert.Equal("any", result.Flows[1].SourcePorts?.ToString());
        Assert.Equal("File shares", result.Flows[0].Service);
    }

    [Fact]
    public void Reads_the_protocol_from_lines_above_the_direction_word()
    {
        var result = ReadRows(
            "LDAP OUT TCP 389 Any (TCP) Lookups. All",
            "SMTP",
            "(SSL/TLS)",
            "OUT TCP 25",
            "TCP 465 (SSL)",
            "Any (TCP) Mail out. All");

        var smtp = result.Flows.Where(f => f.Service == "SMTP (SSL/TLS)").ToList();
        Assert.Equal(2, smtp.Count);
        Assert.False(smtp[0].Tls);
        Assert.Equal("25", Ports(smtp[0]));
        Assert.True(smtp[1].Tls);
        Assert.Equal("465", Ports(smtp[1]));
        Assert.Equal("TCP 465 (SSL)", smtp[1].Cell);
        Assert.Equal("direction-any-server", smtp[1].Rule);
    }

    [Theory]
    [InlineData("TCP 993 (SSL/TLS)", true)]
    [InlineData("TCP 465 (SSL)", true)]
    [InlineData("TLS 5061", true)]
    [InlineData("TCP 143", false)]
    public void Marks_ssl_and_tls_notations_as_tls(string cell, bool tls)
    {
        var result = ReadRows($"X OUT {cell} Any (TCP) Text. All");

        Assert.Equal(tls, Assert.Single(result.Flows).Tls);
    }

    [Fact]
    public void Reads_a_comma_list_as_one_flow()
    {
        var result = ReadRows("AXL OUT TCP 8443,8080 Any (TCP) Config reads. All");

        var f = Assert.Single(result.Flows);
        Assert.Equal("8080,8443", Ports(f));
        Assert.Equal("TCP 8443,8080", f.Cell);
    }

    [Fact]
    public void Does_not_take_a_tls_version_in_usage_text_for_a_port()
    {
        var result = ReadRows("Legacy IN Any (TCP) TCP 51235 Link with TLS 1.2 encryption. AC Enterprise");

        Assert.Equal("51235", Ports(Assert.Single(result.Flows)));
        Assert.Empty(result.Warnings);
    }

    // ---- rows as paragraphs ----

    [Fact]
    public void Splits_four_port_paragraphs_evenly_between_remote_and_server()
    {
        var result = ReadRows("", "SIP", "", "IN/OUT", "", "UDP 5062", "", "TCP 5062", "", "UDP 5062", "", "TCP 5062", "", "Calls.", "", "Advanced Queuing");

        Assert.Equal(4, result.Flows.Count);
        Assert.All(result.Flows, f => Assert.Equal("direction-split-half", f.Rule));
        var outgoing = result.Flows.Where(f => f.From.Contains("Imagicle Server")).Select(f => (f.Transport, f.Line)).ToList();
        var incoming = result.Flows.Where(f => f.To.Contains("Imagicle Server")).Select(f => (f.Transport, f.Line)).ToList();
        Assert.Equal([(Transport.Udp, 15), (Transport.Tcp, 17)], outgoing);
        Assert.Equal([(Transport.Udp, 19), (Transport.Tcp, 21)], incoming);
        Assert.Equal("SIP", result.Flows[0].Service);
    }

    [Fact]
    public void Reads_a_paragraph_of_port_lines_as_one_cell()
    {
        var result = ReadRows("", "H.323", "", "IN/OUT", "", "TCP 1721", "", "TCP 1720", "TCP 1721", "", "Calls.", "", "Digital Fax");

        var outgoing = result.Flows.Single(f => f.From.Contains("Imagicle Server"));
        var incoming = result.Flows.Single(f => f.To.Contains("Imagicle Server"));
        Assert.Equal("1721", Ports(outgoing));
        Assert.Equal("1720-1721", outgoing.SourcePorts?.ToString());
        Assert.Equal("1720-1721", Ports(incoming));
        Assert.Equal("TCP 1720 TCP 1721", incoming.Cell);
        Assert.Equal(17, incoming.Line);
    }

    [Fact]
    public void Joins_a_transport_and_its_ports_split_over_two_lines()
    {
        var result = ReadRows("", "RTP", "", "IN/OUT", "", "UDP > 1024*", "", "UDP ", "5000-5999", "", "Media.", "", "* Some devices use the 16384-32766 UDP port range.");

        var outgoing = result.Flows.Single(f => f.From.Contains("Imagicle Server"));
        var incoming = result.Flows.Single(f => f.To.Contains("Imagicle Server"));
        Assert.Equal(">1024", Ports(outgoing));
        Assert.Contains("16384-32766", outgoing.Note, StringComparison.Ordinal);
        Assert.Equal("5000-5999", Ports(incoming));
        Assert.Equal("UDP 5000-5999", incoming.Cell);
        Assert.Equal(17, incoming.Line);
        Assert.Equal(">1024", incoming.SourcePorts?.ToString());
        var w = Assert.Single(result.Warnings);
        Assert.Equal((22, WarningCodes.ProsePorts), (w.Line, w.Code));
    }

    [Fact]
    public void Warns_for_placeholder_ports_and_makes_no_flow()
    {
        var result = ReadRows("", "PMS Link", "", "IN/OUT", "", "TCP nnn", "", "TCP nnn", "", "Depends on the PMS.", "", "Hotel Link");

        Assert.Empty(result.Flows);
        Assert.Equal([(15, WarningCodes.Placeholder), (17, WarningCodes.Placeholder)], result.Warnings.Select(w => (w.Line, w.Code)));
    }

    [Fact]
    public void Reads_any_first_then_several_server_cells_as_separate_incoming_flows()
    {
        var result = ReadRows("FTP IN Any (TCP)", "", "TCP 21", "", "TCP 22", "", "(S)FTP uploads Call Analytics");

        Assert.Equal(["21", "22"], result.Flows.Select(Ports));
        Assert.Equal(["ftp", "sftp"], result.Flows.Select(f => f.Application));
        Assert.All(result.Flows, f => Assert.False(f.Tls));
        Assert.All(result.Flows, f => Assert.Equal("direction-any-remote", f.Rule));
    }

    [Fact]
    public void Warns_when_port_cells_cannot_be_split_between_the_sides()
    {
        var result = ReadRows("", "SIP", "", "IN/OUT", "", "UDP 1", "", "UDP 2", "", "UDP 3", "", "Text.");

        Assert.Empty(result.Flows);
        Assert.Equal(3, result.Warnings.Count(w => w.Code == WarningCodes.Unreadable));
    }

    [Fact]
    public void Warns_for_ports_above_65535()
    {
        var result = ReadRows("X OUT TCP 70000 Any (TCP) Text. All");

        Assert.Empty(result.Flows);
        Assert.Equal((10, WarningCodes.Unreadable), (result.Warnings[0].Line, result.Warnings[0].Code));
    }

    // ---- cluster and from/to tables ----

    [Fact]
    public void Reads_cluster_ports_as_node_to_node_flows_needed_only_across_zones()
    {
        var result = Reader.Read(Doc(
            "Interactions among Imagicle UC Suite nodes in a cluster",
            "",
            "Protocol TCP/UDP Ports",
            "(from/to Imagicle Nodes)",
            "Usage",
            "",
            "RDP TCP 3389 Remote desktop",
            "IPC",
            "",
            "TCP 52000-52999 (range)",
            "",
            "TCP 4369",
            "",
            "Messaging"));

        Assert.Equal(["3389", "52000-52999", "4369"], result.Flows.Select(Ports));
        Assert.All(result.Flows, f => Assert.Equal(FirewallRelevance.IfSeparated, f.Firewall));
        Assert.All(result.Flows, f => Assert.Equal(["Imagicle UC Suite nodes"], f.From));
        Assert.All(result.Flows, f => Assert.Equal(["Imagicle UC Suite nodes"], f.To));
        Assert.Equal("IPC", result.Flows[1].Service);
        Assert.Equal("RDP", result.Flows[0].Service);
        Assert.Equal("TCP 52000-52999 (range)", result.Flows[1].Cell);
    }

    [Fact]
    public void Reads_a_from_to_table_with_any_source_ports_and_named_destination_port()
    {
        var result = Reader.Read(Doc(
            "Other network communication", "", "Some connections to allow.", "",
            "Protocol", "", "From", "", "To", "", "Usage", "",
            "HTTPS", "", "Admin PC", "Staff PCs", "", "(Any TCP port)", "", "UC Suite", "", "TCP port 443", "", "Web pages.", "",
            "ANY", "", "UC Suite", "(Any TCP/UDP port)", "", "UC Suite", "(Any TCP/UDP port)", "", "Nodes need full reach."));

        var https = result.Flows.Single(f => f.Service == "HTTPS");
        Assert.Equal(("443", true, "any"), (Ports(https), https.Tls, https.SourcePorts?.ToString()));
        Assert.Equal(["Admin PC", "Staff PCs"], https.From);
        Assert.Equal(["UC Suite"], https.To);
        Assert.Equal(("TCP port 443", 22), (https.Cell, https.Line));
        Assert.Equal(FirewallRelevance.Required, https.Firewall);
        var any = result.Flows.Where(f => f.Service == "ANY").ToList();
        Assert.Equal([Transport.Tcp, Transport.Udp], any.Select(f => f.Transport));
        Assert.All(any, f => Assert.Equal(("any", FirewallRelevance.IfSeparated, 32), (Ports(f), f.Firewall, f.Line)));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Warns_for_unnamed_further_ports_in_a_from_to_row()
    {
        var result = Reader.Read(Doc(
            "Communications with Internet services", "", "Some services to reach.", "",
            "Protocol", "", "From", "", "To", "", "Usage", "",
            "HTTPS", "", "UC Suite", "", "TCP Port 443, 8080, others", "", "Mail, Cloud, etc.", "", "Licensing"));

        var f = Assert.Single(result.Flows);
        Assert.Equal("443,8080", Ports(f));
        Assert.Contains("Internet services", f.To);
        Assert.Contains("Cloud", f.To);
        var w = Assert.Single(result.Warnings);
        Assert.Equal((17, WarningCodes.Unreadable), (w.Line, w.Code));
    }

    // ---- prose ----

    [Theory]
    [InlineData("Revision: 29", false)]
    [InlineData("Article ID: 6", false)]
    [InlineData("Last updated: 20 Mar, 2024", false)]
    [InlineData("Note: the round trip between nodes must stay under 100msec on the port link.", false)]
    [InlineData("The link uses TLS 1.2 on its port.", false)]
    [InlineData("* Cisco devices normally use the 16384-32766 UDP port range.", true)]
    [InlineData("To pin the database to one port (TCP 1433), see the guide.", true)]
    public void Warns_for_port_numbers_in_prose_only(string line, bool warns)
    {
        var result = ReadRows("X OUT TCP 1 Any (TCP) Text. All", "", line);

        Assert.Equal(warns, result.Warnings.Any(w => w.Code == WarningCodes.ProsePorts && w.Line == 12));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Protocol Direction")]
    [InlineData("Protocol Direction\nUsage\nIN/OUT\n\nUDP\n")]
    [InlineData("Protocol\n\nFrom\n\nTo\n\nUsage\n\nX\n\nY\n\nTCP port 99999\n\nZ")]
    [InlineData("Protocol TCP/UDP Ports\nUsage\nTCP > 99999*\nUDP 5-\n*")]
    public void Survives_malformed_input(string text)
    {
        var ex = Record.Exception(() => Reader.Read(Doc(text)));

        Assert.Null(ex);
    }

    // ---- the seed ----

    [Fact]
    public void Seed_gives_74_flows_and_6_warnings()
    {
        var result = ReadSeed();

        Assert.Equal("direction-blocks", result.Layout);
        Assert.Equal(74, result.Flows.Count);
        Assert.Equal(
            ["38:placeholder", "40:placeholder", "232:prose-ports", "292:prose-ports", "347:prose-ports", "416:unreadable"],
            result.Warnings.Select(w => $"{w.Line}:{w.Code}"));
    }

    [Fact]
    public void Seed_ldap_row_is_an_outgoing_flow_to_the_company_infrastructure()
    {
        var f = Assert.Single(ReadSeed().Flows, f => f.Line == 14);

        Assert.Equal(("389", Transport.Tcp, "any"), (Ports(f), f.Transport, f.SourcePorts?.ToString()));
        Assert.Equal(["Imagicle Server"], f.From);
        Assert.Equal(["company infrastructure"], f.To);
    }

    [Fact]
    public void Seed_sip_5062_block_gives_udp_and_tcp_both_ways()
    {
        var flows = ReadSeed().Flows.Where(f => f.Line is >= 105 and <= 111).ToList();

        Assert.Equal(4, flows.Count);
        Assert.All(flows, f => Assert.Equal("5062", Ports(f)));
        Assert.Equal(2, flows.Count(f => f.From.Contains("PBX")));
        Assert.Equal(2, flows.Count(f => f.Transport == Transport.Udp));
    }

    [Fact]
    public void Seed_h323_1721_block_gives_out_1721_and_in_1720_1721()
    {
        var flows = ReadSeed().Flows;

        var outgoing = Assert.Single(flows, f => f.Line == 184);
        var incoming = Assert.Single(flows, f => f.Line == 186);
        Assert.Equal(("1721", "PBX"), (Ports(outgoing), outgoing.To[0]));
        Assert.Equal(("1720-1721", "PBX"), (Ports(incoming), incoming.From[0]));
    }

    [Fact]
    public void Seed_rtp_block_gives_out_above_1024_and_in_5000_5999()
    {
        var flows = ReadSeed().Flows;

        var outgoing = Assert.Single(flows, f => f.Line == 197);
        var incoming = Assert.Single(flows, f => f.Line == 199);
        Assert.Equal((">1024", Transport.Udp), (Ports(outgoing), outgoing.Transport));
        Assert.NotNull(outgoing.Note);
        Assert.Equal(("5000-5999", "UDP 5000-5999"), (Ports(incoming), incoming.Cell));
    }

    [Fact]
    public void Seed_cluster_ipc_range_is_between_nodes()
    {
        var f = Assert.Single(ReadSeed().Flows, f => f.Line == 335);

        Assert.Equal("52000-52999", Ports(f));
        Assert.Equal(["Imagicle UC Suite nodes"], f.From);
        Assert.Equal(FirewallRelevance.IfSeparated, f.Firewall);
    }

    [Fact]
    public void Seed_internet_row_goes_from_uc_suite_to_internet_services()
    {
        var f = Assert.Single(ReadSeed().Flows, f => f.Line == 416);

        Assert.Equal(("443,8080", true), (Ports(f), f.Tls));
        Assert.Equal(["UC Suite"], f.From);
        Assert.Contains("Internet services", f.To);
    }
}
