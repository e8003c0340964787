using System.Globalization;
using System.Text;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>AWS security groups as Terraform (aws_vpc_security_group_ingress_rule).</summary>
/// <remarks>
/// One security group per endpoint (a host or a zone's networks, both address families together),
/// to be attached to the instances or network interfaces of that endpoint. A rule becomes ingress
/// rules on the groups of its destinations and egress rules on the groups of its sources: Terraform
/// removes the allow-all egress rule AWS puts in a new group, so sources need egress rules too.
/// AWS takes one CIDR and one contiguous port range per rule resource, so a rule is split into
/// one resource per network and port range.
/// </remarks>
public sealed class AwsSecurityGroupRenderer : IFirewallRenderer
{
    /// <summary>The default quota of inbound (and, separately, outbound) rules per group and address family.</summary>
    private const int RulesPerGroupQuota = 60;

    private const int DescriptionLimit = 255;

    public string Name => "aws-sg";

    public string Description => "AWS security groups as Terraform (aws_vpc_security_group_ingress_rule)";

    public string Extension => "tf";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = Groups(model);
        var resources = new List<RuleResource>();
        var leftOut = new List<RenderRule>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in model.Rules)
        {
            if (r.Service.Transport == Transport.Sctp)
            {
                leftOut.Add(r);
                continue;
            }

            var baseName = Naming.Identifier(r.Name, 60, "_");
            var n = 0;
            foreach (var dst in r.Destinations.Where(d => !d.IsAny))
            {
                foreach (var net in Networks(r.Sources, r.IsIPv4))
                {
                    foreach (var ports in PortRanges(r.Service))
                    {
                        var name = Naming.Unique($"{baseName}_in_{++n}", usedNames, 120);
                        resources.Add(new RuleResource(name, r, Ingress: true, groups[Key(dst)], net, ports));
                    }
                }
            }

            n = 0;
            foreach (var src in r.Sources.Where(s => !s.IsAny))
            {
                foreach (var net in Networks(r.Destinations, r.IsIPv4))
                {
                    foreach (var ports in PortRanges(r.Service))
                    {
                        var name = Naming.Unique($"{baseName}_out_{++n}", usedNames, 120);
                        resources.Add(new RuleResource(name, r, Ingress: false, groups[Key(src)], net, ports));
                    }
                }
            }
        }

        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        sb.Append("#\n");
        sb.Append("# AWS security groups for Terraform with the hashicorp/aws provider 5.0 or later. One group per\n");
        sb.Append("# endpoint (host or zone network) of this firewall: attach it to the instances or network interfaces\n");
        sb.Append("# of that endpoint. A rule is an ingress rule on the groups of its destinations and an egress rule\n");
        sb.Append("# on the groups of its sources, one resource per CIDR and port range.\n");
        sb.Append("# Security groups are stateful (replies are allowed) and deny by default: what no rule allows is\n");
        sb.Append("# dropped. Terraform removes the allow-all egress rule AWS adds to a new group, so egress is\n");
        sb.Append("# limited to the rules below too.\n");
        sb.Append("# Quota: by default ").Append(RulesPerGroupQuota.ToString(CultureInfo.InvariantCulture))
          .Append(" inbound and ").Append(RulesPerGroupQuota.ToString(CultureInfo.InvariantCulture))
          .Append(" outbound rules per security group, counted apart for IPv4 and\n");
        sb.Append("# IPv6 (adjustable; rules per group times groups per interface may not exceed 1000). A group above\n");
        sb.Append("# it carries a WARNING comment: terraform apply fails for it with RulesPerSecurityGroupLimitExceeded\n");
        sb.Append("# until the quota is raised or the endpoint's networks are summarized.\n");
        foreach (var r in leftOut)
        {
            sb.Append("# NOT RENDERED: ").Append(r.Name).Append(": ").Append(r.Comment).Append('\n');
            sb.Append("#   AWS security groups filter SCTP only as IP protocol 132 on every port; allowing that would\n");
            sb.Append("#   open more than ").Append(r.Service.Transport.ToName()).Append(' ').Append(r.Service.Ports.ToString()).Append(", so this rule was left out.\n");
        }

        sb.Append('\n');
        sb.Append("terraform {\n");
        sb.Append("  required_providers {\n");
        sb.Append("    aws = {\n");
        sb.Append("      source  = \"hashicorp/aws\"\n");
        sb.Append("      version = \">= 5.0\"\n");
        sb.Append("    }\n");
        sb.Append("  }\n");
        sb.Append("}\n\n");
        sb.Append("variable \"vpc_id\" {\n");
        sb.Append("  description = \"ID of the VPC the security groups are created in.\"\n");
        sb.Append("  type        = string\n");
        sb.Append("}\n");

        foreach (var g in groups.Values.Distinct().OrderBy(g => g.ResourceName, StringComparer.Ordinal))
        {
            sb.Append('\n');
            sb.Append("# ").Append(g.Zone).Append(": ").Append(g.Label).Append(" (").Append(string.Join(", ", g.Networks.Select(c => c.ToString()))).Append(")\n");
            foreach (var ingress in new[] { true, false })
            {
                foreach (var v4 in new[] { true, false })
                {
                    var count = resources.Count(x => x.Group == g && x.Ingress == ingress && x.Network.IsIPv4 == v4);
                    if (count > RulesPerGroupQuota)
                    {
                        sb.Append("# WARNING: ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ')
                          .Append(ingress ? "inbound" : "outbound").Append(' ').Append(v4 ? "IPv4" : "IPv6")
                          .Append(" rules, above the default quota of ").Append(RulesPerGroupQuota.ToString(CultureInfo.InvariantCulture))
                          .Append(" per security group; raise the quota before terraform apply.\n");
                    }
                }
            }

            sb.Append("resource \"aws_security_group\" \"").Append(g.ResourceName).Append("\" {\n");
            sb.Append("  name        = ").Append(Quote(g.GroupName)).Append('\n');
            sb.Append("  description = ").Append(Quote(AwsText($"PortMatrix {model.SiteName}/{model.Firewall.Name}: endpoint {g.Label} in zone {g.Zone} ({string.Join(" ", g.Networks.Select(c => c.ToShortString()))})", DescriptionLimit))).Append('\n');
            sb.Append("  vpc_id      = var.vpc_id\n");
            sb.Append("  tags = {\n");
            sb.Append("    Name              = ").Append(Quote(g.GroupName)).Append('\n');
            sb.Append("    \"portmatrix:zone\" = ").Append(Quote(TagText(g.Zone))).Append('\n');
            sb.Append("  }\n");
            sb.Append("}\n");
        }

        foreach (var x in resources)
        {
            var r = x.Rule;
            sb.Append('\n');
            sb.Append("# ").Append(r.Name).Append(" (").Append(r.Rule.FromZone).Append(" -> ").Append(r.Rule.ToZone).Append("): ").Append(r.Comment).Append('\n');
            sb.Append("resource \"").Append(x.Ingress ? "aws_vpc_security_group_ingress_rule" : "aws_vpc_security_group_egress_rule").Append("\" \"").Append(x.Name).Append("\" {\n");
            sb.Append("  security_group_id = aws_security_group.").Append(x.Group.ResourceName).Append(".id\n");
            sb.Append(x.Network.IsIPv4 ? "  cidr_ipv4         = " : "  cidr_ipv6         = ").Append(Quote(x.Network.ToString())).Append('\n');
            sb.Append("  ip_protocol       = ").Append(Quote(Protocol(r))).Append('\n');
            if (x.Ports is { } p)
            {
                sb.Append("  from_port         = ").Append(p.Low.ToString(CultureInfo.InvariantCulture)).Append('\n');
                sb.Append("  to_port           = ").Append(p.High.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            else if (r.Service.Transport is Transport.Icmp or Transport.Icmpv6)
            {
                // -1/-1: every ICMP type and code.
                sb.Append("  from_port         = -1\n");
                sb.Append("  to_port           = -1\n");
            }

            sb.Append("  description       = ").Append(Quote(AwsText($"{r.Name} {string.Join(" ", r.Rule.FlowIds)}", DescriptionLimit))).Append('\n');
            sb.Append("  tags = {\n");
            sb.Append("    Name              = ").Append(Quote(TagText(r.Name))).Append('\n');
            sb.Append("    \"portmatrix:rule\" = ").Append(Quote(TagText(r.Name))).Append('\n');
            sb.Append("  }\n");
            sb.Append("}\n");
        }

        return sb.ToString();
    }

    private sealed record Group(string Zone, string Label, string ResourceName, string GroupName, List<Cidr> Networks);

    private sealed record RuleResource(string Name, RenderRule Rule, bool Ingress, Group Group, Cidr Network, PortRange? Ports);

    private static (string, string) Key(AddressObject a) => (a.Zone, a.Label);

    /// <summary>One group per endpoint, both address families together, skipping "any".</summary>
    private static Dictionary<(string, string), Group> Groups(RenderModel model)
    {
        var groups = new Dictionary<(string, string), Group>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var usedGroupNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var objects = model.Rules.SelectMany(r => r.Sources.Concat(r.Destinations)).Where(a => !a.IsAny && a.Networks.Count > 0);
        foreach (var a in objects.OrderBy(a => a.Zone, StringComparer.Ordinal).ThenBy(a => a.Label, StringComparer.Ordinal).ThenBy(a => !a.IsIPv4))
        {
            if (groups.TryGetValue(Key(a), out var g))
            {
                foreach (var net in a.Networks.Where(n => !g.Networks.Contains(n)))
                {
                    g.Networks.Add(net);
                }

                continue;
            }

            var resourceName = Naming.Unique(Naming.Identifier($"{a.Zone}_{a.Label}", 60, "_"), used, 64);
            var groupName = Naming.Unique(Naming.Identifier($"portmatrix-{model.SiteName}-{model.Firewall.Name}-{a.Zone}-{a.Label}", 200, "-_."), usedGroupNames, 200);
            groups[Key(a)] = new Group(a.Zone, a.Label, resourceName, groupName, [.. a.Networks]);
        }

        foreach (var g in groups.Values)
        {
            g.Networks.Sort();
        }

        return groups;
    }

    /// <summary>The networks of the objects, or the family's default route when one of them is "any".</summary>
    private static IEnumerable<Cidr> Networks(IReadOnlyList<AddressObject> objects, bool v4) =>
        objects.Any(o => o.IsAny)
            ? [Cidr.Parse(v4 ? "0.0.0.0/0" : "::/0")]
            : objects.SelectMany(o => o.Networks).Distinct().Order();

    /// <summary>One entry per contiguous range; a single null for transports without ports.</summary>
    private static IEnumerable<PortRange?> PortRanges(ServiceObject svc) =>
        svc.HasPorts ? svc.Ports.Ranges.Select(r => (PortRange?)r) : [null];

    private static string Protocol(RenderRule r) => r.Service.Transport switch
    {
        Transport.Tcp => "tcp",
        Transport.Udp => "udp",
        Transport.Icmp => r.IsIPv4 ? "icmp" : "icmpv6",
        Transport.Icmpv6 => "icmpv6",
        Transport.Esp => "50",
        _ => throw new InvalidOperationException($"Transport {r.Service.Transport.ToName()} has no AWS security group protocol."),
    };

    /// <summary>Text for a group or rule description: AWS allows only a-zA-Z0-9, spaces and ._-:/()#,@[]+=&amp;;{}!$*.</summary>
    private static string AwsText(string text, int limit)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || " ._-:/()#,@[]+=&;{}!$*".Contains(c, StringComparison.Ordinal) ? c : '_');
        }

        return Shorten(sb.ToString(), limit);
    }

    /// <summary>Text for a tag value: letters, digits, spaces and _.:/=+-@ on every AWS service.</summary>
    private static string TagText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || " _.:/=+-@".Contains(c, StringComparison.Ordinal) ? c : '_');
        }

        return Shorten(sb.ToString(), 256);
    }

    private static string Shorten(string text, int limit) =>
        text.Length <= limit ? text : text[..(limit - 3)].TrimEnd() + "...";

    /// <summary>An HCL string literal; template sequences are escaped so the text stays literal.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal) + "\"";
}
