using System.Globalization;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>
/// firewalld (0.9 and later) configuration files for one firewall: a zone per site zone that binds
/// the zone's networks as sources, a policy per pair of zones with traffic between them (ingress
/// zone to egress zone, target DROP) whose rich rules accept the allowed flows, and a service per
/// port set of more than one range.
/// </summary>
/// <remarks>
/// One text cannot hold several XML documents, so the output is a stream of files: each file
/// starts at a line <c>&lt;!-- file: zones/pm-lan.xml --&gt;</c> (a path below /etc/firewalld)
/// and runs to the next such line; <see cref="SplitFiles"/> cuts the stream into its files.
/// </remarks>
public sealed class FirewalldRenderer : IFirewallRenderer
{
    /// <summary>firewalld's limit for zone names (iptables chain names); policies get the same limit.</summary>
    internal const int MaxNameLength = 17;

    private const string FileMarkerStart = "<!-- file: ";
    private const string FileMarkerEnd = " -->";

    public string Name => "firewalld";

    public string Description => "firewalld zone and service XML files (firewall-offline-cmd)";

    public string Extension => "xml";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append("<!-- firewalld configuration for site '").Append(CommentText(model.SiteName)).Append("', firewall '").Append(CommentText(model.Firewall.Name)).Append("' (firewalld 0.9 or later). -->\n");
        sb.Append("<!-- A stream of XML files: each starts at a 'file:' comment line naming its path below /etc/firewalld; -->\n");
        sb.Append("<!-- Copy each file there, check with firewall-offline-cmd (option check-config), then reload firewalld. -->\n");

        var zoneNames = ZoneNames(model);
        foreach (var (zone, name) in zoneNames)
        {
            WriteZone(sb, model, zone, name);
        }

        var services = ServiceNames(model);
        foreach (var svc in model.Services.Where(services.ContainsKey))
        {
            WriteService(sb, model, svc, services[svc]);
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in model.Rules.GroupBy(r => (r.Rule.FromZone, r.Rule.ToZone)))
        {
            var (from, to) = group.Key;
            var name = Naming.Unique(PolicyName(from, to), used, MaxNameLength);
            WritePolicy(sb, model, name, zoneNames[from], zoneNames[to], from, to, group.ToList(), services);
        }

