using System.Globalization;
using System.Net;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>
/// FortiOS CLI: firewall address/address6 objects and groups, custom services, and firewall policies
/// with numbered ids, for a FortiGate running FortiOS 6.4 or later (IPv4 and IPv6 in one policy table).
/// </summary>
/// <remarks>
/// Zone names become the policies' srcintf/dstintf, so each must be an interface or a zone on the
/// FortiGate. Everything no policy accepts falls to FortiOS's implicit deny policy (id 0).
/// </remarks>
public sealed class FortiOsRenderer : IFirewallRenderer
{
    /// <summary>Address, address group, service and service group names.</summary>
    internal const int NameLength = 79;

    /// <summary>Policy names and interface/zone names.</summary>
    internal const int ShortNameLength = 35;

    internal const int CommentsLength = 1023;

    internal const int AddressCommentLength = 255;

    /// <summary>The longest port-range value we write (FortiOS documents no limit for it).</summary>
    internal const int PortRangeLength = 1023;

    /// <summary>Policy ids start above this, so that the file overwrites its own policies when loaded again.</summary>
    internal const int FirstPolicyId = 1001;

    private const string NameChars = "-_.";

    private const string Indent = "    ";

    public string Name => "fortios";

    public string Description => "FortiOS CLI (firewall address, service custom, firewall policy)";

    public string Extension => "conf";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        void Line(int depth, string text)
        {
            for (var i = 0; i < depth; i++)
            {
                sb.Append(Indent);
            }

            sb.Append(text).Append('\n');
        }

        foreach (var line in model.HeaderLines)
        {
            Line(0, "# " + line);
        }

        Line(0, $"# Zone names are used as srcintf/dstintf: each must be an interface or zone on the FortiGate.");
        Line(0, $"# Policies use ids {FirstPolicyId} and up; FortiOS's implicit deny (policy 0) drops all other traffic.");

