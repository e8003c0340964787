using PortMatrix.Ports;

namespace PortMatrix.Analysis;

/// <summary>
/// On a site, compiled rules that open more than <see cref="Threshold"/> ports (or 'any') from one zone
/// into another of our zones: high from the internet zone, medium otherwise.
/// </summary>
public sealed class WideInboundAnalyzer : IAnalyzer
{
    /// <summary>Rules with more destination ports than this are wide.</summary>
    public const int Threshold = 10000;

    public string Code => "PM-SECURITY-004";

    public string Name => "wide-inbound";

    public string Description => $"Rules that open more than {Threshold} ports from one zone to another.";

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Site is null || subject.Policy is null)
        {
            yield break;
        }

        var internet = subject.Site.Zones.Where(ExposedManagementAnalyzer.IsInternet).Select(z => z.Name).ToHashSet(StringComparer.Ordinal);
        // A rule towards the internet zone opens nothing of ours, so only rules into our own zones count.
        foreach (var rule in subject.Policy.Rules.Where(r => r.Transport.HasPorts() && r.Ports.Count > Threshold && !internet.Contains(r.ToZone)))
        {
            var fromInternet = internet.Contains(rule.FromZone);
            var flows = rule.FlowIds
                .Select(subject.FindFlow)
                .Where(f => f is not null)
                .Select(f => subject.Cite(f!.Value.Release, f.Value.Flow))
                .ToList();
            var widest = flows.Where(f => f.Flow.Transport == rule.Transport).OrderByDescending(f => f.Ports.Count).ThenBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
            var ports = rule.Ports.IsAll ? "any port" : $"{rule.Ports.Count} ports";
            yield return new Finding
            {
                Code = Code,
                Key = $"{rule.Firewall}/{rule.Name}",
                Severity = fromInternet ? Severity.High : Severity.Medium,
                Title = $"Rule {rule.Name} of firewall {rule.Firewall} opens {rule.Transport.ToName()} {ports} from {rule.FromZone} to {rule.ToZone}",
                Detail = $"{rule.Transport.ToName()}/{rule.Ports} from {string.Join(", ", rule.Sources.Select(s => s.Name))} to {string.Join(", ", rule.Destinations.Select(s => s.Name))}" +
                    (widest is null ? "." : $"; the widest range comes from {widest.Id} ({widest.PortsText}, {widest.SourceText})."),
                Flows = flows,
                Hosts = rule.Destinations.Select(d => d.Name).Distinct().Order(StringComparer.Ordinal).ToList(),
                Fix = widest is not null && widest.Flow.Configurable
                    ? $"Narrow the configurable range of {widest.Id} to what the site needs, and the rule follows."
                    : $"Check whether the product lets you narrow {widest?.Id ?? "the range"}; otherwise limit the sources of the rule to the hosts that need it.",
            };
        }
    }
}
