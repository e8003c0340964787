using System.Net;
using PortMatrix.Model;

namespace PortMatrix.Sites;

/// <summary>A role of a product as a site file names it: <c>mitel-mx-one:server</c>.</summary>
public readonly record struct RoleRef(string Product, string Role)
{
    public override string ToString() => $"{Product}:{Role}";

    public static bool TryParse(string text, out RoleRef role)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = text.IndexOf(':', StringComparison.Ordinal);
        role = i > 0 && i < text.Length - 1 ? new RoleRef(text[..i].Trim(), text[(i + 1)..].Trim()) : default;
        return i > 0 && i < text.Length - 1;
    }
}

/// <summary>A network zone: a name and the networks in it.</summary>
public sealed record Zone(string Name, IReadOnlyList<Cidr> Cidrs, string Location);

/// <summary>A host of ours: its addresses, its zone and the roles it runs.</summary>
public sealed record SiteHost(string Name, IReadOnlyList<IPAddress> Addresses, string Zone, IReadOnlyList<RoleRef> Runs, string Location);

/// <summary>A role that is not a host of ours, bound to zones and/or addresses.</summary>
public sealed record Binding(RoleRef Role, IReadOnlyList<string> Zones, IReadOnlyList<Cidr> Networks, string Location);

/// <summary>A firewall, the zones it separates and the target it is rendered for.</summary>
public sealed record FirewallSpec(string Name, IReadOnlyList<string> Zones, string? Target, string Location);

/// <summary>A deployment: zones, hosts, bindings, features, parameters and firewalls, checked against the catalog.</summary>
public sealed record Site
{
    public required string Name { get; init; }

    /// <summary>The site file, for error locations.</summary>
    public required string File { get; init; }

    public required IReadOnlyList<Zone> Zones { get; init; }

    public required IReadOnlyList<SiteHost> Hosts { get; init; }

    public required IReadOnlyList<Binding> Bindings { get; init; }

    /// <summary>Enabled features as <c>product:feature</c>.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Where each enabled feature is named in the site file.</summary>
    public IReadOnlyDictionary<string, string> FeatureLocations { get; init; } = new Dictionary<string, string>();

    /// <summary>Parameter values by product id, then parameter name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Parameters { get; init; }

    public required IReadOnlyList<FirewallSpec> Firewalls { get; init; }

    /// <summary>The catalog release used for each product of the site.</summary>
    public required IReadOnlyList<ProductRelease> Releases { get; init; }

    public Zone? FindZone(string name) => Zones.FirstOrDefault(z => z.Name == name);

    /// <summary>The zone an address falls in: the zone with the longest matching prefix.</summary>
    public Zone? ZoneOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ZoneOf(Cidr.Host(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
    }

    /// <summary>The zone a network falls in (the zone with the longest prefix containing it).</summary>
    public Zone? ZoneOf(Cidr network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Zones
            .SelectMany(z => z.Cidrs.Where(c => c.Contains(network)).Select(c => (Zone: z, c.PrefixLength)))
            .OrderByDescending(x => x.PrefixLength)
            .Select(x => x.Zone)
            .FirstOrDefault();
    }

    public bool IsEnabled(string product, string feature) => Features.Contains($"{product}:{feature}");

    /// <summary>The parameter values for a product: its defaults with the site's values on top.</summary>
    public IReadOnlyDictionary<string, long> ParametersOf(ProductRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var values = new Dictionary<string, long>(release.DefaultParameters(), StringComparer.Ordinal);
        if (Parameters.TryGetValue(release.Id, out var site))
        {
            foreach (var (k, v) in site)
            {
                values[k] = v;
            }
        }

        return values;
    }
}
