using System.Globalization;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>
/// Juniper SRX set commands for <c>load set</c>: global address book, custom applications and
/// zone-to-zone security policies; the SRX's default deny-all policy denies everything else.
/// </summary>
/// <remarks>
/// <c>load set</c> is not documented to accept <c>#</c> comment lines, so the file has none: every
/// policy carries its flow ids in its <c>description</c> (limited to 900 characters, shortened
/// beyond) and its full provenance in a Junos annotation (<c>edit</c> / <c>annotate</c> /
/// <c>top</c>, which set-format loads accept), and the file header is an annotation of
/// <c>security policies</c>.
/// </remarks>
public sealed class JunosRenderer : IFirewallRenderer
{
    /// <summary>Junos object names: at most 63 characters.</summary>
    internal const int MaxNameLength = 63;

    /// <summary>A security policy description holds at most 900 characters.</summary>
    internal const int MaxDescriptionLength = 900;

    public string Name => "junos";

    public string Description => "Juniper SRX / JunOS set commands (address book, applications, security policies)";

    public string Extension => "set";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();

        // Addresses and address-sets share the address book's name space.
        var usedAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addressNames = new Dictionary<AddressObject, string>();
        foreach (var a in model.Addresses.Where(a => !IsAny(a)))
        {
            var name = Naming.Unique(Name63(a.Name), usedAddresses, MaxNameLength);
            addressNames[a] = name;
        }

        foreach (var a in model.Addresses.Where(a => !IsAny(a)))
        {
            var name = addressNames[a];
            if (a.Networks.Count == 1)
            {
                sb.Append("set security address-book global address ").Append(name).Append(' ').Append(a.Networks[0]).Append('\n');
                continue;
            }

            var i = 1;
            foreach (var n in a.Networks)
            {
                var member = Naming.Unique(Name63($"{a.Name}-{i++.ToString(CultureInfo.InvariantCulture)}"), usedAddresses, MaxNameLength);
                sb.Append("set security address-book global address ").Append(member).Append(' ').Append(n).Append('\n');
                sb.Append("set security address-book global address-set ").Append(name).Append(" address ").Append(member).Append('\n');
            }
        }

        var applications = Applications(model, sb);

        sb.Append("set security policies default-policy deny-all\n");
        var usedPolicies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var annotations = new List<(string Context, string Policy, string Text)>();
        foreach (var r in model.Rules)
        {
            var policy = Naming.Unique(Name63(r.Name), usedPolicies, MaxNameLength);
            var context = $"from-zone {Name63(r.Rule.FromZone)} to-zone {Name63(r.Rule.ToZone)}";
            var prefix = $"set security policies {context} policy {policy} ";
            foreach (var src in Match(r.Sources, r.IsIPv4, addressNames))
            {
                sb.Append(prefix).Append("match source-address ").Append(src).Append('\n');
            }

            foreach (var dst in Match(r.Destinations, r.IsIPv4, addressNames))
            {
                sb.Append(prefix).Append("match destination-address ").Append(dst).Append('\n');
            }

            sb.Append(prefix).Append("match application ").Append(applications[r.Service]).Append('\n');
            sb.Append(prefix).Append("then permit\n");
            sb.Append(prefix).Append("description ").Append(Quote(PolicyDescription(r))).Append('\n');
            annotations.Add((context, policy, $"{r.Name}: {r.Comment}"));
        }

        // Junos's own comments: annotations, one level above the annotated statement.
        sb.Append("top edit security\n");
        sb.Append("annotate policies ").Append(Quote(string.Join(" ", model.HeaderLines) + " Everything else is denied by default-policy deny-all.")).Append('\n');
        string? current = null;
        foreach (var (context, policy, text) in annotations)
        {
            if (context != current)
            {
                sb.Append("top edit security policies ").Append(context).Append('\n');
                current = context;
            }

            sb.Append("annotate policy ").Append(policy).Append(' ').Append(Quote(text)).Append('\n');
        }