        return sb.ToString();
    }

    /// <summary>Cuts a rendered stream into its files: (path below /etc/firewalld, XML text), in stream order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> SplitFiles(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var files = new List<KeyValuePair<string, string>>();
        string? path = null;
        var body = new StringBuilder();
        foreach (var line in stream.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith(FileMarkerStart, StringComparison.Ordinal) && line.EndsWith(FileMarkerEnd, StringComparison.Ordinal))
            {
                if (path is not null)
                {
                    files.Add(new(path, body.ToString()));
                }

                path = line[FileMarkerStart.Length..^FileMarkerEnd.Length].Trim();
                if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p is "" or "." or ".."))
                {
                    throw new FormatException($"'{line}' does not name a relative file path.");
                }

                body.Clear();
            }
            else if (path is not null && (line.Length > 0 || body.Length > 0))
            {
                body.Append(line).Append('\n');
            }
        }

        if (path is not null)
        {
            files.Add(new(path, body.ToString().TrimEnd('\n') + "\n"));
        }

        return files;
    }

    private static Dictionary<string, string> ZoneNames(RenderModel model)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var zones = model.Firewall.Zones.Concat(model.Rules.SelectMany(r => new[] { r.Rule.FromZone, r.Rule.ToZone }));
        foreach (var zone in zones.Where(z => !names.ContainsKey(z)))
        {
            // The prefix keeps site zones apart from firewalld's own (public, dmz, internal, ...).
            names[zone] = Naming.Unique(Identifier("pm-" + zone, MaxNameLength), used, MaxNameLength);
        }

        return names;
    }

    /// <summary>Services only for port sets of several ranges: a rich rule holds one port range or one service.</summary>
    private static Dictionary<ServiceObject, string> ServiceNames(RenderModel model)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return model.Services
            .Where(s => s.HasPorts && !s.Ports.IsAll && FirewalldRanges(s.Ports).Count > 1)
            .ToDictionary(s => s, s => Naming.Unique(Identifier("pm-" + s.Name, 64), used, 64));
    }

    private static string PolicyName(string from, string to)
    {
        var f = Identifier(from, MaxNameLength);
        var t = Identifier(to, MaxNameLength);
        var budget = MaxNameLength - "pm--".Length;
        if (f.Length + t.Length > budget)
        {
            var fromLength = Math.Min(f.Length, Math.Max(budget - t.Length, budget / 2));
            f = f[..fromLength];
            t = t[..Math.Min(t.Length, budget - fromLength)];
        }

        return Identifier($"pm-{f}-{t}", MaxNameLength);
    }

    /// <summary>A valid firewalld name without "--", so that it can stand in an XML comment.</summary>
    private static string Identifier(string text, int maxLength)
    {
        var name = Naming.Identifier(text, maxLength);
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        return name;
    }

    private static void WriteZone(StringBuilder sb, RenderModel model, string zone, string name)
    {
        var cidrs = model.Policy.Site.FindZone(zone)?.Cidrs ?? [];
        var sources = cidrs.Where(c => !c.IsDefault).ToList();
        var description = new StringBuilder();
        description.Append(CultureInfo.InvariantCulture, $"Zone '{zone}' of site '{model.SiteName}': its networks are the zone's sources; forwarding between zones is decided by the pm- policies. ");
        if (cidrs.Any(c => c.IsDefault))
        {
            // A default route as a zone source would capture all traffic, the firewall's own included.
            description.Append(CultureInfo.InvariantCulture, $"The zone holds any address ({string.Join(", ", cidrs.Where(c => c.IsDefault))}), which cannot be a source: bind the interfaces that face it (firewall-cmd --permanent --zone={name} --add-interface=IFACE). ");
        }

        description.Append("Traffic to the firewall itself from this zone follows this zone's services (none: rejected); add e.g. ssh if you manage the firewall from here.");

        BeginFile(sb, model, $"zones/{name}.xml");
        sb.Append("<zone>\n");
        sb.Append("  <short>").Append(Text($"PortMatrix {zone}")).Append("</short>\n");
        sb.Append("  <description>").Append(Text(description.ToString())).Append("</description>\n");
        foreach (var c in sources)
        {
            sb.Append("  <source address=\"").Append(Attribute(c.ToShortString())).Append("\"/>\n");
        }

        sb.Append("</zone>\n");
    }

    private static void WriteService(StringBuilder sb, RenderModel model, ServiceObject svc, string name)
    {
        var flows = model.Rules.Where(r => r.Service == svc).SelectMany(r => r.Rule.FlowIds).Distinct().Order(StringComparer.Ordinal);
        var proto = svc.Transport.ToName();
        BeginFile(sb, model, $"services/{name}.xml");
        sb.Append("<service>\n");
        sb.Append("  <short>").Append(Text($"PortMatrix {proto} {string.Join(", ", FirewalldRanges(svc.Ports))}")).Append("</short>\n");
        sb.Append("  <description>").Append(Text($"Ports of the catalog flows {string.Join(" ", flows)}.")).Append("</description>\n");
        foreach (var range in FirewalldRanges(svc.Ports))
        {
            sb.Append("  <port protocol=\"").Append(proto).Append("\" port=\"").Append(range).Append("\"/>\n");
        }

        sb.Append("</service>\n");
    }

    private static void WritePolicy(StringBuilder sb, RenderModel model, string name, string ingress, string egress, string from, string to, IReadOnlyList<RenderRule> rules, Dictionary<ServiceObject, string> services)
    {
        var description = $"Forwarded traffic from zone '{from}' to zone '{to}' (site '{model.SiteName}', firewall '{model.Firewall.Name}'); what no rule accepts is dropped. "
            + string.Join("; ", rules.Select(r => $"{r.Name}: {r.Comment}"));
        BeginFile(sb, model, $"policies/{name}.xml");
        sb.Append("<policy target=\"DROP\">\n");
        sb.Append("  <short>").Append(Text($"PortMatrix {from} to {to}")).Append("</short>\n");
        sb.Append("  <description>").Append(Text(description)).Append("</description>\n");
        sb.Append("  <ingress-zone name=\"").Append(Attribute(ingress)).Append("\"/>\n");
        sb.Append("  <egress-zone name=\"").Append(Attribute(egress)).Append("\"/>\n");
        foreach (var r in rules)
        {
            sb.Append("  <!-- ").Append(CommentText($"{r.Name}: {r.Comment}")).Append(" -->\n");
            var family = r.IsIPv4 ? "ipv4" : "ipv6";
            foreach (var element in Elements(r, services))
            {
                foreach (var src in Networks(r.Sources))
                {
                    foreach (var dst in Networks(r.Destinations))
                    {
                        sb.Append("  <rule family=\"").Append(family).Append("\">\n");
                        if (src is not null)
                        {
                            sb.Append("    <source address=\"").Append(Attribute(src.ToShortString())).Append("\"/>\n");
                        }

                        if (dst is not null)
                        {
                            sb.Append("    <destination address=\"").Append(Attribute(dst.ToShortString())).Append("\"/>\n");
                        }

                        sb.Append("    ").Append(element).Append('\n');
                        sb.Append("    <accept/>\n");
                        sb.Append("  </rule>\n");
                    }
                }
            }
        }

        sb.Append("</policy>\n");
    }

    /// <summary>The rich rule element(s) that match the rule's service: a port, a service or a protocol.</summary>
    private static List<string> Elements(RenderRule r, Dictionary<ServiceObject, string> services)
    {
        var svc = r.Service;
        switch (svc.Transport)
        {
            case Transport.Tcp or Transport.Udp or Transport.Sctp:
                var proto = svc.Transport.ToName();
                if (svc.Ports.IsAll)
                {
                    return [$"<protocol value=\"{proto}\"/>"];
                }

                return services.TryGetValue(svc, out var name)
                    ? [$"<service name=\"{Attribute(name)}\"/>"]
                    : FirewalldRanges(svc.Ports).Select(p => $"<port port=\"{p}\" protocol=\"{proto}\"/>").ToList();
            case Transport.Icmp:
                return [r.IsIPv4 ? "<protocol value=\"icmp\"/>" : "<protocol value=\"ipv6-icmp\"/>"];
            case Transport.Icmpv6:
                return ["<protocol value=\"ipv6-icmp\"/>"];
            case Transport.Esp:
                return ["<protocol value=\"esp\"/>"];
            default:
                throw new ArgumentOutOfRangeException(nameof(r), svc.Transport, "Unknown transport.");
        }
    }

    /// <summary>The port ranges as firewalld writes them; port 0 is not a port firewalld accepts, nor one traffic uses.</summary>
    private static List<string> FirewalldRanges(PortSet ports) =>
        ports.Ranges
            .Select(r => (Low: Math.Max(r.Low, 1), r.High))
            .Where(r => r.Low <= r.High)
            .Select(r => r.Low == r.High
                ? r.Low.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{r.Low}-{r.High}"))
            .ToList();

    /// <summary>The networks of the objects, or a single null for "any address" (no address element).</summary>
    private static List<Cidr?> Networks(IReadOnlyList<AddressObject> objects) =>
        objects.Any(o => o.IsAny) ? [null] : objects.SelectMany(o => o.Networks).Distinct().Select(n => (Cidr?)n).ToList();

    private static void BeginFile(StringBuilder sb, RenderModel model, string path)
    {
        sb.Append(FileMarkerStart).Append(path).Append(FileMarkerEnd).Append('\n');
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        foreach (var line in model.HeaderLines)
        {
            sb.Append("<!-- ").Append(CommentText(line)).Append(" -->\n");
        }
    }

    /// <summary>Text for inside an XML comment, which may not contain "--".</summary>
    internal static string CommentText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Replace("\n", " ", StringComparison.Ordinal);
        while (t.Contains("--", StringComparison.Ordinal))
        {
            t = t.Replace("--", "- -", StringComparison.Ordinal);
        }

        return t;
    }

    private static string Text(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Attribute(string text) => Text(text).Replace("\"", "&quot;", StringComparison.Ordinal);
}
