namespace PortMatrix.Render;

/// <summary>Azure network security group rules as Terraform (azurerm_network_security_rule).</summary>
public sealed class AzureNsgRenderer : IFirewallRenderer
{
    public string Name => "azure-nsg";

    public string Description => "Azure network security group rules as Terraform (azurerm_network_security_rule)";

    public string Extension => "tf";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The azure-nsg renderer is not written yet.");
}
