using System.Globalization;
using System.Text;

namespace PortMatrix.Documents;

/// <summary>GitHub-flavoured Markdown: a header list, one table per flow group, a table of sources.</summary>
public sealed class MarkdownDocumentWriter : TextDocumentWriter
{
    private static readonly string[] FlowColumns = ["From", "To", "Transport", "Ports", "Service", "TLS", "Firewall", "Purpose", "Source", "As written"];

    public override string Name => "md";

    public override string Extension => "md";

    public override string Description => "Markdown with GitHub tables";

    public override string Render(PortMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.Append("<!-- ").Append(DocumentText.Written).Append(" -->\n");
        sb.Append("# ").Append(Text(document.Title)).Append("\n\n");
        foreach (var field in document.Header)
        {
            sb.Append("- **").Append(Text(field.Label)).Append(":** ").Append(Text(field.Value)).Append('\n');
        }

        sb.Append('\n').Append(DocumentText.HowToRead).Append(" Firewall:\n\n");
        foreach (var (name, meaning) in DocumentText.Firewall)
        {
            sb.Append("- `").Append(name).Append("`: ").Append(Text(meaning)).Append('\n');
        }

        if (document.IsSite)
        {
            sb.Append("\n## Where the roles run\n\n").Append(Text(DocumentText.PlacementIntro)).Append("\n\n");
            Table(sb, ["Product", "Role", "Hosts", "Zones", "Networks"], document.Placements.Select(p => (IReadOnlyList<string>)
            [
                Text(p.Product), $"{Text(p.RoleName)} ({Code(p.RoleId)})", Text(string.Join(", ", p.Hosts)),
                Text(string.Join(", ", p.Zones)), Text(string.Join(", ", p.Networks)),
            ]));
            if (document.UnplacedRoles.Count > 0)
            {
                sb.Append('\n').Append(Text(DocumentText.Unplaced(document.UnplacedRoles))).Append('\n');
            }
        }

        foreach (var section in document.Sections)
        {
            var flows = section.Groups.Sum(g => g.Rows.Count);
            sb.Append("\n## ").Append(Text(section.Title)).Append("\n\n");
            sb.Append(DocumentText.Count(flows, "flow", "flows")).Append(" in ").Append(DocumentText.Count(section.Groups.Count, "group", "groups")).Append(".\n");
            if (section.Parameters.Count > 0)
            {
                sb.Append("\nParameters the ports were evaluated with:\n\n");
                Table(sb, ["Parameter", "Value", "Default", "Set by", "Meaning"], section.Parameters.Select(p => (IReadOnlyList<string>)
                [
                    Code(p.Name), p.Value.ToString(CultureInfo.InvariantCulture), p.Default.ToString(CultureInfo.InvariantCulture),
                    p.FromSite ? "site" : "catalog default", Text(p.Meaning),
                ]));
            }

            foreach (var group in section.Groups)
            {
                sb.Append("\n### ").Append(Text(group.Heading)).Append("\n\n");
                Table(sb, FlowColumns, group.Rows.Select(r => (IReadOnlyList<string>)
                [
                    Text(r.From), Text(r.To), r.Transport, Ports(r), Text(r.Service), r.TlsText, r.FirewallText,
                    Text(r.Purpose) + (r.Feature.Length > 0 ? $" (feature {Code(r.Feature)})" : ""),
                    Code(r.SourceText), Code(r.Cell),
                ]));
            }
        }

        sb.Append("\n## Sources\n\n");
        Table(sb, ["Release", "Document", "Title", "File"], document.Sources.Select(s => (IReadOnlyList<string>)
            [Text(s.Release), Code(s.Id), Text(s.Title), s.File is null ? "" : Code(s.File)]));
        return sb.ToString();
    }

    private static string Ports(MatrixRow row) =>
        row.Ports.Length == 0 ? "" : row.PortsDiffer ? $"{Code(row.Ports)} → {Code(row.EvaluatedPorts)}" : Code(row.Ports);

    private static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").AppendJoin(" | ", headers).Append(" |\n");
        sb.Append('|').AppendJoin('|', headers.Select(_ => " --- ")).Append("|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }
    }

    /// <summary>Plain text in a table cell: Markdown's active characters escaped, lines joined.</summary>
    internal static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in OneLine(text))
        {
            if (c is '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>A code span that shows the text exactly; only '|' needs escaping inside a GitHub table.</summary>
    internal static string Code(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        var body = OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);
        var fence = body.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = fence.Length > 1 || body.StartsWith('`') || body.EndsWith('`') ? " " : "";
        return fence + pad + body + pad + fence;
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
