namespace PortMatrix.Import;

/// <summary>Reads one tab table per component, as in the SwyxWare FAQ (seed 004).</summary>
public sealed class ComponentTabTableReader : IDocumentReader
{
    public string Layout => "component-tab-tables";

    public double Match(SourceDocument document) => 0;

    public ImportResult Read(SourceDocument document) =>
        throw new NotImplementedException("The component-tab-tables reader is not written yet.");
}
