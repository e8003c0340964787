using System.Text;
using System.Text.RegularExpressions;
using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>A transport named in a document, with whether the name implied TLS ("TLS" is TLS over TCP).</summary>
public readonly record struct TransportWord(Transport Transport, bool Tls);

/// <summary>
/// Shared pieces for reading the way documents write ports and transports: dashes, lists,
/// "TCP/UDP", the misspelt "UPD", "TLS" as TCP with TLS.
/// </summary>
public static partial class PortText
{
    /// <summary>Replaces en and em dashes, minus signs and non-breaking spaces with their plain forms.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\u2013' or '\u2014' or '\u2212' or '\u2010' or '\u2011' => '-',
                '\u00A0' or '\u2009' or '\u202F' => ' ',
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// Reads one transport word: TCP, UDP, SCTP, TLS (TCP with TLS), UPD (a common misspelling of UDP),
    /// ICMP, ICMPv6, ESP. Case is ignored.
    /// </summary>
    public static bool TryTransportWord(string word, out TransportWord transport)
    {
        ArgumentNullException.ThrowIfNull(word);
        switch (word.Trim().ToUpperInvariant())
        {
            case "TCP": transport = new(Transport.Tcp, false); return true;
            case "UDP" or "UPD": transport = new(Transport.Udp, false); return true;
            case "SCTP": transport = new(Transport.Sctp, false); return true;
            case "TLS" or "SSL": transport = new(Transport.Tcp, true); return true;
            case "ICMP": transport = new(Transport.Icmp, false); return true;
            case "ICMPV6": transport = new(Transport.Icmpv6, false); return true;
            case "ESP": transport = new(Transport.Esp, false); return true;
            default: transport = default; return false;
        }
    }

    /// <summary>
    /// Reads a list of transports such as "TCP/UDP", "UDP + TCP", "TCP, TLS", "UDP+TCP+TLS", "TCP &amp; UDP",
    /// "TCP and UDP". "TCP/TLS" reads as one transport, TCP with TLS. Returns false if any part is not a transport.
    /// </summary>
    public static bool TryTransportList(string text, out IReadOnlyList<TransportWord> transports)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = TransportSeparator().Split(text.Trim()).Where(p => p.Length > 0).ToList();
        var list = new List<TransportWord>();
        transports = list;
        if (parts.Count == 0)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (!TryTransportWord(p, out var t))
            {
                return false;
            }

            list.Add(t);
        }

        // "TCP/TLS" names one thing: TLS over TCP ("TCP, TLS" names two alternatives).
        if (list.Count == 2 && list[0] == new TransportWord(Transport.Tcp, false) && list[1] == new TransportWord(Transport.Tcp, true)
            && TcpSlashTls().IsMatch(text))
        {
            list.RemoveAt(0);
        }

        return true;
    }

    /// <summary>
    /// Reads a list of ports and ranges: "5060", "5060-5061", "51000 - 51499", "55000 – 56000",
    /// "10255, 10256 and 10262", "5060/5061", "9042 and 7001". Returns false if anything else is in the text.
    /// </summary>
    public static bool TryPortList(string text, out PortExpression ports)
    {
        ArgumentNullException.ThrowIfNull(text);
        ports = null!;
        var t = Normalize(text).Trim().TrimEnd('.');
        if (t.Length == 0)
        {
            return false;
        }

        var ranges = new List<PortRange>();
        foreach (var item in ListSeparator().Split(t).Where(s => s.Trim().Length > 0))
        {
            var m = RangeItem().Match(item.Trim());
            if (!m.Success)
            {
                return false;
            }

            if (!int.TryParse(m.Groups[1].Value, out var low) || low > PortRange.MaxPort)
            {
                return false;
            }

            var high = low;
            if (m.Groups[2].Success && (!int.TryParse(m.Groups[2].Value, out high) || high > PortRange.MaxPort || high < low))
            {
                return false;
            }

            ranges.Add(new PortRange(low, high));
        }

        if (ranges.Count == 0)
        {
            return false;
        }

        ports = PortExpression.FromSet(PortSet.From(ranges));
        return true;
    }

    [GeneratedRegex(@"^\s*TCP\s*/\s*TLS\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TcpSlashTls();

    [GeneratedRegex(@"\s*(?:/|\+|,|&|\band\b)\s*|\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TransportSeparator();

    [GeneratedRegex(@"\s*(?:,|/|;|\band\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^(\d{1,6})(?:\s*(?:-|\.\.\.?|\bto\b)\s*(\d{1,6}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeItem();
}
