using System.Globalization;
using System.Text.RegularExpressions;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Analysis;

/// <summary>
/// On a site that sets a channel count (a product parameter named <c>channels</c> or ending in
/// <c>channels</c>), every media port range our hosts listen on must carry that many calls at once.
/// </summary>
/// <remarks>
/// Only ranges of roles a host of the site runs are checked: a client or phone (a bound role) carries
/// its own calls, not the site's. A range whose formula grows with the channel parameter is fine by
/// construction when it grows by at least the ports one call needs. Ports per call come from the
/// document where it says (<see cref="DocumentedStatements"/>, or "N ports per call" in the flow's
/// note); otherwise 1 where the product lists RTCP as a flow of its own towards the same role (the range
/// is RTP only), else 2 (RTP and RTCP), and the finding says it assumed so.
/// </remarks>
public sealed partial class MediaCapacityAnalyzer : IAnalyzer
{
    public string Code => "PM-CAPACITY-001";

    public string Name => "media-capacity";

    public string Description => "Media port ranges on the site's hosts that carry fewer simultaneous calls than the site's channels.";

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var site = subject.Site;
        if (site is null)
        {
            yield break;
        }

        foreach (var release in subject.Releases)
        {
            if (!site.Parameters.TryGetValue(release.Id, out var set))
            {
                continue;
            }

            var channelParams = set.Where(kv => IsChannelParameter(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            if (channelParams.Count == 0)
            {
                continue;
            }

            var channels = channelParams.Sum(kv => kv.Value);
            var channelText = string.Join(" + ", channelParams.Select(kv => $"{release.Id}:{kv.Key} = {kv.Value.ToString(CultureInfo.InvariantCulture)}"));
            foreach (var flow in release.Flows.Where(f => IsMedia(f) && f.Transport.HasPorts() && subject.IsActive(release, f)))
            {
                var hosts = site.Hosts.Where(h => flow.To.Any(r => h.Runs.Contains(new Sites.RoleRef(release.Id, r)))).Select(h => h.Name).ToList();
                if (hosts.Count == 0)
                {
                    continue;
                }

                var (perCall, basis) = PortsPerCall(release, flow);
                var finding = flow.Ports.Parameters.FirstOrDefault(IsChannelParameter) is { } own
                    ? CheckFormula(subject, release, flow, own, perCall, basis, hosts)
                    : CheckFixed(subject, release, flow, channels, channelText, perCall, basis, hosts);
                if (finding is not null)
                {
                    yield return finding;
                }
            }
        }
    }

    private static bool IsChannelParameter(string name) => name.EndsWith("channels", StringComparison.OrdinalIgnoreCase);

    private static bool IsMedia(Flow flow) =>
        flow.Application is "rtp" or "srtp" || (flow.Application is null && flow.Service.Contains("RTP", StringComparison.OrdinalIgnoreCase));

    /// <summary>Ports one call takes on this flow's range, and where that number comes from.</summary>
    public static (int PortsPerCall, string Basis) PortsPerCall(ProductRelease release, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        var statement = DocumentedStatements.All.FirstOrDefault(s => s.Kind == StatementKind.PortsPerCall && s.Covers(release, flow));
        if (statement is not null)
        {
            return (statement.Value, $"{statement.Value} ports per call: {statement.Doc}:{statement.Line.ToString(CultureInfo.InvariantCulture)} says {statement.Says}");
        }

        var text = $"{flow.Note} {flow.Purpose}";
        if (PerCallText().Match(text) is { Success: true } m)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return (n, $"{n} ports per call, as the flow's note says ({flow.Source.Doc}:{flow.Source.Line.ToString(CultureInfo.InvariantCulture)})");
        }

        if (TwiceText().IsMatch(text))
        {
            return (2, $"2 ports per call, as the flow's note says ({flow.Source.Doc}:{flow.Source.Line.ToString(CultureInfo.InvariantCulture)})");
        }

        if (release.Flows.Any(f => f.Application == "rtcp" && f.To.Intersect(flow.To).Any()))
        {
            return (1, "assumed 1 port per call: the range is RTP only, the product lists RTCP as a flow of its own");
        }

        return (2, "assumed 2 ports per call (RTP and RTCP); the document does not say");
    }

    private Finding? CheckFixed(AnalysisSubject subject, ProductRelease release, Flow flow, long channels, string channelText, int perCall, string basis, List<string> hosts)
    {
        var ports = subject.PortsOf(release, flow);
        var calls = ports.Count / perCall;
        if (calls >= channels)
        {
            return null;
        }

        var needed = checked((int)Math.Min(channels * perCall, PortRange.MaxPort + 1));
        var low = ports.IsEmpty ? 0 : ports.Ranges[0].Low;
        var example = low + needed - 1 <= PortRange.MaxPort ? $" e.g. {flow.Transport.ToName()}/{low}-{low + needed - 1}" : "";
        var role = release.FindRole(flow.To[0])?.Name ?? flow.To[0];
        return new Finding
        {
            Code = Code,
            Key = $"{release.Id}:{flow.Id}",
            Severity = Severity.High,
            Title = $"{role}'s media range {flow.Transport.ToName()}/{ports} carries {calls} calls, fewer than the site's {channels} channels",
            Detail = $"{ports.Count} ports at {basis} give {calls} simultaneous calls; the site sets {channelText}. Calls beyond that find no free media port.",
            Flows = [subject.Cite(release, flow)],
            Hosts = hosts,
            Fix = flow.Configurable
                ? $"Widen the range ({release.Id}:{flow.Id} is configurable) to at least {needed} ports,{example}, and open the same range in the firewall; or lower the channel count."
                : $"The catalog does not list this range as configurable: lower the channel count to {calls} or spread the calls over more hosts.",
        };
    }

    private Finding? CheckFormula(AnalysisSubject subject, ProductRelease release, Flow flow, string parameter, int perCall, string basis, List<string> hosts)
    {
        var values = new Dictionary<string, long>(subject.Site!.ParametersOf(release), StringComparer.Ordinal);
        var n = values[parameter];
        var here = subject.PortsOf(release, flow);
        values[parameter] = n + 1;
        int step;
        try
        {
            step = flow.Ports.Evaluate(values, release.Ephemeral).Count - here.Count;
        }
        catch (PortExpressionException)
        {
            // One more channel would run past port 65535; the range itself fits, so judge it by its size.
            step = n > 0 ? here.Count / (int)n : here.Count;
        }

        if (step >= perCall)
        {
            return null;
        }

        return new Finding
        {
            Code = Code,
            Key = $"{release.Id}:{flow.Id}",
            Severity = Severity.High,
            Title = $"{flow.Service} range {flow.Transport.ToName()}/{here} grows by {step} port(s) per channel, fewer than a call needs",
            Detail = $"The formula {flow.Ports} adds {step} port(s) for each of {release.Id}:{parameter}; at {basis} each channel needs {perCall}.",
            Flows = [subject.Cite(release, flow)],
            Hosts = hosts,
            Fix = $"Check the range against the vendor's formula and make it grow by at least {perCall} ports per channel.",
        };
    }

    [GeneratedRegex(@"\b(?<n>[1-9][0-9]?) (?:media |UDP |RTP )?ports? (?:per|for each|each) (?:call|channel|session|RTP resource)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerCallText();

    [GeneratedRegex(@"\btwice the number of (?:calls|channels|RTP resources|sessions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwiceText();
}
