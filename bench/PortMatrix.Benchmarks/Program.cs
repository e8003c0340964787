using System.Diagnostics;
using BenchmarkDotNet.Running;
using PortMatrix.Benchmarks;
using PortMatrix.Catalog;
using PortMatrix.Import;

// "quick" prints timed figures in a few seconds; anything else goes to BenchmarkDotNet.
if (args is ["quick", ..])
{
    Quick.Run();
    return 0;
}

if (args is ["import", ..])
{
    Quick.Import(args.Length > 1 && int.TryParse(args[1], out var runs) ? runs : 4);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmarks).Assembly).Run(args);
return 0;

namespace PortMatrix.Benchmarks
{
    internal static class Quick
    {
        public static void Run()
        {
            var docs = Seeds.Load();
            var bytes = docs.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.Text));
            var importer = new DocumentImporter();
            var flows = docs.Sum(d => importer.Import(d).Flows.Count);
            var import = Time(() => docs.Sum(d => importer.Import(d).Flows.Count), 200);
            var regex = Time(() => docs.Sum(d => Baseline.Scan(d.Text)), 200);
            Console.WriteLine($"import of all five seeds ({bytes / 1024.0:F1} KiB, {flows} flows): {import * 1000:F3} ms per run, {bytes / import / 1e6:F1} MB/s");
            Console.WriteLine($"hand-written regex scan of the same text:        {regex * 1000:F3} ms per run ({docs.Sum(d => Baseline.Scan(d.Text))} matches, no roles or directions)");

            var load = Time(() => PortCatalog.BuiltIn().Releases.Count, 50);
            var catalog = PortCatalog.BuiltIn();
            var who = Time(() => catalog.Who(PortMatrix.Ports.Transport.Udp, 5060).Count, 2000);
            Console.WriteLine($"load built-in catalog: {load * 1000:F2} ms; who udp/5060 on a loaded catalog: {who * 1e6:F1} µs");

            // Issue 6: the HTML matrix and the SVG diagram (real Graphviz dot) of every catalog product.
            var latest = catalog.Latest;
            var documents = Time(() => DocumentBenchmarks.RenderAll(catalog, new PortMatrix.Documents.HtmlDocumentWriter()), 3);
            var sw = Stopwatch.StartNew();
            var svgBytes = latest.Sum(r => PortMatrix.Documents.DiagramSvg.Render(PortMatrix.Documents.DiagramDotWriter.Write(PortMatrix.Documents.DiagramBuilder.ForProduct(catalog, r))).Length);
            var svg = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"HTML matrix of all {catalog.Releases.Count} releases: {documents * 1000:F1} ms; SVG diagrams of the {latest.Count} products with dot: {svg * 1000:F0} ms ({svgBytes / 1024} KiB); together {(documents + svg) * 1000:F0} ms");

            var site = SiteGenerator.Generate(1000);
            var policy = PortMatrix.Policy.PolicyCompiler.Compile(site);
            var compile = Time(() => PortMatrix.Policy.PolicyCompiler.Compile(site).Rules.Count, 5);
            Console.WriteLine($"compile 1,000-host site ({site.Releases.Count} products, {site.Firewalls.Count} firewalls): {compile * 1000:F0} ms; "
                + $"{policy.UnmergedRuleCount} rules before merging, {policy.Rules.Count} after ({(double)policy.Rules.Count / policy.UnmergedRuleCount:P1} of unmerged)");
        }

        /// <summary>
        /// Issue 4's figures without BenchmarkDotNet: the generated 50 MB CSV and 20 MB text imported in this process,
        /// the first run (just-in-time compilation included, as a one-shot <c>portmatrix import</c> sees it) and the
        /// mean of the later ones, against the regex scan.
        /// </summary>
        public static void Import(int runs)
        {
            foreach (var path in new[] { GenericImportInputs.Csv(), GenericImportInputs.Text() })
            {
                var size = new FileInfo(path).Length;
                var importer = new DocumentImporter();
                var times = new List<double>();
                var flows = 0;
                for (var i = 0; i < runs; i++)
                {
                    GC.Collect();
                    var sw = Stopwatch.StartNew();
                    flows = importer.Import(path).Flows.Count;
                    times.Add(sw.Elapsed.TotalSeconds);
                }

                var regex = Time(() => RegexBaseline.Count(path), 3);
                var later = times.Count > 1 ? times.Skip(1).Average() : times[0];
                Console.WriteLine($"{Path.GetFileName(path)} ({size / 1e6:F0} MB, {flows:N0} flows): first run {size / times[0] / 1e6:F1} MB/s, "
                    + $"later runs {size / later / 1e6:F1} MB/s ({later * 1000:F0} ms); regex scan {size / regex / 1e6:F0} MB/s");
            }
        }

        private static double Time(Func<int> action, int runs)
        {
            action();
            var sw = Stopwatch.StartNew();
            var sink = 0;
            for (var i = 0; i < runs; i++)
            {
                sink += action();
            }

            sw.Stop();
            GC.KeepAlive(sink);
            return sw.Elapsed.TotalSeconds / runs;
        }
    }
}
