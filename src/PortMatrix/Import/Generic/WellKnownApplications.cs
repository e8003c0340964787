using PortMatrix.Ports;

namespace PortMatrix.Import.Generic;

/// <summary>
/// An application protocol a document may name instead of (or beside) a transport: its IANA
/// transport(s), whether it is TLS, its IANA port (null when it has none, as RTP), and whether the
/// transport is certain (HTTP is always TCP; LDAP is usually TCP but CLDAP runs on UDP).
/// </summary>
internal sealed record WellKnownApplication(string Name, IReadOnlyList<Transport> Transports, bool Tls, int? Port, bool TransportCertain)
{
    /// <summary>The lower-case name used as <see cref="ImportedFlow.Application"/>.</summary>
    public string Key { get; } = Name.ToLowerInvariant();
}

/// <summary>
/// A small table of well-known applications (IANA service names and registered ports). It is used
/// only to infer what a document leaves out, and every such inference is a warning.
/// </summary>
internal static class WellKnownApplications
{
    private static readonly Transport[] Tcp = [Transport.Tcp];
    private static readonly Transport[] Udp = [Transport.Udp];
    private static readonly Transport[] Both = [Transport.Udp, Transport.Tcp];

    private static readonly Dictionary<string, WellKnownApplication> ByWord = Build(
    [
        new("HTTP", Tcp, false, 80, true),
        new("HTTPS", Tcp, true, 443, true),
        new("WS", Tcp, false, 80, true),
        new("WSS", Tcp, true, 443, true),
        new("SSH", Tcp, false, 22, true),
        new("SFTP", Tcp, false, 22, true),
        new("SCP", Tcp, false, 22, true),
        new("Telnet", Tcp, false, 23, true),
        new("FTP", Tcp, false, 21, true),
        new("FTPS", Tcp, true, 990, true),
        new("SMTP", Tcp, false, 25, true),
        new("SMTPS", Tcp, true, 465, true),
        new("POP3", Tcp, false, 110, true),
        new("POP3S", Tcp, true, 995, true),
        new("IMAP", Tcp, false, 143, true),
        new("IMAPS", Tcp, true, 993, true),
        new("LDAP", Tcp, false, 389, false),
        new("LDAPS", Tcp, true, 636, true),
        new("DNS", Both, false, 53, false),
        new("NTP", Udp, false, 123, true),
        new("SNMP", Udp, false, 161, false),
        new("SNMP-Trap", Udp, false, 162, false),
        new("Syslog", Udp, false, 514, false),
        new("TFTP", Udp, false, 69, true),
        new("DHCP", Udp, false, 67, true),
        new("RDP", Tcp, false, 3389, false),
        new("SIP", Both, false, 5060, false),
        new("SIPS", Tcp, true, 5061, true),
        new("RTP", Udp, false, null, true),
        new("RTCP", Udp, false, null, true),
        new("SRTP", Udp, false, null, true),
        new("Kerberos", Both, false, 88, false),
        new("RADIUS", Udp, false, 1812, true),
        new("TACACS", Tcp, false, 49, true),
        new("SMB", Tcp, false, 445, true),
        new("MSSQL", Tcp, false, 1433, true),
        new("MySQL", Tcp, false, 3306, true),
        new("PostgreSQL", Tcp, false, 5432, true),
        new("RTSP", Tcp, false, 554, false),
        new("XMPP", Tcp, false, 5222, true),
        new("STUN", Udp, false, 3478, false),
        new("TURN", Udp, false, 3478, false),
        new("VNC", Tcp, false, 5900, true),
        new("BGP", Tcp, false, 179, true),
        new("IKE", Udp, false, 500, true),
        new("MGCP", Udp, false, 2427, false),
        new("IAX2", Udp, false, 4569, true),
        new("MQTT", Tcp, false, 1883, true),
        new("QUIC", Udp, false, null, true),
        new("Redis", Tcp, false, 6379, true),
        new("MongoDB", Tcp, false, 27017, true),
        new("Oracle", Tcp, false, 1521, true),
        new("AMQP", Tcp, false, 5672, true),
        new("Modbus", Tcp, false, 502, false),
        new("SMPP", Tcp, false, 2775, true),
    ]);

    /// <summary>Other spellings of the same applications.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IMAP4"] = "IMAP",
        ["POP"] = "POP3",
        ["SNMPTRAP"] = "SNMP-Trap",
        ["SNMPv2"] = "SNMP",
        ["SNMPv2c"] = "SNMP",
        ["SNMPv3"] = "SNMP",
        ["LDAP-S"] = "LDAPS",
        ["HTTP-S"] = "HTTPS",
        ["TACACS+"] = "TACACS",
        ["CIFS"] = "SMB",
        ["IAX"] = "IAX2",
        ["Postgres"] = "PostgreSQL",
        ["SQL"] = "MSSQL",
        ["Mail"] = "SMTP",
        ["Email"] = "SMTP",
        ["E-mail"] = "SMTP",
        ["SIP-TLS"] = "SIPS",
        ["SIPTLS"] = "SIPS",
        ["SIP/TLS"] = "SIPS",
        ["WebSocket"] = "WS",
        ["WebSockets"] = "WS",
    };

    /// <summary>The application a single word names, if any (case is ignored).</summary>
    public static WellKnownApplication? Find(string word) => AllWords.TryGetValue(word, out var app) ? app : null;

    /// <summary>Names and aliases in one table, so a word costs one look-up.</summary>
    private static readonly Dictionary<string, WellKnownApplication> AllWords = ByWord
        .Concat(Aliases.Select(a => KeyValuePair.Create(a.Key, ByWord[a.Value])))
        .ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The application named "SNMP trap(s)" when two words name one.</summary>
    public static WellKnownApplication SnmpTrap => ByWord["SNMP-Trap"];

    private static Dictionary<string, WellKnownApplication> Build(WellKnownApplication[] apps) =>
        apps.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
}
