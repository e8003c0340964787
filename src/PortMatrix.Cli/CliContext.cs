using System.CommandLine;
using PortMatrix.Catalog;
using PortMatrix.Cli.Output;

namespace PortMatrix.Cli;

/// <summary>Options every command shares, and the catalog they load.</summary>
internal sealed class CliContext
{
    public Option<string[]> CatalogDirs { get; } = new("--catalog")
    {
        Description = "Add the catalog YAML files of DIR (or one FILE) on top of the built-in catalog; repeatable. Also read from PORTMATRIX_CATALOG.",
        HelpName = "DIR",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show details of internal errors (stack traces).",
        Recursive = true,
    };

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Examples shown at the end of each command's help.</summary>
    public Dictionary<Command, string[]> Examples { get; } = [];

    public PortCatalog LoadCatalog(ParseResult parse) =>
        PortCatalog.Load(parse.GetValue(CatalogDirs) ?? []);

    public Command Command(string name, string description, string[] examples)
    {
        var command = new Command(name, description);
        Examples[command] = examples;
        return command;
    }

    public void Warn(string message) => Error.WriteLine(TableWriter.IsTerminal && !Console.IsErrorRedirected ? $"\u001b[33m{message}\u001b[0m" : message);
}
