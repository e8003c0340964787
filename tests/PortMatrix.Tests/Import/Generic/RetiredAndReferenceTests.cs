using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Rules learned from the blind rounds written by others (rounds 21 to 24), each on wording of its own:
/// rows and sentences that retire a port, footnote marks and ticket numbers that are not ports, side
/// columns named by a participle ("Initiating side"), yes/no "Bidirectional" columns, identifier columns,
/// heading verbs, numbered outline headings, root prompts and direction columns whose header says the way.
/// </summary>
public sealed class RetiredAndReferenceTests
{
    private static TextTable Table(string? section, params string[][] rows) =>
        new(rows.Select((r, i) => new TableRow(r.Select((c, k) => new TableCell(c, i + 1, k + 1)).ToList(), i + 1)).ToList(), section, "test");

    private static ImportResult Interpret(TextTable table, string? product = "Wren Gateway") =>
        TableInterpreter.Interpret(new ExtractedDocument("test.md", "markdown", [table], []), product);

    private static ImportResult Lines(params string[] lines) =>
        TableInterpreter.Interpret(new ExtractedDocument("test.txt", "text", [], lines.Select((l, i) => new TextLine(l, i + 1, null)).ToList()), "Wren Gateway");

    private static string Flow(ImportedFlow f) => GenericImportText.Flow(f);

    private static ImportResult ImportText(string name, string text) => GenericImportText.ImportText(name, text);

    // ---- retired rows and ports ------------------------------------------------------------------------

