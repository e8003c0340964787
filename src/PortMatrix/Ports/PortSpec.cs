namespace PortMatrix.Ports;

/// <summary>
/// A port as a user types it: <c>udp/5060</c>, <c>tcp/5000-5100</c>, <c>5060</c> (every transport),
/// or <c>5060/udp</c>.
/// </summary>
public sealed record PortSpec(Transport? Transport, PortSet Ports)
{
    public static PortSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0)
        {
            throw new PortExpressionException("the port is empty; write it as udp/5060, tcp/5000-5100 or 5060.", text, 1, "");
        }

        var slash = t.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new PortSpec(null, ParsePorts(t, text, 0));
        }

        var left = t[..slash];
        var right = t[(slash + 1)..];
        // Accept both transport/port and port/transport.
        if (TransportNames.TryParse(left, out var transport))
        {
            return new PortSpec(transport, ParsePorts(right, text, slash + 1));
        }

        if (TransportNames.TryParse(right, out transport) && left.Length > 0 && char.IsAsciiDigit(left[0]))
        {
            return new PortSpec(transport, ParsePorts(left, text, 0));
        }

        throw new PortExpressionException(
            $"'{left}' is not a transport; use tcp, udp, sctp, icmp, icmpv6 or esp (e.g. udp/5060).", text, 1, left);
    }

    public static bool TryParse(string? text, out PortSpec spec)
    {
        spec = null!;
        if (text is null)
        {
            return false;
        }

        try
        {
            spec = Parse(text);
            return true;
        }
        catch (PortExpressionException)
        {
            return false;
        }
    }

    public override string ToString() => Transport is null ? Ports.ToString() : $"{Transport.Value.ToName()}/{Ports}";

    private static PortSet ParsePorts(string ports, string whole, int offset)
    {
        try
        {
            var e = PortExpression.Parse(ports);
            if (!e.IsConstant)
            {
                throw new PortExpressionException($"'{ports}' uses parameters; give plain port numbers.", whole, offset + 1, ports);
            }

            return e.ToPortSet();
        }
        catch (PortExpressionException ex) when (ex.Input == ports)
        {
            throw new PortExpressionException(ex.Message, whole, offset + ex.Column, ex.Token);
        }
    }
}
