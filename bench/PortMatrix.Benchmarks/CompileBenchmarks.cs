using System.Net;
using BenchmarkDotNet.Attributes;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Sites;

namespace PortMatrix.Benchmarks;

/// <summary>Compiling a generated site of 1,000 hosts that run every catalog product.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private Site _site = null!;

    [GlobalSetup]
    public void Setup() => _site = SiteGenerator.Generate(1000);

    [Benchmark(Description = "compile 1,000-host site")]
    public int Compile() => PolicyCompiler.Compile(_site).Rules.Count;
}

/// <summary>
/// A large site: 20 zones of /16, hosts spread over them, each host running one role of one
/// product (every role of every product is run somewhere), one firewall between all zones and
/// a second between the first four.
/// </summary>
internal static class SiteGenerator
{
    public static Site Generate(int hostCount)
    {
        var catalog = PortCatalog.BuiltIn();
        var releases = catalog.Latest.ToList();
        var roles = releases.SelectMany(r => r.Roles.Select(role => new RoleRef(r.Id, role.Id))).ToList();
        const int zoneCount = 20;
        var zones = Enumerable.Range(0, zoneCount).Select(z => new Zone($"z{z:D2}", [Cidr.Parse($"10.{z}.0.0/16")], "")).ToList();
        var rnd = new Random(42);
        var hosts = new List<SiteHost>(hostCount);
        for (var i = 0; i < hostCount; i++)
        {
            var z = rnd.Next(zoneCount);
            var address = IPAddress.Parse($"10.{z}.{i / 250}.{(i % 250) + 1}");
            var role = roles[i % roles.Count];
            hosts.Add(new SiteHost($"h{i:D4}", [address], $"z{z:D2}", [role], ""));
        }

        return new Site
        {
            Name = "generated",
            File = "generated.yaml",
            Zones = zones,
            Hosts = hosts,
            Bindings = [],
            Features = releases.SelectMany(r => r.Features.Select(f => $"{r.Id}:{f}")).ToList(),
            Parameters = new Dictionary<string, IReadOnlyDictionary<string, long>>(),
            Firewalls =
            [
                new FirewallSpec("core", zones.Select(z => z.Name).ToList(), "nftables", ""),
                new FirewallSpec("inner", zones.Take(4).Select(z => z.Name).ToList(), "nftables", ""),
            ],
            Releases = releases,
        };
    }
}
