namespace PortMatrix.Cli.Tests;

/// <summary>Bad input gets one line on stderr, what and where, exit code 2 and no stack trace.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("udp/70000", "70000 is above 65535", "column 5")]
    [InlineData("xyz/5", "'xyz' is not a transport", "column 1")]
    [InlineData("tcp/20-10", "runs backwards", "column 5")]
    [InlineData("udp/50x", "unexpected 'x'", "column 7")]
    public void Who_rejects_bad_ports_with_one_line_and_exit_code_2(string arg, string what, string where)
    {
        var r = CliRunner.Run("who", arg);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        AssertOneLine(r.Err);
        Assert.Contains(what, r.Err, StringComparison.Ordinal);
        Assert.Contains(where, r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_of_an_unknown_product_names_it_and_lists_known_ones()
    {
        var r = CliRunner.Run("show", "no-such-product");

        Assert.Equal(2, r.ExitCode);
        AssertOneLine(r.Err);
        Assert.Contains("unknown product 'no-such-product'", r.Err, StringComparison.Ordinal);
        Assert.Contains("mitel-mx-one", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_of_an_unknown_release_lists_the_releases()
    {
        var r = CliRunner.Run("show", "mitel-mx-one@99");

        Assert.Equal(2, r.ExitCode);
        AssertOneLine(r.Err);
        Assert.Contains("no release '99'", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_missing_file_says_so()
    {
        var r = CliRunner.Run("import", "/nonexistent/ports.txt");

        Assert.Equal(2, r.ExitCode);
        AssertOneLine(r.Err);
        Assert.Contains("/nonexistent/ports.txt", r.Err, StringComparison.Ordinal);
        Assert.Contains("does not exist", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_an_empty_file_says_so()
    {
        var file = Path.GetTempFileName();
        try
        {
            var r = CliRunner.Run("import", file);

            Assert.Equal(2, r.ExitCode);
            AssertOneLine(r.Err);
            Assert.Contains("is empty", r.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Import_of_a_binary_file_says_so_and_leaves_it_alone()
    {
        var file = Path.GetTempFileName();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(file, bytes);
        try
        {
            var r = CliRunner.Run("import", file);

            Assert.Equal(2, r.ExitCode);
            AssertOneLine(r.Err);
            Assert.Contains("not a text document", r.Err, StringComparison.Ordinal);
            Assert.Equal(bytes, File.ReadAllBytes(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Import_of_text_without_ports_is_an_error_not_an_empty_success()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "Meeting notes\n\nWe talked about the weather and lunch.\n");
        try
        {
            var r = CliRunner.Run("import", file);

            Assert.Equal(2, r.ExitCode);
            AssertOneLine(r.Err);
            Assert.Contains("no port", r.Err, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_bad_user_catalog_file_is_reported_with_file_line_and_column()
    {
        var dir = Directory.CreateTempSubdirectory("pm-cat-");
        var file = Path.Combine(dir.FullName, "bad.yaml");
        File.WriteAllText(file, """
            id: acme-pbx
            vendor: Acme
            product: PBX
            release: "1"
            sources: [{ id: doc, title: Acme ports }]
            roles: [{ id: server, name: Server }, { id: phone, name: Phone }]
            flows:
              - id: sip
                service: SIP
                from: phone
                to: server
                transport: udp
                ports: "5060-70000"
                purpose: call signalling
                source: { doc: doc, line: 1, cell: "UDP 5060" }
            """);
        try
        {
            var r = CliRunner.Run("list", "--catalog", dir.FullName);

            Assert.Equal(2, r.ExitCode);
            AssertOneLine(r.Err);
            Assert.Contains($"{file}:13:", r.Err, StringComparison.Ordinal);
            Assert.Contains("70000 is above 65535", r.Err, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var r = CliRunner.Run("frobnicate");

        Assert.Equal(2, r.ExitCode);
        AssertOneLine(r.Err);
    }

    private static void AssertOneLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
