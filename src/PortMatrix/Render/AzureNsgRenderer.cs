using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Render;

/// <summary>Azure network security group rules as Terraform (azurerm_network_security_rule).</summary>
/// <remarks>
/// One NSG for the firewall, meant for the subnets (or NICs) of its zones. Each rule is one
/// inbound Allow rule with address prefixes and port ranges lists, priorities ascending in rule
/// order, and an explicit Deny at 4096 so Azure's default AllowVnetInBound (65000) lets nothing
/// else through.
/// </remarks>
public sealed partial class AzureNsgRenderer : IFirewallRenderer
{
    private const int FirstPriority = 100;
    private const int DenyPriority = 4096;
    private const int DescriptionLimit = 140;
    private const int RulesPerNsgLimit = 1000;

    public string Name => "azure-nsg";

    public string Description => "Azure network security group rules as Terraform (azurerm_network_security_rule)";

    public string Extension => "tf";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rules = model.Rules.Where(r => r.Service.Transport != Transport.Sctp).ToList();
        var leftOut = model.Rules.Where(r => r.Service.Transport == Transport.Sctp).ToList();
        var available = DenyPriority - FirstPriority;
        if (rules.Count > available)
        {
            throw new PortMatrixException(
                $"firewall '{model.Firewall.Name}' has {rules.Count} rules; an Azure NSG has room for {available} allow rules below the final deny.",
                null, "Split the firewall's zones over several firewalls in the site file.");
        }

        // Gaps of 10 leave room to insert a rule by hand in an emergency without renumbering.
        var step = rules.Count * 10 <= available ? 10 : 1;
        var nsg = Naming.Identifier($"portmatrix-{model.SiteName}-{model.Firewall.Name}", 80, "-_.");
        var nsgResource = Naming.Identifier(nsg, 64, "_");

        var sb = new StringBuilder();
        foreach (var line in model.HeaderLines)
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        sb.Append("#\n");
        sb.Append("# Azure network security group for Terraform with the hashicorp/azurerm provider. Associate it with\n");
        sb.Append("# the subnets (or network interfaces) of the zones above. Each rule is an Inbound Allow rule with\n");
        sb.Append("# priorities ascending in rule order. NSGs are stateful: replies are allowed without a rule.\n");
        sb.Append("# The rule at priority ").Append(DenyPriority.ToString(CultureInfo.InvariantCulture))
          .Append(" denies all other inbound traffic explicitly, because Azure's default rules\n");
        sb.Append("# AllowVnetInBound (65000) and AllowAzureLoadBalancerInBound (65001) would allow it; that includes\n");
        sb.Append("# Azure Load Balancer health probes, so add a rule for the AzureLoadBalancer tag if you use one.\n");
        sb.Append("# Outbound traffic is left to Azure's default outbound rules (allowed): the policy is enforced where\n");
        sb.Append("# traffic enters the associated subnets. Descriptions hold at most ").Append(DescriptionLimit.ToString(CultureInfo.InvariantCulture))
          .Append(" characters; the full flow ids\n");
        sb.Append("# are in the comment above each rule.\n");
        if (rules.Count > RulesPerNsgLimit)
        {
            sb.Append("# WARNING: ").Append(rules.Count.ToString(CultureInfo.InvariantCulture)).Append(" rules, above Azure's limit of ")
              .Append(RulesPerNsgLimit.ToString(CultureInfo.InvariantCulture)).Append(" rules per NSG; terraform apply will fail.\n");
        }

        foreach (var r in leftOut)
        {
            sb.Append("# NOT RENDERED: ").Append(r.Name).Append(": ").Append(r.Comment).Append('\n');
            sb.Append("#   Azure NSG rules match only Tcp, Udp, Icmp, Esp, Ah or any protocol (*), not SCTP;\n");
            sb.Append("#   '*' would allow every protocol, so this rule was left out.\n");
        }

