namespace PortMatrix.Render;

/// <summary>Juniper SRX / JunOS set commands (address book, applications, security policies).</summary>
public sealed class JunosRenderer : IFirewallRenderer
{
    public string Name => "junos";

    public string Description => "Juniper SRX / JunOS set commands (address book, applications, security policies)";

    public string Extension => "set";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The junos renderer is not written yet.");
}
