using PortMatrix.Import;
using PortMatrix.Import.Generic;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Rules from the blind documents of rounds 55 to 58: what a document says once for all its ports (a default
/// transport, a footnote that retires a row, a release's port column), names written as README titles or inside
/// mail subjects, dot-leader lists, rows that continue the row above, and clauses that make one flow each.
/// </summary>
public sealed class DocumentContextRuleTests
{
    private static string Flow(ImportedFlow f) => GenericImportText.Flow(f);

    private static ImportResult ImportText(string name, string text) => GenericImportText.ImportText(name, text);

    private static string Line(string text, string? product = null) =>
        string.Join(",", TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine(text, 1, null)]), product).Flows.Select(Flow));

    [Fact]
    public void A_readme_title_names_the_product_and_its_sentence_sets_the_transport_of_bare_ports()
    {
        var result = ImportText("README.txt", """
            LinkPoint CTI Server LP-900 -- README / INSTALL
            ===============================================

            LinkPoint is CTI middleware: it sits between your PBX's CSTA interface and
            the agent desktops. LinkPoint republishes call events.

            Everything is TCP unless it says otherwise.

            It connects out to:
               SMTP relay for alarm e-mails ........... 25
               Licence server lic.quillfern.example ... 443
               NTP ..................................... udp/123
            """);

        Assert.Equal("LinkPoint CTI", result.Product);
        Assert.Equal(["tcp/25:LinkPoint CTI>peer", "tcp/443:LinkPoint CTI>peer", "udp/123:LinkPoint CTI>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_one_word_readme_title_in_lower_case_names_the_product()
    {
        var result = ImportText("README.md", """
            # relaymoss

            **relaymoss** is a small SIP proxy. relaymoss keeps its state in Redis.

            Connections relaymoss opens itself:

            - `6379/tcp` to Redis, when the backend is redis
            """);

        Assert.Equal("relaymoss", result.Product);
        Assert.Equal(["tcp/6379:relaymoss>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_dot_leader_points_at_a_port_but_not_in_a_table_of_contents()
    {
        static string Read(string text) => string.Join(",", TableInterpreter.Interpret(
            new ExtractedDocument("t.txt", "text", [], [new TextLine("Everything is TCP unless noted.", 1, null), new TextLine(text, 2, null)]), "Relay").Flows.Select(Flow));

        Assert.Equal("tcp/4100:peer>Relay", Read("Licence server lic.quillfern.example ... 4100"));
        Assert.Equal("", Read("3.2 Licence server configuration ............ 25"));
    }

    [Fact]
    public void A_mail_subject_ends_the_product_name_at_the_first_lower_case_word_after_its_brackets()
    {
        var result = ImportText("mail.txt", """
            From: Support <support@example.net>
            Subject: RE: [Case #OST-118342] Firewall rules for new Gatekeep SBC (GK-2400) before SIP trunk cut-over

            INSIDE interface towards your IP-PBX:
              The SBC initiates SIP to the PBX on UDP 5060. The PBX in turn sends SIP to the
              SBC on UDP 5060 (inside). Please allow both.
            """);

        Assert.DoesNotContain("SIP", result.Product, StringComparison.Ordinal);
        Assert.Equal(["udp/5060:Gatekeep SBC GK-2400>peer", "udp/5060:peer>Gatekeep SBC GK-2400"], result.Flows.Select(Flow));
    }

    [Fact]
    public void Only_the_newest_release_column_of_a_release_note_gives_ports()
    {
        var result = ImportText("notes.html", """
            <html><head><title>Ondrel Presence Server 9.0 - Release Notes</title></head><body>
            <table>
            <tr><th>Function</th><th>8.x port</th><th>9.0 port</th><th>Protocol</th><th>Direction</th></tr>
            <tr><td>Administration console</td><td>8443</td><td>9443</td><td>TCP</td><td>Inbound</td></tr>
            <tr><td>CSTA link to the PBX</td><td>1040</td><td>1041</td><td>TCP</td><td>Outbound</td></tr>
            </table></body></html>
            """);

        Assert.Equal(["9443", "1041"], result.Flows.Select(f => f.Ports.ToString()));
    }

    [Fact]
    public void A_row_with_empty_ends_continues_the_row_above()
    {
        var result = ImportText("ports.csv", "From,To,Protocol,Port,Service\n"
            + "Admin workstations,MGX gateway,TCP,443,Web management\n"
            + "MGX gateway,Syslog collector,UDP,514,Syslog\n"
            + ",,TCP,6514,Syslog over TLS\n");

        Assert.Equal(["tcp/443:Admin workstations>MGX gateway", "udp/514:MGX gateway>Syslog collector", "tcp/6514:MGX gateway>Syslog collector"],
            result.Flows.Select(Flow));
    }

    [Fact]
    public void A_footnote_that_retires_a_row_keeps_it_out()
    {
        var result = ImportText("appendix.md", """
            # Ellerby BSM ports

            | Service | Port | Proto | Dir | Note |
            |---|---|---|---|---|
            | Base station control | 10310 | TCP | In | |
            | Telnet console | 23 | TCP | -- | (5) |

            (4) Redundant installations only.
            (5) Removed in release 5.0. Do not open this port.
            """);

        Assert.Equal(["10310"], result.Flows.Select(f => f.Ports.ToString()));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired && w.Line == 6);
    }

    [Theory]
    [InlineData("High availability: two AlertPoints in an HA pair talk to each other on UDP 5405", "udp/5405:peer>AlertPoint,udp/5405:AlertPoint>peer")]
    [InlineData("TCP 443 - clients now connect to AlertPoint over WSS on 443.", "tcp/443:peer>AlertPoint")]
    [InlineData("SNMP polling (UDP 161), sync to the domain controllers (TCP 636, outbound) and mail to the relay (TCP 25, outbound) as before.",
        "udp/161:peer>AlertPoint,tcp/636:AlertPoint>peer,tcp/25:AlertPoint>peer")]
    [InlineData("Text messages go out through the SMS provider's REST API over HTTPS on TCP 443.", "tcp/443:AlertPoint>peer")]
    [InlineData("The app connects to the reverse proxy in the DMZ on TCP 443; the reverse proxy then forwards the request to AlertPoint on TCP 8443.",
        "tcp/443:peer>other system,tcp/8443:peer>AlertPoint")]
    public void Each_clause_its_own_flow(string text, string expected)
    {
        Assert.Equal(expected, Line(text, "AlertPoint"));
    }

    [Theory]
    [InlineData("TCP 1503 (T.120 data sharing) was used by MeetBridge 5.x and 6.x only.")]
    [InlineData("Not needed any more: the old TSAPI bridge port 450 went away in 4.0.")]
    public void Ports_of_earlier_releases_are_not_flows(string text)
    {
        var result = TableInterpreter.Interpret(new ExtractedDocument("t.txt", "text", [], [new TextLine("Everything is TCP unless noted.", 1, null), new TextLine(text, 2, null)]), "MeetBridge");

        Assert.Empty(result.Flows);
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Retired);
    }

    // ---- pending documents of earlier rounds -----------------------------------------------------------------

    [Theory]
    [InlineData("No. Versions before 4.0 served the widget over plain HTTP on TCP 8080. That")]
    [InlineData("Port 80/TCP was used for the HTTP-to-HTTPS redirect in releases before")]
    [InlineData("Note 2: Do not inspect or proxy SIP/TLS on 5061; TLS interception breaks certificate pinning.")]
    [InlineData("- Do NOT open TCP 22 or TCP 80 to the Internet. SSH is for on-site support only.")]
    [InlineData("Note: ports 22 (SSH) and 80 (HTTP) are closed by default and should stay closed.")]
    [InlineData("Note: the diagnostic Telnet console (TCP 23) present in firmware 1.x was removed in firmware 2.0.")]
    [InlineData("JMX (9010/tcp) is off by default. Do not expose it outside the host.")]
    public void Ports_a_note_sets_aside_are_not_flows(string text)
    {
        Assert.Equal("", Line(text, "Callbridge Server"));
    }

    [Theory]
    [InlineData("VoicePortal 7.3 is certified with speech engines that expose MRCPv2 on TCP 51000;", "tcp/51000:VoicePortal>peer")]
    [InlineData("UDP 123 to an NTP server (the VoicePortal uses pool.ntp.org unless you set one).", "udp/123:VoicePortal>peer")]
    [InlineData("When support opens a case, the VoicePortal builds a reverse tunnel to support.example.cloud on TCP 8883. Local SSH is available on TCP 22.",
        "tcp/8883:VoicePortal>peer,tcp/22:peer>VoicePortal")]
    [InlineData("Administrator logins are authenticated against RADIUS on UDP 1812.", "udp/1812:VoicePortal>peer")]
    [InlineData("The VoicePortal offers a TURN relay, which listens on UDP 3478.", "udp/3478:peer>VoicePortal")]
    public void Who_opens_the_connection_in_relative_clauses_and_asides(string text, string expected)
    {
        Assert.Equal(expected, Line(text, "VoicePortal"));
    }

    [Fact]
    public void The_old_port_in_brackets_of_a_port_cell_is_not_a_flow()
    {
        var result = ImportText("notes.csv", "Service,Port,Protocol,Direction\nWeb admin,443 (was 80),TCP,Inbound\n");

        Assert.Equal(["tcp/443:peer>this system"], result.Flows.Select(Flow));
    }
}
