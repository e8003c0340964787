using System.Text;
using PortMatrix.Ports;

namespace PortMatrix.Render;

/// <summary>
/// Palo Alto PAN-OS set commands for configure mode: address objects and groups, service objects
/// and groups, tags, and security rules ending with an explicit deny-all rule.
/// </summary>
/// <remarks>
/// The PAN-OS CLI has no comment syntax for pasted set commands, so the file header goes into the
/// comments of a tag that every rule carries, and each rule's provenance into its description
/// (1024 characters). When the flow ids do not fit, the description is shortened and the full list
/// goes into the comments of extra tags (1023 characters each) that the rule also carries.
/// </remarks>
public sealed class PanOsRenderer : IFirewallRenderer
{
    /// <summary>Object, service, rule and tag names: 63 characters (tags 127), letters, digits, '-', '_', '.'.</summary>
    internal const int NameLength = 63;

    internal const int ZoneLength = 31;

    internal const int TagLength = 127;

    internal const int DescriptionLength = 1024;

    internal const int TagCommentLength = 1023;

    /// <summary>The longest destination-port value of a service object.</summary>
    internal const int PortLength = 1023;

    internal const string DenyRule = "pm-deny-all";

    private const string NameChars = "-_.";

    public string Name => "panos";

    public string Description => "Palo Alto PAN-OS set commands (addresses, services, security rules)";

    public string Extension => "set";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');

        var siteTag = Naming.Identifier($"portmatrix-{model.SiteName}-{model.Firewall.Name}", TagLength, NameChars);
        var header = string.Join(" ", model.HeaderLines) +
            " Paste in configure mode; zone names must exist on the firewall. The last rule " + DenyRule +
            " denies all traffic no rule above allows, intrazone traffic too.";
        Line($"set tag {siteTag} comments {Quote(header, TagCommentLength)}");

        // Address objects and groups share one namespace; so do services and service groups.
        var addressNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addressRef = new Dictionary<AddressObject, string>();
        foreach (var a in model.Addresses)
        {
            addressRef[a] = Naming.Unique(Naming.Identifier(a.Name, NameLength, NameChars), addressNames, NameLength);
        }

        foreach (var a in model.Addresses.Where(a => !a.IsAny && a.Networks.Count > 0))
        {
            var description = Quote($"{a.Zone}: {a.Label}", DescriptionLength);
            if (a.Networks.Count == 1)
            {
                Line($"set address {addressRef[a]} ip-netmask {a.Networks[0]} description {description}");
                continue;
            }

            var members = new List<string>();
            foreach (var net in a.Networks)
            {
                var member = Naming.Unique($"{addressRef[a]}-{members.Count + 1}", addressNames, NameLength);
                members.Add(member);
                Line($"set address {member} ip-netmask {net}");
            }

            Line($"set address-group {addressRef[a]} static {List(members)} description {description}");
        }

        var serviceNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var serviceRef = new Dictionary<ServiceObject, string>();
        foreach (var s in model.Services.Where(s => s.HasPorts))
        {
            serviceRef[s] = Naming.Unique(Naming.Identifier(s.Name, NameLength, NameChars), serviceNames, NameLength);
        }

        foreach (var s in model.Services.Where(s => s.HasPorts))
        {
            var protocol = s.Transport.ToName();
            var chunks = PortChunks(s.Ports);
            if (chunks.Count == 1)
            {
                Line($"set service {serviceRef[s]} protocol {protocol} port {chunks[0]}");
                continue;
            }

            var members = new List<string>();
            foreach (var chunk in chunks)
            {
                var member = Naming.Unique($"{serviceRef[s]}-{members.Count + 1}", serviceNames, NameLength);
                members.Add(member);
                Line($"set service {member} protocol {protocol} port {chunk}");
            }

            Line($"set service-group {serviceRef[s]} members {List(members)}");
        }

        var ruleNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { DenyRule };
        var tagNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { siteTag };
        foreach (var r in model.Rules)
        {
            var name = Naming.Unique(Naming.Identifier(r.Name, NameLength, NameChars), ruleNames, NameLength);
            var tags = new List<string> { siteTag };
            var description = r.Comment;
            if (description.Length > DescriptionLength)
            {
                foreach (var chunk in Chunks(r.Rule.FlowIds, " ", TagCommentLength))
                {
                    var tag = Naming.Unique(Naming.Identifier($"{name}-flows-{tags.Count}", TagLength, NameChars), tagNames, TagLength);
                    tags.Add(tag);
                    Line($"set tag {tag} comments {Quote(chunk, TagCommentLength)}");
                }

                description = $"{string.Join(", ", r.Rule.Services)} [{r.Rule.FlowIds.Count} flows in the tags {string.Join(" ", tags.Skip(1))}]";
            }

            var (application, service) = r.Service.Transport switch
            {
                Transport.Tcp or Transport.Udp or Transport.Sctp => ("any", serviceRef[r.Service]),
                Transport.Icmp when r.IsIPv4 => ("icmp", "application-default"),
                Transport.Icmp or Transport.Icmpv6 => ("ipv6-icmp", "application-default"),
                Transport.Esp => ("ipsec-esp", "application-default"),
                _ => throw new ArgumentOutOfRangeException(nameof(model), r.Service.Transport, "Unknown transport."),
            };

            Line($"set rulebase security rules {name} from {Zone(r.Rule.FromZone)} to {Zone(r.Rule.ToZone)}" +
                $" source {Members(r.Sources, addressRef)} destination {Members(r.Destinations, addressRef)}" +
                $" application {application} service {service} action allow" +
                $" description {Quote(description, DescriptionLength)} tag {List(tags)}");
        }

        Line($"set rulebase security rules {DenyRule} from any to any source any destination any application any service any action deny" +
            $" description {Quote("PortMatrix: deny everything the rules above do not allow", DescriptionLength)} tag {List([siteTag])}");
        Line($"move rulebase security rules {DenyRule} bottom");
        return sb.ToString();
    }

    private static string Zone(string zone) => Naming.Identifier(zone, ZoneLength, NameChars);

    private static string Members(IReadOnlyList<AddressObject> objects, Dictionary<AddressObject, string> names) =>
        objects.Any(o => o.IsAny) ? "any" : List(objects.Select(o => names[o]).Distinct().ToList());

    /// <summary>One member bare, several in brackets: <c>[ a b ]</c>.</summary>
    private static string List(IReadOnlyList<string> members) =>
        members.Count == 1 ? members[0] : "[ " + string.Join(" ", members) + " ]";

    /// <summary>The port list as comma-separated values of at most <see cref="PortLength"/> characters each.</summary>
    internal static IReadOnlyList<string> PortChunks(PortSet ports) =>
        Chunks(ports.Ranges.Select(r => r.ToString()).ToList(), ",", PortLength);

    private static List<string> Chunks(IReadOnlyList<string> items, string separator, int maxLength)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var item in items)
        {
            if (current.Length > 0 && current.Length + separator.Length + item.Length > maxLength)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(separator);
            }

            current.Append(item);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    /// <summary>A double-quoted CLI value of at most <paramref name="maxLength"/> characters inside the quotes.</summary>
    private static string Quote(string text, int maxLength)
    {
        // Double quotes and backslashes cannot be escaped reliably in the PAN-OS CLI.
        var t = text.Replace('"', '\'').Replace('\\', '/').ReplaceLineEndings(" ");
        if (t.Length > maxLength)
        {
            t = t[..(maxLength - 3)] + "...";
        }

        return "\"" + t + "\"";
    }
}
