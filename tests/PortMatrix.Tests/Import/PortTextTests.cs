using PortMatrix.Import;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import;

public sealed class PortTextTests
{
    [Theory]
    [InlineData("55000 – 56000", "55000-56000")]
    [InlineData("51000 - 51499", "51000-51499")]
    [InlineData("10255, 10256, 10257 and 10262", "10255-10257,10262")]
    [InlineData("5060/5061", "5060-5061")]
    [InlineData("9042 and 7001", "7001,9042")]
    [InlineData("49152...65535", "49152-65535")]
    [InlineData("5000 to 5999", "5000-5999")]
    public void Reads_port_lists_as_documents_write_them(string text, string expected)
    {
        Assert.True(PortText.TryPortList(text, out var ports));
        Assert.Equal(expected, ports.ToString());
    }

    [Theory]
    [InlineData("Configurable")]
    [InlineData("TCP 80")]
    [InlineData("70000")]
    [InlineData("")]
    public void Refuses_what_is_not_a_port_list(string text) =>
        Assert.False(PortText.TryPortList(text, out _));

    [Theory]
    [InlineData("TCP/UDP", "tcp,udp")]
    [InlineData("UDP + TCP", "udp,tcp")]
    [InlineData("TCP/TLS", "tcp+tls")]
    [InlineData("UPD", "udp")]
    [InlineData("TCP, TLS", "tcp,tcp+tls")]
    [InlineData("TCP & UDP", "tcp,udp")]
    public void Reads_transport_lists(string text, string expected)
    {
        Assert.True(PortText.TryTransportList(text, out var list));
        Assert.Equal(expected, string.Join(",", list.Select(t => t.Transport.ToName() + (t.Tls ? "+tls" : ""))));
    }
}
