using System.Text;

namespace PortMatrix.Documents;

/// <summary>
/// Writes a <see cref="DiagramGraph"/> as Graphviz DOT: every id and label quoted and escaped,
/// clusters as <c>subgraph cluster_…</c>, the legend and notes as the graph's label.
/// </summary>
public static class DiagramDotWriter
{
    public static string Write(DiagramGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var sb = new StringBuilder();
        sb.Append("// ").Append(OneLine(graph.Title)).Append('\n');
        sb.Append("// Written by PortMatrix. Render it with: dot -Tsvg FILE -o FILE.svg\n");
        sb.Append("digraph \"portmatrix\" {\n");
        var caption = new List<string> { graph.Title };
        caption.AddRange(graph.Notes);
        caption.AddRange(graph.Legend.Select(l => "legend: " + l));
        sb.Append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.25, ranksep=1.1, labelloc=t, labeljust=l, label=")
            .Append(Quote(caption, "\\l")).Append("];\n");
        sb.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f2f4f7\", color=\"#5f6b7a\", fontname=\"Helvetica\", fontsize=10];\n");
        sb.Append("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#37474f\", fontcolor=\"#37474f\", arrowsize=0.7];\n");

        foreach (var cluster in graph.Clusters)
        {
            sb.Append("\n  subgraph ").Append(Quote(cluster.Id)).Append(" {\n");
            sb.Append("    label=").Append(Quote(cluster.Label)).Append(";\n");
            sb.Append("    style=\"rounded,dashed\"; color=\"#90a4ae\"; fontcolor=\"#455a64\";\n");
            foreach (var node in graph.Nodes.Where(n => n.Cluster == cluster.Id))
            {
                sb.Append("    ").Append(NodeLine(node)).Append('\n');
            }

            sb.Append("  }\n");
        }

        var loose = graph.Nodes.Where(n => n.Cluster is null || graph.Clusters.All(c => c.Id != n.Cluster)).ToList();
        if (loose.Count > 0)
        {
            sb.Append('\n');
            foreach (var node in loose)
            {
                sb.Append("  ").Append(NodeLine(node)).Append('\n');
            }
        }

        sb.Append('\n');
        foreach (var edge in graph.Edges)
        {
            if (edge.Kind == DiagramEdgeKind.Membership)
            {
                sb.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To))
                    .Append(" [dir=none, style=solid, penwidth=0.6, color=\"#b0bec5\", weight=2];\n");
                continue;
            }

            sb.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To))
                .Append(" [label=").Append(Quote(edge.Label))
                .Append(", tooltip=").Append(Quote(string.Join(", ", edge.Services)))
                .Append(", ").Append(EdgeStyle(edge.Kind)).Append("];\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>A DOT quoted string: backslashes and quotes escaped, line breaks as <c>\n</c>.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static string Quote(IReadOnlyList<string> lines, string breakAs = "\\n")
    {
        // Each line is escaped on its own; the line break escape is DOT's own, so it is added after.
        var escaped = lines.Select(l => Quote(OneLine(l))[1..^1]);
        var joined = string.Join(breakAs, escaped);
        return "\"" + (breakAs == "\\l" ? joined + "\\l" : joined) + "\"";
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string NodeLine(DiagramNode node) =>
        $"{Quote(node.Id)} [label={Quote(node.Label)}{NodeStyle(node.Kind)}];";

    private static string NodeStyle(DiagramNodeKind kind) => kind switch
    {
        DiagramNodeKind.Host => ", fillcolor=\"#e3f2fd\"",
        DiagramNodeKind.Zone => ", shape=folder, style=filled, fillcolor=\"#fff8e1\"",
        DiagramNodeKind.Network => ", fillcolor=\"#fff8e1\"",
        DiagramNodeKind.RoleGroup => ", style=\"rounded,filled,dashed\", fillcolor=\"#ede7f6\", color=\"#5e35b1\"",
        DiagramNodeKind.Firewall => ", shape=note, style=filled, fillcolor=\"#ffebee\", color=\"#c62828\"",
        _ => "",
    };

    private static string EdgeStyle(DiagramEdgeKind kind) => kind switch
    {
        DiagramEdgeKind.Encrypted => "style=bold, penwidth=2, color=\"#2e7d32\", fontcolor=\"#2e7d32\"",
        DiagramEdgeKind.Mixed => "style=solid, color=\"#1565c0\", fontcolor=\"#1565c0\"",
        DiagramEdgeKind.NoOpening => "style=dotted, color=\"#9e9e9e\", fontcolor=\"#757575\"",
        _ => "style=dashed",
    };
}
