using System.Text.Json;

namespace PortMatrix.Cli.Tests;

public sealed class CheckCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.RepoRoot, "examples", name + ".yaml");

    [Fact]
    public void A_product_without_high_findings_exits_0_and_prints_the_Swyx_conflict()
    {
        var r = CliRunner.Run("check", "swyx-swyxware");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("PM-CONFLICT-001/swyx-swyxware:conference-manager+swyx-swyxware:linkmanager", r.Out, StringComparison.Ordinal);
        Assert.Contains("ConferenceManager and LinkManager both listen on udp/56000", r.Out, StringComparison.Ordinal);
        Assert.Contains("none is high or above", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_medium_exits_1_when_a_medium_finding_exists()
    {
        var r = CliRunner.Run("check", "swyx-swyxware", "--fail-on", "medium");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("failing", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_with_a_high_finding_exits_1_by_default_and_a_clean_site_exits_0()
    {
        Assert.Equal(1, CliRunner.Run("check", Example("ip-office-internet")).ExitCode);
        var clean = CliRunner.Run("check", Example("swyx-branch"), "--fail-on", "low");
        Assert.True(clean.ExitCode == 0, clean.Out + clean.Err);
    }

    [Theory]
    [InlineData("check", "no-such-product")]
    [InlineData("check", "swyx-swyxware", "--fail-on", "extreme")]
    [InlineData("check")]
    public void Usage_and_input_errors_exit_2(params string[] args)
    {
        var r = CliRunner.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.NotEmpty(r.Err);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_findings_with_id_severity_flows_and_fix()
    {
        var r = CliRunner.Run("check", "swyx-swyxware", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("high", root.GetProperty("fail-on").GetString());
        Assert.False(root.GetProperty("failed").GetBoolean());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.StartsWith("PM-", f.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "low", "medium", "high" });
            Assert.NotEmpty(f.GetProperty("flows").EnumerateArray());
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("fix").GetString()));
        });
        var mem = Assert.Single(findings, f => f.GetProperty("id").GetString() == "PM-CONFLICT-001/swyx-swyxware:mobile-extension-manager+swyx-swyxware:swyxit");
        var flow = mem.GetProperty("flows").EnumerateArray().First(x => x.GetProperty("id").GetString() == "swyx-swyxware:mem-sip-udp");
        Assert.Equal("udp/5070-5170", flow.GetProperty("ports").GetString());
        Assert.Equal(88, flow.GetProperty("source").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Help_shows_examples()
    {
        var r = CliRunner.Run("check", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--fail-on", r.Out, StringComparison.Ordinal);
        Assert.Contains("portmatrix check swyx-swyxware", r.Out, StringComparison.Ordinal);
    }
}
