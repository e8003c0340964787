using PortMatrix.Ports;

namespace PortMatrix.Tests.Ports;

public sealed class PortExpressionTests
{
    [Theory]
    [InlineData("5060", "5060")]
    [InlineData("5060-5061", "5060-5061")]
    [InlineData("5061, 5060", "5060-5061")]
    [InlineData("80,443,8080", "80,443,8080")]
    [InlineData(">1024", "1025-65535")]
    [InlineData(">=1024", "1024-65535")]
    [InlineData("any", "0-65535")]
    [InlineData("ephemeral", "49152-65535")]
    [InlineData("none", "none")]
    [InlineData("  22 ,  23-24 ", "22-24")]
    public void Parses_and_normalizes_constant_expressions(string text, string expected)
    {
        var set = PortExpression.Parse(text).ToPortSet();

        Assert.Equal(expected, set.ToString());
    }

    [Fact]
    public void Evaluates_channel_formula_with_parameters()
    {
        var e = PortExpression.Parse("6000-{6000+(channels-1)*10}");

        var set = e.Evaluate(new Dictionary<string, long> { ["channels"] = 30 });

        Assert.Equal("6000-{6000 + (channels - 1) * 10}", e.ToString());
        Assert.Equal(["channels"], e.Parameters);
        Assert.False(e.IsConstant);
        Assert.Equal("6000-6290", set.ToString());
    }

    [Fact]
    public void Formula_printing_keeps_the_meaning_of_subtraction()
    {
        var e = PortExpression.Parse("{100 - (20 - 5)}");

        Assert.Equal("{100 - (20 - 5)}", e.ToString());
        Assert.Equal("85", e.ToPortSet().ToString());
    }

    [Fact]
    public void Ephemeral_follows_the_product_range_when_given()
    {
        var set = PortExpression.Parse("ephemeral").Evaluate(null, new PortRange(32768, 60999));

        Assert.Equal("32768-60999", set.ToString());
    }

    [Theory]
    [InlineData("70000", 1, "70000")]
    [InlineData("5060-70000", 6, "70000")]
    [InlineData("50x", 3, "x")]
    [InlineData("tcp", 1, "tcp")]
    [InlineData("20-10", 1, "20-10")]
    [InlineData("5060,", 6, "")]
    [InlineData("{channels * }", 13, "}")]
    [InlineData("{6000 + 1", 10, "")]
    [InlineData("", 1, "")]
    public void Rejects_bad_input_naming_the_token_and_its_column(string text, int column, string token)
    {
        var e = Assert.Throws<PortExpressionException>(() => PortExpression.Parse(text));

        Assert.Equal(column, e.Column);
        Assert.Equal(token, e.Token);
        Assert.False(PortExpression.TryParse(text, out _));
    }

    [Fact]
    public void Rejects_port_above_65535_with_a_clear_message()
    {
        var e = Assert.Throws<PortExpressionException>(() => PortExpression.Parse("70000"));

        Assert.Contains("70000 is above 65535", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_parameter_is_an_error_not_an_empty_set()
    {
        var e = PortExpression.Parse("{base}-{base + 10}");

        var ex = Assert.Throws<PortExpressionException>(() => e.ToPortSet());

        Assert.Equal("base", ex.Token);
    }

    [Fact]
    public void Formula_out_of_range_is_an_error()
    {
        var e = PortExpression.Parse("{65000 + channels * 100}");

        Assert.Throws<PortExpressionException>(() => e.Evaluate(new Dictionary<string, long> { ["channels"] = 30 }));
    }

    [Theory]
    [InlineData("udp/5060", "udp", "5060")]
    [InlineData("5060/udp", "udp", "5060")]
    [InlineData("TCP/5000-5100", "tcp", "5000-5100")]
    [InlineData("5060", null, "5060")]
    public void Port_spec_reads_transport_and_ports(string text, string? transport, string ports)
    {
        var spec = PortSpec.Parse(text);

        Assert.Equal(transport, spec.Transport?.ToName());
        Assert.Equal(ports, spec.Ports.ToString());
    }

    [Theory]
    [InlineData("udp/70000", 5)]
    [InlineData("xyz/5", 1)]
    [InlineData("tcp/20-10", 5)]
    public void Port_spec_errors_point_into_the_whole_argument(string text, int column)
    {
        var e = Assert.Throws<PortExpressionException>(() => PortSpec.Parse(text));

        Assert.Equal(column, e.Column);
    }
}
