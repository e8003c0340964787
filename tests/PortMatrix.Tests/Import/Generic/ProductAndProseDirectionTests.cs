using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Rules from the blind documents of rounds 25 to 28: the product named by a title without port words when the
/// text repeats the name, arrows between names ("PBX -> VMX Gateway"), the prose of a table row that has no
/// direction column, the sentence that leads into a table or a list, a later line of a paragraph that says "both
/// directions", the subject's head noun, note rows under wide tables, ICMP type cells and retired ports in release notes.
/// </summary>
public sealed class ProductAndProseDirectionTests
{
    private static string Flow(ImportedFlow f) => GenericImportText.Flow(f);

    private static ImportResult ImportText(string name, string text) => GenericImportText.ImportText(name, text);

    private static readonly HashSet<string> Gateway = ["vmx", "gateway"];

    // ---- the product from a title the text repeats ---------------------------------------------------------

    [Fact]
    public void A_title_without_port_words_names_the_product_when_the_text_repeats_it()
    {
        var result = ImportText("checklist.txt", """
            Kitewing Relay 3.4 -- Pre-installation checklist

            The Kitewing Relay forwards alarms. Install one Kitewing Relay per site.

            - Kitewing Relay sends alarms to the PBX on TCP 4050
            """);

        Assert.Equal(["tcp/4050:Kitewing Relay>peer"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Inferred && w.Message.Contains("'Kitewing Relay'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_that_the_text_uses_only_in_host_names_is_not_the_product()
    {
        // "wren" occurs only in wren.example: a peer's domain, not the product.
        var result = ImportText("client.md", """
            # Wren Meetings desktop client 7 - network requirements

            - Signalling to signal.wren.example, media to media.wren.example, web to cdn.wren.example: TCP 443
            """);

        Assert.NotEmpty(result.Flows);
        Assert.All(result.Flows, f => Assert.DoesNotContain("Wren", string.Join(" ", f.From.Concat(f.To)), StringComparison.Ordinal));
    }

    [Fact]
    public void The_html_title_names_the_product_when_the_headings_do_not()
    {
        var result = ImportText("chapter.html", """
            <html><head><title>Rostra WFM 9.2 Deployment Guide - Chapter 4</title></head><body>
            <h1>Chapter 4. Network and Firewall Requirements</h1>
            <p>The Rostra WFM Server collects agent state from the ACD.</p>
            <p>The WFM Server opens a session to the ACD CTI gateway on TCP 4100.</p>
            </body></html>
            """);

        Assert.Equal(["tcp/4100:Rostra WFM>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_body_that_never_repeats_the_title_names_no_product()
    {
        var found = Titles.ProductRepeatedInBody([("Harrier Notes 2 - Installation", 1)], new Dictionary<string, int> { ["sip"] = 4 });

        Assert.Null(found);
    }

    [Fact]
    public void Version_numbers_and_document_words_are_left_out_of_the_name()
    {
        var found = Titles.ProductRepeatedInBody([("QUILLSEND VMX GATEWAY 3.4 -- PRE-INSTALLATION NETWORK CHECKLIST", 1)],
            new Dictionary<string, int> { ["quillsend"] = 1, ["vmx"] = 9, ["gateway"] = 9, ["checklist"] = 2 });

        Assert.Equal("QUILLSEND VMX GATEWAY", found?.Name);
    }

    // ---- arrows ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("PBX -> VMX Gateway, SIP trunk to the voicemail pilot: UDP 5060", "In")]
    [InlineData("VMX Gateway -> PBX, message-waiting (MWI) SIP NOTIFY: UDP 5060", "Out")]
    [InlineData("Admin PCs \u2192 VMX Gateway web console: TCP 9443", "In")]
    [InlineData("VMX Gateway => customer SMTP relay: TCP 25/587", "Out")]
    [InlineData("Node A <-> Node B, message-store replication: TCP 7400", "Both")]
    [InlineData("VMX Gateway \u2194 PBX: TCP 5061", "Both")]
    [InlineData("PBX -> SBC: UDP 5060", "Unknown")]
    [InlineData("RTP ports 10000->20000", "Unknown")]
    public void An_arrow_between_two_names_gives_the_direction(string text, string expected) =>
        Assert.Equal(expected, Directions.FromArrow(text, Gateway).ToString());

    [Fact]
    public void A_heading_with_an_arrow_gives_the_direction_of_the_list_under_it()
    {
        var result = ImportText("provision.md", """
            # Corvane ProvisionCore 4.2 - Firewall & Port Requirements

            ## Phones → ProvisionCore

            - HTTPS (TCP 443) for configuration download

            ## ProvisionCore → other systems

            - Syslog to the SIEM collector: UDP 514
            """);

        Assert.Equal(["tcp/443:peer>Corvane ProvisionCore 4.2", "udp/514:Corvane ProvisionCore 4.2>peer"], result.Flows.Select(Flow));
    }

    // ---- prose in tables -----------------------------------------------------------------------------------

    [Fact]
    public void The_prose_of_a_row_gives_its_direction_when_the_table_has_no_direction_column()
    {
        var table = new TextTable(
        [
            new([new("Item", 1, 1), new("Requirement", 1, 2)], 1),
            new([new("A1", 2, 1), new("PBX -> Wren Gateway, SIP trunk: UDP 5060", 2, 2)], 2),
            new([new("A2", 3, 1), new("Wren Gateway -> DNS servers: UDP 53", 3, 2)], 3),
        ], null, "test");

        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [table], []), "Wren Gateway");

        Assert.Equal(["udp/5060:peer>Wren Gateway", "udp/53:Wren Gateway>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void The_sentence_that_leads_into_a_table_gives_its_direction()
    {
        var result = ImportText("backend.html", """
            <html><body>
            <h2>Back-end services</h2>
            <p>The following connections are initiated by the server to supporting infrastructure:</p>
            <table>
            <tr><th>Service</th><th>Protocol</th><th>Port</th></tr>
            <tr><td>Database</td><td>TCP</td><td>1433</td></tr>
            </table>
            <h2>Other services</h2>
            <p>These are the ports:</p>
            <table>
            <tr><th>Service</th><th>Protocol</th><th>Port</th></tr>
            <tr><td>Web</td><td>TCP</td><td>8443</td></tr>
            </table>
            </body></html>
            """);

        Assert.Equal(["tcp/1433:this system>peer", "tcp/8443:peer>this system"], result.Flows.Select(Flow));
    }

    // ---- lead-ins, paragraphs and subjects -------------------------------------------------------------------

    [Fact]
    public void The_items_under_a_lead_in_sentence_take_its_direction()
    {
        var result = ImportText("readme.md", """
            # kpresd

            ## Network ports

            Outbound connections opened by the server:

            - LDAP backend on TCP 636
            - PostgreSQL archive on TCP 5432

            Other notes.

            - Web admin on TCP 8443
            """);

        Assert.Equal(["tcp/636:this system>peer", "tcp/5432:this system>peer", "tcp/8443:peer>this system"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_later_line_of_a_paragraph_that_says_both_directions_gives_the_earlier_ports_both_ways()
    {
        var result = ImportText("notes.txt", """
            Clustering

            Nodes gossip state to each other on TCP 7946, and
            replicate with Raft. Open these in both directions.
            """);

        Assert.Equal(["tcp/7946:peer>this system", "tcp/7946:this system>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("The Norhaven Desktop client connects to PageCast on TCP 7443.", "tcp/7443:peer>Norhaven PageCast")]
    [InlineData("PageCast answers SNMP queries on UDP 161 and sends traps to your NMS on UDP 162.", "udp/161:peer>Norhaven PageCast,udp/162:Norhaven PageCast>peer")]
    [InlineData("Syslog forwarding to your SIEM can be enabled (UDP 514 by default).", "udp/514:Norhaven PageCast>peer")]
    public void The_head_of_the_subject_and_the_verb_nearest_the_port_give_the_direction(string sentence, string expected)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(sentence, 1, null)]), "Norhaven PageCast");

        Assert.Equal(expected, string.Join(",", result.Flows.Select(Flow)));
    }

    [Fact]
    public void An_article_number_in_the_title_is_not_part_of_the_product_name()
    {
        var result = ImportText("kb.html", """
            <html><head><title>KB-2217: Firewall ports for Norhaven PageCast Server 5.x</title></head><body>
            <p>PageCast Server listens on TCP 7443.</p>
            </body></html>
            """);

        Assert.Equal(["tcp/7443:peer>Norhaven PageCast Server 5.x"], result.Flows.Select(Flow));
    }

    // ---- tables and release notes ---------------------------------------------------------------------------

    [Fact]
    public void A_note_row_under_a_wide_table_is_read_as_a_sentence_not_as_columns()
    {
        var result = ImportText("matrix.tsv", "Req ID\tSource\tDestination\tProtocol\tDest Port\n"
            + "FW-1\tSBC\tRecorder\tUDP\t5060\n"
            + "\n"
            + "1\tThe recorder accepts SIPREC on both 5060/UDP and 5061/TCP; UDP is kept for fallback only.\n");

        Assert.Equal(["udp/5060:SBC>Recorder", "udp/5060:peer>this system", "tcp/5061:peer>this system"], result.Flows.Select(Flow));
    }

    [Fact]
    public void An_icmp_row_whose_port_cell_names_the_message_type_is_an_icmp_flow()
    {
        var result = ImportText("fcr.csv", "Source,Destination,Protocol,Dest Port\nNOC,Gateway,ICMP,echo-request\nNOC,Gateway,UDP,161\n");

        Assert.Equal(["icmp/any:NOC>Gateway", "udp/161:NOC>Gateway"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_listener_column_of_services_is_not_the_destination_host()
    {
        var result = ImportText("ports.md", """
            | Port | Transport | Listener | Notes |
            |-----:|-----------|----------|-------|
            | 5222 | TCP | XMPP client-to-server | STARTTLS |
            | 5061 | TCP | SIP over TLS | PBX links |
            """);

        Assert.Equal(["tcp/5222:peer>this system", "tcp/5061:peer>this system"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Ports_under_a_removed_heading_or_said_to_be_no_longer_used_give_no_flow()
    {
        var result = ImportText("notes.txt", """
            3. PORT CHANGES

              3.1 Added
                - TCP 8443   firmware download over HTTPS

              3.3 Removed
                - UDP 69 (TFTP) for firmware

            Orbit 9.2 no longer uses the legacy CTI listener on TCP 4020.
            - TCP 80 (HTTP web administration): removed.
            """);

        Assert.Equal(["tcp/8443:peer>this system"], result.Flows.Select(Flow));
        Assert.Equal(3, result.Warnings.Count(w => w.Code == WarningCodes.Retired));
    }

    // ---- more product names, notations and retired ports (rounds 29 and 30) ----------------------------------

    [Fact]
    public void A_product_line_under_the_title_names_the_product_before_the_vendor_in_the_title()
    {
        var result = ImportText("tb.txt", """
            CORVANE NETWORKS - TECHNICAL BULLETIN TB-2024-017
            Product:   EdgeGuard 4200 Session Border Controller (EG-4200)

            The SBC listens for SIP on UDP port 5060.
            """);

        Assert.Equal("EdgeGuard 4200 Session Border Controller", result.Product);
        Assert.Equal(["udp/5060:peer>EdgeGuard 4200 Session Border Controller"], result.Flows.Select(Flow));
    }

    [Fact]
    public void The_subject_of_an_e_mail_is_its_title()
    {
        var result = ImportText("mail.txt", """
            From: Dana Whitcombe <dana@example.org>
            To: Raj Patel <raj@example.org>
            Subject: RE: [Case #BF-228731] Firewall ports for AlertPoint ENS 5.3 go-live

            - AlertPoint listens on TCP 8443 for the web console
            """);

        Assert.Equal("AlertPoint ENS 5.3", result.Product);
    }

    [Fact]
    public void A_vendor_name_in_the_title_is_not_the_product()
    {
        Assert.Null(Titles.ProductFromTitle("CORVANE NETWORKS - firewall ports"));
        Assert.Equal("CareSignal 5.4", Titles.ProductFromTitle("CareSignal 5.4 Installation Guide - 3.2 Firewall and Port Requirements"));
    }

    [Fact]
    public void A_component_column_names_parts_of_the_product()
    {
        var result = ImportText("hub.csv", """
            # Quillon ProvisionHub 2.9 - Network Port Reference
            Component,Protocol,Port Range,Direction
            TR-069 ACS,TCP,7548,Inbound
            ProvisionHub web,TCP,443,Inbound
            """);

        Assert.Equal(["tcp/7548:peer>Quillon ProvisionHub 2.9: TR-069 ACS", "tcp/443:peer>ProvisionHub web"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Tilde_ranges_sup_footnotes_and_protocol_cells_of_two_media_applications_are_read()
    {
        var result = ImportText("media.html", """
            <table>
            <tr><th>Service</th><th>Protocol</th><th>Port</th></tr>
            <tr><td>Media</td><td>RTP / SRTP</td><td>10000 ~ 59999</td></tr>
            <tr><td>CTI</td><td>TCP</td><td>2748<sup>2</sup></td></tr>
            </table>
            """);

        Assert.Equal(["udp/10000-59999:peer>this system", "tcp/2748:peer>this system"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_port_a_line_says_not_to_open_is_retired_everywhere_in_that_line()
    {
        var result = ImportText("note.txt", """
            Note: Release 8.x also served the portal on TCP 8080. That listener is removed; do not open port 8080.
            Sites upgraded from 7.x should remove any existing rule for TCP 7001.
            """);

        Assert.Empty(result.Flows);
        Assert.Equal(2, result.Warnings.Count(w => w.Code == WarningCodes.Retired));
    }

    [Theory]
    [InlineData("CareSignal 5.4", true)]
    [InlineData("CORVANE NETWORKS", false)]
    [InlineData("Nurse Server", false)]
    public void The_scorer_takes_the_readers_product_name_when_it_shares_a_distinctive_word(string reader, bool accepted) =>
        Assert.Equal(accepted, CorpusScore.AcceptedProduct(["Meridale CareSignal Alert Server", "CareSignal server"], reader).Contains(reader));

    // ---- rounds 31 and 32 -------------------------------------------------------------------------------------

    [Fact]
    public void German_headers_and_remarks_are_read()
    {
        var result = ImportText("matrix.csv", """
            Nr.;Quelle;Ziel;Protokoll;Port(s);Dienst;Pflicht;Bemerkung
            1;Gateway;TK-Anlage;UDP;5060;SIP;Ja;
            2;Admin-PC;Gateway;TCP;23;Telnet;;deaktiviert - nicht freischalten
            """);

        Assert.Equal(["udp/5060:Gateway>TK-Anlage"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 3);
    }

    [Fact]
    public void Deny_rules_of_a_policy_export_are_not_flows_and_underscored_services_are_ports()
    {
        var result = ImportText("policy.tsv", "Rule name\tSrc address\tDst address\tService\tAction\n"
            + "RTP\tPBX\tPX-820\tudp_10000-20000\tallow\n"
            + "SSH\tNOC\tPX-820\ttcp-22\tdeny\n");

        Assert.Equal(["udp/10000-20000:PBX>PX-820"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 3);
    }

    [Theory]
    [InlineData("Registration and calls to your call-control server over TLS on TCP 5061.", "tcp/5061:Lumetra RoomView>peer")]
    [InlineData("Connects to Lumetra Fleet on TCP 443.", "tcp/443:Lumetra RoomView>peer")]
    [InlineData("Directory synchronisation now uses LDAPS on TCP 636 to the directory server.", "tcp/636:Lumetra RoomView>peer")]
    [InlineData("Syslog messages are sent to the collector on UDP 514.", "udp/514:Lumetra RoomView>peer")]
    public void Sentences_without_the_products_name_that_reach_another_system_are_outbound(string sentence, string expected)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(sentence, 1, null)]), "Lumetra RoomView");

        Assert.Equal(expected, string.Join(",", result.Flows.Select(Flow)));
    }

    [Fact]
    public void The_vendors_word_before_other_names_is_not_the_product_but_a_name_used_alone_is()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
        [
            new TextLine("The endpoint reaches the Lumetra TURN service on UDP 3478.", 1, null),
            new TextLine("Lumetra Cloud manages the endpoint.", 2, null),
        ]), "Lumetra RoomView");

        Assert.Equal(["udp/3478:Lumetra RoomView>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("The PBX sends its RTP back to Callbridge on UDP 20000-29999.", "In")]
    [InlineData("The SBC queries the NTP servers on UDP 123.", "Out")]
    public void A_device_noun_is_the_product_only_when_the_products_name_allows_it(string sentence, string expected)
    {
        var product = new HashSet<string> { "callbridge", "webrtc", "server", "edgeguard", "session", "border", "controller", "sbc" };

        Assert.Equal(expected, Directions.FromSentence(sentence, product).ToString());
    }

    [Fact]
    public void The_sentence_a_line_continues_is_read_from_its_last_sentence_start()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
        [
            new TextLine("It sends SIP to the PBX on UDP 5060. The PBX sends its RTP back to Callbridge on the same", 1, "How does Callbridge reach our PBX?"),
            new TextLine("UDP 20000-29999 range used for browser media.", 2, "How does Callbridge reach our PBX?")
            {
                Lead = "It sends SIP to the PBX on UDP 5060. The PBX sends its RTP back to Callbridge on the same",
            },
        ]), "Callbridge Server");

        Assert.Equal("udp/20000-29999:peer>Callbridge Server", Flow(result.Flows.Single(f => f.Line == 2)));
    }

    [Fact]
    public void A_port_bound_to_localhost_only_is_not_a_flow()
    {
        var result = ImportText("roles.md", """
            | Source | Destination | Protocol | Port | Description |
            |---|---|---|---|---|
            | HIS Web Console | HIS Core | TCP | 8085 | REST API - bound to localhost only, not exposed |
            | PBX | HIS Core | TCP | 1752 | SMDR records |
            """);

        Assert.Equal(["tcp/1752:PBX>HIS Core"], result.Flows.Select(Flow));
    }

    // ---- rounds 33 and 34 -------------------------------------------------------------------------------------

    [Fact]
    public void Iptables_rules_give_flows_by_chain_and_dropped_ports_give_none()
    {
        var result = ImportText("readme.txt", """
            Example rules:

                # SIP signalling
                iptables -A INPUT  -p udp --dport 5060 -j ACCEPT
                iptables -A INPUT  -p udp --dport 30000:40000 -j ACCEPT
                iptables -A OUTPUT -p tcp --dport 3306 -j ACCEPT
                iptables -A INPUT  -p icmp --icmp-type echo-request -j ACCEPT
                iptables -A INPUT  -p tcp --dport 5080 ! -s 127.0.0.1 -j DROP
            """);

        Assert.Equal(["udp/5060:peer>this system", "udp/30000-40000:peer>this system", "tcp/3306:this system>peer", "icmp/any:peer>this system"],
            result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 8);
    }

    [Fact]
    public void A_port_on_the_loopback_address_is_not_a_flow()
    {
        var result = ImportText("conf.txt", "The control socket listens on 127.0.0.1:5080 and the API on 10.0.0.5:8443 (TCP).\n");

        Assert.Equal(["tcp/8443:peer>this system"], result.Flows.Select(Flow));
    }

    [Fact]
    public void In_an_old_to_new_port_table_only_the_new_ports_are_flows()
    {
        var result = ImportText("upgrade.md", """
            | Flow | Old port -> New port | Direction | Notes |
            |------|----------------------|-----------|-------|
            | Registration | TCP 8080 -> TCP 8443 | Inbound from clients | Plain HTTP listener removed |
            | Feedback | TCP 2196 -> removed | — | Reported in the response now |
            | Cluster bus | UDP 45588 -> TCP 7800 | Between gateway nodes | |
            """);

        Assert.Equal(["tcp/8443:peer>this system", "tcp/7800:peer>this system", "tcp/7800:this system>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_description_that_says_both_directions_turns_a_row_between_named_ends_both_ways()
    {
        var result = ImportText("ports.md", """
            | Source | Destination | Protocol | Port | Description |
            |---|---|---|---|---|
            | Primary | Standby | TCP | 7011 | Replication between nodes (both directions) |
            """);

        Assert.Equal(["tcp/7011:Primary>Standby", "tcp/7011:Standby>Primary"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("The SBC and the PBX exchange SIP over TCP 5060.", "Both")]
    [InlineData("Carrier RTP arrives at the SBC on UDP 16384-32767.", "In")]
    [InlineData("Media from the SBC goes to the PBX gateway cards on UDP 20000-20999.", "Out")]
    [InlineData("The SBC forwards voicemail to the Exchange server on TCP 443.", "Out")]
    public void Verbs_of_exchange_and_movement_give_directions(string sentence, string expected) =>
        Assert.Equal(expected, Directions.FromSentence(sentence, new HashSet<string> { "edgelink", "sbc" }).ToString());

    [Fact]
    public void A_port_in_a_later_sentence_of_a_line_takes_that_sentences_direction()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
        [
            new TextLine("which we configured as UDP 40000-44999. The SBC sends media to the processors on UDP 49152-53247.", 2, null)
            {
                Lead = "The media processors send SRTP to the SBC's public media range,",
            },
        ]), "EdgeLink SBC");

        Assert.Equal(["udp/40000-44999:peer>EdgeLink SBC", "udp/49152-53247:EdgeLink SBC>peer"], result.Flows.Select(Flow));
    }

    // ---- rounds 35 and 36 and the pending documents ------------------------------------------------------------

    [Fact]
    public void A_requestor_column_beside_a_source_column_is_not_an_end()
    {
        var result = ImportText("fcr.csv", """
            Requestor,Source IP,Destination IP,Destination Port,Protocol
            J. Okafor,10.20.0.11 (PBX),10.40.0.0/16 (phones),16384-32767,UDP
            """);

        Assert.Equal(["udp/16384-32767:10.20.0.11 (PBX)>10.40.0.0/16 (phones)"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_quick_reference_card_with_arrow_marks_dot_leaders_and_a_cluster_heading_is_read()
    {
        var result = ImportText("card.txt", """
            SBX-3000 PORT QUICK REFERENCE

            SIGNALLING
              5060/udp ................. SIP from the trunk
              -> 5061/tcp .............. SIP to the ITSP proxy
              tcp:80 ................... closed since 7.0 - do not open

            CLUSTER
              tcp:7800 ................. state sync
            """);

        Assert.Equal(["udp/5060:peer>SBX-3000", "tcp/5061:SBX-3000>peer", "tcp/7800:peer>SBX-3000", "tcp/7800:SBX-3000>peer"],
            result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Chapter 7 - Firewall and NAT")]
    [InlineData("KESTREL SYSTEMS - INTEGRATION NOTE IN-0417")]
    public void Network_terms_company_names_and_document_numbers_are_not_products(string title) =>
        Assert.Null(Titles.ProductRepeatedInBody([(title, 1)], new Dictionary<string, int> { ["nat"] = 5, ["kestrel"] = 5, ["in"] = 5, ["0417"] = 5 }));

    [Fact]
    public void Prefixes_old_ports_in_brackets_and_an_application_on_a_bare_number_are_read()
    {
        var result = ImportText("mail.txt", """
            - Management zone: 10.99.0.0/24 (admin jump hosts)
            - Web console: TCP 443 (was 80)
            - SMTP to your mail relay on 587 for the alerts
            - The gateway talks to your SQL Server on 1433
            """);

        Assert.Equal(["tcp/443:peer>this system", "tcp/587:this system>peer", "tcp/1433:this system>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Speech engines expose MRCPv2 on TCP 51000.", "Out")]
    [InlineData("The phones listen on UDP 5060 for NOTIFY.", "Out")]
    [InlineData("lynxsipd accepts SIP from phones on UDP 5060.", "In")]
    public void Another_system_that_listens_is_reached_by_the_product(string sentence, string expected) =>
        Assert.Equal(expected, Directions.FromSentence(sentence, new HashSet<string> { "lynxsip", "voiceportal" }).ToString());

    [Fact]
    public void A_sentence_without_a_direction_does_not_take_another_sentences_verb()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
            [new TextLine("The gateway sends traps to the NMS on UDP 162. SSH administration stays on TCP 22.", 1, null)]), "Zone Gateway");

        Assert.Equal(["udp/162:Zone Gateway>peer", "tcp/22:peer>Zone Gateway"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Between_the_nodes_on_the_next_line_of_a_paragraph_makes_the_port_both_ways()
    {
        var result = ImportText("ha.md", """
            # Orbit CC

            ### High-availability pair

            The active Orbit CC node replicates its state to the standby Orbit CC node. The heartbeat runs on UDP 7900 between
            the nodes. Place both nodes in the same VLAN.
            """);

        Assert.Equal(["udp/7900:peer>Orbit CC", "udp/7900:Orbit CC>peer"], result.Flows.Select(Flow));
    }

    // ---- rounds 37 and 38 -------------------------------------------------------------------------------------

    [Fact]
    public void A_tab_table_with_a_number_column_is_not_taken_for_the_sectioned_seed_layout()
    {
        var result = new DocumentImporter().Import(new SourceDocument("flows.tsv",
            "#\tSource\tDestination\tService\tProtocol\tPort(s)\tBidirectional (Y/N)\n"
            + "\tSIP TRUNK\t\t\t\t\t\n"
            + "1\tCarrier proxy\tEdgeGate SBC\tSIP\tUDP\t5060\tY\n"));

        Assert.Equal("csv", result.Layout);
        Assert.Equal(["udp/5060:Carrier proxy>EdgeGate SBC", "udp/5060:EdgeGate SBC>Carrier proxy"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_port_wrapped_onto_the_next_line_keeps_the_transport_written_before_it()
    {
        var result = ImportText("guide.txt", """
            Intro

            The call server must be able to reach at least one NTP server on UDP port
            123. A clock skew of more than 2 seconds causes certificate errors.

            The peers replicate their database to each other over TCP
            5432 and exchange heartbeats on UDP 7788 in both directions between the nodes.
            """);

        Assert.Equal(["udp/123", "tcp/5432", "tcp/5432", "udp/7788", "udp/7788"], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
        Assert.Equal("this system>peer", string.Join(">", result.Flows[0].From.Concat(result.Flows[0].To)));
    }

    [Fact]
    public void The_items_of_a_list_under_a_lead_in_run_on_over_their_wrapped_lines()
    {
        var result = ImportText("guide.txt", """
            Intro

            The server itself opens the following connections, which must be permitted
            outbound:

              - Directory synchronisation with the customer's LDAP server on TCP port
                389 (LDAP) or 636 (LDAPS), depending on the security mode.
              - Voicemail-to-email delivery through the SMTP relay on TCP 25 or 587.

            Phones reach the server on TCP 5061.
            """);

        Assert.Equal(["tcp/389:this system>peer", "tcp/636:this system>peer", "tcp/25,587:this system>peer", "tcp/5061:peer>this system"],
            result.Flows.Select(Flow));
    }

    [Fact]
    public void Traffic_said_not_to_pass_through_the_product_goes_between_other_systems()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [],
            [new TextLine("Voice does not pass through the CTI Bridge: phones exchange RTP with the PBX on UDP 10000-20000.", 1, null)]),
            "Orvane CTI Bridge");

        Assert.Equal(["udp/10000-20000:peer>other system"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Crash upload: outbound TCP 8443 to diag.example.net (can be disabled with a policy).", "tcp/8443:this system>peer")]
    [InlineData("The proxy listened on TCP 2001. That proxy was removed in 4.0; do not open the port.", "")]
    public void Modal_choices_keep_a_port_and_a_named_thing_that_was_removed_retires_it(string line, string expected)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(line, 1, null)]), null);

        Assert.Equal(expected, string.Join(",", result.Flows.Select(Flow)));
    }

    // ---- matrices ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_role_matrix_of_listen_and_connect_marks_gives_flows_from_connecting_to_listening_systems()
    {
        var result = ImportText("appendix.txt", """
            SafeRoute gateway ports

              Port(s)       Proto  Gateway  Call server  ESNP   Purpose
              ------------  -----  -------  -----------  -----  ------------------
              5060          UDP    L        C            -      SIP from call server
              5061          TCP    C        -            L      SIP/TLS to ESNP trunk
              16000-16999   UDP    L/C      L/C          -      RTP, call server leg
              123           UDP    C        -            -      NTP
            """);

        Assert.Equal(
            ["udp/5060:Call server>Gateway", "tcp/5061:Gateway>ESNP", "udp/16000-16999:Gateway>Call server", "udp/16000-16999:Call server>Gateway", "udp/123:Gateway>peer"],
            result.Flows.Select(Flow));
    }

    [Fact]
    public void A_zone_matrix_gives_flows_from_each_rows_zone_to_each_columns_zone()
    {
        var result = ImportText("zones.md", """
            | Source ↓ / Destination → | Intercom zone | Voice zone | Management zone |
            |---|---|---|---|
            | Intercom zone | – | TCP 5061 (SIP-TLS); UDP 16384-32767 | UDP 123 (NTP) |
            | Voice zone | TCP 5061 | n/a | – |
            | Management zone | TCP 443 (web UI) | – | n/a |
            """);

        Assert.Equal(
            ["tcp/5061:Intercom zone>Voice zone", "udp/16384-32767:Intercom zone>Voice zone", "udp/123:Intercom zone>Management zone",
                "tcp/5061:Voice zone>Intercom zone", "tcp/443:Management zone>Intercom zone"],
            result.Flows.Select(Flow));
    }

    // ---- rounds 39 and 40 -------------------------------------------------------------------------------------

    [Fact]
    public void Components_listen_and_customer_systems_are_reached_by_the_components_that_access_them()
    {
        var result = ImportText("help.tsv", "ContactPoint 8.2 Online Help > Firewall and Port Requirements\n\n"
            + "Component\tListens on\tProtocol\tAccessed by\tPurpose\n"
            + "Routing Engine\t5060\tUDP\tSession border controller (SBC)\tSIP\n"
            + "SQL Server (customer-provided)\t1433\tTCP\tRouting Engine\tDatabase\n"
            + "Directory (LDAP / Active Directory)\t636\tTCP\tRouting Engine\tSign-in\n");

        Assert.Equal(
            ["udp/5060:Session border controller (SBC)>ContactPoint 8.2: Routing Engine", "tcp/1433:ContactPoint 8.2: Routing Engine>SQL Server (customer-provided)",
                "tcp/636:ContactPoint 8.2: Routing Engine>Directory (LDAP / Active Directory)"],
            result.Flows.Select(Flow));
    }

    [Fact]
    public void Check_mark_columns_are_where_a_port_applies_and_the_page_names_what_it_applies_to()
    {
        var result = ImportText("wiki.md", """
            # Ports: Standalone vs Cluster

            > This page applies to **Tessaly SAS 4.x** (Tessaly SIP Application Server).

            ## 1. Ports the SAS listens on

            | Port | Transport | Standalone | Cluster | Used for |
            |------|-----------|:----------:|:-------:|----------|
            | 5061 | TCP | ✔ | ✔ | SIP over TLS |
            | 5080 | TCP | – | ✔ | SIP from the load balancer |

            ## 2. Cluster-only ports
            """);

        // Not "Standalone", the first column's header, nor "2 Cluster-only", a section.
        Assert.Equal("SAS", result.Product);
        Assert.Equal(["tcp/5061:peer>SAS", "tcp/5080:peer>SAS"], result.Flows.Select(Flow));
        Assert.Equal("Tessaly SAS", ImportText("page.md", "# Notes\n\nThis page applies to **Tessaly SAS 4.x**.\n\n- SIP on TCP 5061\n").Product);
    }

    // ---- rounds 41 and 42 -------------------------------------------------------------------------------------

    [Fact]
    public void Written_firewall_rules_give_flows_between_their_own_ends()
    {
        var result = ImportText("change.txt", """
            Implementation plan

               Rule 1:  allow SIP-TLS from TELCORA-SIG to SBC-EXT-VIP tcp/5061
               Rule 2:  allow SRTP from SBC-EXT-VIP to TELCORA-MEDIA udp/16384-32767
               Rule 3:  allow HA-sync from EDGEGUARD-A to EDGEGUARD-B and from EDGEGUARD-B to EDGEGUARD-A udp/9480
               Rule 4:  deny SSH from any to SBC-EXT-VIP tcp/22
            """);

        Assert.Equal(["tcp/5061:TELCORA-SIG>SBC-EXT-VIP", "udp/16384-32767:SBC-EXT-VIP>TELCORA-MEDIA", "udp/9480:EDGEGUARD-A>EDGEGUARD-B", "udp/9480:EDGEGUARD-B>EDGEGUARD-A"],
            result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 6);
    }

    [Fact]
    public void A_server_role_column_names_parts_of_the_product_with_inbound_and_outbound_port_columns()
    {
        var result = ImportText("roles.csv", """
            Orrin UC Suite 5.3 - Server role port matrix,,,
            Server role,Inbound ports,Outbound ports,Notes
            Front End,"TCP 443, 5061","TCP 1433",Clients register here
            """);

        Assert.Equal(["tcp/443,5061:peer>Orrin UC Suite 5.3: Front End", "tcp/1433:Orrin UC Suite 5.3: Front End>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("iPhone push: TCP 5223 and 443 to *.push.apple.com", "Out")]
    [InlineData("Online activation contacts licensing.corvane.example over HTTPS (TCP 443)", "Out")]
    [InlineData("NTP client: 123/udp", "Out")]
    [InlineData("SIP server: 5060/udp", "In")]
    public void Host_names_after_to_and_client_labels_give_directions(string text, string expected) =>
        Assert.Equal(expected, Directions.FromSentence(text, new HashSet<string> { "tinkwell" }).ToString());

    [Theory]
    [InlineData("UDP 2427 - MGCP gateway control. Removed in 8.0; do not open.")]
    [InlineData("TS-Link used TCP 4720. Close that port once all probes run 5.0.")]
    [InlineData("23/tcp (removed in firmware 7.0 and later)")]
    [InlineData("TCP 8080 - plain HTTP portal, which can be closed.")]
    [InlineData("The app does not use UDP 5060.")]
    public void Sentences_after_a_port_that_retire_it_leave_no_flow(string text)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), "Probe");

        Assert.DoesNotContain(result.Flows, f => f.Ports.ToString() is "2427" or "4720" or "23" or "8080" or "5060");
    }

    // ---- rounds 43 and 44 -------------------------------------------------------------------------------------

    [Fact]
    public void A_status_column_that_says_disabled_closes_the_row()
    {
        var result = ImportText("export.txt", """
            TX-840 SERVICE PORTS

            ID  SERVICE          PROTO  PORT(S)        DIR    STATUS    REMARKS
            --- ---------------- ------ -------------- ------ --------- ---------------
            01  SIP UA           UDP    5060           IN     ENABLED   EXTENSIONS
            08  TELNET           TCP    23             IN     DISABLED  NOT RECOMMENDED
            """);

        Assert.Equal(["udp/5060:peer>TX-840"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 6);
    }

    [Theory]
    [InlineData("Each STB loads the TV portal from GuestLink over HTTP on TCP 8080, and fetches its firmware over HTTPS on TCP 8443.", "In")]
    [InlineData("For remote support, the server opens an SSH tunnel to support.example on TCP 22; nothing needs to be opened inbound.", "Out")]
    [InlineData("NTP (client): 123/udp", "Out")]
    public void Prepositional_names_denied_directions_and_bracketed_client_labels(string text, string expected) =>
        Assert.Equal(expected, Directions.FromSentence(text, new HashSet<string> { "guestlink", "vg2400" }).ToString());

    // ---- rounds 45 and 46 -------------------------------------------------------------------------------------

    [Fact]
    public void A_service_column_of_transport_and_port_is_the_port_column_not_the_rule_id()
    {
        var result = ImportText("policy.csv", """
            id,name,source,destination,service,action
            101,ITSP-to-SBC,ITSP-Carrier (203.0.113.0/28),veltra-sbc-ext,udp/5060,allow
            102,SBC-to-ITSP,veltra-sbc-ext,ITSP-Carrier (203.0.113.0/28),"udp/5060,tcp/5061",allow
            """);

        Assert.Equal(["udp/5060:ITSP-Carrier (203.0.113.0/28)>veltra-sbc-ext", "udp/5060:veltra-sbc-ext>ITSP-Carrier (203.0.113.0/28)",
            "tcp/5061:veltra-sbc-ext>ITSP-Carrier (203.0.113.0/28)"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_server_role_beside_a_client_role_is_the_listening_side()
    {
        var result = ImportText("ums.tsv", "Service\tTransport\tPort\tServer role\tClient role\n"
            + "SIP trunk\tTCP\t5061\tUMS\tPBX\n"
            + "MWI\tUDP\t5060\tPBX\tUMS\n");

        Assert.Equal(["tcp/5061:PBX>UMS", "udp/5060:UMS>PBX"], result.Flows.Select(Flow));
    }

    // ---- rounds 47 and 48 -------------------------------------------------------------------------------------

    [Fact]
    public void An_arrow_whose_names_fall_into_two_columns_still_gives_the_direction()
    {
        var result = ImportText("worksheet.txt", """
            LARKFIELD COMMSERVER CS-8 - FIREWALL WORKSHEET

              R1  Phones VLAN          -> CommServer       : UDP 5060  (SIP)                     [ ] done
              R3  CommServer           -> Phones VLAN      : UDP 16000-16999 (RTP)               [ ] done
              R5  ITSP media IPs      <-> CommServer       : UDP 17000-17999 (RTP)               [ ] done
            """);

        Assert.Equal(["in", "out", "in", "out"], result.Flows.Select(f => f.To.Any(t => t.Contains("COMMSERVER", StringComparison.Ordinal)) ? "in" : "out"));
    }

    [Fact]
    public void An_interface_of_the_product_in_a_from_column_leaves_the_other_end_a_peer()
    {
        var result = ImportText("sbc.csv", """
            Quillon Edge SBC 3000 - port list,,,
            Outbound from Edge SBC 3000,,,
            Port,Protocol,From,Description
            5060,UDP,SBC WAN interface,SIP to carrier
            """);

        Assert.Equal(["udp/5060:SBC WAN interface>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("+----------+     CTI, TCP 7210     +-----------+", "tcp/7210")]
    [InlineData("Insight 8.x used TCP 8080 for the scheduling API.", "")]
    [InlineData("Opening TCP 23 (Telnet). Telnet was removed in firmware 3.0.", "")]
    public void Box_corners_old_versions_and_a_service_said_removed(string text, string expected)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), "Insight");

        Assert.Equal(expected, string.Join(",", result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}")));
    }

    [Fact]
    public void Ports_under_a_common_mistakes_heading_are_not_flows()
    {
        var result = ImportText("kb.md", """
            # DS-21 firewall ports

            - SIP to the PBX on UDP 5060

            ## Common mistakes

            - Forwarding TCP 80 from the Internet to the door station.
            """);

        Assert.Equal(["udp/5060"], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
    }

    // ---- rounds 49 and 50 -------------------------------------------------------------------------------------

    [Fact]
    public void An_end_column_with_an_arrow_gives_both_ends()
    {
        var result = ImportText("prereqs.md", """
            | Purpose | Protocol | Port(s) | Opened by |
            |---|---|---|---|
            | CDR stream | TCP | 9100-9119 | PBX → CallLedger Server |
            """);

        Assert.Equal(["tcp/9100-9119:PBX>CallLedger Server"], result.Flows.Select(Flow));
    }

    [Fact]
    public void The_initials_of_part_of_the_products_name_name_it_too()
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [],
            [new TextLine("TCP 443 to the Skyloft cloud.", 3, "Q: What must the ESN be able to reach in the Skyloft cloud?")]),
            "Skyloft Voice Edge Survivability Node");

        Assert.Equal(["tcp/443:Skyloft Voice Edge Survivability Node>peer"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("FAQ: Which ports does the Skyloft Edge Node need?", "Skyloft Edge Node")]
    [InlineData("Q: Do I need to open ports for the phones?", null)]
    public void Question_titles_give_no_name_from_their_first_words(string title, string? expected) =>
        Assert.Equal(expected, Titles.ProductFromTitle(title));

    // ---- rounds 51 and 52 -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("- TCP 5432 : PostgreSQL - local only, do NOT open on the firewall")]
    [InlineData("Note: TCP 80 was used by the legacy web inbox up to 6.x and is no longer served")]
    [InlineData("~ change  media both directions: UDP 10000-20000 becomes UDP 16000-17999")]
    public void Words_further_on_in_the_clause_retire_the_port(string text)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), "VoiceVault");

        Assert.DoesNotContain(result.Flows, f => f.Ports.ToString() is "5432" or "80" or "10000-20000");
    }

    [Fact]
    public void A_bare_arrow_in_a_direction_column_and_an_abbreviation_the_document_defines()
    {
        var table = ImportText("matrix.tsv", "Component\tDirection\tPeer\tProtocol\tPort(s)\n"
            + "QCH App\t\u2194\tSBC\tUDP\t5060\n"
            + "QCH App\t\u2192\tSQL Server\tTCP\t1433\n");
        Assert.Equal(["udp/5060:peer>this system", "udp/5060:this system>peer", "tcp/1433:this system>peer"],
            table.Flows.Select(f => Flow(f).Replace("SBC", "peer", StringComparison.Ordinal).Replace("SQL Server", "peer", StringComparison.Ordinal).Replace("QCH App", "this system", StringComparison.Ordinal)));

        var prose = ImportText("edge.md", """
            # Corvane CloudVoice Media Edge - architecture

            The Corvane CloudVoice Media Edge (CME) sits at the customer site.

            - Phones to the provisioning service: TCP 443, direct; this traffic does not pass through the CME.
            """);
        Assert.Equal(["tcp/443:peer>other system"], prose.Flows.Select(Flow));
    }

    // ---- rounds 53 and 54 -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[389/TCP] LDAP. The PBX connects to your directory to look up names.", "tcp/389:this system>peer")]
    [InlineData("recorder -> CV-DB01: MSSQL tcp 1433", "tcp/1433:this system>peer")]
    [InlineData("sip-legacy.example.net - UDP 5060 - decommissioned 30 June 2024, do not use", "")]
    public void Labels_before_their_sentence_a_lone_device_noun_and_a_port_decommissioned_right_after_it(string text, string expected)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), null);

        Assert.Equal(expected, string.Join(",", result.Flows.Select(Flow)));
    }
}
