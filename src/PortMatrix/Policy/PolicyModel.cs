using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Policy;

/// <summary>A named set of networks: a host (its addresses), a zone (its networks) or a bound address.</summary>
public sealed record AddressSet(string Name, string Zone, IReadOnlyList<Cidr> Networks)
{
    /// <summary>Identity for merging: the same host filtered to one address family is another set.</summary>
    public string Key => $"{Zone}/{Name}/{string.Join(",", Networks)}";

    /// <summary>True when the set is a whole zone that is the default route (the internet).</summary>
    public bool IsAny => Networks.All(n => n.IsDefault);
}

/// <summary>
/// One allow rule of a firewall: traffic from any of <see cref="Sources"/> to any of
/// <see cref="Destinations"/> on <see cref="Transport"/> and <see cref="Ports"/>. Stateful:
/// return traffic is not a rule.
/// </summary>
public sealed record PolicyRule
{
    /// <summary>Unique within the firewall, a valid identifier on every target.</summary>
    public required string Name { get; init; }

    public required string Firewall { get; init; }

    public required string FromZone { get; init; }

    public required string ToZone { get; init; }

    public required IReadOnlyList<AddressSet> Sources { get; init; }

    public required IReadOnlyList<AddressSet> Destinations { get; init; }

    public required Transport Transport { get; init; }

    /// <summary>Destination ports; <see cref="PortSet.All"/> for transports without ports.</summary>
    public required PortSet Ports { get; init; }

    /// <summary>The catalog flows this rule allows, as <c>product:flow-id</c>.</summary>
    public required IReadOnlyList<string> FlowIds { get; init; }

    /// <summary>The services of those flows, for comments and descriptions.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>A one-line comment with the provenance of the rule.</summary>
    public string Comment => $"{string.Join(", ", Services)} [{string.Join(" ", FlowIds)}]";

    public IEnumerable<Cidr> SourceNetworks => Sources.SelectMany(s => s.Networks).Distinct();

    public IEnumerable<Cidr> DestinationNetworks => Destinations.SelectMany(s => s.Networks).Distinct();
}

/// <summary>Why a catalog flow produced no rule.</summary>
public sealed record Exclusion(string FlowId, string Reason, string Detail);

/// <summary>The compiled policy of a site: the rules per firewall and what was left out.</summary>
public sealed record SitePolicy(Site Site, IReadOnlyList<PolicyRule> Rules, IReadOnlyList<Exclusion> LeftOut, int UnmergedRuleCount)
{
    public IReadOnlyList<PolicyRule> RulesOf(string firewall) => Rules.Where(r => r.Firewall == firewall).ToList();
}

/// <summary>Reasons a flow is left out, as stable words.</summary>
public static class ExclusionReasons
{
    public const string NotNeeded = "not-needed";
    public const string FeatureOff = "feature-off";
    public const string RoleUnbound = "role-unbound";
    public const string SameZone = "same-zone";
    public const string SameHost = "same-host";
    public const string NoFirewall = "no-firewall";
    public const string NoCommonFamily = "no-common-family";
}
