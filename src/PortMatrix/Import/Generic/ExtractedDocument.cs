namespace PortMatrix.Import.Generic;

/// <summary>A cell of a table as extracted, with where it is in the document (1-based).</summary>
public readonly record struct TableCell(string Text, int Line, int Column);

/// <summary>A row of a table; <see cref="Line"/> is the document line (or sheet row, or PDF page line) it starts on.</summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells, int Line);

/// <summary>
/// A table found in a document, before interpretation: rows of cells in document order. The header
/// row is not marked; the interpreter finds it by meaning. <see cref="Section"/> is the nearest heading above.
/// </summary>
public sealed record TextTable(IReadOnlyList<TableRow> Rows, string? Section, string Origin);

/// <summary>
/// A line of running text outside tables (a bullet, a sentence), with its heading. <see cref="Lead"/> is the
/// start of the sentence the line continues, from the lines above it in the same paragraph ("The manager sends"
/// above "SIP signalling to the call server on UDP 5060"); null when the line starts a sentence.
/// </summary>
public sealed record TextLine(string Text, int Line, string? Section)
{
    public string? Lead { get; init; }

    /// <summary>
    /// For a heading that names a port ("### 5061/TCP - SIP over TLS"): the first sentence of the paragraph under it,
    /// which says who connects to whom; null otherwise.
    /// </summary>
    public string? Below { get; init; }
}

/// <summary>
/// What a format extractor (Markdown, HTML, CSV, XLSX, PDF, plain text) hands to the interpreter:
/// the tables and the running text of one document, in order, with their line numbers.
/// </summary>
public sealed record ExtractedDocument(string Path, string Format, IReadOnlyList<TextTable> Tables, IReadOnlyList<TextLine> Lines)
{
    /// <summary>The document's own title where the format has one apart from its text (HTML <c>&lt;title&gt;</c>); else null.</summary>
    public string? Title { get; init; }
}

/// <summary>Turns the bytes of one document format into tables and lines.</summary>
public interface IDocumentExtractor
{
    /// <summary>The format's name, e.g. <c>markdown</c>, <c>csv</c>, <c>xlsx</c>.</summary>
    string Format { get; }

    /// <summary>Whether these bytes (and file name) look like this format.</summary>
    bool CanExtract(string path, ReadOnlySpan<byte> head);

    /// <summary>Extracts the document; throws <see cref="PortMatrixException"/> for a damaged file.</summary>
    ExtractedDocument Extract(string path, Stream content);
}
