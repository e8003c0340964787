namespace PortMatrix.Import;

/// <summary>Reads Avaya port-matrix tab tables with repeated page headers and INGRESS / EGRESS / INTRA-DEVICE sections (seed 003).</summary>
public sealed class SectionedTabTableReader : IDocumentReader
{
    public string Layout => "sectioned-tab-table";

    public double Match(SourceDocument document) => 0;

    public ImportResult Read(SourceDocument document) =>
        throw new NotImplementedException("The sectioned-tab-table reader is not written yet.");
}
