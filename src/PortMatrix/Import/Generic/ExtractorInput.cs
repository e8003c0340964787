namespace PortMatrix.Import.Generic;

/// <summary>Input helpers shared by the HTML, XLSX and PDF extractors: bounded reading and name checks.</summary>
internal static class ExtractorInput
{
    /// <summary>
    /// Reads a whole stream into memory, refusing more than <paramref name="maxBytes"/> with a clear error.
    /// Binary formats need random access (ZIP directories, PDF cross-reference tables) and text formats are
    /// parsed whole, so a bounded copy is the simplest way to keep memory bounded.
    /// </summary>
    public static byte[] ReadBounded(Stream content, string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            throw TooLarge(path, maxBytes, what);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(path, maxBytes, what);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static PortMatrixException TooLarge(string path, long maxBytes, string what) =>
        new($"'{path}' is larger than the {maxBytes / (1024 * 1024)} MiB PortMatrix reads from {what}.", path,
            "Split the document, or export the port table on its own.");

    /// <summary>Whether the file name ends with one of the extensions (with the dot), ignoring case.</summary>
    public static bool HasExtension(string path, params string[] extensions) =>
        extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
