namespace PortMatrix.Render;

/// <summary>firewalld zone and service XML files (firewall-offline-cmd).</summary>
public sealed class FirewalldRenderer : IFirewallRenderer
{
    public string Name => "firewalld";

    public string Description => "firewalld zone and service XML files (firewall-offline-cmd)";

    public string Extension => "xml";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The firewalld renderer is not written yet.");
}
