using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PortMatrix.Import;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Robustness of <see cref="DocumentImporter.Import(string)"/>: random bytes under every extension and
/// random mutations of the corpus and the seed documents either import or fail with a
/// <see cref="PortMatrixException"/>, never another exception, and never take longer than <see cref="Limit"/>.
/// Each case is built from one random seed (printed on failure), and the failing file is kept.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Per import. Corpus documents import in milliseconds; this only catches hangs.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly string[] Extensions = [".txt", ".csv", ".tsv", ".md", ".html", ".xlsx", ".pdf"];

    /// <summary>Starts of real formats, so random bytes also reach the XLSX, PDF, HTML and table code.</summary>
    private static readonly byte[][] Prefixes =
    [
        [],
        [0x50, 0x4B, 0x03, 0x04],
        Encoding.ASCII.GetBytes("%PDF-1.7\n"),
        Encoding.ASCII.GetBytes("<html><body><table><tr><th>Port</th><th>Protocol</th></tr><tr><td>"),
        Encoding.ASCII.GetBytes("Service;Protocol;Port\n"),
        Encoding.ASCII.GetBytes("| Port | Proto | Direction |\n|---|---|---|\n| "),
        [0xEF, 0xBB, 0xBF],
        [0xFF, 0xFE],
    ];

    /// <summary>Characters that make text look like a port table to every reader.</summary>
    private const string PortAlphabet = "0123456789 TCPUDStcpudls/-\u2013.,;:|\t\n\r<>+\"'()=*#nxAnyBothINOUT";

    private static readonly Lazy<IReadOnlyList<Original>> Corpus = new(LoadCorpus);

    private readonly CorpusTests.TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Random_bytes_under_any_extension_import_or_fail_with_PortMatrixException() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var prefix = Prefixes[random.Next(Prefixes.Length)];
            var body = new byte[random.Next(0, 4096)];
            if (random.Next(2) == 0)
            {
                random.NextBytes(body);
            }
            else
            {
                for (var i = 0; i < body.Length; i++)
                {
                    body[i] = (byte)PortAlphabet[random.Next(PortAlphabet.Length)];
                }
            }

            var extension = Extensions[random.Next(Extensions.Length)];
            Survives([.. prefix, .. body], extension, $"random bytes, seed {seed}");
        }).Check(Runs);

    [Fact]
    public void Mutated_corpus_documents_import_or_fail_with_PortMatrixException() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed => MutateAndImport(Corpus.Value, seed)).Check(Runs);

    [Fact]
    public void Mutated_seed_documents_import_or_fail_with_PortMatrixException()
    {
        var seeds = Directory.Exists(Repo.SeedsDir) ? Directory.GetFiles(Repo.SeedsDir, "*.txt").Order(StringComparer.Ordinal).ToList() : [];
        if (seeds.Count == 0)
        {
            Assert.Skip($"no vendor documents in {Repo.SeedsDir}; set PORTMATRIX_SEEDS to fuzz them.");
        }

        var originals = seeds.Select(p => new Original(Path.GetFileName(p), ".txt", File.ReadAllBytes(p))).ToList();
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed => MutateAndImport(originals, seed)).Check(Runs);
    }

    [Fact]
    public void Mutations_are_deterministic_and_change_the_document()
    {
        var original = Corpus.Value.First(o => o.Extension == ".md");
        var changed = 0;
        for (var seed = 0; seed < 50; seed++)
        {
            var a = Mutate(original.Bytes, new Random(seed), out var steps);
            var b = Mutate(original.Bytes, new Random(seed), out _);
            Assert.Equal(a, b);
            Assert.NotEmpty(steps);
            changed += a.AsSpan().SequenceEqual(original.Bytes) ? 0 : 1;
        }

        Assert.True(changed >= 45, $"only {changed} of 50 mutations changed the document");
    }

    [Fact]
    public void Fuzz_check_reports_a_foreign_exception_and_a_hang_but_not_PortMatrixException()
    {
        using var release = new ManualResetEventSlim();
        var path = Path.Combine(_temp.Path, "x.txt");
        File.WriteAllText(path, "TCP 5060\n");
        ImportResult With(IDocumentReader reader) => new DocumentImporter([reader]).Import(path);

        Assert.Null(Problem(() => With(new FakeReader(() => throw new PortMatrixException("bad input"))), Limit));
        Assert.StartsWith("System.IndexOutOfRangeException", Problem(() => With(new FakeReader(() => throw new IndexOutOfRangeException())), Limit));
        Assert.StartsWith("import did not finish", Problem(() => With(new FakeReader(() => release.Wait())), TimeSpan.FromMilliseconds(200)));
        release.Set();
    }

    private void MutateAndImport(IReadOnlyList<Original> originals, int seed)
    {
        var random = new Random(seed);
        var original = originals[random.Next(originals.Count)];
        var bytes = Mutate(original.Bytes, random, out var steps);

        // Now and then the right bytes under the wrong name: a workbook renamed .csv, a text renamed .pdf.
        var extension = random.Next(10) == 0 ? Extensions[random.Next(Extensions.Length)] : original.Extension;
        Survives(bytes, extension, $"{original.Name} with {string.Join(", ", steps)} as {extension}, seed {seed}");
    }

    /// <summary>Applies one to four mutations: truncate, flip bytes, insert, delete or duplicate a line, duplicate a cell, repeat a slice.</summary>
    internal static byte[] Mutate(byte[] original, Random random, out List<string> steps)
    {
        var bytes = original.ToList();
        steps = [];
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(7))
            {
                case 0:
                    var keep = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    steps.Add($"truncate at {keep}");
                    break;
                case 1:
                    var flips = random.Next(1, 9);
                    for (var f = 0; f < flips && bytes.Count > 0; f++)
                    {
                        var at = random.Next(bytes.Count);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    steps.Add($"flip {flips} bits");
                    break;
                case 2:
                    var lines = Lines(bytes);
                    var where = lines[random.Next(lines.Count)].Start;
                    var inserted = random.Next(2) == 0 && lines.Count > 1
                        ? Slice(bytes, lines[random.Next(lines.Count)])
                        : Encoding.UTF8.GetBytes(RandomPortText(random) + "\n").ToList();
                    bytes.InsertRange(where, inserted);
                    steps.Add($"insert a line at byte {where}");
                    break;
                case 3:
                    var all = Lines(bytes);
                    var gone = all[random.Next(all.Count)];
                    bytes.RemoveRange(gone.Start, gone.Length);
                    steps.Add($"delete the line at byte {gone.Start}");
                    break;
                case 4:
                    var candidates = Lines(bytes);
                    var copy = candidates[random.Next(candidates.Count)];
                    bytes.InsertRange(copy.Start, Slice(bytes, copy));
                    steps.Add($"duplicate the line at byte {copy.Start}");
                    break;
                case 5:
                    steps.Add(DuplicateCell(bytes, random));
                    break;
                default:
                    if (bytes.Count == 0)
                    {
                        break;
                    }

                    var from = random.Next(bytes.Count);
                    var length = Math.Min(random.Next(1, 64), bytes.Count - from);
                    var slice = bytes.GetRange(from, length);
                    var times = random.Next(2, 2000);
                    bytes.InsertRange(from, Enumerable.Repeat(slice, times).SelectMany(s => s).ToList());

                    steps.Add($"repeat {length} bytes {times} times");
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Repeats the text between two cell separators of one line (|, comma, semicolon, tab or &lt;td&gt;).</summary>
    private static string DuplicateCell(List<byte> bytes, Random random)
    {
        var lines = Lines(bytes);
        var line = lines[random.Next(lines.Count)];
        var separators = new List<int>();
        for (var i = line.Start; i < line.Start + line.Length; i++)
        {
            if (bytes[i] is (byte)'|' or (byte)',' or (byte)';' or (byte)'\t' or (byte)'<')
            {
                separators.Add(i);
            }
        }

        if (separators.Count < 2)
        {
            return "duplicate a cell (none on the line)";
        }

        var a = random.Next(separators.Count - 1);
        var cell = bytes.GetRange(separators[a], separators[a + 1] - separators[a]);
        bytes.InsertRange(separators[a + 1], cell);
        return $"duplicate the cell at byte {separators[a]}";
    }

    private static List<(int Start, int Length)> Lines(List<byte> bytes)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add((start, i + 1 - start));
                start = i + 1;
            }
        }

        lines.Add((start, bytes.Count - start));
        return lines;
    }

    private static List<byte> Slice(List<byte> bytes, (int Start, int Length) line) => bytes.GetRange(line.Start, line.Length);

    private static string RandomPortText(Random random)
    {
        string[] pieces = ["TCP", "UDP", "5060", "5060-5061", "5060\u20135061", "| ", ",", ";", "\t", ">1024", "1024+", "any", "both", "TLS 1.2",
            "H.323", "nnn", "Port: Configurable", "ICMP", "WSS", "SRTP", "10.0.0.1", "2024-01-02", "64 kbps", "<td>", "</td>", "\"", "IN", "OUT"];
        var sb = new StringBuilder();
        var n = random.Next(1, 12);
        for (var i = 0; i < n; i++)
        {
            sb.Append(pieces[random.Next(pieces.Length)]).Append(' ');
        }

        return sb.ToString();
    }

    private void Survives(byte[] bytes, string extension, string what)
    {
        var path = Path.Combine(_temp.Path, "case" + extension);
        File.WriteAllBytes(path, bytes);
        if (Problem(() => new DocumentImporter().Import(path), Limit) is { } problem)
        {
            var kept = Path.Combine(Path.GetTempPath(), "portmatrix-fuzz-failures", $"{Guid.NewGuid():N}{extension}");
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            File.Copy(path, kept);
            output.WriteLine($"{what}: {problem} (input kept as {kept})");
            Assert.Fail($"{what}: {problem}\nThe input is kept as {kept}.");
        }
    }

    /// <summary>Null when the import returns or throws <see cref="PortMatrixException"/> within the limit; otherwise what went wrong.</summary>
    internal static string? Problem(Func<ImportResult> import, TimeSpan limit)
    {
        var task = Task.Run(import);
        try
        {
#pragma warning disable xUnit1031 // The blocking wait with a limit is the point: a hang must fail the case, not the run.
            return task.Wait(limit) ? null : $"import did not finish within {limit.TotalSeconds:F1} s";
#pragma warning restore xUnit1031
        }
        catch (AggregateException e) when (e.InnerException is PortMatrixException)
        {
            return null; // the importer's own error for bad input: allowed
        }
        catch (AggregateException e)
        {
            return $"{e.InnerException!.GetType().FullName}: {e.InnerException.Message}\n{e.InnerException.StackTrace}";
        }
    }

    private static List<Original> LoadCorpus()
    {
        var list = new List<Original>();
        foreach (var name in CorpusDocuments.Names)
        {
            if (CorpusDocuments.StoredFile(name) is { } file)
            {
                list.Add(new Original(name, Path.GetExtension(file), File.ReadAllBytes(file)));
            }
        }

        var workbook = Path.Combine(Path.GetTempPath(), $"portmatrix-fuzz-{Guid.NewGuid():N}.xlsx");
        try
        {
            CorpusDocuments.WriteMessagingWorkbook(workbook);
            list.Add(new Original("messaging-workbook", ".xlsx", File.ReadAllBytes(workbook)));
        }
        finally
        {
            File.Delete(workbook);
        }

        list.Add(new Original("paging-manual", ".pdf", CorpusDocuments.PagingManualPdf()));
        return list;
    }

    private sealed record Original(string Name, string Extension, byte[] Bytes);

    /// <summary>A reader that matches everything and runs <c>behaviour</c> instead of reading.</summary>
    private sealed class FakeReader(Action behaviour) : IDocumentReader
    {
        public string Layout => "fake";

        public double Match(SourceDocument document) => 1;

        public ImportResult Read(SourceDocument document)
        {
            behaviour();
            return new ImportResult(document.Path, Layout, [], [new ImportWarning(1, WarningCodes.Unreadable, "fake")]);
        }
    }
}
