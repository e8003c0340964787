namespace PortMatrix.Render;

/// <summary>Cisco IOS named extended ACLs.</summary>
public sealed class CiscoIosRenderer : IFirewallRenderer
{
    public string Name => "cisco-ios";

    public string Description => "Cisco IOS named extended ACLs";

    public string Extension => "ios";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The cisco-ios renderer is not written yet.");
}
