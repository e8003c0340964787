using System.Globalization;
using System.Net;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>
/// Cisco ASA (8.3 and later, unified IPv4/IPv6 ACLs) object-groups and one extended access-list
/// per firewall, ending with an explicit deny; the ASA's connection table lets return traffic back.
/// </summary>
public sealed class CiscoAsaRenderer : IFirewallRenderer
{
    /// <summary>ASA object and object-group names: at most 64 characters.</summary>
    internal const int MaxNameLength = 64;

    /// <summary>An access-list remark holds at most 100 characters.</summary>
    internal const int MaxRemarkLength = 100;

    public string Name => "cisco-asa";

    public string Description => "Cisco ASA object-groups and extended access-lists";

    public string Extension => "asa";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // Objects and object-groups share one name space on the ASA.
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var acl = Naming.Unique(Naming.Identifier($"PM-{model.Firewall.Name}", MaxNameLength), used, MaxNameLength);
        var addressNames = new Dictionary<AddressObject, string>();
        foreach (var a in model.Addresses.Where(a => !IsAny(a)))
        {
            addressNames[a] = Naming.Unique(Naming.Identifier(a.Name, MaxNameLength), used, MaxNameLength);
        }

        var serviceNames = new Dictionary<ServiceObject, string>();
        foreach (var s in model.Services.Where(NeedsGroup))
        {
            serviceNames[s] = Naming.Unique(Naming.Identifier(s.Name, MaxNameLength), used, MaxNameLength);
        }

