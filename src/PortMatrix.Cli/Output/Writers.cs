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

    /// <summary>Writes <paramref name="value"/> as indented JSON, streaming: lists are enumerated (and their records made) as they are written.</summary>
    public static void Json(TextWriter output, object? value)
    {
        using (var stream = new TextWriterStream(output))
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            WriteJson(writer, value);
        }

        output.WriteLine();
    }

    /// <summary>How much JSON is held before it goes to the output.</summary>
    private const int FlushBytes = 1 << 16;

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
                    if (w.BytesPending > FlushBytes)
                    {
                        w.Flush();
                    }
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

    /// <summary>UTF-8 bytes written into a <see cref="TextWriter"/> (which may be a <see cref="StringWriter"/> in tests).</summary>
    private sealed class TextWriterStream(TextWriter output) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var n = _decoder.GetChars(buffer, _chars, flush: false);
            output.Write(_chars, 0, n);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
