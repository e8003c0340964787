using System.CommandLine;
using System.Globalization;
using PortMatrix.Cli.Output;
using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "The vendor port document (text, Markdown, CSV, HTML, XLSX, PDF)." };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var vendor = new Option<string?>("--vendor") { Description = "Vendor name for the catalog draft (--format yaml)." };
        var product = new Option<string?>("--product") { Description = "Product name: names the product's side of the flows (with --vendor before it) and the catalog draft." };
        var release = new Option<string?>("--release") { Description = "Release for the catalog draft (--format yaml)." };
        var explain = new Option<bool>("--explain") { Description = "Show, per flow, the line, the cell and the reader rule it came from." };
        var command = ctx.Command("import", "Read a vendor port document into flows, with a warning for everything not read.",
        [
            "portmatrix import ports.txt",
            "portmatrix import ports.txt --format json",
            "portmatrix import ports.txt --format yaml --vendor Acme --product 'Acme PBX' > catalog/acme-pbx.yaml",
            "portmatrix import ports.txt --explain",
        ]);
        command.Add(file);
        command.Add(format);
        command.Add(vendor);
        command.Add(product);
        command.Add(release);
        command.Add(explain);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            ImportResult result;
            using (var progress = ProgressLine.Start(ctx.Error, path))
            {
                result = new DocumentImporter(ProductSide(parse.GetValue(vendor), parse.GetValue(product))) { Progress = progress }.Import(path);
            }

            var fmt = parse.GetValue(format);
            switch (fmt)
            {
                case OutputFormat.Json:
                    Writers.Json(ctx.Out, ToRecord(result, parse.GetValue(explain)));
                    break;
                case OutputFormat.Yaml:
                    CatalogDraft.Write(result, ctx.Out, parse.GetValue(vendor), parse.GetValue(product), parse.GetValue(release));
                    break;
                case OutputFormat.Csv:
                    Writers.Csv(ctx.Out, ["line", "service", "component", "from", "to", "transport", "ports", "source_ports", "tls", "firewall", "cell", "rule"],
                        result.Flows.Select(f => (IReadOnlyList<string>)[
                            f.Line.ToString(CultureInfo.InvariantCulture), f.Service, f.Component ?? "",
                            string.Join(" | ", f.From), string.Join(" | ", f.To), f.Transport.ToName(), f.Ports.ToString(),
                            f.SourcePorts?.ToString() ?? "", f.Tls ? "true" : "false", f.Firewall.ToName(), f.Cell, f.Rule]));
                    break;
                default:
                    PrintTable(ctx, result, parse.GetValue(explain));
                    break;
            }

            if (fmt != OutputFormat.Json)
            {
                foreach (var w in result.Warnings)
                {
                    ctx.Warn($"{path}:{w.Line}: warning: {w.Message} [{w.Code}]");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The name of the product's side of generic flows: <c>--product</c>, prefixed with <c>--vendor</c> when it does
    /// not already name the vendor ("Acme" + "PBX 9" is "Acme PBX 9"). <c>--vendor</c> alone names no product, so
    /// the document's title (or "this system") still does.
    /// </summary>
    internal static string? ProductSide(string? vendor, string? product)
    {
        if (string.IsNullOrWhiteSpace(product))
        {
            return null;
        }

        product = product.Trim();
        if (string.IsNullOrWhiteSpace(vendor))
        {
            return product;
        }

        vendor = vendor.Trim();
        var named = product.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(w => w.Equals(vendor, StringComparison.OrdinalIgnoreCase))
            || product.StartsWith(vendor, StringComparison.OrdinalIgnoreCase);
        return named ? product : $"{vendor} {product}";
    }

    private static Record ToRecord(ImportResult result, bool explain) => new Record()
        .Add("document", result.Document)
        .Add("layout", result.Layout)
        .Add("product", result.Product)
        .Add("flows", result.Flows.Select(f => new Record()
            .Add("service", f.Service)
            .Add("component", f.Component)
            .Add("section", f.Section)
            .Add("transport", f.Transport.ToName())
            .Add("ports", f.Ports.ToString())
            .Add("source-ports", f.SourcePorts?.ToString())
            .Add("from", f.From.ToList())
            .Add("to", f.To.ToList())
            .Add("application", f.Application)
            .Add("tls", f.Tls)
            .Add("firewall", f.Firewall.ToName())
            .Add("configurable", f.Configurable)
            .Add("default-state", f.DefaultState)
            .Add("purpose", f.Purpose)
            .Add("note", f.Note)
            .Add("source", new Record().Add("line", f.Line).Add("cell", f.Cell).Add("rule", explain ? f.Rule : null))))
        .Add("warnings", result.Warnings.Select(w => new Record().Add("line", w.Line).Add("code", w.Code).Add("message", w.Message)));

    private static void PrintTable(CliContext ctx, ImportResult result, bool explain)
    {
        var headers = new List<string> { "LINE", "SERVICE", "FROM", "TO", "PORTS", "FIREWALL" };
        if (explain)
        {
            headers.AddRange(["CELL", "RULE"]);
        }

        var rows = result.Flows.Select(f =>
        {
            var row = new List<string>
            {
                f.Line.ToString(CultureInfo.InvariantCulture),
                f.Component is null ? f.Service : $"{f.Service} ({f.Component})",
                string.Join(" | ", f.From),
                string.Join(" | ", f.To),
                $"{f.Transport.ToName()}/{f.Ports}{(f.Tls ? " tls" : "")}",
                f.Firewall.ToName(),
            };
            if (explain)
            {
                row.AddRange([f.Cell, f.Rule]);
            }

            return (IReadOnlyList<string>)row;
        }).ToList();
        TableWriter.Write(ctx.Out, headers, rows,
            $"{result.Document} ({result.Layout}): {result.Flows.Count} flows, {result.Warnings.Count} warnings");
    }
}
