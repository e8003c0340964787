namespace PortMatrix.Import.Generic;

/// <summary>
/// Reads flows out of extracted tables and text by meaning: finds header rows, recognises columns by
/// what they hold, reads port and transport notations, and warns for every row or line that looks
/// like port information but yields no flow.
/// </summary>
/// <remarks>
/// Tables: the header is the row among the first <see cref="HeaderSearchRows"/> whose cells best match
/// the synonym list in <see cref="ColumnRoles"/>; rows above it are titles. Without a header, columns
/// are recognised by their content, and failing that each cell is read as text. Running text: a number
/// is a port only when "port", a transport or an application is written next to it. The product side
/// of a flow is <c>product</c>, else a name found in the document's title, else "this system".
/// </remarks>
public static class TableInterpreter
{
    /// <summary>How many leading rows of a table may hold titles before the header row.</summary>
    public const int HeaderSearchRows = 25;

    /// <summary>The name used for the product's side when neither the caller nor the document names it.</summary>
    public const string DefaultProduct = "this system";

    /// <summary>The name used for the other side when the document does not name it.</summary>
    public const string DefaultPeer = "peer";

    public static ImportResult Interpret(ExtractedDocument document) => Interpret(document, null);

    /// <summary>Interprets a document; <paramref name="product"/> names the product's side of every flow.</summary>
    public static ImportResult Interpret(ExtractedDocument document, string? product) => Interpret(document, product, progress: null);

    /// <summary>
    /// Interprets a document, reporting to <paramref name="progress"/> how much of a large table or text is read
    /// (from the threads that read it).
    /// </summary>
    public static ImportResult Interpret(ExtractedDocument document, string? product, IProgress<ImportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Interpretation(document, product, progress: progress).Run();
    }

    /// <summary>
    /// As <see cref="Interpret(ExtractedDocument, string?)"/>, reading tables and running text in chunks of
    /// <paramref name="chunkSize"/> rows or lines on several threads (0: on one thread). For tests that check
    /// the chunked reading gives exactly what one pass gives.
    /// </summary>
    internal static ImportResult Interpret(ExtractedDocument document, string? product, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Interpretation(document, product, chunkSize).Run();
    }
}
