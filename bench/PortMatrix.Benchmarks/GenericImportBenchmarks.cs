using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PortMatrix.Import;

namespace PortMatrix.Benchmarks;

/// <summary>
/// Issue 4's speed target (20 MB/s on CSV and text): <see cref="DocumentImporter.Import(string)"/> on a
/// generated 50 MB CSV port table and a 20 MB plain-text document, against the regex an engineer would
/// otherwise write. Run with <c>--filter "*GenericImport*"</c>; the MB/s column is file size over mean
/// time, and each case prints its peak working set and what it found when it ends. The GC settings are the
/// CLI's (server GC, no background GC).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 6)]
[GcServer(true)]
[GcConcurrent(false)]
[Config(typeof(ThroughputConfig))]
public class GenericImportBenchmarks
{
    private readonly DocumentImporter _importer = new();
    private string _csv = "";
    private string _text = "";
    private string _last = "";

    [GlobalSetup]
    public void Setup()
    {
        _csv = GenericImportInputs.Csv();
        _text = GenericImportInputs.Text();
    }

    [Benchmark(Description = "import 50 MB CSV")]
    public int ImportCsv() => Import(_csv);

    [Benchmark(Description = "regex baseline, 50 MB CSV")]
    public int RegexCsv() => Scan(_csv);

    [Benchmark(Description = "import 20 MB text")]
    public int ImportText() => Import(_text);

