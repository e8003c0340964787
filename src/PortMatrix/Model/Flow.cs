using PortMatrix.Ports;

namespace PortMatrix.Model;

/// <summary>
/// One atomic flow: one transport and one destination port set, opened by <see cref="From"/> towards
/// <see cref="To"/>. A table row with "TCP/UDP 53" is two flows.
/// </summary>
public sealed record Flow
{
    public required string Id { get; init; }

    public required string Service { get; init; }

    /// <summary>Role ids of the side that opens the connection.</summary>
    public required IReadOnlyList<string> From { get; init; }

    /// <summary>Role ids of the listening side.</summary>
    public required IReadOnlyList<string> To { get; init; }

    public required Transport Transport { get; init; }

    /// <summary>Destination ports.</summary>
    public required PortExpression Ports { get; init; }

    public PortExpression? SourcePorts { get; init; }

    /// <summary>The application protocol on top of the transport, e.g. sip, http, rtp.</summary>
    public string? Application { get; init; }

    public bool Tls { get; init; }

    public FirewallRelevance Firewall { get; init; } = FirewallRelevance.Unknown;

    /// <summary>What the flow is for, in the project's own words.</summary>
    public string Purpose { get; init; } = "";

    /// <summary>The optional feature that needs this flow; null when always needed.</summary>
    public string? Feature { get; init; }

    /// <summary>The part of the product this flow belongs to (e.g. Voicemail Pro within IP Office).</summary>
    public string? Component { get; init; }

    public bool Configurable { get; init; }

    /// <summary>Documented default state of the listening port (open, closed, filtered), if any.</summary>
    public string? DefaultState { get; init; }

    public string? Note { get; init; }

    /// <summary>
    /// False when the source does not give this release's ports and <see cref="Ports"/> repeats
    /// the nearest documented release's value (e.g. a range a change table only gives afterwards).
    /// </summary>
    public bool PortsDocumented { get; init; } = true;

    public required SourceRef Source { get; init; }
}
