using System.CommandLine;
using System.Globalization;
using PortMatrix.Cli.Output;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;

namespace PortMatrix.Cli.Commands;

/// <summary>compile, rules, targets and init-site: from a site file to firewall rules.</summary>
internal static class SiteCommands
{
    public static Command Compile(CliContext ctx)
    {
        var site = new Argument<string>("site") { Description = "The site file (YAML)." };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var showLeftOut = new Option<bool>("--left-out") { Description = "Also list, per catalog flow, why it produced no rule." };
        var command = ctx.Command("compile", "Compile a site with the catalog into firewall rules (merged, with their catalog flows).",
        [
            "portmatrix compile examples/mx-one-hq.yaml",
            "portmatrix compile examples/mx-one-hq.yaml --left-out",
            "portmatrix compile examples/swyx-branch.yaml --format json",
        ]);
        command.Add(site);
        command.Add(format);
        command.Add(showLeftOut);
        command.SetAction(parse =>
        {
            var policy = CompileSite(ctx, parse, site);
            var fmt = parse.GetValue(format);
            var rules = policy.Rules.Select(ToRecord).ToList();
            var leftOut = policy.LeftOut.Select(e => new Record().Add("flow", e.FlowId).Add("reason", e.Reason).Add("detail", e.Detail)).ToList();
            var summary = new Record()
                .Add("site", policy.Site.Name)
                .Add("firewalls", policy.Site.Firewalls.Select(f => f.Name).ToList())
                .Add("rules-unmerged", policy.UnmergedRuleCount)
                .Add("rules", rules)
                .Add("left-out", leftOut);
            switch (fmt)
            {
                case OutputFormat.Json: Writers.Json(ctx.Out, summary); break;
                case OutputFormat.Yaml: Writers.Yaml(ctx.Out, summary); break;
                case OutputFormat.Csv:
                    Writers.Csv(ctx.Out, ["firewall", "name", "from_zone", "from", "to_zone", "to", "transport", "ports", "services", "flows"],
                        policy.Rules.Select(r => (IReadOnlyList<string>)[r.Firewall, r.Name, r.FromZone, Names(r.Sources), r.ToZone, Names(r.Destinations),
                            r.Transport.ToName(), r.Transport.HasPorts() ? r.Ports.ToString() : "", string.Join("; ", r.Services), string.Join(" ", r.FlowIds)]));
                    break;
                default:
                    TableWriter.Write(ctx.Out, ["FIREWALL", "RULE", "FROM", "TO", "PORTS", "SERVICES"],
                        policy.Rules.Select(r => (IReadOnlyList<string>)[r.Firewall, r.Name, $"{r.FromZone}: {Names(r.Sources)}", $"{r.ToZone}: {Names(r.Destinations)}",
                            r.Transport.HasPorts() ? $"{r.Transport.ToName()}/{r.Ports}" : r.Transport.ToName(), string.Join(", ", r.Services)]).ToList(),
                        $"site {policy.Site.Name}: {policy.Rules.Count} rules (from {policy.UnmergedRuleCount} before merging), {policy.LeftOut.Count} flows left out");
                    if (parse.GetValue(showLeftOut))
                    {
                        ctx.Out.WriteLine();
                        TableWriter.Write(ctx.Out, ["FLOW", "REASON", "DETAIL"],
                            policy.LeftOut.Select(e => (IReadOnlyList<string>)[e.FlowId, e.Reason, e.Detail]).ToList(), "left out");
                    }
                    else if (policy.LeftOut.Count > 0)
                    {
                        var byReason = policy.LeftOut.GroupBy(e => e.Reason).Select(g => $"{g.Count()} {g.Key}");
                        ctx.Warn($"left out: {string.Join(", ", byReason)} (--left-out lists them)");
                    }

                    break;
            }

            return 0;
        });
        return command;
    }

