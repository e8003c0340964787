namespace PortMatrix.Render;

/// <summary>FortiOS CLI (firewall address, service custom, firewall policy).</summary>
public sealed class FortiOsRenderer : IFirewallRenderer
{
    public string Name => "fortios";

    public string Description => "FortiOS CLI (firewall address, service custom, firewall policy)";

    public string Extension => "conf";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The fortios renderer is not written yet.");
}
