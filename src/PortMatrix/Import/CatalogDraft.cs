using System.Text;
using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>
/// Writes an import as a catalog file ready to review: roles from the document's names, one flow
/// per imported flow with its source line and cell, and the warnings to look at.
/// </summary>
public static class CatalogDraft
{
    /// <summary>The role used where the document does not name one side of a flow.</summary>
    public const string UnnamedRole = "unnamed-peer";

    public static string Write(ImportResult result, string? vendor = null, string? product = null, string? release = null)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(result, text, vendor, product, release);
        return text.ToString();
    }

    /// <summary>Writes the draft to <paramref name="output"/> flow by flow, so a large import is never held as one string.</summary>
    public static void Write(ImportResult result, TextWriter output, string? vendor = null, string? product = null, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var fileName = Path.GetFileName(result.Document);
        var productName = product ?? Path.GetFileNameWithoutExtension(result.Document);
        var docId = YamlText.Kebab(Path.GetFileNameWithoutExtension(result.Document));
        var roles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var roleIds = new HashSet<string>(StringComparer.Ordinal);
        string RoleId(string name)
        {
            if (!roles.TryGetValue(name, out var id))
            {
                id = YamlText.Kebab(name);
                var n = 2;
                while (roleIds.Contains(id) || id == UnnamedRole)
                {
                    id = $"{YamlText.Kebab(name)}-{n++}";
                }

                roles[name] = id;
                roleIds.Add(id);
            }

            return id;
        }

        var unnamedUsed = false;
        string Side(IReadOnlyList<string> names)
        {
            if (names.Count == 0)
            {
                unnamedUsed = true;
                return UnnamedRole;
            }

            if (names.Count == 1)
            {
                return RoleId(names[0]);
            }

            var list = names.Select(RoleId).Distinct().ToList();
            return list.Count == 1 ? list[0] : "[" + string.Join(", ", list) + "]";
        }

        // The roles come before the flows in the file: name them all first, in the order the flows use them.
        foreach (var f in result.Flows)
        {
            _ = Side(f.From);
            _ = Side(f.To);
        }

        var sb = new StringBuilder();
        sb.Append("# Draft catalog file made by 'portmatrix import' from ").Append(fileName).Append(".\n");
        sb.Append("# Review every flow against the document before relying on it; rewrite purposes in your own words.\n");
        sb.Append("id: ").Append(YamlText.Kebab(productName)).Append('\n');
        sb.Append("vendor: ").Append(YamlText.Scalar(vendor ?? "unknown")).Append('\n');
        sb.Append("product: ").Append(YamlText.Scalar(productName)).Append('\n');
        sb.Append("release: ").Append(YamlText.Quote(release ?? "draft")).Append('\n');
        sb.Append("sources:\n");
        sb.Append("  - id: ").Append(docId).Append('\n');
        sb.Append("    title: ").Append(YamlText.Scalar(fileName)).Append('\n');
        if (result.Warnings.Count > 0)
        {
            sb.Append("    warnings:\n");
            foreach (var w in result.Warnings)
            {
                sb.Append("      - { line: ").Append(w.Line).Append(", code: ").Append(w.Code)
                  .Append(", why: ").Append(YamlText.Quote("TO REVIEW: " + w.Message)).Append(" }\n");
            }
        }

        var parameters = result.Flows.SelectMany(f => f.Ports.Parameters).Distinct(StringComparer.Ordinal).ToList();
        if (parameters.Count > 0)
        {
            sb.Append("parameters:\n");
            foreach (var p in parameters)
            {
                sb.Append("  - { name: ").Append(p).Append(", default: 1, meaning: ").Append(YamlText.Quote("TO REVIEW: set a sensible default")).Append(" }\n");
            }
        }

        sb.Append(roles.Count == 0 && !unnamedUsed ? "roles: []\n" : "roles:\n");
        foreach (var (name, id) in roles)
        {
            sb.Append("  - { id: ").Append(id).Append(", name: ").Append(YamlText.Quote(name)).Append(" }\n");
        }

        if (unnamedUsed)
        {
            sb.Append("  - { id: ").Append(UnnamedRole).Append(", name: ").Append(YamlText.Quote("Peer not named in the document")).Append(" }\n");
        }

        sb.Append("flows:\n");
        output.Write(sb);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in result.Flows)
        {
            var baseId = YamlText.Kebab($"{f.Service}-{f.Transport.ToName()}-{FirstPort(f.Ports)}");
            var id = baseId;
            for (var n = 2; !ids.Add(id); n++)
            {
                id = $"{baseId}-{n}";
            }

            sb.Clear();
            sb.Append("  - id: ").Append(id).Append('\n');
            sb.Append("    service: ").Append(YamlText.Scalar(f.Service)).Append('\n');
            if (f.Component is not null)
            {
                sb.Append("    component: ").Append(YamlText.Scalar(f.Component)).Append('\n');
            }

            sb.Append("    from: ").Append(Side(f.From)).Append('\n');
            sb.Append("    to: ").Append(Side(f.To)).Append('\n');
            sb.Append("    transport: ").Append(f.Transport.ToName()).Append('\n');
            sb.Append("    ports: ").Append(YamlText.Quote(f.Ports.ToString())).Append('\n');
            if (f.SourcePorts is not null)
            {
                sb.Append("    source-ports: ").Append(YamlText.Quote(f.SourcePorts.ToString())).Append('\n');
            }

            if (f.Application is not null)
            {
                sb.Append("    application: ").Append(YamlText.Scalar(f.Application)).Append('\n');
            }

            if (f.Tls)
            {
                sb.Append("    tls: true\n");
            }

            sb.Append("    firewall: ").Append(f.Firewall.ToName()).Append('\n');
            if (f.Configurable)
            {
                sb.Append("    configurable: true\n");
            }

            if (f.DefaultState is not null)
            {
                sb.Append("    default-state: ").Append(YamlText.Scalar(f.DefaultState)).Append('\n');
            }

            sb.Append("    purpose: ").Append(YamlText.Quote(f.Purpose ?? f.Service)).Append('\n');
            if (f.Note is not null)
            {
                sb.Append("    note: ").Append(YamlText.Quote(f.Note)).Append('\n');
            }

            sb.Append("    source: { doc: ").Append(docId).Append(", line: ").Append(f.Line)
                .Append(", cell: ").Append(YamlText.Quote(f.Cell)).Append(" }\n");
            output.Write(sb);
        }
    }

    private static string FirstPort(PortExpression ports)
    {
        var text = ports.ToString();
        var end = text.IndexOfAny([',', '-', '{']);
        return end > 0 ? text[..end] : text;
    }
}
