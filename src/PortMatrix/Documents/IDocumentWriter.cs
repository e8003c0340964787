using System.Text;

namespace PortMatrix.Documents;

/// <summary>Writes a <see cref="PortMatrixDocument"/> in one format. One class per format.</summary>
public interface IDocumentWriter
{
    /// <summary>The format's name on the command line, e.g. <c>md</c>.</summary>
    string Name { get; }

    /// <summary>The usual file extension, without the dot.</summary>
    string Extension { get; }

    /// <summary>One line for the command's help.</summary>
    string Description { get; }

    /// <summary>True when the output is text (it can go to standard output).</summary>
    bool IsText { get; }

    void Write(PortMatrixDocument document, Stream output);
}

/// <summary>A writer whose output is text; <see cref="Render"/> gives it as a string.</summary>
public abstract class TextDocumentWriter : IDocumentWriter
{
    public abstract string Name { get; }

    public abstract string Extension { get; }

    public abstract string Description { get; }

    public bool IsText => true;

    /// <summary>Whether the file starts with a UTF-8 byte order mark (CSV does, so Excel reads it as UTF-8).</summary>
    protected virtual bool ByteOrderMark => false;

    public abstract string Render(PortMatrixDocument document);

    public void Write(PortMatrixDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = new UTF8Encoding(ByteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(Render(document))).ToArray();
        output.Write(bytes);
    }
}

/// <summary>The document formats PortMatrix writes.</summary>
public static class DocumentWriters
{
    public static IReadOnlyList<IDocumentWriter> All { get; } =
    [
        new MarkdownDocumentWriter(),
        new HtmlDocumentWriter(),
        new CsvDocumentWriter(),
        new XlsxDocumentWriter(),
    ];

    public static IDocumentWriter Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(w.Extension, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new PortMatrixException($"unknown document format '{name}'.", "--format",
                $"Formats: {string.Join(", ", All.Select(w => w.Name))}.");
    }

    /// <summary>The document as bytes, in the writer's format.</summary>
    public static byte[] ToBytes(this IDocumentWriter writer, PortMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new MemoryStream();
        writer.Write(document, stream);
        return stream.ToArray();
    }
}
