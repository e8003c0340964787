namespace PortMatrix.Import;

/// <summary>What an import produced: the flows, the layout it recognised, and warnings for everything unread.</summary>
public sealed record ImportResult(
    string Document,
    string Layout,
    IReadOnlyList<ImportedFlow> Flows,
    IReadOnlyList<ImportWarning> Warnings)
{
    /// <summary>Rows of tables of changes between releases, when the document has them.</summary>
    public IReadOnlyList<ReleaseChange> ReleaseChanges { get; init; } = [];

    /// <summary>The name the flows give the product's own side: as given, as found in the document, or a placeholder.</summary>
    public string? Product { get; init; }
}
