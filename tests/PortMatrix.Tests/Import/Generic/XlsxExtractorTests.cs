using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

public sealed class XlsxExtractorTests
{
    private static string Cells(TableRow row) => string.Join(" | ", row.Cells.Select(c => $"{c.Column}:{c.Text}@{c.Line}"));

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Sheet "Ports": a title merged over A1:D1, a header, SIP merged down A3:A4, a port with a thousands
    /// format, an empty row, a one-cell title "Management", a second table, and a note row. Sheet "Media":
    /// a table starting at B2 whose header "Ports" is merged over C2:D2.
    /// </summary>
    internal static byte[] Workbook()
    {
        using var workbook = new XLWorkbook();
        var ports = workbook.AddWorksheet("Ports");
        ports.Cell("A1").Value = "MX-ONE ports";
        ports.Range("A1:D1").Merge();
        ports.Cell("A2").Value = "Service";
        ports.Cell("B2").Value = "Port";
        ports.Cell("C2").Value = "Protocol";
        ports.Cell("D2").Value = "Direction";
        ports.Cell("A3").Value = "SIP";
        ports.Range("A3:A4").Merge();
        ports.Cell("B3").Value = 5060;
        ports.Cell("C3").Value = "UDP";
        ports.Cell("D3").Value = "in";
        ports.Cell("B4").Value = 5061;
        ports.Cell("C4").Value = "TLS";
        ports.Cell("D4").Value = "in";
        ports.Cell("A5").Value = "RTP";
        ports.Cell("B5").Value = 10000;
        ports.Cell("B5").Style.NumberFormat.Format = "#,##0";
        ports.Cell("C5").Value = "UDP";
        ports.Cell("A8").Value = "Management";
        ports.Cell("A10").Value = "SSH";
        ports.Cell("B10").Value = 22;
        ports.Cell("C10").Value = "TCP\n(v2 only)";
        ports.Cell("A11").Value = "SNMP";
        ports.Cell("B11").Value = 161;
        ports.Cell("C11").Value = 1.5;
        ports.Cell("A13").Value = "All ports are configurable";
        var media = workbook.AddWorksheet("Media");
        media.Cell("B2").Value = "Service";
        media.Cell("C2").Value = "Ports";
        media.Range("C2:D2").Merge();
        media.Cell("B3").Value = "RTP";
        media.Cell("C3").Value = 10000;
        media.Cell("D3").Value = 20000;
        media.Cell("B4").Value = "T.38";
        media.Cell("C4").FormulaA1 = "1/0";
        return Save(workbook);
    }

    private static ExtractedDocument Extract(byte[] bytes, string path = "ports.xlsx") =>
        new XlsxExtractor().Extract(path, new MemoryStream(bytes));

    [Fact]
    public void Reads_every_sheet_split_at_empty_rows_with_merged_values_repeated()
    {
        // Given the two-sheet workbook
        var document = Extract(Workbook());

        // Then each block of rows is a table at its sheet rows and columns, merged values in every cell they cover
        Assert.Equal("xlsx", document.Format);
        Assert.Equal(3, document.Tables.Count);
        var first = document.Tables[0];
        Assert.Equal(("MX-ONE ports", "sheet Ports"), (first.Section, first.Origin));
        Assert.Equal(
            [
                "1:Service@2 | 2:Port@2 | 3:Protocol@2 | 4:Direction@2",
                "1:SIP@3 | 2:5060@3 | 3:UDP@3 | 4:in@3",
                "1:SIP@4 | 2:5061@4 | 3:TLS@4 | 4:in@4",
                "1:RTP@5 | 2:10000@5 | 3:UDP@5 | 4:@5",
            ],
            first.Rows.Select(Cells));
        Assert.Equal([2, 3, 4, 5], first.Rows.Select(r => r.Line));

        var second = document.Tables[1];
        Assert.Equal(("Management", "sheet Ports"), (second.Section, second.Origin));
        Assert.Equal(["1:SSH@10 | 2:22@10 | 3:TCP (v2 only)@10", "1:SNMP@11 | 2:161@11 | 3:1.5@11"], second.Rows.Select(Cells));

        var third = document.Tables[2];
        Assert.Equal(("Media", "sheet Media"), (third.Section, third.Origin));
        Assert.Equal(["2:Service@2 | 3:Ports@2 | 4:Ports@2", "2:RTP@3 | 3:10000@3 | 4:20000@3", "2:T.38@4 | 3:@4 | 4:@4"], third.Rows.Select(Cells));
    }

    [Fact]
    public void Reads_rows_of_one_value_as_lines_under_the_current_title()
    {
        // Given the workbook, whose sheet "Ports" ends with a note row
        var document = Extract(Workbook());

        // Then the note is a line at its row; the titles are sections, not lines
        var line = Assert.Single(document.Lines);
        Assert.Equal(new TextLine("All ports are configurable", 13, "Management"), line);
    }

