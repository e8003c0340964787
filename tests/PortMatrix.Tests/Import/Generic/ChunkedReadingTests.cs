using System.Globalization;
using System.Text;
using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Large tables and long running text are read in chunks on several threads. These tests read every
/// document with tiny chunks (so that almost every row starts a chunk) and check that the flows and
/// warnings are exactly, and in the same order, what one pass on one thread gives.
/// </summary>
public sealed class ChunkedReadingTests
{
    public static TheoryData<string> Corpus => new(CorpusDocuments.Names);

    public static TheoryData<string> Seeds => new(["000_6d972d656c8aeca0.txt", "001_55bedca5d356ede9.txt", "002_5e79d41b41252df8.txt", "003_c225dded3e857ec3.txt", "004_853d6c1448a2674f.txt"]);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_documents_read_in_chunks_give_what_one_pass_gives(string name)
    {
        using var temp = new CorpusTests.TempDir();
        var path = CorpusDocuments.Materialize(CorpusDocuments.Expected(name), temp.Path);
        AssertSameInChunks(Extract(path));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Vendor_documents_read_generically_in_chunks_give_what_one_pass_gives(string seed)
    {
        // The seeds have repeated page headers, section rows, filled-down cells and tables without directions.
        AssertSameInChunks(Extract(Repo.Seed(seed)));
    }

    [Fact]
    public void A_table_with_repeated_headers_sections_fill_down_and_no_direction_reads_the_same_in_chunks()
    {
        // Given a table whose state changes along the rows: a header repeated with other columns, section rows
        // that set and keep a direction, services filled down into continuation rows, and no direction at first
        var rows = new List<string[]> { new[] { "Service", "Port", "Protocol" } };
        var directed = false;
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var port = $"{1000 + i}-{1010 + i}";
            var protocol = random.Next(3) == 0 ? "TCP+UDP" : "TCP";
            switch (random.Next(i < 40 ? 3 : 12))
            {
                case 0 when i >= 200:
                    // The header again, now with a direction column and the protocol first.
                    directed = true;
                    rows.Add(["Service", "Protocol", "Port", "Direction"]);
                    break;
                case 1:
                    rows.Add([i < 200 ? "Media" : "Ingress", "", ""]);
                    break;
                case 2:
                    rows.Add(["", "", ""]);
                    break;
                case 3:
                    // A continuation row: the service above is filled down.
                    rows.Add(directed ? ["", "UDP", (5000 + i).ToString(CultureInfo.InvariantCulture), "Out"] : ["", (5000 + i).ToString(CultureInfo.InvariantCulture), "UDP"]);
                    break;
                case 4:
                    rows.Add(["HTTPS", "", ""]);
                    break;
                default:
                    rows.Add(directed ? [$"Service {i}", protocol, port, random.Next(2) == 0 ? "In" : "Out"] : [$"Service {i}", port, protocol]);
                    break;
            }
        }

        var table = new TextTable(rows.Select((r, i) => new TableRow(r.Select((c, k) => new TableCell(c, i + 1, k + 1)).ToList(), i + 1)).ToList(), null, "test");
        var lines = Enumerable.Range(0, 300).Select(i => new TextLine(
            (i % 3) switch
            {
                0 => $"The server listens on TCP {2000 + i} for the admin page.",
                1 => $"- Syslog: {3000 + i} (UDP)",
                _ => $"Firmware {i}.1 needs about {i} kbps.",
            }, 1000 + i, i < 150 ? "Ingress" : null)).ToList();

        // When it is read in one pass and in chunks of 1 to 64 rows
        // Then every chunking gives the same flows and warnings in the same order
        var document = new ExtractedDocument("test.md", "markdown", [table, table with { Section = "Egress" }], lines);
        var one = Describe(TableInterpreter.Interpret(document, null, 0));
        Assert.True(one.Contains("says nothing of direction", StringComparison.Ordinal), one);
        foreach (var chunk in new[] { 1, 2, 5, 64 })
        {
            Assert.Equal(one, Describe(TableInterpreter.Interpret(document, null, chunk)));
        }
    }

