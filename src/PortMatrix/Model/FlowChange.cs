using PortMatrix.Ports;

namespace PortMatrix.Model;

/// <summary>The kinds of change a derived release applies to its base.</summary>
public enum FlowChangeKind
{
    Add,
    Remove,
    Change,
}

/// <summary>
/// One step from a base release to a derived one: a flow added, removed or changed, with the
/// document line (e.g. a row of a table of changes between releases) it rests on.
/// </summary>
public sealed record FlowChange(FlowChangeKind Kind, string FlowId, Flow? Added, FlowPatch? Patch, SourceRef Source, string Why, string Location);

/// <summary>The fields a change sets on a flow; null fields stay as in the base release.</summary>
public sealed record FlowPatch
{
    public PortExpression? Ports { get; init; }

    public Transport? Transport { get; init; }

    public IReadOnlyList<string>? From { get; init; }

    public IReadOnlyList<string>? To { get; init; }

    public bool? Tls { get; init; }

    public bool? PortsDocumented { get; init; }

    public string? Note { get; init; }

    public string? Purpose { get; init; }

    public FirewallRelevance? Firewall { get; init; }

    public Flow Apply(Flow flow, SourceRef source)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow with
        {
            Ports = Ports ?? flow.Ports,
            Transport = Transport ?? flow.Transport,
            From = From ?? flow.From,
            To = To ?? flow.To,
            Tls = Tls ?? flow.Tls,
            PortsDocumented = PortsDocumented ?? flow.PortsDocumented,
            Note = Note ?? flow.Note,
            Purpose = Purpose ?? flow.Purpose,
            Firewall = Firewall ?? flow.Firewall,
            Source = source,
        };
    }
}
