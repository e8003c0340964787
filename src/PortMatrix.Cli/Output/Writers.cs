using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortMatrix.Cli.Output;

/// <summary>Prints records as JSON, YAML or CSV.</summary>
internal static class Writers
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Json(TextWriter output, object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            WriteJson(writer, value);
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case Record r:
                w.WriteStartObject();
                foreach (var (k, v) in r)
                {
                    if (v is null)
                    {
                        continue;
                    }

                    w.WritePropertyName(k);
                    WriteJson(w, v);
                }

                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(w, item);
                }

                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    public static void Yaml(TextWriter output, object? value)
    {
        var sb = new StringBuilder();
        WriteYaml(sb, value, 0, inList: false);
        output.Write(sb.ToString());
    }

    private static void WriteYaml(StringBuilder sb, object? value, int indent, bool inList)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case Record r:
                var first = true;
                foreach (var (k, v) in r)
                {
                    if (v is null)
                    {
                        continue;
                    }

                    if (!(first && inList))
                    {
                        sb.Append(pad);
                    }

                    first = false;
                    sb.Append(k).Append(':');
                    if (v is Record or System.Collections.IEnumerable and not string)
                    {
                        if (v is System.Collections.IEnumerable e && v is not Record && !e.Cast<object?>().Any())
                        {
                            sb.Append(" []\n");
                            continue;
                        }

                        sb.Append('\n');
                        WriteYaml(sb, v, indent + 2, inList: false);
                    }
                    else
                    {
                        sb.Append(' ').Append(YamlScalar(v)).Append('\n');
                    }
                }

                if (first)
                {
                    sb.Append(inList ? "{}\n" : pad + "{}\n");
                }

                break;
            case System.Collections.IEnumerable list and not string:
                foreach (var item in list)
                {
                    sb.Append(pad).Append("- ");
                    if (item is Record)
                    {
                        WriteYaml(sb, item, indent + 2, inList: true);
                    }
                    else
                    {
                        sb.Append(YamlScalar(item)).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(pad).Append(YamlScalar(value)).Append('\n');
                break;
        }
    }

    public static string YamlScalar(object? value) => PortMatrix.Catalog.YamlText.Scalar(value);

    public static void Csv(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        output.WriteLine(string.Join(',', headers.Select(CsvCell)));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(',', row.Select(CsvCell)));
        }
    }

    private static string CsvCell(string cell)
    {
        // A leading = + - @ would run as a formula in a spreadsheet; a quote keeps it text.
        var needsQuote = cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal) && !char.IsAsciiDigit(cell.Length > 1 ? cell[1] : 'x'));
        return needsQuote ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
