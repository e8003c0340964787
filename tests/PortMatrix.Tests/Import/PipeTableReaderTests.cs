using System.Diagnostics;
using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import;

public sealed class PipeTableReaderTests
{
    private const string Header = "Service |\nDirection |\nUsage |\nPorts Protocols |\nFirewall |\nNotes |\n---|---|---|---|---|---|\n";

    /// <summary>Line of the port cell of the first row under <see cref="Header"/>.</summary>
    private const int FirstPortLine = 11;

    private static string Row(string service, string direction, string ports, string firewall = "Y", string notes = "-") =>
        $"{service} |\n{direction} |\nwhat it does |\n{ports} |\n{firewall} |\n{notes} |\n";

    private static ImportResult Read(string body) =>
        new PipeTableReader().Read(new SourceDocument("test.txt", Header + body));

    private static string Flows(ImportResult result) =>
        string.Join(" ", result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}{(f.Tls ? "+tls" : "")}"));

    private static string Ends(ImportedFlow f) => $"{string.Join("|", f.From)}>{string.Join("|", f.To)}";

    [Fact]
    public void Matches_one_cell_per_line_tables_and_not_other_layouts()
    {
        // Given a pipe table and a tab table
        var pipe = new SourceDocument("a.txt", Header + Row("DNS", "A> B", "UDP 53"));
        var tabs = new SourceDocument("b.txt", "Classification\tProtocol\tTyp\tPort\tConfigurable via\nSIP\tUDP\tin\t5060\t-\n");

        // When both are scored
        var reader = new PipeTableReader();

        // Then only the pipe table matches
        Assert.True(reader.Match(pipe) > 0.9);
        Assert.Equal(0, reader.Match(tabs));
    }

