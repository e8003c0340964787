using System.Diagnostics;
using System.Globalization;
using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Render;
using PortMatrix.Sites;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

/// <summary>
/// The nftables output in a real kernel: network namespaces joined by veth pairs, a firewall
/// namespace that routes between two client namespaces, the rendered ruleset loaded there, and real
/// TCP connects and UDP datagrams through it. Needs root, iproute2, nftables and python3 (Debian
/// packages iproute2, nftables, python3); skips visibly without them. Traffic goes only to addresses
/// inside the namespaces the test creates, and the namespaces are always deleted.
/// </summary>
public sealed class NftablesKernelTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    // SwyxWare: the server in zone "inside" (namespace A), SwyxIt! clients in zone "outside"
    // (namespace B). Its flows have TCP and UDP, single ports and ranges, in both directions.
    private const string SiteYaml = """
        site: kernel
        zones:
          - { name: inside,  cidrs: [10.123.1.0/24, "fd00:123:1::/64"] }
          - { name: outside, cidrs: [10.123.2.0/24, "fd00:123:2::/64"] }
        hosts:
          - { name: srv, addresses: [10.123.1.2, "fd00:123:1::2"], zone: inside, runs: [swyx-swyxware:swyx-server, swyx-swyxware:cds] }
        bind:
          swyx-swyxware:swyxit: outside
        firewalls:
          - { name: fw, zones: [inside, outside], target: nftables }
        """;

    // Binds every port given as tcp:N / udp:N on :: (IPv4 too), accepts TCP connections and echoes
    // UDP datagrams; prints "ready" once all are bound and exits by itself after the given seconds.
    private const string ListenerPy = """
        import selectors, socket, sys, time
        deadline = time.time() + float(sys.argv[1])
        sel = selectors.DefaultSelector()
        for spec in sys.argv[2:]:
            proto, port = spec.split(":")
            s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("::", int(port)))
            if proto == "tcp":
                s.listen(64)
            sel.register(s, selectors.EVENT_READ, proto)
        print("ready", flush=True)
        while time.time() < deadline:
            for key, _ in sel.select(0.5):
                try:
                    if key.data == "tcp":
                        c, _ = key.fileobj.accept()
                        c.close()
                    else:
                        data, addr = key.fileobj.recvfrom(2048)
                        key.fileobj.sendto(b"ack:" + data, addr)
                except OSError:
                    pass
        """;

    // Probes ADDRESS with tcp:N (connect) and udp:N (datagram, waits for the echo), all at once,
    // each from its own source port counted up from SRCBASE (so no probe meets an old conntrack
    // entry; 30000-31999 hold no listener); prints "tcp:N open|timeout|refused|error" and "udp:N reply|none|refused|error".
    private const string ProberPy = """
        import concurrent.futures, socket, sys
        addr, timeout, base = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
        probes = sys.argv[4:]
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        def probe(i, spec):
            proto, port = spec.split(":")
            port = int(port)
            s = socket.socket(family, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("", base + i))
                if proto == "tcp":
                    s.settimeout(timeout)
                    s.connect((addr, port))
                    return "open"
                s.settimeout(timeout / 3)
                s.connect((addr, port))
                for _ in range(3):
                    s.send(b"pm-%d" % port)
                    try:
                        if s.recv(2048) == b"ack:pm-%d" % port:
                            return "reply"
                    except socket.timeout:
                        pass
                return "none"
            except socket.timeout:
                return "timeout"
            except ConnectionRefusedError:
                return "refused"
            except OSError as e:
                return "error:" + str(e).replace(" ", "_")
            finally:
                s.close()
        with concurrent.futures.ThreadPoolExecutor(64) as pool:
            results = list(pool.map(probe, range(len(probes)), probes))
        for spec, result in zip(probes, results):
            print(spec, result, flush=True)
        """;

    /// <summary>At most this many allowed ports are probed per direction and family (range ends and middles first).</summary>
    private const int MaxAllowedProbes = 60;

    private const int MaxDeniedProbes = 12;

    public static TheoryData<string> GoldenSites()
    {
        var data = new TheoryData<string>();
        foreach (var site in Examples.Names)
        {
            data.Add(site);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenSites))]
    public void Nft_accepts_the_nftables_golden_in_a_scratch_namespace(string site)
    {
        var tools = RequireTools(needPython: false);
        var golden = Path.Combine(Repo.Root, "tests", "PortMatrix.Tests", "Render", "Golden", site, "nftables.nft");
        var ns = "pm-chk-" + Suffix();
        AddNamespace(tools, ns);
        try
        {
            // -c checks without committing; the real load then proves the kernel takes it too. Both
            // happen in the scratch namespace, so the host's ruleset is never touched.
            var check = Run(tools.Ip, ["netns", "exec", ns, tools.Nft, "-c", "-f", golden]);
            Assert.True(check.ExitCode == 0, $"nft -c -f {golden} failed:\n{check.Output}");
            var load = Run(tools.Ip, ["netns", "exec", ns, tools.Nft, "-f", golden]);
            Assert.True(load.ExitCode == 0, $"nft -f {golden} failed:\n{load.Output}");
            var again = Run(tools.Ip, ["netns", "exec", ns, tools.Nft, "-f", golden]);
            Assert.True(again.ExitCode == 0, $"loading {golden} a second time failed (it should replace its table):\n{again.Output}");
            var tables = Run(tools.Ip, ["netns", "exec", ns, tools.Nft, "list", "tables"]).Output;
            foreach (var fw in Examples.Site(site).Firewalls)
            {
                Assert.Contains(Naming.Identifier($"portmatrix_{Examples.Site(site).Name}_{fw.Name}", 60, "_"), tables, StringComparison.Ordinal);
            }
        }
        finally
        {
            Run(tools.Ip, ["netns", "del", ns]);
        }
    }

    [Fact]
    public void Every_compiled_port_passes_the_kernel_and_others_are_dropped()
    {
        var tools = RequireTools(needPython: true);
        var stopwatch = Stopwatch.StartNew();
        var suffix = Suffix();
        var nsA = "pm-a-" + suffix;
        var nsB = "pm-b-" + suffix;
        var nsFw = "pm-fw-" + suffix;
        var temp = Directory.CreateTempSubdirectory("portmatrix-kernel-").FullName;
        var listeners = new List<Process>();
        var created = new List<string>();
        try
        {
            // Given two client namespaces routed through a firewall namespace,
            foreach (var ns in new[] { nsA, nsB, nsFw })
            {
                AddNamespace(tools, ns);
                created.Add(ns);
            }

            BuildTopology(tools, nsA, nsB, nsFw);

            // and the rendered ruleset of the site with its probes,
            var catalog = PortCatalog.BuiltIn();
            var policy = PolicyCompiler.Compile(SiteFileReader.Read("kernel.yaml", SiteYaml, catalog));
            var model = RenderModel.Build(policy, policy.Site.Firewalls[0]);
            var rulesetFile = Path.Combine(temp, "ruleset.nft");
            File.WriteAllText(rulesetFile, new NftablesRenderer().Render(model));
            var listenerPy = Path.Combine(temp, "listener.py");
            var proberPy = Path.Combine(temp, "prober.py");
            File.WriteAllText(listenerPy, ListenerPy);
            File.WriteAllText(proberPy, ProberPy);

            var sides = new Dictionary<string, (string Ns, string V4, string V6)>(StringComparer.Ordinal)
            {
                ["inside"] = (nsA, "10.123.1.2", "fd00:123:1::2"),
                ["outside"] = (nsB, "10.123.2.2", "fd00:123:2::2"),
            };
            var plans = new List<Plan>();
            foreach (var (from, to) in new[] { ("inside", "outside"), ("outside", "inside") })
            {
                foreach (var v4 in new[] { true, false })
                {
                    var rules = model.Rules.Where(r => r.Rule.FromZone == from && r.Rule.ToZone == to && r.IsIPv4 == v4).ToList();
                    var client = v4 ? sides[from].V4 : sides[from].V6;
                    var server = v4 ? sides[to].V4 : sides[to].V6;
                    foreach (var r in rules)
                    {
                        // The probes can only speak for a rule that covers these two addresses.
                        Assert.True(Covers(r.Sources, client) && Covers(r.Destinations, server), $"rule {r.Name} does not cover {client} -> {server}");
                    }

                    plans.Add(new Plan($"{from}->{to} {(v4 ? "IPv4" : "IPv6")}", sides[from].Ns, sides[to].Ns, server, rules));
                }
            }

            Assert.Contains(plans, p => p.Allowed.Any(a => a.StartsWith("tcp:", StringComparison.Ordinal)));
            Assert.Contains(plans, p => p.Allowed.Any(a => a.StartsWith("udp:", StringComparison.Ordinal)));
            Assert.Equal(model.Rules.Count, plans.Sum(p => p.Rules.Count));

            // with listeners on every probed port in both client namespaces,
            foreach (var ns in new[] { nsA, nsB })
            {
                var ports = plans.Where(p => p.ServerNs == ns).SelectMany(p => p.Allowed.Concat(p.Denied)).Distinct().ToList();
                listeners.Add(StartListener(tools, ns, listenerPy, ports));
            }

            // When no ruleset is loaded, the ports that the policy will deny do pass: the path and
            // the listeners work, so a drop later is the firewall's doing.
            var sourcePort = 30000;
            foreach (var plan in plans)
            {
                // A fresh namespace may still be resolving IPv6 neighbours: this precondition gets up
                // to three tries (bounded), the checks with the ruleset below get one.
                Dictionary<string, string> results = [];
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    results = Probe(tools, plan.ClientNs, proberPy, plan.Server, 2.0, sourcePort, plan.Denied);
                    sourcePort += plan.Denied.Count;
                    if (plan.Denied.All(p => results[p] is "open" or "reply"))
                    {
                        break;
                    }
                }

                Assert.All(plan.Denied, p => Assert.True(results[p] is "open" or "reply", $"{plan.Name} {p} without a ruleset: {results[p]}"));
            }

            var load = Run(tools.Ip, ["netns", "exec", nsFw, tools.Nft, "-f", rulesetFile]);
            Assert.True(load.ExitCode == 0, $"nft -f failed:\n{load.Output}");

            // Then every compiled (transport, port) passes and the others are dropped.
            sourcePort = 31000;
            var failures = new List<string>();
            foreach (var plan in plans)
            {
                var allowed = Probe(tools, plan.ClientNs, proberPy, plan.Server, 2.0, sourcePort, plan.Allowed);
                sourcePort += plan.Allowed.Count;
                var denied = Probe(tools, plan.ClientNs, proberPy, plan.Server, 1.0, sourcePort, plan.Denied);
                sourcePort += plan.Denied.Count;
                failures.AddRange(plan.Allowed.Where(p => allowed[p] is not ("open" or "reply")).Select(p => $"{plan.Name} {p} is in the policy but got {allowed[p]}"));
                failures.AddRange(plan.Denied.Where(p => denied[p] is not ("timeout" or "none")).Select(p => $"{plan.Name} {p} is not in the policy but got {denied[p]}"));
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"the kernel test took {stopwatch.Elapsed}");
        }
        finally
        {
            foreach (var p in listeners)
            {
                Stop(p);
            }

            foreach (var ns in created)
            {
                Run(tools.Ip, ["netns", "del", ns]);
            }

            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The probes of one direction and address family: samples of every allowed range, and ports next to them that are not allowed.</summary>
    private sealed class Plan
    {
        public Plan(string name, string clientNs, string serverNs, string server, IReadOnlyList<RenderRule> rules)
        {
            Name = name;
            ClientNs = clientNs;
            ServerNs = serverNs;
            Server = server;
            Rules = rules;
            foreach (var transport in new[] { Transport.Tcp, Transport.Udp })
            {
                var ranges = rules.Where(r => r.Service.Transport == transport).SelectMany(r => r.Service.Ports.Ranges).ToList();
                var proto = transport.ToName();
                Assert.DoesNotContain(rules, r => r.Service.Transport == transport && r.Service.Ports.IsAll);
                var samples = ranges.SelectMany(r => new[] { r.Low, r.High, r.Low + ((r.High - r.Low) / 2) }).Distinct().Order().ToList();
                Assert.True(samples.Count <= MaxAllowedProbes, $"{name}: {samples.Count} {proto} ports to probe, more than {MaxAllowedProbes}");
                Allowed.AddRange(samples.Select(p => $"{proto}:{p.ToString(CultureInfo.InvariantCulture)}"));

                bool IsAllowed(int port) => ranges.Any(r => r.Contains(port));
                var candidates = ranges.SelectMany(r => new[] { r.Low - 1, r.High + 1 }).Concat([22, 443, 4999, 9999, 40000]);
                Denied.AddRange(candidates.Where(p => p is > 0 and <= 65535 && !IsAllowed(p)).Distinct().Order().Take(MaxDeniedProbes)
                    .Select(p => $"{proto}:{p.ToString(CultureInfo.InvariantCulture)}"));
            }

            Assert.DoesNotContain(rules, r => !r.Service.HasPorts || r.Service.Transport is not (Transport.Tcp or Transport.Udp));
        }

        public string Name { get; }

        public string ClientNs { get; }

        public string ServerNs { get; }

        public string Server { get; }

        public IReadOnlyList<RenderRule> Rules { get; }

        public List<string> Allowed { get; } = [];

        public List<string> Denied { get; } = [];
    }

    private sealed record Tools(string Ip, string Nft, string? Python);

    private static bool Covers(IReadOnlyList<AddressObject> objects, string address)
    {
        var ip = System.Net.IPAddress.Parse(address);
        return objects.Any(o => o.IsAny || o.Networks.Any(n => n.Contains(ip)));
    }

    private static void BuildTopology(Tools tools, string nsA, string nsB, string nsFw)
    {
        // Interfaces are created inside the namespaces, so their names never meet the host's.
        string[][] commands =
        [
            ["-n", nsFw, "link", "add", "pa", "type", "veth", "peer", "name", "eth0", "netns", nsA],
            ["-n", nsFw, "link", "add", "pb", "type", "veth", "peer", "name", "eth0", "netns", nsB],
            ["-n", nsA, "link", "set", "lo", "up"],
            ["-n", nsB, "link", "set", "lo", "up"],
            ["-n", nsFw, "link", "set", "lo", "up"],
            ["-n", nsFw, "addr", "add", "10.123.1.1/24", "dev", "pa"],
            ["-n", nsFw, "addr", "add", "10.123.2.1/24", "dev", "pb"],
            ["-n", nsFw, "addr", "add", "fd00:123:1::1/64", "dev", "pa", "nodad"],
            ["-n", nsFw, "addr", "add", "fd00:123:2::1/64", "dev", "pb", "nodad"],
            ["-n", nsA, "addr", "add", "10.123.1.2/24", "dev", "eth0"],
            ["-n", nsA, "addr", "add", "fd00:123:1::2/64", "dev", "eth0", "nodad"],
            ["-n", nsB, "addr", "add", "10.123.2.2/24", "dev", "eth0"],
            ["-n", nsB, "addr", "add", "fd00:123:2::2/64", "dev", "eth0", "nodad"],
            ["-n", nsFw, "link", "set", "pa", "up"],
            ["-n", nsFw, "link", "set", "pb", "up"],
            ["-n", nsA, "link", "set", "eth0", "up"],
            ["-n", nsB, "link", "set", "eth0", "up"],
            ["-n", nsA, "route", "add", "default", "via", "10.123.1.1"],
            ["-n", nsA, "-6", "route", "add", "default", "via", "fd00:123:1::1"],
            ["-n", nsB, "route", "add", "default", "via", "10.123.2.1"],
            ["-n", nsB, "-6", "route", "add", "default", "via", "fd00:123:2::1"],
            ["netns", "exec", nsFw, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"],
        ];
        foreach (var args in commands)
        {
            var r = Run(tools.Ip, args);
            Assert.True(r.ExitCode == 0, $"ip {string.Join(" ", args)} failed:\n{r.Output}");
        }
    }

    private static Process StartListener(Tools tools, string ns, string script, IReadOnlyList<string> ports)
    {
        var psi = Start(tools.Ip, ["netns", "exec", ns, tools.Python!, "-u", script, "50", .. ports]);
        var p = Process.Start(psi)!;
        var ready = p.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();
        if (!ready.Wait(CommandTimeout, TestContext.Current.CancellationToken) || ready.Result != "ready")
        {
            Stop(p);
            Assert.Fail($"the listener in {ns} did not start: {p.StandardError.ReadToEnd()}");
        }

        return p;
    }

    private static Dictionary<string, string> Probe(Tools tools, string ns, string script, string address, double timeout, int sourcePortBase, IReadOnlyList<string> probes)
    {
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        if (probes.Count == 0)
        {
            return results;
        }

        var r = Run(tools.Ip, ["netns", "exec", ns, tools.Python!, "-u", script, address, timeout.ToString(CultureInfo.InvariantCulture), sourcePortBase.ToString(CultureInfo.InvariantCulture), .. probes]);
        Assert.True(r.ExitCode == 0, $"the prober in {ns} failed:\n{r.Output}");
        foreach (var line in r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            results[parts[0]] = parts[1];
        }

        Assert.All(probes, p => Assert.True(results.ContainsKey(p), $"no result for {p}:\n{r.Output}"));
        return results;
    }

    /// <summary>ip, nft (and python3) or a visible skip; and root, which namespaces need.</summary>
    private static Tools RequireTools(bool needPython)
    {
        var ip = Which("ip");
        var nft = Which("nft");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : Which("python3");
        if (ip is null)
        {
            Assert.Skip("'ip' is not installed (Debian package iproute2).");
        }

        if (nft is null)
        {
            Assert.Skip("'nft' is not installed (Debian package nftables).");
        }

        if (needPython && python is null)
        {
            Assert.Skip("'python3' is not installed (Debian package python3); it runs the listeners and probes inside the namespaces.");
        }

        return new Tools(ip, nft, python);
    }

    private static void AddNamespace(Tools tools, string ns)
    {
        var r = Run(tools.Ip, ["netns", "add", ns]);
        if (r.ExitCode != 0)
        {
            Assert.Skip($"'ip netns add' failed (root and network namespaces are needed): {r.Output.Trim()}");
        }
    }

    private static string Suffix() => Random.Shared.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static ProcessStartInfo Start(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static (int ExitCode, string StdOut, string Output) Run(string file, IEnumerable<string> args)
    {
        var psi = Start(file, args);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!p.WaitForExit(CommandTimeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "", $"{file} {string.Join(" ", psi.ArgumentList)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stdout.Result + stderr.Result);
    }

    private static void Stop(Process p)
    {
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended by itself in the meantime.
        }
        finally
        {
            p.Dispose();
        }
    }
}
