using System.Globalization;
using System.Net;
using System.Text;

namespace PortMatrix.Documents;

/// <summary>
/// One self-contained HTML page: inline CSS, no scripts, fonts or links to fetch, sticky table
/// headers and zebra rows on screen, landscape pages with repeated table headers in print.
/// </summary>
public sealed class HtmlDocumentWriter : TextDocumentWriter
{
    private const string Style = """
        :root { color-scheme: light; --line: #c9ced6; --head: #23364d; --zebra: #f1f4f8; --muted: #56606c; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 110rem; padding: 1rem 1.5rem 3rem; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; background: #fff; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--head); }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 0.4rem; }
        dl.header { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
        dl.header dt { font-weight: 600; }
        dl.header dd { margin: 0; }
        p.legend, p.note { color: var(--muted); max-width: 60rem; }
        table { border-collapse: separate; border-spacing: 0; width: 100%; margin: 0.25rem 0 1rem; font-size: 0.92em; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { position: sticky; top: 0; z-index: 1; background: var(--head); color: #fff; font-weight: 600; }
        tbody tr:nth-child(even) td { background: var(--zebra); }
        tbody tr:hover td { background: #e2e9f3; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.95em; white-space: pre-wrap; }
        table.flows { table-layout: fixed; }
        table.flows td { overflow-wrap: anywhere; }
        .eval { color: var(--muted); }
        .fw-required { font-weight: 600; }
        .fw-not-needed, .fw-unknown { color: var(--muted); }
        .tls-yes { font-weight: 600; }
        footer { margin-top: 2rem; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          body { max-width: none; padding: 0; font-size: 9pt; }
          thead { display: table-header-group; }
          thead th { position: static; background: #fff; color: #000; border-bottom: 2px solid #000; }
          tbody tr:nth-child(even) td { background: #f2f2f2; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          tbody tr:hover td { background: inherit; }
          tr, dl.header { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
        }
        """;

    private static readonly string[] FlowColumnWidths = ["14", "11", "7", "10", "8", "4", "8", "18", "10", "10"];

    public override string Name => "html";

    public override string Extension => "html";

    public override string Description => "one self-contained HTML page (inline CSS, printable)";

