namespace PortMatrix.Import.Generic;

/// <summary>Extractors for formats that are not text (XLSX, PDF): tried before a file is decoded as text.</summary>
public static class BinaryFormats
{
    public static IReadOnlyList<IDocumentExtractor> All { get; } = [];
}
