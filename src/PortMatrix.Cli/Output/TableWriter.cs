using Spectre.Console;

namespace PortMatrix.Cli.Output;

/// <summary>Prints a table: boxed and coloured on a terminal, plain aligned columns when piped.</summary>
internal static class TableWriter
{
    public static bool IsTerminal => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? title = null)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();

        // A boxed table needs 3 more columns per cell; when that does not fit the terminal, plain
        // columns keep every port and source token whole instead of cutting it across lines.
        if (IsTerminal && ReferenceEquals(output, Console.Out) && widths.Sum() + (3 * widths.Length) + 1 <= AnsiConsole.Profile.Width)
        {
            WriteRich(headers, rows, title);
            return;
        }

        if (title is not null)
        {
            output.WriteLine(title);
        }

        output.WriteLine(Line(headers, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static void WriteRich(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? title)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title), new Style(decoration: Decoration.Bold));
        }

        foreach (var h in headers)
        {
            var column = new TableColumn($"[bold]{Markup.Escape(h)}[/]");
            // Ports, states and source lines are tokens: cut in the middle they read as other values.
            if (h is "PORTS" or "FIREWALL" or "SOURCE" or "RELEASE" or "LINE" or "TRANSPORT" or "RULE" or "TARGET" or "CHANGE" or "FLOWS" or "ROLES")
            {
                column.NoWrap();
            }

            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Colour).ToArray());
        }

        AnsiConsole.Write(table);
    }

    private static string Colour(string cell) => cell switch
    {
        "required" => "[green]required[/]",
        "if-separated" => "[yellow]if-separated[/]",
        "not-needed" => "[grey]not-needed[/]",
        _ when cell.StartsWith("tcp", StringComparison.Ordinal) => $"[cyan]{Markup.Escape(cell)}[/]",
        _ when cell.StartsWith("udp", StringComparison.Ordinal) => $"[magenta]{Markup.Escape(cell)}[/]",
        _ => Markup.Escape(cell),
    };
}
