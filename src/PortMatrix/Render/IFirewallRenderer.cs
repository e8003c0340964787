namespace PortMatrix.Render;

/// <summary>Renders the rules of one firewall for one target. One class per target.</summary>
public interface IFirewallRenderer
{
    /// <summary>The target's name in site files and on the command line, e.g. <c>nftables</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>portmatrix targets</c>.</summary>
    string Description { get; }

    /// <summary>The usual file extension of the output, without the dot.</summary>
    string Extension { get; }

    string Render(RenderModel model);
}
