using PortMatrix.Model;

namespace PortMatrix.Catalog;

/// <summary>
/// Builds derived releases (files with <c>derived-from</c>) from their base: the base's roles,
/// sources, parameters and flows, with the derived file's own roles and sources added and its
/// changes applied in order. A base may itself be derived.
/// </summary>
public static class ReleaseHistory
{
    public static IReadOnlyList<ProductRelease> Materialize(IEnumerable<ProductRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var all = releases.ToList();
        var done = new Dictionary<string, ProductRelease>(StringComparer.Ordinal);
        foreach (var r in all.Where(r => !r.IsPending))
        {
            done[r.Key] = r;
        }

        var pending = all.Where(r => r.IsPending).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => done.ContainsKey($"{r.Id}@{r.DerivedFrom}")).ToList();
            if (ready.Count == 0)
            {
                var stuck = pending[0];
                var known = all.Where(r => r.Id == stuck.Id).Select(r => r.Release);
                throw new PortMatrixException(
                    $"release {stuck.Key} is derived from {stuck.Id}@{stuck.DerivedFrom}, which is not in the catalog (or the derivations form a loop).",
                    stuck.Origin, $"Releases of {stuck.Id}: {string.Join(", ", known)}.");
            }

            foreach (var r in ready)
            {
                done[r.Key] = Apply(done[$"{r.Id}@{r.DerivedFrom}"], r);
                pending.Remove(r);
            }
        }

        return all.Select(r => done[r.Key]).ToList();
    }

    private static ProductRelease Apply(ProductRelease @base, ProductRelease derived)
    {
        var roles = @base.Roles.ToList();
        foreach (var role in derived.Roles)
        {
            if (roles.Any(r => r.Id == role.Id))
            {
                throw new PortMatrixException($"role '{role.Id}' of {derived.Key} is already a role of its base {@base.Key}.", derived.Origin, "Use the base's role or another id.");
            }

            roles.Add(role);
        }

        var result = derived with
        {
            IsPending = false,
            Roles = roles,
            Sources = @base.Sources.Concat(derived.Sources.Where(s => @base.Sources.All(b => b.Id != s.Id))).ToList(),
            Parameters = @base.Parameters.Concat(derived.Parameters).ToList(),
            Features = @base.Features.Concat(derived.Features).Distinct().ToList(),
            Ephemeral = derived.Ephemeral ?? @base.Ephemeral,
            Description = derived.Description ?? @base.Description,
        };

        var flows = @base.Flows.ToList();
        foreach (var change in derived.Changes)
        {
            var index = flows.FindIndex(f => f.Id == change.FlowId);
            switch (change.Kind)
            {
                case FlowChangeKind.Remove when index >= 0:
                    flows.RemoveAt(index);
                    break;
                case FlowChangeKind.Change when index >= 0:
                    flows[index] = change.Patch!.Apply(flows[index], change.Source);
                    Check(result, flows[index], change.Location);
                    break;
                case FlowChangeKind.Add when index < 0:
                    Check(result, change.Added!, change.Location);
                    flows.Add(change.Added!);
                    break;
                case FlowChangeKind.Add:
                    throw new PortMatrixException($"flow '{change.FlowId}' is already in {@base.Key}; 'add' needs a new id.", change.Location, null);
                default:
                    throw new PortMatrixException($"{change.Kind.ToString().ToLowerInvariant()}: {@base.Key} has no flow '{change.FlowId}'.", change.Location, "Use a flow id of the base release ('portmatrix show' lists them with --format json).");
            }
        }

        return result with { Flows = flows };
    }

    /// <summary>The checks the reader defers for derived releases: roles, features, parameters and sources must exist.</summary>
    private static void Check(ProductRelease release, Flow flow, string location)
    {
        foreach (var role in flow.From.Concat(flow.To))
        {
            if (release.FindRole(role) is null)
            {
                throw new PortMatrixException($"flow '{flow.Id}' of {release.Key} uses role '{role}', which neither it nor its base declares.", location, null);
            }
        }

        if (flow.Feature is not null && !release.Features.Contains(flow.Feature))
        {
            throw new PortMatrixException($"flow '{flow.Id}' of {release.Key} uses undeclared feature '{flow.Feature}'.", location, null);
        }

        if (release.Sources.All(s => s.Id != flow.Source.Doc))
        {
            throw new PortMatrixException($"flow '{flow.Id}' of {release.Key} cites source '{flow.Source.Doc}', which neither it nor its base declares.", location, null);
        }

        foreach (var p in flow.Ports.Parameters)
        {
            if (release.Parameters.All(x => x.Name != p))
            {
                throw new PortMatrixException($"flow '{flow.Id}' of {release.Key} uses undeclared parameter '{p}'.", location, null);
            }
        }
    }
}
