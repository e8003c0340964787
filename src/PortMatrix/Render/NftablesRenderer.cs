using System.Globalization;
using System.Text;
using PortMatrix.Ports;

namespace PortMatrix.Render;

/// <summary>
/// An nftables ruleset for <c>nft -f</c>: one inet table with named sets for the address objects
/// and a forward chain that drops what no rule allows.
/// </summary>
public sealed class NftablesRenderer : IFirewallRenderer
{
    public string Name => "nftables";

    public string Description => "Linux nftables ruleset (nft -f), inet table with a stateful forward chain";

    public string Extension => "nft";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = Naming.Identifier($"portmatrix_{model.SiteName}_{model.Firewall.Name}", 60, "_");
        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        // Re-running the file replaces the table instead of adding to it.
        sb.Append("table inet ").Append(table).Append(" {}\n");
        sb.Append("delete table inet ").Append(table).Append('\n');
        sb.Append("table inet ").Append(table).Append(" {\n");
        foreach (var a in model.Addresses.Where(a => !a.IsAny && a.Networks.Count > 0))
        {
            sb.Append("  set ").Append(SetName(a)).Append(" {\n");
            sb.Append("    type ").Append(a.IsIPv4 ? "ipv4_addr" : "ipv6_addr").Append("; flags interval; auto-merge;\n");
            sb.Append("    comment ").Append(Quote($"{a.Zone}: {a.Label}")).Append('\n');
            sb.Append("    elements = { ").Append(string.Join(", ", a.Networks.Select(n => n.ToShortString()))).Append(" }\n");
            sb.Append("  }\n");
        }

        sb.Append("  chain forward {\n");
        sb.Append("    type filter hook forward priority filter; policy drop;\n");
        sb.Append("    ct state established,related accept\n");
        sb.Append("    ct state invalid drop\n");
        foreach (var r in model.Rules)
        {
            // The full provenance goes in a file comment; the rule's own comment is size-limited.
            sb.Append("    # ").Append(r.Name).Append(": ").Append(r.Comment).Append('\n');
            sb.Append("    ").Append(Match(r)).Append(" accept comment ").Append(Quote($"{r.Name} {string.Join(" ", r.Rule.FlowIds)}")).Append('\n');
        }

        sb.Append("  }\n}\n");
        return sb.ToString();
    }

    private static string Match(RenderRule r)
    {
        var family = r.IsIPv4 ? "ip" : "ip6";
        var parts = new List<string>();
        var src = Addresses(r.Sources);
        if (src is not null)
        {
            parts.Add($"{family} saddr {src}");
        }

        var dst = Addresses(r.Destinations);
        if (dst is not null)
        {
            parts.Add($"{family} daddr {dst}");
        }

        var svc = r.Service;
        switch (svc.Transport)
        {
            case Transport.Tcp or Transport.Udp or Transport.Sctp:
                var proto = svc.Transport.ToName();
                parts.Add(svc.Ports.IsAll ? $"meta l4proto {proto}" : $"{proto} dport {Ports(svc.Ports)}");
                break;
            case Transport.Icmp:
                parts.Add(r.IsIPv4 ? "meta l4proto icmp" : "meta l4proto ipv6-icmp");
                break;
            case Transport.Icmpv6:
                parts.Add("meta l4proto ipv6-icmp");
                break;
            case Transport.Esp:
                parts.Add("meta l4proto esp");
                break;
        }

        return string.Join(" ", parts);
    }

    /// <summary>A set reference, an anonymous set, or null for "any address".</summary>
    private static string? Addresses(IReadOnlyList<AddressObject> objects)
    {
        if (objects.Any(o => o.IsAny))
        {
            return null;
        }

        return objects.Count == 1
            ? "@" + SetName(objects[0])
            : "{ " + string.Join(", ", objects.SelectMany(o => o.Networks).Distinct().Select(n => n.ToShortString())) + " }";
    }

    private static string Ports(PortSet ports)
    {
        var items = ports.Ranges.Select(r => r.IsSingle ? r.Low.ToString(CultureInfo.InvariantCulture) : $"{r.Low}-{r.High}").ToList();
        return items.Count == 1 ? items[0] : "{ " + string.Join(", ", items) + " }";
    }

    private static string SetName(AddressObject a) => Naming.Identifier(a.Name, 60, "_");

    private static string Quote(string text)
    {
        // nft comments are limited to 128 bytes and cannot hold double quotes.
        var t = text.Replace('"', '\'');
        if (Encoding.UTF8.GetByteCount(t) > 120)
        {
            t = t[..Math.Min(t.Length, 116)] + "...";
            while (Encoding.UTF8.GetByteCount(t) > 120)
            {
                t = t[..(t.Length - 4)] + "...";
            }
        }

        return "\"" + t + "\"";
    }
}
