using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace PortMatrix.Documents;

/// <summary>
/// An Excel workbook (ClosedXML): one sheet per release with a bold, frozen header row and an
/// auto-filter, a Parameters sheet, for a site a Roles sheet, and a Sources sheet. The same
/// document always gives the same bytes (fixed dates, fixed part names and zip timestamps).
/// </summary>
public sealed partial class XlsxDocumentWriter : IDocumentWriter
{
    /// <summary>The date written as the workbook's creation date when the document has none.</summary>
    public static readonly DateTime FixedDate = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const int MaxWidth = 60;

    public string Name => "xlsx";

    public string Extension => "xlsx";

    public string Description => "an Excel workbook, one sheet per release";

    public bool IsText => false;

    public void Write(PortMatrixDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();
        var date = document.Date is { } d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : FixedDate;
        workbook.Properties.Author = PortMatrixDocument.Generator;
        workbook.Properties.LastModifiedBy = PortMatrixDocument.Generator;
        workbook.Properties.Title = document.Title;
        workbook.Properties.Subject = string.Join("; ", document.Header.Select(f => $"{f.Label}: {f.Value}"));
        workbook.Properties.Comments = DocumentText.Written;
        workbook.Properties.Created = date;
        workbook.Properties.Modified = date;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in document.Sections)
        {
            Sheet(workbook, SheetName(section.Release.Key, names),
                ["Component", "Listener", "Flow", "From", "To", "Transport", "Ports", "Evaluated ports", "Source ports", "Service", "Application",
                    "TLS", "Firewall", "Purpose", "Feature", "Source document", "Source title", "Line", "As written"],
                section.Groups.SelectMany(g => g.Rows.Select(r => (IReadOnlyList<object>)
                [
                    r.Component, g.Listener, r.FlowId, r.From, r.To, r.Transport, r.Ports, r.EvaluatedPorts, r.SourcePorts, r.Service, r.Application,
                    r.TlsText, r.FirewallText, r.Purpose, r.Feature, r.SourceDoc, r.SourceTitle, r.Line, r.Cell,
                ])));
        }

        var parameters = document.Sections.SelectMany(s => s.Parameters.Select(p => (IReadOnlyList<object>)
            [s.Title, p.Name, p.Value, p.Default, p.FromSite ? "site" : "catalog default", p.Meaning])).ToList();
        if (parameters.Count > 0)
        {
            Sheet(workbook, SheetName("Parameters", names), ["Release", "Parameter", "Value", "Default", "Set by", "Meaning"], parameters);
        }

        if (document.IsSite)
        {
            Sheet(workbook, SheetName("Roles", names), ["Product", "Role", "Role id", "Hosts", "Zones", "Networks"],
                document.Placements.Select(p => (IReadOnlyList<object>)
                    [p.Product, p.RoleName, p.RoleId, string.Join(", ", p.Hosts), string.Join(", ", p.Zones), string.Join(", ", p.Networks)]));
        }

        Sheet(workbook, SheetName("Sources", names), ["Release", "Document", "Title", "File"],
            document.Sources.Select(s => (IReadOnlyList<object>)[s.Release, s.Id, s.Title, s.File ?? ""]));

        using var raw = new MemoryStream();
        workbook.SaveAs(raw);
        output.Write(Deterministic(raw.ToArray()));
    }

    private static void Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object>> rows)
    {
        var sheet = workbook.Worksheets.Add(name);
        var widths = headers.Select(h => h.Length + 4).ToArray();
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
        }

        var row = 1;
        foreach (var values in rows)
        {
            row++;
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                switch (values[c])
                {
                    case int i: cell.SetValue(i); break;
                    case long l: cell.SetValue(l); break;
                    case var v:
                        // Text stays text: "5060,5061" must not become a number, "=x" not a formula.
                        var text = v.ToString() ?? "";
                        cell.SetValue(text);
                        cell.DataType = XLDataType.Text;
                        widths[c] = Math.Max(widths[c], text.Length + 2);
                        break;
                }
            }
        }

        var header = sheet.Range(1, 1, 1, headers.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromArgb(0xDD, 0xE4, 0xEE);
        sheet.SheetView.FreezeRows(1);
        sheet.RangeUsed().SetAutoFilter();
        for (var c = 0; c < headers.Count; c++)
        {
            // Widths from text lengths: ClosedXML's AdjustToContents needs GDI+, which Linux lacks.
            sheet.Column(c + 1).Width = Math.Clamp(widths[c], 8, MaxWidth);
            if (widths[c] > MaxWidth)
            {
                sheet.Column(c + 1).Style.Alignment.WrapText = true;
            }
        }

        sheet.Range(1, 1, row, headers.Count).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    /// <summary>A sheet name Excel accepts: no <c>[]:*?/\</c>, at most 31 characters, unique in the workbook.</summary>
    internal static string SheetName(string wanted, HashSet<string> taken)
    {
        var clean = new string(wanted.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '-' : c).ToArray()).Trim('\'');
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $"~{n}";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }

    /// <summary>
    /// Rewrites the package so it depends only on the document: System.IO.Packaging names the core
    /// properties part and the package relationships with fresh GUIDs and stamps every zip entry
    /// with the current time.
    /// </summary>
    internal static byte[] Deterministic(byte[] package)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in input.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries.Add((entry.FullName, copy.ToArray()));
            }
        }

        var core = entries.FindIndex(e => e.Name.EndsWith(".psmdcp", StringComparison.Ordinal));
        const string CoreName = "package/services/metadata/core-properties/core.psmdcp";
        var rels = entries.FindIndex(e => e.Name == "_rels/.rels");
        if (rels >= 0)
        {
            var text = Encoding.UTF8.GetString(entries[rels].Data);
            if (core >= 0)
            {
                text = text.Replace("/" + entries[core].Name, "/" + CoreName, StringComparison.Ordinal);
            }

            var n = 0;
            text = RandomRelationshipId().Replace(text, _ => $"Id=\"rIdPkg{++n}\"");
            entries[rels] = (entries[rels].Name, Encoding.UTF8.GetBytes(text));
        }

        if (core >= 0)
        {
            entries[core] = (CoreName, entries[core].Data);
        }

        entries.Sort((a, b) => (a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml") switch
        {
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a.Name, b.Name),
        });

        using var result = new MemoryStream();
        using (var output = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                var entry = output.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(FixedDate);
                using var stream = entry.Open();
                stream.Write(data);
            }
        }

        return result.ToArray();
    }

    [GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial Regex RandomRelationshipId();
}