    public static Command Rules(CliContext ctx)
    {
        var site = new Argument<string>("site") { Description = "The site file (YAML)." };
        var target = new Option<string?>("--target", "-t") { Description = "Firewall target (see 'portmatrix targets'); default: the firewall's own target in the site file." };
        var firewall = new Option<string?>("--firewall") { Description = "Render only this firewall of the site." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output (refuses to overwrite a file that PortMatrix did not write)." };
        var command = ctx.Command("rules", "Render a site's firewall rules for a target firewall.",
        [
            "portmatrix rules examples/mx-one-hq.yaml --target nftables",
            "portmatrix rules examples/ip-office-internet.yaml --target cisco-asa --firewall edge",
            "portmatrix rules examples/swyx-branch.yaml --target iptables -o rules.v4",
        ]);
        command.Add(site);
        command.Add(target);
        command.Add(firewall);
        command.Add(output);
        command.SetAction(parse =>
        {
            var policy = CompileSite(ctx, parse, site);
            var only = parse.GetValue(firewall);
            var firewalls = policy.Site.Firewalls.Where(f => only is null || f.Name == only).ToList();
            if (firewalls.Count == 0)
            {
                throw new PortMatrixException(
                    only is null ? $"site '{policy.Site.Name}' has no firewalls." : $"site '{policy.Site.Name}' has no firewall '{only}'.",
                    policy.Site.File, only is null ? "Add a 'firewalls:' list to the site file." : $"Firewalls: {string.Join(", ", policy.Site.Firewalls.Select(f => f.Name))}.");
            }

            var text = new System.Text.StringBuilder();
            foreach (var fw in firewalls)
            {
                var name = parse.GetValue(target) ?? fw.Target
                    ?? throw new PortMatrixException($"firewall '{fw.Name}' has no target.", fw.Location, "Give --target or 'target:' in the site file.");
                var renderer = Renderers.Find(name, parse.GetValue(target) is null ? fw.Location : "--target");
                text.Append(renderer.Render(RenderModel.Build(policy, fw)));
            }

            WriteOutput(ctx, parse.GetValue(output), text.ToString());
            return 0;
        });
        return command;
    }

    public static Command Targets(CliContext ctx)
    {
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Csv);
        var command = ctx.Command("targets", "List the firewall targets 'portmatrix rules' renders for.",
        [
            "portmatrix targets",
            "portmatrix targets --format json",
        ]);
        command.Add(format);
        command.SetAction(parse =>
        {
            var records = Renderers.All.Select(r => new Record().Add("name", r.Name).Add("extension", r.Extension).Add("description", r.Description)).ToList();
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json: Writers.Json(ctx.Out, records); break;
                case OutputFormat.Yaml: Writers.Yaml(ctx.Out, records); break;
                case OutputFormat.Csv: Writers.Csv(ctx.Out, ["name", "extension", "description"], Renderers.All.Select(r => (IReadOnlyList<string>)[r.Name, r.Extension, r.Description])); break;
                default:
                    TableWriter.Write(ctx.Out, ["TARGET", "EXTENSION", "DESCRIPTION"], Renderers.All.Select(r => (IReadOnlyList<string>)[r.Name, r.Extension, r.Description]).ToList());
                    break;
            }

            return 0;
        });
        return command;
    }

    public static Command InitSite(CliContext ctx)
    {
        var products = new Argument<string[]>("product") { Description = "Product ids (see 'portmatrix list').", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output (never overwrites an existing file)." };
        var command = ctx.Command("init-site", "Write a commented starting site file for one or more products.",
        [
            "portmatrix init-site mitel-mx-one > site.yaml",
            "portmatrix init-site avaya-ip-office swyx-swyxware -o site.yaml",
        ]);
        command.Add(products);
        command.Add(output);
        command.SetAction(parse =>
        {
            var catalog = ctx.LoadCatalog(parse);
            var releases = parse.GetValue(products)!.Select(p => catalog.Resolve(p).OrderBy(r => r.Release, ReleaseOrder.Instance).Last()).ToList();
            var path = parse.GetValue(output);
            if (path is not null && File.Exists(path))
            {
                throw new PortMatrixException($"'{path}' already exists; init-site never overwrites a file.", path, "Choose another name or remove the file first.");
            }

            WriteOutput(ctx, path, SiteTemplate.Write(releases));
            return 0;
        });
        return command;
    }

    private static SitePolicy CompileSite(CliContext ctx, ParseResult parse, Argument<string> site)
    {
        var catalog = ctx.LoadCatalog(parse);
        var s = SiteFileReader.Load(parse.GetValue(site)!, catalog);
        foreach (var fw in s.Firewalls.Where(f => f.Target is not null))
        {
            Renderers.Find(fw.Target!, fw.Location);
        }

        return PolicyCompiler.Compile(s);
    }

    private static Record ToRecord(PolicyRule r) => new Record()
        .Add("firewall", r.Firewall)
        .Add("name", r.Name)
        .Add("from-zone", r.FromZone)
        .Add("from", r.Sources.Select(s => new Record().Add("name", s.Name).Add("networks", s.Networks.Select(n => n.ToString()).ToList())).ToList())
        .Add("to-zone", r.ToZone)
        .Add("to", r.Destinations.Select(s => new Record().Add("name", s.Name).Add("networks", s.Networks.Select(n => n.ToString()).ToList())).ToList())
        .Add("transport", r.Transport.ToName())
        .Add("ports", r.Transport.HasPorts() ? r.Ports.ToString() : null)
        .Add("port-count", r.Transport.HasPorts() ? r.Ports.Count : null)
        .Add("services", r.Services.ToList())
        .Add("flows", r.FlowIds.ToList());

    private static string Names(IReadOnlyList<AddressSet> sets) => string.Join(", ", sets.Select(s => s.Name));

    /// <summary>Writes to a file only if it is new or was written by PortMatrix, so a user's own file is never lost.</summary>
    internal static void WriteOutput(CliContext ctx, string? path, string text)
    {
        if (path is null)
        {
            ctx.Out.Write(text);
            return;
        }

        if (File.Exists(path) && !File.ReadLines(path).Take(5).Any(l => l.Contains("PortMatrix", StringComparison.Ordinal)))
        {
            throw new PortMatrixException($"'{path}' exists and was not written by PortMatrix; refusing to overwrite it.", path, "Choose another file name.");
        }

        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
        ctx.Error.WriteLine($"wrote {path}");
    }
}
