using System.CommandLine;
using System.Text;
using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Cli.Output;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create(CliContext ctx)
    {
        var from = new Argument<string>("from") { Description = "PRODUCT@RELEASE or a catalog file (YAML): the older side." };
        var to = new Argument<string>("to") { Description = "PRODUCT@RELEASE or a catalog file (YAML): the newer side." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: table, json, md.", DefaultValueFactory = _ => "table", HelpName = "table|json|md" };
        format.AcceptOnlyFromAmong("table", "json", "md");
        var command = ctx.Command("diff", "List the flows added, removed and changed (ports, transport, direction, TLS) between two releases or two catalog files.",
        [
            "portmatrix diff avaya-ip-office@9.0.3FP avaya-ip-office@9.1",
            "portmatrix diff \"avaya-ip-office@8.1 FP\" avaya-ip-office@9.0 --format md",
            "portmatrix diff catalog/avaya-ip-office-9.1.yaml my-ip-office.yaml --format json",
        ]);
        command.Add(from);
        command.Add(to);
        command.Add(format);
        command.SetAction(parse =>
        {
            var catalog = ctx.LoadCatalog(parse);
            var a = Release(ctx, parse, catalog, parse.GetValue(from)!);
            var b = Release(ctx, parse, catalog, parse.GetValue(to)!);
            var diff = ReleaseDiff.Compare(a, b);
            switch (parse.GetValue(format))
            {
                case "json": Writers.Json(ctx.Out, ToRecord(diff)); break;
                case "md": ctx.Out.Write(Markdown(diff)); break;
                default: Table(ctx, diff); break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>A release by PRODUCT@RELEASE (spaces in a release may be left out: 9.0.3FP) or by catalog file.</summary>
    private static ProductRelease Release(CliContext ctx, ParseResult parse, PortCatalog catalog, string spec)
    {
        if ((spec.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) && File.Exists(spec))
        {
            var own = CatalogFileReader.Read(spec, File.ReadAllText(spec));
            // Load it over the catalog so that a derived file finds its base.
            var withFile = PortCatalog.Load([.. parse.GetValue(ctx.CatalogDirs) ?? [], spec]);
            return withFile.Releases.Single(r => r.Key == own.Key);
        }

        var at = spec.LastIndexOf('@');
        if (at > 0)
        {
            var wanted = spec[(at + 1)..].Replace(" ", "", StringComparison.Ordinal);
            var match = catalog.Find(spec[..at]).FirstOrDefault(r => string.Equals(r.Release.Replace(" ", "", StringComparison.Ordinal), wanted, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return catalog.Resolve(spec).Single();
    }

    private static Record ToRecord(ReleaseDifference d) => new Record()
        .Add("from", d.From.Key)
        .Add("to", d.To.Key)
        .Add("added", d.Added.Select(f => FlowOutput.ToRecord(Hit(d.To, f))).ToList())
        .Add("removed", d.Removed.Select(f => FlowOutput.ToRecord(Hit(d.From, f))).ToList())
        .Add("changed", d.Changed.Select(c => new Record()
            .Add("id", c.New.Id)
            .Add("service", c.New.Service)
            .Add("changes", c.Changes.ToList())
            .Add("old", FlowOutput.ToRecord(Hit(d.From, c.Old)))
            .Add("new", FlowOutput.ToRecord(Hit(d.To, c.New)))).ToList());

    private static FlowHit Hit(ProductRelease r, Flow f) =>
        new(r, f, f.Transport.HasPorts() ? r.PortsOf(f) : PortSet.All);

    private static IReadOnlyList<string> Row(ProductRelease r, Flow f, string change) =>
    [
        change,
        f.Component is null ? f.Service : $"{f.Service} ({f.Component})",
        string.Join(", ", f.From.Select(id => r.FindRole(id)?.Name ?? id)),
        string.Join(", ", f.To.Select(id => r.FindRole(id)?.Name ?? id)),
        $"{f.Transport.ToName()}/{ReleaseDiff.PortsText(f, r)}{(f.Tls ? " tls" : "")}",
        $"{f.Source.Doc}:{f.Source.Line}",
    ];

    private static List<IReadOnlyList<string>> Rows(ReleaseDifference d) =>
    [
        .. d.Added.Select(f => Row(d.To, f, "added")),
        .. d.Removed.Select(f => Row(d.From, f, "removed")),
        .. d.Changed.Select(c => Row(d.To, c.New, "changed: " + string.Join("; ", c.Changes))),
    ];

    private static void Table(CliContext ctx, ReleaseDifference d) =>
        TableWriter.Write(ctx.Out, ["CHANGE", "SERVICE", "FROM", "TO", "PORTS", "SOURCE"], Rows(d),
            $"{d.From.Key} → {d.To.Key}: {d.Added.Count} added, {d.Removed.Count} removed, {d.Changed.Count} changed");

    private static string Markdown(ReleaseDifference d)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(d.From.Key).Append(" → ").Append(d.To.Key).Append("\n\n");
        void Section(string title, List<IReadOnlyList<string>> rows)
        {
            sb.Append("## ").Append(title).Append(" (").Append(rows.Count).Append(")\n\n");
            if (rows.Count == 0)
            {
                sb.Append("None.\n\n");
                return;
            }

            sb.Append("| Change | Service | From | To | Ports | Source |\n|---|---|---|---|---|---|\n");
            foreach (var r in rows)
            {
                sb.Append("| ").Append(string.Join(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
            }

            sb.Append('\n');
        }

        Section("Added", d.Added.Select(f => Row(d.To, f, "added")).ToList());
        Section("Removed", d.Removed.Select(f => Row(d.From, f, "removed")).ToList());
        Section("Changed", d.Changed.Select(c => Row(d.To, c.New, string.Join("; ", c.Changes))).ToList());
        return sb.ToString();
    }
}
