namespace PortMatrix.Import;

/// <summary>Reads one layout of port document.</summary>
public interface IDocumentReader
{
    /// <summary>The layout's name as reported in <see cref="ImportResult.Layout"/>, e.g. <c>pipe-table</c>.</summary>
    string Layout { get; }

    /// <summary>How sure the reader is that the document has its layout: 0 (not at all) to 1 (certain).</summary>
    /// <remarks>
    /// For a large document <see cref="DocumentImporter"/> calls the readers' <c>Match</c> side by side on
    /// several threads (one call per reader), so a reader must not share mutable state with another reader.
    /// </remarks>
    double Match(SourceDocument document);

    ImportResult Read(SourceDocument document);
}
