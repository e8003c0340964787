using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Cli.Output;

/// <summary>Prints catalog flows in every output format with the same fields.</summary>
internal static class FlowOutput
{
    public static Record ToRecord(FlowHit hit)
    {
        var (release, flow, ports) = (hit.Release, hit.Flow, hit.Ports);
        var source = release.Sources.FirstOrDefault(s => s.Id == flow.Source.Doc);
        var exact = flow.Ports.ToString();
        return new Record()
            .Add("product", release.Id)
            .Add("vendor", release.Vendor)
            .Add("product-name", release.Product)
            .Add("release", release.Release)
            .Add("id", flow.Id)
            .Add("service", flow.Service)
            .Add("component", flow.Component)
            .Add("transport", flow.Transport.ToName())
            .Add("ports", exact)
            .Add("resolved-ports", exact == ports.ToString() ? null : ports.ToString())
            .Add("source-ports", flow.SourcePorts?.ToString())
            .Add("from", flow.From.ToList())
            .Add("to", flow.To.ToList())
            .Add("from-names", flow.From.Select(r => RoleName(release, r)).ToList())
            .Add("to-names", flow.To.Select(r => RoleName(release, r)).ToList())
            .Add("application", flow.Application)
            .Add("tls", flow.Tls)
            .Add("firewall", flow.Firewall.ToName())
            .Add("feature", flow.Feature)
            .Add("configurable", flow.Configurable)
            .Add("default-state", flow.DefaultState)
            .Add("purpose", flow.Purpose)
            .Add("note", flow.Note)
            .Add("source", new Record()
                .Add("doc", flow.Source.Doc)
                .Add("file", source?.File)
                .Add("title", source?.Title)
                .Add("line", flow.Source.Line)
                .Add("cell", flow.Source.Cell));
    }

    public static readonly string[] CsvHeaders =
        ["product", "release", "id", "service", "component", "from", "to", "transport", "ports", "resolved_ports", "tls", "firewall", "purpose", "source_doc", "source_line", "source_cell"];

    public static IReadOnlyList<string> ToCsvRow(FlowHit hit) =>
    [
        hit.Release.Id, hit.Release.Release, hit.Flow.Id, hit.Flow.Service, hit.Flow.Component ?? "",
        string.Join(" | ", hit.Flow.From.Select(r => RoleName(hit.Release, r))),
        string.Join(" | ", hit.Flow.To.Select(r => RoleName(hit.Release, r))),
        hit.Flow.Transport.ToName(), hit.Flow.Ports.ToString(), hit.Ports.ToString(),
        hit.Flow.Tls ? "true" : "false", hit.Flow.Firewall.ToName(), hit.Flow.Purpose,
        hit.Flow.Source.Doc, hit.Flow.Source.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), hit.Flow.Source.Cell,
    ];

    /// <summary>Prints flows; <paramref name="withProduct"/> adds the product column to tables.</summary>
    public static void Print(TextWriter output, OutputFormat format, IReadOnlyList<FlowHit> hits, bool withProduct, string? title = null, Record? envelope = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Writers.Json(output, envelope is null ? hits.Select(ToRecord).ToList() : envelope.Add("flows", hits.Select(ToRecord).ToList()));
                break;
            case OutputFormat.Yaml:
                Writers.Yaml(output, envelope is null ? hits.Select(ToRecord).ToList() : envelope.Add("flows", hits.Select(ToRecord).ToList()));
                break;
            case OutputFormat.Csv:
                Writers.Csv(output, CsvHeaders, hits.Select(ToCsvRow));
                break;
            default:
                var headers = new List<string>();
                if (withProduct)
                {
                    headers.AddRange(["PRODUCT", "RELEASE"]);
                }

                headers.AddRange(["SERVICE", "FROM", "TO", "PORTS", "FIREWALL", "SOURCE"]);
                var rows = hits.Select(h =>
                {
                    var row = new List<string>();
                    if (withProduct)
                    {
                        row.AddRange([h.Release.Product, h.Release.Release]);
                    }

                    row.AddRange([
                        h.Flow.Component is null ? h.Flow.Service : $"{h.Flow.Service} ({h.Flow.Component})",
                        Names(h.Release, h.Flow.From),
                        Names(h.Release, h.Flow.To),
                        PortsText(h),
                        h.Flow.Firewall.ToName(),
                        $"{h.Flow.Source.Doc}:{h.Flow.Source.Line}",
                    ]);
                    return (IReadOnlyList<string>)row;
                }).ToList();
                TableWriter.Write(output, headers, rows, title);
                break;
        }
    }

    /// <summary><c>tcp/5061 tls</c>, with the evaluated ports beside a formula.</summary>
    public static string PortsText(FlowHit h)
    {
        var exact = h.Flow.Ports.ToString();
        var text = h.Flow.Transport.HasPorts() ? $"{h.Flow.Transport.ToName()}/{exact}" : h.Flow.Transport.ToName();
        if (exact != h.Ports.ToString() && h.Flow.Transport.HasPorts())
        {
            text += $" (= {h.Ports})";
        }

        return h.Flow.Tls ? text + " tls" : text;
    }

    /// <summary>Role names for a table cell; long lists are shortened (JSON and CSV keep them whole).</summary>
    private static string Names(ProductRelease release, IReadOnlyList<string> roles) =>
        roles.Count <= 3
            ? string.Join(", ", roles.Select(r => RoleName(release, r)))
            : string.Join(", ", roles.Take(2).Select(r => RoleName(release, r))) + $" (+{roles.Count - 2} more)";

    private static string RoleName(ProductRelease release, string roleId) => release.FindRole(roleId)?.Name ?? roleId;
}
