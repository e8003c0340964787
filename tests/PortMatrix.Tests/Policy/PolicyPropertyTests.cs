using System.Net;
using FsCheck;
using FsCheck.Fluent;
using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Tests.Policy;

/// <summary>Laws of the compiler, checked on random sites built from the built-in catalog.</summary>
public sealed class PolicyPropertyTests
{
    private static readonly PortCatalog Catalog = PortCatalog.BuiltIn();
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(60);

    [Fact]
    public void Compiled_policy_never_allows_a_port_that_no_bound_flow_names() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var site = RandomSite(seed);
            var policy = PolicyCompiler.Compile(site);
            foreach (var rule in policy.Rules)
            {
                var named = PortSet.Empty;
                foreach (var id in rule.FlowIds)
                {
                    var (release, flow) = Find(site, id);
                    Assert.Equal(rule.Transport, flow.Transport);
                    Assert.NotEqual(FirewallRelevance.NotNeeded, flow.Firewall);
                    named = named.Union(flow.Transport.HasPorts() ? flow.Ports.Evaluate(site.ParametersOf(release), release.Ephemeral) : PortSet.All);
                }

                Assert.True(named.IsSupersetOf(rule.Ports), $"seed {seed}: rule {rule.Name} allows {rule.Ports.Except(named)} that none of {string.Join(", ", rule.FlowIds)} names");
            }
        }).Check(Runs);

    [Fact]
    public void Merging_never_changes_the_set_of_allowed_packets() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var site = RandomSite(seed);
            var raw = PolicyCompiler.Expand(site, []);
            var merged = PolicyCompiler.Merge(raw);

            var before = Allowed(raw.Select(r => (r.Firewall, (IEnumerable<Cidr>)r.From.Networks, (IEnumerable<Cidr>)r.To.Networks, r.Transport, r.Ports)));
            var after = Allowed(merged.Select(r => (r.Firewall, r.SourceNetworks, r.DestinationNetworks, r.Transport, r.Ports)));

            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, ports) in before)
            {
                Assert.True(ports == after[key], $"seed {seed}: {key} allowed {ports} before merging, {after[key]} after");
            }

            Assert.True(merged.Count <= raw.Count);
        }).Check(Runs);

    /// <summary>(firewall, source network, destination network, transport) → allowed destination ports.</summary>
    private static Dictionary<string, PortSet> Allowed(IEnumerable<(string Fw, IEnumerable<Cidr> Src, IEnumerable<Cidr> Dst, Transport T, PortSet Ports)> rules)
    {
        var result = new Dictionary<string, PortSet>(StringComparer.Ordinal);
        foreach (var r in rules)
        {
            foreach (var s in r.Src)
            {
                foreach (var d in r.Dst)
                {
                    var key = $"{r.Fw} {s} {d} {r.T}";
                    result[key] = result.TryGetValue(key, out var p) ? p.Union(r.Ports) : r.Ports;
                }
            }
        }

        return result;
    }

    private static (ProductRelease, Flow) Find(Site site, string id)
    {
        var i = id.IndexOf(':', StringComparison.Ordinal);
        var release = site.Releases.Single(r => r.Id == id[..i]);
        return (release, release.Flows.Single(f => f.Id == id[(i + 1)..]));
    }

    /// <summary>A random but valid site: zones, hosts running random roles, bound roles, one or two firewalls.</summary>
    internal static Site RandomSite(int seed)
    {
        var rnd = new Random(seed);
        var releases = Catalog.Latest.Where(_ => rnd.Next(2) == 0).ToList();
        if (releases.Count == 0)
        {
            releases.Add(Catalog.Latest[rnd.Next(Catalog.Latest.Count)]);
        }

        var zoneCount = rnd.Next(2, 5);
        var zones = Enumerable.Range(0, zoneCount).Select(z => new Zone($"z{z}",
            rnd.Next(3) == 0 ? [Cidr.Parse($"10.{z}.0.0/16"), Cidr.Parse($"fd00:{z}::/48")] : [Cidr.Parse($"10.{z}.0.0/16")], "")).ToList();
        var hosts = new List<SiteHost>();
        var bindings = new List<Binding>();
        foreach (var release in releases)
        {
            foreach (var role in release.Roles)
            {
                switch (rnd.Next(4))
                {
                    case 0:
                        var z = rnd.Next(zoneCount);
                        var addresses = new List<IPAddress> { IPAddress.Parse($"10.{z}.{rnd.Next(256)}.{rnd.Next(1, 255)}") };
                        if (zones[z].Cidrs.Count > 1 && rnd.Next(2) == 0)
                        {
                            addresses.Add(IPAddress.Parse($"fd00:{z}::{rnd.Next(1, 65535):x}"));
                        }

                        hosts.Add(new SiteHost($"h{hosts.Count}", addresses, $"z{z}", [new RoleRef(release.Id, role.Id)], ""));
                        break;
                    case 1:
                        bindings.Add(new Binding(new RoleRef(release.Id, role.Id), [$"z{rnd.Next(zoneCount)}"], [], ""));
                        break;
                    default:
                        break;
                }
            }
        }

        var firewalls = new List<FirewallSpec> { new("fw1", zones.Select(z => z.Name).ToList(), "nftables", "") };
        if (zoneCount > 2 && rnd.Next(2) == 0)
        {
            firewalls.Add(new FirewallSpec("fw2", ["z0", "z1"], "nftables", ""));
        }

        var parameters = releases.Where(r => r.Parameters.Count > 0).ToDictionary(
            r => r.Id,
            r => (IReadOnlyDictionary<string, long>)r.Parameters.ToDictionary(p => p.Name, _ => (long)rnd.Next(1, 60)));
        return new Site
        {
            Name = $"random-{seed}",
            File = "random.yaml",
            Zones = zones,
            Hosts = hosts,
            Bindings = bindings,
            Features = releases.SelectMany(r => r.Features.Where(_ => rnd.Next(2) == 0).Select(f => $"{r.Id}:{f}")).ToList(),
            Parameters = parameters,
            Firewalls = firewalls,
            Releases = releases,
        };
    }
}
