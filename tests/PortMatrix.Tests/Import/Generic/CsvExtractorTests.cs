using System.Text;
using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

public sealed class CsvExtractorTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Detects_the_delimiter_from_the_first_lines(char delimiter)
    {
        // Given a title line, then a header and rows written with the delimiter (the title has a comma)
        var d = delimiter.ToString();
        var text = $"Acme ports, as of today\nService{d}Protocol{d}Port\nSIP{d}UDP{d}5060\nWeb{d}TCP{d}\"443, 8443\"\n";

        // Then the delimiter is found and quoted cells keep their commas
        Assert.Equal(delimiter, CsvExtractor.DetectDelimiter(text, out _));
        var table = new CsvExtractor().Extract("x.csv", text).Tables.Single();
        Assert.Equal(["Web", "TCP", "443, 8443"], table.Rows[3].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Quoted_cells_may_hold_line_breaks_and_rows_keep_their_first_line()
    {
        var text = "Service,Port,Notes\n\"SIP\",5060,\"two\nlines\"\n\nWeb,443,x\n";

        var table = new CsvExtractor().Extract("x.csv", text).Tables.Single();

        Assert.Equal([1, 2, 5], table.Rows.Select(r => r.Line));
        Assert.Equal("two\nlines", table.Rows[1].Cells[2].Text);
        Assert.Equal([1, 2, 3], table.Rows[2].Cells.Select(c => c.Column));
    }

    [Fact]
    public void A_tsv_file_is_split_at_tabs()
    {
        var table = new CsvExtractor().Extract("x.tsv", "Port\tProtocol\n5060, 5061\tUDP\n").Tables.Single();

        Assert.Equal(["5060, 5061", "UDP"], table.Rows[1].Cells.Select(c => c.Text));
        Assert.Equal("tsv", table.Origin);
    }

    [Fact]
    public void A_csv_export_with_title_rows_becomes_flows()
    {
        // Given a spreadsheet export: title, date, empty row, then header and rows
        var text = """
            Acme Gateway 4.2 firewall requirements;;;;;
            Generated 2024-03-01;;;;;
            ;;;;;
            Service;Proto;Dst Port;Direction;Open?;Notes
            SIP;UDP;5060;Inbound;Yes;from carrier
            RTP;UDP;"10,000-20,000";Both;Yes;media
            Web UI;TCP;443;Inbound;If remote admin;HTTPS
            Syslog;;514;Outbound;No;to collector
            Backup;TCP;configurable;Outbound;Y;see manual
            """;

        // When the generic reader imports it
        var result = new GenericTextReader().Read(new SourceDocument("gw.csv", text));

        // Then every row is a flow or a warning on its line
        Assert.Equal("csv", result.Layout);
        Assert.Equal(
            ["5:udp/5060:peer>Acme Gateway 4.2:required", "6:udp/10000-20000:peer>Acme Gateway 4.2:required",
             "6:udp/10000-20000:Acme Gateway 4.2>peer:required", "7:tcp/443:peer>Acme Gateway 4.2:if-separated",
             "8:udp/514:Acme Gateway 4.2>peer:not-needed"],
            result.Flows.Select(f => $"{f.Line}:{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}:{Model.FirewallRelevanceNames.ToName(f.Firewall)}"));
        Assert.Contains(result.Warnings, w => w.Line == 8 && w.Code == WarningCodes.TransportInferred);
        Assert.Contains(result.Warnings, w => w.Line == 9 && w.Code == WarningCodes.NoDefault);
    }

    [Fact]
    public void Binary_content_is_refused_with_the_importers_error()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x00 };

        Assert.Throws<PortMatrixException>(() => new CsvExtractor().Extract("x.csv", new MemoryStream(bytes)));
    }

    [Fact]
    public void Malformed_quotes_do_not_stop_the_reading()
    {
        var table = new CsvExtractor().Extract("x.csv", "Port,Protocol\n\"5060,UDP\n443,TCP\n").Tables.Single();

        Assert.NotEmpty(table.Rows);
    }

    [Fact]
    public void A_csv_is_extracted_from_a_stream_as_from_text()
    {
        var text = "Port,Protocol\n5060,UDP\n";

        var fromStream = new CsvExtractor().Extract("x.csv", new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var fromText = new CsvExtractor().Extract("x.csv", text);

        Assert.Equal(fromText.Tables[0].Rows.SelectMany(r => r.Cells), fromStream.Tables[0].Rows.SelectMany(r => r.Cells));
    }
}
