using ClosedXML.Excel;
using PortMatrix.Tests.TestSupport;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// The generic-import corpus: documents written for issue 4 under <c>Corpus/</c>, each with a hand-written
/// <c>NAME.expected.yaml</c>; the workbook and the PDF are built here, by code, into a temporary folder.
/// </summary>
internal static class CorpusDocuments
{
    private static readonly DateTime FixedDate = new(2025, 4, 2, 0, 0, 0, DateTimeKind.Utc);

    public static string Dir { get; } = Path.Combine(Repo.Root, "tests", "PortMatrix.Tests", "Import", "Generic", "Corpus");

    /// <summary>The names of all corpus documents (sidecar names without <c>.expected.yaml</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetFiles(Dir, "*.expected.yaml")
        .Select(p => Path.GetFileName(p)[..^".expected.yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static ExpectedDocument Expected(string name) => ExpectedDocument.Load(Path.Combine(Dir, name + ".expected.yaml"));

    /// <summary>The document file of a name in the corpus folder (not for generated documents).</summary>
    public static string? StoredFile(string name) => Directory.GetFiles(Dir, name + ".*")
        .Where(p => !p.EndsWith(".expected.yaml", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .SingleOrDefault();

    /// <summary>
    /// A path to import for the document: the stored file, or for a generated document a file written
    /// into <paramref name="tempDir"/> (XLSX and PDF are built by the tests, not committed).
    /// </summary>
    public static string Materialize(ExpectedDocument expected, string tempDir)
    {
        ArgumentNullException.ThrowIfNull(expected);
        switch (expected.Generate)
        {
            case "xlsx":
                var xlsx = Path.Combine(tempDir, expected.Name + ".xlsx");
                WriteMessagingWorkbook(xlsx);
                return xlsx;
            case "pdf":
                var pdf = Path.Combine(tempDir, expected.Name + ".pdf");
                File.WriteAllBytes(pdf, PagingManualPdf());
                return pdf;
            default:
                return StoredFile(expected.Name) ?? throw new FileNotFoundException($"corpus document {expected.Name}.* is missing beside its sidecar in {Dir}.");
        }
    }

    /// <summary>
    /// Osprey Unified Messaging's port workbook: sheet "Server ports" (merged title row, a date row, a
    /// two-row header with merged cells, numeric port cells) and sheet "Integration" (merged title row,
    /// Initiator / Listener columns, a "Configurable" port, an ICMP row without port).
    /// </summary>
    public static void WriteMessagingWorkbook(string path)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Created = FixedDate;
        workbook.Properties.Modified = FixedDate;

        var server = workbook.Worksheets.Add("Server ports");
        server.Cell(1, 1).Value = "Osprey Unified Messaging 6.2 \u2013 required ports";
        server.Range(1, 1, 1, 5).Merge();
        server.Cell(2, 1).Value = "Reviewed";
        server.Cell(2, 2).Value = FixedDate;
        server.Cell(3, 1).Value = "Service";
        server.Range(3, 1, 4, 1).Merge();
        server.Cell(3, 2).Value = "Destination";
        server.Range(3, 2, 3, 3).Merge();
        server.Cell(4, 2).Value = "Protocol";
        server.Cell(4, 3).Value = "Port";
        server.Cell(3, 4).Value = "Direction";
        server.Range(3, 4, 4, 4).Merge();
        server.Cell(3, 5).Value = "Notes";
        server.Range(3, 5, 4, 5).Merge();
        Rows(server, 5,
        [
            ["SIP", "UDP", 5060, "Inbound", "From the PBX"],
            ["SIP over TLS", "TCP", 5061, "Inbound", "TLS 1.2 or later"],
            ["Web access", "TCP", 443, "Inbound", "Browser clients"],
            ["IMAP", "TCP", 993, "Outbound", "To the mail store"],
            ["Media", "UDP", "20000-20999", "Both", "64 kbps per channel"],
        ]);

        var integration = workbook.Worksheets.Add("Integration");
        integration.Cell(1, 1).Value = "Integrations";
        integration.Range(1, 1, 1, 5).Merge();
        Rows(integration, 2,
        [
            ["Protocol", "Port", "Initiator", "Listener", "Comment"],
            ["TCP", 389, "Osprey", "Directory server", "LDAP"],
            ["TCP", 25, "Osprey", "Mail relay", "Notifications"],
            ["UDP", 162, "Osprey", "NMS", "SNMPv3 traps"],
            ["TCP", "Configurable", "Osprey", "CRM", "No default port"],
            ["ICMP", "", "Monitoring", "Osprey", "Ping"],
        ]);
        workbook.SaveAs(path);
    }

    /// <summary>
    /// Finch Paging Server's manual page as a PDF: a heading, a line of version text, a table whose
    /// columns are aligned by position only, and two sentences with ports (page lines 11 and 12).
    /// </summary>
    public static byte[] PagingManualPdf()
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        page.AddText("Finch Paging Server 3 - Network Ports", 16, new PdfPoint(50, 800), bold);
        page.AddText("Version 3.4, published 2024-09-12. Signalling requires TLS 1.2.", 10, new PdfPoint(50, 780), regular);
        page.AddText("Required ports", 13, new PdfPoint(50, 760), bold);
        double[] columns = [50, 120, 200, 290];
        string[][] table =
        [
            ["Protocol", "Port", "Direction", "Description"],
            ["UDP", "5060", "Inbound", "SIP from the call manager"],
            ["TCP", "5061", "Inbound", "SIP over TLS"],
            ["UDP", "2000-2100", "Outbound", "RTP to the paging amplifiers"],
            ["TCP", "80", "Inbound", "Web interface"],
            ["TCP", "443", "Inbound", "Web interface over HTTPS"],
        ];
        var y = 740.0;
        foreach (var row in table)
        {
            for (var c = 0; c < row.Length; c++)
            {
                page.AddText(row[c], 10, new PdfPoint(columns[c], y), y == 740.0 ? bold : regular);
            }

            y -= 15;
        }

        page.AddText("Other traffic", 13, new PdfPoint(50, 640), bold);
        page.AddText("The paging server sends SNMP traps to UDP 162 on the management station.", 10, new PdfPoint(50, 620), regular);
        page.AddText("The paging server synchronises its clock from an NTP server on UDP 123.", 10, new PdfPoint(50, 605), regular);
        return builder.Build();
    }

    private static void Rows(IXLWorksheet sheet, int firstRow, object[][] rows)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(firstRow + r, c + 1).Value = rows[r][c];
            }
        }
    }
}
