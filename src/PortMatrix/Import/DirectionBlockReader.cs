namespace PortMatrix.Import;

/// <summary>Reads semi-structured protocol blocks with IN/OUT directions, as in the Imagicle network setup page (seed 002).</summary>
public sealed class DirectionBlockReader : IDocumentReader
{
    public string Layout => "direction-blocks";

    public double Match(SourceDocument document) => 0;

    public ImportResult Read(SourceDocument document) =>
        throw new NotImplementedException("The direction-blocks reader is not written yet.");
}
