using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>
/// A flow as a reader found it in a document: roles are the document's own words, not catalog ids,
/// and the line and cell say exactly where it was read.
/// </summary>
public sealed record ImportedFlow
{
    public required string Service { get; init; }

    public required Transport Transport { get; init; }

    /// <summary>Destination ports.</summary>
    public required PortExpression Ports { get; init; }

    public PortExpression? SourcePorts { get; init; }

    /// <summary>The opening side, as the document names it (one or more alternatives).</summary>
    public IReadOnlyList<string> From { get; init; } = [];

    /// <summary>The listening side, as the document names it.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    public string? Application { get; init; }

    public bool Tls { get; init; }

    public FirewallRelevance Firewall { get; init; } = FirewallRelevance.Unknown;

    /// <summary>The document's description of the flow (the user's document, not ours to keep).</summary>
    public string? Purpose { get; init; }

    /// <summary>Component or table the row belongs to, e.g. "Voicemail Pro" or "SwyxGate".</summary>
    public string? Component { get; init; }

    /// <summary>Heading or section the row sits under, e.g. "INGRESS CONNECTIONS".</summary>
    public string? Section { get; init; }

    public bool Configurable { get; init; }

    public string? DefaultState { get; init; }

    public string? Note { get; init; }

    /// <summary>1-based line of the document the port cell is on.</summary>
    public required int Line { get; init; }

    /// <summary>The port cell exactly as written.</summary>
    public required string Cell { get; init; }

    /// <summary>Which rule of the reader produced the flow (shown by <c>--explain</c>).</summary>
    public string Rule { get; init; } = "";
}
