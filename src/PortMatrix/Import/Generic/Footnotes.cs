using System.Text.RegularExpressions;

namespace PortMatrix.Import.Generic;

/// <summary>Footnote marks in table cells ("(5)", "[2]", "443*") and the notes they point at ("(5) Removed in 5.0.").</summary>
internal static partial class Footnotes
{
    /// <summary>A line that is a footnote: its mark ("5", "*", "**") and its text.</summary>
    public static (string Mark, string Text)? Note(string line)
    {
        if (line.Length is < 4 or > 400 || NoteLine().Match(line) is not { Success: true } m)
        {
            return null;
        }

        var mark = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["s"].Value;
        return (mark, m.Groups["text"].Value.Trim());
    }

    /// <summary>The footnote marks a cell carries: "(5)", "[2]", "443 (3)", "8080*", "Telnet²".</summary>
    public static IReadOnlyList<string> MarksIn(string cell)
    {
        if (cell.Length is 0 or > 200 || cell.IndexOfAny(MarkChars) < 0)
        {
            return [];
        }

        var marks = new List<string>();
        foreach (Match m in CellMark().Matches(cell))
        {
            marks.Add(m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["s"].Value);
        }

        return marks;
    }

    private static readonly char[] MarkChars = ['(', '[', '*', '\u00B9', '\u00B2', '\u00B3'];

    [GeneratedRegex(@"^\s*(?:\((?<n>\d{1,2})\)|\[(?<n>\d{1,2})\]|(?<n>\d{1,2})\)|(?<s>\*{1,3}))\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NoteLine();

    [GeneratedRegex(@"(?:^|\s)(?:\((?<n>\d{1,2})\)|\[(?<n>\d{1,2})\])(?=\s|$|[,;.])|(?<=\w)(?<s>\*{1,3})(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex CellMark();
}
