using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Ports;

namespace PortMatrix.Render;

/// <summary>
/// Linux iptables-restore file (IPv4): the filter table with a FORWARD chain that drops what no
/// rule allows, and one user chain per rule. <see cref="Ip6tablesRenderer"/> writes the IPv6 file
/// with the same code.
/// </summary>
/// <remarks>
/// iptables has no address sets without ipset, and a rule with S sources and D destinations would
/// need S × D lines. Instead each rule gets a user chain <c>pm-RULE</c>: FORWARD jumps to it once
/// per source network (once without <c>-s</c> for "any"), and the chain accepts once per destination
/// network and port chunk, so a rule costs S + D × chunks lines and its counters sit in one chain.
/// A chain that matches nothing returns to FORWARD, whose policy drops the packet.
/// </remarks>
public sealed partial class IptablesRenderer : IFirewallRenderer
{
    /// <summary>Chain names must be under 29 characters (iptables: "must be under 29 chars").</summary>
    internal const int MaxChainName = 28;

    /// <summary>The comment match holds 256 bytes including the terminating NUL.</summary>
    internal const int MaxCommentBytes = 255;

    /// <summary><c>-m multiport</c> takes up to 15 ports, a range counting as two.</summary>
    internal const int MaxMultiportSlots = 15;

    /// <summary>Wrap width of the <c>#</c> provenance lines; iptables-restore reads lines of at most 10239 bytes.</summary>
    private const int CommentWidth = 120;

    public string Name => "iptables";

    public string Description => "Linux iptables-restore file (IPv4), filter table FORWARD chain";

    public string Extension => "rules.v4";

    public string Render(RenderModel model) => Write(model, ipv4: true);

    /// <summary>The iptables-restore (IPv4) or ip6tables-restore (IPv6) file for the model's rules of that family.</summary>
    internal static string Write(RenderModel model, bool ipv4)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rules = model.Rules.Where(r => r.IsIPv4 == ipv4).ToList();
        var tool = ipv4 ? "iptables" : "ip6tables";
        var used = new HashSet<string>(StringComparer.Ordinal);
        var chains = rules.Select(r => ChainName(r.Name, used)).ToList();

        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        sb.Append(ipv4 ? "# IPv4 rules in this file: " : "# IPv6 rules in this file: ").Append(rules.Count.ToString(CultureInfo.InvariantCulture))
            .Append(ipv4 ? " (the IPv6 rules are in the ip6tables file).\n" : " (the IPv4 rules are in the iptables file).\n");
        sb.Append("# Load with '").Append(tool).Append("-restore < FILE': it replaces the whole filter table (INPUT and OUTPUT too).\n");
        sb.Append("# FORWARD drops what no rule allows. Each rule is a chain pm-RULE: FORWARD jumps to it by source,\n");
        sb.Append("# the chain accepts by destination and service.\n");
        sb.Append("*filter\n");
        sb.Append(":INPUT ACCEPT [0:0]\n");
        sb.Append(":FORWARD DROP [0:0]\n");
        sb.Append(":OUTPUT ACCEPT [0:0]\n");
        foreach (var chain in chains)
        {
            sb.Append(':').Append(chain).Append(" - [0:0]\n");
        }

        sb.Append("-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\n");
        sb.Append("-A FORWARD -m conntrack --ctstate INVALID -j DROP\n");
        if (rules.Count == 0)
        {
            sb.Append("# No ").Append(ipv4 ? "IPv4" : "IPv6").Append(" rules for this firewall: only established and related traffic is forwarded.\n");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            WriteRule(sb, rules[i], chains[i], ipv4);
        }

        // Rules of the other family only (ICMP, ICMPv6, single-family hosts) are named here too, so
        // each file accounts for every catalog flow of the firewall.
        var elsewhere = model.Rules.Where(r => r.IsIPv4 != ipv4 && !rules.Any(x => ReferenceEquals(x.Rule, r.Rule))).ToList();
        if (elsewhere.Count > 0)
        {
            sb.Append("# Rules of this firewall that are ").Append(ipv4 ? "IPv6" : "IPv4").Append(" only, in the ")
                .Append(ipv4 ? "ip6tables" : "iptables").Append(" file:\n");
            foreach (var r in elsewhere)
            {
                foreach (var line in Wrap($"{r.Name}: {r.Comment}", CommentWidth))
                {
                    sb.Append(line).Append('\n');
                }
            }
        }