        // Addresses and address groups share one namespace; so do services and service groups.
        var addressNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "all" };
        var addressRef = new Dictionary<AddressObject, string>();
        foreach (var a in model.Addresses)
        {
            addressRef[a] = Naming.Unique(Naming.Identifier(a.Name, NameLength, NameChars), addressNames, NameLength);
        }

        var real = model.Addresses.Where(a => !a.IsAny && a.Networks.Count > 0).ToList();
        var groups = new List<(AddressObject Group, List<string> Members)>();
        foreach (var v4 in new[] { true, false })
        {
            var objects = real.Where(a => a.IsIPv4 == v4).ToList();
            if (objects.Count == 0)
            {
                continue;
            }

            Line(0, v4 ? "config firewall address" : "config firewall address6");
            foreach (var a in objects)
            {
                var members = new List<string>();
                foreach (var net in a.Networks)
                {
                    var name = a.Networks.Count == 1 ? addressRef[a] : Naming.Unique($"{addressRef[a]}-{members.Count + 1}", addressNames, NameLength);
                    members.Add(name);
                    Line(1, $"edit {Quote(name, NameLength)}");
                    Line(2, v4 ? $"set subnet {net.Network} {Netmask(net)}" : $"set ip6 {net}");
                    Line(2, $"set comment {Quote($"{a.Zone}: {a.Label}", AddressCommentLength)}");
                    Line(1, "next");
                }

                if (members.Count > 1)
                {
                    groups.Add((a, members));
                }
            }

            Line(0, "end");
        }

        foreach (var v4 in new[] { true, false })
        {
            var family = groups.Where(g => g.Group.IsIPv4 == v4).ToList();
            if (family.Count == 0)
            {
                continue;
            }

            Line(0, v4 ? "config firewall addrgrp" : "config firewall addrgrp6");
            foreach (var (group, members) in family)
            {
                Line(1, $"edit {Quote(addressRef[group], NameLength)}");
                Line(2, $"set member {string.Join(" ", members.Select(m => Quote(m, NameLength)))}");
                Line(2, $"set comment {Quote($"{group.Zone}: {group.Label}", AddressCommentLength)}");
                Line(1, "next");
            }

            Line(0, "end");
        }

        // Services: one custom service per port service (split into a group when very long), and one
        // per port-less protocol a rule uses.
        var serviceNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var serviceRef = new Dictionary<ServiceObject, string>();
        foreach (var s in model.Services.Where(s => s.HasPorts))
        {
            serviceRef[s] = Naming.Unique(Naming.Identifier(s.Name, NameLength, NameChars), serviceNames, NameLength);
        }

        var protocolRef = new SortedDictionary<Transport, string>();
        foreach (var t in model.Rules.Where(r => !r.Service.HasPorts).Select(Effective).Distinct().Order())
        {
            // Not "ESP" or "ALL_ICMP": those are FortiOS's predefined services.
            protocolRef[t] = Naming.Unique($"{t.ToName()}-all", serviceNames, NameLength);
        }

        var serviceGroups = new List<(string Name, List<string> Members)>();
        if (serviceRef.Count + protocolRef.Count > 0)
        {
            Line(0, "config firewall service custom");
            foreach (var (s, name) in serviceRef)
            {
                var chunks = PortChunks(s.Ports);
                var members = new List<string>();
                foreach (var chunk in chunks)
                {
                    var member = chunks.Count == 1 ? name : Naming.Unique($"{name}-{members.Count + 1}", serviceNames, NameLength);
                    members.Add(member);
                    Line(1, $"edit {Quote(member, NameLength)}");
                    Line(2, "set protocol TCP/UDP/SCTP");
                    Line(2, $"set {s.Transport.ToName()}-portrange {chunk}");
                    Line(1, "next");
                }

                if (members.Count > 1)
                {
                    serviceGroups.Add((name, members));
                }
            }

            foreach (var (t, name) in protocolRef)
            {
                Line(1, $"edit {Quote(name, NameLength)}");
                switch (t)
                {
                    case Transport.Icmp:
                        Line(2, "set protocol ICMP");
                        break;
                    case Transport.Icmpv6:
                        Line(2, "set protocol ICMP6");
                        break;
                    default:
                        Line(2, "set protocol IP");
                        Line(2, "set protocol-number 50");
                        break;
                }

                Line(1, "next");
            }

            Line(0, "end");
        }

        if (serviceGroups.Count > 0)
        {
            Line(0, "config firewall service group");
            foreach (var (name, members) in serviceGroups)
            {
                Line(1, $"edit {Quote(name, NameLength)}");
                Line(2, $"set member {string.Join(" ", members.Select(m => Quote(m, NameLength)))}");
                Line(1, "next");
            }

            Line(0, "end");
        }

        var policyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Line(0, "config firewall policy");
        var id = FirstPolicyId;
        foreach (var r in model.Rules)
        {
            // The full provenance has no length limit here; the comments field has 1023 characters.
            Line(1, $"# {r.Name}: {r.Comment}");
            Line(1, $"edit {id.ToString(CultureInfo.InvariantCulture)}");
            Line(2, $"set name {Quote(Naming.Unique(Naming.Identifier(r.Name, ShortNameLength, NameChars), policyNames, ShortNameLength), ShortNameLength)}");
            Line(2, $"set srcintf {Quote(Interface(r.Rule.FromZone), ShortNameLength)}");
            Line(2, $"set dstintf {Quote(Interface(r.Rule.ToZone), ShortNameLength)}");
            var suffix = r.IsIPv4 ? "" : "6";
            Line(2, $"set srcaddr{suffix} {Addresses(r.Sources, addressRef)}");
            Line(2, $"set dstaddr{suffix} {Addresses(r.Destinations, addressRef)}");
            Line(2, "set action accept");
            Line(2, "set schedule \"always\"");
            Line(2, $"set service {Quote(r.Service.HasPorts ? serviceRef[r.Service] : protocolRef[Effective(r)], NameLength)}");
            Line(2, $"set comments {Quote(r.Comment, CommentsLength)}");
            Line(1, "next");
            id++;
        }

        Line(0, "end");
        return sb.ToString();
    }

    /// <summary>ICMP on an IPv6 rule is ICMPv6.</summary>
    private static Transport Effective(RenderRule r) =>
        r.Service.Transport == Transport.Icmp && !r.IsIPv4 ? Transport.Icmpv6 : r.Service.Transport;

    private static string Interface(string zone) => Naming.Identifier(zone, ShortNameLength, NameChars);

    private static string Addresses(IReadOnlyList<AddressObject> objects, Dictionary<AddressObject, string> names) =>
        objects.Any(o => o.IsAny)
            ? "\"all\""
            : string.Join(" ", objects.Select(o => names[o]).Distinct().Select(n => Quote(n, NameLength)));

    private static string Netmask(Cidr net)
    {
        var bits = net.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - net.PrefixLength);
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]).ToString();
    }

    /// <summary>The port ranges, space-separated, in values of at most <see cref="PortRangeLength"/> characters.</summary>
    internal static IReadOnlyList<string> PortChunks(PortSet ports)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var item in ports.Ranges.Select(r => r.ToString()))
        {
            if (current.Length > 0 && current.Length + 1 + item.Length > PortRangeLength)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : "").Append(item);
        }

        chunks.Add(current.ToString());
        return chunks;
    }

    /// <summary>A double-quoted value of at most <paramref name="maxLength"/> characters inside the quotes.</summary>
    private static string Quote(string text, int maxLength)
    {
        // The FortiOS CLI reads \ as an escape inside quotes; keep values free of both.
        var t = text.Replace('"', '\'').Replace('\\', '/').ReplaceLineEndings(" ");
        if (t.Length > maxLength)
        {
            t = t[..(maxLength - 3)] + "...";
        }

        return "\"" + t + "\"";
    }
}
