using System.Text.RegularExpressions;
using PortMatrix.Model;

namespace PortMatrix.Analysis;

/// <summary>
/// Cleartext protocols where the same product documents an encrypted one beside them (HTTP next to
/// HTTPS, SIP next to SIP over TLS, LDAP next to LDAPS, IMAP/POP3/SMTP next to their SSL ports, FTP next
/// to SFTP, Telnet next to SSH, any protocol offered both with and without TLS, or a flow whose note says
/// TLS is offered on the same port): medium. FTP, Telnet and SNMP (v1/v2c community strings) with no
/// encrypted alternative documented: low.
/// </summary>
/// <remarks>
/// Flows the document marks as needing no firewall opening (loopback, internal) are left out; on a site,
/// so are flows whose roles are not bound or whose feature is off. The encrypted alternative may be any
/// flow of the product, in play at the site or not: it only shows the product can do it.
/// </remarks>
public sealed partial class CleartextAnalyzer : IAnalyzer
{
    public string Code => "PM-SECURITY-001";

    public string Name => "cleartext";

    public string Description => "Cleartext protocols where the product documents an encrypted one beside them, and FTP, Telnet and SNMP v1/v2c.";

    /// <summary>A protocol family: its cleartext application names and the names of its encrypted form.</summary>
    private sealed record Family(string Name, string Display, string[] Clear, string[] Encrypted, bool WeakAlone);

    private static readonly Family[] Families =
    [
        new("http", "HTTP", ["http"], ["https"], false),
        new("sip", "SIP", ["sip"], ["sips"], false),
        new("ldap", "LDAP", ["ldap", "cldap"], ["ldaps"], false),
        new("imap", "IMAP", ["imap", "imap4"], ["imaps", "imap4s"], false),
        new("pop3", "POP3", ["pop3"], ["pop3s"], false),
        new("smtp", "SMTP", ["smtp"], ["smtps"], false),
        new("ftp", "FTP", ["ftp"], ["sftp", "ftps"], true),
        new("telnet", "Telnet", ["telnet"], ["ssh"], true),
        new("snmp", "SNMP v1/v2c", ["snmp"], ["snmpv3"], true),
    ];

    public IEnumerable<Finding> Analyze(AnalysisSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var release in subject.Releases)
        {
            var families = Families.ToList();
            // Any other protocol the product offers both with and without TLS is a family of its own.
            families.AddRange(release.Flows
                .Where(f => f.Application is { } a && f.Tls && !Families.Any(x => x.Clear.Contains(a) || x.Encrypted.Contains(a)))
                .Select(f => f.Application!)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(a => new Family(a, "", [a], [], false)));
            // Protocols whose cleartext flows say TLS is offered on the same port.
            families.AddRange(release.Flows
                .Where(f => f.Application is { } a && !f.Tls && SameTlsPort(f) && !families.Any(x => x.Clear.Contains(a)))
                .Select(f => f.Application!)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(a => new Family(a, "", [a], [], false)));

            foreach (var family in families)
            {
                var finding = Check(subject, release, family);
                if (finding is not null)
                {
                    yield return finding;
                }
            }
        }
    }

    private static bool SameTlsPort(Flow flow) => SameTlsPortText().IsMatch($"{flow.Note} {flow.Purpose}");

    private static bool IsV3(Flow flow) => SnmpV3Text().IsMatch($"{flow.Service} {flow.Note} {flow.Purpose}");

    private Finding? Check(AnalysisSubject subject, ProductRelease release, Family family)
    {
        var clear = release.Flows
            .Where(f => f.Application is { } a && family.Clear.Contains(a) && !f.Tls && !(family.Name == "snmp" && IsV3(f)) && subject.InPlay(release, f))
            .ToList();
        if (clear.Count == 0)
        {
            return null;
        }

        var encrypted = release.Flows
            .Where(f => f.Application is { } a && (family.Encrypted.Contains(a) || (family.Clear.Contains(a) && f.Tls) || (family.Name == "snmp" && a == "snmp" && IsV3(f))))
            .ToList();
        var sameTlsPort = clear.Where(SameTlsPort).ToList();
        if (encrypted.Count == 0 && sameTlsPort.Count == 0 && !family.WeakAlone)
        {
            return null;
        }

        if (encrypted.Count == 0 && sameTlsPort.Count > 0)
        {
            // Only the flows whose note offers TLS on the same port can simply switch it on.
            clear = sameTlsPort;
        }

        var display = family.Display.Length > 0 ? family.Display : clear.OrderBy(f => f.Id, StringComparer.Ordinal).First().Service;

        var hasAlternative = encrypted.Count > 0 || sameTlsPort.Count > 0;
        var cited = clear.Concat(encrypted).Select(f => subject.Cite(release, f)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var hosts = subject.Site?.Hosts
            .Where(h => clear.Any(f => f.To.Any(r => h.Runs.Contains(new Sites.RoleRef(release.Id, r)))))
            .Select(h => h.Name).ToList() ?? [];
        var clearPorts = string.Join(", ", clear.Select(f => subject.Cite(release, f).PortsText).Distinct().Order(StringComparer.Ordinal));
        var encPorts = string.Join(", ", encrypted.Select(f => subject.Cite(release, f).PortsText + (f.Tls ? " tls" : "")).Distinct().Order(StringComparer.Ordinal));
        string detail;
        string fix;
        if (encrypted.Count > 0)
        {
            detail = $"{release.Product} uses {display} in cleartext on {clearPorts} ({clear.Count} flow(s)) and documents an encrypted form on {encPorts}.";
            var encSet = encrypted.Select(f => subject.Cite(release, f).PortsText).ToHashSet(StringComparer.Ordinal);
            var toClose = clear.Select(f => subject.Cite(release, f).PortsText).Where(p => !encSet.Contains(p)).Distinct().Order(StringComparer.Ordinal).ToList();
            fix = toClose.Count > 0
                ? $"Use the encrypted form ({encPorts}) and close {string.Join(", ", toClose)} where nothing needs it."
                : $"Use the encrypted form ({encPorts}); the ports stay the same.";
        }
        else if (sameTlsPort.Count > 0)
        {
            detail = $"{release.Product} uses {display} without TLS on {clearPorts}; the catalog notes that TLS is offered on the same port(s).";
            fix = "Switch TLS on for these connections on both ends; the ports stay the same.";
        }
        else
        {
            detail = family.Name == "snmp"
                ? $"{release.Product} uses SNMP on {clearPorts}; SNMP v1 and v2c send their community string in cleartext, and the document names no SNMPv3."
                : $"{release.Product} uses {display} on {clearPorts}; it sends passwords and data in cleartext, and the document names no encrypted form.";
            fix = family.Name == "snmp"
                ? "Use SNMPv3 with authentication and privacy if the product supports it; otherwise allow SNMP only from the management hosts and change the default community string."
                : $"Allow {display} only between the hosts that need it, ideally through a VPN or a management network.";
        }

        return new Finding
        {
            Code = Code,
            Key = $"{release.Id}:{family.Name}",
            Severity = hasAlternative ? Severity.Medium : Severity.Low,
            Title = hasAlternative
                ? $"{release.Product}: {display} in cleartext although an encrypted form is documented"
                : $"{release.Product}: {display} in cleartext with no encrypted form documented",
            Detail = detail,
            Flows = cited,
            Hosts = hosts,
            Fix = fix,
        };
    }

    [GeneratedRegex(@"\bTLS (?:is )?(?:also )?offered on (?:the same|these) ports?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SameTlsPortText();

    [GeneratedRegex(@"\bSNMP ?v3\b|\bv3\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnmpV3Text();
}