    public override string Render(PortMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"generator\" content=\"").Append(PortMatrixDocument.Generator).Append("\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(document.Title)).Append("</title>\n");
        sb.Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<!-- ").Append(E(DocumentText.Written)).Append(" -->\n");
        sb.Append("<header>\n<h1>").Append(E(document.Title)).Append("</h1>\n<dl class=\"header\">\n");
        foreach (var field in document.Header)
        {
            sb.Append("<dt>").Append(E(field.Label)).Append("</dt><dd>").Append(E(field.Value)).Append("</dd>\n");
        }

        sb.Append("</dl>\n<p class=\"legend\">").Append(E(DocumentText.HowToRead)).Append(" Firewall: ");
        sb.AppendJoin("; ", DocumentText.Firewall.Select(f => $"<code>{E(f.Name)}</code> {E(f.Meaning)}"));
        sb.Append(".</p>\n</header>\n");

        if (document.IsSite)
        {
            sb.Append("<section>\n<h2>Where the roles run</h2>\n<p class=\"note\">").Append(E(DocumentText.PlacementIntro)).Append("</p>\n");
            Table(sb, ["Product", "Role", "Hosts", "Zones", "Networks"], document.Placements.Select(p => (IReadOnlyList<string>)
            [
                E(p.Product), $"{E(p.RoleName)} <code>{E(p.RoleId)}</code>", E(string.Join(", ", p.Hosts)),
                E(string.Join(", ", p.Zones)), E(string.Join(", ", p.Networks)),
            ]));
            if (document.UnplacedRoles.Count > 0)
            {
                sb.Append("<p class=\"note\">").Append(E(DocumentText.Unplaced(document.UnplacedRoles))).Append("</p>\n");
            }

            sb.Append("</section>\n");
        }

        foreach (var section in document.Sections)
        {
            sb.Append("<section>\n<h2>").Append(E(section.Title)).Append("</h2>\n<p class=\"note\">")
                .Append(DocumentText.Count(section.Groups.Sum(g => g.Rows.Count), "flow", "flows")).Append(" in ")
                .Append(DocumentText.Count(section.Groups.Count, "group", "groups")).Append(".</p>\n");
            if (section.Parameters.Count > 0)
            {
                sb.Append("<h3>Parameters the ports were evaluated with</h3>\n");
                Table(sb, ["Parameter", "Value", "Default", "Set by", "Meaning"], section.Parameters.Select(p => (IReadOnlyList<string>)
                [
                    $"<code>{E(p.Name)}</code>", p.Value.ToString(CultureInfo.InvariantCulture), p.Default.ToString(CultureInfo.InvariantCulture),
                    p.FromSite ? "site" : "catalog default", E(p.Meaning),
                ]));
            }

            foreach (var group in section.Groups)
            {
                sb.Append("<h3>").Append(E(group.Heading)).Append("</h3>\n");
                FlowTable(sb, group);
            }

            sb.Append("</section>\n");
        }

        sb.Append("<footer>\n<h2>Sources</h2>\n");
        Table(sb, ["Release", "Document", "Title", "File"], document.Sources.Select(s => (IReadOnlyList<string>)
            [E(s.Release), $"<code>{E(s.Id)}</code>", E(s.Title), s.File is null ? "" : $"<code>{E(s.File)}</code>"]));
        sb.Append("</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void FlowTable(StringBuilder sb, FlowGroup group)
    {
        // Fixed column widths so the tables of all groups line up under each other.
        sb.Append("<table class=\"flows\">\n<colgroup>");
        foreach (var width in FlowColumnWidths)
        {
            sb.Append("<col style=\"width: ").Append(width).Append("%\">");
        }

        sb.Append("</colgroup>\n<thead><tr>");
        foreach (var h in new[] { "From", "To", "Transport", "Ports", "Service", "TLS", "Firewall", "Purpose", "Source", "As written" })
        {
            sb.Append("<th scope=\"col\">").Append(h).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in group.Rows)
        {
            sb.Append("<tr id=\"").Append(E($"{r.Product}-{r.FlowId}")).Append("\">");
            Cell(sb, E(r.From));
            Cell(sb, E(r.To));
            Cell(sb, E(r.Transport));
            var ports = r.Ports.Length == 0 ? ""
                : r.PortsDiffer ? $"<code>{E(r.Ports)}</code><br><span class=\"eval\">= <code>{E(r.EvaluatedPorts)}</code></span>"
                : $"<code>{E(r.Ports)}</code>";
            sb.Append("<td class=\"ports\">").Append(ports).Append("</td>");
            Cell(sb, E(r.Service));
            sb.Append("<td class=\"tls-").Append(r.TlsText).Append("\">").Append(r.TlsText).Append("</td>");
            var fw = r.FirewallText;
            sb.Append("<td class=\"fw-").Append(fw).Append("\">").Append(fw).Append("</td>");
            Cell(sb, E(r.Purpose) + (r.Feature.Length > 0 ? $" <em>(feature <code>{E(r.Feature)}</code>)</em>" : ""));
            sb.Append("<td title=\"").Append(E(r.SourceTitle)).Append("\"><code>").Append(E(r.SourceText)).Append("</code></td>");
            Cell(sb, $"<code>{E(r.Cell)}</code>");
            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("<table>\n<thead><tr>");
        foreach (var h in headers)
        {
            sb.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                Cell(sb, cell);
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>Appends a cell whose content is already HTML (escaped text and our own tags).</summary>
    private static void Cell(StringBuilder sb, string html) => sb.Append("<td>").Append(html).Append("</td>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
