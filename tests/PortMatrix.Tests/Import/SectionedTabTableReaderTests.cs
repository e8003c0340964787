using System.Diagnostics;
using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import;

public sealed class SectionedTabTableReaderTests
{
    private const string Seed = "003_c225dded3e857ec3.txt";

    private const string Header =
        "No.\tDefault Destination Port (Configurable Range)\tNetwork / Application Protocol\tOptionally Enabled / Disabled?\tDefault Port State\tExternal Device\tDescription\tNotes";

    private const string ChangeHeader =
        "No.\tDefault Destination Port (Interface)\tNetwork / Application Protocol\tOptionally Enabled / Disabled?\tDefault Port State\tExternal Device\tDescription\tNotes";

    private static readonly string[] PageBreak =
    [
        "",
        "Avaya – Proprietary",
        "Use pursuant to the terms of the licence.",
        "",
        Header,
    ];

    private readonly SectionedTabTableReader _reader = new();

    // ---- directions, roles, firewall ----

    [Fact]
    public void Reads_an_ingress_row_as_a_flow_from_the_device_to_the_component()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", "1\t22\tTCP/SSH\tNo\tOpen\tAdmin terminal or SAL Gateway\tRemote maintenance connection\t");

        // When
        var flow = Assert.Single(Read(doc).Flows);

