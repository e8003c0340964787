using System.CommandLine;
using PortMatrix.Cli.Output;
using PortMatrix.Documents;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Sites;

namespace PortMatrix.Cli.Commands;

/// <summary><c>diagram</c>: the flows of a product or a site as a Graphviz, SVG or Mermaid diagram.</summary>
internal static class DiagramCommand
{
    private static readonly string[] Formats = ["dot", "svg", "mermaid", "json"];

    public static Command Create(CliContext ctx)
    {
        var subject = new Argument<string>("subject") { Description = "A product id or name with optional @RELEASE, or a site file (.yaml)." };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Output format: dot (Graphviz), svg (runs Graphviz 'dot'), mermaid, json (the nodes and edges). Default: from the -o file's extension, else dot.",
            HelpName = string.Join("|", Formats),
        };
        format.AcceptOnlyFromAmong(Formats);
        var all = new Option<bool>("--all") { Description = "Products: also draw flows that need no firewall opening (grey, dotted)." };
        var noGroups = new Option<bool>("--no-groups") { Description = "Products: draw every role pair instead of one node for a large set of roles that share several flows." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output (refuses to overwrite a file that PortMatrix did not write)." };
        var command = ctx.Command("diagram", "Draw the network flows of a product (roles) or a site (hosts and zones) as a diagram.",
        [
            "portmatrix diagram swyx-swyxware --format svg -o swyx.svg",
            "portmatrix diagram avaya-ip-office@9.1 --format mermaid",
            "portmatrix diagram examples/mx-one-hq.yaml | dot -Tpng -o hq.png",
            "portmatrix diagram mitel-mx-one --all --format dot",
        ]);
        command.Add(subject);
        command.Add(format);
        command.Add(all);
        command.Add(noGroups);
        command.Add(output);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            var fmt = parse.GetValue(format) ?? FormatOf(path);
            var loaded = ctx.LoadSubject(parse, parse.GetValue(subject)!);
            DiagramGraph graph;
            if (loaded.Site is { } site)
            {
                if (parse.GetValue(all) || parse.GetValue(noGroups))
                {
                    ctx.Warn("note: --all and --no-groups apply to products; a site diagram shows the compiled rules.");
                }

                graph = DiagramBuilder.ForSite(PolicyCompiler.Compile(site));
            }
            else
            {
                var release = loaded.Releases.OrderBy(r => r.Release, ReleaseOrder.Instance).Last();
                if (loaded.Releases.Count > 1)
                {
                    ctx.Warn($"note: {release.Id} has {loaded.Releases.Count} releases; drawing {release.Release} (name one with {release.Id}@RELEASE).");
                }

                graph = DiagramBuilder.ForProduct(loaded.Catalog, release,
                    new DiagramOptions { IncludeNotNeeded = parse.GetValue(all), NoGroups = parse.GetValue(noGroups) });
            }

            string text;
            switch (fmt)
            {
                case "json":
                    using (var w = new StringWriter())
                    {
                        Writers.Json(w, ToRecord(graph));
                        text = w.ToString();
                    }

                    break;
                case "mermaid": text = DiagramMermaidWriter.Write(graph); break;
                case "svg": text = DiagramSvg.Render(DiagramDotWriter.Write(graph)); break;
                default: text = DiagramDotWriter.Write(graph); break;
            }

            SiteCommands.WriteOutput(ctx, path, text);
            return 0;
        });
        return command;
    }

    private static string FormatOf(string? path) => Path.GetExtension(path ?? "").ToLowerInvariant() switch
    {
        ".svg" => "svg",
        ".mmd" or ".mermaid" => "mermaid",
        ".json" => "json",
        _ => "dot",
    };

    private static Record ToRecord(DiagramGraph graph) => new Record()
        .Add("title", graph.Title)
        .Add("notes", graph.Notes.ToList())
        .Add("clusters", graph.Clusters.Select(c => new Record().Add("id", c.Id).Add("label", c.Label.ToList())).ToList())
        .Add("nodes", graph.Nodes.Select(n => new Record().Add("id", n.Id).Add("kind", n.Kind.ToString().ToLowerInvariant()).Add("label", n.Label.ToList()).Add("cluster", n.Cluster)).ToList())
        .Add("edges", graph.Edges.Select(e => new Record()
            .Add("from", e.From).Add("to", e.To).Add("kind", e.Kind.ToString().ToLowerInvariant())
            .Add("label", e.Label.ToList()).Add("services", e.Services.ToList()).Add("flows", e.FlowIds.ToList())).ToList());
}
