namespace PortMatrix.Render;

/// <summary>Linux ip6tables-restore file (IPv6), filter table FORWARD chain.</summary>
public sealed class Ip6tablesRenderer : IFirewallRenderer
{
    public string Name => "ip6tables";

    public string Description => "Linux ip6tables-restore file (IPv6), filter table FORWARD chain";

    public string Extension => "rules.v6";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The ip6tables renderer is not written yet.");
}
