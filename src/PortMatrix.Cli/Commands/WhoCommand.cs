using System.CommandLine;
using PortMatrix.Cli.Output;
using PortMatrix.Ports;

namespace PortMatrix.Cli.Commands;

internal static class WhoCommand
{
    /// <summary>Flows with more ports than this are "wide" and hidden unless asked for.</summary>
    public const int WideThreshold = 20000;

    public static Command Create(CliContext ctx)
    {
        var port = new Argument<string>("port") { Description = "TRANSPORT/PORT such as udp/5060 or tcp/5000-5100; a bare PORT searches every transport." };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var wide = new Option<bool>("--wide") { Description = $"Also show flows whose port range is very wide (over {WideThreshold} ports, e.g. 'any' or '>1024')." };
        var command = ctx.Command("who", "Show every catalog flow whose destination ports contain a port (who uses udp/5060?).",
        [
            "portmatrix who udp/5060",
            "portmatrix who 5060",
            "portmatrix who tcp/50000-51000 --format json",
        ]);
        command.Add(port);
        command.Add(format);
        command.Add(ctx.AllReleases);
        command.Add(wide);
        command.SetAction(parse =>
        {
            var text = parse.GetValue(port)!;
            PortSpec spec;
            try
            {
                spec = PortSpec.Parse(text);
            }
            catch (PortExpressionException e)
            {
                throw new PortMatrixException($"{e.Message.TrimEnd('.')} (in '{text}', column {e.Column}).", $"who {text}",
                    "Write the port as udp/5060, tcp/5000-5100 or 5060.");
            }

            var catalog = ctx.LoadCatalog(parse);
            var all = catalog.Who(spec.Transport, spec.Ports, parse.GetValue(ctx.AllReleases));
            // Specific ports first; ranges like 'any' match every query and would drown the answer.
            var hits = all.Where(h => parse.GetValue(wide) || h.Ports.Count <= WideThreshold)
                .OrderBy(h => h.Ports.Count).ThenBy(h => h.Release.Id, StringComparer.Ordinal).ToList();
            var hidden = all.Count - hits.Count;
            var products = hits.Select(h => h.Release.Id).Distinct().ToList();
            var title = $"{spec}: {hits.Count} flow{(hits.Count == 1 ? "" : "s")} in {products.Count} product{(products.Count == 1 ? "" : "s")}";
            var fmt = parse.GetValue(format);
            var envelope = new Record().Add("query", spec.ToString()).Add("transport", spec.Transport?.ToName()).Add("ports", spec.Ports.ToString()).Add("products", products).Add("hidden-wide", hidden);
            FlowOutput.Print(ctx.Out, fmt, hits, withProduct: true, title, fmt is OutputFormat.Json or OutputFormat.Yaml ? envelope : null);
            if (fmt == OutputFormat.Table && products.Count > 1)
            {
                ctx.Warn($"note: {spec} is used by {products.Count} products ({string.Join(", ", products)}); they conflict if they share a host.");
            }

            if (fmt == OutputFormat.Table && hidden > 0)
            {
                ctx.Warn($"note: {hidden} more flow{(hidden == 1 ? "" : "s")} with very wide port ranges also match; --wide shows them.");
            }

            return 0;
        });
        return command;
    }
}
