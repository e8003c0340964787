using System.Text;

namespace PortMatrix.Render;

/// <summary>Object and rule names that are valid on every target: ASCII letters, digits, '-' and '_'.</summary>
public static class Naming
{
    /// <summary>
    /// A name of at most <paramref name="maxLength"/> characters, starting with a letter, using only
    /// letters, digits and the characters in <paramref name="allowed"/>; other characters become
    /// the first allowed character (or are dropped).
    /// </summary>
    public static string Identifier(string text, int maxLength, string allowed = "-_")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowed);
        var replacement = allowed.Length > 0 ? allowed[0] : '\0';
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || allowed.Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
            else if (replacement != '\0' && sb.Length > 0 && sb[^1] != replacement)
            {
                sb.Append(replacement);
            }
        }

        var s = sb.ToString().Trim(allowed.ToCharArray());
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            s = "x" + (replacement == '\0' ? "" : replacement.ToString()) + s;
        }

        return s.Length <= maxLength ? s : s[..maxLength].TrimEnd(allowed.ToCharArray());
    }

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="used"/> with a numeric suffix, keeping the length limit.</summary>
    public static string Unique(string name, ISet<string> used, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(used);
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (name.Length + suffix.Length > maxLength ? name[..(maxLength - suffix.Length)] : name) + suffix;
        }

        return candidate;
    }
}
