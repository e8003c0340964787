namespace PortMatrix.Model;

/// <summary>Where a fact came from: a source document of the release, its line, and the cell as written.</summary>
public sealed record SourceRef(string Doc, int Line, string Cell);