    [Fact]
    public void Reads_tcp_udp_as_two_flows()
    {
        // Given "TCP/UDP 53"
        var result = Read(Row("DNS", "MX-ONE Server> DNS Server", "TCP/UDP 53"));

        // Then there is one flow per transport, both citing the cell and its line
        Assert.Equal("tcp/53 udp/53", Flows(result));
        Assert.All(result.Flows, f =>
        {
            Assert.Equal(FirstPortLine, f.Line);
            Assert.Equal("TCP/UDP 53", f.Cell);
            Assert.Equal("MX-ONE Server>DNS Server", Ends(f));
            Assert.Equal("dns", f.Application);
        });
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("TCP 3456", "tcp/3456")]
    [InlineData("SCTP 5679", "sctp/5679")]
    [InlineData("UDP 4466", "udp/4466")]
    [InlineData("TCP/TLS 5061", "tcp/5061+tls")]
    [InlineData("TLS 1301", "tcp/1301+tls")]
    [InlineData("SCTP 2816-2818", "sctp/2816-2818")]
    [InlineData("TCP 9042 and 7001", "tcp/7001,9042")]
    [InlineData("TCP ports 10255, 10256, 10257, and 10262.", "tcp/10255-10257,10262")]
    [InlineData("UDP 1718 (GK discovery) UDP 1719 TCP/TLS 3727", "udp/1718 udp/1719 tcp/3727+tls")]
    [InlineData("UDP 16986-17012 (RTP, IP phones) UDP 16987-17013 (RTCP, IP phones)", "udp/16986-17012 udp/16987-17013")]
    [InlineData("Methods: GET,POST HTTP:22225 HTTPS:22226", "tcp/22225 tcp/22226+tls")]
    [InlineData("XML, HTTP:22222 HTTPS:22223", "tcp/22222 tcp/22223+tls")]
    public void Reads_transport_and_port_notations(string cell, string expected)
    {
        // Given a port cell in one of the document's notations
        var result = Read(Row("X", "A> B", cell));

        // Then it gives exactly these flows, without warnings
        Assert.Equal(expected, Flows(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Names_the_application_of_colon_ports_and_of_bracketed_words()
    {
        // Given HTTP:/HTTPS: ports, an application after the port and (RTP, ...) qualifiers
        var result = Read(
            Row("XML", "A> B", "HTTP:22222 HTTPS:22223")
            + Row("WAP", "A> B", "UDP 9200 ESSP")
            + Row("RTP/ RTCP", "A> B", "UDP 16986-17012 (RTP, IP phones) UDP 16987-17013 (RTCP, IP phones)"));

        // Then each flow carries its application
        Assert.Equal(["http", "https", "essp", "rtp", "rtcp"], result.Flows.Select(f => f.Application));
        Assert.Equal("http-colon", result.Flows[0].Rule);
    }

    [Fact]
    public void Recommended_port_without_a_default_is_a_flow_with_a_no_default_warning()
    {
        // Given a port that is not set by default, only recommended
        var result = Read(Row("DLS", "Phones>MX-ONE Server", "Configurable Default: Not set Recommended: HTTPS:22224"));

        // Then the recommended port is a configurable TLS flow, and a warning says it has no default
        var flow = Assert.Single(result.Flows);
        Assert.Equal("tcp/22224+tls", Flows(result));
        Assert.True(flow.Configurable);
        Assert.Equal(WarningCodes.NoDefault, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Default_port_of_a_csta_service_is_tcp_by_inference()
    {
        // Given a default port with no transport under a CSTA service
        var result = Read(Row("PAS, CSTA3 based protocol", "MX-ONE Server>Network", "Configurable Default: 80"));

        // Then it is a configurable TCP flow with a transport-inferred warning
        Assert.Equal("tcp/80", Flows(result));
        Assert.True(result.Flows[0].Configurable);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((FirstPortLine, WarningCodes.TransportInferred), (warning.Line, warning.Code));
    }

    [Fact]
    public void Each_configurable_default_phrase_is_its_own_flow_and_goes_to_the_client_it_names()
    {
        // Given defaults "for Web Service based client" and "for XML based client" and a port for TR87
        var result = Read(Row("CSTA", "XML client> MX-ONE Server or WebService client> MX-ONE Server",
            "Configurable. Defaults: TCP 8080/80 for Web Service based client, TCP port 8882 for XML based client. TCP port 5062 for TR87."));

        // Then 80,8080 belongs to the Web Service client, 8882 to the XML client, and 5062 (no client named) to both
        Assert.Equal(
            ["tcp/80,8080 WebService client>MX-ONE Server", "tcp/8882 XML client>MX-ONE Server",
             "tcp/5062 XML client>MX-ONE Server", "tcp/5062 WebService client>MX-ONE Server"],
            result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports} {Ends(f)}"));
        Assert.All(result.Flows, f => Assert.True(f.Configurable));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("CSTA Phase-III (with TLS)", "tcp/8883+tls")]
    [InlineData("CSTA Phase-III (without TLS)", "tcp/8883")]
    public void Service_that_says_with_tls_makes_its_tcp_flows_tls(string service, string expected)
    {
        // Given a plain TCP port under a service named with or without TLS
        var result = Read(Row(service, "XML client> MX-ONE Server", "TCP port 8883"));

        // Then the service's words decide the TLS flag
        Assert.Equal(expected, Flows(result));
    }

    [Fact]
    public void Client_mode_ranges_are_source_ranges_and_a_repeated_flow_is_read_once()
    {
        // Given listening ports, two client-side source ranges with footnote marks, and TLS 1300 written twice
        var result = Read(Row("H.225.0 Q.931", "All H.323 based devices> MX-ONE Server",
            "TCP 1720 (IP trunk, listening mode) TCP 1722 (IP extension, listening mode) TCP 32768-60999 (gateway client mode)*1 "
            + "TCP 1024-5000 (IP extension client mode)*2 TCP/TLS 1300 TLS 1300 (IP extension, listening mode). TLS 1301 (IP trunk, listening mode)."));

        // Then the listening ports are flows and each client range is one source-range warning
        Assert.Equal("tcp/1720 tcp/1722 tcp/1300+tls tcp/1301+tls", Flows(result));
        Assert.Equal([WarningCodes.SourceRange, WarningCodes.SourceRange], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Dynamically_allocated_ranges_are_read_and_client_mode_is_not()
    {
        // Given the H.245 cell
        var result = Read(Row("H.245 Media", "Devices> MX-ONE MGW",
            "Dynamically allocated TCP 17002-19492 (IP extension, listening mode) TCP 24002-26492 (IP trunk, listening mode) TCP 32768-60999 (gateway, client mode)*1 TCP 1390-1396 (IP phone)"));

        // Then three listening ranges and one source-range warning
        Assert.Equal("tcp/17002-19492 tcp/24002-26492 tcp/1390-1396", Flows(result));
        Assert.Equal(WarningCodes.SourceRange, Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("HTTP / HTTPS", "80 443", "tcp/80 tcp/443+tls")]
    [InlineData("HTTP/HTTPS", "8088, 8761,9000,9010, 9011, 9012,9013, 9100 and 9101", "tcp/8088,8761,9000,9010-9013,9100-9101")]
    [InlineData("HTTPS", "9443", "tcp/9443+tls")]
    public void Bare_ports_take_the_transport_from_the_service(string service, string cell, string expected)
    {
        // Given ports written without a transport under an HTTP service
        var result = Read(Row(service, "A> B", cell));

        // Then they are TCP (HTTP is TCP by definition: no warning)
        Assert.Equal(expected, Flows(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Bare_ports_under_a_service_that_implies_no_transport_are_unreadable()
    {
        // Given a bare port under a service that says nothing about its transport
        var result = Read(Row("Widget", "A> B", "4711"));

        // Then no flow is guessed and a warning says so
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Ipsec_cell_gives_the_key_exchange_and_an_esp_flow()
    {
        // Given "UDP/500 ESP"
        var result = Read(Row("IPsec", "MX-ONE Server> MGU", "UDP/500 ESP"));

        // Then UDP 500 is IKE and ESP is a flow of its own without ports
        Assert.Equal("udp/500 esp/any", Flows(result));
        Assert.Equal("ike", result.Flows[0].Application);
    }

    [Theory]
    [InlineData("ARP", "-", null, WarningCodes.NotIp)]
    [InlineData("ICMPv6", "-", "icmpv6/any", null)]
    [InlineData("NDP", "-", "icmpv6/any", null)]
    [InlineData("DHCP", "-", "udp/67", WarningCodes.IanaDefault)]
    [InlineData("MSCML", "See SIP (MSCML).", null, WarningCodes.SeeOther)]
    [InlineData("Gadget", "-", null, WarningCodes.NoPort)]
    public void Dash_port_cells_are_read_by_what_the_service_is(string service, string notes, string? flow, string? warning)
    {
        // Given a row whose port cell is "-"
        var result = Read(Row(service, "A> B", "-", notes: notes));

        // Then the service decides: a portless flow, an IANA port with a warning, or a warning alone
        Assert.Equal(flow ?? "", Flows(result));
        Assert.Equal(warning is null ? [] : [warning], result.Warnings.Select(w => w.Code));
        Assert.All(result.Warnings, w => Assert.Equal(FirstPortLine, w.Line));
    }

    [Fact]
    public void Transport_without_a_port_is_a_no_port_warning()
    {
        // Given a transport and prose instead of a port
        var result = Read(Row("RTP/ RTCP", "A> B", "UDP Define a suitable port range for security and capacity reasons."));

        // Then no flow, one no-port warning
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.NoPort, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Sip_cell_reads_tr87_by_inference_and_flags_numbers_in_its_prose()
    {
        // Given the SIP port cell with a TR87 port and a sentence with a source range in it
        var result = Read(Row("SIP", "A> B",
            "TCP/UDP 5060 TCP/TLS 5061 TR87: 5062 The source port ranges vary. For example, TCP source ports vary if TLS is used (49152...65535)."));

        // Then four flows, TR87 on TCP with a warning, and the range in the sentence as prose-ports
        Assert.Equal("tcp/5060 udp/5060 tcp/5061+tls tcp/5062", Flows(result));
        Assert.Equal([WarningCodes.TransportInferred, WarningCodes.ProsePorts], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Unreadable_port_cell_is_a_warning_not_a_silent_drop()
    {
        // Given a port cell in no known notation
        var result = Read(Row("Odd", "A> B", "ask the vendor"));

        // Then one unreadable warning on the cell's line
        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((FirstPortLine, WarningCodes.Unreadable), (warning.Line, warning.Code));
    }

    [Theory]
    [InlineData("Y", FirewallRelevance.Required)]
    [InlineData("(Y)", FirewallRelevance.IfSeparated)]
    [InlineData("-", FirewallRelevance.NotNeeded)]
    [InlineData("?", FirewallRelevance.Unknown)]
    public void Reads_the_firewall_column(string cell, FirewallRelevance expected)
    {
        // Given a firewall cell
        var result = Read(Row("X", "A> B", "TCP 1", firewall: cell));

        // Then the flow carries its relevance
        Assert.Equal(expected, Assert.Single(result.Flows).Firewall);
    }

    [Fact]
    public void Continuation_row_with_one_pipe_inherits_the_service()
    {
        // Given a row and a five-cell row ended by "|"
        var body = Row("ConfigServer", "SIP extension> MX-ONE Server", "HTTP:22225")
            + "External Application > MX-ONE Server |\nREST |\nHTTP:22227 |\n- |\n- |\n|\n"
            + Row("Next", "A> B", "TCP 1");

        // When read
        var result = Read(body);

        // Then the continuation row has the service of the row above and its own direction and line
        Assert.Equal(["ConfigServer", "ConfigServer", "Next"], result.Flows.Select(f => f.Service));
        var continued = result.Flows[1];
        Assert.Equal((FirstPortLine + 5, "External Application>MX-ONE Server"), (continued.Line, Ends(continued)));
        Assert.Equal(FirewallRelevance.NotNeeded, continued.Firewall);
        Assert.Equal(FirstPortLine + 12, result.Flows[2].Line);
    }

    [Fact]
    public void Continuation_row_with_two_pipes_inherits_service_and_direction()
    {
        // Given a row and a four-cell row ended by "||"
        var body = Row("RTP/ RTCP", "MX-ONE Server> SIP phones", "UDP 60000") + "Media |\nUDP 3000 |\n- |\n- |\n||\n";

        // When read
        var result = Read(body);

        // Then the second flow keeps both the service and the direction
        var continued = result.Flows[1];
        Assert.Equal(("RTP/ RTCP", "MX-ONE Server>SIP phones", "udp/3000"), (continued.Service, Ends(continued), $"udp/{continued.Ports}"));
    }

    [Fact]
    public void Cell_spanning_lines_is_joined_and_cited_at_its_first_line()
    {
        // Given a port cell written over two lines
        var body = "X |\nA> B |\nusage |\nTCP 1720\nTCP 1722 |\nY |\n- |\n";

        // When read
        var flow = Read(body).Flows;

        // Then both ports are read and the cell is cited once, joined with a space
        Assert.Equal(["TCP 1720 TCP 1722", "TCP 1720 TCP 1722"], flow.Select(f => f.Cell));
        Assert.All(flow, f => Assert.Equal(FirstPortLine, f.Line));
    }

    [Theory]
    [InlineData("MX-ONE Server<>Mitel CMG (ClientSide)", "MX-ONE Server>Mitel CMG (ClientSide) Mitel CMG (ClientSide)>MX-ONE Server")]
    [InlineData("MX-ONE Server <> MX-ONE Server", "MX-ONE Server>MX-ONE Server")]
    [InlineData("MX-ONE Provisioning Manager", ">MX-ONE Provisioning Manager")]
    [InlineData("A < B", "B>A")]
    public void Reads_arrows_and_both_way_arrows(string direction, string expected)
    {
        // Given a direction cell
        var result = Read(Row("X", direction, "TCP 1"));

        // Then "<>" opens both ways unless both ends are the same, and a bare name is the listening side
        Assert.Equal(expected, string.Join(" ", result.Flows.Select(Ends)));
    }

    [Theory]
    [InlineData("SIP phones> DNS Server SIP clients> DNS Server MX-ONE Server> DNS Server",
        "SIP phones>DNS Server SIP clients>DNS Server MX-ONE Server>DNS Server")]
    [InlineData("IP phones> Mitel IP Phone SW Server MGU> Mitel IP Phone SW Server",
        "IP phones>Mitel IP Phone SW Server MGU>Mitel IP Phone SW Server")]
    [InlineData("MX-ONE Server <> MX-ONE Server MX-ONE Server <> MGU",
        "MX-ONE Server>MX-ONE Server MX-ONE Server>MGU MGU>MX-ONE Server")]
    [InlineData("H.323 VoIP Client> H.323 VoIP Client H.323 VoIP Client> MX-ONE Media Gateway",
        "H.323 VoIP Client>H.323 VoIP Client H.323 VoIP Client>MX-ONE Media Gateway")]
    [InlineData("SIP phones/clients<> MX-ONE Server MX-ONE SIP trunks<> Network",
        "SIP phones/clients>MX-ONE Server MX-ONE Server>SIP phones/clients MX-ONE SIP trunks>Network Network>MX-ONE SIP trunks")]
    [InlineData("MX-ONE Server> Network MitelMiCollab AdvancedMessaging> Network",
        "MX-ONE Server>Network MitelMiCollab AdvancedMessaging>Network")]
    [InlineData("XML client> Server one or WebService client> Server two",
        "XML client>Server one WebService client>Server two")]
    public void Splits_run_together_direction_segments(string direction, string expected)
    {
        // Given a direction cell with several segments run together, in a document where "MX-ONE Server" stands alone once
        var result = Read(Row("Context", "MX-ONE Server> Somewhere", "TCP 9") + Row("X", direction, "TCP 1"));

        // Then each segment is its own flow, split at a name known from the document or at "or"
        Assert.Equal(expected, string.Join(" ", result.Flows.Where(f => f.Service == "X").Select(Ends)));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Names_known_from_other_rows_split_a_segment()
    {
        // Given "Gateway" standing alone in one row and run together in another
        var result = Read(Row("X", "Server> Gateway", "TCP 1") + Row("Y", "Phone> Gateway Fax box> Printer", "TCP 2"));

        // Then the second row splits after "Gateway"
        Assert.Equal(["Server>Gateway", "Phone>Gateway", "Fax box>Printer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void Unsplittable_direction_is_a_warning_and_leaves_the_ends_open()
    {
        // Given two arrows with nothing known between them
        var result = Read(Row("X", "Alpha> Beta Gamma> Delta", "TCP 1"));

        // Then the flow is kept without ends and the direction is flagged
        var flow = Assert.Single(result.Flows);
        Assert.Empty(flow.From);
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Ports_in_prose_above_the_table_are_flagged()
    {
        // Given prose that names a port before the table
        var result = new PipeTableReader().Read(new SourceDocument("p.txt", "Open TCP 443 to the portal.\n" + Header + Row("X", "A> B", "TCP 1")));

        // Then a prose-ports warning on that line
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((1, WarningCodes.ProsePorts), (warning.Line, warning.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("|||\n||\n|")]
    [InlineData("---|---|\n")]
    [InlineData("Service |\nPorts |\n---|---|\nTCP 99999 |\n")]
    [InlineData("Service |\nPorts |\n---|---|\nX |\nTCP 1 |\n|||||\nY |\n")]
    [InlineData("Service |\nDirection |\nPorts |\n---|---|---|\nX |\n>>><<<> |\nTCP 5-1 |\n")]
    public void Malformed_input_gives_warnings_not_exceptions(string text)
    {
        // Given broken tables
        var document = new SourceDocument("bad.txt", text);

        // When read, then nothing but results come back
        var result = new PipeTableReader().Read(document);
        Assert.NotNull(result);
    }

    [Fact]
    public void Reads_long_cells_in_linear_time()
    {
        // Given a port cell with a very long run of near-matches
        var cell = string.Concat(Enumerable.Repeat("TCP 1, TCP/ 2- and ", 5000)) + "(" + new string('9', 2000);
        var stopwatch = Stopwatch.StartNew();

        // When read
        Read(Row("X", "A> B", cell));

        // Then it returns promptly
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    // ---- the vendor documents -------------------------------------------------------------

    private static ImportResult Seed(string file) => new DocumentImporter().Import(Repo.Seed(file));

    [Fact]
    public void Seed_000_has_cfcopy_on_sctp_5679_between_servers_at_line_19()
    {
        var result = Seed("000_6d972d656c8aeca0.txt");

        Assert.Equal("pipe-table", result.Layout);
        var flow = Assert.Single(result.Flows, f => f.Transport == Transport.Sctp && f.Ports.ToString() == "5679");
        Assert.Equal(("CFCOPY", 19, "MX-ONE Server>MX-ONE Server"), (flow.Service, flow.Line, Ends(flow)));
        Assert.DoesNotContain(result.Flows, f => f.Transport == Transport.Udp && f.Ports.ToPortSet().Contains(5679));
    }

    [Fact]
    public void Seed_000_continuation_row_at_line_30_is_configserver_from_an_external_application()
    {
        var result = Seed("000_6d972d656c8aeca0.txt");

        var flows = result.Flows.Where(f => f.Line == 30).ToList();
        Assert.Equal("tcp/22227 tcp/22228+tls", string.Join(" ", flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}{(f.Tls ? "+tls" : "")}")));
        Assert.All(flows, f => Assert.Equal(("ConfigServer", "External Application>MX-ONE Server"), (f.Service, Ends(f))));
    }

    [Fact]
    public void Seed_001_has_h225_ras_on_udp_1719_at_line_58()
    {
        var result = Seed("001_55bedca5d356ede9.txt");

        Assert.Equal("pipe-table", result.Layout);
        var flow = Assert.Single(result.Flows, f => f.Transport == Transport.Udp && f.Ports.ToString() == "1719");
        Assert.Equal(("H.225.0 RAS", 58), (flow.Service, flow.Line));
    }

    [Fact]
    public void Seed_001_has_sip_tls_on_tcp_5061_at_line_189()
    {
        var result = Seed("001_55bedca5d356ede9.txt");

        var flows = result.Flows.Where(f => f.Line == 189 && f.Ports.ToString() == "5061").ToList();
        Assert.NotEmpty(flows);
        Assert.All(flows, f => Assert.True(f.Transport == Transport.Tcp && f.Tls && f.Service == "SIP"));
    }

    [Fact]
    public void Seed_001_has_no_udp_flow_on_5679()
    {
        var result = Seed("001_55bedca5d356ede9.txt");

        Assert.DoesNotContain(result.Flows, f => f.Transport == Transport.Udp && f.Ports.ToPortSet().Contains(5679));
    }

    [Fact]
    public void Seed_001_continuation_row_at_line_176_inherits_rtp_and_its_direction()
    {
        var result = Seed("001_55bedca5d356ede9.txt");

        var flow = Assert.Single(result.Flows, f => f.Line == 176);
        Assert.Equal(("RTP/ RTCP", "udp/3000", "MX-ONE Server>SIP phones"), (flow.Service, $"udp/{flow.Ports}", Ends(flow)));
        Assert.Equal(Transport.Udp, flow.Transport);
    }

    [Fact]
    public void Seed_001_warnings_are_the_reviewed_ones()
    {
        var result = Seed("001_55bedca5d356ede9.txt");

        string[] expected =
            ["16:not-ip", "46:iana-default", "64:source-range", "64:source-range", "70:source-range", "124:see-other", "160:no-port",
             "189:prose-ports", "189:transport-inferred", "195:prose-ports", "195:transport-inferred"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.Warnings.Select(w => $"{w.Line}:{w.Code}").Order(StringComparer.Ordinal));
    }
}
