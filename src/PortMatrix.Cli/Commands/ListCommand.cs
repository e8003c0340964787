using System.CommandLine;
using PortMatrix.Cli.Output;

namespace PortMatrix.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext ctx)
    {
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var command = ctx.Command("list", "List the products and releases in the catalog, with their flow counts.",
        [
            "portmatrix list",
            "portmatrix list --format json",
            "portmatrix list --catalog ./my-catalog",
        ]);
        command.Add(format);
        command.SetAction(parse =>
        {
            var catalog = ctx.LoadCatalog(parse);
            var records = catalog.Releases.Select(r => new Record()
                .Add("product", r.Id)
                .Add("vendor", r.Vendor)
                .Add("name", r.Product)
                .Add("release", r.Release)
                .Add("flows", r.Flows.Count)
                .Add("roles", r.Roles.Count)
                .Add("sources", r.Sources.Select(s => s.File ?? s.Title).ToList())
                .Add("origin", r.Origin.StartsWith("catalog/", StringComparison.Ordinal) ? "built-in" : r.Origin)).ToList();
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Writers.Json(ctx.Out, records); break;
                case OutputFormat.Yaml: Writers.Yaml(ctx.Out, records); break;
                case OutputFormat.Csv:
                    Writers.Csv(ctx.Out, ["product", "vendor", "name", "release", "flows", "roles", "origin"],
                        records.Select(r => (IReadOnlyList<string>)[.. new[] { "product", "vendor", "name", "release", "flows", "roles", "origin" }.Select(k => Convert.ToString(r[k], System.Globalization.CultureInfo.InvariantCulture) ?? "")]));
                    break;
                default:
                    TableWriter.Write(ctx.Out, ["PRODUCT", "VENDOR", "NAME", "RELEASE", "FLOWS", "ROLES", "ORIGIN"],
                        catalog.Releases.Select(r => (IReadOnlyList<string>)[r.Id, r.Vendor, r.Product, r.Release, r.Flows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Roles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Origin.StartsWith("catalog/", StringComparison.Ordinal) ? "built-in" : r.Origin]).ToList());
                    break;
            }

            return 0;
        });
        return command;
    }
}
