using System.Globalization;
using System.Text;

namespace PortMatrix.Documents;

/// <summary>
/// One CSV table of every flow (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// quote or line break), UTF-8 with a byte order mark so Excel reads it as UTF-8.
/// </summary>
/// <remarks>
/// A spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> as a formula
/// (CSV injection). Such a cell gets a leading apostrophe, which Excel and LibreOffice show as
/// text; quoting alone would not stop them. A lone <c>-</c> or <c>+</c> (MX-ONE writes "-" for
/// "no port") cannot be a formula and is left as written. CSV has no place for a title or notes,
/// so each row carries its release and the title of its source document instead.
/// </remarks>
public sealed class CsvDocumentWriter : TextDocumentWriter
{
    /// <summary>The header row's column names.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "product", "release", "component", "listener", "flow", "from", "to", "transport", "ports", "ports_evaluated",
        "source_ports", "service", "application", "tls", "firewall", "purpose", "feature",
        "source_doc", "source_title", "source_line", "source_cell",
    ];

    public override string Name => "csv";

    public override string Extension => "csv";

    public override string Description => "one CSV table of all flows (UTF-8 with BOM, for spreadsheets)";

    protected override bool ByteOrderMark => true;

    public override string Render(PortMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        Line(sb, Columns);
        foreach (var section in document.Sections)
        {
            foreach (var group in section.Groups)
            {
                foreach (var r in group.Rows)
                {
                    Line(sb,
                    [
                        r.Product, r.Release, r.Component, group.Listener, r.FlowId, r.From, r.To, r.Transport, r.Ports, r.EvaluatedPorts,
                        r.SourcePorts, r.Service, r.Application, r.TlsText, r.FirewallText, r.Purpose, r.Feature,
                        r.SourceDoc, r.SourceTitle, r.Line.ToString(CultureInfo.InvariantCulture), r.Cell,
                    ]);
                }
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Field(fields[i]));
        }

        sb.Append("\r\n");
    }

    /// <summary>One field: neutralised against formulas, then quoted when RFC 4180 needs it.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = Neutralise(value);
        var quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        return quote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Prefixes an apostrophe to a cell a spreadsheet would run as a formula.</summary>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return value;
        }

        var risky = value[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => value.Length > 1,
            _ => false,
        };
        return risky ? "'" + value : value;
    }
}
