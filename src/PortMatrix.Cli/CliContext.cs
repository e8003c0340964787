using System.CommandLine;
using PortMatrix.Catalog;
using PortMatrix.Cli.Output;

namespace PortMatrix.Cli;

/// <summary>What a document, diagram or check is about: catalog releases, and the site when one was given.</summary>
internal sealed record Subject(PortCatalog Catalog, IReadOnlyList<PortMatrix.Model.ProductRelease> Releases, PortMatrix.Sites.Site? Site);

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

    /// <summary>For who and search: look at every release, not only the newest of each product.</summary>
    public Option<bool> AllReleases { get; } = new("--all-releases")
    {
        Description = "Look at every release of each product, not only the newest.",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show details of internal errors (stack traces).",
        Recursive = true,
    };

    /// <summary>
    /// Standard output. When it goes to a file or a pipe it is buffered (large imports print hundreds of MB), so
    /// <see cref="PortMatrixCli.Run"/> flushes it at the end, and <see cref="Warn"/> before writing to standard error.
    /// </summary>
    public TextWriter Out { get; init; } = Console.IsOutputRedirected
        ? new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false }
        : Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Examples shown at the end of each command's help.</summary>
    public Dictionary<Command, string[]> Examples { get; } = [];

    public PortCatalog LoadCatalog(ParseResult parse) =>
        PortCatalog.Load(parse.GetValue(CatalogDirs) ?? []);

    /// <summary>
    /// Resolves a PRODUCT[@RELEASE]|SITE argument: an existing .yaml/.yml file is a site (its
    /// products' releases), anything else a catalog product.
    /// </summary>
    public Subject LoadSubject(ParseResult parse, string text)
    {
        var catalog = LoadCatalog(parse);
        if ((text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) && File.Exists(text))
        {
            var site = PortMatrix.Sites.SiteFileReader.Load(text, catalog);
            return new Subject(catalog, site.Releases, site);
        }

        return new Subject(catalog, catalog.Resolve(text), null);
    }

    public Command Command(string name, string description, string[] examples)
    {
        var command = new Command(name, description);
        Examples[command] = examples;
        return command;
    }

    public void Warn(string message)
    {
        Out.Flush();
        Error.WriteLine(TableWriter.IsTerminal && !Console.IsErrorRedirected ? $"\u001b[33m{message}\u001b[0m" : message);
    }
}