        sb.Append("COMMIT\n");
        return sb.ToString();
    }

    private static void WriteRule(StringBuilder sb, RenderRule r, string chain, bool ipv4)
    {
        // The full provenance goes in '#' lines; the comment match is limited to 255 bytes.
        foreach (var line in Wrap($"{r.Name}: {r.Comment}", CommentWidth))
        {
            sb.Append(line).Append('\n');
        }

        var comment = " -m comment --comment " + Quote($"{r.Name} {string.Join(" ", r.Rule.FlowIds)}");
        foreach (var src in Networks(r.Sources))
        {
            sb.Append("-A FORWARD");
            if (src is not null)
            {
                sb.Append(" -s ").Append(src);
            }

            sb.Append(comment).Append(" -j ").Append(chain).Append('\n');
        }

        var services = Services(r.Service, ipv4);
        foreach (var dst in Networks(r.Destinations))
        {
            foreach (var service in services)
            {
                sb.Append("-A ").Append(chain);
                if (dst is not null)
                {
                    sb.Append(" -d ").Append(dst);
                }

                sb.Append(' ').Append(service).Append(comment).Append(" -j ACCEPT\n");
            }
        }
    }

    /// <summary>Each distinct network as iptables writes it, or a single null for "any address".</summary>
    private static IReadOnlyList<string?> Networks(IReadOnlyList<AddressObject> objects) =>
        objects.Any(o => o.IsAny)
            ? [null]
            : objects.SelectMany(o => o.Networks).Distinct().Select(n => (string?)n.ToString()).ToList();

    /// <summary>The protocol and port matches of a service: one item per line it needs.</summary>
    internal static IReadOnlyList<string> Services(ServiceObject service, bool ipv4)
    {
        ArgumentNullException.ThrowIfNull(service);
        switch (service.Transport)
        {
            case Transport.Tcp or Transport.Udp or Transport.Sctp:
                var proto = service.Transport.ToName();
                if (service.Ports.IsAll)
                {
                    return [$"-p {proto}"];
                }

                return PortChunks(service.Ports)
                    .Select(chunk => chunk.Count == 1
                        ? $"-p {proto} -m {proto} --dport {Port(chunk[0])}"
                        : $"-p {proto} -m multiport --dports {string.Join(",", chunk.Select(Port))}")
                    .ToList();
            case Transport.Icmp:
                return [ipv4 ? "-p icmp" : "-p ipv6-icmp"];
            case Transport.Icmpv6:
                return ["-p ipv6-icmp"];
            case Transport.Esp:
                return ["-p esp"];
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service.Transport, "Unknown transport.");
        }
    }

    /// <summary>The port ranges in order, cut into chunks that fit one <c>-m multiport</c> (15 slots, a range takes two).</summary>
    internal static IReadOnlyList<IReadOnlyList<PortRange>> PortChunks(PortSet ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var chunks = new List<IReadOnlyList<PortRange>>();
        var current = new List<PortRange>();
        var slots = 0;
        foreach (var range in ports.Ranges)
        {
            var cost = range.IsSingle ? 1 : 2;
            if (slots + cost > MaxMultiportSlots)
            {
                chunks.Add(current);
                current = [];
                slots = 0;
            }

            current.Add(range);
            slots += cost;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    private static string Port(PortRange r) =>
        r.IsSingle
            ? r.Low.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.Low}:{r.High}");

    /// <summary>
    /// <c>pm-RULE</c>, at most 28 characters: a long rule name loses letters from its zone part and
    /// keeps its number (<c>-001</c>, <c>-001-v6</c>); a name taken already gets <c>-2</c>, <c>-3</c>…
    /// before the number.
    /// </summary>
    internal static string ChainName(string ruleName, ISet<string> used)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        ArgumentNullException.ThrowIfNull(used);
        var full = Naming.Identifier("pm-" + ruleName, int.MaxValue);
        var tail = full.Length > MaxChainName ? RuleNumber().Match(full).Value : "";
        var head = full[..^tail.Length];
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture);
            var room = MaxChainName - tail.Length - suffix.Length;
            var candidate = (head.Length > room ? head[..room].TrimEnd('-', '_') : head) + suffix + tail;
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A double-quoted argument for iptables-restore, at most 255 bytes once unquoted.</summary>
    internal static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        if (Encoding.UTF8.GetByteCount(t) > MaxCommentBytes)
        {
            var keep = t.Length;
            do
            {
                keep--;
                if (keep > 0 && char.IsLowSurrogate(t[keep]))
                {
                    keep--;
                }
            }
            while (Encoding.UTF8.GetByteCount(t.AsSpan(0, keep)) + 3 > MaxCommentBytes);

            t = t[..keep] + "...";
        }

        // iptables-restore reads a backslash inside quotes as "take the next character as is".
        return "\"" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>'#' comment lines of at most <paramref name="width"/> characters, broken at spaces.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder("#");
        var first = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > (first ? 1 : 3) && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append("#  ");
                first = false;
            }

            line.Append(' ').Append(word);
        }

        yield return line.ToString();
    }

    [GeneratedRegex(@"-[0-9]+(-v6)?$")]
    private static partial Regex RuleNumber();
}
