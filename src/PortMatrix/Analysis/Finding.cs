using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Analysis;

/// <summary>How much a finding matters; <c>check --fail-on</c> compares against it.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
}

/// <summary>Parsing and formatting of <see cref="Severity"/>.</summary>
public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            default: severity = default; return false;
        }
    }
}

/// <summary>A catalog flow a finding is about, with the document line it was read from.</summary>
/// <param name="Product">Product id.</param>
/// <param name="Release">Release of the product.</param>
/// <param name="Flow">The catalog flow.</param>
/// <param name="Ports">Its destination ports as evaluated for the subject (site parameters or defaults).</param>
/// <param name="SourceFile">The vendor document file of the flow's source, when the catalog names one.</param>
public sealed record FindingFlow(string Product, string Release, Flow Flow, PortSet Ports, string? SourceFile)
{
    /// <summary><c>product:flow-id</c>.</summary>
    public string Id => $"{Product}:{Flow.Id}";

    /// <summary><c>udp/55000-56000</c>, or the transport alone when it has no ports.</summary>
    public string PortsText => Flow.Transport.HasPorts() ? $"{Flow.Transport.ToName()}/{Ports}" : Flow.Transport.ToName();

    /// <summary><c>doc:line</c> of the source document.</summary>
    public string SourceText => $"{Flow.Source.Doc}:{Flow.Source.Line}";

    public static FindingFlow Of(ProductRelease release, Flow flow, PortSet ports)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        var file = release.Sources.FirstOrDefault(s => s.Id == flow.Source.Doc)?.File;
        return new FindingFlow(release.Id, release.Release, flow, ports, file);
    }

    public static FindingFlow Of(FlowHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return Of(hit.Release, hit.Flow, hit.Ports);
    }
}

/// <summary>
/// One problem an analyzer found: a stable id (the analyzer's code and an instance key), a severity,
/// a title, the flows and hosts involved, and what to change. All text is PortMatrix's own words.
/// </summary>
public sealed record Finding
{
    /// <summary>The finding type, e.g. <c>PM-CONFLICT-001</c>.</summary>
    public required string Code { get; init; }

    /// <summary>What makes this instance unique among the findings of its code, e.g. the flows or the host.</summary>
    public required string Key { get; init; }

    /// <summary><c>CODE/key</c>: stable across runs on the same input.</summary>
    public string Id => $"{Code}/{Key}";

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>Why it matters and what the analysis assumed.</summary>
    public string Detail { get; init; } = "";

    public required IReadOnlyList<FindingFlow> Flows { get; init; }

    /// <summary>Site hosts (or zones) involved, when the subject is a site.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>What to change.</summary>
    public required string Fix { get; init; }
}
