using PortMatrix.Import;
using PortMatrix.Ports;
using PortMatrix.Import.Generic;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Rules from the blind documents of rounds 59 to 66: host firewall commands (firewalld rich rules, ufw), ports.txt
/// lines, "show ports" printouts, change tickets written as records, tables of contents, release columns without a
/// port word, mail threads that quote an earlier message, and what a document says once of all its flows.
/// </summary>
public sealed class CommandAndRecordRuleTests
{
    private static string Flow(ImportedFlow f) => GenericImportText.Flow(f);

    private static ImportResult ImportText(string name, string text) => GenericImportText.ImportText(name, text);

    private static string Line(string text, string? product = "Acme Box") =>
        string.Join(",", TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), product).Flows.Select(Flow));

    [Theory]
    [InlineData("sudo firewall-cmd --permanent --add-rich-rule='rule family=\"ipv4\" source address=\"10.62.14.0/24\" port port=\"8443\" protocol=\"tcp\" accept'", "tcp/8443:peer>Acme Box")]
    [InlineData("sudo ufw allow proto udp from 10.62.15.10 to any port 30000:30999 comment 'media'", "udp/30000-30999:peer>Acme Box")]
    [InlineData("sudo ufw allow out proto tcp to 10.62.20.5 port 443 comment 'CRM push'", "tcp/443:Acme Box>peer")]
    [InlineData("sudo ufw allow 443/tcp", "tcp/443:peer>Acme Box")]
    [InlineData("sudo ufw deny 23/tcp", "")]
    [InlineData("5060        udp      sip          out     # MWI NOTIFY to PBX", "udp/5060:Acme Box>peer")]
    [InlineData("20000-29999 udp      rtp          both", "udp/20000-29999:peer>Acme Box,udp/20000-29999:Acme Box>peer")]
    [InlineData("5432        tcp      pgsql        local", "")]
    [InlineData("ingress/egress tcp 7800-7801 self - cluster replication", "tcp/7800-7801:peer>Acme Box,tcp/7800-7801:Acme Box>peer")]
    public void Host_firewall_commands_and_ports_txt_lines(string text, string expected)
    {
        Assert.Equal(expected, Line(text));
    }

    [Fact]
    public void A_show_ports_state_column_gives_the_direction_and_a_bound_address_is_not_the_peer()
    {
        var result = ImportText("show-ports.txt", """
            Acme Box 3400 - show ports

                 PORT         PROTO  STATE     SERVICE          BOUND-TO
                 5060         udp    LISTEN    sip-access       203.0.113.20 (ext0)
                 3868         tcp    CONNECT   diameter-rx      -> 10.50.9.5 (int0)
                 1500-1501    tcp    PEER      ha-sync          172.16.0.1 <-> 172.16.0.2 (ha0)
                 23           tcp    DISABLED  telnet           -
            """);

        Assert.Equal(["udp/5060:peer>Acme Box", "tcp/3868:Acme Box>peer", "tcp/1500-1501:peer>Acme Box", "tcp/1500-1501:Acme Box>peer"],
            result.Flows.Select(f => Flow(f).Replace("Acme Box 3400", "Acme Box", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_change_ticket_of_records_gives_one_row_each_and_a_rule_to_remove_none()
    {
        var result = ImportText("chg.txt", """
            FIREWALL CHANGE REQUEST                                   CHG0048213
            Title:          Norvik OperatorHub 5.2 attendant console server - new rules

            The OperatorHub server OPHUB-APP01 is new. OperatorHub replaces the switchboard.

            -----------------------------------------------------
            Rule 1
            Source:         Attendant PCs, VLAN 120
            Destination:    OPHUB-APP01
            Ports:          TCP 7443
            Purpose:        Console client login

            Rule 9 (REMOVE)
            Source:         Attendant PCs, VLAN 120
            Destination:    SWB-OLD01
            Ports:          TCP 8080
            Purpose:        Old switchboard portal - decommission, delete rule
            """);

        Assert.Equal(["tcp/7443:Attendant PCs, VLAN 120>OPHUB-APP01"], result.Flows.Select(Flow));
        Assert.Equal("Norvik OperatorHub", result.Product);
    }

    [Fact]
    public void A_table_of_contents_is_not_a_port_table()
    {
        var result = ImportText("guide.txt", """
            CONTENTS

            1  Introduction ............................................. 1
            2  Installation ............................................. 9
            3  Zones and zone groups ................................... 27
            4  SIP integration with the IP PBX ......................... 45
            5  Multicast endpoints ..................................... 63

            The server listens for SIP on UDP 5060.
            """);

        Assert.Equal(["udp/5060"], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
    }

    [Fact]
    public void The_release_after_a_change_holds_the_ports_and_an_old_port_said_closed_in_its_cell_is_not_one()
    {
        var result = ImportText("bulletin.html", """
            <html><head><title>Technical Bulletin - TapeLine 5.1.4 port changes</title></head><body>
            <p>TapeLine 5.1.4 moves the SIPREC listener. TapeLine keeps its media pool.</p>
            <table>
            <tr><th>Function</th><th>Protocol</th><th>5.1.3 and earlier</th><th>5.1.4 and later</th><th>Direction</th></tr>
            <tr><td>SIPREC signalling</td><td>TCP</td><td>5060</td><td>5070</td><td>Inbound</td></tr>
            <tr><td>Web administration</td><td>TCP</td><td>8080 (HTTP)</td><td>443 (HTTPS only; 8080 closed)</td><td>Inbound</td></tr>
            </table></body></html>
            """);

        Assert.Equal(["5070", "443"], result.Flows.Select(f => f.Ports.ToString()));
    }

    [Fact]
    public void The_quoted_earlier_message_of_a_mail_thread_is_not_read()
    {
        var result = ImportText("thread.txt", """
            From: Daniel <d@vendor.example>
            Subject: Re: CallThread ports

            Corrected list:
            - CallThread -> PBX CTI: TCP 7002

            On Tue, 12 Mar 2024 at 16:40, Daniel wrote:
            > - CallThread -> PBX CTI: TCP 7001
            """);

        Assert.Equal(["7002"], result.Flows.Select(f => f.Ports.ToString()));
    }

    [Fact]
    public void A_document_that_says_all_traffic_is_outbound_directs_its_bare_tables()
    {
        var result = ImportText("edge.md", """
            # IP addresses and ports for Connect Edge

            Connect Edge links your PBX to the cloud. Almost all traffic is opened by Connect Edge towards the cloud,
            so in most networks you only need outbound rules.

            ## Voice signalling (SIP)

            | Region | IP ranges | Protocol | Port |
            |---|---|---|---|
            | EU | 185.73.40.0/24 | SIP over TLS | 5061 |
            """);

        Assert.Equal("Connect Edge", result.Product);
        Assert.Equal(["tcp/5061:Connect Edge>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Removed in 7.3 - do not re-add: ingress tcp 8080 from 10.20.0.0/16 (plain-HTTP console retired).")]
    [InlineData("Note: Telnet (TCP 23) is not available on the DF-220.")]
    [InlineData("Marlowe asked for RDP (TCP 3389) from their network. Rejected by RC; the jump host covers it.")]
    [InlineData("FTP (TCP 21) for prompt uploads - not needed, the web client supports upload over HTTPS.")]
    [InlineData("Locally, the softphone uses UDP 40000-40999. These are client-side ports behind NAT; do not create port forwards for them.")]
    [InlineData("Port 5062/TCP, used by firmware 3.x, has been retired.")]
    public void Notes_that_set_a_port_aside(string text)
    {
        Assert.Equal("", Line(text));
    }

    [Theory]
    [InlineData("[ ] Allow UDP 161 from the NMS to the logger - SNMP v3 polling", "udp/161:peer>Logger")]
    [InlineData("[ ] Allow TCP 3001 from the logger to the PBX CTI server", "tcp/3001:Logger>peer")]
    [InlineData("SNMP polling (UDP 161) and syslog forwarding (UDP 514 to your collector) are not affected.", "udp/161:peer>Logger,udp/514:Logger>peer")]
    [InlineData("Meeting on 21 May: open UDP 161 from the NMS to the logger.", "udp/161:peer>Logger")]
    public void Ends_named_with_from_and_to_or_after_the_port(string text, string expected)
    {
        Assert.Equal(expected, Line(text, "Logger"));
    }

    [Fact]
    public void Record_fields_and_short_model_names()
    {
        // "G8" is a word of "Penwick FaxTide G8"; two-letter words like "AS" are not.
        Assert.Equal("tcp/993:Penwick FaxTide G8>peer", Line("Email-to-fax: the G8 polls a dedicated mailbox over IMAPS, TCP 993.", "Penwick FaxTide G8"));
    }

    // ---- rounds 67 to 70 ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("LISTEN  0  128  0.0.0.0:443  0.0.0.0:*  users:((\"nginx\",pid=1040,fd=6))  <- web GUI", "tcp/443:peer>Acme Box")]
    [InlineData("UNCONN  0  0  10.20.5.20:5060  0.0.0.0:*  users:((\"sipd\",pid=1322,fd=12)) <- SIP/UDP from PBX core -> OPEN", "udp/5060:peer>Acme Box")]
    [InlineData("LISTEN  0  32  127.0.0.1:5432  0.0.0.0:*  users:((\"postgres\",pid=998,fd=5))", "")]
    [InlineData("LISTEN  0  64  10.20.5.20:5061  0.0.0.0:*  users:((\"sipd\",pid=1322,fd=15)) <- TLS, carrier wants it in Q1. leave CLOSED for now", "")]
    [InlineData("tcp        0      0 10.20.5.20:48230        198.51.100.40:5060      ESTABLISHED   <- carrier SBC", "tcp/5060:Acme Box>peer")]
    [InlineData("tcp        0     36 10.20.5.20:22           10.50.9.14:53318        ESTABLISHED   <- me", "tcp/22:peer>Acme Box")]
    public void Lines_of_ss_and_netstat_output(string text, string expected)
    {
        Assert.Equal(expected, Line(text));
    }

    [Fact]
    public void System_a_and_system_b_columns_with_arrows_between_a_and_b()
    {
        var result = ImportText("matrix.tsv", "System A\tSystem B\tDirection\tPorts\tPurpose\n"
            + "Nurse call controller\tVigilon Alarm Server\tA -> B\tTCP 4010\tAlarms\n"
            + "Vigilon Alarm Server\tSIP PBX\tA <-> B\tTCP 5061\tSIP trunk\n"
            + "Vigilon Alarm Server\tPaging transmitter\tB -> A\tTCP 1010\tStatus\n");

        Assert.Equal(["tcp/4010:Nurse call controller>Vigilon Alarm Server", "tcp/5061:Vigilon Alarm Server>SIP PBX", "tcp/5061:SIP PBX>Vigilon Alarm Server",
            "tcp/1010:Paging transmitter>Vigilon Alarm Server"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_port_heading_takes_the_direction_of_the_paragraph_under_it_and_front_matter_names_the_product()
    {
        var result = ImportText("ports.md", """
            ---
            title: Ports
            description: Network ports used by Roamgate Mobility Gateway 5.2
            ---

            # Ports

            This page lists the ports of **Roamgate Mobility Gateway** 5.2. Roamgate Mobility Gateway sits in a DMZ.

            ## Mobile app to gateway

            ### 5061/TCP - SIP over TLS

            The app opens a SIP over TLS connection to the gateway and keeps it open.

            ## Gateway to call server

            ### 5060/UDP - SIP to the call server

            The gateway registers each mobile user to your call server.
            """);

        Assert.Equal("Roamgate Mobility Gateway", result.Product);
        Assert.Equal(["tcp/5061:peer>Roamgate Mobility Gateway", "udp/5060:Roamgate Mobility Gateway>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_kebab_case_repository_name_in_a_title_names_the_product_and_tool_names_do_not()
    {
        var body = new Dictionary<string, int> { ["lumora"] = 3, ["media"] = 4, ["server"] = 5, ["helm"] = 3, ["chart"] = 2 };

        Assert.Equal("lumora-media-server", Titles.ProductRepeatedInBody([("lumora-media-server Helm chart", 1)], body)?.Name);
    }

    [Fact]
    public void A_line_that_says_what_it_does_beats_a_heading_read_as_a_sentence()
    {
        var result = ImportText("notes.txt", """
            Parlette Voicemail - Release notes 6.2

            Parlette Voicemail 6.2 adds a REST provisioning API. Parlette Voicemail keeps its ports otherwise.

            Connections to the PBX
              - The voicemail server listens for the REST provisioning API on TCP 8443.
            """);

        Assert.Equal(["tcp/8443:peer>Parlette Voicemail"], result.Flows.Select(Flow));
    }

    // ---- rounds 71 to 82 ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("SNMP polling from PRTG (10.50.9.9): UDP 161.", "udp/161:peer>Acme Box")]
    [InlineData("Time synchronisation: NTP, UDP 123, to the server from DHCP option 42.", "udp/123:Acme Box>peer")]
    [InlineData("Firmware download from the boot server given in DHCP option 66: TFTP on UDP 69.", "udp/69:Acme Box>peer")]
    [InlineData("7443/tcp - HTTPS + WebSocket; the browser extension on agent PCs connects here", "tcp/7443:peer>Acme Box")]
    public void Sentences_of_rounds_71_to_82(string text, string expected)
    {
        Assert.Equal(expected, Line(text));
    }

    [Fact]
    public void Arrow_marked_rows_a_column_of_arrows_and_a_end_b_end_columns()
    {
        var marked = ImportText("handover.txt", """
            Subject: Handover - Talvio Softphone 4.1 rollout

            Talvio Softphone talks to these. Talvio Softphone opens most of them.

              -> SIP over TLS ............ TCP 5061          PBX VIP 10.31.4.20
              -> Directory lookup ........ TCP 636           dc01/dc02 (LDAPS)
              <- Remote diagnostics ...... TCP 7443          helpdesk jump host 10.60.250.10
            """);
        Assert.Equal(["tcp/5061:out", "tcp/636:out", "tcp/7443:in"],
            marked.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}:{(f.To.Contains("peer") ? "out" : "in")}"));

        var arrows = ImportText("handover.txt", """
            Heraldo PX-800 handover

            NETWORK FLOWS
               PBX 10.20.1.11-13       ---->  controller       UDP 5060          SIP INVITE for page calls
               controller              ---->  NTP 10.99.0.5    UDP 123           time
               controller              <--->  standby unit     TCP 9300          sync
            """);
        Assert.Equal(["udp/5060:PBX 10.20.1.11-13>controller", "udp/123:controller>NTP 10.99.0.5", "tcp/9300:controller>standby unit", "tcp/9300:standby unit>controller"],
            arrows.Flows.Select(Flow));

        var ends = ImportText("lld.md", """
            # Voice platform

            | Flow | A-end (initiator) | B-end | Port / protocol |
            |------|-------------------|-------|-----------------|
            | F-03 | PBX | SBC (edge) | 5060/tcp |
            | F-04 | SBC | PBX | 5061/tcp |
            """);
        Assert.Equal(["tcp/5060:PBX>SBC (edge)", "tcp/5061:SBC>PBX"], ends.Flows.Select(Flow));
    }

    [Fact]
    public void A_platform_label_names_the_product_over_a_design_title()
    {
        var result = ImportText("lld.md", """
            # Low-Level Design — SIP Trunk Edge

            **Customer:** Harrow Vale District Council
            **Platform:** Nordfell Keelgate SBC 2400 (firmware 11.4.2), HA pair

            The SIP trunk ends on the Keelgate. The Keelgate SBC sends SNMPv3 traps to the NMS on UDP 162.
            """);

        Assert.Equal("Nordfell Keelgate SBC 2400", result.Product);
        Assert.Equal(["udp/162:Nordfell Keelgate SBC 2400>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_speaker_is_a_device_the_product_may_be_called()
    {
        Assert.Equal("udp/5060:Marrowick PageLine>peer", Line("SIP registration - the speaker registers with the call server on UDP 5060.", "Marrowick PageLine"));
    }

    [Fact]
    public void Mail_headers_and_customers_do_not_name_the_product()
    {
        var body = new Dictionary<string, int> { ["harbourside"] = 3, ["council"] = 4, ["sip"] = 9, ["trunks"] = 2 };
        Assert.Null(Titles.ProductRepeatedInBody([("High-Level Design - SIP Trunking, Harbourside Council", 1)], body));

        var mail = ImportText("mail.txt", """
            From: Tomas Brandt <t.brandt@quayline.example>
            To: Network Operations <netops@northfold.example>
            Subject: Handover - Ravensmere VCB-9 video bridge - network summary

            The Ravensmere VCB-9 is live. Phones reach the VCB-9 on TCP 5061.
            """);
        Assert.Equal("Ravensmere VCB-9", mail.Product);
    }

    [Theory]
    [InlineData("Talvio Softphone", "tcp/5061:Talvio Softphone>peer")]
    [InlineData("Talvio Phone Gateway", "tcp/5061:peer>Talvio Phone Gateway")]
    public void A_client_product_reaches_the_ports_it_names_without_a_direction(string product, string expected)
    {
        Assert.Equal(expected, Line("SIP over TLS: TCP 5061", product));
    }
}
