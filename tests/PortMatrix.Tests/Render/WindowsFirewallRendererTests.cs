using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

public sealed class WindowsFirewallRendererTests
{
    private static readonly WindowsFirewallRenderer Renderer = new();

    [Fact]
    public void A_rule_is_inbound_on_the_destination_from_the_source()
    {
        var rule = Single(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", "p:sip")));

        Assert.Equal("'PortMatrix-t-fw-lan-dmz-001'", rule["Name"]);
        Assert.Equal("$group", rule["Group"]);
        Assert.Equal("Inbound", rule["Direction"]);
        Assert.Equal("Allow", rule["Action"]);
        Assert.Equal("TCP", rule["Protocol"]);
        Assert.Equal("'5060'", rule["LocalPort"]);
        Assert.Equal("'192.0.2.10'", rule["LocalAddress"]);
        Assert.Equal("'10.1.0.10'", rule["RemoteAddress"]);
    }

    [Fact]
    public void Ranges_and_lists_are_a_list_of_quoted_ports()
    {
        var rule = Single(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Udp, "10000-20000,5060-5061,8080", "p:rtp")));

        Assert.Equal("UDP", rule["Protocol"]);
        Assert.Equal("'5060-5061','8080','10000-20000'", rule["LocalPort"]);
    }

    [Fact]
    public void An_any_source_leaves_out_the_remote_address()
    {
        var rule = Single(Render(HandBuiltPolicy.Rule("internet-dmz-001", Transport.Tcp, "443", "p:https") with
        {
            FromZone = "internet",
            Sources = [HandBuiltPolicy.Internet],
        }));

        Assert.False(rule.ContainsKey("RemoteAddress"));
        Assert.Equal("'192.0.2.10'", rule["LocalAddress"]);
    }

    [Fact]
    public void A_rule_towards_any_address_is_not_rendered_and_says_why()
    {
        var text = Render(HandBuiltPolicy.Rule("dmz-internet-001", Transport.Tcp, "443", "p:https") with
        {
            FromZone = "dmz",
            ToZone = "internet",
            Sources = [HandBuiltPolicy.Set("dmz", "sbc", "192.0.2.10")],
            Destinations = [HandBuiltPolicy.Internet],
        });

        Assert.Empty(WindowsFirewallSyntax.Rules(text));
        Assert.Contains("# dmz-internet-001: SIP [p:https]\n# Not rendered: the destination is any address", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_rules_use_IPv6_addresses_and_their_own_name()
    {
        var rules = WindowsFirewallSyntax.Rules(Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5061", "p:sips") with
        {
            Sources = [HandBuiltPolicy.Set("lan", "pbx", "10.1.0.10", "fd00:1::10")],
            Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "192.0.2.10", "fd00:2::/64")],
        }));

        Assert.Equal(2, rules.Count);
        Assert.Equal("'PortMatrix-t-fw-lan-dmz-001-v6'", rules[1]["Name"]);
        Assert.Equal("'fd00:2::/64'", rules[1]["LocalAddress"]);
        Assert.Equal("'fd00:1::10'", rules[1]["RemoteAddress"]);
    }

    [Theory]
    [InlineData(Transport.Icmp, true, "ICMPv4")]
    [InlineData(Transport.Icmp, false, "ICMPv6")]
    [InlineData(Transport.Icmpv6, false, "ICMPv6")]
    [InlineData(Transport.Esp, true, "50")]
    public void Portless_protocols_have_no_local_port(Transport transport, bool v4, string protocol)
    {
        var rule = HandBuiltPolicy.Rule("lan-dmz-001", transport, "", "p:proto");
        if (!v4)
        {
            rule = rule with
            {
                Sources = [HandBuiltPolicy.Set("lan", "pbx", "fd00:1::10")],
                Destinations = [HandBuiltPolicy.Set("dmz", "sbc", "fd00:2::10")],
            };
        }

        var parsed = Single(Render(rule));

        Assert.Equal(protocol, parsed["Protocol"]);
        Assert.False(parsed.ContainsKey("LocalPort"));
    }

    [Fact]
    public void Sctp_is_not_rendered_because_Windows_Firewall_cannot_match_its_ports()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Sctp, "2816", "p:sctp"));

        Assert.Empty(WindowsFirewallSyntax.Rules(text));
        Assert.Contains("# Not rendered: Windows Firewall cannot match SCTP ports (2816)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("typographic \u2019 quote", "'typographic \u2019\u2019 quote'")]
    [InlineData("$(not expanded) `n", "'$(not expanded) `n'")]
    public void Strings_are_single_quoted_with_embedded_quotes_doubled(string text, string quoted)
    {
        Assert.Equal(quoted, WindowsFirewallRenderer.Quote(text));
    }

    [Fact]
    public void Long_provenance_is_complete_in_a_comment_line_and_cut_in_the_description()
    {
        var flows = Enumerable.Range(1, 60).Select(i => $"product:a-rather-long-flow-identifier-number-{i:D3}").ToArray();
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "5060", flows));

        Assert.Contains($"\n# lan-dmz-001: SIP [{string.Join(" ", flows)}]\n", text, StringComparison.Ordinal);
        var description = Single(text)["Description"];
        Assert.Equal(WindowsFirewallRenderer.DescriptionLength + 2, description.Length);
        Assert.StartsWith("'lan-dmz-001 SIP [product:", description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_is_strict_and_replaces_its_own_group_first()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var lines = Renderer.Render(model).Split('\n');

        Assert.Equal(model.HeaderLines.Select(l => "# " + l), lines.Take(3));
        var code = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal("Set-StrictMode -Version Latest", code[0]);
        Assert.Equal("$ErrorActionPreference = 'Stop'", code[1]);
        Assert.Equal("$group = 'PortMatrix t fw'", code[2]);
        Assert.Equal("Remove-NetFirewallRule -Group $group -ErrorAction SilentlyContinue", code[3]);
        Assert.StartsWith("New-NetFirewallRule ", code[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_with_unix_line_ends()
    {
        var model = HandBuiltPolicy.Model([HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http")]);

        var a = Renderer.Render(model);

        Assert.Equal(a, Renderer.Render(model));
        Assert.EndsWith("\n", a, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", a, StringComparison.Ordinal);
    }

    public static TheoryData<string> Sites() => [.. Examples.Names];

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_passes_the_strict_syntax_check(string site)
    {
        foreach (var (_, text) in Examples.RenderEach(site, Renderer))
        {
            WindowsFirewallSyntax.Check(text);
        }
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Example_output_parses_in_PowerShell(string site)
    {
        // Debian has no PowerShell package; CI runs this only where pwsh is installed.
        var pwsh = FindOnPath("pwsh");
        if (pwsh is null)
        {
            Assert.Skip("pwsh (PowerShell) is not installed; Debian ships no powershell package. The strict syntax check above still runs.");
        }

        foreach (var (firewall, text) in Examples.RenderEach(site, Renderer))
        {
            var file = Path.Combine(Path.GetTempPath(), $"portmatrix-{site}-{firewall}-{Environment.ProcessId}.ps1");
            File.WriteAllText(file, text);
            try
            {
                var script = "$t = $null; $e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$t, [ref]$e); $e | ForEach-Object { $_.ToString() }; exit $e.Count";
                var psi = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "-NoProfile", "-NonInteractive", "-Command", script, file })
                {
                    psi.ArgumentList.Add(arg);
                }

                using var p = Process.Start(psi)!;
                var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"PowerShell parse errors in {firewall}: {output}");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void The_syntax_check_rejects_a_bad_port()
    {
        var text = Render(HandBuiltPolicy.Rule("lan-dmz-001", Transport.Tcp, "80", "p:http"));

        var bad = text.Replace("-LocalPort '80'", "-LocalPort '80;81'", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => WindowsFirewallSyntax.Check(bad));
    }

    private static string Render(PolicyRule rule)
    {
        var text = Renderer.Render(HandBuiltPolicy.Model([rule]));
        WindowsFirewallSyntax.Check(text);
        return text;
    }

    private static Dictionary<string, string> Single(string text) => Assert.Single(WindowsFirewallSyntax.Rules(text));

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>
/// A strict check of WindowsFirewallRenderer's output, standing in for the PowerShell parser where
/// pwsh is missing: every line is a comment or one of the statements the renderer writes, strings
/// are well-formed single-quoted literals, and New-NetFirewallRule gets only known parameters with
/// valid values (protocols, ports, addresses), unique rule names and the script's group.
/// </summary>
internal static partial class WindowsFirewallSyntax
{
    private static readonly string[] Fixed =
    [
        "#Requires -RunAsAdministrator",
        "Set-StrictMode -Version Latest",
        "$ErrorActionPreference = 'Stop'",
        "Remove-NetFirewallRule -Group $group -ErrorAction SilentlyContinue",
    ];

    public static void Check(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        var seen = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line.Length == 0 || (line.StartsWith("# ", StringComparison.Ordinal) && !line.Contains('\r', StringComparison.Ordinal)))
            {
                continue;
            }

            if (Fixed.Contains(line) || GroupLine().IsMatch(line))
            {
                seen.Add(line.Split(' ')[0]);
                continue;
            }

            Assert.True(seen.Count == Fixed.Length + 1, $"a rule before the strict-mode preamble and the removal of the group: {line}");
            var p = Parameters(line);
            Assert.Equal(
                new[] { "Name", "DisplayName", "Group", "Direction", "Action", "Profile", "Protocol" },
                p.Keys.Take(7));
            Assert.True(names.Add(p["Name"]), $"rule name used twice: {line}");
            Assert.Equal("$group", p["Group"]);
            Assert.Equal("Inbound", p["Direction"]);
            Assert.Equal("Allow", p["Action"]);
            Assert.Equal("Any", p["Profile"]);
            Assert.Contains(p["Protocol"], new[] { "TCP", "UDP", "ICMPv4", "ICMPv6", "50" });
            Assert.True(p.ContainsKey("LocalAddress"), $"no LocalAddress: {line}");
            Assert.True(p.ContainsKey("Description"), $"no Description: {line}");
            foreach (var (key, value) in p)
            {
                switch (key)
                {
                    case "Name" or "DisplayName" or "Description":
                        Assert.Matches(SingleQuoted(), value);
                        break;
                    case "LocalPort":
                        Assert.Contains(p["Protocol"], new[] { "TCP", "UDP" });
                        foreach (var port in Items(value))
                        {
                            Assert.True(PortItem().IsMatch(port) && PortRange.TryParse(port, out _), $"bad port {port}: {line}");
                        }

                        break;
                    case "LocalAddress" or "RemoteAddress":
                        foreach (var address in Items(value))
                        {
                            Assert.True(Cidr.TryParse(address, out _) || System.Net.IPAddress.TryParse(address, out _), $"bad address {address}: {line}");
                        }

                        break;
                    case "Group" or "Direction" or "Action" or "Profile" or "Protocol":
                        break;
                    default:
                        Assert.Fail($"unknown parameter -{key}: {line}");
                        break;
                }
            }
        }
    }

    /// <summary>The parameters of each New-NetFirewallRule line, values as written.</summary>
    public static List<Dictionary<string, string>> Rules(string text) =>
        text.Split('\n').Where(l => l.StartsWith("New-NetFirewallRule ", StringComparison.Ordinal)).Select(Parameters).ToList();

    private static Dictionary<string, string> Parameters(string line)
    {
        var m = RuleLine().Match(line);
        Assert.True(m.Success, $"not a line the renderer writes: {line}");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Groups["key"].Captures.Count; i++)
        {
            Assert.True(result.TryAdd(m.Groups["key"].Captures[i].Value, m.Groups["value"].Captures[i].Value), $"parameter given twice: {line}");
        }

        return result;
    }

    private static IEnumerable<string> Items(string value) =>
        QuotedItem().Matches(value).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal));

    // A value is a bareword, $group, or a comma-separated list of single-quoted strings in which
    // every single quote (ASCII or typographic) is doubled.
    private const string Quoted = @"['\u2018\u2019\u201A\u201B](?:[^'\u2018\u2019\u201A\u201B]|['\u2018\u2019\u201A\u201B]{2})*['\u2018\u2019\u201A\u201B]";

    [GeneratedRegex($@"^New-NetFirewallRule(?: -(?<key>[A-Za-z]+) (?<value>\$group|[A-Za-z0-9]+|{Quoted}(?:,{Quoted})*))+ \| Out-Null$")]
    private static partial Regex RuleLine();

    [GeneratedRegex($@"^{Quoted}$")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"'((?:[^']|'')*)'")]
    private static partial Regex QuotedItem();

    [GeneratedRegex($@"^\$group = {Quoted}$")]
    private static partial Regex GroupLine();

    [GeneratedRegex(@"^\d{1,5}(-\d{1,5})?$")]
    private static partial Regex PortItem();
}
