using System.Globalization;
using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Documents;

/// <summary>
/// Builds flow diagrams: for a product release its roles and the flows between them; for a
/// compiled site its hosts and bound zones or addresses, grouped by zone, and the rules between them.
/// All flows between the same two nodes become one edge.
/// </summary>
public static class DiagramBuilder
{
    /// <summary>A role set must have this many roles to become a role group.</summary>
    public const int MinGroupSize = 5;

    /// <summary>A role set must be the callers (or the listeners) of this many drawn flows to become a role group.</summary>
    public const int MinGroupFlows = 3;

    /// <summary>
    /// The roles of <paramref name="release"/> that take part in a drawn flow, and one edge per
    /// (from, to) pair. Flows that need no firewall opening are left out unless
    /// <see cref="DiagramOptions.IncludeNotNeeded"/>. Roles are grouped by component when the
    /// release has several (see <see cref="ComponentOf"/>). Unless <see cref="DiagramOptions.NoGroups"/>,
    /// a set of at least <see cref="MinGroupSize"/> roles that opens (or receives) at least
    /// <see cref="MinGroupFlows"/> flows is drawn once as a role group node, so that a flow from
    /// 14 roles is one edge rather than 14.
    /// </summary>
    public static DiagramGraph ForProduct(PortCatalog catalog, ProductRelease release, DiagramOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(release);
        options ??= new DiagramOptions();
        var hits = catalog.FlowsOf(release);
        var drawn = hits.Where(h => options.IncludeNotNeeded || h.Flow.Firewall != FirewallRelevance.NotNeeded).ToList();
        var groups = options.NoGroups ? [] : RoleGroups(drawn.Select(h => h.Flow).ToList());
        IReadOnlyList<string> Ends(IReadOnlyList<string> side, IReadOnlyList<string> other) =>
            groups.FindIndex(g => Stands(g, side, other)) is var i and >= 0 ? [GroupId(i)] : side;

        var pairs = new SortedDictionary<(string From, string To), List<FlowHit>>(PairComparer.Instance);
        foreach (var hit in drawn)
        {
            foreach (var from in Ends(hit.Flow.From, hit.Flow.To))
            {
                foreach (var to in Ends(hit.Flow.To, hit.Flow.From))
                {
                    if (!pairs.TryGetValue((from, to), out var list))
                    {
                        pairs[(from, to)] = list = [];
                    }

                    list.Add(hit);
                }
            }
        }

        var edges = pairs.ToDictionary(p => p.Key, p => new DiagramEdge(
                p.Key.From,
                p.Key.To,
                DiagramLabel.Of(p.Value.Select(h => new DiagramPorts(h.Flow.Transport, h.Ports, h.Flow.Tls))),
                KindOf(p.Value.Select(h => (h.Flow.Tls, h.Flow.Firewall == FirewallRelevance.NotNeeded)).ToList()),
                p.Value.Select(h => h.Flow.Service).Distinct().Order(StringComparer.Ordinal).ToList(),
                p.Value.Select(h => h.Flow.Id).Distinct().Order(StringComparer.Ordinal).ToList()));
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var member in groups[i])
            {
                // A flow between a member and its own group already joins the two.
                edges.TryAdd((member, GroupId(i)), new DiagramEdge(member, GroupId(i), [], DiagramEdgeKind.Membership, [], []));
            }
        }

        var roles = edges.Keys.SelectMany(k => new[] { k.From, k.To }).Where(id => !id.StartsWith(GroupPrefix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var clusterOf = ComponentOf(release, drawn.Select(h => h.Flow).ToList(), roles);
        var clusters = clusterOf.Values.Distinct().Order(StringComparer.Ordinal)
            .Select(c => new DiagramCluster(ClusterId(c), [c]))
            .ToList();
        string Name(string id) => release.FindRole(id)?.Name ?? id;
        var nodes = roles.Order(StringComparer.Ordinal)
            .Select(id => new DiagramNode(id, [Name(id)], DiagramNodeKind.Role, clusterOf.TryGetValue(id, out var c) ? ClusterId(c) : null))
            .Concat(groups.Select((g, i) => new DiagramNode(GroupId(i),
                [string.Create(CultureInfo.InvariantCulture, $"any of {g.Count} roles:"), .. Capped(InRoleOrder(release, g).Select(Name).ToList(), 20)],
                DiagramNodeKind.RoleGroup, null)))
            .ToList();

        var flowEdges = edges.Values.Count(e => e.Kind != DiagramEdgeKind.Membership);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{drawn.Count} flows between {roles.Count} roles as {flowEdges} edges (flows between the same two ends share one edge)"),
        };
        if (groups.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"role groups: {groups.Count}, each for {MinGroupSize} or more roles that share {MinGroupFlows} or more flows (--no-groups draws every role pair)"));
        }

        var notNeeded = hits.Count - drawn.Count;
        if (notNeeded > 0)
        {
            notes.Add($"{Plural(notNeeded, "flow")} that need no firewall opening are not drawn (--all draws them)");
        }

        if (release.Roles.Count > roles.Count)
        {
            notes.Add($"{Plural(release.Roles.Count - roles.Count, "role")} without a drawn flow not shown");
        }

        return new DiagramGraph($"{release.Vendor} {release.Product} {release.Release}: network flows between roles", notes, clusters, nodes,
            edges.OrderBy(e => e.Key, PairComparer.Instance).Select(e => e.Value).ToList());
    }

    /// <summary>
    /// The role sets that become group nodes, in a fixed order: sets of at least
    /// <see cref="MinGroupSize"/> roles that stand for one side of at least
    /// <see cref="MinGroupFlows"/> flows (see <see cref="Stands"/>).
    /// </summary>
    private static List<HashSet<string>> RoleGroups(IReadOnlyList<Flow> flows)
    {
        var candidates = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var f in flows)
        {
            foreach (var (side, other) in new[] { (f.From, f.To), (f.To, f.From) })
            {
                foreach (var set in new[] { side, side.Concat(other).ToList() })
                {
                    if (set.Distinct().Count() >= MinGroupSize)
                    {
                        candidates.TryAdd(string.Join('\u0001', set.Distinct().Order(StringComparer.Ordinal)), set.ToHashSet(StringComparer.Ordinal));
                    }
                }
            }
        }

        return candidates.Values
            .Select(g => (Group: g, Flows: flows.Count(f => Stands(g, f.From, f.To) || Stands(g, f.To, f.From))))
            .Where(c => c.Flows >= MinGroupFlows)
            .OrderByDescending(c => c.Flows)
            .Select(c => c.Group)
            .ToList();
    }

    /// <summary>
    /// Whether a role group stands for one side of a flow: the side is exactly the group, or the
    /// side and the other end together are the group (peers: "each to the others", as media
    /// flows between all call ends are).
    /// </summary>
    private static bool Stands(HashSet<string> group, IReadOnlyList<string> side, IReadOnlyList<string> other) =>
        group.SetEquals(side) || (side.Count >= MinGroupSize && !side.Any(other.Contains) && group.SetEquals(side.Concat(other)));

    private static IEnumerable<string> InRoleOrder(ProductRelease release, IEnumerable<string> roles) =>
        roles.OrderBy(id => release.Roles.ToList().FindIndex(r => r.Id == id) is var i and >= 0 ? i : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal);

    private const string GroupPrefix = "group:";

    private static string GroupId(int index) => GroupPrefix + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>
    /// The component cluster of each role, when the release's drawn flows name at least two
    /// components: a role belongs to component C when its name (or alias) is C, or when every
    /// drawn flow it takes part in belongs to C. Clusters with a single role are not drawn.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ComponentOf(ProductRelease release, IReadOnlyList<Flow> flows, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(roles);
        var components = flows.Select(f => f.Component).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (components.Count < 2)
        {
            return result;
        }

        foreach (var id in roles)
        {
            var role = release.FindRole(id);
            var home = role is null ? null : components.FirstOrDefault(role.IsCalled);
            if (home is null)
            {
                var seen = flows.Where(f => f.From.Contains(id) || f.To.Contains(id)).Select(f => f.Component).Distinct().ToList();
                home = seen is [{ } only] ? only : null;
            }

            if (home is not null)
            {
                result[id] = home;
            }
        }

        var sizes = result.Values.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return result.Where(r => sizes[r.Value] >= 2).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The hosts of a site and the zones or addresses roles are bound to, one cluster per zone,
    /// one node per firewall (with the zones it separates), and one edge per (source, destination)
    /// pair of the compiled rules.
    /// </summary>
    public static DiagramGraph ForSite(SitePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var site = policy.Site;
        var nodes = new Dictionary<string, DiagramNode>(StringComparer.Ordinal);
        foreach (var host in site.Hosts)
        {
            var label = new List<string> { host.Name, string.Join(", ", host.Addresses.Select(a => a.ToString())) };
            label.AddRange(Capped(host.Runs.Select(r => RoleName(site, r)).ToList(), 3));
            nodes[HostId(host.Name)] = new DiagramNode(HostId(host.Name), label, DiagramNodeKind.Host, ZoneClusterId(host.Zone));
        }

        var pairs = new SortedDictionary<(string From, string To), List<PolicyRule>>(PairComparer.Instance);
        foreach (var rule in policy.Rules)
        {
            foreach (var source in rule.Sources)
            {
                foreach (var destination in rule.Destinations)
                {
                    var key = (NodeOf(site, source, nodes), NodeOf(site, destination, nodes));
                    if (!pairs.TryGetValue(key, out var list))
                    {
                        pairs[key] = list = [];
                    }

                    list.Add(rule);
                }
            }
        }

        var edges = pairs.Select(p => new DiagramEdge(
                p.Key.From,
                p.Key.To,
                DiagramLabel.Of(p.Value.SelectMany(r => PortsOf(site, r))),
                KindOf(p.Value.SelectMany(r => PortsOf(site, r)).Select(i => (i.Tls, false)).ToList()),
                p.Value.SelectMany(r => r.Services).Distinct().Order(StringComparer.Ordinal).ToList(),
                p.Value.SelectMany(r => r.FlowIds).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();

        foreach (var fw in site.Firewalls)
        {
            var label = new List<string> { $"firewall {fw.Name}", $"separates {string.Join(", ", fw.Zones)}" };
            if (fw.Target is not null)
            {
                label.Add($"target {fw.Target}");
            }

            nodes[FirewallId(fw.Name)] = new DiagramNode(FirewallId(fw.Name), label, DiagramNodeKind.Firewall, null);
        }

        var clusters = site.Zones
            .Where(z => nodes.Values.Any(n => n.Cluster == ZoneClusterId(z.Name)))
            .Select(z => new DiagramCluster(ZoneClusterId(z.Name), [$"zone {z.Name}", string.Join(", ", z.Cidrs)]))
            .ToList();
        var empty = site.Zones.Where(z => clusters.All(c => c.Id != ZoneClusterId(z.Name))).Select(z => z.Name).ToList();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{policy.Rules.Count} rules as {edges.Count} edges (rules between the same two ends share one edge)"),
        };
        if (empty.Count > 0)
        {
            notes.Add($"zones without hosts or bound roles: {string.Join(", ", empty)}");
        }

        return new DiagramGraph($"site {site.Name}: allowed flows between hosts and zones", notes, clusters,
            nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList(), edges);
    }

    internal static string ClusterId(string component) => "cluster_" + component;

    internal static string ZoneClusterId(string zone) => "cluster_zone_" + zone;

    private static string HostId(string host) => "host:" + host;

    private static string FirewallId(string firewall) => "firewall:" + firewall;

    private static DiagramEdgeKind KindOf(IReadOnlyList<(bool Tls, bool NotNeeded)> flows) =>
        flows.All(f => f.NotNeeded) ? DiagramEdgeKind.NoOpening
        : flows.All(f => f.Tls) ? DiagramEdgeKind.Encrypted
        : flows.Any(f => f.Tls) ? DiagramEdgeKind.Mixed
        : DiagramEdgeKind.Cleartext;

    /// <summary>
    /// A rule's ports split by its catalog flows, so that the TLS ones show as such: a rule merges
    /// flows with the same ends and transport whether they use TLS or not.
    /// </summary>
    private static IEnumerable<DiagramPorts> PortsOf(Site site, PolicyRule rule)
    {
        var covered = PortSet.Empty;
        foreach (var id in rule.FlowIds)
        {
            var at = id.IndexOf(':', StringComparison.Ordinal);
            var release = site.Releases.FirstOrDefault(r => r.Id == id[..at]);
            var flow = release?.Flows.FirstOrDefault(f => f.Id == id[(at + 1)..]);
            if (release is null || flow is null)
            {
                continue;
            }

            var ports = rule.Transport.HasPorts() ? release.PortsOf(flow, site.ParametersOf(release)).Intersect(rule.Ports) : rule.Ports;
            covered = covered.Union(ports);
            yield return new DiagramPorts(rule.Transport, ports, flow.Tls);
        }

        // Whatever no flow explains is shown as it is, as cleartext.
        var rest = rule.Ports.Except(covered);
        if (!rest.IsEmpty)
        {
            yield return new DiagramPorts(rule.Transport, rest, false);
        }
    }

    /// <summary>The node of an address set, added to <paramref name="nodes"/> the first time it is seen.</summary>
    private static string NodeOf(Site site, AddressSet set, Dictionary<string, DiagramNode> nodes)
    {
        if (site.Hosts.Any(h => h.Name == set.Name && h.Zone == set.Zone))
        {
            return HostId(set.Name);
        }

        var isZone = set.Name == set.Zone;
        var id = isZone ? $"zone:{set.Zone}" : $"net:{set.Zone}/{set.Name}";
        if (!nodes.ContainsKey(id))
        {
            var zone = site.FindZone(set.Zone);
            var bound = site.Bindings
                .Where(b => isZone ? b.Zones.Contains(set.Zone) : b.Networks.Any(n => set.Networks.Contains(n)))
                .Select(b => RoleName(site, b.Role))
                .ToList();
            var label = new List<string>
            {
                isZone ? $"any host in {set.Zone}" : set.Name,
                string.Join(", ", isZone && zone is not null ? zone.Cidrs : set.Networks),
            };
            label.AddRange(Capped(bound, 3));
            nodes[id] = new DiagramNode(id, label, isZone ? DiagramNodeKind.Zone : DiagramNodeKind.Network, ZoneClusterId(set.Zone));
        }

        return id;
    }

    private static string RoleName(Site site, RoleRef role) =>
        site.Releases.FirstOrDefault(r => r.Id == role.Product)?.FindRole(role.Role)?.Name ?? role.ToString();

    private static IEnumerable<string> Capped(IReadOnlyList<string> lines, int max) =>
        lines.Count <= max ? lines : lines.Take(max - 1).Append(string.Create(CultureInfo.InvariantCulture, $"+{lines.Count - max + 1} more"));

    private sealed class PairComparer : IComparer<(string From, string To)>
    {
        public static readonly PairComparer Instance = new();

        public int Compare((string From, string To) x, (string From, string To) y)
        {
            var c = string.CompareOrdinal(x.From, y.From);
            return c != 0 ? c : string.CompareOrdinal(x.To, y.To);
        }
    }
}
