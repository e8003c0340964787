using System.Globalization;
using System.Net;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>
/// Cisco IOS / IOS XE named extended ACLs: one IPv4 and one IPv6 access list per firewall, one ACE
/// per source network, destination network and port range, each list ending with an explicit deny.
/// </summary>
/// <remarks>
/// IOS ACLs are stateless. The output is meant to be applied inbound on the interfaces of the
/// firewall's zones together with a zone-based policy firewall (or <c>ip inspect</c>), which lets
/// the return traffic back. No <c>established</c> return lines are generated: they would cover
/// TCP only (not the UDP media and signalling of the catalogs) and would admit any packet with
/// ACK or RST set.
/// </remarks>
public sealed class CiscoIosRenderer : IFirewallRenderer
{
    /// <summary>A remark holds at most 100 characters.</summary>
    internal const int MaxRemarkLength = 100;

    /// <summary>IP protocol number of SCTP, which IPv4 extended ACLs have no keyword (and no port match) for.</summary>
    private const int SctpProtocol = 132;

    public string Name => "cisco-ios";

    public string Description => "Cisco IOS named extended ACLs";

    public string Extension => "ios";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var v4 = Naming.Identifier($"PM-{model.Firewall.Name}", 64);
        var v6 = Naming.Identifier($"PM-{model.Firewall.Name}-v6", 64);
        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            Comment(sb, line);
        }

        Comment(sb, "The line above holds only with inspection: these IOS access lists by themselves are STATELESS and");
        Comment(sb, "match only the first direction of each flow. Apply them inbound on every interface of the zones");
        Comment(sb, "above, under a zone-based policy firewall (or 'ip inspect') that lets the return traffic back;");
        Comment(sb, "no 'established' return lines are generated (they would cover TCP only, not UDP media).");
        Comment(sb, "Everything else is denied: each list ends with an explicit 'deny ... any any log'. For example:");
        Comment(sb, "interface GigabitEthernet0/1");
        Comment(sb, $" ip access-group {v4} in");
        Comment(sb, $" ipv6 traffic-filter {v6} in");

        sb.Append("ip access-list extended ").Append(v4).Append('\n');
        foreach (var r in model.IPv4Rules)
        {
            Rule(sb, r);
        }

        sb.Append(" remark Everything else is denied and logged.\n");
        sb.Append(" deny ip any any log\n");

        sb.Append("ipv6 access-list ").Append(v6).Append('\n');
        foreach (var r in model.IPv6Rules)
        {
            Rule(sb, r);
        }

        // An explicit final deny also overrides the implicit neighbour-discovery permits of IPv6 ACLs.
        sb.Append(" remark Neighbour discovery, implicitly permitted only without an explicit final deny.\n");
        sb.Append(" permit icmp any any nd-na\n");
        sb.Append(" permit icmp any any nd-ns\n");
        sb.Append(" remark Everything else is denied and logged.\n");
        sb.Append(" deny ipv6 any any log\n");
        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, RenderRule r)
    {
        var svc = r.Service;
        var widened = r.IsIPv4 && svc.Transport == Transport.Sctp && !svc.Ports.IsAll;
        var text = $"{r.Name}: {r.Comment}";
        if (widened)
        {
            text += $" NOTE: IPv4 IOS ACLs cannot match SCTP ports; these ACEs allow every SCTP port, the flows need {svc.Ports}.";
        }

        foreach (var remark in CiscoAsaRenderer.Wrap(text, MaxRemarkLength))
        {
            sb.Append(" remark ").Append(remark).Append('\n');
        }

        if (CiscoAsaRenderer.OtherFamily(r))
        {
            // The compiler keeps ICMP rules to their own family; a stray one matches no packet.
            sb.Append(" remark (no ACE: ").Append(svc.Transport.ToName()).Append(" has no ").Append(r.IsIPv4 ? "IPv4" : "IPv6").Append(" packets)\n");
            return;
        }

        var sources = Endpoints(r.Sources, r.IsIPv4);
        var destinations = Endpoints(r.Destinations, r.IsIPv4);
        foreach (var src in sources)
        {
            foreach (var dst in destinations)
            {
                foreach (var ace in Aces(r, src, dst))
                {
                    sb.Append(" permit ").Append(ace).Append('\n');
                }
            }
        }
    }

    private static IEnumerable<string> Aces(RenderRule r, string src, string dst)
    {
        var svc = r.Service;
        switch (svc.Transport)
        {
            case Transport.Tcp or Transport.Udp:
            case Transport.Sctp when !r.IsIPv4:
                var proto = svc.Transport.ToName();
                if (svc.Ports.IsAll)
                {
                    yield return $"{proto} {src} {dst}";
                    yield break;
                }

                foreach (var range in svc.Ports.Ranges)
                {
                    yield return $"{proto} {src} {dst} {PortMatch(range)}";
                }

                break;
            case Transport.Sctp:
                yield return $"{SctpProtocol.ToString(CultureInfo.InvariantCulture)} {src} {dst}";
                break;
            case Transport.Icmp or Transport.Icmpv6:
                // In an IPv6 access list the icmp keyword means ICMPv6 (and OtherFamily rules never get here).
                yield return $"icmp {src} {dst}";
                break;
            case Transport.Esp:
                yield return $"esp {src} {dst}";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(r), svc.Transport, "Unknown transport.");
        }
    }

    /// <summary>The distinct networks of the objects in IOS notation, or just <c>any</c>.</summary>
    private static List<string> Endpoints(IReadOnlyList<AddressObject> objects, bool v4)
    {
        var nets = objects.SelectMany(o => o.Networks).Where(n => n.IsIPv4 == v4).Distinct().Order().ToList();
        return nets.Any(n => n.IsDefault) ? ["any"] : nets.Select(Address).ToList();
    }

    /// <summary><c>host A</c>, an IPv4 network and wildcard mask, or an IPv6 prefix.</summary>
    internal static string Address(Cidr n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.IsDefault)
        {
            return "any";
        }

        if (n.IsHost)
        {
            return "host " + n.Network;
        }

        return n.IsIPv4 ? $"{n.Network} {Wildcard(n.PrefixLength)}" : n.ToString();
    }

    internal static string Wildcard(int prefixLength)
    {
        var bits = prefixLength == 0 ? uint.MaxValue : ~(uint.MaxValue << (32 - prefixLength));
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]).ToString();
    }

    private static string PortMatch(PortRange range) =>
        range.IsSingle
            ? "eq " + range.Low.ToString(CultureInfo.InvariantCulture)
            : $"range {range.Low.ToString(CultureInfo.InvariantCulture)} {range.High.ToString(CultureInfo.InvariantCulture)}";

    private static void Comment(StringBuilder sb, string text) => sb.Append("! ").Append(text).Append('\n');
}
