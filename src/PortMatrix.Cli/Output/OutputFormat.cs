using System.CommandLine;

namespace PortMatrix.Cli.Output;

/// <summary>How a command prints its data.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Yaml,
    Csv,
}

internal static class FormatOption
{
    public static Option<OutputFormat> Create(params OutputFormat[] allowed)
    {
        var names = allowed.Select(f => f.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<OutputFormat>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", names)}. Tables are plain text when piped.",
            DefaultValueFactory = _ => OutputFormat.Table,
            HelpName = string.Join("|", names),
        };
        option.AcceptOnlyFromAmong(names.Concat(allowed.Select(f => f.ToString())).ToArray());
        return option;
    }
}
