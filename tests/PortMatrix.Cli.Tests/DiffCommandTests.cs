using System.Text.Json;

namespace PortMatrix.Cli.Tests;

public sealed class DiffCommandTests
{
    [Fact]
    public void Diff_json_has_added_removed_and_changed()
    {
        var r = CliRunner.Run("diff", "avaya-ip-office@9.0.3FP", "avaya-ip-office@9.1", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(7, root.GetProperty("added").GetArrayLength());
        Assert.Equal(8, root.GetProperty("removed").GetArrayLength());
        var changed = root.GetProperty("changed").EnumerateArray().ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, c => Assert.Contains("ports 47000-54000 → 40750-50750", c.GetProperty("changes").EnumerateArray().Select(x => x.GetString())));
    }

    [Fact]
    public void Diff_markdown_lists_table_5()
    {
        var r = CliRunner.Run("diff", "avaya-ip-office@8.1 FP", "avaya-ip-office@9.0", "--format", "md");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("## Added (7)", r.Out, StringComparison.Ordinal);
        Assert.Contains("## Removed (0)", r.Out, StringComparison.Ordinal);
        Assert.Contains("tcp/52233", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_two_catalog_files_works()
    {
        var a = Path.Combine(CliRunner.RepoRoot, "catalog", "avaya-ip-office-9.1.yaml");
        var b = Path.Combine(CliRunner.RepoRoot, "catalog", "avaya-ip-office-9.0.3-fp.yaml");

        var r = CliRunner.Run("diff", b, a, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(7, JsonDocument.Parse(r.Out).RootElement.GetProperty("added").GetArrayLength());
    }

    [Fact]
    public void Diff_of_an_unknown_release_is_a_usage_error()
    {
        var r = CliRunner.Run("diff", "avaya-ip-office@7.0", "avaya-ip-office@9.1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no release '7.0'", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_looks_at_the_newest_release_unless_asked_for_all()
    {
        var latest = CliRunner.Run("who", "tcp/50805", "--format", "json");
        var all = CliRunner.Run("who", "tcp/50805", "--format", "json", "--all-releases");

        Assert.Single(JsonDocument.Parse(latest.Out).RootElement.GetProperty("flows").EnumerateArray());
        Assert.Equal(4, JsonDocument.Parse(all.Out).RootElement.GetProperty("flows").GetArrayLength());
    }
}
