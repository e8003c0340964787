using System.Globalization;
using System.Text;

namespace PortMatrix.Catalog;

/// <summary>Formatting of YAML scalars that read back as exactly the same string.</summary>
public static class YamlText
{
    /// <summary>A scalar in plain style when that is safe, double-quoted otherwise.</summary>
    public static string Scalar(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case bool b: return b ? "true" : "false";
            case int or long or double: return Convert.ToString(value, CultureInfo.InvariantCulture)!;
        }

        var s = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var plain = s.Length > 0
            && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1])
            && "-?:,[]{}#&*!|>'\"%@`0123456789.+=~".IndexOf(s[0], StringComparison.Ordinal) < 0
            && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal)
            && !s.EndsWith(':')
            && s.IndexOfAny(['{', '}', '[', ']', ',']) < 0
            && s.All(c => c >= ' ' && c != '\u007f' && c < '\u0080')
            && !IsReserved(s);
        return plain ? s : Quote(s);
    }

    /// <summary>A double-quoted YAML scalar with JSON-compatible escapes.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Lowercase-kebab form of a name, for ids: "MX-ONE Server" → "mx-one-server".</summary>
    public static string Kebab(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var s = sb.ToString().Trim('-');
        return s.Length == 0 ? "x" : s;
    }

    private static bool IsReserved(string s) => s.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "null" or "on" or "off" or "y" or "n" or "~";
}
