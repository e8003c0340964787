using System.Text;
using PortMatrix.Catalog;
using PortMatrix.Documents;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Documents;

/// <summary>
/// The Markdown, HTML and CSV port matrices of two products and one example site, against reviewed
/// files under Documents/Golden/. PORTMATRIX_UPDATE_GOLDEN=1 rewrites them on purpose.
/// </summary>
public sealed class DocumentGoldenTests
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var subject in new[] { "mitel-mx-one", "swyx-swyxware", "site-swyx-branch" })
        {
            foreach (var format in new[] { "md", "html", "csv" })
            {
                data.Add(subject, format);
            }
        }

        return data;
    }

    internal static PortMatrixDocument Document(string subject) =>
        subject.StartsWith("site-", StringComparison.Ordinal)
            ? PortMatrixDocument.ForSite(Examples.Site(subject["site-".Length..]))
            : PortMatrixDocument.ForReleases(Catalog.Value.Resolve(subject));

    internal static string Text(IDocumentWriter writer, PortMatrixDocument document) =>
        new UTF8Encoding(false).GetString(writer.ToBytes(document));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_the_reviewed_golden_file(string subject, string format)
    {
        var writer = DocumentWriters.Find(format);

        // The CSV's byte order mark and CRLF line ends are tested in DocumentWriterTests; goldens hold the text.
        var text = Text(writer, Document(subject)).TrimStart('\uFEFF');

        Golden.Match(Path.Combine("Documents", "Golden", $"{subject}.{writer.Extension}"), text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_input_gives_the_same_bytes(string subject, string format)
    {
        var writer = DocumentWriters.Find(format);

        var first = writer.ToBytes(Document(subject));
        var second = writer.ToBytes(Document(subject));

        Assert.Equal(first, second);
    }
}
