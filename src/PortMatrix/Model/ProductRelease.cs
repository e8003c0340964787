using PortMatrix.Ports;

namespace PortMatrix.Model;

/// <summary>One release of a product with its roles, parameters, features and flows.</summary>
public sealed record ProductRelease
{
    /// <summary>Product id, lowercase-kebab, e.g. <c>mitel-mx-one</c>.</summary>
    public required string Id { get; init; }

    public required string Vendor { get; init; }

    public required string Product { get; init; }

    public required string Release { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Source> Sources { get; init; } = [];

    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    public IReadOnlyList<Role> Roles { get; init; } = [];

    public IReadOnlyList<string> Features { get; init; } = [];

    public IReadOnlyList<Flow> Flows { get; init; } = [];

    /// <summary>The ephemeral range this product uses, when it says; IANA's otherwise.</summary>
    public PortRange? Ephemeral { get; init; }

    /// <summary>The release this one is derived from by <see cref="Changes"/>, when it is not documented on its own.</summary>
    public string? DerivedFrom { get; init; }

    /// <summary>The steps from <see cref="DerivedFrom"/> to this release (kept after they are applied, as history).</summary>
    public IReadOnlyList<FlowChange> Changes { get; init; } = [];

    /// <summary>True while a derived release's changes have not been applied to its base yet.</summary>
    public bool IsPending { get; init; }

    /// <summary>Where the release was loaded from (a built-in resource name or a file path).</summary>
    public string Origin { get; init; } = "";

    /// <summary><c>id@release</c>.</summary>
    public string Key => $"{Id}@{Release}";

    public Role? FindRole(string id) => Roles.FirstOrDefault(r => r.Id == id);

    /// <summary>The parameter defaults, by name.</summary>
    public IReadOnlyDictionary<string, long> DefaultParameters() =>
        Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);

    /// <summary>A flow's destination ports with the parameter defaults (or <paramref name="overrides"/>) applied.</summary>
    public PortSet PortsOf(Flow flow, IReadOnlyDictionary<string, long>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var values = new Dictionary<string, long>(DefaultParameters(), StringComparer.Ordinal);
        if (overrides is not null)
        {
            foreach (var (k, v) in overrides)
            {
                values[k] = v;
            }
        }

        return flow.Ports.Evaluate(values, Ephemeral);
    }
}