        // Then
        Assert.Equal(Transport.Tcp, flow.Transport);
        Assert.Equal("22", flow.Ports.ToString());
        Assert.Equal(["Admin terminal or SAL Gateway"], flow.From);
        Assert.Equal(["IP Office"], flow.To);
        Assert.Equal("IP Office", flow.Component);
        Assert.Equal("INGRESS CONNECTIONS", flow.Section);
        Assert.Equal("ssh", flow.Application);
        Assert.Equal(FirewallRelevance.Required, flow.Firewall);
        Assert.Equal("open", flow.DefaultState);
        Assert.Equal(5, flow.Line);
        Assert.Equal("22", flow.Cell);
    }

    [Fact]
    public void Reads_egress_rows_from_the_component_and_intra_device_rows_from_and_to_it()
    {
        // Given
        var doc = Table("Voicemail Pro", "EGRESS CONNECTIONS", "1\t25\tTCP\tYes\tN/A\tSMTP\tVoicemail email integration\t",
            "INTRA-DEVICE CONNECTIONS\t\t\t\t\t\t\t", "1\t25\tTCP\tYes\tOpen\tSMTP\tUpdates between servers\t");

        // When
        var flows = Read(doc).Flows;

        // Then
        Assert.Equal(2, flows.Count);
        Assert.Equal(["Voicemail Pro"], flows[0].From);
        Assert.Equal(["SMTP"], flows[0].To);
        Assert.Null(flows[0].DefaultState);
        Assert.Equal(FirewallRelevance.Required, flows[0].Firewall);
        Assert.Equal(["Voicemail Pro"], flows[1].From);
        Assert.Equal(["Voicemail Pro"], flows[1].To);
        Assert.Equal(FirewallRelevance.NotNeeded, flows[1].Firewall);
    }

    [Fact]
    public void Keeps_a_long_device_cell_as_one_name_and_reads_NA_as_no_name()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            "5\t80 (Configurable 1-100)\tTCP/HTTP\tYes\tOpen\tFile transfer Manager and phones Web client DECT R4 Provisioning SoftConsole WebSocket SCN VMPro\tGeneral purpose HTTP\t",
            "15\t4097\tTCP\tNo\tFiltered\tN/A\tDebug (disabled)\t");

        // When
        var flows = Read(doc).Flows;

        // Then
        Assert.Equal(["File transfer Manager and phones Web client DECT R4 Provisioning SoftConsole WebSocket SCN VMPro"], flows[0].From);
        Assert.Empty(flows[1].From);
        Assert.Equal("filtered", flows[1].DefaultState);
    }

    [Fact]
    public void Reads_no_firewall_configuration_needed_as_not_needed()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            "18\t5480\tTCP/HTTPS\tYes\tOpen\tVAMI client\tApplies only to virtual servers. No firewall configuration needed.\tAuthenticated");

        // When
        var flow = Assert.Single(Read(doc).Flows);

        // Then
        Assert.Equal(FirewallRelevance.NotNeeded, flow.Firewall);
    }

    // ---- port cells ----

    [Theory]
    [InlineData("22", "22", false, null)]
    [InlineData("80 (Configurable 1-100)", "80", true, "configurable 1-100")]
    [InlineData("161 (Configurable 161, 1024- 65535)", "161", true, "configurable 161, 1024-65535")]
    [InlineData("5060-5061 (Configurable 1024-64510)", "5060-5061", true, "configurable 1024-64510")]
    [InlineData("50804 (Configurable 49152- 65280)", "50804", true, "configurable 49152-65280")]
    [InlineData("40750-50750 (Configurable min start 1024, min end 2048)", "40750-50750", true, "configurable min start 1024, min end 2048")]
    [InlineData("56000-58000 (Configurable)", "56000-58000", true, null)]
    [InlineData("42004(Configurable)", "42004", true, null)]
    [InlineData("5488/5489", "5488-5489", false, null)]
    [InlineData("80/8000", "80,8000", false, null)]
    [InlineData("46750 – 50750", "46750-50750", false, null)]
    public void Reads_port_cells_with_their_configurable_range(string cell, string ports, bool configurable, string? note)
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", $"1\t{cell}\tTCP\tYes\tOpen\tClient\t\t");

        // When
        var flow = Assert.Single(Read(doc).Flows);

        // Then
        Assert.Equal(ports, flow.Ports.ToString());
        Assert.Equal(configurable, flow.Configurable);
        Assert.Equal(note, flow.Note);
        Assert.Equal(cell, flow.Cell);
    }

    [Fact]
    public void Warns_about_a_port_cell_it_cannot_read()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", "1\tsee below\tTCP\tYes\tOpen\tClient\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.Unreadable, warning.Code);
        Assert.Equal(5, warning.Line);
    }

    // ---- protocol cells ----

    [Theory]
    [InlineData("TCP/SSH", "tcp", "ssh")]
    [InlineData("UDP/BOOTP Server", "udp", "bootp")]
    [InlineData("TCP /H.323 signaling", "tcp", "h323")]
    [InlineData("TCP", "tcp", null)]
    [InlineData("TCP/Proprietary", "tcp", null)]
    [InlineData("TCP/XMP RPC", "tcp", "xmp-rpc")]
    [InlineData("TCP/Tomcat shutdown", "tcp", "tomcat")]
    [InlineData("TCP/HTTPS", "tcp+tls", "https")]
    [InlineData("UPD/Proprietary", "udp", null)]
    [InlineData("UPD/Voicemail", "udp", "voicemail")]
    [InlineData("UPD+TCP/SysMonitor", "udp,tcp", "sysmonitor")]
    [InlineData("UDP-TCP/Voicemail", "udp,tcp", "voicemail")]
    [InlineData("UDP+TCP/Syslog", "udp,tcp", "syslog")]
    [InlineData("UDP+TCP+TLS/SIP", "udp,tcp", "sip")]
    [InlineData("TCP/TLS", "tcp+tls", null)]
    [InlineData("TLS/Syslog", "tcp+tls", "syslog")]
    [InlineData("SSL/Voicemail", "tcp+tls", "voicemail")]
    [InlineData("IMAP4 – SSL", "tcp+tls", "imap4")]
    [InlineData("UDP/RTP-RTCP UDP/SRTP-SRTCP", "udp", "rtp")]
    [InlineData("UDP/SRTP", "udp+tls", "srtp")]
    public void Reads_protocol_cells_into_transports_and_application(string cell, string transports, string? application)
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", $"1\t5000\t{cell}\tYes\tOpen\tClient\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Equal(transports, string.Join(",", result.Flows.Select(f => f.Transport.ToName() + (f.Tls ? "+tls" : ""))));
        Assert.All(result.Flows, f => Assert.Equal(application, f.Application));
        Assert.All(result.Flows, f => Assert.Equal(5, f.Line));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Reads_udp_tcp_tls_as_two_flows_and_notes_that_tls_is_offered_too()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            "16\t5060-5061 (Configurable 1024-64510)\tUDP+TCP+TLS/SIP\tYes\tOpen\tSIP endpoint SIP trunk SIP Proxy\t\tAuthenticated");

        // When
        var flows = Read(doc).Flows;

        // Then
        Assert.Equal(2, flows.Count);
        Assert.All(flows, f => Assert.False(f.Tls));
        Assert.All(flows, f => Assert.Contains("TLS is also offered", f.Note, StringComparison.Ordinal));
        Assert.All(flows, f => Assert.Contains("configurable 1024-64510", f.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void Infers_udp_for_a_bare_ntp_cell_with_a_warning()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", "6\t123\tNTP\tNo\tOpen\tDECT R4 IP Office\tNTP service\t");

        // When
        var result = Read(doc);

        // Then
        var flow = Assert.Single(result.Flows);
        Assert.Equal(Transport.Udp, flow.Transport);
        Assert.Equal("ntp", flow.Application);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.TransportInferred, warning.Code);
        Assert.Equal(5, warning.Line);
    }

    [Fact]
    public void Warns_about_a_protocol_cell_without_a_transport()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", "1\t4000\tProprietary\tNo\tOpen\tClient\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    // ---- page breaks, continuations, shifted rows, empty sections ----

    [Fact]
    public void Joins_a_row_continued_after_a_page_break_into_the_cells_of_the_row_before()
    {
        // Given
        string[] lines =
        [
            "Table 3. Ports for One-X Portal",
            "",
            Header,
            "INGRESS CONNECTIONS\t\t\t\t\t\t\t",
            "7\t8063\tTCP/HTTPS\tNo\tOpen\tCall assistant and\t\tInternal, no firewall",
            .. PageBreak,
            "\t\t\t\t\tSalesforce.com plug-in\t\tconfiguration required",
            "8\t8069\tTCP/HTTP\tNo\tOpen\tWeb Client\t\t",
        ];

        // When
        var result = Read(string.Join("\n", lines));

        // Then
        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.Flows.Count);
        var first = result.Flows[0];
        Assert.Equal(["Call assistant and Salesforce.com plug-in"], first.From);
        Assert.Equal(5, first.Line);
        Assert.Equal(FirewallRelevance.NotNeeded, first.Firewall);
        Assert.Equal(["Web Client"], result.Flows[1].From);
    }

    [Fact]
    public void Does_not_take_a_row_with_no_and_port_and_protocol_words_for_a_header()
    {
        // Given
        var doc = Table("IP Office Solution", "EGRESS CONNECTIONS",
            "10\t443\tTCP/HTTPS\tNo\tN/A\tProtocol converter\tCertificate enrolment over port 443\t",
            "11\t500\tUDP/IKE\tYes\tN/A\tRemote device\tIPsec\t");

        // When
        var flows = Read(doc).Flows;

        // Then
        Assert.Equal(["443", "500"], flows.Select(f => f.Ports.ToString()));
    }

    [Fact]
    public void Warns_about_a_continuation_row_with_no_row_before_it()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS", "\t\t\t\t\tstray text\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Empty(result.Flows);
        Assert.Equal(WarningCodes.Unreadable, Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Realigns_a_row_without_protocol_cell_and_takes_the_transport_of_the_same_port_elsewhere()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            "10\t520\tUDP/RIP\tYes\tOpen\tRouter\tRouting updates\t",
            "EGRESS CONNECTIONS\t\t\t\t\t\t\t",
            "13\t520\tYes\tOpen\tRouter\tRouting updates\t\t");

        // When
        var result = Read(doc);

        // Then
        var egress = Assert.Single(result.Flows, f => f.Line == 7);
        Assert.Equal(Transport.Udp, egress.Transport);
        Assert.Equal("520", egress.Ports.ToString());
        Assert.Equal("rip", egress.Application);
        Assert.Equal(["Router"], egress.To);
        Assert.Equal("open", egress.DefaultState);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.Inferred, warning.Code);
        Assert.Equal(7, warning.Line);
        Assert.Contains("line 5", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warns_and_makes_no_flow_for_a_row_without_protocol_whose_port_appears_nowhere_else()
    {
        // Given
        var doc = Table("IP Office Solution", "EGRESS CONNECTIONS", "13\t521\tYes\tOpen\tRouter\tRouting updates\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Empty(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.Unreadable, warning.Code);
        Assert.Equal(5, warning.Line);
    }

    [Fact]
    public void Reads_a_none_row_as_an_empty_section_without_flow_or_warning()
    {
        // Given
        var doc = Table("Contact Recorder", "INTRA-DEVICE CONNECTIONS", "1\tNone\t\t\t\t\t\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Empty(result.Flows);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Ignores_prose_and_tab_separated_text_after_a_table()
    {
        // Given
        string[] lines =
        [
            "Table 4. Ports for Contact Recorder",
            Header,
            "INGRESS CONNECTIONS\t\t\t\t\t\t\t",
            "2\t9444\tTCP/HTTPS\tNo\tOpen\tWeb client\tHttp listener port.\t",
            "",
            "Appendix B: Overview of TCP/IP Ports",
            "Data Flow 1:\t172.16.16.14:1234\t-\t10.1.2.3:2345",
        ];

        // When
        var result = Read(string.Join("\n", lines));

        // Then
        Assert.Single(result.Flows);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Warns_about_port_ranges_named_in_the_description()
    {
        // Given
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            "27\t40750-50750\tUDP/RTP-RTCP\tYes\tN/A\tMedia end points\tLinux uses the port range of 32768-61000 (RFC 3550, HMAC SHA1-96)\t");

        // When
        var result = Read(doc);

        // Then
        Assert.Single(result.Flows);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(WarningCodes.ProsePorts, warning.Code);
        Assert.Contains("32768-61000", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("96", warning.Message, StringComparison.Ordinal);
    }

    // ---- release change tables ----

    [Fact]
    public void Reads_release_change_rows_as_warnings_and_not_as_flows()
    {
        // Given
        string[] lines =
        [
            "Table 7. Port Changes From 9.0.3 FP to 9.1.0",
            ChangeHeader,
            "PORTS ADDED\t\t\t\t\t\t\t",
            "1\t411\tTCP/HTTPS\tYes\tOpen\tH.323 phone\tPhone settings, backup/restore\t",
            "PORTS REMOVED: Custom Call Reporter not supported\t\t\t\t\t\t\t",
            "CCR EGRESS CONNECTIONS\t\t\t\t\t\t\t",
            "1\t25\tTCP/SMTP\tYes\tN/A\tSMTP email server\tEmail transmission\t",
            "PORTS REMOVED\t\t\t\t\t\t\t",
            "1\tNone\t\t\t\t\t\t",
        ];

        // When
        var result = Read(string.Join("\n", lines));

        // Then
        Assert.Empty(result.Flows);
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.Equal(WarningCodes.ReleaseChange, w.Code));
        Assert.Equal("release change 9.0.3 FP → 9.1.0, ports added: tcp 411 (H.323 phone)", result.Warnings[0].Message);
        Assert.Equal(4, result.Warnings[0].Line);
        Assert.Contains("ports removed (Custom Call Reporter not supported, ccr egress connections): tcp 25", result.Warnings[1].Message, StringComparison.Ordinal);
    }

    // ---- layout detection and robustness ----

    [Fact]
    public void Matches_its_layout_and_not_other_tab_tables()
    {
        // Given
        var own = Doc(Table("IP Office Solution", "INGRESS CONNECTIONS", "1\t22\tTCP/SSH\tNo\tOpen\tAdmin\t\t"));
        var swyx = Doc("Classification\tProtocol\tTyp\tPort\tConfigurable via\nSIP\tSIP\tUDP\t5060\tregistry");
        var pipes = Doc("Service |\nSIP |\nPort |\n5060 |");

        // When / Then
        Assert.True(_reader.Match(own) >= 0.9);
        Assert.Equal(0, _reader.Match(swyx));
        Assert.Equal(0, _reader.Match(pipes));
    }

    [Theory]
    [InlineData("000_6d972d656c8aeca0.txt", false)]
    [InlineData("001_55bedca5d356ede9.txt", false)]
    [InlineData("002_5e79d41b41252df8.txt", false)]
    [InlineData("003_c225dded3e857ec3.txt", true)]
    [InlineData("004_853d6c1448a2674f.txt", false)]
    public void Matches_only_the_avaya_seed(string file, bool expected)
    {
        // Given
        var doc = SourceDocument.Load(Repo.Seed(file));

        // When
        var score = _reader.Match(doc);

        // Then
        Assert.Equal(expected, score > 0);
    }

    [Theory]
    [InlineData("No.\tPort\tProtocol\n\t\t\n1\t\t\n2\t99999\tTCP\n3\t1\tYes\tNo\nx\ty\tz")]
    [InlineData("Table 1. Ports for X\nNo.\tPort\tProtocol\nINGRESS CONNECTIONS\t\t\n1\t(Configurable\tTCP\n2\t1-\tUDP+\n3\t5-4\t/\n4\t80\t - SSL")]
    [InlineData("Table 9. Port Changes From a to b\nNo.\tPort\tProtocol\nPORTS ADDED\t\t\n1\t\t\n\t\t\t\t\t\t\n2\tnope\t???")]
    public void Never_throws_on_malformed_tables(string text)
    {
        // Given
        var doc = Doc(text);

        // When
        var result = _reader.Read(doc);

        // Then
        Assert.Equal("sectioned-tab-table", result.Layout);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Reads_long_cells_quickly()
    {
        // Given
        var filler = new string(' ', 50_000);
        var doc = Table("IP Office Solution", "INGRESS CONNECTIONS",
            $"1\t80\tIMAP4{filler}x{filler}- SSL\tYes\tOpen\tClient{filler}\t11{filler}11\t",
            $"2\t80 (Configurable{filler}\tTCP\tYes\tOpen\tClient\t\t");
        var watch = Stopwatch.StartNew();

        // When
        _ = Read(doc);

        // Then
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"reading took {watch.Elapsed}");
    }

    // ---- facts of the Avaya seed ----

    [Fact]
    public void Seed_reads_the_secure_manager_configuration_port_as_configurable_tls()
    {
        // Given
        var result = ReadSeed();

        // When
        var flow = Assert.Single(result.Flows, f => f.Line == 113);

        // Then
        Assert.Equal(Transport.Tcp, flow.Transport);
        Assert.Equal("50805", flow.Ports.ToString());
        Assert.True(flow.Tls);
        Assert.True(flow.Configurable);
        Assert.Equal("configurable 49152-65280", flow.Note);
        Assert.Equal(["IP Office Manager"], flow.From);
        Assert.Equal(["IP Office"], flow.To);
        Assert.Equal("50805 (Configurable 49152- 65280)", flow.Cell);
    }

    [Fact]
    public void Seed_joins_the_device_cell_continued_after_the_page_break_at_line_220()
    {
        // Given
        var result = ReadSeed();

        // When
        var flow = Assert.Single(result.Flows, f => f.Line == 214);

        // Then
        var device = Assert.Single(flow.From);
        Assert.StartsWith("Avaya Flare Communicator", device, StringComparison.Ordinal);
        Assert.EndsWith("Call assistant and Salesforce.com ® plug-in access to one-X Portal", device, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Flows, f => f.Line is 220 or 235);
        Assert.DoesNotContain(result.Warnings, w => w.Line is 220 or 235);
    }

    [Fact]
    public void Seed_reads_the_shifted_egress_rip_row_as_udp_520_with_an_inferred_warning()
    {
        // Given
        var result = ReadSeed();

        // When
        var flow = Assert.Single(result.Flows, f => f.Line == 145);

        // Then
        Assert.Equal(Transport.Udp, flow.Transport);
        Assert.Equal("520", flow.Ports.ToString());
        Assert.Equal(["IP Office"], flow.From);
        Assert.Equal(["Router"], flow.To);
        Assert.Contains(result.Warnings, w => w.Line == 145 && w.Code == WarningCodes.Inferred);
    }

    [Fact]
    public void Seed_reads_release_change_tables_as_warnings_only()
    {
        // Given
        var result = ReadSeed();

        // When
        var table7 = result.Warnings.Where(w => w.Line is > 287 and < 320).ToList();

        // Then
        Assert.DoesNotContain(result.Flows, f => f.Line > 262);
        Assert.Equal(16, table7.Count);
        Assert.All(table7, w => Assert.Equal(WarningCodes.ReleaseChange, w.Code));
        Assert.Contains(table7, w => w.Message == "release change 9.0.3 FP → 9.1.0, ports added: tcp 411 (H.323 phone)");
        Assert.Equal(24, result.Warnings.Count(w => w.Code == WarningCodes.ReleaseChange));
    }

    [Theory]
    [InlineData(103, "50780")]
    [InlineData(104, "50792")]
    [InlineData(151, "50791")]
    public void Seed_reads_the_misspelt_upd_as_udp(int line, string port)
    {
        // Given
        var result = ReadSeed();

        // When
        var flow = Assert.Single(result.Flows, f => f.Line == line);

        // Then
        Assert.Equal(Transport.Udp, flow.Transport);
        Assert.Equal(port, flow.Ports.ToString());
    }

    [Fact]
    public void Seed_reads_every_component_table_with_its_component()
    {
        // Given
        var result = ReadSeed();

        // When
        var components = result.Flows.Select(f => f.Component).Distinct().ToList();

        // Then
        Assert.Equal(["IP Office", "Voicemail Pro", "One-X Portal", "Contact Recorder"], components);
        Assert.Equal(["H.323 phone"], Assert.Single(result.Flows, f => f.Line == 78).From);
    }

    // ---- helpers ----

    private static string Table(string component, string section, params string[] rows) =>
        string.Join("\n", new[] { $"Table 1. Ports for {component}", "", Header, $"{section}\t\t\t\t\t\t\t" }.Concat(rows));

    private static SourceDocument Doc(string text) => new("test.txt", text);

    private ImportResult Read(string text) => _reader.Read(Doc(text));

    private ImportResult ReadSeed() => _reader.Read(SourceDocument.Load(Repo.Seed(Seed)));
}
