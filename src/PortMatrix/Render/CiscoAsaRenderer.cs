namespace PortMatrix.Render;

/// <summary>Cisco ASA object-groups and extended access-lists.</summary>
public sealed class CiscoAsaRenderer : IFirewallRenderer
{
    public string Name => "cisco-asa";

    public string Description => "Cisco ASA object-groups and extended access-lists";

    public string Extension => "asa";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The cisco-asa renderer is not written yet.");
}
