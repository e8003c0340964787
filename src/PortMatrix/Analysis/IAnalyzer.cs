using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Analysis;

/// <summary>One kind of check over catalog releases or a site; each analyzer gives findings of one code.</summary>
public interface IAnalyzer
{
    /// <summary>The code of its findings, e.g. <c>PM-CONFLICT-001</c>.</summary>
    string Code { get; }

    /// <summary>A short lowercase name, e.g. <c>port-conflict</c>.</summary>
    string Name { get; }

    /// <summary>One sentence on what it checks.</summary>
    string Description { get; }

    IEnumerable<Finding> Analyze(AnalysisSubject subject);
}

/// <summary>
/// What a check looks at: catalog releases, and when a site was given, the site and its compiled policy.
/// Ports are evaluated with the site's parameters when there is a site, with the defaults otherwise.
/// </summary>
public sealed class AnalysisSubject
{
    private readonly Dictionary<Flow, PortSet> _ports = new(ReferenceEqualityComparer.Instance);
    private HashSet<string>? _leftOut;

    private AnalysisSubject(PortCatalog catalog, IReadOnlyList<ProductRelease> releases, Site? site, SitePolicy? policy)
    {
        Catalog = catalog;
        Releases = releases;
        Site = site;
        Policy = policy;
    }

    public PortCatalog Catalog { get; }

    public IReadOnlyList<ProductRelease> Releases { get; }

    public Site? Site { get; }

    /// <summary>The site's compiled policy; null without a site.</summary>
    public SitePolicy? Policy { get; }

    public static AnalysisSubject ForReleases(PortCatalog catalog, IReadOnlyList<ProductRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(releases);
        return new AnalysisSubject(catalog, releases, null, null);
    }

    /// <summary>A site, compiled into its policy.</summary>
    public static AnalysisSubject ForSite(PortCatalog catalog, Site site)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(site);
        return new AnalysisSubject(catalog, site.Releases, site, PolicyCompiler.Compile(site));
    }

    /// <summary>A flow's destination ports, with the site's parameters when there is a site.</summary>
    public PortSet PortsOf(ProductRelease release, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        if (!_ports.TryGetValue(flow, out var ports))
        {
            ports = flow.Transport.HasPorts()
                ? release.PortsOf(flow, Site?.ParametersOf(release))
                : PortSet.All;
            _ports[flow] = ports;
        }

        return ports;
    }

    /// <summary>Whether a flow is in play: always without a site; on a site, when its feature (if any) is on.</summary>
    public bool IsActive(ProductRelease release, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        return Site is null || flow.Feature is null || Site.IsEnabled(release.Id, flow.Feature);
    }

    /// <summary>
    /// Whether a flow carries traffic across the network: never when the document says it needs no opening
    /// (internal or loopback); on a site, only when both its roles are bound and its feature is on.
    /// </summary>
    public bool InPlay(ProductRelease release, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Firewall == FirewallRelevance.NotNeeded)
        {
            return false;
        }

        if (Policy is null)
        {
            return true;
        }

        _leftOut ??= Policy.LeftOut
            .Where(e => e.Reason is ExclusionReasons.RoleUnbound or ExclusionReasons.FeatureOff or ExclusionReasons.NotNeeded)
            .Select(e => e.FlowId)
            .ToHashSet(StringComparer.Ordinal);
        return !_leftOut.Contains($"{release.Id}:{flow.Id}");
    }

    /// <summary>The catalog flow behind a <c>product:flow-id</c> of a policy rule.</summary>
    public (ProductRelease Release, Flow Flow)? FindFlow(string flowId)
    {
        ArgumentNullException.ThrowIfNull(flowId);
        var i = flowId.IndexOf(':', StringComparison.Ordinal);
        if (i <= 0)
        {
            return null;
        }

        var release = Releases.FirstOrDefault(r => r.Id == flowId[..i]);
        var flow = release?.Flows.FirstOrDefault(f => f.Id == flowId[(i + 1)..]);
        return release is null || flow is null ? null : (release, flow);
    }

    public FindingFlow Cite(ProductRelease release, Flow flow) => FindingFlow.Of(release, flow, PortsOf(release, flow));
}
