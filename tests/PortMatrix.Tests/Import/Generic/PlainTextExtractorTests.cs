using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

public sealed class PlainTextExtractorTests
{
    private const string Aligned = """
        ACME SBC 5000 PORT REFERENCE

        INBOUND
        Service        Protocol   Port(s)         Notes
        -------        --------   -------         -----
        SIP            UDP/TCP    5060            from carriers
        Media (RTP)    UDP        20000 - 39999   SRTP when enabled
        Web GUI        HTTPS                      admin only

        OUTBOUND
        Service        Protocol   Port(s)         Notes
        DNS            UDP        53
        """;

    [Fact]
    public void Aligned_columns_become_tables_under_the_heading_above_them()
    {
        var document = new PlainTextExtractor().Extract("a.txt", Aligned);

        Assert.Equal(2, document.Tables.Count);
        var inbound = document.Tables[0];
        Assert.Equal("INBOUND", inbound.Section);
        Assert.Equal([4, 6, 7, 8], inbound.Rows.Select(r => r.Line));
        Assert.Equal(["Media (RTP)", "UDP", "20000 - 39999", "SRTP when enabled"], inbound.Rows[2].Cells.Select(c => c.Text));
        Assert.Equal(["Web GUI", "HTTPS", "", "admin only"], inbound.Rows[3].Cells.Select(c => c.Text));
        Assert.Equal("OUTBOUND", document.Tables[1].Section);
    }

    [Fact]
    public void An_aligned_port_table_becomes_flows_with_directions_from_its_headings()
    {
        var result = new GenericTextReader().Read(new SourceDocument("a.txt", Aligned));

        Assert.Equal("text-table", result.Layout);
        Assert.Equal(
            ["6:udp/5060:peer>ACME SBC 5000", "6:tcp/5060:peer>ACME SBC 5000", "7:udp/20000-39999:peer>ACME SBC 5000", "8:tcp/443:peer>ACME SBC 5000", "12:udp/53:ACME SBC 5000>peer"],
            result.Flows.Select(f => $"{f.Line}:{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}"));

        // The title line names the product; HTTPS without a port takes its IANA default.
        Assert.Equal([WarningCodes.Inferred, WarningCodes.IanaDefault], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Blocks_of_key_value_fields_become_one_table_with_a_row_per_block()
    {
        // Given two records of "Key: value" lines, the second with a key the first does not have, and a note line
        const string text = "Ports\n\nService: SIP\nProtocol: UDP\nPort: 5060\n\nService: Admin\nProtocol: TCP\nPort range: 8443-8444\nDirection: In\n\nNote: see the manual.\n";

        // When it is extracted
        var document = new PlainTextExtractor().Extract("r.txt", text);

        // Then the records are one table: the keys as header, a row per record, each value on its own line
        var table = Assert.Single(document.Tables);
        Assert.Equal("Ports", table.Section);
        Assert.Equal(["Service", "Protocol", "Port", "Port range", "Direction"], table.Rows[0].Cells.Select(c => c.Text));
        Assert.Equal([(3, 1, "SIP"), (4, 2, "UDP"), (5, 3, "5060")], table.Rows[1].Cells.Select(c => (c.Line, c.Column, c.Text)));
        Assert.Equal([(9, 4, "8443-8444"), (10, 5, "In")], table.Rows[2].Cells.Skip(2).Select(c => (c.Line, c.Column, c.Text)));

        // And a lone "Note:" line stays running text
        Assert.Equal("Note: see the manual.", Assert.Single(document.Lines).Text);
    }

    [Fact]
    public void Lines_of_several_key_value_fields_are_a_record_each()
    {
        const string text = "Destination port: 5060   Protocol: UDP   Direction: in\nDestination port: 514    Protocol: UDP   Direction: out\n";

        var table = Assert.Single(new PlainTextExtractor().Extract("l.txt", text).Tables);

        Assert.Equal(["Destination port", "Protocol", "Direction"], table.Rows[0].Cells.Select(c => c.Text));
        Assert.Equal([(1, "5060"), (2, "514")], table.Rows.Skip(1).Select(r => (r.Line, r.Cells[0].Text)));
    }

    [Theory]
    [InlineData("Note: call the admin\nWarning: read this first\n")]
    [InlineData("Service: SIP\nProtocol: UDP\n")]
    [InlineData("Port: 5060\nThe gateway listens here.\n")]
    public void Blocks_that_are_not_records_of_a_port_stay_text(string text)
    {
        // A record needs only header-like keys, two roles, and a port among them.
        Assert.Empty(new PlainTextExtractor().Extract("r.txt", text).Tables);
    }

    [Theory]
    [InlineData("rtp_port_min = 10000", "rtp_port_max = 20000   ; UDP", "rtp port range = 10000-20000 ; UDP")]
    [InlineData("rtpstart=10000", "rtpend=20000", "rtp port range = 10000-20000")]
    [InlineData("media.port.low: 4000", "media.port.high: 4999", "media port range = 4000-4999")]
    [InlineData("rtp_port_min = 10000", "sip_port_max = 20000", null)]
    [InlineData("rtp_port_max = 20000", "rtp_port_min = 10000", null)]
    public void Two_settings_for_the_ends_of_a_range_are_one_range(string first, string second, string? joined)
    {
        Assert.Equal(joined, PlainTextExtractor.SettingRange(first, second));
    }

    [Fact]
    public void A_wrapped_cell_of_an_aligned_table_goes_on_the_cell_above()
    {
        const string text = "Service        Protocol   Port   Description\nSIP            UDP        5060   Calls from the\n                                 carrier\nWeb admin      TCP        443    HTTPS\n";

        var table = Assert.Single(new PlainTextExtractor().Extract("w.txt", text).Tables);

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("Calls from the carrier", table.Rows[1].Cells[^1].Text);
    }

    [Fact]
    public void A_direction_line_over_indented_lines_is_their_heading()
    {
        var document = new PlainTextExtractor().Extract("d.txt", "Direction: outbound (from the server)\n  tcp 389 (LDAP)\n");

        Assert.Equal("Direction: outbound (from the server)", Assert.Single(document.Lines).Section);
    }

    [Fact]
    public void Tabs_and_pipes_split_cells()
    {
        var document = new PlainTextExtractor().Extract("t.txt", "Port\tProtocol\n5060\tUDP\n\n| Port | Proto |\n| 443 | TCP |\n| 80 | TCP |\n");

        Assert.Equal(["5060", "UDP"], document.Tables[0].Rows[1].Cells.Select(c => c.Text));
        Assert.Equal(["443", "TCP"], document.Tables[1].Rows[1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Headings_are_sections_and_other_lines_are_text_lines()
    {
        var document = new PlainTextExtractor().Extract("r.txt", "Acme Relay\n==========\n\nPorts:\n- 5060/udp - SIP\nThe relay listens on UDP\n5060 to\n5061 as well.\n");

        Assert.Equal(
            [new TextLine("- 5060/udp - SIP", 5, "Ports"), new TextLine("The relay listens on UDP", 6, "Ports"), new TextLine("5060 to 5061 as well.", 7, "Ports") { Lead = "The relay listens on UDP" }],
            document.Lines);
    }
}