        sb.Append('\n');
        sb.Append("terraform {\n");
        sb.Append("  required_providers {\n");
        sb.Append("    azurerm = {\n");
        sb.Append("      source = \"hashicorp/azurerm\"\n");
        sb.Append("    }\n");
        sb.Append("  }\n");
        sb.Append("}\n\n");
        sb.Append("variable \"resource_group_name\" {\n");
        sb.Append("  description = \"Resource group of the network security group.\"\n");
        sb.Append("  type        = string\n");
        sb.Append("}\n\n");
        sb.Append("variable \"location\" {\n");
        sb.Append("  description = \"Azure region of the network security group, e.g. westeurope.\"\n");
        sb.Append("  type        = string\n");
        sb.Append("}\n\n");
        sb.Append("resource \"azurerm_network_security_group\" \"").Append(nsgResource).Append("\" {\n");
        sb.Append("  name                = ").Append(Quote(nsg)).Append('\n');
        sb.Append("  location            = var.location\n");
        sb.Append("  resource_group_name = var.resource_group_name\n");
        sb.Append("  tags = {\n");
        sb.Append("    portmatrix-site     = ").Append(Quote(model.SiteName)).Append('\n');
        sb.Append("    portmatrix-firewall = ").Append(Quote(model.Firewall.Name)).Append('\n');
        sb.Append("  }\n");
        sb.Append("}\n");

        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "deny-all-inbound" };
        var usedResources = new HashSet<string>(StringComparer.Ordinal) { "deny_all_inbound" };
        var priority = FirstPriority;
        foreach (var r in rules)
        {
            var name = Naming.Unique(Fit(Naming.Identifier(r.Name, 200, "-_."), 80), usedNames, 80);
            var resource = Naming.Unique(Naming.Identifier(r.Name, 64, "_"), usedResources, 64);
            sb.Append('\n');
            sb.Append("# ").Append(r.Name).Append(" (").Append(r.Rule.FromZone).Append(" -> ").Append(r.Rule.ToZone).Append("): ").Append(r.Comment).Append('\n');
            sb.Append("resource \"azurerm_network_security_rule\" \"").Append(resource).Append("\" {\n");
            sb.Append("  name                        = ").Append(Quote(name)).Append('\n');
            sb.Append("  resource_group_name         = var.resource_group_name\n");
            sb.Append("  network_security_group_name = azurerm_network_security_group.").Append(nsgResource).Append(".name\n");
            sb.Append("  priority                    = ").Append(priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("  direction                   = \"Inbound\"\n");
            sb.Append("  access                      = \"Allow\"\n");
            sb.Append("  protocol                    = ").Append(Quote(Protocol(r.Service.Transport))).Append('\n');
            sb.Append("  source_port_range           = \"*\"\n");
            var ports = r.Service.HasPorts && !r.Service.Ports.IsAll ? r.Service.Ports.Ranges.Select(p => p.ToString()).ToList() : ["*"];
            sb.Append(ports.Count == 1
                ? "  destination_port_range      = " + Quote(ports[0])
                : "  destination_port_ranges     = " + List(ports)).Append('\n');
            Prefixes(sb, "source", r.Sources);
            Prefixes(sb, "destination", r.Destinations);
            sb.Append("  description                 = ").Append(Quote(Shorten($"{r.Name} {string.Join(" ", r.Rule.FlowIds)}", DescriptionLimit))).Append('\n');
            sb.Append("}\n");
            priority += step;
        }

        sb.Append('\n');
        sb.Append("# Everything no rule above allows, including what Azure's default inbound rules would allow.\n");
        sb.Append("resource \"azurerm_network_security_rule\" \"deny_all_inbound\" {\n");
        sb.Append("  name                        = \"deny-all-inbound\"\n");
        sb.Append("  resource_group_name         = var.resource_group_name\n");
        sb.Append("  network_security_group_name = azurerm_network_security_group.").Append(nsgResource).Append(".name\n");
        sb.Append("  priority                    = ").Append(DenyPriority.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("  direction                   = \"Inbound\"\n");
        sb.Append("  access                      = \"Deny\"\n");
        sb.Append("  protocol                    = \"*\"\n");
        sb.Append("  source_port_range           = \"*\"\n");
        sb.Append("  destination_port_range      = \"*\"\n");
        sb.Append("  source_address_prefix       = \"*\"\n");
        sb.Append("  destination_address_prefix  = \"*\"\n");
        sb.Append("  description                 = \"PortMatrix: deny what no rule allows\"\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>
    /// A single prefix, a list, or "*" for "any". "*" covers both families, which is exact here:
    /// the other side of a rule is never "any" as well, and it pins the address family.
    /// </summary>
    private static void Prefixes(StringBuilder sb, string side, IReadOnlyList<AddressObject> objects)
    {
        var nets = objects.Any(o => o.IsAny) ? ["*"] : objects.SelectMany(o => o.Networks).Distinct().Order().Select(Prefix).ToList();
        sb.Append(nets.Count == 1
            ? $"  {side}_address_prefix".PadRight(29) + " = " + Quote(nets[0])
            : $"  {side}_address_prefixes".PadRight(29) + " = " + List(nets)).Append('\n');
    }

    private static string Prefix(Cidr c) => c.ToString();

    /// <summary>Cuts a rule name to <paramref name="max"/> characters, keeping its number and family suffix.</summary>
    private static string Fit(string name, int max)
    {
        if (name.Length <= max)
        {
            return name;
        }

        var suffix = RuleSuffix().Match(name).Value;
        return name[..(max - suffix.Length)].TrimEnd('-', '_', '.') + suffix;
    }

    [GeneratedRegex(@"-\d+(-v6)?$")]
    private static partial Regex RuleSuffix();

    private static string Protocol(Transport t) => t switch
    {
        Transport.Tcp => "Tcp",
        Transport.Udp => "Udp",

        // NSG rules have one Icmp value for both families; in a rule with IPv6 prefixes it stands for ICMPv6.
        Transport.Icmp or Transport.Icmpv6 => "Icmp",
        Transport.Esp => "Esp",
        _ => throw new InvalidOperationException($"Transport {t.ToName()} has no Azure NSG protocol."),
    };

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    private static string Shorten(string text, int limit) =>
        text.Length <= limit ? text : text[..(limit - 3)].TrimEnd() + "...";

    /// <summary>An HCL string literal; template sequences are escaped so the text stays literal.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal) + "\"";
}
