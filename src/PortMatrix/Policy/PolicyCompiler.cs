using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Policy;

/// <summary>
/// Turns a site and its catalog releases into firewall rules: resolves each flow's roles to
/// addresses, keeps the flows that cross a firewall, evaluates port formulas, then merges rules
/// with the same ends and transport and groups their addresses.
/// </summary>
public static class PolicyCompiler
{
    public static SitePolicy Compile(Site site)
    {
        var leftOut = new List<Exclusion>();
        var raw = Expand(site, leftOut);
        var rules = Merge(raw);
        return new SitePolicy(site, rules, leftOut, raw.Count);
    }

    /// <summary>One rule per (flow, source end, destination end, firewall), before any merging.</summary>
    internal static List<RawRule> Expand(Site site, List<Exclusion> leftOut)
    {
        ArgumentNullException.ThrowIfNull(site);
        var raw = new List<RawRule>();
        foreach (var release in site.Releases)
        {
            var parameters = site.ParametersOf(release);
            foreach (var flow in release.Flows)
            {
                CompileFlow(site, release, flow, parameters, raw, leftOut);
            }
        }

        return raw;
    }

    private static void CompileFlow(Site site, ProductRelease release, Flow flow, IReadOnlyDictionary<string, long> parameters, List<RawRule> raw, List<Exclusion> leftOut)
    {
        var id = $"{release.Id}:{flow.Id}";
        if (flow.Firewall == FirewallRelevance.NotNeeded)
        {
            leftOut.Add(new Exclusion(id, ExclusionReasons.NotNeeded, "the document says no firewall opening is needed"));
            return;
        }

        if (flow.Feature is not null && !site.IsEnabled(release.Id, flow.Feature))
        {
            leftOut.Add(new Exclusion(id, ExclusionReasons.FeatureOff, $"feature {release.Id}:{flow.Feature} is not enabled"));
            return;
        }

        var from = flow.From.SelectMany(r => Resolve(site, new RoleRef(release.Id, r))).ToList();
        var to = flow.To.SelectMany(r => Resolve(site, new RoleRef(release.Id, r))).ToList();
        if (from.Count == 0 || to.Count == 0)
        {
            var unbound = (from.Count == 0 ? flow.From : flow.To).Select(r => $"{release.Id}:{r}");
            if (flow.Feature is not null && site.FeatureLocations.TryGetValue($"{release.Id}:{flow.Feature}", out var at))
            {
                throw new PortMatrixException(
                    $"feature {release.Id}:{flow.Feature} is enabled but flow '{flow.Id}' needs {string.Join(" or ", unbound)}, which no host runs and 'bind' does not name.",
                    at, "Add a host that runs the role, bind it to a zone or address, or remove the feature.");
            }

            leftOut.Add(new Exclusion(id, ExclusionReasons.RoleUnbound, $"{string.Join(" / ", unbound)} is not bound"));
            return;
        }

        PortSet ports;
        try
        {
            ports = flow.Transport.HasPorts() ? flow.Ports.Evaluate(parameters, release.Ephemeral) : PortSet.All;
        }
        catch (PortExpressionException e)
        {
            throw new PortMatrixException($"flow {id}: {e.Message}", site.File, $"Set the parameter under 'parameters:' as {release.Id}:NAME: VALUE.");
        }

        var crossed = 0;
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in from)
        {
            foreach (var b in to)
            {
                if (a.Key == b.Key && a.IsHost)
                {
                    reasons.Add(ExclusionReasons.SameHost);
                    continue;
                }

                if (a.Set.Zone == b.Set.Zone)
                {
                    reasons.Add(ExclusionReasons.SameZone);
                    continue;
                }

                // ICMP is IPv4's and ICMPv6 IPv6's: the other family's addresses do not apply.
                var src = a.Set.Networks.Where(n => FamilyFits(flow.Transport, n)).ToList();
                var dst = b.Set.Networks.Where(n => FamilyFits(flow.Transport, n)).ToList();
                if (!src.Any(s => dst.Any(d => d.Family == s.Family)))
                {
                    reasons.Add(ExclusionReasons.NoCommonFamily);
                    continue;
                }

                var firewalls = site.Firewalls.Where(f => f.Zones.Contains(a.Set.Zone) && f.Zones.Contains(b.Set.Zone)).ToList();
                if (firewalls.Count == 0)
                {
                    reasons.Add(ExclusionReasons.NoFirewall);
                    continue;
                }

                foreach (var fw in firewalls)
                {
                    // Both ends keep all their networks (renderers pair them by family), so one host is one
                    // address set everywhere and rules merge; only ICMP drops the other family's networks.
                    var srcSet = src.Count == a.Set.Networks.Count ? a.Set : new AddressSet(a.Set.Name, a.Set.Zone, src);
                    var dstSet = dst.Count == b.Set.Networks.Count ? b.Set : new AddressSet(b.Set.Name, b.Set.Zone, dst);
                    raw.Add(new RawRule(fw.Name, srcSet, dstSet, flow.Transport, ports, id, flow.Service));
                    crossed++;
                }
            }
        }