    [Benchmark(Description = "regex baseline, 20 MB text")]
    public int RegexText() => Scan(_text);

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// {_last}; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
    }

    private int Import(string path)
    {
        var result = _importer.Import(path);
        var (expected, _) = GenericImportInputs.Counts(path);
        _last = $"{Path.GetFileName(path)}: import found {result.Flows.Count:N0} flows of {expected:N0} written, {result.Warnings.Count:N0} warnings";
        return result.Flows.Count;
    }

    private int Scan(string path)
    {
        var n = RegexBaseline.Count(path);
        var (expected, _) = GenericImportInputs.Counts(path);
        _last = $"{Path.GetFileName(path)}: regex matched {n:N0} times for {expected:N0} flows written (no direction, misses port-first and table notations)";
        return n;
    }

    /// <summary>Adds the MB/s column.</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>Input size over mean time, in MB/s (10^6 bytes per second).</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Input megabytes (10^6 bytes) imported or scanned per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not > 0)
            {
                return "-";
            }

            var csv = benchmarkCase.Descriptor.WorkloadMethod.Name.EndsWith("Csv", StringComparison.Ordinal);
            var bytes = GenericImportInputs.SizeOnDisk(csv);
            return (bytes / (mean.Value / 1e9) / 1e6).ToString("F1", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>
/// What an engineer would otherwise script for a port list: pull every <c>tcp 5060</c> / <c>udp/5060</c>
/// out of the file, line by line. Fast and wrong: no direction, no ranges, nothing from "5060/udp" or
/// from a CSV whose transport and port are separate cells.
/// </summary>
internal static partial class RegexBaseline
{
    public static int Count(string path)
    {
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n += TransportPort().Count(line);
        }

        return n;
    }

    [GeneratedRegex(@"(tcp|udp)[ /](\d+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TransportPort();
}

/// <summary>
/// Deterministic benchmark inputs, written once into the temp folder (<c>portmatrix-bench/</c>) and reused:
/// a CSV port table with a title line, an unusual column order, quoted cells, ranges and traps; and a text
/// document mixing headings, prose sentences, bullets and column-aligned tables.
/// </summary>
internal static class GenericImportInputs
{
    public const long CsvBytes = 50L * 1000 * 1000;
    public const long TextBytes = 20L * 1000 * 1000;

    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "portmatrix-bench");

    private static readonly string[] Services = ["SIP", "SIP over TLS", "RTP media", "Web administration", "LDAP lookup", "SNMP polling",
        "Syslog", "NTP", "CTI link", "Provisioning", "Cluster replication", "Voicemail", "Presence", "TURN relay"];

    private static readonly string[] Peers = ["IP phones", "SIP trunk", "Admin LAN", "Directory server", "NMS", "Media gateway", "Softphones",
        "Branch gateway", "Mail relay", "Backup server"];

    private static readonly string[] Notes = ["TLS 1.2 required", "H.323 not used", "SNMPv3 only", "about 64 kbps per call",
        "reviewed 2024-05-17", "peer 192.0.2.10", "see chapter 4.2", "configurable, default shown", "", ""];

    public static string Csv() => Ensure("ports-50MB.csv", CsvBytes, WriteCsv);

    public static string Text() => Ensure("ports-20MB.txt", TextBytes, WriteText);

    public static long SizeOnDisk(bool csv)
    {
        var path = Path.Combine(Dir, csv ? "ports-50MB.csv" : "ports-20MB.txt");
        return File.Exists(path) ? new FileInfo(path).Length : csv ? CsvBytes : TextBytes;
    }

    /// <summary>Flows written into a generated file (from its sidecar <c>.count</c>), and its size.</summary>
    public static (long Flows, long Bytes) Counts(string path) =>
        (File.Exists(path + ".count") ? long.Parse(File.ReadAllText(path + ".count"), CultureInfo.InvariantCulture) : -1, new FileInfo(path).Length);

    private static string Ensure(string name, long size, Func<TextWriter, long, long> write)
    {
        Directory.CreateDirectory(Dir);
        var path = Path.Combine(Dir, name);
        if (File.Exists(path) && File.Exists(path + ".count") && new FileInfo(path).Length <= size && new FileInfo(path).Length > size - 1000)
        {
            return path;
        }

        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        long flows;
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 16))
        {
            flows = write(writer, size);
        }

        File.Move(temp, path, overwrite: true);
        File.WriteAllText(path + ".count", flows.ToString(CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>Writes rows until the next one would pass <paramref name="size"/> bytes; returns the flows written.</summary>
    private static long WriteCsv(TextWriter writer, long size)
    {
        var random = new Random(4);
        var written = 0L;
        var flows = 0L;
        bool Line(string text)
        {
            var bytes = Encoding.UTF8.GetByteCount(text) + 1;
            if (written + bytes > size)
            {
                return false;
            }

            writer.Write(text);
            writer.Write('\n');
            written += bytes;
            return true;
        }

        Line("Port matrix export for the benchmark site (generated);;;;;;");
        Line("Service;Dst Port(s);Proto;Initiator;Listener;Direction;Notes");
        for (var row = 1; ; row++)
        {
            var (port, transports, count) = RandomFlow(random);
            var inbound = random.Next(3) != 0;
            var peer = Peers[random.Next(Peers.Length)];
            var (from, to) = inbound ? (peer, "Benchmark PBX") : ("Benchmark PBX", peer);
            var note = Notes[random.Next(Notes.Length)];
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{Services[random.Next(Services.Length)]} {row};\"{port}\";{transports};{from};{to};{(inbound ? "Inbound" : "Outbound")};\"{note}\"");
            if (!Line(text))
            {
                return flows;
            }

            flows += count;
        }
    }

    private static long WriteText(TextWriter writer, long size)
    {
        var random = new Random(20);
        var written = 0L;
        var flows = 0L;
        bool Line(string text)
        {
            var bytes = Encoding.UTF8.GetByteCount(text) + 1;
            if (written + bytes > size)
            {
                return false;
            }

            writer.Write(text);
            writer.Write('\n');
            written += bytes;
            return true;
        }

        for (var section = 1; ; section++)
        {
            if (!Line(string.Create(CultureInfo.InvariantCulture, $"Section {section}: {(section % 2 == 0 ? "Ingress" : "Egress")}")) || !Line(""))
            {
                return flows;
            }

            for (var i = 0; i < 40; i++)
            {
                var (port, transports, count) = RandomFlow(random);
                var service = Services[random.Next(Services.Length)];
                var text = (i % 4) switch
                {
                    0 when section % 2 == 0 => $"The benchmark server listens on {transports} {port} for {service}; {Notes[random.Next(Notes.Length)]}.",
                    0 => $"The benchmark server connects to the {Peers[random.Next(Peers.Length)]} on {transports} {port} for {service}.",
                    1 => $"- {service}: {port} ({transports})",
                    2 => $"{port,-14}{transports,-10}{(section % 2 == 0 ? "in" : "out"),-6}{Peers[random.Next(Peers.Length)],-20}{service}",
                    _ => $"Each call uses about {random.Next(20, 120)} kbps; firmware {random.Next(1, 9)}.{random.Next(10)}.{random.Next(20)} is current.",
                };
                if (!Line(text))
                {
                    return flows;
                }

                flows += i % 4 == 3 ? 0 : count;
            }

            if (!Line(""))
            {
                return flows;
            }
        }
    }

    /// <summary>A port notation, a transport notation, and how many flows (transports) it stands for.</summary>
    private static (string Port, string Transports, int Count) RandomFlow(Random random)
    {
        var low = random.Next(1, 60000);
        var port = random.Next(6) switch
        {
            0 => $"{low}-{low + random.Next(1, 2000)}",
            1 => $"{low}, {low + 1}",
            2 => $"{low}\u2013{low + 10}",
            3 => $">{Math.Min(low, 1024)}",
            _ => low.ToString(CultureInfo.InvariantCulture),
        };
        return random.Next(5) switch
        {
            0 => (port, "TCP+UDP", 2),
            1 => (port, "TLS", 1),
            2 => (port, "UDP", 1),
            _ => (port, "TCP", 1),
        };
    }
}
