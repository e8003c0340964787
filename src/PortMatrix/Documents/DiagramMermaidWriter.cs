using System.Globalization;
using System.Text;

namespace PortMatrix.Documents;

/// <summary>
/// Writes a <see cref="DiagramGraph"/> as a Mermaid <c>flowchart LR</c>: alphanumeric node ids,
/// quoted labels with Mermaid's entity codes, one <c>subgraph</c> per cluster, thick green
/// <c>==&gt;</c> links for encrypted edges and dotted <c>-.-&gt;</c> links for cleartext.
/// </summary>
public static class DiagramMermaidWriter
{
    public static string Write(DiagramGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal) { "legend" };
        string IdOf(string id, string prefix)
        {
            if (!ids.TryGetValue(prefix + id, out var m))
            {
                var b = prefix + Sanitize(id);
                m = b;
                for (var i = 2; !used.Add(m); i++)
                {
                    m = b + "_" + i.ToString(CultureInfo.InvariantCulture);
                }

                ids[prefix + id] = m;
            }

            return m;
        }

        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        sb.Append("  %% ").Append(graph.Title.Replace('\n', ' ')).Append('\n');
        sb.Append("  %% Written by PortMatrix.\n");
        var caption = new List<string> { graph.Title };
        caption.AddRange(graph.Notes);
        caption.AddRange(graph.Legend.Select(l => "legend: " + Mermaidish(l)));
        sb.Append("  legend[").Append(Quote(caption)).Append("]\n");

        foreach (var cluster in graph.Clusters)
        {
            sb.Append("  subgraph ").Append(IdOf(cluster.Id, "c_")).Append('[').Append(Quote(cluster.Label)).Append("]\n");
            foreach (var node in graph.Nodes.Where(n => n.Cluster == cluster.Id))
            {
                sb.Append("    ").Append(IdOf(node.Id, "n_")).Append(Shape(node)).Append('\n');
            }

            sb.Append("  end\n");
        }

        foreach (var node in graph.Nodes.Where(n => n.Cluster is null || graph.Clusters.All(c => c.Id != n.Cluster)))
        {
            sb.Append("  ").Append(IdOf(node.Id, "n_")).Append(Shape(node)).Append('\n');
        }

        foreach (var edge in graph.Edges)
        {
            if (edge.Kind == DiagramEdgeKind.Membership)
            {
                sb.Append("  ").Append(IdOf(edge.From, "n_")).Append(" --- ").Append(IdOf(edge.To, "n_")).Append('\n');
                continue;
            }

            var arrow = edge.Kind switch
            {
                DiagramEdgeKind.Encrypted => "==>",
                DiagramEdgeKind.Mixed => "-->",
                _ => "-.->",
            };
            sb.Append("  ").Append(IdOf(edge.From, "n_")).Append(' ').Append(arrow).Append('|').Append(Quote(edge.Label)).Append("| ")
                .Append(IdOf(edge.To, "n_")).Append('\n');
        }

        AppendLinkStyle(sb, graph, DiagramEdgeKind.Encrypted, "stroke:#2e7d32,stroke-width:3px,color:#2e7d32");
        AppendLinkStyle(sb, graph, DiagramEdgeKind.Mixed, "stroke:#1565c0,color:#1565c0");
        AppendLinkStyle(sb, graph, DiagramEdgeKind.NoOpening, "stroke:#9e9e9e,color:#757575");
        AppendLinkStyle(sb, graph, DiagramEdgeKind.Membership, "stroke:#b0bec5,stroke-width:1px");
        sb.Append("  classDef firewall fill:#ffebee,stroke:#c62828\n");
        sb.Append("  classDef note fill:#ffffff,stroke:#b0bec5,text-align:left\n");
        sb.Append("  class legend note\n");
        var groups = graph.Nodes.Where(n => n.Kind == DiagramNodeKind.RoleGroup).Select(n => IdOf(n.Id, "n_")).ToList();
        if (groups.Count > 0)
        {
            sb.Append("  classDef group fill:#ede7f6,stroke:#5e35b1,stroke-dasharray:4 3\n");
            sb.Append("  class ").Append(string.Join(',', groups)).Append(" group\n");
        }

        var firewalls = graph.Nodes.Where(n => n.Kind == DiagramNodeKind.Firewall).Select(n => IdOf(n.Id, "n_")).ToList();
        if (firewalls.Count > 0)
        {
            sb.Append("  class ").Append(string.Join(',', firewalls)).Append(" firewall\n");
        }

        return sb.ToString();
    }

    /// <summary>A Mermaid quoted label: entity codes for characters Mermaid or HTML would read, <c>&lt;br/&gt;</c> between lines.</summary>
    public static string Quote(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return "\"" + string.Join("<br/>", lines.Select(Escape)) + "\"";
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "#quot;",
                '#' => "#35;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '|' => "#124;",
                '`' => "#96;",
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>The legend names Mermaid's own link shapes rather than Graphviz's line styles.</summary>
    private static string Mermaidish(string legend) => legend
        .Replace("bold green solid line", "thick green link", StringComparison.Ordinal)
        .Replace("blue solid line", "blue solid link", StringComparison.Ordinal)
        .Replace("grey dotted line", "grey dotted link", StringComparison.Ordinal)
        .Replace("thin grey line without arrow", "thin grey link without arrow", StringComparison.Ordinal)
        .Replace("dashed line", "dotted link", StringComparison.Ordinal);

    private static void AppendLinkStyle(StringBuilder sb, DiagramGraph graph, DiagramEdgeKind kind, string style)
    {
        var indexes = graph.Edges.Select((e, i) => (e.Kind, i)).Where(x => x.Kind == kind).Select(x => x.i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (indexes.Count > 0)
        {
            sb.Append("  linkStyle ").Append(string.Join(',', indexes)).Append(' ').Append(style).Append('\n');
        }
    }

    private static string Shape(DiagramNode node) => node.Kind switch
    {
        DiagramNodeKind.Zone or DiagramNodeKind.Network => "[/" + Quote(node.Label) + "/]",
        DiagramNodeKind.Role => "(" + Quote(node.Label) + ")",
        _ => "[" + Quote(node.Label) + "]",
    };

    private static string Sanitize(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return sb.ToString();
    }
}
