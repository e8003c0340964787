using PortMatrix.Import;

namespace PortMatrix.Tests.Import;

public sealed class SourceDocumentTests
{
    [Fact]
    public void Numbers_lines_from_one_and_normalizes_line_ends()
    {
        var doc = new SourceDocument("x.txt", "a\r\nb\rc\n");

        Assert.Equal("a", doc.Line(1));
        Assert.Equal("b", doc.Line(2));
        Assert.Equal("c", doc.Line(3));
    }

    [Fact]
    public void Refuses_binary_content()
    {
        var e = Assert.Throws<PortMatrixException>(() => SourceDocument.FromBytes("x.csv", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }));

        Assert.Contains("not a text document", e.Message, StringComparison.Ordinal);
        Assert.Equal("x.csv", e.Location);
    }

    [Fact]
    public void Reads_latin1_when_the_bytes_are_not_utf8()
    {
        var doc = SourceDocument.FromBytes("x.txt", new byte[] { (byte)'P', (byte)'o', (byte)'r', (byte)'t', 0xE9 });

        Assert.Equal("Porté", doc.Text);
    }

    [Fact]
    public void Drops_a_byte_order_mark()
    {
        var doc = SourceDocument.FromBytes("x.txt", [0xEF, 0xBB, 0xBF, (byte)'T', (byte)'C', (byte)'P']);

        Assert.Equal("TCP", doc.Text);
    }

    [Fact]
    public void Importer_refuses_a_document_with_no_port_table()
    {
        var doc = new SourceDocument("notes.txt", "Minutes of the meeting.\nNothing about networks.\n");

        var e = Assert.Throws<PortMatrixException>(() => new DocumentImporter().Import(doc));

        Assert.Contains("no port table", e.Message, StringComparison.Ordinal);
    }
}
