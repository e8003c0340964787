using System.CommandLine;
using PortMatrix.Cli.Output;
using PortMatrix.Ports;

namespace PortMatrix.Cli.Commands;

internal static class ShowCommand
{
    public static Command Create(CliContext ctx)
    {
        var product = new Argument<string>("product") { Description = "Product id or name, optionally with @RELEASE (e.g. mitel-mx-one, avaya-ip-office@9.1)." };
        var role = new Option<string?>("--role", "-r") { Description = "Only flows that start or end at this role (id or name)." };
        var transport = new Option<string?>("--transport", "-t") { Description = "Only flows on this transport (tcp, udp, sctp, icmp, icmpv6, esp)." };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var command = ctx.Command("show", "Show the flows of a product release.",
        [
            "portmatrix show mitel-mx-one",
            "portmatrix show avaya-ip-office@9.1 --role voicemail-pro",
            "portmatrix show swyx-swyxware --transport udp --format csv > swyx-udp.csv",
        ]);
        command.Add(product);
        command.Add(role);
        command.Add(transport);
        command.Add(format);
        command.SetAction(parse =>
        {
            var catalog = ctx.LoadCatalog(parse);
            Transport? onlyTransport = null;
            if (parse.GetValue(transport) is { } t)
            {
                onlyTransport = TransportNames.TryParse(t, out var tt)
                    ? tt
                    : throw new PortMatrixException($"--transport '{t}' is not a transport.", "--transport", "Use tcp, udp, sctp, icmp, icmpv6 or esp.");
            }

            var releases = catalog.Resolve(parse.GetValue(product)!);
            var roleText = parse.GetValue(role);
            var hits = new List<PortMatrix.Catalog.FlowHit>();
            foreach (var release in releases)
            {
                string? roleId = null;
                if (roleText is not null)
                {
                    roleId = release.Roles.FirstOrDefault(r => r.IsCalled(roleText))?.Id
                        ?? throw new PortMatrixException($"{release.Key} has no role '{roleText}'.", "--role",
                            $"Roles: {string.Join(", ", release.Roles.Select(r => r.Id))}.");
                }

                hits.AddRange(catalog.FlowsOf(release).Where(h =>
                    (onlyTransport is null || h.Flow.Transport == onlyTransport)
                    && (roleId is null || h.Flow.From.Contains(roleId) || h.Flow.To.Contains(roleId))));
            }

            var title = string.Join(", ", releases.Select(r => $"{r.Vendor} {r.Product} {r.Release}")) + $": {hits.Count} flows";
            FlowOutput.Print(ctx.Out, parse.GetValue(format), hits, withProduct: releases.Count > 1, title);
            return 0;
        });
        return command;
    }
}
