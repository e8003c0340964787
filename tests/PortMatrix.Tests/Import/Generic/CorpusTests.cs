using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using PortMatrix.Import;
using PortMatrix.Ports;
using UglyToad.PdfPig;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Issue 4's measure: every corpus document is imported through <see cref="DocumentImporter"/> and its
/// flows are scored against the flows written down by hand (see <see cref="CorpusScore"/> for the
/// matching rules). Each document must reach 95 % precision and 95 % recall.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    private const double Required = 0.95;

    public static TheoryData<string> Documents => new(CorpusDocuments.Names);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Import_finds_the_flows_an_engineer_would_write_down(string name)
    {
        // Given a document of the corpus and its hand-written flows
        var expected = CorpusDocuments.Expected(name);
        using var temp = new TempDir();
        var path = CorpusDocuments.Materialize(expected, temp.Path);

        // When it is imported
        var result = new DocumentImporter().Import(path);

        // Then at least 95 % of the expected flows are found and 95 % of what is found is right
        var score = CorpusScore.Score(expected, result);
        output.WriteLine(CorpusScore.Table([score]));
        foreach (var m in score.Missed)
        {
            output.WriteLine($"missed  {m}");
        }

        foreach (var w in score.Wrong)
        {
            output.WriteLine($"wrong   {w}");
        }

        foreach (var w in result.Warnings)
        {
            output.WriteLine($"warning line {w.Line} [{w.Code}] {w.Message}");
        }

        Assert.True(score.Precision >= Required && score.Recall >= Required,
            $"{name}: precision {score.Precision:P1}, recall {score.Recall:P1} (need {Required:P0} each)\n"
            + $"missed:\n  {string.Join("\n  ", score.Missed)}\nwrong:\n  {string.Join("\n  ", score.Wrong)}");
    }

    [Fact]
    public void Whole_corpus_reaches_95_percent_precision_and_recall()
    {
        // Given every document of the corpus
        using var temp = new TempDir();
        var scores = new List<DocumentScore>();

        // When each is imported (a failure counts as nothing found, so the table still prints)
        foreach (var name in CorpusDocuments.Names)
        {
            var expected = CorpusDocuments.Expected(name);
            try
            {
                var result = new DocumentImporter().Import(CorpusDocuments.Materialize(expected, temp.Path));
                scores.Add(CorpusScore.Score(expected, result));
            }
            catch (Exception e)
            {
                scores.Add(CorpusScore.Failed(expected, e));
            }
        }

        // Then the table of figures is printed and the totals reach the target
        var table = CorpusScore.Table(scores);
        output.WriteLine(table);
        TestContext.Current.SendDiagnosticMessage("generic import corpus:\n" + table);
        WriteReport(table, scores);
        var total = CorpusScore.Total(scores);
        Assert.True(total.Precision >= Required && total.Recall >= Required,
            $"corpus precision {total.Precision:P1}, recall {total.Recall:P1} (need {Required:P0} each)\n{table}");
    }

    /// <summary>
    /// With PORTMATRIX_CORPUS_REPORT=FILE, writes the table and every miss and wrong flow to FILE: how a
    /// new round of documents is measured before any rule is changed for it.
    /// </summary>
    private static void WriteReport(string table, IReadOnlyList<DocumentScore> scores)
    {
        var path = Environment.GetEnvironmentVariable("PORTMATRIX_CORPUS_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var lines = new List<string> { table };
        foreach (var s in scores.Where(s => s.Missed.Count > 0 || s.Wrong.Count > 0))
        {
            lines.Add($"{s.Document} ({s.Layout})");
            lines.AddRange(s.Missed.Select(m => $"  missed  {m}"));
            lines.AddRange(s.Wrong.Select(w => $"  wrong   {w}"));
        }

        File.WriteAllLines(path, lines);
    }

    [Fact]
    public void Corpus_has_at_least_twelve_documents_in_every_format()
    {
        var formats = CorpusDocuments.Names
            .Select(CorpusDocuments.Expected)
            .Select(e => e.Generate ?? Path.GetExtension(CorpusDocuments.StoredFile(e.Name)!).TrimStart('.'))
            .ToList();

        Assert.True(formats.Count >= 12, $"only {formats.Count} corpus documents");
        foreach (var format in new[] { "md", "html", "csv", "tsv", "txt", "xlsx", "pdf" })
        {
            Assert.Contains(format, formats);
        }

        Assert.All(CorpusDocuments.Names, n => Assert.NotEmpty(CorpusDocuments.Expected(n).Flows));
    }

    [Fact]
    public void Every_expected_flow_of_a_stored_document_points_at_a_line_that_holds_its_port()
    {
        // A typo in a hand-written line number would pair flows badly; the line must show the port.
        var problems = new List<string>();
        foreach (var name in CorpusDocuments.Names)
        {
            var expected = CorpusDocuments.Expected(name);
            if (expected.Generate is not null)
            {
                continue;
            }

            var lines = File.ReadAllText(CorpusDocuments.StoredFile(name)!).Split('\n');
            foreach (var flow in expected.Flows.Concat(expected.Optional))
            {
                // A flow may be the IANA port of a protocol the line names without a port ("sip-tls" in a rule base's Service column).
                var text = flow.Line >= 1 && flow.Line <= lines.Length ? lines[flow.Line - 1] : null;
                if (text is null || (!ShowsPort(text, flow) && !NamesProtocolOf(text, flow)))
                {
                    problems.Add($"{name} {flow}: line {flow.Line} is '{text}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Generated_workbook_has_two_sheets_merged_headers_and_numeric_ports()
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "w.xlsx");
        CorpusDocuments.WriteMessagingWorkbook(path);

        using var workbook = new XLWorkbook(path);
        Assert.Equal(["Server ports", "Integration"], workbook.Worksheets.Select(w => w.Name));
        var server = workbook.Worksheet("Server ports");
        Assert.True(server.Cell(3, 2).IsMerged() && server.Cell(1, 1).IsMerged());
        Assert.Equal(XLDataType.Number, server.Cell(5, 3).DataType);
        Assert.Equal(5060, server.Cell(5, 3).GetDouble());
    }

    [Fact]
    public void Generated_pdf_reads_back_with_the_table_and_the_sentences()
    {
        using var pdf = PdfDocument.Open(CorpusDocuments.PagingManualPdf());
        var words = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("2000-2100", words, StringComparison.Ordinal);
        Assert.Contains("NTP", words, StringComparison.Ordinal);
        Assert.Equal(1, pdf.NumberOfPages);
    }

    private static bool ShowsPort(string line, ExpectedFlow flow)
    {
        var text = line.ToLowerInvariant();
        if (!flow.Transport.HasPorts() || flow.Ports == PortSet.All)
        {
            return text.Contains("icmp", StringComparison.Ordinal) || text.Contains("any", StringComparison.Ordinal);
        }

        if (flow.Ports == PortSet.From([PortExpression.IanaEphemeral]))
        {
            return text.Contains("dynamic", StringComparison.Ordinal) || text.Contains("ephemeral", StringComparison.Ordinal);
        }

        var low = flow.Ports.Ranges[0].Low;

        // A spreadsheet's "5,060" is 5060, but "22,443" may be two ports: both readings count.
        var joined = Regex.Replace(text, @"(?<=\b\d{1,2}),(?=\d{3}\b)", "");
        var numbers = Number().Matches(joined).Concat(Number().Matches(text)).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();
        return numbers.Contains(low) || numbers.Contains(low - 1) || text.Contains("https", StringComparison.Ordinal);
    }

    private static bool NamesProtocolOf(string line, ExpectedFlow flow) =>
        flow.Ports.Ranges.Length == 1 && flow.Ports.Ranges[0].Low == flow.Ports.Ranges[0].High
        && Regex.Split(line, @"[^A-Za-z0-9+]+").Concat(Regex.Split(line, @"[\s,;|]+")) // "SIP-TLS" is one name
            .Any(w => PortMatrix.Import.Generic.WellKnownApplications.Find(w)?.Port == flow.Ports.Ranges[0].Low);

    [GeneratedRegex(@"\d{1,5}")]
    private static partial Regex Number();

    /// <summary>A temporary folder for generated documents, removed afterwards.</summary>
    internal sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portmatrix-corpus-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow file system: the temp folder is cleaned by the OS.
            }
        }
    }
}
