namespace PortMatrix.Documents;

/// <summary>What an edge of a flow diagram carries, which decides how it is drawn.</summary>
public enum DiagramEdgeKind
{
    /// <summary>Every flow on the edge is cleartext (drawn dashed).</summary>
    Cleartext,

    /// <summary>Every flow on the edge is protected by TLS (drawn solid, bold and green).</summary>
    Encrypted,

    /// <summary>Some flows on the edge use TLS and some do not (drawn solid and blue).</summary>
    Mixed,

    /// <summary>Every flow on the edge needs no firewall opening; only drawn with <c>--all</c> (grey, dotted).</summary>
    NoOpening,

    /// <summary>Not a flow: the role is a member of a role group (thin grey line without arrow).</summary>
    Membership,
}

/// <summary>What a node of a flow diagram stands for.</summary>
public enum DiagramNodeKind
{
    /// <summary>A role of a product (product diagrams).</summary>
    Role,

    /// <summary>A host of a site.</summary>
    Host,

    /// <summary>A whole zone that roles are bound to.</summary>
    Zone,

    /// <summary>An address or network that a role is bound to.</summary>
    Network,

    /// <summary>A firewall of a site, with the zones it separates.</summary>
    Firewall,

    /// <summary>
    /// Several roles that open (or receive) the same flows, drawn once: "any of these roles".
    /// Its members are joined to it by <see cref="DiagramEdgeKind.Membership"/> edges.
    /// </summary>
    RoleGroup,
}

/// <summary>A node: its id (unique in the graph), its label lines and the cluster it is drawn in, if any.</summary>
public sealed record DiagramNode(string Id, IReadOnlyList<string> Label, DiagramNodeKind Kind, string? Cluster);

/// <summary>A group of nodes drawn in one box: a product component or a site zone.</summary>
public sealed record DiagramCluster(string Id, IReadOnlyList<string> Label);

/// <summary>
/// All flows between one ordered pair of nodes, merged into one edge: the label lists the
/// transports and ports compactly; <see cref="Services"/> and <see cref="FlowIds"/> say what it carries.
/// </summary>
public sealed record DiagramEdge(
    string From,
    string To,
    IReadOnlyList<string> Label,
    DiagramEdgeKind Kind,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> FlowIds);

/// <summary>
/// A flow diagram independent of its drawing language: nodes (optionally in clusters) and one
/// merged edge per (from, to) pair, in a fixed order so output is deterministic.
/// </summary>
public sealed record DiagramGraph(
    string Title,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DiagramCluster> Clusters,
    IReadOnlyList<DiagramNode> Nodes,
    IReadOnlyList<DiagramEdge> Edges)
{
    /// <summary>The legend, one line per edge kind the graph uses.</summary>
    public IReadOnlyList<string> Legend =>
        Edges.Select(e => e.Kind).Distinct().Order().Select(k => k switch
        {
            DiagramEdgeKind.Encrypted => "bold green solid line: every flow encrypted (TLS)",
            DiagramEdgeKind.Mixed => "blue solid line: some flows encrypted (TLS), some cleartext",
            DiagramEdgeKind.NoOpening => "grey dotted line: no firewall opening needed",
            DiagramEdgeKind.Membership => "thin grey line without arrow: the role belongs to the role group; a group's flows are each member's flows (to or from the other members when the far end is a member too)",
            _ => "dashed line: cleartext",
        }).ToList();
}
