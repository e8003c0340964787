using PortMatrix.Model;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Analysis;

/// <summary>
/// Two listeners that may share a host and listen on overlapping ports of one transport. Without a site,
/// any two listening roles of a product may share a host (medium); on a site, only the roles a host
/// really runs, across products too (high).
/// </summary>
/// <remarks>
/// <para>Without a site the catalog does not say which roles share a host, so two rules keep the guess
/// sensible: roles that are devices or remote peers by name (phones, DECT, extensions, endpoints, trunks,
/// gateways, routers, the network or internet, and the gateway brands of the built-in catalog, MediaPack
/// and SwyxConnect; see <see cref="IsStandalone"/>) run on their own box and
/// are not paired; and two roles that serve the same protocol on its standard port (SIP on 5060, HTTP on
/// 80…) are separate network elements by design, since a product that puts two such services on one host
/// must give one of them another port. On a site neither rule applies: the hosts say what runs together.</para>
/// Pairs are left out when both sides are the same listener: the same role, or one flow whose listening
/// side names several roles (the document then describes one service that any of them offers). Port sets
/// wider than <see cref="WideThreshold"/> ports ('any', '>1024', ephemeral pools) are pools a product picks
/// free ports from, so they clash only where they include a well-known port that the other listener binds
/// for good (IANA system ports 0–1023, SIP 5060/5061, H.323 1719/1720); two wide sets never clash.
/// </remarks>
public sealed partial class PortConflictAnalyzer : IAnalyzer
{
    /// <summary>Port sets with more ports than this are pools, not fixed listeners (the same limit as <c>who --wide</c>).</summary>
    public const int WideThreshold = 20000;

    /// <summary>Ports that a listener binds for good even beside a wide pool: IANA system ports and the SIP and H.323 ports.</summary>
    public static PortSet WellKnown { get; } = PortSet.From([new PortRange(0, 1023), new PortRange(1719, 1720), new PortRange(5060, 5061)]);

    public string Code => "PM-CONFLICT-001";

    public string Name => "port-conflict";

    public string Description => "Listeners that may share a host and listen on overlapping ports of one transport.";

