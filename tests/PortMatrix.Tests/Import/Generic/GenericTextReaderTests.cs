using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import.Generic;

public sealed class GenericTextReaderTests
{
    [Theory]
    [InlineData("000_6d972d656c8aeca0.txt", "pipe-table")]
    [InlineData("001_55bedca5d356ede9.txt", "pipe-table")]
    [InlineData("002_5e79d41b41252df8.txt", "direction-blocks")]
    [InlineData("003_c225dded3e857ec3.txt", "sectioned-tab-table")]
    [InlineData("004_853d6c1448a2674f.txt", "component-tab-tables")]
    public void Seeds_are_still_imported_by_their_own_readers_with_the_same_result(string seed, string layout)
    {
        // Given a seed document
        var document = SourceDocument.Load(Repo.Seed(seed));

        // When it is imported with and without the generic reader
        var with = new DocumentImporter().Import(document);
        var without = new DocumentImporter(DocumentImporter.DefaultReaders().Where(r => r is not GenericTextReader)).Import(document);

        // Then the seed's reader wins and the result is unchanged
        Assert.Equal(layout, with.Layout);
        Assert.True(new GenericTextReader().Match(document) < DocumentImporter.DefaultReaders().Where(r => r is not GenericTextReader).Max(r => r.Match(document)));
        Assert.Equal(Describe(without), Describe(with));
    }

    private static List<string> Describe(ImportResult result) =>
        result.Flows.Select(f => $"{f.Line}|{f.Service}|{f.Transport}|{f.Ports}|{string.Join(",", f.From)}|{string.Join(",", f.To)}|{f.Rule}")
            .Concat(result.Warnings.Select(w => $"{w.Line}|{w.Code}|{w.Message}")).ToList();

    [Fact]
    public void Is_registered_last()
    {
        Assert.IsType<GenericTextReader>(DocumentImporter.DefaultReaders()[^1]);
    }

    [Fact]
    public void Scores_at_most_half_for_port_documents_and_zero_without_port_information()
    {
        var reader = new GenericTextReader();

        Assert.InRange(reader.Match(new SourceDocument("a.txt", "Open TCP port 443 for the web UI.\n")), 0.01, 0.5);
        Assert.Equal(0, reader.Match(new SourceDocument("b.txt", "Release notes\n\nVersion 9.1 fixes 12 bugs in 3 modules.\n")));
    }

    [Fact]
    public void A_document_without_port_information_is_the_importers_error()
    {
        var e = Assert.Throws<PortMatrixException>(() => new DocumentImporter().Import(new SourceDocument("notes.txt", "Meeting notes\n\nWe met at 10:30 and agreed on version 2.1.\n")));

        Assert.Contains("notes.txt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ports.md", "plain words\n", "markdown")]
    [InlineData("ports.csv", "plain words\n", "csv")]
    [InlineData("ports.tsv", "a\tb\n", "csv")]
    [InlineData("ports.txt", "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "markdown")]
    [InlineData("ports.txt", "Service;Proto;Port\nSIP;UDP;5060\nWeb;TCP;443\nDNS;UDP;53\n", "csv")]
    [InlineData("ports.txt", "Service, protocol and port are listed below, in order.\nSIP uses UDP 5060.\n", "text")]
    [InlineData("ports", "SSH  TCP  22\nWeb  TCP  443\n", "text")]
    [InlineData("ports.html", "plain words\n", "html")]
    [InlineData("ports.htm", "plain words\n", "html")]
    [InlineData("ports.txt", "\uFEFF  <!DOCTYPE html><html><body><p>SIP UDP 5060</p></body></html>\n", "html")]
    [InlineData("ports", "<table><tr><td>SIP</td><td>5060</td></tr></table>\n", "html")]
    public void Chooses_the_extractor_by_extension_then_content(string path, string text, string format) =>
        Assert.Equal(format, GenericTextReader.ChooseExtractor(path, text).Format);

    [Fact]
    public void A_readme_with_bullet_lists_is_imported()
    {
        var text = """
            Acme Media Relay
            ================

            Inbound:
            - 5060/udp - SIP
            - 5061/tcp - SIP over TLS
            - HTTPS (443/tcp): web admin
            - ports 10000 to 20000 (RTP)
            - 8080: metrics endpoint

            Outbound:
            1. DNS 53/udp to resolvers
            2. SMTP (25/tcp) for alerts

            Tested with 500 concurrent calls over 24 hours on version 3.2.1, released 2023-05-10.
            """;

        var result = new DocumentImporter().Import(new SourceDocument("README.txt", text));

        Assert.Equal("list", result.Layout);
        Assert.Equal(
            ["5:udp/5060:peer>this system", "6:tcp/5061:peer>this system", "7:tcp/443:peer>this system", "8:udp/10000-20000:peer>this system",
             "12:udp/53:this system>peer", "13:tcp/25:this system>peer"],
            result.Flows.Select(f => $"{f.Line}:{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}"));
        Assert.Equal(["Inbound", "Outbound"], result.Flows.Select(f => f.Section).Distinct());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(9, warning.Line);
    }

    [Fact]
    public void Mangled_documents_never_throw_anything_but_the_importers_error()
    {
        // Given a port document, mangled many times with a fixed seed
        const string original = "# Acme - ports\n\n| Port | Proto | Dir |\n|---|---|---|\n| 5060-5061 | TCP/UDP | In |\n| 10,000-20,000 | UDP | Both |\n\n- HTTPS (443/tcp): admin\n";
        const string alphabet = "0123456789-\u2013,./:;|\t\n ()<>+*#TCPUDP ports any->";
        var random = new Random(4);
        for (var i = 0; i < 400; i++)
        {
            var text = new System.Text.StringBuilder(original);
            for (var e = random.Next(1, 12); e > 0 && text.Length > 0; e--)
            {
                var at = random.Next(text.Length);
                if (random.Next(2) == 0)
                {
                    text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                }
                else
                {
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                }
            }

            var path = new[] { "x.md", "x.csv", "x.txt" }[i % 3];

            // When it is imported, then it gives a result or the importer's own error
            try
            {
                _ = new DocumentImporter().Import(new SourceDocument(path, text.ToString()));
            }
            catch (PortMatrixException)
            {
            }
        }
    }
}