    [Theory]
    [InlineData("Removed in 9.1; do not open")]
    [InlineData("DECOMMISSIONED 2024-03 - rule removed")]
    [InlineData("rejected")]
    [InlineData("Keep disabled and blocked at the firewall.")]
    [InlineData("Loopback only - no firewall rule required")]
    [InlineData("No longer needed since 9.0; close on upgrade")]
    public void A_row_that_says_its_port_is_retired_gives_no_flow_but_a_warning(string remark)
    {
        var result = Interpret(Table(null,
            ["Service", "Protocol", "Port", "Remarks"],
            ["SIP", "UDP", "5060", "Trunk signalling"],
            ["Old web UI", "TCP", "8080", remark]));

        Assert.Equal(["udp/5060:peer>Wren Gateway"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 3);
    }

    [Theory]
    [InlineData("Disabled until enabled by support")]
    [InlineData("TCP used if UDP is blocked")]
    [InlineData("May be local; then not required")]
    public void A_remark_about_a_condition_keeps_the_row(string remark)
    {
        var result = Interpret(Table(null, ["Service", "Protocol", "Port", "Remarks"], ["SSH", "TCP", "22", remark]));

        Assert.Equal(["tcp/22:peer>Wren Gateway"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Rows_under_a_retired_section_give_no_flow()
    {
        var result = Interpret(Table(null,
            ["Service", "Protocol", "Port"],
            ["SIP", "UDP", "5060"],
            ["RETIRED", "", ""],
            ["RDP", "TCP", "3389"]));

        Assert.Equal(["udp/5060:peer>Wren Gateway"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Telnet (TCP 23) was removed in firmware 7.0 and must not be opened.")]
    [InlineData("Telnet (TCP 23) and plain HTTP (TCP 80) are disabled in software 6.x.")]
    [InlineData("SSH (tcp/22) is disabled on the WGX-1000 from 5.0.")]
    [InlineData("Removed tcp/9000 (legacy policy server).")]
    [InlineData("The gateway no longer listens on TCP 5280.")]
    [InlineData("Uploads now use HTTPS, replacing the FTP upload on TCP 21.")]
    public void A_sentence_that_retires_a_port_gives_no_flow(string sentence)
    {
        var result = Lines(sentence);

        Assert.DoesNotContain(result.Flows, f => f.Ports.ToString() is "23" or "80" or "22" or "9000" or "5280" or "21");
    }

    [Theory]
    [InlineData("Signalling over TLS (TCP 5061) is disabled by default; enable it under VoIP > SIP.", "tcp/5061")]
    [InlineData("The manager answers SNMP queries on UDP 161.", "udp/161")]
    [InlineData("(previously TCP 5062) The bridge now listens on TCP 5061.", "tcp/5061")]
    public void A_port_disabled_only_by_default_or_brought_in_is_still_a_flow(string sentence, string port)
    {
        var result = Lines(sentence);

        Assert.Equal([port], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
    }

    // ---- numbers that are not ports ------------------------------------------------------------------

    [Theory]
    [InlineData("tcp/443  (1)", "tcp/443")]
    [InlineData("Note 1: DNS to your resolvers (UDP 53) is assumed to be allowed.", "udp/53")]
    [InlineData("Fixed in MCB-5604: the bridge now accepts TCP 5061.", "tcp/5061")]
    public void Footnote_marks_note_numbers_and_ticket_numbers_are_not_ports(string line, string port)
    {
        var result = Lines(line);

        Assert.Equal([port], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
    }

    // ---- columns ----------------------------------------------------------------------------------------

    [Fact]
    public void Listening_and_initiating_side_columns_name_the_ends()
    {
        var result = Interpret(Table(null,
            ["Port / Proto", "Listening side", "Initiating side", "Used for"],
            ["5061/tcp", "Wren Gateway", "SBC", "SIPREC over TLS"],
            ["2748/tcp", "CTI server", "Wren Gateway", "CTI events"]));

        Assert.Equal(["tcp/5061:SBC>Wren Gateway", "tcp/2748:Wren Gateway>CTI server"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_bidirectional_yes_no_column_adds_the_return_flow_and_a_flow_id_column_is_no_direction()
    {
        var result = Interpret(Table(null,
            ["Flow ID", "Source", "Destination", "Service", "Bidirectional"],
            ["F01", "Agents", "Wren Gateway", "TCP/443", "N"],
            ["F02", "Agents", "Wren Gateway", "UDP/20000-29999", "Y"]));

        Assert.Equal(
            ["tcp/443:Agents>Wren Gateway", "udp/20000-29999:Agents>Wren Gateway", "udp/20000-29999:Wren Gateway>Agents"],
            result.Flows.Select(Flow));
    }

    [Fact]
    public void Under_a_direction_header_the_cells_name_the_peer()
    {
        var result = Interpret(Table(null,
            ["Outbound from the gateway", "Port", "Purpose"],
            ["to the call server", "UDP 5060", "SIP"],
            ["to the NTP server", "UDP 123", "Clock"]));

        Assert.Equal(["udp/5060:Wren Gateway>call server", "udp/123:Wren Gateway>NTP server"], result.Flows.Select(Flow));
    }

    // ---- headings --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Connections initiated by the gateway", "udp/514:Wren Gateway>peer")]
    [InlineData("Services listening on the gateway", "udp/514:peer>Wren Gateway")]
    public void A_heading_verb_gives_the_table_its_direction(string heading, string flow)
    {
        var result = Interpret(Table(heading, ["Port", "Remote system"], ["UDP 514", ""]));

        Assert.Equal([flow], result.Flows.Select(Flow));
    }

    [Fact]
    public void Numbered_outline_headings_over_indented_items_give_their_direction()
    {
        var result = ImportText("kb.txt", """
            Wren Gateway firewall ports

            1. Traffic to the gateway (inbound)
               - SIP from the PBX: UDP 5060
            2. Traffic from the gateway (outbound)
               - Syslog to the collector: UDP 514
            """);

        Assert.Equal(["udp/5060:peer>Wren Gateway", "udp/514:Wren Gateway>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Root_prompts_in_a_text_file_are_commands_not_headings()
    {
        var result = ImportText("guide.txt", """
            Wren Gateway installation

            Step 1. Allow SIP:

              # firewall-cmd --permanent --add-port=5060/udp
              # firewall-cmd --permanent --add-port=5061/tcp

            Step 2. Reload:

              # firewall-cmd --reload
            """);

        Assert.Equal(["udp/5060", "tcp/5061"], result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}"));
        Assert.NotEqual("markdown", result.Layout);
    }

    // ---- sentences over several lines ---------------------------------------------------------------

    [Fact]
    public void A_sentence_begun_on_the_line_above_gives_the_direction_and_the_nearest_verb_governs()
    {
        var result = ImportText("kb.md", """
            # Wren Gateway ports

            The DM-600 registers every handset with the call server. The gateway sends
            SIP signalling to the call server on UDP 5060 by default.

            The gateway answers SNMP queries on UDP 161 and sends traps to the management
            station on UDP 162.
            """);

        Assert.Equal(
            ["udp/5060:Wren Gateway>peer", "udp/161:peer>Wren Gateway", "udp/162:Wren Gateway>peer"],
            result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Media to and from the gateway uses UDP 40000-49999.", "udp/40000-49999:peer>Wren Gateway udp/40000-49999:Wren Gateway>peer")]
    [InlineData("Registration from the gateway to the gatekeeper: UDP 1719", "udp/1719:Wren Gateway>peer")]
    [InlineData("Outbound e-mail alerts go to the SMTP relay, which takes port 587.", "tcp/587:Wren Gateway>peer")]
    public void Sentence_rules_of_round_24(string line, string flows)
    {
        Assert.Equal(flows, string.Join(" ", Lines(line).Flows.Select(Flow)));
    }

    [Fact]
    public void A_destination_of_other_instances_of_the_product_is_a_peer()
    {
        var result = Interpret(Table(null,
            ["Feature", "Destination", "Port(s)", "Transport", "Direction"],
            ["Peer media", "Other Wren Gateway units", "16384-16483", "UDP", "Bidirectional"]));

        Assert.Equal(
            ["udp/16384-16483:Wren Gateway>Other Wren Gateway units", "udp/16384-16483:Other Wren Gateway units>Wren Gateway"],
            result.Flows.Select(Flow));
    }
}
