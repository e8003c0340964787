using ClosedXML.Excel;
using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Documents;

/// <summary>The workbook, read back with ClosedXML: sheets, header row, frozen pane, filter, cells.</summary>
public sealed class XlsxDocumentWriterTests
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    private static readonly string[] Headers =
    [
        "Component", "Listener", "Flow", "From", "To", "Transport", "Ports", "Evaluated ports", "Source ports", "Service", "Application",
        "TLS", "Firewall", "Purpose", "Feature", "Source document", "Source title", "Line", "As written",
    ];

    private static XLWorkbook Read(PortMatrixDocument document) =>
        new(new MemoryStream(new XlsxDocumentWriter().ToBytes(document)));

    [Fact]
    public void Has_one_sheet_per_release_then_parameters_and_sources()
    {
        var releases = Catalog.Value.Releases;

        using var book = Read(PortMatrixDocument.ForReleases(releases));

        Assert.Equal(releases.Select(r => r.Key).Append("Parameters").Append("Sources"), book.Worksheets.Select(w => w.Name));
    }

    [Theory]
    [InlineData("mitel-mx-one")]
    [InlineData("swyx-swyxware")]
    public void A_release_sheet_has_a_bold_frozen_filtered_header_and_one_row_per_flow(string product)
    {
        var release = Catalog.Value.Resolve(product).Single();

        using var book = Read(PortMatrixDocument.ForReleases([release]));

        var sheet = book.Worksheet(release.Key);
        Assert.Equal(Headers, sheet.Row(1).Cells(1, Headers.Length).Select(c => c.GetString()));
        Assert.All(sheet.Row(1).Cells(1, Headers.Length), c => Assert.True(c.Style.Font.Bold));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal($"A1:S{release.Flows.Count + 1}", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(release.Flows.Count, sheet.RangeUsed().RowCount() - 1);
        Assert.All(Enumerable.Range(1, Headers.Length), c => Assert.InRange(sheet.Column(c).Width, 8, 60));
    }

    [Fact]
    public void Cells_hold_ports_as_text_and_lines_as_numbers()
    {
        using var book = Read(PortMatrixDocument.ForReleases(Catalog.Value.Resolve("swyx-swyxware")));

        var sheet = book.Worksheet("swyx-swyxware@2013");
        var row = sheet.RowsUsed().Single(r => r.Cell(7).GetString() == "6000-{6000 + (channels - 1) * 10}");
        Assert.Equal("6000-6290", row.Cell(8).GetString());
        Assert.Equal(XLDataType.Text, row.Cell(7).DataType);
        Assert.Equal(153, row.Cell(18).GetValue<int>());
        Assert.Equal(XLDataType.Number, row.Cell(18).DataType);
        var sip = sheet.RowsUsed().First(r => r.Cell(3).GetString() == "server-sip-udp");
        Assert.Equal(("5060", XLDataType.Text), (sip.Cell(7).GetString(), sip.Cell(7).DataType));
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text()
    {
        using var book = Read(PortMatrixDocument.ForReleases(Catalog.Value.Resolve("mitel-mx-one")));

        var sheet = book.Worksheet("mitel-mx-one@7.x");
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.HasFormula);
        Assert.Contains(sheet.CellsUsed(), c => c.GetString() == "-");
    }

    [Fact]
    public void A_site_workbook_adds_the_roles_sheet()
    {
        using var book = Read(PortMatrixDocument.ForSite(Examples.Site("swyx-branch")));

        Assert.Equal(["swyx-swyxware@2013", "Parameters", "Roles", "Sources"], book.Worksheets.Select(w => w.Name));
        var roles = book.Worksheet("Roles");
        Assert.Contains(roles.RowsUsed(), r => r.Cell(3).GetString() == "swyx-server" && r.Cell(4).GetString() == "swyx1 (10.30.0.10)");
        var parameters = book.Worksheet("Parameters");
        Assert.Contains(parameters.RowsUsed(), r => r.Cell(2).GetString() == "channels" && r.Cell(5).GetString() == "site");
    }

    [Fact]
    public void Sources_sheet_names_every_source_document()
    {
        using var book = Read(PortMatrixDocument.ForReleases(Catalog.Value.Resolve("mitel-mx-one")));

        var sources = book.Worksheet("Sources");
        Assert.Equal(["Release", "Document", "Title", "File"], sources.Row(1).Cells(1, 4).Select(c => c.GetString()));
        Assert.Equal(Catalog.Value.Resolve("mitel-mx-one").Single().Sources.Count, sources.RangeUsed().RowCount() - 1);
        Assert.True(sources.AutoFilter.IsEnabled);
    }

    [Fact]
    public void The_same_document_gives_the_same_bytes_with_fixed_properties()
    {
        var document = PortMatrixDocument.ForReleases(Catalog.Value.Resolve("swyx-swyxware"));

        var first = new XlsxDocumentWriter().ToBytes(document);
        Thread.Sleep(1100);
        var second = new XlsxDocumentWriter().ToBytes(document);

        Assert.Equal(first, second);
        using var book = new XLWorkbook(new MemoryStream(first));
        Assert.Equal("PortMatrix", book.Properties.Author);
        Assert.Equal(XlsxDocumentWriter.FixedDate, book.Properties.Created.ToUniversalTime());
    }

    [Fact]
    public void Sheet_names_are_cut_to_31_characters_and_kept_unique()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var a = XlsxDocumentWriter.SheetName("a-very-long-product-identifier@2024.03", taken);
        var b = XlsxDocumentWriter.SheetName("a-very-long-product-identifier@2024.03", taken);
        var c = XlsxDocumentWriter.SheetName("odd[name]:*?/\\", taken);

        Assert.Equal("a-very-long-product-identifier@", a);
        Assert.Equal("a-very-long-product-identifie~2", b);
        Assert.Equal("odd-name------", c);
    }
}
