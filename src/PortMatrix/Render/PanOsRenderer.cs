namespace PortMatrix.Render;

/// <summary>Palo Alto PAN-OS set commands (addresses, services, security rules).</summary>
public sealed class PanOsRenderer : IFirewallRenderer
{
    public string Name => "panos";

    public string Description => "Palo Alto PAN-OS set commands (addresses, services, security rules)";

    public string Extension => "set";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The panos renderer is not written yet.");
}