    /// <summary>The standard ports of protocols, by application name.</summary>
    private static readonly Dictionary<string, PortSet> StandardPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sip"] = PortSet.Of(new PortRange(5060, 5061)),
        ["http"] = PortSet.Of(80),
        ["https"] = PortSet.Of(443),
        ["smtp"] = PortSet.Of(25, 465, 587),
        ["pop3"] = PortSet.Of(110, 995),
        ["imap"] = PortSet.Of(143, 993),
        ["imap4"] = PortSet.Of(143, 993),
        ["ntp"] = PortSet.Of(123),
        ["time"] = PortSet.Of(37, 123),
        ["dns"] = PortSet.Of(53),
        ["ldap"] = PortSet.Of(389, 636),
        ["cldap"] = PortSet.Of(389),
        ["snmp"] = PortSet.Of(161, 162),
        ["h323"] = PortSet.Of(new PortRange(1718, 1720)),
        ["ssh"] = PortSet.Of(22),
        ["sftp"] = PortSet.Of(22),
        ["ftp"] = PortSet.Of(20, 21),
        ["tftp"] = PortSet.Of(69),
        ["smb"] = PortSet.Of(139, 445),
        ["smb2"] = PortSet.Of(445),
        ["syslog"] = PortSet.Of(514, 6514),
        ["dhcp"] = PortSet.Of(67, 68),
        ["bootp"] = PortSet.Of(67, 68),
        ["rip"] = PortSet.Of(520),
        ["ike"] = PortSet.Of(500, 4500),
    };

    /// <summary>Whether a role is, by its display name (not its id or the document spellings), a device or remote peer that runs on a box of its own.</summary>
    public static bool IsStandalone(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return StandaloneText().IsMatch(role.Name);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"phone|dect|handset|\bextensions?\b|endpoint|terminal|trunk|router|\bnetwork\b|internet|gateway|\bsbc\b|\bata\b|device|mediapack|swyxconnect",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex StandaloneText();

    private sealed record Listener(RoleRef Role, ProductRelease Release, Flow Flow, PortSet Ports)
    {
        public string RoleName => Release.FindRole(Role.Role)?.Name ?? Role.Role;
    }

    private sealed record Clash(Listener A, Listener B, PortSet Overlap, bool Wide);

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Site is null)
        {
            foreach (var release in subject.Releases)
            {
                var listeners = Listeners(subject, release, r => release.FindRole(r.Role) is not { } role || !IsStandalone(role));
                foreach (var f in Findings(subject, listeners, host: null))
                {
                    yield return f;
                }
            }

            yield break;
        }

        foreach (var host in subject.Site.Hosts)
        {
            var listeners = subject.Releases.SelectMany(r => Listeners(subject, r, role => host.Runs.Contains(role))).ToList();
            foreach (var f in Findings(subject, listeners, host))
            {
                yield return f;
            }
        }
    }

    private static List<Listener> Listeners(AnalysisSubject subject, ProductRelease release, Func<RoleRef, bool> runsHere) =>
        release.Flows
            .Where(f => f.Transport.HasPorts() && subject.IsActive(release, f))
            .SelectMany(f => f.To.Distinct().Select(r => new RoleRef(release.Id, r)).Where(runsHere)
                .Select(r => new Listener(r, release, f, subject.PortsOf(release, f))))
            .Where(l => !l.Ports.IsEmpty)
            .ToList();

    private IEnumerable<Finding> Findings(AnalysisSubject subject, List<Listener> listeners, SiteHost? host)
    {
        var clashes = new List<Clash>();
        for (var i = 0; i < listeners.Count; i++)
        {
            for (var j = i + 1; j < listeners.Count; j++)
            {
                var (a, b) = (listeners[i], listeners[j]);
                if (a.Role == b.Role || (ReferenceEquals(a.Flow, b.Flow) && ReferenceEquals(a.Release, b.Release)) || a.Flow.Transport != b.Flow.Transport)
                {
                    continue;
                }

                var overlap = a.Ports.Intersect(b.Ports);
                if (overlap.IsEmpty)
                {
                    continue;
                }

                var wideA = a.Ports.Count > WideThreshold;
                var wideB = b.Ports.Count > WideThreshold;
                if (wideA && wideB)
                {
                    continue;
                }

                if (host is null && a.Flow.Application is { } app && string.Equals(app, b.Flow.Application, StringComparison.OrdinalIgnoreCase)
                    && StandardPorts.TryGetValue(app, out var standard) && standard.IsSupersetOf(overlap))
                {
                    continue;
                }

                if (wideA || wideB)
                {
                    overlap = overlap.Intersect(WellKnown);
                    if (overlap.IsEmpty)
                    {
                        continue;
                    }
                }

                // Order each pair by role so the key does not depend on flow order.
                var ordered = string.CompareOrdinal(a.Role.ToString(), b.Role.ToString()) <= 0 ? new Clash(a, b, overlap, wideA || wideB) : new Clash(b, a, overlap, wideA || wideB);
                clashes.Add(ordered);
            }
        }

        foreach (var group in clashes.GroupBy(c => (c.A.Role, c.B.Role)))
        {
            yield return ToFinding(subject, group.ToList(), host);
        }
    }

    private Finding ToFinding(AnalysisSubject subject, List<Clash> clashes, SiteHost? host)
    {
        var first = clashes[0];
        var twoProducts = first.A.Role.Product != first.B.Role.Product;
        string Named(Listener l) => twoProducts ? $"{l.Release.Product} {l.RoleName}" : l.RoleName;
        var (nameA, nameB) = (Named(first.A), Named(first.B));
        var overlaps = clashes
            .GroupBy(c => c.A.Flow.Transport)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key.ToName()}/{g.Aggregate(PortSet.Empty, (s, c) => s.Union(c.Overlap))}")
            .ToList();
        var allWide = clashes.All(c => c.Wide);
        var severity = host is null
            ? (allWide ? Severity.Low : Severity.Medium)
            : (allWide ? Severity.Medium : Severity.High);
        var pairs = clashes
            .GroupBy(c => c.A.Flow.Transport)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var t = g.Key.ToName();
                var portsA = g.Select(c => c.A).DistinctBy(l => l.Flow.Id).Aggregate(PortSet.Empty, (s, l) => s.Union(l.Ports));
                var portsB = g.Select(c => c.B).DistinctBy(l => l.Flow.Id).Aggregate(PortSet.Empty, (s, l) => s.Union(l.Ports));
                var overlap = g.Aggregate(PortSet.Empty, (s, c) => s.Union(c.Overlap));
                return $"{nameA} listens on {t}/{portsA} and {nameB} on {t}/{portsB}; they meet at {t}/{overlap}";
            })
            .ToList();
        var where = host is null
            ? $"If {nameA} and {nameB} run on one host, only one of them can bind these ports."
            : $"Host {host.Name} runs both, so only one of them can bind these ports.";
        var wideNote = allWide ? $" One side is a wide pool (over {WideThreshold} ports); it clashes only at the well-known port(s) listed." : "";
        var flows = clashes.SelectMany(c => new[] { c.A, c.B })
            .DistinctBy(l => (l.Release.Id, l.Flow.Id))
            .Select(l => subject.Cite(l.Release, l.Flow))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        var key = $"{first.A.Role}+{first.B.Role}";
        return new Finding
        {
            Code = Code,
            Key = host is null ? key : $"{host.Name}/{key}",
            Severity = severity,
            Title = $"{nameA} and {nameB} both listen on {string.Join(", ", overlaps)}",
            Detail = $"{string.Join("; ", pairs)}. {where}{wideNote}",
            Flows = flows,
            Hosts = host is null ? [] : [host.Name],
            Fix = Fix(clashes, nameA, nameB, host),
        };
    }

    private static string Fix(List<Clash> clashes, string nameA, string nameB, SiteHost? host)
    {
        var separate = host is null ? $"run {nameA} and {nameB} on separate hosts" : $"move {nameA} or {nameB} off host {host.Name}";
        // Suggest shrinking a configurable side to what it keeps without the overlap, when that is one plain range.
        foreach (var c in clashes)
        {
            foreach (var l in new[] { c.A, c.B })
            {
                var rest = l.Ports.Except(c.Overlap);
                if (l.Flow.Configurable && rest.Ranges.Length == 1 && l.Ports.Count <= WideThreshold)
                {
                    return $"Reconfigure {l.RoleName}'s {l.Flow.Service} ports ({l.Release.Id}:{l.Flow.Id}) so they leave out {l.Flow.Transport.ToName()}/{c.Overlap}, e.g. {l.Flow.Transport.ToName()}/{rest}, or {separate}.";
                }
            }
        }

        var configurable = clashes.SelectMany(c => new[] { c.A, c.B }).FirstOrDefault(l => l.Flow.Configurable);
        return configurable is not null
            ? $"Reconfigure {configurable.RoleName}'s {configurable.Flow.Service} ports ({configurable.Release.Id}:{configurable.Flow.Id}) so the two no longer meet, or {separate}."
            : $"The catalog lists neither side as configurable: {separate}.";
    }
}
