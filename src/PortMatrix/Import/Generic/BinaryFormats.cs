namespace PortMatrix.Import.Generic;

/// <summary>Extractors for formats that are not text (XLSX, PDF): tried before a file is decoded as text.</summary>
public static class BinaryFormats
{
    /// <summary>
    /// PDF first: its check is the narrower one (a <c>%PDF-</c> header or a <c>.pdf</c> name), while the XLSX
    /// extractor takes every ZIP archive so that a workbook renamed <c>.csv</c> is never read as text.
    /// </summary>
    public static IReadOnlyList<IDocumentExtractor> All { get; } = [new PdfExtractor(), new XlsxExtractor()];
}
