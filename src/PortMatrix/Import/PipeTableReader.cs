namespace PortMatrix.Import;

/// <summary>Reads Mitel MX-ONE style pipe tables, one cell per line, with continuation rows (seeds 000, 001).</summary>
public sealed class PipeTableReader : IDocumentReader
{
    public string Layout => "pipe-table";

    public double Match(SourceDocument document) => 0;

    public ImportResult Read(SourceDocument document) =>
        throw new NotImplementedException("The pipe-table reader is not written yet.");
}
