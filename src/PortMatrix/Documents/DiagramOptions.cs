namespace PortMatrix.Documents;

/// <summary>What a product diagram draws.</summary>
public sealed record DiagramOptions
{
    /// <summary>Also draw flows that need no firewall opening.</summary>
    public bool IncludeNotNeeded { get; init; }

    /// <summary>Draw every role pair instead of role group nodes.</summary>
    public bool NoGroups { get; init; }
}
