namespace PortMatrix.Render;

/// <summary>
/// Linux ip6tables-restore file (IPv6), filter table FORWARD chain: the IPv6 rules, written like
/// <see cref="IptablesRenderer"/> writes the IPv4 ones.
/// </summary>
public sealed class Ip6tablesRenderer : IFirewallRenderer
{
    public string Name => "ip6tables";

    public string Description => "Linux ip6tables-restore file (IPv6), filter table FORWARD chain";

    public string Extension => "rules.v6";

    public string Render(RenderModel model) => IptablesRenderer.Write(model, ipv4: false);
}
