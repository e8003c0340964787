namespace PortMatrix.Render;

/// <summary>AWS security groups as Terraform (aws_vpc_security_group_ingress_rule).</summary>
public sealed class AwsSecurityGroupRenderer : IFirewallRenderer
{
    public string Name => "aws-sg";

    public string Description => "AWS security groups as Terraform (aws_vpc_security_group_ingress_rule)";

    public string Extension => "tf";

    public string Render(RenderModel model) =>
        throw new NotImplementedException("The aws-sg renderer is not written yet.");
}
