namespace PortMatrix.Render;

/// <summary>Kubernetes NetworkPolicy manifests (ipBlock peers).</summary>
public sealed class KubernetesNetworkPolicyRenderer : IFirewallRenderer
{
    public string Name => "k8s-networkpolicy";

    public string Description => "Kubernetes NetworkPolicy manifests (ipBlock peers)";

    public string Extension => "yaml";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The k8s-networkpolicy renderer is not written yet.");
}
