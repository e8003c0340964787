namespace PortMatrix.Render;

/// <summary>The firewall targets PortMatrix renders for.</summary>
public static class Renderers
{
    public static IReadOnlyList<IFirewallRenderer> All { get; } =
    [
        new NftablesRenderer(),
        new IptablesRenderer(),
        new Ip6tablesRenderer(),
        new FirewalldRenderer(),
        new CiscoAsaRenderer(),
        new CiscoIosRenderer(),
        new JunosRenderer(),
        new PanOsRenderer(),
        new FortiOsRenderer(),
        new WindowsFirewallRenderer(),
        new AwsSecurityGroupRenderer(),
        new AzureNsgRenderer(),
        new KubernetesNetworkPolicyRenderer(),
    ];

    public static IFirewallRenderer Find(string name, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new PortMatrixException($"unknown firewall target '{name}'.", location,
                $"Targets: {string.Join(", ", All.Select(r => r.Name))} ('portmatrix targets' lists them).");
    }
}