    [Fact]
    public void Leaves_a_note_for_rows_past_the_cap()
    {
        // Given a sheet of 50 port rows and an extractor that reads 20 rows per sheet
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Big");
        for (var r = 1; r <= 50; r++)
        {
            sheet.Cell(r, 1).Value = "svc" + r;
            sheet.Cell(r, 2).Value = 1000 + r;
        }

        // When it is extracted
        var document = new XlsxExtractor(maxRows: 20).Extract("big.xlsx", new MemoryStream(Save(workbook)));

        // Then 20 rows are read and a note says where reading stopped
        Assert.Equal(20, Assert.Single(document.Tables).Rows.Count);
        var note = Assert.Single(document.Lines);
        Assert.True(ExtractionNote.IsNote(note));
        Assert.Equal("(not read: rows after row 20 of sheet 'Big')", note.Text);
        Assert.Equal(21, note.Line);
    }

    [Theory]
    [InlineData("ports.xlsx", true)]
    [InlineData("ports.csv", true)]
    [InlineData("ports", true)]
    public void Takes_a_workbook_whatever_its_name(string path, bool expected) =>
        Assert.Equal(expected, new XlsxExtractor().CanExtract(path, Workbook().AsSpan(0, 64)));

    [Theory]
    [InlineData("ports.xlsx", "Service,Port", true)]
    [InlineData("ports.csv", "Service,Port", false)]
    [InlineData("ports.txt", "PK", false)]
    public void Recognises_spreadsheets_by_name_or_zip_header(string path, string head, bool expected) =>
        Assert.Equal(expected, new XlsxExtractor().CanExtract(path, Encoding.ASCII.GetBytes(head)));

    [Fact]
    public void A_workbook_renamed_csv_is_read_as_a_workbook()
    {
        // Given the workbook saved as ports.csv
        var document = Extract(Workbook(), "ports.csv");

        // Then it is read as a spreadsheet, not as text
        Assert.Equal(3, document.Tables.Count);
    }

    [Fact]
    public void Refuses_a_truncated_workbook_with_a_clear_error()
    {
        // Given the first half of the workbook
        var bytes = Workbook();

        // Then only our error escapes, and it names the file
        var error = Assert.Throws<PortMatrixException>(() => Extract(bytes[..(bytes.Length / 2)]));
        Assert.StartsWith("'ports.xlsx' is not a readable spreadsheet: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_random_bytes_named_xlsx()
    {
        var random = new Random(4);
        var bytes = new byte[5000];
        random.NextBytes(bytes);
        var error = Assert.Throws<PortMatrixException>(() => Extract(bytes));
        Assert.Contains("not an XLSX file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_encrypted_or_legacy_workbook()
    {
        // Given the header of an OLE compound file (how Excel stores password-protected workbooks)
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var error = Assert.Throws<PortMatrixException>(() => Extract(bytes));
        Assert.Contains("password-protected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_zip_that_is_not_a_workbook()
    {
        var error = Assert.Throws<PortMatrixException>(() => Extract(ZipOfText(), "ports.zip"));
        Assert.Contains("holds no Excel workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_workbooks_give_a_document_or_our_error_only()
    {
        // Given 200 copies of the workbook, each with a few random bytes changed
        var original = Workbook();
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 1 + random.Next(8); k++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            // Then each is read or refused with our error, nothing else
            try
            {
                Extract(bytes);
            }
            catch (PortMatrixException)
            {
            }
        }
    }

    [Theory]
    [InlineData("ports.csv", "zip", "holds no Excel workbook")]
    [InlineData("ports.xlsx", "random", "not an XLSX file")]
    [InlineData("ports.xlsx", "truncated", "is not a readable spreadsheet")]
    public void The_importer_refuses_unreadable_spreadsheets_with_our_error(string name, string content, string message)
    {
        // Given a file whose bytes are not a readable workbook
        var bytes = content switch
        {
            "zip" => ZipOfText(),
            "random" => RandomBytes(),
            _ => Workbook()[..2000],
        };
        var path = Path.Combine(Path.GetTempPath(), $"portmatrix-{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, bytes);
        try
        {
            // When it is imported, then the spreadsheet extractor refuses it before any text reading
            var error = Assert.Throws<PortMatrixException>(() => new DocumentImporter().Import(path));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        static byte[] RandomBytes()
        {
            var random = new byte[3000];
            new Random(5).NextBytes(random);
            return random;
        }
    }

    private static byte[] ZipOfText()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("ports.csv").Open());
            writer.Write("Service,Port\nSIP,5060\n");
        }

        return stream.ToArray();
    }

    // End-to-end (XLSX file -> DocumentImporter -> interpreter -> flows). DISABLED UNTIL MERGE: TableInterpreter
    // is still a stub that throws NotImplementedException in this branch; remove Skip once it is merged.
    [Fact]
    public void Imports_flows_from_a_workbook_end_to_end()
    {
        // Given the workbook on disk
        var path = Path.Combine(Path.GetTempPath(), $"portmatrix-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, Workbook());
        try
        {
            // When it is imported
            var result = new DocumentImporter().Import(path);

            // Then the rows become flows at their sheet rows
            Assert.Contains(result.Flows, f => f.Transport.ToName() == "udp" && f.Ports.ToString() == "5060" && f.Line == 3);
            Assert.Contains(result.Flows, f => f.Ports.ToString() == "5061" && f.Tls && f.Line == 4);
            Assert.Contains(result.Flows, f => f.Transport.ToName() == "tcp" && f.Ports.ToString() == "22" && f.Line == 10);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