    [Fact]
    public void A_large_document_is_read_in_chunks_by_default_and_gives_what_one_pass_gives()
    {
        // Given a CSV large enough to be read in chunks by default
        var csv = new StringBuilder("Service;Dst Port(s);Proto;Initiator;Listener\n");
        for (var i = 0; i < 3 * Interpretation.DefaultChunkSize; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Service {i};{1 + (i % 60000)};{(i % 3 == 0 ? "UDP" : "TCP")};Phones;PBX\n");
        }

        var document = new CsvExtractor().Extract("big.csv", csv.ToString());

        // When it is interpreted with the default settings and in one pass
        var chunked = TableInterpreter.Interpret(document, null);
        var one = TableInterpreter.Interpret(document, null, 0);

        // Then both give one flow per row, the same ones, in row order
        Assert.Equal(3 * Interpretation.DefaultChunkSize, chunked.Flows.Count);
        Assert.Equal(Describe(one), Describe(chunked));
        Assert.True(chunked.Flows.Zip(chunked.Flows.Skip(1)).All(p => p.First.Line < p.Second.Line));
    }

    [Fact]
    public void A_large_import_reports_its_stages_and_how_much_of_the_rows_is_read()
    {
        // Given a CSV file large enough to be read in chunks, and an importer with a progress sink
        var path = Path.Combine(Path.GetTempPath(), $"pm-progress-{Environment.ProcessId}.csv");
        var csv = new StringBuilder("Service;Dst Port(s);Proto;Initiator;Listener\n");
        for (var i = 0; i < 3 * Interpretation.DefaultChunkSize; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Service {i};{1 + (i % 60000)};TCP;Phones;PBX\n");
        }

        File.WriteAllText(path, csv.ToString());
        var reports = new System.Collections.Concurrent.ConcurrentQueue<ImportProgress>();
        try
        {
            // When it is imported
            var result = new DocumentImporter { Progress = new Sink(reports.Enqueue) }.Import(path);

            // Then the stages are reported in order, and the row reading goes from 0 to the whole table
            Assert.Equal(3 * Interpretation.DefaultChunkSize, result.Flows.Count);
            var stages = reports.Select(r => r.Stage).Distinct().ToList();
            Assert.Equal(["reading the file", "looking for the layout", "reading it as csv", "reading rows"], stages);
            var rows = reports.Where(r => r.Stage == "reading rows").Select(r => r.Fraction!.Value).ToList();
            Assert.Contains(0.0, rows);
            Assert.Equal(1.0, rows.Max());
            Assert.All(rows, f => Assert.InRange(f, 0.0, 1.0));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Sink(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static void AssertSameInChunks(ExtractedDocument document)
    {
        var one = Describe(TableInterpreter.Interpret(document, null, 0));
        Assert.Equal(one, Describe(TableInterpreter.Interpret(document, null, 1)));
        Assert.Equal(one, Describe(TableInterpreter.Interpret(document, null, 3)));
    }

    private static ExtractedDocument Extract(string path)
    {
        var head = File.ReadAllBytes(path);
        if (BinaryFormats.All.FirstOrDefault(x => x.CanExtract(path, head)) is { } binary)
        {
            using var stream = File.OpenRead(path);
            return binary.Extract(path, stream);
        }

        var source = SourceDocument.Load(path);
        var extractor = GenericTextReader.ChooseExtractor(source.Path, source.Text);
        return extractor is PlainTextExtractor plain ? plain.Extract(source.Path, source.Lines) : extractor.Extract(source.Path, source.Text);
    }

    /// <summary>Every field of every flow and warning, one per line, in order.</summary>
    private static string Describe(ImportResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"layout {result.Layout}");
        foreach (var f in result.Flows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{f.Line} {f.Transport.ToName()}/{f.Ports} src={f.SourcePorts} {string.Join("|", f.From)}>{string.Join("|", f.To)} svc={f.Service} app={f.Application} "
                + $"tls={f.Tls} fw={f.Firewall} comp={f.Component} sec={f.Section} purpose={f.Purpose} cell={f.Cell} rule={f.Rule} "
                + $"cfg={f.Configurable} state={f.DefaultState} note={f.Note}");
        }

        foreach (var w in result.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warning {w.Line} {w.Code} {w.Message}");
        }

        return text.ToString();
    }
}
