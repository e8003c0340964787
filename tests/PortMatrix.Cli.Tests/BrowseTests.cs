using System.Text.Json;

namespace PortMatrix.Cli.Tests;

/// <summary>The browse commands on the built-in catalog, as the acceptance list names them.</summary>
public sealed class BrowseTests
{
    [Fact]
    public void List_shows_the_four_products()
    {
        var r = CliRunner.Run("list", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        var products = JsonDocument.Parse(r.Out).RootElement.EnumerateArray().Select(e => e.GetProperty("product").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "mitel-mx-one", "imagicle-uc-suite", "avaya-ip-office", "swyx-swyxware" }, products);
    }

    [Fact]
    public void List_prints_a_plain_table_when_piped()
    {
        var r = CliRunner.Run("list");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("PRODUCT", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", r.Out, StringComparison.Ordinal);
        Assert.Contains("mitel-mx-one", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udp/1719", "mitel-mx-one", "udp", "1719")]
    [InlineData("udp/1719", "avaya-ip-office", "udp", "1719")]
    [InlineData("tcp/50805", "avaya-ip-office", "tcp", "50805")]
    [InlineData("udp/51200", "swyx-swyxware", "udp", "51000-51499")]
    [InlineData("tcp/52500", "imagicle-uc-suite", "tcp", "52000-52999")]
    [InlineData("sctp/5679", "mitel-mx-one", "sctp", "5679")]
    public void Who_finds_the_documented_flow_with_its_exact_ports(string query, string product, string transport, string ports)
    {
        var flows = WhoJson(query);

        Assert.Contains(flows, f =>
            f.GetProperty("product").GetString() == product
            && f.GetProperty("transport").GetString() == transport
            && f.GetProperty("ports").GetString() == ports
            && f.GetProperty("source").GetProperty("line").GetInt32() > 0
            && f.GetProperty("from").GetArrayLength() > 0
            && f.GetProperty("to").GetArrayLength() > 0);
    }

    [Fact]
    public void Who_tcp_50805_is_the_secure_configuration_interface_of_ip_office()
    {
        var flow = Assert.Single(WhoJson("tcp/50805"));

        Assert.True(flow.GetProperty("tls").GetBoolean());
        Assert.Contains("ip-office", flow.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(113, flow.GetProperty("source").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Who_udp_5679_finds_nothing_from_mx_one_because_the_document_says_sctp_only()
    {
        var flows = WhoJson("udp/5679");

        Assert.DoesNotContain(flows, f => f.GetProperty("product").GetString() == "mitel-mx-one");
    }

    [Fact]
    public void Who_tcp_52500_does_not_find_swyxgate_whose_range_is_udp()
    {
        var flows = WhoJson("tcp/52500", "--wide");

        Assert.DoesNotContain(flows, f => f.GetProperty("product").GetString() == "swyx-swyxware"
            && f.TryGetProperty("component", out var c) && c.GetString() == "SwyxGate");
    }

    [Fact]
    public void Who_with_a_bare_port_searches_every_transport()
    {
        var flows = WhoJson("5060");

        var transports = flows.Select(f => f.GetProperty("transport").GetString()).ToHashSet();
        Assert.Contains("udp", transports);
        Assert.Contains("tcp", transports);
    }

    [Fact]
    public void Who_table_names_product_service_and_source()
    {
        var r = CliRunner.Run("who", "sctp/5679");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("CFCOPY", r.Out, StringComparison.Ordinal);
        Assert.Contains("MX-ONE", r.Out, StringComparison.Ordinal);
        Assert.Contains("sctp/5679", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_filters_by_transport_and_role()
    {
        var r = CliRunner.Run("show", "mitel-mx-one", "--transport", "sctp", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        var flows = JsonDocument.Parse(r.Out).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(flows);
        Assert.All(flows, f => Assert.Equal("sctp", f.GetProperty("transport").GetString()));
    }

    [Fact]
    public void Show_evaluates_channel_formulas_with_the_defaults()
    {
        var r = CliRunner.Run("show", "swyx-swyxware", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        var flows = JsonDocument.Parse(r.Out).RootElement.EnumerateArray().ToList();
        Assert.Contains(flows, f => f.GetProperty("ports").GetString() == "6000-{6000 + (channels - 1) * 10}"
            && f.TryGetProperty("resolved-ports", out var resolved) && resolved.GetString()!.StartsWith("6000-", StringComparison.Ordinal));
    }

    [Fact]
    public void Search_finds_flows_by_words()
    {
        var r = CliRunner.Run("search", "voicemail", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        Assert.NotEmpty(JsonDocument.Parse(r.Out).RootElement.EnumerateArray());
    }

    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("who")]
    [InlineData("search")]
    [InlineData("import")]
    public void Every_command_has_help_with_examples(string command)
    {
        var r = CliRunner.Run(command, "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Out, StringComparison.Ordinal);
        Assert.Contains($"portmatrix {command}", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_and_csv_formats_print_the_same_flows()
    {
        var yaml = CliRunner.Run("who", "udp/1719", "--format", "yaml");
        var csv = CliRunner.Run("who", "udp/1719", "--format", "csv");

        Assert.Equal(0, yaml.ExitCode);
        Assert.Equal(0, csv.ExitCode);
        Assert.Contains("query: udp/1719", yaml.Out, StringComparison.Ordinal);
        var rows = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("product,release,id", rows[0], StringComparison.Ordinal);
        Assert.Equal(WhoJson("udp/1719").Count, rows.Length - 1);
    }

    [Fact]
    public void Who_hides_very_wide_ranges_unless_asked()
    {
        var narrow = WhoJson("tcp/52500");
        var wide = WhoJson("tcp/52500", "--wide");

        Assert.True(wide.Count > narrow.Count);
        Assert.Contains(wide, f => f.GetProperty("ports").GetString() == "any");
        Assert.DoesNotContain(narrow, f => f.GetProperty("ports").GetString() == "any");
    }

    private static List<JsonElement> WhoJson(string query, params string[] more)
    {
        var r = CliRunner.Run(["who", query, "--format", "json", .. more]);
        Assert.True(r.ExitCode == 0, r.Err);
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("flows").EnumerateArray().ToList();
    }
}
