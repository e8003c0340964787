using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Documents;

/// <summary>Escaping and layout rules of the text writers, on hostile input and on the catalog.</summary>
public sealed class DocumentWriterTests
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    /// <summary>A release whose text fields hold everything a format must escape.</summary>
    private static PortMatrixDocument Hostile()
    {
        var release = new ProductRelease
        {
            Id = "acme-pbx",
            Vendor = "Acme <b>",
            Product = "PBX | \"One\"",
            Release = "1.0",
            Sources = [new Source("doc", "Ports & <Protocols>", "acme.txt", [])],
            Roles = [new Role("a", "Phone, desk | \"A\"", []), new Role("b", "<script>alert(1)</script>", [])],
            Flows =
            [
                new Flow
                {
                    Id = "f1", Service = "=HYPERLINK(\"http://evil\")", From = ["a"], To = ["b"], Transport = Transport.Tcp,
                    Ports = PortExpression.Parse("5060,>1024"), Purpose = "line one\nline | two *bold* `tick`",
                    Source = new SourceRef("doc", 7, "TCP | 5060 `x`"),
                },
                new Flow
                {
                    Id = "f2", Service = "@SUM(A1)", From = ["b"], To = ["a"], Transport = Transport.Udp,
                    Ports = PortExpression.Parse("5004"), Purpose = "-1+2", Source = new SourceRef("doc", 8, "-"),
                },
            ],
        };
        return PortMatrixDocument.ForReleases([release]);
    }

    private static string Text(string format, PortMatrixDocument document) => DocumentGoldenTests.Text(DocumentWriters.Find(format), document);

    [Fact]
    public void Markdown_escapes_pipes_so_every_table_row_keeps_its_columns()
    {
        var md = Text("md", Hostile());

        var flowRows = md.Split('\n').Where(l => l.Contains("`doc:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, flowRows.Count);
        Assert.All(flowRows, l => Assert.Equal(11, UnescapedPipes(l)));
        Assert.Contains("Phone, desk \\| \"A\"", md, StringComparison.Ordinal);
        Assert.Contains("`` TCP \\| 5060 `x` ``", md, StringComparison.Ordinal);
        Assert.Contains("line one line \\| two \\*bold\\* \\`tick\\`", md, StringComparison.Ordinal);
        Assert.Contains("\\<script\\>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_has_one_table_row_per_flow()
    {
        var document = PortMatrixDocument.ForReleases(Catalog.Value.Resolve("mitel-mx-one"));

        var md = Text("md", document);

        Assert.Equal(document.Rows.Count(), md.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && Regex.IsMatch(l, @"\| `mx-one-[a-z-]+:[0-9]+` \|")));
    }

    [Fact]
    public void Html_escapes_every_text_field()
    {
        var html = Text("html", Hostile());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Ports &amp; &lt;Protocols&gt;", html, StringComparison.Ordinal);
        Assert.Contains("title=\"Ports &amp; &lt;Protocols&gt;\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mitel-mx-one")]
    [InlineData("swyx-swyxware")]
    [InlineData("avaya-ip-office")]
    [InlineData("imagicle-uc-suite")]
    public void Html_fetches_nothing_from_the_network(string product)
    {
        var html = Text("html", PortMatrixDocument.ForReleases(Catalog.Value.Resolve(product)));

        foreach (var needle in new[] { "<link", "<script", "@import", "url(", "src=", "href=", "http://", "https://" })
        {
            Assert.DoesNotContain(needle, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("position: sticky", html, StringComparison.Ordinal);
        Assert.Contains("tbody tr:nth-child(even)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_well_formed_enough_to_count_one_row_per_flow()
    {
        var document = PortMatrixDocument.ForReleases(Catalog.Value.Resolve("swyx-swyxware"));

        var html = Text("html", document);

        Assert.Equal(document.Rows.Count(), Regex.Matches(html, "<tr id=\"swyx-swyxware-").Count);
        Assert.Equal(Regex.Matches(html, "<table[ >]").Count, Regex.Matches(html, "</table>").Count);
        Assert.Equal(Regex.Matches(html, "<tr[ >]").Count, Regex.Matches(html, "</tr>").Count);
    }

    [Fact]
    public void Csv_starts_with_a_byte_order_mark_and_ends_lines_with_crlf()
    {
        var bytes = new CsvDocumentWriter().ToBytes(Hostile());

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(string.Join(",", CsvDocumentWriter.Columns) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reads_back_as_one_record_per_flow_with_the_cells_as_written()
    {
        var document = Hostile();

        var records = ParseCsv(Text("csv", document));

        Assert.Equal(1 + document.Rows.Count(), records.Count);
        Assert.All(records, r => Assert.Equal(CsvDocumentWriter.Columns.Count, r.Count));
        var f1 = records[1];
        Assert.Equal("Phone, desk | \"A\"", f1[CsvDocumentWriter.Columns.ToList().IndexOf("from")]);
        Assert.Equal("line one\nline | two *bold* `tick`", f1[CsvDocumentWriter.Columns.ToList().IndexOf("purpose")]);
        Assert.Equal("5060,>1024", f1[CsvDocumentWriter.Columns.ToList().IndexOf("ports")]);
        Assert.Equal("1025-65535", f1[CsvDocumentWriter.Columns.ToList().IndexOf("ports_evaluated")]);
    }

    [Fact]
    public void Csv_neutralises_cells_a_spreadsheet_would_run_as_formulas()
    {
        var records = ParseCsv(Text("csv", Hostile()));

        var service = CsvDocumentWriter.Columns.ToList().IndexOf("service");
        var purpose = CsvDocumentWriter.Columns.ToList().IndexOf("purpose");
        var cell = CsvDocumentWriter.Columns.ToList().IndexOf("source_cell");
        Assert.Equal("'=HYPERLINK(\"http://evil\")", records[1][service]);
        Assert.Equal("'@SUM(A1)", records[2][service]);
        Assert.Equal("'-1+2", records[2][purpose]);
        Assert.Equal("-", records[2][cell]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+41 44", "'+41 44")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-", "-")]
    [InlineData("+", "+")]
    [InlineData("5060", "5060")]
    [InlineData(">1024", ">1024")]
    [InlineData("", "")]
    public void Neutralise_prefixes_an_apostrophe_only_to_formula_starts(string value, string expected) =>
        Assert.Equal(expected, CsvDocumentWriter.Neutralise(value));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("=x,y", "\"'=x,y\"")]
    public void Field_quotes_as_rfc_4180_says(string value, string expected) =>
        Assert.Equal(expected, CsvDocumentWriter.Field(value));

    private static int UnescapedPipes(string line)
    {
        var n = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>A strict RFC 4180 reader for the tests (CRLF records, quoted fields).</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    continue;
                }

                field.Append(c);
                i++;
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c);
                field.Append(c);
            }

            i++;
        }

        Assert.Empty(record);
        return records;
    }
}
