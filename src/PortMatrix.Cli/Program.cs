using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using PortMatrix;
using PortMatrix.Cli;
using PortMatrix.Cli.Commands;

return PortMatrixCli.Run(args);

namespace PortMatrix.Cli
{
    /// <summary>The <c>portmatrix</c> command line.</summary>
    internal static class PortMatrixCli
    {
        public const int Ok = 0;
        public const int UsageError = 2;
        public const int InternalError = 3;

        public static int Run(string[] args)
        {
            var ctx = new CliContext();
            try
            {
                return Run(ctx, args);
            }
            finally
            {
                ctx.Out.Flush();
            }
        }

        private static int Run(CliContext ctx, string[] args)
        {
            var root = new RootCommand(
                "PortMatrix knows which network flows unified-communications systems need, and turns that into firewall rules, port matrices and checks.");
            root.Add(ctx.CatalogDirs);
            root.Add(ctx.Verbose);
            root.Add(ListCommand.Create(ctx));
            root.Add(ShowCommand.Create(ctx));
            root.Add(WhoCommand.Create(ctx));
            root.Add(SearchCommand.Create(ctx));
            root.Add(ImportCommand.Create(ctx));
            root.Add(SiteCommands.InitSite(ctx));
            root.Add(SiteCommands.Compile(ctx));
            root.Add(SiteCommands.Rules(ctx));
            root.Add(SiteCommands.Targets(ctx));
            root.Add(DiffCommand.Create(ctx));
            root.Add(DocCommand.Create(ctx));
            root.Add(DiagramCommand.Create(ctx));
            root.Add(CheckCommand.Create(ctx));
            ctx.Examples[root] =
            [
                "portmatrix list",
                "portmatrix who udp/5060",
                "portmatrix show mitel-mx-one --role server",
                "portmatrix import vendor-ports.txt --format json",
            ];
            var help = root.Options.OfType<HelpOption>().Single();
            help.Action = new ExamplesHelpAction((HelpAction)help.Action!, ctx);

            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not ExamplesHelpAction)
            {
                var command = parse.CommandResult.Command;
                var name = command == root ? "portmatrix" : $"portmatrix {command.Name}";
                ctx.Error.WriteLine($"{name}: error: {parse.Errors[0].Message} Try '{name} --help'.");
                return UsageError;
            }

            try
            {
                // Help and version text go through a buffer so the usage line names the command as users type it.
                using var helpText = new StringWriter();
                var rc = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = helpText, Error = ctx.Error });
                ctx.Out.Write(helpText.ToString().Replace("PortMatrix.Cli", "portmatrix", StringComparison.Ordinal));
                return rc;
            }
            catch (PortMatrixException e)
            {
                ctx.Out.Flush();
                ctx.Error.WriteLine(e.ToUserLine());
                if (parse.GetValue(ctx.Verbose))
                {
                    ctx.Error.WriteLine(e);
                }

                return UsageError;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ctx.Out.Flush();
                ctx.Error.WriteLine($"internal error: {e.Message} This is a bug in PortMatrix; run again with --verbose and report the output.");
                if (parse.GetValue(ctx.Verbose))
                {
                    ctx.Error.WriteLine(e);
                }

                return InternalError;
            }
        }
    }

    /// <summary>The standard help followed by the command's examples.</summary>
    internal sealed class ExamplesHelpAction(HelpAction inner, CliContext ctx) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            inner.Invoke(parseResult);
            if (ctx.Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var e in examples)
                {
                    output.WriteLine("  " + e);
                }

                output.WriteLine();
            }

            return 0;
        }
    }
}