        // Several source (or destination) objects of a rule become one flat group, shared by the
        // rules with the same objects: the ASA cannot nest IPv6 network object-groups.
        var combined = new Dictionary<string, string>(StringComparer.Ordinal);
        var ruleGroups = new List<(string Name, string Description, IReadOnlyList<Cidr> Networks)>();
        var ruleEnds = new Dictionary<(RenderRule, bool), string>();
        foreach (var r in model.Rules)
        {
            foreach (var (objects, isSource) in new[] { (r.Sources, true), (r.Destinations, false) })
            {
                if (objects.Any(IsAny))
                {
                    ruleEnds[(r, isSource)] = r.IsIPv4 ? "any4" : "any6";
                }
                else if (objects.Count == 1)
                {
                    ruleEnds[(r, isSource)] = "object-group " + addressNames[objects[0]];
                }
                else
                {
                    var members = objects.Select(o => addressNames[o]).Distinct().Order(StringComparer.Ordinal).ToList();
                    var key = string.Join(" ", members);
                    if (!combined.TryGetValue(key, out var name))
                    {
                        name = Naming.Unique(Naming.Identifier(string.Join("_", members), MaxNameLength), used, MaxNameLength);
                        combined[key] = name;
                        var nets = objects.SelectMany(o => o.Networks).Distinct().Order().ToList();
                        ruleGroups.Add((name, string.Join(", ", objects.Select(o => $"{o.Zone}: {o.Label}").Distinct().Order(StringComparer.Ordinal)), nets));
                    }

                    ruleEnds[(r, isSource)] = "object-group " + name;
                }
            }
        }

        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            Comment(sb, line);
        }

        Comment(sb, $"Everything else is denied: access-list {acl} ends with an explicit 'deny ip any any log'.");
        Comment(sb, "Apply it to all interfaces (inbound) as the global access rules, for example:");
        Comment(sb, $"access-group {acl} global");

        foreach (var a in model.Addresses.Where(a => !IsAny(a)))
        {
            NetworkGroup(sb, addressNames[a], $"{a.Zone}: {a.Label}", a.Networks);
        }

        foreach (var g in ruleGroups)
        {
            NetworkGroup(sb, g.Name, g.Description, g.Networks);
        }

        foreach (var s in model.Services.Where(NeedsGroup))
        {
            ServiceGroup(sb, serviceNames[s], s);
        }

        foreach (var r in model.Rules)
        {
            foreach (var remark in Wrap($"{r.Name}: {r.Comment}", MaxRemarkLength))
            {
                sb.Append("access-list ").Append(acl).Append(" remark ").Append(remark).Append('\n');
            }

            if (OtherFamily(r))
            {
                // The compiler keeps ICMP rules to their own family; a stray one matches no packet.
                sb.Append("access-list ").Append(acl).Append(" remark (no ACE: ").Append(r.Service.Transport.ToName())
                    .Append(" has no ").Append(r.IsIPv4 ? "IPv4" : "IPv6").Append(" packets)\n");
                continue;
            }

            sb.Append("access-list ").Append(acl).Append(" extended permit ")
                .Append(Ace(r, ruleEnds[(r, true)], ruleEnds[(r, false)], serviceNames)).Append('\n');
        }

        sb.Append("access-list ").Append(acl).Append(" remark Everything else is denied and logged.\n");
        sb.Append("access-list ").Append(acl).Append(" extended deny ip any any log\n");
        return sb.ToString();
    }

    private static string Ace(RenderRule r, string src, string dst, Dictionary<ServiceObject, string> serviceNames)
    {
        var svc = r.Service;
        switch (svc.Transport)
        {
            case Transport.Tcp or Transport.Udp:
                var proto = svc.Transport.ToName();
                return svc.Ports.IsAll ? $"{proto} {src} {dst}" : $"{proto} {src} {dst} object-group {serviceNames[svc]}";
            case Transport.Sctp:
                // A service-object group carries its own protocol: it stands where the protocol goes.
                return svc.Ports.IsAll ? $"sctp {src} {dst}" : $"object-group {serviceNames[svc]} {src} {dst}";
            case Transport.Icmp:
                return $"icmp {src} {dst}";
            case Transport.Icmpv6:
                return $"icmp6 {src} {dst}";
            case Transport.Esp:
                return $"esp {src} {dst}";
            default:
                throw new ArgumentOutOfRangeException(nameof(r), svc.Transport, "Unknown transport.");
        }
    }

    private static void NetworkGroup(StringBuilder sb, string name, string description, IEnumerable<Cidr> networks)
    {
        sb.Append("object-group network ").Append(name).Append('\n');
        sb.Append(" description ").Append(Truncate(description, 200)).Append('\n');
        foreach (var n in networks)
        {
            sb.Append(" network-object ").Append(NetworkObject(n)).Append('\n');
        }
    }

    private static void ServiceGroup(StringBuilder sb, string name, ServiceObject s)
    {
        if (s.Transport == Transport.Sctp)
        {
            sb.Append("object-group service ").Append(name).Append('\n');
            foreach (var range in s.Ports.Ranges)
            {
                sb.Append(" service-object sctp destination ").Append(PortMatch(range)).Append('\n');
            }

            return;
        }

        sb.Append("object-group service ").Append(name).Append(' ').Append(s.Transport.ToName()).Append('\n');
        foreach (var range in s.Ports.Ranges)
        {
            sb.Append(" port-object ").Append(PortMatch(range)).Append('\n');
        }
    }

    /// <summary>A network in ASA notation: a host, an IPv4 address and mask, or an IPv6 prefix.</summary>
    internal static string NetworkObject(Cidr n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.IsHost)
        {
            return "host " + n.Network;
        }

        return n.IsIPv4 ? $"{n.Network} {Mask(n.PrefixLength)}" : n.ToString();
    }

    internal static string Mask(int prefixLength)
    {
        var bits = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]).ToString();
    }

    private static string PortMatch(PortRange range) =>
        range.IsSingle
            ? "eq " + range.Low.ToString(CultureInfo.InvariantCulture)
            : $"range {range.Low.ToString(CultureInfo.InvariantCulture)} {range.High.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An ICMP rule of the other address family (ICMPv4 in IPv6 or ICMPv6 in IPv4).</summary>
    internal static bool OtherFamily(RenderRule r) =>
        (r.Service.Transport == Transport.Icmp && !r.IsIPv4) || (r.Service.Transport == Transport.Icmpv6 && r.IsIPv4);

    private static bool NeedsGroup(ServiceObject s) => s.HasPorts && !s.Ports.IsAll;

    private static bool IsAny(AddressObject a) => a.IsAny || a.Networks.Any(n => n.IsDefault);

    private static void Comment(StringBuilder sb, string text) => sb.Append(": ").Append(text).Append('\n');

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    /// <summary>Splits text at spaces into lines of at most <paramref name="width"/> characters; a longer word is cut.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word;
            if (line.Length > 0 && line.Length + 1 + w.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            while (w.Length > width)
            {
                yield return w[..width];
                w = w[width..];
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(w);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
