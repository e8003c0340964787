namespace PortMatrix.Import.Generic;

/// <summary>An extractor of a text format, which can also work on text already decoded.</summary>
internal interface ITextExtractor : IDocumentExtractor
{
    /// <summary>Extracts from decoded text (line breaks as in the file).</summary>
    ExtractedDocument Extract(string path, string text);
}

/// <summary>Decoding of text documents for the extractors, with the same limits and checks as <see cref="SourceDocument"/>.</summary>
internal static class TextExtraction
{
    /// <summary>Collapses runs of whitespace (including non-breaking spaces) into one space and trims.</summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Reads a stream as text, refusing binary and oversized content with a <see cref="PortMatrixException"/>.</summary>
    public static string ReadText(string path, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > SourceDocument.MaxBytes)
            {
                throw new PortMatrixException($"'{path}' is larger than {SourceDocument.MaxBytes / (1024 * 1024)} MiB.", path, "Split the document.");
            }

            buffer.Write(chunk, 0, read);
        }

        return SourceDocument.FromBytes(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).Text;
    }

    /// <summary>The file extension, lower-case with its dot ("" when none).</summary>
    public static string Extension(string path) => System.IO.Path.GetExtension(path ?? "").ToLowerInvariant();

    /// <summary>Splits text into lines as <see cref="SourceDocument"/> does (line 1 is index 0).</summary>
    public static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    /// <summary>A line ends in the middle of a range or list ("10000 to", "5060,"), so the next line continues it.</summary>
    public static bool EndsMidPhrase(string line)
    {
        var t = line.TrimEnd();
        if (t.Length == 0)
        {
            return false;
        }

        if (t[^1] is '-' or ',' or '/' or '\u2013')
        {
            return t.Length >= 2 && (char.IsDigit(t[^2]) || t[^2] == ' ');
        }

        return t.EndsWith(" to", StringComparison.OrdinalIgnoreCase) || t.EndsWith(" and", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith(" through", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a line starts with a digit (after blanks): the rest of a range broken across lines.</summary>
    public static bool StartsWithDigit(string line)
    {
        var t = line.TrimStart();
        return t.Length > 0 && char.IsDigit(t[0]);
    }

    /// <summary>
    /// The start of an unfinished sentence after <paramref name="text"/> follows <paramref name="lead"/>: the text
    /// after the last full stop, question or exclamation mark; null when the text ends its sentence. A list item
    /// starts afresh. At most the last 240 characters are kept.
    /// </summary>
    internal static string? NextLead(string? lead, string text)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return lead;
        }

        var combined = lead is null || Titles.StripListMarker(t) != t ? t : lead + " " + t;
        var end = -1;
        for (var i = combined.Length - 1; i >= 0; i--)
        {
            if (combined[i] is '.' or '!' or '?' && (i == combined.Length - 1 || combined[i + 1] == ' '))
            {
                end = i;
                break;
            }
        }

        var rest = combined[(end + 1)..].Trim();
        if (rest.Length == 0)
        {
            return null;
        }

        return rest.Length <= 240 ? rest : rest[^240..];
    }

    /// <summary>
    /// The title of a text document: its first non-blank line when that is short and not a rule of '=' or '-'
    /// ("QUILLSEND VMX GATEWAY 3.4 -- CHECKLIST", "# Acme PBX ports"), without heading marks; else null.
    /// </summary>
    public static string? FirstLineTitle(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        // An e-mail: its subject is its title ("Subject: RE: Firewall ports for AlertPoint ENS 5.3").
        if (lines.Count > 0 && lines.FirstOrDefault(l => l.Trim().Length > 0) is { } head && IsMailHeader(head))
        {
            foreach (var line in lines.Take(12))
            {
                if (line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
                {
                    var subject = line["Subject:".Length..].Trim();
                    while (subject.Length > 3 && subject[2] == ':' && subject[..2].ToUpperInvariant() is "RE" or "FW" or "AW" or "WG")
                    {
                        subject = subject[3..].Trim();
                    }

                    if (subject.StartsWith("FWD:", StringComparison.OrdinalIgnoreCase))
                    {
                        subject = subject[4..].Trim();
                    }

                    return subject.Length is > 0 and <= 120 ? subject : null;
                }
            }

            return null;
        }

        foreach (var line in lines.Take(20))
        {
            var t = line.Trim().Trim('#', '=', '*', ' ', '\t');
            if (t.Length == 0)
            {
                continue;
            }

            return t.Length <= 120 && t.Any(char.IsLetter) ? t : null;
        }

        return null;
    }

    internal static bool IsMailHeader(string line) =>
        line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("To:", StringComparison.OrdinalIgnoreCase)
        || line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase);
}
