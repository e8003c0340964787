using System.IO.Compression;
using System.Text.Json;

namespace PortMatrix.Cli.Tests;

public sealed class DocCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.RepoRoot, "examples", name + ".yaml");

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "portmatrix-doc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Theory]
    [InlineData("md", "# Port matrix: Mitel MX-ONE 7.x")]
    [InlineData("html", "<title>Port matrix: Mitel MX-ONE 7.x</title>")]
    [InlineData("csv", "product,release,component,listener,flow,")]
    [InlineData("json", "\"title\": \"Port matrix: Mitel MX-ONE 7.x\"")]
    public void Prints_each_text_format_to_standard_output(string format, string expected)
    {
        var r = CliRunner.Run("doc", "mitel-mx-one", "--format", format);

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains(expected, r.Out, StringComparison.Ordinal);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void Json_lists_every_flow_with_its_source()
    {
        var r = CliRunner.Run("doc", "swyx-swyxware", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var flows = JsonDocument.Parse(r.Out).RootElement.GetProperty("releases")[0].GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("flows").EnumerateArray()).ToList();
        Assert.Equal(71, flows.Count);
        Assert.All(flows, f => Assert.True(f.GetProperty("source").GetProperty("line").GetInt32() > 0));
    }

    [Fact]
    public void A_site_document_names_the_hosts_of_each_role()
    {
        var r = CliRunner.Run("doc", Example("swyx-branch"), "--format", "md");

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("# Port matrix: site swyx-hq", r.Out, StringComparison.Ordinal);
        Assert.Contains("| swyx-swyxware | SwyxServer (`swyx-server`) | swyx1 (10.30.0.10) | servers |", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Writes_each_format_to_a_file_and_overwrites_its_own_file(string format)
    {
        var dir = TempDir();
        try
        {
            var file = Path.Combine(dir, "matrix." + format);

            var first = CliRunner.Run("doc", "swyx-swyxware", "-o", file);
            var bytes = File.ReadAllBytes(file);
            var second = CliRunner.Run("doc", "swyx-swyxware", "-o", file);

            Assert.True(first.ExitCode == 0, first.Err);
            Assert.True(second.ExitCode == 0, second.Err);
            Assert.Equal("", first.Out);
            Assert.Contains("wrote " + file, first.Err, StringComparison.Ordinal);
            Assert.Equal(bytes, File.ReadAllBytes(file));
            Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_format_follows_the_file_extension()
    {
        var dir = TempDir();
        try
        {
            var file = Path.Combine(dir, "site.xlsx");

            var r = CliRunner.Run("doc", Example("swyx-branch"), "-o", file);

            Assert.True(r.ExitCode == 0, r.Err);
            using var zip = ZipFile.OpenRead(file);
            Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");
            Assert.Equal(4, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Csv_file_starts_with_a_byte_order_mark()
    {
        var dir = TempDir();
        try
        {
            var file = Path.Combine(dir, "m.csv");

            var r = CliRunner.Run("doc", "mitel-mx-one", "--format", "csv", "-o", file);

            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'p' }, File.ReadAllBytes(file)[..4]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Refuses_to_overwrite_a_file_it_did_not_write()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "my own notes\n");
        try
        {
            var r = CliRunner.Run("doc", "mitel-mx-one", "--format", "html", "-o", file);

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("refusing to overwrite", r.Err, StringComparison.Ordinal);
            Assert.Equal("my own notes\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Xlsx_needs_a_file()
    {
        var r = CliRunner.Run("doc", "mitel-mx-one", "--format", "xlsx");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("-o matrix.xlsx", r.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-product", "unknown product 'no-such-product'")]
    [InlineData("mitel-mx-one@99", "no release '99'")]
    public void Unknown_products_and_releases_exit_with_2_and_one_line(string subject, string what)
    {
        var r = CliRunner.Run("doc", subject, "--format", "md");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
        Assert.Contains(what, r.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "pdf")]
    [InlineData("--date", "31.01.2025")]
    public void Bad_options_exit_with_2(string option, string value)
    {
        var r = CliRunner.Run("doc", "mitel-mx-one", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_date_goes_into_the_header_only_when_given()
    {
        var dated = CliRunner.Run("doc", "mitel-mx-one", "--date", "2025-01-31");
        var plain = CliRunner.Run("doc", "mitel-mx-one");

        Assert.Contains("- **Date:** 2025-01-31", dated.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Date:", plain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_shows_examples()
    {
        var r = CliRunner.Run("doc", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Out, StringComparison.Ordinal);
        Assert.Contains("portmatrix doc mitel-mx-one", r.Out, StringComparison.Ordinal);
    }
}
