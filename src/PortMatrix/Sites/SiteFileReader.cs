using System.Net;
using PortMatrix.Catalog;
using PortMatrix.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PortMatrix.Sites;

/// <summary>Reads a site file and checks it against the catalog; every mistake names file:line:column.</summary>
public static class SiteFileReader
{
    public static Site Load(string path, PortCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new PortMatrixException($"site file '{path}' does not exist.", path,
                "Check the path, or start one with 'portmatrix init-site PRODUCT...'.");
        }

        return Read(path, File.ReadAllText(path), catalog);
    }

    public static Site Read(string file, string yaml, PortCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new Reader(file, catalog).ReadSite(YamlErrors.LoadRoot(file, yaml, "a site file"));
    }

    private sealed class Reader(string file, PortCatalog catalog)
    {
        private readonly Dictionary<string, ProductRelease> _releases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _pins = new(StringComparer.Ordinal);

        public Site ReadSite(YamlMap root)
        {
            var name = root.RequireString("site");
            if (root.Get("products") is YamlMappingNode pins)
            {
                foreach (var (k, v) in pins.Children)
                {
                    _pins[Scalar(k)] = Scalar(v);
                    Release(Scalar(k), k);
                }
            }

            var zones = root.Sequence("zones").Select(ReadZone).ToList();
            Unique(root.Sequence("zones"), "zone");
            CheckZoneOverlaps(zones);
            var site = new Site
            {
                Name = name,
                File = file,
                Zones = zones,
                Hosts = [],
                Bindings = [],
                Features = [],
                Parameters = new Dictionary<string, IReadOnlyDictionary<string, long>>(),
                Firewalls = [],
                Releases = [],
            };
            var hosts = root.Sequence("hosts").Select(n => ReadHost(n, site)).ToList();
            Unique(root.Sequence("hosts"), "host");
            var bindings = ReadBindings(root.Get("bind"), site);
            var (features, featureLocations) = ReadFeatures(root.Get("features"));
            var parameters = ReadParameters(root.Get("parameters"));
            var firewalls = root.Sequence("firewalls").Select(n => ReadFirewall(n, site)).ToList();
            Unique(root.Sequence("firewalls"), "firewall");
            root.RejectUnknownKeys("a site file");
            return site with
            {
                Hosts = hosts,
                Bindings = bindings,
                Features = features,
                FeatureLocations = featureLocations,
                Parameters = parameters,
                Firewalls = firewalls,
                Releases = _releases.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(),
            };
        }

        private Zone ReadZone(YamlNode node)
        {
            var map = new YamlMap(node, file, "a zone");
            var zoneName = map.RequireString("name");
            CheckName(map.Get("name")!, zoneName, "zone");
            var cidrs = new List<Cidr>();
            foreach (var c in Items(map, "cidrs", required: true))
            {
                cidrs.Add(ParseCidr(c));
            }

            map.RejectUnknownKeys("a zone");
            return new Zone(zoneName, cidrs, At(node));
        }

        private void CheckZoneOverlaps(List<Zone> zones)
        {
            for (var i = 0; i < zones.Count; i++)
            {
                for (var j = i + 1; j < zones.Count; j++)
                {
                    foreach (var a in zones[i].Cidrs)
                    {
                        foreach (var b in zones[j].Cidrs)
                        {
                            // A default route (/0) is the "everything else" zone: it may contain the others.
                            if (!a.IsDefault && !b.IsDefault && a.Overlaps(b))
                            {
                                throw new PortMatrixException(
                                    $"zones '{zones[i].Name}' ({a}) and '{zones[j].Name}' ({b}) overlap.", zones[j].Location,
                                    "Give each network to one zone only; only a /0 zone may contain others.");
                            }
                        }
                    }
                }
            }
        }

        private SiteHost ReadHost(YamlNode node, Site site)
        {
            var map = new YamlMap(node, file, "a host");
            var hostName = map.RequireString("name");
            CheckName(map.Get("name")!, hostName, "host");
            var addressNodes = Items(map, "address", required: false).Concat(Items(map, "addresses", required: false)).ToList();
            if (addressNodes.Count == 0)
            {
                throw new PortMatrixException($"host '{hostName}' has no address.", At(node), "Add 'address: 10.10.1.10' (or 'addresses: [...]').");
            }

            var zoneName = map.RequireString("zone");
            var zone = site.FindZone(zoneName) ?? throw new PortMatrixException($"host '{hostName}' is in zone '{zoneName}', which is not defined.",
                At(map.Get("zone")!), $"Zones: {string.Join(", ", site.Zones.Select(z => z.Name))}.");
            var addresses = new List<IPAddress>();
            foreach (var a in addressNodes)
            {
                var text = Scalar(a);
                if (!IPAddress.TryParse(text, out var ip) || text.Contains('/', StringComparison.Ordinal) || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
                {
                    throw new PortMatrixException($"'{text}' is not an IP address.", At(a), "Write a host address such as 10.10.1.10 or fd00:10::10.");
                }

                var actual = site.ZoneOf(ip);
                if (actual?.Name != zoneName)
                {
                    throw new PortMatrixException(
                        actual is null
                            ? $"host '{hostName}' address {ip} is outside every zone; zone '{zoneName}' is {string.Join(", ", zone.Cidrs)}."
                            : $"host '{hostName}' address {ip} lies in zone '{actual.Name}', not in its zone '{zoneName}'.",
                        At(a), "Fix the address or the host's zone.");
                }

                addresses.Add(ip);
            }

            var runs = new List<RoleRef>();
            foreach (var r in Items(map, "runs", required: false))
            {
                runs.Add(ParseRole(r));
            }

            map.RejectUnknownKeys("a host");
            return new SiteHost(hostName, addresses, zoneName, runs, At(node));
        }

        private List<Binding> ReadBindings(YamlNode? node, Site site)
        {
            var list = new List<Binding>();
            if (IsEmpty(node))
            {
                return list;
            }

            if (node is not YamlMappingNode map)
            {
                throw new PortMatrixException("'bind' must map roles to zones or addresses.", At(node), "Write 'product:role: zone' lines under it.");
            }

            foreach (var (k, v) in map.Children)
            {
                var role = ParseRole(k);
                var zones = new List<string>();
                var networks = new List<Cidr>();
                var values = v is YamlSequenceNode seq ? seq.Children.ToList() : [v];
                foreach (var item in values)
                {
                    var text = Scalar(item);
                    if (site.FindZone(text) is not null)
                    {
                        zones.Add(text);
                    }
                    else if (Cidr.TryParse(text, out var cidr))
                    {
                        if (site.ZoneOf(cidr) is null)
                        {
                            throw new PortMatrixException($"{text} (bound to {role}) is outside every zone.", At(item), "Add a zone that contains it.");
                        }

                        networks.Add(cidr);
                    }
                    else
                    {
                        throw new PortMatrixException($"'{text}' (bound to {role}) is neither a zone nor an address.", At(item),
                            $"Use a zone ({string.Join(", ", site.Zones.Select(z => z.Name))}) or an address such as 10.10.0.53.");
                    }
                }

                list.Add(new Binding(role, zones, networks, At(k)));
            }

            return list;
        }

        private (List<string>, Dictionary<string, string>) ReadFeatures(YamlNode? node)
        {
            var features = new List<string>();
            var locations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (IsEmpty(node))
            {
                return (features, locations);
            }

            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
            foreach (var item in items)
            {
                var text = Scalar(item);
                if (!RoleRef.TryParse(text, out var f))
                {
                    throw new PortMatrixException($"feature '{text}' must be written product:feature.", At(item), "For example mitel-mx-one:csta-tls.");
                }

                var release = Release(f.Product, item);
                if (!release.Features.Contains(f.Role))
                {
                    throw new PortMatrixException($"{release.Key} has no feature '{f.Role}'.", At(item),
                        release.Features.Count == 0 ? "This product has no optional features." : $"Features: {string.Join(", ", release.Features)}.");
                }

                features.Add(text);
                locations[text] = At(item);
            }

            return (features, locations);
        }

        private Dictionary<string, IReadOnlyDictionary<string, long>> ReadParameters(YamlNode? node)
        {
            var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            if (IsEmpty(node))
            {
                return [];
            }

            if (node is not YamlMappingNode map)
            {
                throw new PortMatrixException("'parameters' must map product:parameter to a number.", At(node), "For example swyx-swyxware:channels: 30.");
            }

            foreach (var (k, v) in map.Children)
            {
                var key = Scalar(k);
                if (!RoleRef.TryParse(key, out var p))
                {
                    throw new PortMatrixException($"parameter '{key}' must be written product:parameter.", At(k), "For example swyx-swyxware:channels: 30.");
                }

                var release = Release(p.Product, k);
                if (release.Parameters.All(x => x.Name != p.Role))
                {
                    throw new PortMatrixException($"{release.Key} has no parameter '{p.Role}'.", At(k),
                        release.Parameters.Count == 0 ? "This product has no parameters." : $"Parameters: {string.Join(", ", release.Parameters.Select(x => x.Name))}.");
                }

                if (!long.TryParse(Scalar(v), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    throw new PortMatrixException($"parameter '{key}' must be a whole number, not '{Scalar(v)}'.", At(v), null);
                }

                if (!result.TryGetValue(p.Product, out var d))
                {
                    result[p.Product] = d = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                d[p.Role] = value;
            }

            return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, long>)kv.Value, StringComparer.Ordinal);
        }

        private FirewallSpec ReadFirewall(YamlNode node, Site site)
        {
            var map = new YamlMap(node, file, "a firewall");
            var fwName = map.RequireString("name");
            CheckName(map.Get("name")!, fwName, "firewall");
            var zones = new List<string>();
            foreach (var z in Items(map, "zones", required: true))
            {
                var zone = Scalar(z);
                if (site.FindZone(zone) is null)
                {
                    throw new PortMatrixException($"firewall '{fwName}' separates zone '{zone}', which is not defined.", At(z),
                        $"Zones: {string.Join(", ", site.Zones.Select(x => x.Name))}.");
                }

                zones.Add(zone);
            }

            if (zones.Count < 2)
            {
                throw new PortMatrixException($"firewall '{fwName}' must separate at least two zones.", At(node), null);
            }

            var target = map.OptionalString("target");
            map.RejectUnknownKeys("a firewall");
            return new FirewallSpec(fwName, zones, target, target is null ? At(node) : At(map.Get("target")!));
        }

        private RoleRef ParseRole(YamlNode node)
        {
            var text = Scalar(node);
            if (!RoleRef.TryParse(text, out var role))
            {
                throw new PortMatrixException($"'{text}' must be written product:role.", At(node), "For example mitel-mx-one:server.");
            }

            var release = Release(role.Product, node);
            if (release.FindRole(role.Role) is null)
            {
                throw new PortMatrixException($"{release.Key} has no role '{role.Role}'.", At(node),
                    $"Roles: {string.Join(", ", release.Roles.Select(r => r.Id))}.");
            }

            return role;
        }

        private ProductRelease Release(string product, YamlNode node)
        {
            if (_releases.TryGetValue(product, out var known))
            {
                return known;
            }

            var candidates = catalog.Releases.Where(r => r.Id == product).ToList();
            if (candidates.Count == 0)
            {
                throw new PortMatrixException($"unknown product '{product}'.", At(node),
                    $"Known products: {string.Join(", ", catalog.Releases.Select(r => r.Id).Distinct())}.");
            }

            ProductRelease release;
            if (_pins.TryGetValue(product, out var pin))
            {
                release = candidates.FirstOrDefault(r => r.Release == pin)
                    ?? throw new PortMatrixException($"product '{product}' has no release '{pin}'.", At(node),
                        $"Releases: {string.Join(", ", candidates.Select(r => r.Release))}.");
            }
            else if (candidates.Count == 1)
            {
                release = candidates[0];
            }
            else
            {
                // Several releases and no pin: take the newest by version order.
                release = candidates.OrderBy(r => r.Release, ReleaseOrder.Instance).Last();
            }

            _releases[product] = release;
            return release;
        }

        private IEnumerable<YamlNode> Items(YamlMap map, string key, bool required)
        {
            var node = map.Get(key);
            if (node is null)
            {
                return required
                    ? throw new PortMatrixException($"'{key}' is missing.", At(map.Node), $"Add '{key}: [...]'.")
                    : [];
            }

            return node is YamlSequenceNode seq ? seq.Children : [node];
        }

        private void Unique(IEnumerable<YamlNode> nodes, string what)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var n in nodes.OfType<YamlMappingNode>())
            {
                if (n.Children.TryGetValue(new YamlScalarNode("name"), out var v) && v is YamlScalarNode { Value: { } name } && !seen.Add(name))
                {
                    throw new PortMatrixException($"{what} name '{name}' is used twice.", At(v), $"Give each {what} its own name.");
                }
            }
        }

        private void CheckName(YamlNode node, string name, string what)
        {
            if (name.Length == 0 || name.Length > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || !char.IsAsciiLetter(name[0]))
            {
                throw new PortMatrixException($"{what} name '{name}' must start with a letter and use only letters, digits, '-' and '_' (at most 40).",
                    At(node), "Firewalls limit object names; short plain names render everywhere.");
            }
        }

        private Cidr ParseCidr(YamlNode node)
        {
            var text = Scalar(node);
            return Cidr.TryParse(text, out var c, out var error) ? c : throw new PortMatrixException(error, At(node), null);
        }

        private string Scalar(YamlNode node) =>
            node is YamlScalarNode s ? s.Value ?? "" : throw new PortMatrixException("expected a single value here, not a list or mapping.", At(node), null);

        /// <summary>A key with nothing under it (only comments) means an empty section.</summary>
        private static bool IsEmpty([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] YamlNode? node) =>
            node is null || (node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null"));

        private string At(YamlNode node) => $"{file}:{node.Start.Line}:{node.Start.Column}";
    }
}