        if (crossed == 0)
        {
            var reason = reasons.Count == 1 ? reasons.First() : reasons.Contains(ExclusionReasons.SameZone) ? ExclusionReasons.SameZone : reasons.FirstOrDefault() ?? ExclusionReasons.NoFirewall;
            leftOut.Add(new Exclusion(id, reason, reason switch
            {
                ExclusionReasons.SameZone => "both ends are in the same zone; no firewall lies between them",
                ExclusionReasons.SameHost => "both ends are the same host",
                ExclusionReasons.NoCommonFamily => "the ends share no address family (IPv4/IPv6)",
                _ => "no firewall separates the zones of the two ends",
            }));
        }
    }

    private static bool FamilyFits(Transport transport, Cidr network) => transport switch
    {
        Transport.Icmp => network.IsIPv4,
        Transport.Icmpv6 => !network.IsIPv4,
        _ => true,
    };

    private sealed record Resolved(string Key, AddressSet Set, bool IsHost);

    private static IEnumerable<Resolved> Resolve(Site site, RoleRef role)
    {
        foreach (var host in site.Hosts.Where(h => h.Runs.Contains(role)))
        {
            yield return new Resolved($"host:{host.Name}", new AddressSet(host.Name, host.Zone, host.Addresses.Select(Cidr.Host).ToList()), true);
        }

        foreach (var binding in site.Bindings.Where(b => b.Role == role))
        {
            foreach (var zoneName in binding.Zones)
            {
                var zone = site.FindZone(zoneName)!;
                yield return new Resolved($"zone:{zone.Name}", new AddressSet(zone.Name, zone.Name, zone.Cidrs), false);
            }

            foreach (var network in binding.Networks)
            {
                var zone = site.ZoneOf(network)!;
                var name = $"{role.Role}-{network.ToShortString()}";
                yield return new Resolved($"net:{network}", new AddressSet(name, zone.Name, [network]), network.IsHost);
            }
        }
    }

    internal sealed record RawRule(string Firewall, AddressSet From, AddressSet To, Transport Transport, PortSet Ports, string FlowId, string Service);

    /// <summary>
    /// Merges in three passes: same ends and transport → one rule with the union of ports; then
    /// rules that differ only in their sources share one rule; then likewise for destinations.
    /// None of the passes changes the set of packets allowed.
    /// </summary>
    internal static List<PolicyRule> Merge(List<RawRule> raw)
    {
        var byEnds = raw
            .GroupBy(r => (r.Firewall, From: r.From.Key, To: r.To.Key, r.Transport))
            .Select(g => new Merged(g.Key.Firewall, [g.First().From], [g.First().To], g.Key.Transport,
                g.Aggregate(PortSet.Empty, (s, r) => s.Union(r.Ports)),
                g.Select(r => r.FlowId).Distinct().ToList(), g.Select(r => r.Service).Distinct().ToList()))
            .ToList();

        var bySources = byEnds
            .GroupBy(m => (m.Firewall, To: string.Join("|", m.To.Select(t => t.Key)), m.Transport, Ports: m.Ports.ToString(), FromZone: m.From[0].Zone))
            .Select(g => g.First() with
            {
                From = g.SelectMany(m => m.From).DistinctBy(s => s.Key).OrderBy(s => s.Key, StringComparer.Ordinal).ToList(),
                FlowIds = g.SelectMany(m => m.FlowIds).Distinct().ToList(),
                Services = g.SelectMany(m => m.Services).Distinct().ToList(),
            })
            .ToList();

        var byDestinations = bySources
            .GroupBy(m => (m.Firewall, From: string.Join("|", m.From.Select(t => t.Key)), m.Transport, Ports: m.Ports.ToString(), ToZone: m.To[0].Zone))
            .Select(g => g.First() with
            {
                To = g.SelectMany(m => m.To).DistinctBy(s => s.Key).OrderBy(s => s.Key, StringComparer.Ordinal).ToList(),
                FlowIds = g.SelectMany(m => m.FlowIds).Distinct().ToList(),
                Services = g.SelectMany(m => m.Services).Distinct().ToList(),
            })
            .OrderBy(m => m.Firewall, StringComparer.Ordinal)
            .ThenBy(m => m.From[0].Zone, StringComparer.Ordinal)
            .ThenBy(m => m.To[0].Zone, StringComparer.Ordinal)
            .ThenBy(m => string.Join("|", m.From.Select(t => $"{t.Zone}/{t.Name}")), StringComparer.Ordinal)
            .ThenBy(m => string.Join("|", m.To.Select(t => $"{t.Zone}/{t.Name}")), StringComparer.Ordinal)
            .ThenBy(m => m.Transport)
            .ThenBy(m => m.Ports.Ranges.IsEmpty ? 0 : m.Ports.Ranges[0].Low)
            .ThenBy(m => string.Join("|", m.From.Select(t => t.Key)), StringComparer.Ordinal)
            .ThenBy(m => string.Join("|", m.To.Select(t => t.Key)), StringComparer.Ordinal)
            .ToList();

        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        return byDestinations.Select(m =>
        {
            var fromZone = m.From[0].Zone;
            var toZone = m.To[0].Zone;
            var stem = $"{fromZone}-{toZone}";
            counters[m.Firewall + stem] = counters.GetValueOrDefault(m.Firewall + stem) + 1;
            return new PolicyRule
            {
                Name = $"{stem}-{counters[m.Firewall + stem]:D3}",
                Firewall = m.Firewall,
                FromZone = fromZone,
                ToZone = toZone,
                Sources = m.From,
                Destinations = m.To,
                Transport = m.Transport,
                Ports = m.Ports,
                FlowIds = m.FlowIds.Order(StringComparer.Ordinal).ToList(),
                Services = m.Services.Order(StringComparer.Ordinal).ToList(),
            };
        }).ToList();
    }

    private sealed record Merged(string Firewall, IReadOnlyList<AddressSet> From, IReadOnlyList<AddressSet> To, Transport Transport, PortSet Ports, IReadOnlyList<string> FlowIds, IReadOnlyList<string> Services);
}
