using System.CommandLine;
using PortMatrix.Cli.Output;

namespace PortMatrix.Cli.Commands;

internal static class SearchCommand
{
    public static Command Create(CliContext ctx)
    {
        var text = new Argument<string[]>("text") { Description = "Words that must all appear in the flow's service, roles, purpose, component or notes.", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var command = ctx.Command("search", "Find flows by service, role or purpose.",
        [
            "portmatrix search voicemail",
            "portmatrix search ldap domain controller",
            "portmatrix search sip tls --format json",
        ]);
        command.Add(text);
        command.Add(format);
        command.Add(ctx.AllReleases);
        command.SetAction(parse =>
        {
            var query = string.Join(' ', parse.GetValue(text)!);
            var hits = ctx.LoadCatalog(parse).Search(query, parse.GetValue(ctx.AllReleases));
            FlowOutput.Print(ctx.Out, parse.GetValue(format), hits, withProduct: true, $"'{query}': {hits.Count} flows");
            return 0;
        });
        return command;
    }
}
