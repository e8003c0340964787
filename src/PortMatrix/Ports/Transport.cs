namespace PortMatrix.Ports;

/// <summary>The IP-level protocol a flow travels on.</summary>
/// <remarks>
/// DESIGN.md names tcp, udp, sctp and icmp. The vendor documents also name ICMPv6 (MX-ONE's
/// SLAAC and neighbour discovery) and ESP (MX-ONE's IPsec), which firewalls match as protocols
/// of their own (IP protocol 58 and 50), so they are transports here too.
/// </remarks>
public enum Transport
{
    Tcp,
    Udp,
    Sctp,
    Icmp,
    Icmpv6,
    Esp,
}

/// <summary>Parsing and formatting of <see cref="Transport"/>.</summary>
public static class TransportNames
{
    public static readonly IReadOnlyList<Transport> All = Enum.GetValues<Transport>();

    /// <summary>The lower-case name used in catalog files, JSON and the command line.</summary>
    public static string ToName(this Transport transport) => transport switch
    {
        Transport.Tcp => "tcp",
        Transport.Udp => "udp",
        Transport.Sctp => "sctp",
        Transport.Icmp => "icmp",
        Transport.Icmpv6 => "icmpv6",
        Transport.Esp => "esp",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Unknown transport."),
    };

    /// <summary>Whether flows on this transport have port numbers (TCP, UDP, SCTP do; ICMP and ESP do not).</summary>
    public static bool HasPorts(this Transport transport) =>
        transport is Transport.Tcp or Transport.Udp or Transport.Sctp;

    public static bool TryParse(string? text, out Transport transport)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tcp": transport = Transport.Tcp; return true;
            case "udp": transport = Transport.Udp; return true;
            case "sctp": transport = Transport.Sctp; return true;
            case "icmp": transport = Transport.Icmp; return true;
            case "icmpv6" or "ipv6-icmp": transport = Transport.Icmpv6; return true;
            case "esp": transport = Transport.Esp; return true;
            default: transport = default; return false;
        }
    }

    public static Transport Parse(string text) =>
        TryParse(text, out var t)
            ? t
            : throw new FormatException(
                $"'{text}' is not a transport; use one of {string.Join(", ", All.Select(ToName))}.");
}
