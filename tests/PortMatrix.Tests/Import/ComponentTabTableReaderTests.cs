using PortMatrix.Import;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import;

public sealed class ComponentTabTableReaderTests
{
    private const string Seed = "004_853d6c1448a2674f.txt";

    private const string Header = "Classification\tProtocol\tTyp\tPort\tConfigurable via";

    private static readonly ComponentTabTableReader Reader = new();

    private static SourceDocument Doc(params string[] lines) => new("test.txt", string.Join("\n", lines));

    /// <summary>A document with one component table holding the given rows, the header on line 3.</summary>
    private static ImportResult ReadTable(string component, params string[] rows) =>
        Reader.Read(Doc([component + ":", "", Header, .. rows]));

    private static ImportResult ReadSeed() => Reader.Read(SourceDocument.Load(Repo.Seed(Seed)));

    [Fact]
    public void Reads_udp_plus_tcp_as_two_flows_towards_the_component()
    {
        // Given a SIP row with "UDP + TCP" and a port with the word "wellknown"
        // When it is read
        var result = ReadTable("SwyxServer", "CallControl\tSIP\tUDP + TCP\t5060, wellknown\t");

        // Then there is one flow per transport, both listening on the component
        Assert.Equal(2, result.Flows.Count);
        Assert.Equal([Transport.Udp, Transport.Tcp], result.Flows.Select(f => f.Transport));
        Assert.All(result.Flows, f =>
        {
            Assert.Equal("5060", f.Ports.ToString());
            Assert.Equal(["SwyxServer"], f.To);
            Assert.Empty(f.From);
            Assert.Equal("sip", f.Application);
            Assert.Equal("SIP", f.Service);
            Assert.Equal("SwyxServer", f.Component);
            Assert.Equal("5060, wellknown", f.Cell);
            Assert.Equal(4, f.Line);
            Assert.Equal("listen", f.Rule);
        });
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("51000 - 51499", "51000-51499")]
    [InlineData("55000 \u2013 56000", "55000-56000")]
    [InlineData("4060, 4061", "4060-4061")]
    [InlineData("1300, 1720, 1721", "1300,1720-1721")]
    [InlineData("5000 \u2013 5009, 5060", "5000-5009,5060")]
    [InlineData("9094, 9095 (SDC)", "9094-9095")]
    [InlineData("5000-5020 (meist 5012/13)", "5000-5020")]
    [InlineData("65010", "65010")]
    public void Reads_port_cells(string cell, string expected)
    {
        // Given a row with the port cell
        // When it is read
        var result = ReadTable("Component", $"Audio\tRTP\tUDP\t{cell}\t");

        // Then the ports are the cell's numbers and ranges, and nothing is left unexplained
        var flow = Assert.Single(result.Flows);
        Assert.Equal(expected, flow.Ports.ToString());
        Assert.Equal(cell, flow.Cell);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Keeps_the_remark_in_brackets_as_a_note()
    {
        // Given a port cell with a German remark "mostly 5012/13"
        // When it is read
        var flow = Assert.Single(ReadTable("Phone", "Audio\tRTP\tUDP\t5000-5020 (meist 5012/13)\t").Flows);

        // Then the remark is kept in the note, not read as ports
        Assert.Contains("meist 5012/13", flow.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Warns_when_a_remark_names_ports_outside_the_range()
    {
        // Given a remark whose port lies outside the cell's range
        // When it is read
        var result = ReadTable("Phone", "Audio\tRTP\tUDP\t5000-5020 (meist 6000)\t");

        // Then the range is read and the remark gives a warning
        Assert.Equal("5000-5020", Assert.Single(result.Flows).Ports.ToString());
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Reads_tcp_comma_tls_as_one_tcp_flow_with_a_tls_note()
    {
        // Given "TCP, TLS"
        // When it is read
        var result = ReadTable("PhoneManager", "CallControl\tCorNet TC\tTCP, TLS\t4060, 4061\t");

        // Then there is one plain TCP flow whose note says TLS is offered too
        var flow = Assert.Single(result.Flows);
        Assert.Equal(Transport.Tcp, flow.Transport);
        Assert.False(flow.Tls);
        Assert.Contains("TLS", flow.Note, StringComparison.Ordinal);
        Assert.Equal("cornet", flow.Application);
    }

    [Fact]
    public void Reads_tcp_slash_tls_as_tls_over_tcp()
    {
        // Given "TCP/TLS"
        // When it is read
        var flow = Assert.Single(ReadTable("Phone", "Configuration\tHTTP\tTCP/TLS\t443\t").Flows);

        // Then it is one TCP flow with TLS
        Assert.Equal(Transport.Tcp, flow.Transport);
        Assert.True(flow.Tls);
    }

    [Fact]
    public void Reads_a_channel_formula_as_a_parameter_range()
    {
        // Given the SwyxConnect 6xxx media row
        // When it is read
        var flow = Assert.Single(ReadTable("SwyxConnect (6xxx)",
            "Audio/Fax/General\tRTP + T.38\tUDP\t6000 \u2013 (6000+(channels-1)*10)\tBaseUDPPort Refer to manual for details").Flows);

        // Then the ports are a formula over 'channels', 6000-6290 for 30 channels
        Assert.Equal("6000-{6000 + (channels - 1) * 10}", flow.Ports.ToString());
        Assert.Equal("channel-formula", flow.Rule);
        Assert.Equal("6000-6290", flow.Ports.Evaluate(new Dictionary<string, long> { ["channels"] = 30 }).ToString());
        Assert.True(flow.Configurable);
        Assert.Contains("BaseUDPPort", flow.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("manual", flow.Note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Joins_the_words_of_a_parameter_name_with_underscores()
    {
        // Given a formula over "device channels"
        // When it is read
        var flow = Assert.Single(ReadTable("MediaPack (MP-1xy)", "Audio\tRTP + T.38\tUDP\t6000 \u2013 (6000+10*(device channels))\t").Flows);

        // Then the parameter is device_channels
        Assert.Equal("6000-{6000 + 10 * device_channels}", flow.Ports.ToString());
        Assert.Equal(["device_channels"], flow.Ports.Parameters);
    }

    [Fact]
    public void Reads_undetermined_outgoing_as_a_flow_to_the_ports_of_the_footnote()
    {
        // Given a footnote for the mark, the CDS table and a component with an outgoing CDS row
        var doc = Doc(
            "* If port \u201Cundetermined, outgoing\u201D for CDS is mentioned it means traffic towards the CDS ports 9094 and 9095 (SDC).",
            "",
            "ConfigDataStore-Service (CDS):",
            "",
            Header,
            "Configuration\tCDS\tTCP\t9094, 9095 (SDC)\t",
            "",
            "SwyxGate:",
            "",
            Header,
            "Configuration\tCDS\tTCP\tUndetermined, outgoing*\t");

        // When it is read
        var result = Reader.Read(doc);

        // Then the gate opens TCP from any port to the CDS on the footnote's ports, and the footnote gives no warning
        var flow = Assert.Single(result.Flows, f => f.Line == 11);
        Assert.Equal("cds-outgoing", flow.Rule);
        Assert.Equal(["SwyxGate"], flow.From);
        Assert.Equal(["ConfigDataStore-Service (CDS)"], flow.To);
        Assert.Equal("9094-9095", flow.Ports.ToString());
        Assert.Equal("any", flow.SourcePorts?.ToString());
        Assert.Equal("Undetermined, outgoing*", flow.Cell);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Warns_when_no_footnote_explains_undetermined_outgoing()
    {
        // Given an outgoing row and no footnote
        // When it is read
        var result = ReadTable("SwyxGate", "Configuration\tCDS\tTCP\tUndetermined, outgoing*\t");

        // Then there is no flow but a no-port warning on the row
        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((4, WarningCodes.NoPort), (warning.Line, warning.Code));
    }

    [Fact]
    public void Reads_an_undetermined_source_port_with_a_destination_as_a_flow_to_a_server()
    {
        // Given a phone's FTP row with only a destination port
        // When it is read
        var flow = Assert.Single(ReadTable("SwyxPhone L4xx; L5xx; L6xx",
            "FW-Update\tFTP\tTCP\tSourceport undetermined, destination 21\t").Flows);

        // Then the phone opens the connection to an FTP server on port 21 from any port
        Assert.Equal(["SwyxPhone L4xx; L5xx; L6xx"], flow.From);
        Assert.Equal(["FTP server"], flow.To);
        Assert.Equal("21", flow.Ports.ToString());
        Assert.Equal("any", flow.SourcePorts?.ToString());
        Assert.Equal("ftp", flow.Application);
    }

    [Fact]
    public void Warns_when_only_the_source_port_is_named()
    {
        // Given a row that only says the source port is undetermined
        // When it is read
        var result = ReadTable("SwyxWare Administration", "FW-Check\tFTP\tTCP\tSourceport Undetermined\t");

        // Then there is no flow and a no-port warning
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.NoPort, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Names_the_service_after_the_classification_when_the_protocol_is_empty()
    {
        // Given a row without a protocol
        // When it is read
        var result = ReadTable("SwyxConnect (172x)", "Masquerading\t\tUDP + TCP\t53248 \u2013 57343\t");

        // Then the service is the classification and there is no application
        Assert.Equal(2, result.Flows.Count);
        Assert.All(result.Flows, f =>
        {
            Assert.Equal("Masquerading", f.Service);
            Assert.Null(f.Application);
        });
    }

    [Fact]
    public void Finds_columns_by_their_meaning_in_an_english_header()
    {
        // Given an English header in another column order
        var doc = Doc("Gateway:", "", "Port\tTransport\tProtocol\tClassification", "5060\tUDP\tSIP\tCallControl");

        // When it is read
        var flow = Assert.Single(Reader.Read(doc).Flows);

        // Then the columns are found by their header words
        Assert.Equal(("5060", Transport.Udp, "SIP", "CallControl"), (flow.Ports.ToString(), flow.Transport, flow.Service, flow.Section));
    }

    [Fact]
    public void Reports_port_numbers_in_prose_but_not_in_a_change_table()
    {
        // Given prose naming a port, a component table and a table of changes that names ports only in words
        var doc = Doc(
            "The service listens at TCP port 9094.",
            "",
            "Server:",
            "",
            Header,
            "Audio\tRTP\tUDP\t51000 - 51499\t",
            "",
            "History of Changes",
            "",
            "Date\tAuthor\tRemarks",
            "04.07.2013\tSD\tChanged ports for CDS and SwyxFax Server.");

        // When it is read
        var result = Reader.Read(doc);

        // Then only the prose line gives a warning
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((1, WarningCodes.ProsePorts), (warning.Line, warning.Code));
        Assert.Single(result.Flows);
    }

    [Fact]
    public void Warns_on_an_unknown_transport()
    {
        // Given a type that is no transport
        // When it is read
        var result = ReadTable("Server", "Audio\tRTP\tISDN\t5000\t");

        // Then no flow, an unreadable warning
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("Server:\n\nClassification\tProtocol\tTyp\tPort\n\tSIP\tTCP\t((((\t")]
    [InlineData("Server:\n\nClassification\tProtocol\tTyp\tPort\nA\tB\tUDP\t6000 - (6000+)\t")]
    [InlineData("Server:\n\nClassification\tProtocol\tTyp\tPort\nA\tB\tUDP\t99999\t")]
    [InlineData("Server:\n\nClassification\tProtocol\tTyp\tPort\nA\tB")]
    [InlineData("Server:\n\nClassification\tProtocol\tTyp\tPort\nA\tB\tUDP\t6000 - (6000*(channels*99999999999999))\t")]
    public void Malformed_rows_give_warnings_not_exceptions(string text)
    {
        // Given a malformed row
        // When it is read
        var result = Reader.Read(new SourceDocument("bad.txt", text));

        // Then it is a warning, not a crash
        Assert.Empty(result.Flows);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Matches_its_seed_and_none_of_the_others()
    {
        // Given the five vendor documents
        foreach (var file in new[] { "000_6d972d656c8aeca0.txt", "001_55bedca5d356ede9.txt", "002_5e79d41b41252df8.txt", "003_c225dded3e857ec3.txt" })
        {
            // When another layout is scored, Then it is 0
            Assert.Equal(0, Reader.Match(SourceDocument.Load(Repo.Seed(file))));
        }

        // And the SwyxWare FAQ scores high
        Assert.True(Reader.Match(SourceDocument.Load(Repo.Seed(Seed))) > 0.9);
    }

    [Fact]
    public void Seed_server_sip_is_udp_and_tcp_5060()
    {
        var flows = ReadSeed().Flows.Where(f => f.Line == 31).ToList();

        Assert.Equal(["tcp 5060", "udp 5060"], flows.Select(f => $"{f.Transport.ToString().ToLowerInvariant()} {f.Ports}").Order());
        Assert.All(flows, f => Assert.Equal(["SwyxServer"], f.To));
    }

    [Fact]
    public void Seed_linkmanager_media_reads_the_en_dash_range()
    {
        var flow = Assert.Single(ReadSeed().Flows, f => f.Line == 54);

        Assert.Equal((Transport.Udp, "55000-56000", "LinkManager"), (flow.Transport, flow.Ports.ToString(), flow.Component));
    }

    [Fact]
    public void Seed_swyxconnect_6xxx_media_is_6000_to_6290_for_30_channels()
    {
        var flow = Assert.Single(ReadSeed().Flows, f => f.Line == 153);

        Assert.Equal("6000-{6000 + (channels - 1) * 10}", flow.Ports.ToString());
        Assert.Equal("6000-6290", flow.Ports.Evaluate(new Dictionary<string, long> { ["channels"] = 30 }).ToString());
    }

    [Fact]
    public void Seed_outgoing_cds_rows_go_to_the_cds_on_9094_and_9095()
    {
        var flows = ReadSeed().Flows.Where(f => f.Rule == "cds-outgoing").ToList();

        // Eleven components list outgoing CDS traffic.
        Assert.Equal(11, flows.Count);
        Assert.All(flows, f =>
        {
            Assert.Equal((Transport.Tcp, "9094-9095"), (f.Transport, f.Ports.ToString()));
            Assert.Equal(["ConfigDataStore-Service (CDS)"], f.To);
            Assert.Equal([f.Component!], f.From);
        });
    }

    [Fact]
    public void Seed_warnings_are_the_prose_line_and_the_administration_ftp_row()
    {
        var warnings = ReadSeed().Warnings;

        Assert.Equal(["15:prose-ports", "110:no-port"], warnings.Select(w => $"{w.Line}:{w.Code}"));
    }

    [Fact]
    public void Seed_tcp_tls_rows_are_single_tcp_flows()
    {
        var flows = ReadSeed().Flows.Where(f => f.Line is 67 or 68 or 115 or 116 or 117).ToList();

        Assert.Equal(5, flows.Count);
        Assert.All(flows, f => Assert.Equal((Transport.Tcp, false), (f.Transport, f.Tls)));
    }

    [Fact]
    public void Seed_swyxgate_media_is_udp_only()
    {
        var flows = ReadSeed().Flows.Where(f => f.Component == "SwyxGate" && f.Ports.ToPortSet().Contains(52100)).ToList();

        Assert.Equal(Transport.Udp, Assert.Single(flows).Transport);
    }

    [Fact]
    public void Seed_gives_71_flows()
    {
        Assert.Equal(71, ReadSeed().Flows.Count);
    }
}
