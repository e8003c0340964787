using System.Text;
using PortMatrix.Ports;

namespace PortMatrix.Render;

/// <summary>
/// A PowerShell script of <c>New-NetFirewallRule</c> calls for Windows Firewall, the host firewall of
/// the destination hosts: each rule allows inbound traffic to its destination networks (LocalAddress)
/// from its source networks (RemoteAddress).
/// </summary>
/// <remarks>
/// The same script can run on every destination host: a rule only matches on a host that holds one of
/// its local addresses. It first removes the rules of its own group, so running it again replaces
/// them. Whatever no rule allows is blocked by the profiles' default inbound action (Block). Rules
/// towards any address (hosts that are not the site's) and SCTP rules (Windows Firewall matches
/// ports for TCP and UDP only) are left out, each with a comment that says so.
/// </remarks>
public sealed class WindowsFirewallRenderer : IFirewallRenderer
{
    /// <summary>A length we keep descriptions and display names under.</summary>
    internal const int DescriptionLength = 1024;

    public string Name => "windows-firewall";

    public string Description => "Windows Firewall PowerShell (New-NetFirewallRule)";

    public string Extension => "ps1";

    public string Render(RenderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');

        foreach (var line in model.HeaderLines)
        {
            Line("# " + line);
        }

        Line("# Windows Firewall on each destination host: inbound rules, LocalAddress = destination, RemoteAddress = source.");
        Line("# Run on every destination host; traffic no rule allows is blocked by the default inbound action (Block).");
        Line("#Requires -RunAsAdministrator");
        Line("Set-StrictMode -Version Latest");
        Line("$ErrorActionPreference = 'Stop'");
        var group = $"PortMatrix {model.SiteName} {model.Firewall.Name}";
        Line($"$group = {Quote(group)}");
        Line("# Running the script again replaces the rules it made before.");
        Line("Remove-NetFirewallRule -Group $group -ErrorAction SilentlyContinue");

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in model.Rules)
        {
            Line("");
            Line($"# {r.Name}: {r.Comment}");
            var transport = r.Service.Transport == Transport.Icmp && !r.IsIPv4 ? Transport.Icmpv6 : r.Service.Transport;
            if (transport == Transport.Sctp)
            {
                // Windows Firewall matches ports only for TCP and UDP; protocol 132 without ports would allow more.
                Line($"# Not rendered: Windows Firewall cannot match SCTP ports ({r.Service.Ports}); this traffic stays blocked.");
                continue;
            }

            var local = Addresses(r.Destinations);
            if (local is null)
            {
                // The destination is not a host of the site; an inbound rule without LocalAddress would
                // open the port on every host that runs this script.
                Line("# Not rendered: the destination is any address, not a host of this site; its own firewall decides.");
                continue;
            }

            var id = Naming.Unique(Naming.Identifier($"PortMatrix-{model.SiteName}-{model.Firewall.Name}-{r.Name}", 200, "-_."), ids, 200);
            var args = new List<string>
            {
                $"-Name {Quote(id)}",
                $"-DisplayName {Quote(Limit($"PortMatrix {r.Name}: {string.Join(", ", r.Rule.Services)}"))}",
                "-Group $group",
                "-Direction Inbound",
                "-Action Allow",
                "-Profile Any",
                $"-Protocol {Protocol(transport)}",
            };

            if (r.Service.HasPorts && !r.Service.Ports.IsAll)
            {
                args.Add($"-LocalPort {List(r.Service.Ports.Ranges.Select(p => p.ToString()))}");
            }

            args.Add($"-LocalAddress {List(local)}");
            var remote = Addresses(r.Sources);
            if (remote is not null)
            {
                args.Add($"-RemoteAddress {List(remote)}");
            }

            args.Add($"-Description {Quote(Limit($"{r.Name} {r.Comment}"))}");
            Line($"New-NetFirewallRule {string.Join(" ", args)} | Out-Null");
        }

        return sb.ToString();
    }

    private static string Protocol(Transport t) => t switch
    {
        Transport.Tcp => "TCP",
        Transport.Udp => "UDP",
        Transport.Icmp => "ICMPv4",
        Transport.Icmpv6 => "ICMPv6",
        Transport.Esp => "50",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "Windows Firewall rules here are TCP, UDP, ICMP or ESP."),
    };

    /// <summary>The networks of the objects, or null for any address.</summary>
    private static List<string>? Addresses(IReadOnlyList<AddressObject> objects) =>
        objects.Any(o => o.IsAny) ? null : objects.SelectMany(o => o.Networks).Distinct().Order().Select(n => n.ToShortString()).ToList();

    private static string List(IEnumerable<string> items) => string.Join(",", items.Select(Quote));

    private static string Limit(string text) => text.Length <= DescriptionLength ? text : text[..(DescriptionLength - 3)] + "...";

    /// <summary>A single-quoted PowerShell string: every kind of single quote doubled, nothing expanded.</summary>
    internal static string Quote(string text)
    {
        var sb = new StringBuilder("'");
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            // PowerShell treats the typographic single quotes as quote characters too.
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                sb.Append(c);
            }

            sb.Append(c);
        }

        return sb.Append('\'').ToString();
    }
}
