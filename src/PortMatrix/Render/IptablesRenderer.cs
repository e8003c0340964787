namespace PortMatrix.Render;

/// <summary>Linux iptables-restore file (IPv4), filter table FORWARD chain.</summary>
public sealed class IptablesRenderer : IFirewallRenderer
{
    public string Name => "iptables";

    public string Description => "Linux iptables-restore file (IPv4), filter table FORWARD chain";

    public string Extension => "rules.v4";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The iptables renderer is not written yet.");
}
