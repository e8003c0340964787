using System.Globalization;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>Kubernetes NetworkPolicy manifests (ipBlock peers).</summary>
/// <remarks>
/// One ingress policy per destination endpoint (a host or a zone's networks, both address families
/// together), selecting the pods labelled <c>portmatrix.io/endpoint: NAME</c>. Sources are ipBlock
/// peers. NetworkPolicy knows only TCP, UDP and SCTP, so ICMP and ESP rules are left out with a
/// comment saying so.
/// </remarks>
public sealed class KubernetesNetworkPolicyRenderer : IFirewallRenderer
{
    private const string EndpointLabel = "portmatrix.io/endpoint";
    private const string FlowsAnnotation = "portmatrix.io/flows";
    private const int MaxNameLength = 63;

    public string Name => "k8s-networkpolicy";

    public string Description => "Kubernetes NetworkPolicy manifests (ipBlock peers)";

    public string Extension => "yaml";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var policies = Policies(model);
        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        sb.Append("#\n");
        sb.Append("# Kubernetes NetworkPolicy (networking.k8s.io/v1), one per endpoint that receives traffic; apply\n");
        sb.Append("# with 'kubectl apply -n NAMESPACE -f FILE' in the namespace of the pods. A policy selects the pods\n");
        sb.Append("# labelled ").Append(EndpointLabel).Append(": ENDPOINT, so the pods of each endpoint must carry that label\n");
        sb.Append("# (e.g. in the pod template of their Deployment); pods without it are not protected.\n");
        sb.Append("# Selected pods accept only the ingress their policies list (default deny); replies are allowed\n");
        sb.Append("# (stateful). Egress is not restricted. Sources are ipBlock CIDRs, matched against the source\n");
        sb.Append("# address the pod sees. The cluster's network plugin must enforce NetworkPolicy.\n");
        foreach (var r in model.Rules.Where(r => r.Destinations.Any(d => d.IsAny)))
        {
            sb.Append("# NOT RENDERED: ").Append(r.Name).Append(": ").Append(OneLine(r.Comment)).Append('\n');
            sb.Append("#   its destination is any address, not pods of an endpoint; NetworkPolicy ingress protects\n");
            sb.Append("#   selected pods only, and egress is not restricted here.\n");
        }

        foreach (var p in policies)
        {
            var rendered = p.Rules.Where(r => r.Service.HasPorts).ToList();
            sb.Append("---\n");
            sb.Append("# ").Append(p.Zone).Append(": ").Append(p.Label).Append(" (").Append(string.Join(", ", p.Networks.Select(c => c.ToString()))).Append(")\n");
            sb.Append("apiVersion: networking.k8s.io/v1\n");
            sb.Append("kind: NetworkPolicy\n");
            sb.Append("metadata:\n");
            sb.Append("  name: ").Append(p.Name).Append('\n');
            sb.Append("  labels:\n");
            sb.Append("    app.kubernetes.io/managed-by: portmatrix\n");
            sb.Append("  annotations:\n");
            sb.Append("    ").Append(FlowsAnnotation).Append(": ").Append(Quote(string.Join(" ", rendered.SelectMany(r => r.Rule.FlowIds).Distinct()))).Append('\n');
            sb.Append("spec:\n");
            sb.Append("  podSelector:\n");
            sb.Append("    matchLabels:\n");
            sb.Append("      ").Append(EndpointLabel).Append(": ").Append(p.Endpoint).Append('\n');
            sb.Append("  policyTypes:\n");
            sb.Append("    - Ingress\n");
            sb.Append("  ingress:").Append(rendered.Count == 0 ? " []" : "").Append('\n');
            foreach (var r in p.Rules)
            {
                sb.Append("    # ").Append(r.Name).Append(" (").Append(r.Rule.FromZone).Append(" -> ").Append(r.Rule.ToZone).Append("): ").Append(OneLine(r.Comment)).Append('\n');
                if (!r.Service.HasPorts)
                {
                    sb.Append("    # NOT RENDERED: NetworkPolicy ports match only TCP, UDP and SCTP, not ")
                      .Append(r.Service.Transport.ToName()).Append(", and a rule without ports would allow every protocol.\n");
                    continue;
                }

                sb.Append("    - from:\n");
                foreach (var net in Sources(r))
                {
                    sb.Append("        - ipBlock:\n");
                    sb.Append("            cidr: ").Append(net.ToString()).Append('\n');
                }

                sb.Append("      ports:\n");
                var protocol = r.Service.Transport.ToName().ToUpperInvariant();
                if (r.Service.Ports.IsAll)
                {
                    // No port: every port of the protocol.
                    sb.Append("        - protocol: ").Append(protocol).Append('\n');
                    continue;
                }

                foreach (var range in r.Service.Ports.Ranges)
                {
                    // Port 0 cannot be written (ports are 1-65535); nothing listens on it.
                    var low = Math.Max(range.Low, 1);
                    if (range.High < low)
                    {
                        continue;
                    }

                    sb.Append("        - protocol: ").Append(protocol).Append('\n');
                    sb.Append("          port: ").Append(low.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    if (range.High > low)
                    {
                        sb.Append("          endPort: ").Append(range.High.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }
            }
        }

        return sb.ToString();
    }

    private sealed record Policy(string Zone, string Label, string Name, string Endpoint, List<Cidr> Networks, List<RenderRule> Rules);

    /// <summary>One policy per destination endpoint, both families together, rules in model order.</summary>
    private static List<Policy> Policies(RenderModel model)
    {
        var byKey = new Dictionary<(string, string), Policy>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedEndpoints = new HashSet<string>(StringComparer.Ordinal);
        var destinations = model.Rules.SelectMany(r => r.Destinations).Where(d => !d.IsAny && d.Networks.Count > 0)
            .OrderBy(d => d.Zone, StringComparer.Ordinal).ThenBy(d => d.Label, StringComparer.Ordinal).ThenBy(d => !d.IsIPv4);
        foreach (var d in destinations)
        {
            if (!byKey.TryGetValue((d.Zone, d.Label), out var p))
            {
                var endpoint = Naming.Unique(Dns1123($"{d.Zone}-{d.Label}"), usedEndpoints, MaxNameLength);
                var name = Naming.Unique(Dns1123($"portmatrix-{model.SiteName}-{model.Firewall.Name}-{endpoint}"), usedNames, MaxNameLength);
                p = new Policy(d.Zone, d.Label, name, endpoint, [], []);
                byKey[(d.Zone, d.Label)] = p;
            }

            p.Networks.AddRange(d.Networks.Where(n => !p.Networks.Contains(n)).ToList());
        }

        foreach (var r in model.Rules)
        {
            foreach (var d in r.Destinations.Where(d => !d.IsAny).Select(d => byKey[(d.Zone, d.Label)]).Distinct())
            {
                d.Rules.Add(r);
            }
        }

        foreach (var p in byKey.Values)
        {
            p.Networks.Sort();
        }

        return [.. byKey.Values];
    }

    private static IEnumerable<Cidr> Sources(RenderRule r) =>
        r.Sources.Any(s => s.IsAny)
            ? [Cidr.Parse(r.IsIPv4 ? "0.0.0.0/0" : "::/0")]
            : r.Sources.SelectMany(s => s.Networks).Distinct().Order();

    /// <summary>A DNS-1123 label: lower-case letters, digits and '-', at most 63, starting and ending alphanumeric.</summary>
    private static string Dns1123(string text) => Naming.Identifier(text.ToLowerInvariant(), MaxNameLength, "-");

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>A double-quoted YAML scalar.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
