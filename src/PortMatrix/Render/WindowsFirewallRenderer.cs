namespace PortMatrix.Render;

/// <summary>Windows Firewall PowerShell (New-NetFirewallRule).</summary>
public sealed class WindowsFirewallRenderer : IFirewallRenderer
{
    public string Name => "windows-firewall";

    public string Description => "Windows Firewall PowerShell (New-NetFirewallRule)";

    public string Extension => "ps1";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The windows-firewall renderer is not written yet.");
}
