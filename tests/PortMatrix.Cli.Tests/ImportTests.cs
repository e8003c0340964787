using System.Text.Json;

namespace PortMatrix.Cli.Tests;

public sealed class ImportTests
{
    public static TheoryData<string> Seeds() => new()
    {
        "000_6d972d656c8aeca0.txt", "001_55bedca5d356ede9.txt", "002_5e79d41b41252df8.txt",
        "003_c225dded3e857ec3.txt", "004_853d6c1448a2674f.txt",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Import_json_follows_the_contract(string seed)
    {
        var path = CliRunner.Seed(seed);

        var r = CliRunner.Run("import", path, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(path, root.GetProperty("document").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("layout").GetString()));
        var flows = root.GetProperty("flows").EnumerateArray().ToList();
        Assert.NotEmpty(flows);
        Assert.All(flows, f =>
        {
            Assert.Contains(f.GetProperty("transport").GetString(), new[] { "tcp", "udp", "sctp", "icmp", "icmpv6", "esp" });
            Assert.False(string.IsNullOrEmpty(f.GetProperty("ports").GetString()));
            Assert.True(f.GetProperty("source").GetProperty("line").GetInt32() > 0);
            Assert.False(string.IsNullOrEmpty(f.GetProperty("source").GetProperty("cell").GetString()));
        });
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Yaml_draft_of_a_seed_loads_back_as_a_user_catalog()
    {
        var path = CliRunner.Seed("004_853d6c1448a2674f.txt");
        var dir = Directory.CreateTempSubdirectory("pm-draft-");
        try
        {
            var draft = CliRunner.Run("import", path, "--format", "yaml", "--vendor", "Test", "--product", "Draft Swyx", "--release", "1");
            Assert.True(draft.ExitCode == 0, draft.Err);
            File.WriteAllText(Path.Combine(dir.FullName, "draft.yaml"), draft.Out);

            var show = CliRunner.Run("show", "draft-swyx", "--catalog", dir.FullName, "--format", "json");

            Assert.True(show.ExitCode == 0, show.Err);
            Assert.NotEmpty(JsonDocument.Parse(show.Out).RootElement.EnumerateArray());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "--product", "Osprey PBX 9" }, "Osprey PBX 9")]
    [InlineData(new[] { "--vendor", "Osprey", "--product", "PBX 9" }, "Osprey PBX 9")]
    [InlineData(new[] { "--vendor", "Osprey", "--product", "Osprey PBX 9" }, "Osprey PBX 9")]
    [InlineData(new[] { "--vendor", "Osprey" }, "Kite Gateway 2")]
    [InlineData(new string[0], "Kite Gateway 2")]
    public void Product_and_vendor_name_the_product_side_of_generic_flows(string[] hints, string side)
    {
        var dir = Directory.CreateTempSubdirectory("pm-hints-");
        try
        {
            var path = Path.Combine(dir.FullName, "ports.md");
            File.WriteAllText(path, "# Kite Gateway 2 - firewall ports\n\n| Service | Protocol | Port | Direction |\n|---|---|---|---|\n| SIP | UDP | 5060 | In |\n| Syslog | UDP | 514 | Out |\n");

            var r = CliRunner.Run(["import", path, "--format", "json", .. hints]);

            Assert.True(r.ExitCode == 0, r.Err);
            var flows = JsonDocument.Parse(r.Out).RootElement.GetProperty("flows").EnumerateArray().ToList();
            Assert.Equal(2, flows.Count);
            Assert.Equal([side], flows[0].GetProperty("to").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal([side], flows[1].GetProperty("from").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    [InlineData("csv")]
    public void A_large_import_is_written_whole_in_every_format(string format)
    {
        // Given a CSV of 20,000 rows (some MB of output, written in many pieces) with one row that gives a warning
        var dir = Directory.CreateTempSubdirectory("pm-large-");
        try
        {
            var path = Path.Combine(dir.FullName, "large.csv");
            using (var w = new StreamWriter(path))
            {
                w.WriteLine("Service,Port,Protocol,Direction");
                for (var i = 1; i <= 20_000; i++)
                {
                    w.WriteLine(i == 10_000 ? "Broken,70000,UDP,In" : $"Service {i},{1 + (i % 65000)},{(i % 2 == 0 ? "TCP" : "UDP")},In");
                }
            }

            // When it is imported
            var r = CliRunner.Run("import", path, "--format", format);

            // Then every flow is in the output, the last one included, and the warning is on standard error
            Assert.True(r.ExitCode == 0, r.Err);
            switch (format)
            {
                case "json":
                    var root = JsonDocument.Parse(r.Out).RootElement;
                    var flows = root.GetProperty("flows").EnumerateArray().ToList();
                    Assert.Equal(19_999, flows.Count);
                    Assert.Equal(20_001, flows[^1].GetProperty("source").GetProperty("line").GetInt32());
                    Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("line").GetInt32() == 10_001);
                    break;
                case "yaml":
                    Assert.Equal(19_999, r.Out.Split('\n').Count(l => l.StartsWith("    service: ", StringComparison.Ordinal)));
                    Assert.EndsWith("line: 20001, cell: \"20001\" }\n", r.Out, StringComparison.Ordinal);
                    break;
                default:
                    var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    Assert.Equal(20_000, lines.Length);
                    Assert.StartsWith("20001,Service 20000,", lines[^1], StringComparison.Ordinal);
                    break;
            }

            if (format != "json")
            {
                Assert.Contains("large.csv:10001: warning:", r.Err, StringComparison.Ordinal);
            }

            // No progress line goes into a redirected standard error.
            Assert.DoesNotContain("importing large.csv", r.Err, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_progress_line_shows_the_import_on_standard_error_and_is_erased_at_the_end()
    {
        // Given a CSV and progress asked for even though standard error is not a terminal
        var dir = Directory.CreateTempSubdirectory("pm-progress-");
        try
        {
            var path = Path.Combine(dir.FullName, "ports.csv");
            File.WriteAllText(path, "Service,Port,Protocol\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"S{i},{i},UDP\n")));

            // When it is imported
            var r = CliRunner.RunIn(null, new Dictionary<string, string> { ["PORTMATRIX_PROGRESS"] = "always" }, "import", path, "--format", "json");

            // Then standard error shows what is imported, the line is erased at the end, and standard output is whole
            Assert.True(r.ExitCode == 0, r.Err);
            Assert.Contains($"\r| importing ports.csv (", r.Err, StringComparison.Ordinal);
            Assert.EndsWith("\r\u001b[K", r.Err, StringComparison.Ordinal);
            Assert.Equal(20_000, JsonDocument.Parse(r.Out).RootElement.GetProperty("flows").GetArrayLength());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Explain_shows_cell_and_rule()
    {
        var path = CliRunner.Seed("001_55bedca5d356ede9.txt");

        var r = CliRunner.Run("import", path, "--explain");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("RULE", r.Out, StringComparison.Ordinal);
        Assert.Contains("TCP/UDP 53", r.Out, StringComparison.Ordinal);
    }
}

public sealed class UserCatalogTests
{
    [Fact]
    public void Portmatrix_catalog_variable_adds_user_files_on_top_of_the_built_in_ones()
    {
        var dir = Directory.CreateTempSubdirectory("pm-env-");
        File.WriteAllText(Path.Combine(dir.FullName, "acme.yaml"), """
            id: acme-pbx
            vendor: Acme
            product: PBX
            release: "1"
            sources: [{ id: doc, title: Acme ports }]
            roles: [{ id: server, name: Server }, { id: phone, name: Phone }]
            flows:
              - { id: sip, service: SIP, from: phone, to: server, transport: udp, ports: "15060", purpose: call signalling, source: { doc: doc, line: 1, cell: "UDP 15060" } }
            """);
        try
        {
            var r = CliRunner.RunIn(null, new Dictionary<string, string> { ["PORTMATRIX_CATALOG"] = dir.FullName }, "who", "udp/15060", "--format", "json");

            Assert.True(r.ExitCode == 0, r.Err);
            var products = System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("products").EnumerateArray().Select(e => e.GetString());
            Assert.Equal(["acme-pbx"], products);
            Assert.Contains("mitel-mx-one", CliRunner.RunIn(null, new Dictionary<string, string> { ["PORTMATRIX_CATALOG"] = dir.FullName }, "list").Out, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
