using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import.Generic;

public sealed class TableInterpreterTests
{
    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>A table whose rows start at line 1 (row i is line i + 1), one cell per column.</summary>
    private static TextTable Table(string? section, params string[][] rows) =>
        new(rows.Select((r, i) => new TableRow(r.Select((c, k) => new TableCell(c, i + 1, k + 1)).ToList(), i + 1)).ToList(), section, "test");

    private static ImportResult Interpret(TextTable table, string? product = null) =>
        TableInterpreter.Interpret(new ExtractedDocument("test.md", "markdown", [table], []), product);

    private static ImportResult Lines(params string[] lines) =>
        TableInterpreter.Interpret(new ExtractedDocument("test.txt", "text", [], lines.Select((l, i) => new TextLine(l, i + 1, null)).ToList()));

    private static string Flows(ImportResult result) =>
        string.Join(" ", result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}{(f.Tls ? "+tls" : "")}"));

    private static string Ends(ImportedFlow f) => $"{string.Join("|", f.From)}>{string.Join("|", f.To)}";

    private static IEnumerable<string> Codes(ImportResult result) => result.Warnings.Select(w => w.Code);

    // ---- ranges over two columns ---------------------------------------------------------------

    [Theory]
    [InlineData("Start Port", "End Port")]
    [InlineData("Port low", "Port high")]
    [InlineData("First port", "Last port")]
    [InlineData("Min port", "Max port")]
    public void A_range_split_over_start_and_end_columns_is_one_range(string startHeader, string endHeader)
    {
        // Given a table whose ranges are written as a start and an end column
        var result = Interpret(Table(null,
            ["Service", "Protocol", startHeader, endHeader],
            ["RTP", "UDP", "16384", "16483"],
            ["SIP", "UDP", "5060", "5060"],
            ["Web", "TCP", "443", ""]));

        // Then each row gives one flow over the whole range, and the end column gives none of its own
        Assert.Equal("udp/16384-16483 udp/5060 tcp/443", Flows(result));
        Assert.Contains("range(", result.Flows[0].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_port_columns_without_start_and_end_words_stay_two_columns()
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port", "Alternative port"], ["Web", "TCP", "443", "8443"]));

        Assert.Equal("tcp/443 tcp/8443", Flows(result));
    }

    // ---- several ports in one cell, a column per transport ------------------------------------------

    [Theory]
    [InlineData("443/TCP 8443/TCP", "tcp/443 tcp/8443")]
    [InlineData("5060/UDP\n5061/TCP (TLS)", "udp/5060 tcp/5061+tls")]
    [InlineData("[9443]/TCP", "tcp/9443")]
    public void Each_port_keeps_the_transport_written_after_it_with_a_slash(string cell, string flows)
    {
        Assert.Equal(flows, Flows(Interpret(Table(null, ["From", "To", "Port / Protocol"], ["Client", "Server", cell]))));
    }

    [Fact]
    public void A_dash_in_one_transport_column_means_none_over_that_transport()
    {
        // Given a column per transport, with a dash where a service has no port over it
        var result = Interpret(Table(null, ["Service", "TCP", "UDP"], ["SNMP", "\u2013", "161"], ["Web", "443", "-"], ["ICMP echo", "-", "-"]));

        // Then only the written ports are flows: no IANA port is taken and no warning is given for the dashes
        Assert.Equal("udp/161 tcp/443", Flows(result));
        Assert.DoesNotContain(result.Warnings, w => w.Line is 2 or 3 && w.Code is WarningCodes.IanaDefault or WarningCodes.NoPort);
        Assert.Contains(result.Warnings, w => w.Line == 4 && w.Code == WarningCodes.NoPort);
    }

    [Fact]
    public void A_host_column_names_the_end_rather_than_a_zone_column()
    {
        // Given a firewall export with zones and a destination host
        var result = Interpret(Table(null,
            ["Rule name", "Source zone", "Destination zone", "Destination", "Service"],
            ["allow-sip", "untrust", "dmz", "Gull SBC", "udp/5060"],
            ["allow-dns", "dmz", "untrust", "DNS resolvers", "tcp-udp/53"]));

        // Then the destination is the host, and "tcp-udp" is both transports
        Assert.Equal("udp/5060 tcp/53 udp/53", Flows(result));
        Assert.Equal(["Gull SBC"], result.Flows[0].To);
        Assert.Equal(["DNS resolvers"], result.Flows[1].To);
    }

    [Theory]
    [InlineData("Ports it connects to", "out")]
    [InlineData("Ports the server listens on", "in")]
    [InlineData("Ports the phones connect to", "in")]
    public void A_heading_with_a_verb_gives_the_direction_of_the_lines_under_it(string heading, string direction)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [], [new TextLine("25 (TCP) for mail", 3, heading)]), "Fax server");

        var flow = Assert.Single(result.Flows);
        Assert.Equal(direction, flow.From.Contains("Fax server") ? "out" : "in");
    }

    [Theory]
    [InlineData("to server", "in")]
    [InlineData("from server", "out")]
    [InlineData("to carrier", "out")]
    [InlineData("from phones", "in")]
    [InlineData("\u2190 from internet", "in")]
    [InlineData("\u2192 to cloud", "out")]
    public void A_direction_cell_that_names_one_end_says_which_way(string cell, string direction)
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port", "Direction"], ["SIP", "UDP", "5060", cell]), "PBX");

        Assert.Equal(direction, Assert.Single(result.Flows).From.Contains("PBX") ? "out" : "in");
    }

    [Fact]
    public void A_port_on_the_second_line_of_a_cell_is_on_that_line()
    {
        var table = new TextTable([
            new TableRow([new TableCell("Ports", 1, 1), new TableCell("Opened by", 1, 2)], 1),
            new TableRow([new TableCell("TCP 5060\nTCP 5061", 2, 1), new TableCell("PBX", 4, 2)], 2)], null, "test");

        Assert.Equal([2, 3], Interpret(table, "Voicemail").Flows.Select(f => f.Line));
    }

    [Fact]
    public void A_client_column_that_names_the_product_makes_the_product_the_opening_side()
    {
        // Given a listening-port table where one row's client is the product itself
        var result = Interpret(Table(null, ["Listening port", "Protocol", "Client"], ["5060", "UDP", "SIP phones"], ["1812", "UDP", "Egret Call Server"]), "Egret Call Server 4");

        // Then that row goes from the product to a peer, not from the product to itself
        Assert.Equal(["SIP phones>Egret Call Server 4", "Egret Call Server>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void Initiated_by_and_terminated_on_columns_name_the_two_ends()
    {
        var result = Interpret(Table(null, ["Service", "Transport", "Port(s)", "Initiated by", "Terminated on"], ["SNMP traps", "UDP", "162", "Brant SBC", "NMS"]));

        Assert.Equal("Brant SBC>NMS", Ends(Assert.Single(result.Flows)));
    }

    [Fact]
    public void A_clause_that_says_both_directions_is_both_and_the_next_clause_keeps_its_own()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [],
            [new TextLine("Cluster nodes exchange state on TCP 7800 in both directions, and clients connect to any node on TCP 5222.", 1, null)]), "Loon");

        Assert.Equal(["peer>Loon", "Loon>peer", "peer>Loon"], result.Flows.Select(Ends));
    }

    [Fact]
    public void A_direction_written_right_after_ports_is_theirs()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
            [new TextLine("Firewall summary: open 5060/udp and 5061/tcp inbound, 10000/udp both ways, and 443/tcp outbound.", 1, null)]), "SBC");

        Assert.Equal(["peer>SBC", "peer>SBC", "peer>SBC", "SBC>peer", "SBC>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void Each_clause_of_a_line_gives_its_own_direction()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [],
            [new TextLine("Browsers reach the gateway over WSS on port 8089; it then talks SIP to your PBX on UDP 5060.", 1, null)]), "Smew Gateway");

        Assert.Equal(["peer>Smew Gateway", "Smew Gateway>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void A_header_over_two_rows_names_each_column_by_its_group_and_its_name()
    {
        // Given "Source" and "Destination" spanning "Host | Port" each, as an HTML or XLSX extractor lays them out
        var result = Interpret(Table(null,
            ["Source", "Source", "Destination", "Destination", "Protocol"],
            ["Host", "Port", "Host", "Port", "Protocol"],
            ["Agent PC", "any", "Hub", "443", "TCP"]));

        // Then the source port is not a flow of its own, and the hosts are the ends
        Assert.Equal("tcp/443", Flows(result));
        Assert.Equal("Agent PC>Hub", Ends(result.Flows[0]));
    }

    [Fact]
    public void A_direction_written_once_over_a_group_of_rows_holds_for_the_rows_below_it()
    {
        var result = Interpret(Table(null, ["Direction", "Protocol", "Port"], ["Inbound", "UDP", "5060"], ["", "TCP", "443"], ["Outbound", "UDP", "123"], ["", "TCP", "636"]), "PBX");

        Assert.Equal(["peer>PBX", "peer>PBX", "PBX>peer", "PBX>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void An_initiated_from_column_names_the_opening_side()
    {
        var result = Interpret(Table(null, ["Protocol", "Ports", "Initiated from"], ["TCP", "5222", "Client"], ["TCP", "5269", "Server"]), "Heron Presence Server");

        Assert.Equal(["Client>Heron Presence Server", "Server>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void A_group_row_under_the_header_is_a_section_not_a_second_header_row()
    {
        var result = Interpret(Table(null,
            ["Service", "Protocol / Port", "Peer"],
            ["Inbound", "Inbound", "Inbound"],
            ["SIPREC", "TCP 5060", "SBC"],
            ["Outbound", "Outbound", "Outbound"],
            ["Archive", "TCP 2049", "NAS"]), "Recorder");

        Assert.Equal(["SBC>Recorder", "Recorder>NAS"], result.Flows.Select(Ends));
    }

    // ---- transports named in a description ------------------------------------------------------

    [Fact]
    public void Without_a_protocol_column_the_description_names_the_transport()
    {
        // Given a port table whose only other column describes the port
        var result = Interpret(Table(null,
            ["Port", "Used for"],
            ["5060", "SIP signalling over UDP and TCP"],
            ["5061", "SIP over TLS"],
            ["80", "Web interface (HTTP, redirects to HTTPS)"],
            ["7078-7099", "RTP audio and video (UDP)"],
            ["9000", "Vendor tool, see chapter 9"]));

        // Then the transports come from the description, HTTP and HTTPS agree on TCP, and a description naming none gives a warning
        Assert.Equal("udp/5060 tcp/5060 tcp/5061+tls tcp/80 udp/7078-7099", Flows(result));
        Assert.Contains(result.Warnings, w => w.Line == 6 && w.Code == WarningCodes.Unreadable);
    }

    [Fact]
    public void A_protocol_column_wins_over_the_description()
    {
        var result = Interpret(Table(null, ["Port", "Protocol", "Notes"], ["514", "UDP", "TCP is not supported"]));

        Assert.Equal("udp/514", Flows(result));
    }

    // ---- running text: applications, lone transports, firewall commands, the passive ----------------

    [Theory]
    [InlineData("HTTPS on 443 for the web interface", "tcp/443+tls")]
    [InlineData("239.1.1.1:5004 multicast to the speakers (UDP)", "udp/5004")]
    [InlineData("firewall-cmd --permanent --add-service=https", "tcp/443+tls")]
    [InlineData("sudo ufw allow ssh", "tcp/22")]
    [InlineData("The admin console is served at https://console.example:9090 for operators.", "tcp/9090+tls")]
    [InlineData("Open http://192.0.2.10:8080/setup in a browser.", "tcp/8080")]
    [InlineData("The softswitch listens on port 5061 for SIP over TLS.", "tcp/5061+tls")]
    [InlineData("- \"8088:8088\"", "tcp/8088")]
    [InlineData("- \"0.0.0.0:5080:5060\"", "tcp/5080")]
    [InlineData("The web interface moved from TCP 8080 to TCP 8443.", "tcp/8443")]
    [InlineData("Port 8080 is no longer opened; the web interface uses TCP 8443.", "tcp/8443")]
    [InlineData("TCP 23 is not used any more, SSH on TCP 22 is.", "tcp/22")]
    [InlineData("sip_port = 5060 ; UDP and TCP", "udp/5060 tcp/5060")]
    [InlineData("tls_port = 5061", "tcp/5061+tls")]
    [InlineData("HttpsPort=8443", "tcp/8443+tls")]
    [InlineData("max_calls = 250", "")]
    [InlineData("Do not open TCP 22 to the internet; SSH stays on the LAN.", "")]
    [InlineData("Never expose port 8080 (TCP); use TCP 8443.", "tcp/8443")]
    [InlineData("The following TCP ports must be open on the server: 80, 443 and 8443.", "tcp/80,443,8443")]
    [InlineData("TCP is used by the web UI, and the phones need 5060 too.", "")]
    public void Lines_give_flows_from_the_notations_of_manuals_and_install_guides(string line, string flows)
    {
        Assert.Equal(flows, Flows(Lines(line)));
    }

    [Fact]
    public void A_service_opened_by_name_says_its_port_is_the_IANA_one()
    {
        var result = Lines("firewall-cmd --permanent --add-service=https");

        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.IanaDefault && w.Message.Contains("443", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_ports_without_transports_do_not_take_a_transport_from_elsewhere_in_the_line()
    {
        var result = Lines("Port 5060 for SIP and port 8080 for the web page; the UDP notes are in chapter 3.");

        Assert.DoesNotContain(result.Flows, f => f.Transport == Transport.Udp && f.Ports.ToString() == "8080");
    }

    [Theory]
    [InlineData("Syslog is sent by the gateway to the collector on UDP 514", "out")]
    [InlineData("The gateway is reached by phones on UDP 5060", "in")]
    [InlineData("Alarms are received by the gateway on UDP 162", "in")]
    public void A_passive_sentence_names_who_opens_the_connection(string line, string direction)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(line, 1, null)]), "Gateway");

        var flow = Assert.Single(result.Flows);
        Assert.Equal(direction, flow.From.Contains("Gateway") ? "out" : "in");
    }

    // ---- notations in cells --------------------------------------------------------------------

    [Theory]
    [InlineData("UDP", "5060-5061", "udp/5060-5061")]
    [InlineData("UDP", "5060\u20135061", "udp/5060-5061")]
    [InlineData("UDP", "5060 to 5061", "udp/5060-5061")]
    [InlineData("UDP", "5060..5061", "udp/5060-5061")]
    [InlineData("UDP", "5060/5062", "udp/5060,5062")]
    [InlineData("UDP", "5060, 5062", "udp/5060,5062")]
    [InlineData("UDP", "5060 and 5062", "udp/5060,5062")]
    [InlineData("TCP", ">1024", "tcp/>1024")]
    [InlineData("TCP", "1024+", "tcp/>=1024")]
    [InlineData("TCP", "1024 and above", "tcp/>=1024")]
    [InlineData("TCP", "any", "tcp/any")]
    [InlineData("UDP", "dynamic", "udp/ephemeral")]
    [InlineData("UDP", "ephemeral", "udp/ephemeral")]
    [InlineData("TCP+UDP", "53", "tcp/53 udp/53")]
    [InlineData("TCP & UDP", "53", "tcp/53 udp/53")]
    [InlineData("TCP/UDP", "53", "tcp/53 udp/53")]
    [InlineData("both", "53", "tcp/53 udp/53")]
    [InlineData("TLS", "5061", "tcp/5061+tls")]
    [InlineData("TCP/TLS", "5061", "tcp/5061+tls")]
    [InlineData("SRTP", "20000-20100", "udp/20000-20100")]
    [InlineData("WSS", "8443", "tcp/8443+tls")]
    [InlineData("HTTPS", "8443", "tcp/8443+tls")]
    [InlineData("SIPS", "5061", "tcp/5061+tls")]
    [InlineData("ICMP", "", "icmp/any")]
    [InlineData("ICMPv6", "-", "icmpv6/any")]
    [InlineData("6", "443", "tcp/443")]
    [InlineData("", "5060/udp", "udp/5060")]
    [InlineData("", "udp/5060", "udp/5060")]
    [InlineData("", "UDP 5060", "udp/5060")]
    [InlineData("", "SIP: 5060 (UDP/TCP)", "udp/5060 tcp/5060")]
    [InlineData("", "TCP 80, 443", "tcp/80,443")]
    [InlineData("", "TCP 80; UDP 53", "tcp/80 udp/53")]
    [InlineData("", "5060/udp, 5061/tcp", "udp/5060 tcp/5061")]
    [InlineData("", "TCP/UDP 5060 TCP/TLS 5061", "tcp/5060 udp/5060 tcp/5061+tls")]
    [InlineData("", "UDP 10,000-20,000", "udp/10000-20000")]
    [InlineData("", "UDP 5,060", "udp/5060")]
    [InlineData("", "UDP 10,000-10,020", "udp/10000-10020")]
    [InlineData("", "UDP 16,384-32,767", "udp/16384-32767")]
    [InlineData("", "UDP 10,020-30", "udp/10020-10030")]
    [InlineData("UDP", "5060 (configurable 1024-65535)", "udp/5060")]
    [InlineData("TCP", "80 443", "tcp/80,443")]
    public void Reads_port_and_transport_notations_in_cells(string protocol, string ports, string expected)
    {
        // Given a table with a protocol and a port column
        var table = Table(null, ["Service", "Protocol", "Port"], ["Test service", protocol, ports]);

        // When it is interpreted
        var result = Interpret(table);

        // Then the flows are as an engineer would write them, and each cites the cell as written
        Assert.Equal(expected, Flows(result));
        Assert.All(result.Flows, f =>
        {
            Assert.Equal(2, f.Line);
            Assert.False(string.IsNullOrEmpty(f.Rule));
        });
    }

    [Fact]
    public void A_shortened_range_end_is_expanded_with_a_warning()
    {
        var result = Interpret(Table(null, ["Protocol", "Port"], ["UDP", "5060-61"]));

        Assert.Equal("udp/5060-5061", Flows(result));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Inferred && w.Message.Contains("5060-5061", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("5061-5060")]
    public void Impossible_ports_are_warnings_not_flows(string ports)
    {
        var result = Interpret(Table(null, ["Protocol", "Port"], ["TCP", ports]));

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Code == WarningCodes.Unreadable);
    }

    // ---- notations in running text -------------------------------------------------------------

    [Theory]
    [InlineData("5060/udp - SIP", "udp/5060", "SIP")]
    [InlineData("SIP: 5060 (UDP/TCP)", "udp/5060 tcp/5060", "SIP")]
    [InlineData("TCP 80, 443", "tcp/80,443", null)]
    [InlineData("- HTTPS (443/tcp): web admin", "tcp/443+tls", "HTTPS")]
    [InlineData("ports 10000 to 20000 (RTP)", "udp/10000-20000", "RTP")]
    [InlineData("3. SMTP (25/tcp) for alerts", "tcp/25", "SMTP")]
    [InlineData("The appliance listens on TCP port 8443 for the REST API.", "tcp/8443", null)]
    [InlineData("Voice uses UDP ports 16384-32767.", "udp/16384-32767", null)]
    [InlineData("* TCP 5060 and UDP 5060", "tcp/5060 udp/5060", null)]
    [InlineData("ICMP echo must be allowed", "icmp/any", null)]
    [InlineData("Open TCP ports 80 and 443 and UDP port 53.", "tcp/80,443 udp/53", null)]
    [InlineData("SNMP: 161 (UDP) polling", "udp/161", "SNMP")]
    [InlineData("Media: UDP 5,060", "udp/5060", null)]
    public void Reads_port_lines_and_sentences(string line, string expected, string? service)
    {
        // Given one line of running text
        // When it is interpreted
        var result = Lines(line);

        // Then it gives the flows it names, citing the line as written
        Assert.Equal(expected, Flows(result));
        Assert.All(result.Flows, f =>
        {
            Assert.Equal(1, f.Line);
            Assert.Equal(line, f.Cell);
            Assert.StartsWith("line:", f.Rule, StringComparison.Ordinal);
        });
        if (service is not null)
        {
            Assert.Equal(service, result.Flows[0].Service);
        }
    }

    [Theory]
    [InlineData("The server requires TLS 1.2 or later.")]
    [InlineData("H.323 and T.38 are supported, with G.711 and G.729 codecs.")]
    [InlineData("Released on 2023-05-10 as version 9.1.")]
    [InlineData("Allow 100 ms latency and 10 Mbps per call.")]
    [InlineData("Reach the server at 192.168.1.10 or 10.0.0.1.")]
    [InlineData("CPU load stays below 80% with 500 calls.")]
    [InlineData("See RFC 3261 section 18 for details.")]
    [InlineData("DHCP option 66 gives the provisioning URL.")]
    [InlineData("Up to 250 users and 30 channels per server.")]
    [InlineData("Hotline: +49 30 1234567, 9:00 to 17:00")]
    [InlineData("Sizes up to 5 MB, 3 retries, 24 hours.")]
    [InlineData("The ports must be opened in the firewall before 2024.")]
    public void Numbers_that_are_not_ports_give_no_flow_and_no_warning(string line)
    {
        var result = Lines(line);

        Assert.Empty(result.Flows);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_line_that_names_a_port_without_transport_is_a_warning_with_its_line()
    {
        var result = Lines("Intro", "8080: metrics endpoint");

        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Equal(WarningCodes.Unreadable, warning.Code);
    }

    [Fact]
    public void Source_port_ranges_in_text_are_not_destinations()
    {
        var result = Lines("Clients connect from source ports 1024-65535.");

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.SourceRange);
    }

    [Fact]
    public void A_range_in_a_port_cell_takes_its_application_transport_when_certain()
    {
        // SRTP is UDP by definition: no warning
        var result = Interpret(Table(null, ["Service", "Ports"], ["SRTP media", "20000-20999"]));

        Assert.Equal("udp/20000-20999", Flows(result));
        Assert.DoesNotContain(WarningCodes.TransportInferred, Codes(result));
        Assert.Equal("srtp", result.Flows[0].Application);
    }

    // ---- applications without ports or transports ----------------------------------------------

    [Theory]
    [InlineData("HTTPS", "tcp/443+tls", false)]
    [InlineData("SSH", "tcp/22", false)]
    [InlineData("LDAP", "tcp/389", true)]
    [InlineData("SIP", "udp/5060 tcp/5060", true)]
    [InlineData("NTP", "udp/123", false)]
    public void An_application_without_port_takes_its_iana_port_with_a_warning(string protocol, string expected, bool transportNamed)
    {
        // Given a row that names an application but no port
        var result = Interpret(Table(null, ["Service", "Protocol", "Port"], ["Something", protocol, ""]));

        // Then the IANA port is used and a warning says so (and names the transport when it was a choice)
        Assert.Equal(expected, Flows(result));
        var warning = Assert.Single(result.Warnings, w => w.Code == WarningCodes.IanaDefault);
        Assert.Equal(2, warning.Line);
        Assert.Contains(protocol, warning.Message, StringComparison.Ordinal);
        Assert.Equal(transportNamed, warning.Message.Contains(" on ", StringComparison.Ordinal));
        Assert.All(result.Flows, f => Assert.Contains("iana-default", f.Rule, StringComparison.Ordinal));
    }

    [Fact]
    public void An_application_with_a_port_but_no_transport_takes_its_transport_with_a_warning_unless_certain()
    {
        var result = Interpret(Table(null, ["Service", "Port"], ["LDAP", "3268"], ["HTTP admin", "8080"], ["SIP", "5080"]));

        Assert.Equal("tcp/3268 tcp/8080 udp/5080 tcp/5080", Flows(result));
        var inferred = result.Warnings.Where(w => w.Code == WarningCodes.TransportInferred).Select(w => w.Line).ToList();
        Assert.Equal([2, 4], inferred);
    }

    [Fact]
    public void A_port_without_transport_or_application_is_a_warning()
    {
        var result = Interpret(Table(null, ["Service", "Port"], ["Agent", "7000"]));

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Code == WarningCodes.Unreadable);
    }

    // ---- header detection and synonyms ---------------------------------------------------------

    [Fact]
    public void Finds_the_header_below_title_rows()
    {
        // Given a CSV-like table with title lines and a blank row above its header
        var table = Table(null,
            ["Acme Gateway 4.2 firewall requirements", "", ""],
            ["Generated 2024-03-01", "", ""],
            ["", "", ""],
            ["Service", "Proto", "Dst Port"],
            ["SIP", "UDP", "5060"],
            ["Web UI", "TCP", "443"]);

        // When it is interpreted
        var result = Interpret(table);

        // Then the title rows are neither flows nor warnings, and the product is named after the title
        Assert.Equal("udp/5060 tcp/443", Flows(result));
        Assert.Equal([5, 6], result.Flows.Select(f => f.Line));
        Assert.All(result.Flows, f => Assert.Equal(["Acme Gateway 4.2"], f.To));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Inferred && w.Message.Contains("Acme Gateway 4.2", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Code is WarningCodes.Unreadable or WarningCodes.NoPort);
    }

    [Theory]
    [InlineData("Port", "Port")]
    [InlineData("Ports", "Port")]
    [InlineData("Dst Port", "Port")]
    [InlineData("Destination port(s)", "Port")]
    [InlineData("Port range", "Port")]
    [InlineData("Port #", "Port")]
    [InlineData("Local port", "LocalPort")]
    [InlineData("Listening port", "LocalPort")]
    [InlineData("Remote port", "RemotePort")]
    [InlineData("Source port", "SourcePort")]
    [InlineData("Client port", "SourcePort")]
    [InlineData("Protocol", "Protocol")]
    [InlineData("Proto", "Protocol")]
    [InlineData("Transport", "Protocol")]
    [InlineData("Layer 4", "Protocol")]
    [InlineData("Typ", "Protocol")]
    [InlineData("Direction", "Direction")]
    [InlineData("Dir", "Direction")]
    [InlineData("In/Out", "Direction")]
    [InlineData("Inbound/Outbound", "Direction")]
    [InlineData("Ingress/Egress", "Direction")]
    [InlineData("Source", "Source")]
    [InlineData("From", "Source")]
    [InlineData("Initiator", "Source")]
    [InlineData("Client", "Source")]
    [InlineData("Src", "Source")]
    [InlineData("Destination", "Destination")]
    [InlineData("To", "Destination")]
    [InlineData("Listener", "Destination")]
    [InlineData("Server", "Destination")]
    [InlineData("Target", "Destination")]
    [InlineData("Service", "Service")]
    [InlineData("Application", "Service")]
    [InlineData("Name", "Service")]
    [InlineData("Protocol name", "Service")]
    [InlineData("Description", "Description")]
    [InlineData("Purpose", "Description")]
    [InlineData("Usage", "Description")]
    [InlineData("Comment", "Description")]
    [InlineData("Notes", "Description")]
    [InlineData("Firewall", "Firewall")]
    [InlineData("Open?", "Firewall")]
    [InlineData("Required", "Firewall")]
    [InlineData("Allow", "Firewall")]
    [InlineData("Peer", "Peer")]
    [InlineData("Component", "Component")]
    [InlineData("Default port state", "None")]
    [InlineData("Vendor reference", "None")]
    public void Recognises_column_headers_by_meaning(string header, string role) =>
        Assert.Equal(role, ColumnRoles.Classify(header).Role.ToString());

    [Fact]
    public void A_transport_in_a_port_header_is_the_columns_transport()
    {
        var result = Interpret(Table(null, ["Service", "TCP ports", "UDP ports"], ["Web", "80, 443", ""], ["Voice", "", "5060"]));

        Assert.Equal("tcp/80,443 udp/5060", Flows(result));
    }

    [Fact]
    public void A_type_column_of_directions_is_read_as_direction()
    {
        var result = Interpret(Table(null, ["Protocol", "Type", "Port"], ["TCP", "in", "9094"], ["TCP", "out", "25"]), "Acme");

        Assert.Equal(["peer>Acme", "Acme>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void A_table_without_header_is_read_by_its_content_with_a_warning()
    {
        var result = Interpret(Table(null, ["SIP", "UDP", "5060"], ["HTTPS", "TCP", "443"], ["SSH", "TCP", "22"]));

        Assert.Equal("udp/5060 tcp/443+tls tcp/22", Flows(result));
        Assert.Equal(["SIP", "HTTPS", "SSH"], result.Flows.Select(f => f.Service));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Inferred && w.Message.Contains("no header", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_without_port_column_is_read_cell_by_cell_as_text()
    {
        var result = Interpret(Table(null, ["Feature", "Details"], ["Web admin", "HTTPS on TCP port 8443"], ["Logging", "Sent as syslog"]));

        Assert.Equal("tcp/8443+tls", Flows(result));
        Assert.Equal(2, result.Flows[0].Line);
    }

    [Fact]
    public void Ports_in_another_cell_are_read_with_a_warning_when_the_port_column_is_empty()
    {
        var result = Interpret(Table(null, ["Service", "Port", "Notes"], ["REST API", "", "listens on TCP port 8443"]));

        Assert.Equal("tcp/8443", Flows(result));
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Code == WarningCodes.Inferred && w.Message.Contains("Notes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_header_inside_a_table_is_skipped()
    {
        var result = Interpret(Table(null, ["Protocol", "Port"], ["TCP", "80"], ["Protocol", "Port"], ["UDP", "53"]));

        Assert.Equal("tcp/80 udp/53", Flows(result));
        Assert.DoesNotContain(result.Warnings, w => w.Line == 3);
    }

    // ---- rows that give no flow ----------------------------------------------------------------

    [Theory]
    [InlineData("configurable", WarningCodes.NoDefault)]
    [InlineData("see above", WarningCodes.SeeOther)]
    [InlineData("varies", WarningCodes.NoPort)]
    public void A_port_cell_without_port_is_a_warning_with_its_line(string cell, string code)
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port"], ["Backup", "TCP", cell]));

        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings, w => w.Code != WarningCodes.Inferred);
        Assert.Equal(2, warning.Line);
        Assert.Equal(code, warning.Code);
    }

    [Fact]
    public void A_service_naming_an_application_with_an_empty_port_cell_is_a_warning_not_a_guess()
    {
        var result = Interpret(Table(null, ["Service", "Port", "Description"], ["HTTPS admin", "", "Browser access"]));

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Code == WarningCodes.NoPort);
    }

    [Fact]
    public void A_row_with_a_protocol_but_no_port_is_a_warning()
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port"], ["Agent", "TCP", ""]));

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Code == WarningCodes.NoPort);
    }

    // ---- directions ----------------------------------------------------------------------------

    [Theory]
    [InlineData("In", "peer>Acme")]
    [InlineData("Inbound", "peer>Acme")]
    [InlineData("Ingress", "peer>Acme")]
    [InlineData("Out", "Acme>peer")]
    [InlineData("Egress", "Acme>peer")]
    [InlineData("Outgoing", "Acme>peer")]
    [InlineData("Both", "peer>Acme Acme>peer")]
    [InlineData("Bidirectional", "peer>Acme Acme>peer")]
    [InlineData("In/Out", "peer>Acme Acme>peer")]
    [InlineData("Phone -> Acme server", "Phone>Acme server")]
    [InlineData("Phone \u2192 Acme server", "Phone>Acme server")]
    public void A_direction_column_gives_the_ends(string direction, string expected)
    {
        var result = Interpret(Table(null, ["Protocol", "Port", "Direction"], ["TCP", "443", direction]), "Acme");

        Assert.Equal(expected, string.Join(" ", result.Flows.Select(Ends)));
    }

    [Fact]
    public void From_and_to_columns_give_the_ends_as_written()
    {
        var result = Interpret(Table(null, ["From", "To", "Port", "Protocol"], ["IP phone", "Call server", "5060", "UDP"], ["Call server", "SIP trunk", "5061", "TLS"]));

        Assert.Equal(["IP phone>Call server", "Call server>SIP trunk"], result.Flows.Select(Ends));
        Assert.Contains("ends=columns", result.Flows[0].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peer_column_names_the_other_end()
    {
        var result = Interpret(Table(null, ["Remote system", "Direction", "Protocol", "Port"], ["Mail server", "Out", "TCP", "25"]), "Acme");

        Assert.Equal("Acme>Mail server", Ends(Assert.Single(result.Flows)));
    }

    [Fact]
    public void Local_ports_are_where_the_product_listens_and_remote_ports_where_the_peer_does()
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Local port", "Remote port"], ["Web", "TCP", "443", "any"], ["Mail", "TCP", "any", "25"]), "Acme");

        Assert.Equal("tcp/443 tcp/25", Flows(result));
        Assert.Equal(["peer>Acme", "Acme>peer"], result.Flows.Select(Ends));
    }

    [Fact]
    public void A_direction_with_local_and_remote_ports_chooses_the_listening_side()
    {
        // Imagicle style: direction from the product's view, remote and local ports
        var result = Interpret(Table(null, ["Protocol", "Direction", "Remote port", "Local port"], ["LDAP", "OUT", "TCP 389", "Any (TCP)"], ["HTTP", "IN", "Any (TCP)", "TCP 80"]), "Acme");

        Assert.Equal("tcp/389 tcp/80", Flows(result));
        Assert.Equal(["Acme>peer", "peer>Acme"], result.Flows.Select(Ends));
    }

    [Theory]
    [InlineData("Ingress connections", "peer>Acme")]
    [InlineData("Inbound", "peer>Acme")]
    [InlineData("Outgoing traffic", "Acme>peer")]
    [InlineData("EGRESS", "Acme>peer")]
    public void A_heading_gives_the_direction_of_its_table(string heading, string expected)
    {
        var result = Interpret(Table(heading, ["Protocol", "Port"], ["TCP", "443"]), "Acme");

        Assert.Equal(expected, Ends(Assert.Single(result.Flows)));
        Assert.Equal(heading, result.Flows[0].Section);
        Assert.Contains("direction=section", result.Flows[0].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_direction_is_read_as_inbound_with_one_warning()
    {
        var result = Interpret(Table(null, ["Protocol", "Port"], ["TCP", "443"], ["UDP", "53"]), "Acme");

        Assert.All(result.Flows, f => Assert.Equal("peer>Acme", Ends(f)));
        Assert.Single(result.Warnings, w => w.Code == WarningCodes.Inferred);
    }

    [Fact]
    public void A_heading_row_inside_a_table_is_a_section_not_a_flow()
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port"], ["Signalling", "", ""], ["SIP", "UDP", "5060"], ["Media", "Media", "Media"], ["RTP", "UDP", "10000-20000"]));

        Assert.Equal("udp/5060 udp/10000-20000", Flows(result));
        Assert.Equal(["Signalling", "Media"], result.Flows.Select(f => f.Section));
    }

    // ---- other columns -------------------------------------------------------------------------

    [Theory]
    [InlineData("Y", FirewallRelevance.Required)]
    [InlineData("Yes", FirewallRelevance.Required)]
    [InlineData("Required", FirewallRelevance.Required)]
    [InlineData("Open", FirewallRelevance.Required)]
    [InlineData("(Y)", FirewallRelevance.IfSeparated)]
    [InlineData("If remote admin", FirewallRelevance.IfSeparated)]
    [InlineData("Optional", FirewallRelevance.IfSeparated)]
    [InlineData("N", FirewallRelevance.NotNeeded)]
    [InlineData("No", FirewallRelevance.NotNeeded)]
    [InlineData("Not required", FirewallRelevance.NotNeeded)]
    [InlineData("", FirewallRelevance.Unknown)]
    [InlineData("-", FirewallRelevance.Unknown)]
    public void A_firewall_column_gives_the_firewall_relevance(string cell, FirewallRelevance expected)
    {
        var result = Interpret(Table(null, ["Protocol", "Port", "Open in firewall?"], ["TCP", "443", cell]));

        Assert.Equal(expected, Assert.Single(result.Flows).Firewall);
    }

    [Fact]
    public void Service_purpose_component_line_cell_and_rule_come_from_the_row()
    {
        var result = Interpret(Table("Management", ["Component", "Service", "Protocol", "Port", "Purpose"], ["Web server", "Admin UI", "TCP", "8443", "Browser administration"]));

        var flow = Assert.Single(result.Flows);
        Assert.Equal("Admin UI", flow.Service);
        Assert.Equal("Browser administration", flow.Purpose);
        Assert.Equal("Web server", flow.Component);
        Assert.Equal("Management", flow.Section);
        Assert.Equal(["Web server"], flow.To);
        Assert.Equal(2, flow.Line);
        Assert.Equal("8443", flow.Cell);
        Assert.Equal("table:column 'Port':single;transport=protocol-Protocol;direction=assumed-inbound", flow.Rule);
    }

    [Fact]
    public void The_given_product_names_the_products_side()
    {
        var table = Table("Acme PBX 7 port list", ["Protocol", "Port", "Direction"], ["TCP", "443", "in"]);

        Assert.Equal("peer>Acme PBX 7", Ends(Assert.Single(Interpret(table).Flows)));
        Assert.Equal("peer>Other", Ends(Assert.Single(Interpret(table, "Other").Flows)));
        Assert.Equal("peer>this system", Ends(Assert.Single(Interpret(Table("Signalling", ["Protocol", "Port", "Direction"], ["TCP", "443", "in"])).Flows)));
    }

    [Theory]
    [InlineData("Acme CallServer 12 \u2013 Network Ports", "Acme CallServer 12")]
    [InlineData("Ports used by SwyxWare 2013?", "SwyxWare 2013")]
    [InlineData("Avaya Port Matrix: IP Office 9.1", "Avaya IP Office 9.1")]
    [InlineData("Firewall ports for Acme Gateway", "Acme Gateway")]
    [InlineData("Signalling ports", null)]
    [InlineData("Media ports", null)]
    [InlineData("Firewall requirements", null)]
    [InlineData("Acme Gateway", null)]
    [InlineData("Changes to network ports", null)]
    [InlineData("Opening firewall ports", null)]
    [InlineData("Setting up the firewall for Rail Portal", "Rail Portal")]
    [InlineData("How to configure your firewall for Acme Gateway 2", "Acme Gateway 2")]
    public void Names_the_product_from_a_title_only_when_it_is_about_ports(string title, string? expected) =>
        Assert.Equal(expected, Titles.ProductFromTitle(title));

    [Theory]
    [InlineData("markdown", true, "markdown-table")]
    [InlineData("markdown", false, "list")]
    [InlineData("csv", true, "csv")]
    [InlineData("text", true, "text-table")]
    public void The_layout_says_the_format_and_what_held_the_flows(string format, bool table, string layout)
    {
        var document = table
            ? new ExtractedDocument("x", format, [Table(null, ["Protocol", "Port"], ["TCP", "443"])], [])
            : new ExtractedDocument("x", format, [], [new TextLine("TCP 443", 1, null)]);

        Assert.Equal(layout, TableInterpreter.Interpret(document).Layout);
    }

    [Fact]
    public void A_table_cut_by_the_extractor_is_a_warning()
    {
        var table = Table(null, ["Protocol", "Port"], ["TCP", "443"]) with { Origin = "csv" + ExtractionLimits.TruncatedSuffix };

        Assert.Contains(Interpret(table).Warnings, w => w.Code == WarningCodes.Unreadable && w.Message.Contains("cut", StringComparison.Ordinal));
    }

    [Fact]
    public void Interpretation_is_deterministic()
    {
        var table = Table("Inbound", ["Service", "Protocol", "Port"], ["SIP", "TCP/UDP", "5060"], ["Web", "HTTPS", ""]);

        var a = Interpret(table);
        var b = Interpret(table);

        Assert.Equal(a.Flows.Select(f => f with { From = [], To = [] }), b.Flows.Select(f => f with { From = [], To = [] }));
        Assert.Equal(a.Warnings, b.Warnings);
    }
}
