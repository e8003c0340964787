using System.Text.RegularExpressions;
using PortMatrix.Model;

namespace PortMatrix.Analysis;

/// <summary>
/// Services documented with an old TLS version (SSL, TLS 1.0/1.1) or weak authentication (MD5, SHA-1,
/// RC4, DES, NTLMv1, Kerberos 4, simple passwords): from the catalog flows' service, purpose and note
/// text, and from <see cref="DocumentedStatements"/> for what the documents say in columns the catalog
/// does not keep.
/// </summary>
public sealed partial class WeakSecurityAnalyzer : IAnalyzer
{
    public string Code => "PM-SECURITY-003";

    public string Name => "weak-security";

    public string Description => "Services documented with an old TLS version or a weak authentication method.";

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var release in subject.Releases)
        {
            foreach (var statement in DocumentedStatements.All.Where(s => s.Product == release.Id && s.Kind is StatementKind.OldTls or StatementKind.WeakAuthentication))
            {
                var flows = release.Flows.Where(f => statement.Covers(release, f) && subject.InPlay(release, f)).ToList();
                if (flows.Count > 0)
                {
                    yield return ToFinding(subject, release, flows, $"{release.Id}:{statement.Doc}:{statement.Line}", statement.Severity, statement.Kind == StatementKind.OldTls,
                        $"{statement.Doc}:{statement.Line} says {statement.Says}");
                }
            }

            foreach (var flow in release.Flows.Where(f => subject.InPlay(release, f)))
            {
                var text = $"{flow.Service} {flow.Purpose} {flow.Note}";
                if (OldTlsText().Match(text) is { Success: true } tls)
                {
                    yield return ToFinding(subject, release, [flow], $"{release.Id}:{flow.Id}", Severity.Medium, oldTls: true,
                        $"the catalog's text for {release.Id}:{flow.Id} names {tls.Value}");
                }
                else if (WeakAuthText().Match(text) is { Success: true } weak)
                {
                    var severity = weak.Value.StartsWith("SHA", StringComparison.OrdinalIgnoreCase) ? Severity.Low : Severity.Medium;
                    yield return ToFinding(subject, release, [flow], $"{release.Id}:{flow.Id}", severity, oldTls: false,
                        $"the catalog's text for {release.Id}:{flow.Id} names {weak.Value}");
                }
            }
        }
    }

    private Finding ToFinding(AnalysisSubject subject, ProductRelease release, List<Flow> flows, string key, Severity severity, bool oldTls, string says)
    {
        var cited = flows.Select(f => subject.Cite(release, f)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var services = string.Join(", ", flows.Select(f => f.Service).Distinct());
        var ports = string.Join(", ", cited.Select(f => f.PortsText).Distinct().Order(StringComparer.Ordinal));
        var hosts = subject.Site?.Hosts
            .Where(h => flows.Any(f => f.To.Concat(f.From).Any(r => h.Runs.Contains(new Sites.RoleRef(release.Id, r)))))
            .Select(h => h.Name).ToList() ?? [];
        return new Finding
        {
            Code = Code,
            Key = key,
            Severity = severity,
            Title = oldTls
                ? $"{release.Product}: {services} ({ports}) relies on an old TLS version"
                : $"{release.Product}: {services} ({ports}) uses weak authentication",
            Detail = $"The document or catalog: {says}.",
            Flows = cited,
            Hosts = hosts,
            Fix = oldTls
                ? "Use a release or client that speaks TLS 1.2 or later; until then keep the service to trusted networks only."
                : "Use the strongest method the product offers (TLS with certificates, SHA-256 or better, long random secrets), and allow the service only from the hosts that need it.",
        };
    }

    [GeneratedRegex(@"\b(?:SSL ?v?[23](?:\.0)?|TLS ?v?1(?:\.[01])?(?![.\d])|TLSv1(?:\.[01])?(?![.\d]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OldTlsText();

    [GeneratedRegex(@"\b(?:MD5|SHA-?1(?![\d])|RC4|3?DES|NTLM ?v?1|Kerberos 4|simple password|plain-?text password|clear-?text password)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeakAuthText();
}
