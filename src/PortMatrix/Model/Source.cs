namespace PortMatrix.Model;

/// <summary>A document a release's facts are taken from.</summary>
/// <param name="Id">Id that flows cite in <c>source.doc</c>.</param>
/// <param name="Title">The document's title.</param>
/// <param name="File">The seed file name, when the document is one of the vendor documents PortMatrix is built from.</param>
/// <param name="Warnings">Warnings the importer gives on this document, each with the reason it is expected.</param>
public sealed record Source(string Id, string Title, string? File, IReadOnlyList<ExpectedWarning> Warnings);

/// <summary>An import warning the catalog's reviewers have looked at, and why it needs no flow (or got one by hand).</summary>
public sealed record ExpectedWarning(int Line, string Code, string Why);
