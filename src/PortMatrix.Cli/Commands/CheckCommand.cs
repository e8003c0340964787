using System.CommandLine;
using PortMatrix.Analysis;
using PortMatrix.Cli.Output;

namespace PortMatrix.Cli.Commands;

/// <summary><c>check</c>: port conflicts, media capacity and security findings for a product or a site.</summary>
internal static class CheckCommand
{
    /// <summary>Exit code when a finding at or above --fail-on exists.</summary>
    public const int FindingsFound = 1;

    public static Command Create(CliContext ctx)
    {
        var subject = new Argument<string>("subject") { Description = "A product id or name with optional @RELEASE (e.g. swyx-swyxware), or a site file (.yaml)." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding of this severity or above exists: low, medium or high.",
            DefaultValueFactory = _ => "high",
            HelpName = "low|medium|high",
        };
        failOn.AcceptOnlyFromAmong("low", "medium", "high");
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml);
        var command = ctx.Command("check", "Check a product or a site for port conflicts, media capacity and security problems (exit 1 on findings at or above --fail-on).",
        [
            "portmatrix check swyx-swyxware",
            "portmatrix check examples/ip-office-internet.yaml --fail-on medium",
            "portmatrix check examples/swyx-branch.yaml --format json",
        ]);
        command.Add(subject);
        command.Add(failOn);
        command.Add(format);
        command.SetAction(parse =>
        {
            var text = parse.GetValue(subject)!;
            var loaded = ctx.LoadSubject(parse, text);
            var analysis = loaded.Site is null
                ? AnalysisSubject.ForReleases(loaded.Catalog, loaded.Releases)
                : AnalysisSubject.ForSite(loaded.Catalog, loaded.Site);
            var findings = Analyzers.Run(analysis);
            SeverityNames.TryParse(parse.GetValue(failOn), out var threshold);
            var failed = findings.Any(f => f.Severity >= threshold);
            var name = loaded.Site is not null ? $"site {loaded.Site.Name}" : string.Join(", ", loaded.Releases.Select(r => r.Key));
            var counts = new Record()
                .Add("high", findings.Count(f => f.Severity == Severity.High))
                .Add("medium", findings.Count(f => f.Severity == Severity.Medium))
                .Add("low", findings.Count(f => f.Severity == Severity.Low));
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    Writers.Json(ctx.Out, Envelope(name, threshold, failed, counts, findings));
                    break;
                case OutputFormat.Yaml:
                    Writers.Yaml(ctx.Out, Envelope(name, threshold, failed, counts, findings));
                    break;
                default:
                    WriteText(ctx.Out, findings);
                    ctx.Out.WriteLine($"{name}: {findings.Count} finding{(findings.Count == 1 ? "" : "s")} ({counts["high"]} high, {counts["medium"]} medium, {counts["low"]} low); " +
                        (failed ? $"failing: at least one is {threshold.ToName()} or above." : $"none is {threshold.ToName()} or above."));
                    break;
            }

            return failed ? FindingsFound : PortMatrixCli.Ok;
        });
        return command;
    }

    private static Record Envelope(string name, Severity threshold, bool failed, Record counts, IReadOnlyList<Finding> findings) => new Record()
        .Add("subject", name)
        .Add("fail-on", threshold.ToName())
        .Add("failed", failed)
        .Add("counts", counts)
        .Add("findings", findings.Select(ToRecord).ToList());

    public static Record ToRecord(Finding f) => new Record()
        .Add("id", f.Id)
        .Add("code", f.Code)
        .Add("severity", f.Severity.ToName())
        .Add("title", f.Title)
        .Add("detail", f.Detail)
        .Add("flows", f.Flows.Select(x => new Record()
            .Add("id", x.Id)
            .Add("product", x.Product)
            .Add("release", x.Release)
            .Add("flow", x.Flow.Id)
            .Add("service", x.Flow.Service)
            .Add("ports", x.PortsText)
            .Add("tls", x.Flow.Tls)
            .Add("source", new Record()
                .Add("doc", x.Flow.Source.Doc)
                .Add("file", x.SourceFile)
                .Add("line", x.Flow.Source.Line)
                .Add("cell", x.Flow.Source.Cell))).ToList())
        .Add("hosts", f.Hosts.ToList())
        .Add("fix", f.Fix);

    private static void WriteText(TextWriter output, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            output.WriteLine($"{f.Severity.ToName().ToUpperInvariant(),-6} {f.Id}");
            output.WriteLine($"       {f.Title}");
            if (f.Detail.Length > 0)
            {
                output.WriteLine($"       {f.Detail}");
            }

            foreach (var x in f.Flows)
            {
                output.WriteLine($"       flow  {x.Id}  {x.PortsText}{(x.Flow.Tls ? " tls" : "")}  {x.Flow.Service}  ({x.SourceText})");
            }

            if (f.Hosts.Count > 0)
            {
                output.WriteLine($"       hosts {string.Join(", ", f.Hosts)}");
            }

            output.WriteLine($"       fix:  {f.Fix}");
            output.WriteLine();
        }
    }
}
