using PortMatrix.Ports;

namespace PortMatrix.Tests.Ports;

public sealed class PortRangeTests
{
    [Fact]
    public void Rejects_port_above_65535()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(70000));

        Assert.Contains("port 70000 is above 65535", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_backwards_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PortRange(20, 10));

        Assert.Contains("write 10-20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_ports_inclusively()
    {
        Assert.Equal(500, new PortRange(51000, 51499).Count);
        Assert.Equal(65536, PortRange.All.Count);
    }

    [Theory]
    [InlineData("udp", Transport.Udp)]
    [InlineData("TCP", Transport.Tcp)]
    [InlineData("icmpv6", Transport.Icmpv6)]
    public void Transport_names_round_trip(string text, Transport expected)
    {
        var t = TransportNames.Parse(text);

        Assert.Equal(expected, t);
        Assert.Equal(text.ToLowerInvariant(), t.ToName());
    }
}
