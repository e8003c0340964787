using System.Text.RegularExpressions;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Analysis;

/// <summary>
/// On a site, management and database services (SSH, Telnet, SNMP, web administration, SQL, JDBC,
/// PostgreSQL, Cassandra, VNC, RDP, JMX…) that the compiled policy lets in from the internet zone: a
/// zone named "internet" or holding the default route (0.0.0.0/0 or ::/0).
/// </summary>
/// <remarks>
/// A flow counts as management when its application is one of those protocols, when its destination
/// ports include a port those protocols are known by (22, 23, 161, 1433, 1521, 3306, 3389, 5432, 5900,
/// 9042…), or when it is web traffic (http/https) whose service or purpose speaks of administration,
/// management, configuration or maintenance.
/// </remarks>
public sealed partial class ExposedManagementAnalyzer : IAnalyzer
{
    private static readonly HashSet<string> ManagementApplications = new(StringComparer.OrdinalIgnoreCase)
    {
        "ssh", "telnet", "snmp", "sql", "mssql", "tds", "mysql", "postgres", "postgresql", "jdbc", "odbc", "oracle",
        "cassandra", "cql", "vnc", "rfb", "rdp", "jmx", "rmi", "winrm", "sftp", "amp", "cim",
    };

    /// <summary>Ports that mean management or a database whatever the catalog calls them.</summary>
    public static PortSet ManagementPorts { get; } = PortSet.Of(22, 23, 161, 1099, 1433, 1521, 3306, 3389, 5432, 5900, 5985, 5986, 9042);

    public string Code => "PM-SECURITY-002";

    public string Name => "exposed-management";

    public string Description => "Management and database services the site's firewalls let in from the internet zone.";

    /// <summary>Whether a zone is the internet: named so, or holding the default route.</summary>
    public static bool IsInternet(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Name.Contains("internet", StringComparison.OrdinalIgnoreCase) || zone.Cidrs.Any(c => c.IsDefault);
    }

    public static bool IsManagement(Flow flow, PortSet ports)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(ports);
        if (flow.Application is { } a && ManagementApplications.Contains(a))
        {
            return true;
        }

        if (flow.Transport.HasPorts() && ports.Count <= PortConflictAnalyzer.WideThreshold && ports.Overlaps(ManagementPorts))
        {
            return true;
        }

        return flow.Application is "http" or "https" && AdminText().IsMatch($"{flow.Service} {flow.Purpose}");
    }

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Site is null || subject.Policy is null)
        {
            yield break;
        }

        var internet = subject.Site.Zones.Where(IsInternet).Select(z => z.Name).ToHashSet(StringComparer.Ordinal);
        var hits = new List<(PolicyRule Rule, ProductRelease Release, Flow Flow)>();
        foreach (var rule in subject.Policy.Rules.Where(r => internet.Contains(r.FromZone)))
        {
            foreach (var id in rule.FlowIds)
            {
                if (subject.FindFlow(id) is { } found && IsManagement(found.Flow, subject.PortsOf(found.Release, found.Flow)))
                {
                    hits.Add((rule, found.Release, found.Flow));
                }
            }
        }

        foreach (var group in hits.GroupBy(h => (h.Rule.Firewall, h.Release.Id, h.Flow.Id)))
        {
            var (release, flow) = (group.First().Release, group.First().Flow);
            var cited = subject.Cite(release, flow);
            var zones = group.Select(h => h.Rule.FromZone).Distinct().Order(StringComparer.Ordinal).ToList();
            var hosts = group.SelectMany(h => h.Rule.Destinations.Select(d => d.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
            var rules = group.Select(h => h.Rule.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            var openers = flow.From
                .Where(r => subject.Site.Bindings.Any(b => b.Role == new RoleRef(release.Id, r) && b.Zones.Any(internet.Contains)))
                .Select(r => $"{release.Id}:{r}")
                .ToList();
            var to = string.Join(", ", flow.To.Select(r => release.FindRole(r)?.Name ?? r));
            yield return new Finding
            {
                Code = Code,
                Key = $"{group.Key.Firewall}/{release.Id}:{flow.Id}",
                Severity = Severity.High,
                Title = $"{flow.Service} ({cited.PortsText}) of {to} is open from {string.Join(", ", zones)} through firewall {group.Key.Firewall}",
                Detail = $"Rule(s) {string.Join(", ", rules)} of firewall {group.Key.Firewall} let {string.Join(", ", zones)} reach {cited.PortsText} on {string.Join(", ", hosts)}; anyone on the internet can try to log in or query it.",
                Flows = [cited],
                Hosts = hosts,
                Fix = openers.Count > 0
                    ? $"Bind {string.Join(", ", openers)} to a management zone or VPN instead of {string.Join(", ", zones)} for this service, or reach it through a VPN; keep {cited.PortsText} closed to the internet."
                    : $"Keep {cited.PortsText} closed to {string.Join(", ", zones)}; reach it through a VPN or a management zone.",
            };
        }
    }

    [GeneratedRegex(@"\b(?:admin\w*|manage\w*|configur\w*|maintenance|provision\w*|console)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdminText();
}
