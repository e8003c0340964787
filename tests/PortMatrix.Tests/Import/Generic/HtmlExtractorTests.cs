using System.Text;
using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

public sealed class HtmlExtractorTests
{
    private static ExtractedDocument Extract(string html) => new HtmlExtractor().Extract("page.html", html);

    /// <summary>A row as "column:text@line" for each cell, so one string shows text, position and alignment.</summary>
    private static string Cells(TableRow row) => string.Join(" | ", row.Cells.Select(c => $"{c.Column}:{c.Text}@{c.Line}"));

    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>Ports 9999</title><style>td { content: "5060"; }</style></head>
        <body>
        <h1>Gateway</h1>
        <p>The gateway listens on
           5060/udp for SIP.</p>
        <h2>Signalling <small>ports</small></h2>
        <table>
          <tr><th>Service</th><th colspan="2">Port</th></tr>
          <tr><td rowspan="2">SIP</td>
              <td>5060</td><td>UDP</td></tr>
          <tr><td>5061</td><td>TLS<br>TCP</td></tr>
        </table>
        <ul><li>RTP: 10000-20000/udp</li><li>HTTPS 443<ul><li>also 8443</li></ul></li></ul>
        <script>var x = "<td>1</td>";
        </script>
        <pre>SNMP 161/udp
        SSH 22/tcp</pre>
        <div>NTP 123/udp<br>DNS 53</div>
        </body></html>
        """;

    [Fact]
    public void Expands_colspan_and_rowspan_so_columns_stay_aligned()
    {
        // Given a table whose header spans two columns and whose first cell spans two rows
        var document = Extract(Page);

        // Then every row has the same grid columns, spanned text repeated, each cell on its source line
        var table = Assert.Single(document.Tables);
        Assert.Equal("Signalling ports", table.Section);
        Assert.Equal("table 1", table.Origin);
        Assert.Equal(
            [
                "1:Service@9 | 2:Port@9 | 3:Port@9",
                "1:SIP@10 | 2:5060@11 | 3:UDP@11",
                "1:SIP@10 | 2:5061@12 | 3:TLS TCP@12",
            ],
            table.Rows.Select(Cells));
        Assert.Equal([9, 10, 12], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Reads_paragraphs_list_items_pre_lines_and_breaks_as_lines_under_their_heading()
    {
        // Given the page with running text around the table
        var document = Extract(Page);

        // Then each block is a line at the source line of its first word; script, style and title are ignored
        Assert.Equal(
            [
                "5 [Gateway] The gateway listens on 5060/udp for SIP.",
                "14 [Signalling ports] RTP: 10000-20000/udp",
                "14 [Signalling ports] HTTPS 443",
                "14 [Signalling ports] also 8443",
                "17 [Signalling ports] SNMP 161/udp",
                "18 [Signalling ports] SSH 22/tcp",
                "19 [Signalling ports] NTP 123/udp",
                "19 [Signalling ports] DNS 53",
            ],
            document.Lines.Select(l => $"{l.Line} [{l.Section}] {l.Text}"));
        Assert.Equal("html", document.Format);
        Assert.Equal("page.html", document.Path);
    }

    [Fact]
    public void Reads_a_nested_table_as_a_table_of_its_own_and_leaves_it_out_of_the_outer_cell()
    {
        // Given a layout table holding a heading, a note and the port table
        var html = """
            <table>
            <tr><td>Menu</td>
            <td>
              <h3>Media</h3>
              See below.
              <table>
                <tr><th>Proto</th><th>Ports</th></tr>
                <tr>
                  <td>UDP</td>
                  <td>
                    10000&nbsp;-&nbsp;20000
                  </td>
                </tr>
              </table>
            </td></tr>
            </table>
            """;

        // When it is extracted
        var document = Extract(html);

        // Then the outer table is first, without the inner table's text, and the inner one has its own rows
        Assert.Equal(2, document.Tables.Count);
        Assert.Equal(["1:Menu@2 | 2:Media See below.@4"], document.Tables[0].Rows.Select(Cells));
        Assert.Null(document.Tables[0].Section);
        Assert.Equal("Media", document.Tables[1].Section);
        Assert.Equal("table 2", document.Tables[1].Origin);
        Assert.Equal(["1:Proto@7 | 2:Ports@7", "1:UDP@9 | 2:10000 - 20000@11"], document.Tables[1].Rows.Select(Cells));
        Assert.Equal([7, 8], document.Tables[1].Rows.Select(r => r.Line));
        Assert.Empty(document.Lines);
    }

    [Fact]
    public void Takes_the_caption_as_section_and_places_cells_spanned_from_above_at_the_row_end()
    {
        // Given a table with a caption, a rowspan in the last column and a row of a single cell
        var html = "<h2>Other</h2><table><caption>Media ports</caption>"
            + "<tr><td>RTP</td><td rowspan=\"3\">UDP</td></tr>"
            + "<tr><td>RTCP</td></tr>"
            + "<tr><td colspan=\"0\">T.38</td></tr>"
            + "<tr></tr></table>";

        // When it is extracted
        var table = Assert.Single(Extract(html).Tables);

        // Then the caption names the section and the spanned cell fills the last column of the rows below
        Assert.Equal("Media ports", table.Section);
        Assert.Equal(["1:RTP@1 | 2:UDP@1", "1:RTCP@1 | 2:UDP@1", "1:T.38@1 | 2:UDP@1"], table.Rows.Select(Cells));
    }

    [Fact]
    public void Caps_absurd_spans()
    {
        // Given a cell that claims to span a hundred thousand columns and rows
        var table = Assert.Single(Extract("<table><tr><td colspan=\"100000\" rowspan=\"100000\">x</td></tr><tr><td>y</td></tr></table>").Tables);

        // Then the width stops at the cap (the second row's own cell falls past it) and the span ends with the table
        Assert.Equal(2, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal(HtmlExtractor.MaxColumns, r.Cells.Count));
        Assert.All(table.Rows[1].Cells, c => Assert.Equal("x", c.Text));
    }

    [Fact]
    public void Reads_a_stream_with_a_byte_order_mark_like_the_decoded_text()
    {
        // Given the page as UTF-8 bytes with a BOM
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Page)).ToArray();

        // When it is read from a stream
        var document = new HtmlExtractor().Extract("page.html", new MemoryStream(bytes));

        // Then the result is the same as from the text
        var expected = Extract(Page);
        Assert.Equal(expected.Tables.SelectMany(t => t.Rows).Select(Cells), document.Tables.SelectMany(t => t.Rows).Select(Cells));
        Assert.Equal(expected.Lines, document.Lines);
    }

    [Fact]
    public void Numbers_lines_past_65535_and_with_crlf_line_ends()
    {
        // Given 70,000 lines of comment, then a table and a paragraph written with CRLF line ends
        var html = string.Concat(Enumerable.Repeat("<!-- filler -->\r\n", 70_000))
            + "<table>\r\n<tr>\r\n<td>SIP</td>\r\n<td>\r\n5060</td></tr></table>\r\n<p>\r\nRTP 10000</p>";

        // When it is extracted
        var document = Extract(html);

        // Then lines count on past AngleSharp's 16-bit line numbers
        Assert.Equal("1:SIP@70003 | 2:5060@70005", Cells(Assert.Single(Assert.Single(document.Tables).Rows)));
        Assert.Equal(70002, document.Tables[0].Rows[0].Line);
        Assert.Equal(70007, Assert.Single(document.Lines).Line);
    }

    [Fact]
    public void Survives_deep_nesting_without_recursion()
    {
        // Given 20,000 nested elements around a port line, then 100 nested tables
        // (AngleSharp flattens the tree below depth 512, so the tables come after the elements are closed)
        var html = string.Concat(Enumerable.Repeat("<div><span>", 10_000)) + "SIP 5060/udp"
            + string.Concat(Enumerable.Repeat("</span></div>", 10_000))
            + string.Concat(Enumerable.Repeat("<table><tr><td>", 100)) + "5061";

        // When it is extracted
        var document = Extract(html);

        // Then the text is found and every table is read, the innermost holding the port
        Assert.Contains(document.Lines, l => l.Text == "SIP 5060/udp");
        Assert.Equal(100, document.Tables.Count);
        Assert.Equal("5061", document.Tables[^1].Rows[0].Cells[0].Text);
        Assert.Equal("", document.Tables[0].Rows[0].Cells[0].Text);
    }

    [Theory]
    [InlineData("ports.html", "x", true)]
    [InlineData("ports.HTM", "x", true)]
    [InlineData("ports.txt", "<!DOCTYPE html><html>", true)]
    [InlineData("ports.txt", "\uFEFF  <html lang=\"en\">", true)]
    [InlineData("ports", "\n<TABLE border=1>", true)]
    [InlineData("ports.md", "# Ports\n<table>", false)]
    [InlineData("ports.csv", "port,proto", false)]
    public void Recognises_html_by_name_or_start(string path, string head, bool expected) =>
        Assert.Equal(expected, new HtmlExtractor().CanExtract(path, Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Refuses_pages_above_the_size_limit_with_a_clear_error()
    {
        // Given a stream longer than the limit
        using var stream = new LengthOnlyStream(HtmlExtractor.MaxBytes + 1);

        // Then the error says so
        var error = Assert.Throws<PortMatrixException>(() => new HtmlExtractor().Extract("big.html", stream));
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    // End-to-end (HTML -> interpreter -> flows). DISABLED UNTIL MERGE: TableInterpreter is still a stub
    // that throws NotImplementedException in this branch; remove Skip once the interpreter is merged.
    [Fact]
    public void Imports_flows_from_an_html_table_end_to_end()
    {
        // Given the page (its table holds SIP 5060/udp and 5061 over TLS/TCP)
        var result = TableInterpreter.Interpret(Extract(Page));

        // Then the table's rows become flows citing their lines
        Assert.Contains(result.Flows, f => f.Transport.ToName() == "udp" && f.Ports.ToString() == "5060" && f.Line == 11);
        Assert.Contains(result.Flows, f => f.Ports.ToString() == "5061" && f.Line == 12);
    }

    [Fact]
    public void The_words_of_a_list_item_head_the_list_nested_in_it()
    {
        const string html = "<ul><li>Inbound<ul><li>5060/UDP SIP</li></ul></li><li>Outbound<ul><li>443/TCP updates</li></ul></li></ul><p>After</p>";

        var document = new HtmlExtractor().Extract("n.html", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(html)));

        Assert.Equal([("5060/UDP SIP", "Inbound"), ("443/TCP updates", "Outbound"), ("After", null)], document.Lines.Select(l => (l.Text, l.Section)));
    }
}

/// <summary>A seekable stream that only has a length, to test size limits without allocating.</summary>
internal sealed class LengthOnlyStream(long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, Length - Position);
        Array.Clear(buffer, offset, n);
        Position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => Length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
