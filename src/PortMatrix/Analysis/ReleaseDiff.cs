using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Analysis;

/// <summary>A flow present in both releases that differs in ports, transport, direction or TLS.</summary>
public sealed record ChangedFlow(Flow Old, Flow New, IReadOnlyList<string> Changes);

/// <summary>What differs between two releases (or two catalog files).</summary>
public sealed record ReleaseDifference(
    ProductRelease From,
    ProductRelease To,
    IReadOnlyList<Flow> Added,
    IReadOnlyList<Flow> Removed,
    IReadOnlyList<ChangedFlow> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// Compares the flows of two releases. Flows are paired by id first (a derived release keeps its
/// base's ids), then by component, service, transport and ends; what stays unpaired was added or removed.
/// </summary>
public static class ReleaseDiff
{
    public static ReleaseDifference Compare(ProductRelease from, ProductRelease to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var oldFlows = from.Flows.ToList();
        var newFlows = to.Flows.ToList();
        var pairs = new List<(Flow Old, Flow New)>();

        foreach (var f in oldFlows.ToList())
        {
            var match = newFlows.FirstOrDefault(n => n.Id == f.Id);
            if (match is not null)
            {
                pairs.Add((f, match));
                oldFlows.Remove(f);
                newFlows.Remove(match);
            }
        }

        // Different files name flows differently: pair the rest by what they are, when that is unambiguous.
        foreach (var f in oldFlows.ToList())
        {
            var candidates = newFlows.Where(n => SameKind(f, n, from, to)).ToList();
            if (candidates.Count == 1 && oldFlows.Count(o => SameKind(o, candidates[0], from, to)) == 1)
            {
                pairs.Add((f, candidates[0]));
                oldFlows.Remove(f);
                newFlows.Remove(candidates[0]);
            }
        }

        var changed = pairs
            .Select(p => new ChangedFlow(p.Old, p.New, Differences(p.Old, p.New, from, to)))
            .Where(c => c.Changes.Count > 0)
            .ToList();
        return new ReleaseDifference(from, to, newFlows, oldFlows, changed);
    }

    /// <summary>The ports as a reader should see them: evaluated, or a mark that the document does not give them.</summary>
    public static string PortsText(Flow flow, ProductRelease release)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(release);
        if (!flow.PortsDocumented)
        {
            return "not documented";
        }

        return flow.Transport.HasPorts() ? release.PortsOf(flow).ToString() : "any";
    }

    private static List<string> Differences(Flow a, Flow b, ProductRelease from, ProductRelease to)
    {
        var changes = new List<string>();
        if (a.Transport != b.Transport)
        {
            changes.Add($"transport {a.Transport.ToName()} → {b.Transport.ToName()}");
        }

        var pa = PortsText(a, from);
        var pb = PortsText(b, to);
        if (pa != pb)
        {
            changes.Add($"ports {pa} → {pb}");
        }

        var fa = Ends(a, from);
        var fb = Ends(b, to);
        if (fa != fb)
        {
            changes.Add($"direction {fa} → {fb}");
        }

        if (a.Tls != b.Tls)
        {
            changes.Add(b.Tls ? "now TLS" : "no longer TLS");
        }

        return changes;
    }

    private static bool SameKind(Flow a, Flow b, ProductRelease from, ProductRelease to) =>
        a.Transport == b.Transport
        && string.Equals(a.Service, b.Service, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Component ?? "", b.Component ?? "", StringComparison.OrdinalIgnoreCase)
        && Ends(a, from) == Ends(b, to);

    /// <summary>"A, B → C" with role names, so files with other role ids still compare.</summary>
    private static string Ends(Flow f, ProductRelease r) =>
        $"{string.Join(", ", f.From.Select(id => r.FindRole(id)?.Name ?? id).Order(StringComparer.OrdinalIgnoreCase))} → {string.Join(", ", f.To.Select(id => r.FindRole(id)?.Name ?? id).Order(StringComparer.OrdinalIgnoreCase))}";
}