        sb.Append("top\n");
        return sb.ToString();
    }

    /// <summary>Writes the custom applications and returns what each service is called in a policy.</summary>
    private static Dictionary<ServiceObject, string> Applications(RenderModel model, StringBuilder sb)
    {
        var result = new Dictionary<ServiceObject, string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rangeApps = new Dictionary<(Transport, PortRange), string>();
        var names = new Dictionary<ServiceObject, string>();
        foreach (var s in model.Services.Where(s => s.Transport is not (Transport.Icmp or Transport.Icmpv6)))
        {
            names[s] = Naming.Unique(Name63(s.Name), used, MaxNameLength);
        }

        // A single-range service is the application of that range, so sets can share it.
        foreach (var s in model.Services.Where(s => s.HasPorts && s.Ports.Ranges.Length == 1))
        {
            rangeApps[(s.Transport, s.Ports.Ranges[0])] = names[s];
        }

        // Plain applications first, so every application-set names applications defined above it.
        foreach (var s in model.Services.OrderBy(s => s.HasPorts && s.Ports.Ranges.Length > 1))
        {
            var proto = s.Transport.ToName();
            switch (s.Transport)
            {
                case Transport.Icmp:
                    result[s] = "junos-icmp-all";
                    continue;
                case Transport.Icmpv6:
                    result[s] = "junos-icmp6-all";
                    continue;
                case Transport.Esp:
                    sb.Append("set applications application ").Append(names[s]).Append(" protocol esp\n");
                    break;
                case Transport.Tcp or Transport.Udp or Transport.Sctp when s.Ports.IsAll:
                    sb.Append("set applications application ").Append(names[s]).Append(" protocol ").Append(proto).Append('\n');
                    break;
                case Transport.Tcp or Transport.Udp or Transport.Sctp when s.Ports.Ranges.Length == 1:
                    App(sb, names[s], proto, s.Ports.Ranges[0]);
                    break;
                default:
                    // Several ranges: one application per range (an application holds at most 8
                    // terms), gathered in an application-set.
                    foreach (var range in s.Ports.Ranges)
                    {
                        if (!rangeApps.TryGetValue((s.Transport, range), out var app))
                        {
                            app = Naming.Unique(Name63($"{proto}-{Ports(range)}"), used, MaxNameLength);
                            rangeApps[(s.Transport, range)] = app;
                            App(sb, app, proto, range);
                        }

                        sb.Append("set applications application-set ").Append(names[s]).Append(" application ").Append(app).Append('\n');
                    }

                    break;
            }

            result[s] = names[s];
        }

        return result;
    }

    private static void App(StringBuilder sb, string name, string proto, PortRange range) =>
        sb.Append("set applications application ").Append(name).Append(" protocol ").Append(proto)
            .Append(" destination-port ").Append(Ports(range)).Append('\n');

    private static string Ports(PortRange range) =>
        range.IsSingle
            ? range.Low.ToString(CultureInfo.InvariantCulture)
            : $"{range.Low.ToString(CultureInfo.InvariantCulture)}-{range.High.ToString(CultureInfo.InvariantCulture)}";

    private static IEnumerable<string> Match(IReadOnlyList<AddressObject> objects, bool v4, Dictionary<AddressObject, string> names) =>
        objects.Any(IsAny) ? [v4 ? "any-ipv4" : "any-ipv6"] : objects.Select(o => names[o]).Distinct();

    /// <summary>The flow ids, all of them when they fit, else as many as fit and a count of the rest.</summary>
    internal static string PolicyDescription(RenderRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var full = $"{r.Name}: {string.Join(" ", r.Rule.FlowIds)}";
        if (full.Length <= MaxDescriptionLength)
        {
            return full;
        }

        var sb = new StringBuilder(r.Name).Append(':');
        for (var i = 0; i < r.Rule.FlowIds.Count; i++)
        {
            var rest = $" (+{(r.Rule.FlowIds.Count - i).ToString(CultureInfo.InvariantCulture)} more, see the annotation)";
            if (sb.Length + 1 + r.Rule.FlowIds[i].Length + rest.Length > MaxDescriptionLength)
            {
                return sb.Append(rest).ToString();
            }

            sb.Append(' ').Append(r.Rule.FlowIds[i]);
        }

        return sb.ToString();
    }

    private static string Name63(string text) => Naming.Identifier(text, MaxNameLength);

    private static bool IsAny(AddressObject a) => a.IsAny || a.Networks.Any(n => n.IsDefault);

    private static string Quote(string text) => "\"" + text.Replace('\\', '/').Replace('"', '\'') + "\"";
}
