using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

public sealed class MarkdownExtractorTests
{
    private const string Document = """
        # Acme CallServer 12 - Network Ports

        Intro paragraph without ports.

        ## Signalling

        | From | To | Destination Port | Protocol | Purpose |
        |---|---|---|---|---|
        | IP phone | CallServer | 5060 | TCP/UDP | SIP signalling |
        | Admin PC | CallServer | 8443 | TCP | Web administration |

        ## Management

        - SSH (22/tcp): command line access
        - SNMP: 161 (UDP) polling
          from the monitoring server

        1. NTP 123/udp
        2. Syslog 514/udp

        Media uses UDP ports 16384 to
        32767 for RTP.

        ```
        Service   Protocol   Port
        DNS       UDP        53
        LDAPS     TCP        636
        ```
        """;

    private static ExtractedDocument Extract(string text) => new MarkdownExtractor().Extract("doc.md", text);

    [Fact]
    public void Extracts_pipe_tables_with_line_numbers_and_heading()
    {
        var table = Extract(Document).Tables[0];

        Assert.Equal("Signalling", table.Section);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal([7, 9, 10], table.Rows.Select(r => r.Line));
        Assert.Equal(["From", "To", "Destination Port", "Protocol", "Purpose"], table.Rows[0].Cells.Select(c => c.Text));
        var cell = table.Rows[1].Cells[2];
        Assert.Equal(("5060", 9, 3), (cell.Text, cell.Line, cell.Column));
    }

    [Fact]
    public void Extracts_bullet_and_numbered_items_and_paragraphs_as_lines_under_their_heading()
    {
        var lines = Extract(Document).Lines;

        Assert.Contains(new TextLine("Intro paragraph without ports.", 3, "Acme CallServer 12 - Network Ports"), lines);
        Assert.Contains(new TextLine("SSH (22/tcp): command line access", 14, "Management"), lines);
        Assert.Contains(new TextLine("NTP 123/udp", 18, "Management"), lines);
        Assert.Contains(new TextLine("Syslog 514/udp", 19, "Management"), lines);
    }

    [Fact]
    public void Joins_a_range_broken_across_two_lines()
    {
        var lines = Extract(Document).Lines;

        Assert.Contains(new TextLine("Media uses UDP ports 16384 to 32767 for RTP.", 21, "Management"), lines);
    }

    [Fact]
    public void Reads_an_aligned_table_in_a_code_block()
    {
        var table = Extract(Document).Tables[1];

        Assert.Equal([25, 26, 27], table.Rows.Select(r => r.Line));
        Assert.Equal(["DNS", "UDP", "53"], table.Rows[1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void A_markdown_port_document_becomes_flows()
    {
        // Given the document through the importer's generic reader
        var result = new GenericTextReader().Read(new SourceDocument("doc.md", Document));

        // Then tables, lists, sentences and the code block all give flows, with the title as product
        Assert.Equal("markdown-table", result.Layout);
        var flows = result.Flows.Select(f => $"{f.Line}:{f.Transport.ToName()}/{f.Ports}").ToList();
        Assert.Equal(
            ["9:tcp/5060", "9:udp/5060", "10:tcp/8443", "14:tcp/22", "15:udp/161", "18:udp/123", "19:udp/514", "21:udp/16384-32767", "26:udp/53", "27:tcp/636"],
            flows);
        Assert.Equal(["IP phone"], result.Flows[0].From);
        Assert.Equal(["Acme CallServer 12"], result.Flows.Single(f => f.Line == 14).To);
    }

    [Fact]
    public void Cell_breaks_and_inline_code_keep_their_text()
    {
        var table = Extract("| Port | Protocol |\n|---|---|\n| `5060`<br>5061 | **UDP** |\n").Tables[0];

        Assert.Equal("5060\n5061", table.Rows[1].Cells[0].Text);
        Assert.Equal("UDP", table.Rows[1].Cells[1].Text);
    }

    [Theory]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |\n", true)]
    [InlineData("# Title\n\n## Ports\n\ntext\n", true)]
    [InlineData("Plain text\nwith two lines\n", false)]
    [InlineData("a,b,c\n1,2,3\n", false)]
    public void Recognises_markdown_by_content(string text, bool expected) =>
        Assert.Equal(expected, MarkdownExtractor.LooksLikeMarkdown(text));

    [Theory]
    [InlineData("# Ports\n\n```yaml")]
    [InlineData("# Ports\n\n```\n```\n\n- 5060/udp - SIP\n")]
    public void An_empty_or_unclosed_code_fence_is_read_without_failing(string text)
    {
        // Found by the fuzz test: a document cut right after a fence opening.
        var document = new MarkdownExtractor().Extract("cut.md", text);

        Assert.Empty(document.Tables);
    }
}
