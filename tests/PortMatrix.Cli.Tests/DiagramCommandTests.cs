using System.Text.Json;
using System.Xml.Linq;

namespace PortMatrix.Cli.Tests;

public sealed class DiagramCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.RepoRoot, "examples", name + ".yaml");

    private static bool HasDot() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "dot")));

    [Fact]
    public void Dot_is_the_default_format()
    {
        var r = CliRunner.Run("diagram", "mitel-mx-one");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("digraph \"portmatrix\" {", r.Out, StringComparison.Ordinal);
        Assert.Contains("\"mobile-client\" -> \"snm-pm\" [label=\"tcp/9443 (TLS)\"", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_of_a_site_has_a_subgraph_per_zone()
    {
        var r = CliRunner.Run("diagram", Example("mx-one-hq"), "--format", "mermaid");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.StartsWith("flowchart LR\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("subgraph c_cluster_zone_lan[", r.Out, StringComparison.Ordinal);
        Assert.Contains("subgraph c_cluster_zone_voice[", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_nodes_and_merged_edges()
    {
        var r = CliRunner.Run("diagram", "avaya-ip-office@9.1", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        var edges = root.GetProperty("edges").EnumerateArray().Select(e => (e.GetProperty("from").GetString(), e.GetProperty("to").GetString())).ToList();
        Assert.Equal(edges.Distinct().Count(), edges.Count);
        Assert.Contains(root.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == "voicemail-pro");
    }

    [Fact]
    public void All_adds_the_flows_that_need_no_opening()
    {
        var normal = CliRunner.Run("diagram", "mitel-mx-one", "--format", "json");
        var all = CliRunner.Run("diagram", "mitel-mx-one", "--format", "json", "--all");

        static int Edges(string json) => JsonDocument.Parse(json).RootElement.GetProperty("edges").GetArrayLength();
        Assert.True(Edges(all.Out) > Edges(normal.Out));
    }

    [Fact]
    public void Svg_is_written_to_a_file_and_rewritten_on_the_next_run()
    {
        if (!HasDot())
        {
            Assert.Skip("Graphviz 'dot' is not installed (Debian: apt-get install graphviz).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"pm-{Guid.NewGuid():N}.svg");
        try
        {
            var r = CliRunner.Run("diagram", "swyx-swyxware", "-o", file);
            var again = CliRunner.Run("diagram", "swyx-swyxware", "--format", "svg", "-o", file);

            Assert.True(r.ExitCode == 0, r.Err);
            Assert.True(again.ExitCode == 0, again.Err);
            Assert.Equal("", again.Out);
            var svg = XDocument.Load(file);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "title"), t => t.Value == "swyx-server");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Svg_without_graphviz_is_a_usage_error_that_says_to_install_it()
    {
        var r = CliRunner.RunIn(null, new Dictionary<string, string> { ["PORTMATRIX_DOT"] = "/nonexistent/dot" }, "diagram", "mitel-mx-one", "--format", "svg");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Install Graphviz", r.Err, StringComparison.Ordinal);
        Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void An_unknown_product_is_a_usage_error()
    {
        var r = CliRunner.Run("diagram", "cisco-ucm", "--format", "mermaid");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown product 'cisco-ucm'", r.Err, StringComparison.Ordinal);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var r = CliRunner.Run("diagram", "mitel-mx-one", "--format", "png");

        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Diagram_refuses_to_overwrite_a_file_it_did_not_write()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "my own notes\n");
        try
        {
            var r = CliRunner.Run("diagram", "mitel-mx-one", "-o", file);

            Assert.Equal(2, r.ExitCode);
            Assert.Equal("my own notes\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Diagram_has_help_with_examples()
    {
        var r = CliRunner.Run("diagram", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Out, StringComparison.Ordinal);
        Assert.Contains("portmatrix diagram swyx-swyxware --format svg", r.Out, StringComparison.Ordinal);
    }
}
