using System.Text;

namespace PortMatrix.Import;

/// <summary>A text document split into lines, numbered from 1 as editors do.</summary>
public sealed class SourceDocument
{
    /// <summary>Documents larger than this are refused rather than read into memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public SourceDocument(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Path = path;
        Text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        Lines = Text.Split('\n');
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The lines; <c>Lines[0]</c> is line 1.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text of 1-based line <paramref name="number"/>.</summary>
    public string Line(int number) => Lines[number - 1];

    /// <summary>Reads a document from disk, refusing missing, empty, binary and oversized files with a clear error.</summary>
    public static SourceDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new PortMatrixException($"'{path}' is a directory, not a document.", path, "Give the path of a port document file.");
        }

        if (!File.Exists(path))
        {
            throw new PortMatrixException($"file '{path}' does not exist.", path, "Check the path and the working directory.");
        }

        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            throw new PortMatrixException($"'{path}' is empty.", path, "Import a document that contains a port table.");
        }

        if (info.Length > MaxBytes)
        {
            throw new PortMatrixException($"'{path}' is {info.Length / (1024 * 1024)} MiB, above the {MaxBytes / (1024 * 1024)} MiB limit.", path, "Split the document.");
        }

        var bytes = File.ReadAllBytes(path);
        return FromBytes(path, bytes);
    }

    /// <summary>Decodes bytes as UTF-8 (with or without BOM), refusing content that is not text.</summary>
    public static SourceDocument FromBytes(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            throw new PortMatrixException($"'{path}' is empty.", path, "Import a document that contains a port table.");
        }

        var probe = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var controls = 0;
        foreach (var b in probe)
        {
            if (b == 0)
            {
                throw NotText(path);
            }

            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C)
            {
                controls++;
            }
        }

        if (controls > probe.Length / 100 + 2)
        {
            throw NotText(path);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Older documents come as Windows-1252 / Latin-1; every byte maps to a character.
            text = Encoding.Latin1.GetString(bytes);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return new SourceDocument(path, text);
    }

    private static PortMatrixException NotText(string path) =>
        new($"'{path}' is not a text document (it contains binary data).", path,
            "Import a text, Markdown or CSV export of the port table.");
}
