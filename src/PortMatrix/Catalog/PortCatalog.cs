using System.Reflection;
using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Catalog;

/// <summary>A flow found by a query, with its release and its ports evaluated with the release's defaults.</summary>
public sealed record FlowHit(ProductRelease Release, Flow Flow, PortSet Ports);

/// <summary>
/// The set of product releases PortMatrix knows: the built-in catalog embedded in the library,
/// plus any catalog directories the user adds.
/// </summary>
public sealed class PortCatalog
{
    private readonly List<ProductRelease> _releases;
    private readonly Dictionary<ProductRelease, PortSet[]> _evaluated = new(ReferenceEqualityComparer.Instance);

    public PortCatalog(IEnumerable<ProductRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        _releases = [];
        var materialized = ReleaseHistory.Materialize(Dedupe(releases));
        foreach (var r in materialized)
        {
            // A user file for a release that is built in replaces the built-in one.
            _releases.RemoveAll(x => x.Key == r.Key);
            _releases.Add(r);
        }

        _releases.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
    }

    public IReadOnlyList<ProductRelease> Releases => _releases;

    /// <summary>Later files win: a user's release replaces a built-in one of the same key.</summary>
    private static List<ProductRelease> Dedupe(IEnumerable<ProductRelease> releases)
    {
        var list = new List<ProductRelease>();
        foreach (var r in releases)
        {
            list.RemoveAll(x => x.Key == r.Key);
            list.Add(r);
        }

        return list;
    }

    /// <summary>The environment variable naming extra catalog directories (separated by the path separator).</summary>
    public const string EnvironmentVariable = "PORTMATRIX_CATALOG";

    /// <summary>The built-in catalog only.</summary>
    public static PortCatalog BuiltIn() => new(CatalogCache.LoadBuiltIn(() => ReleaseHistory.Materialize(ReadBuiltIn())));

    /// <summary>The built-in catalog plus the YAML files of <paramref name="directories"/> and of PORTMATRIX_CATALOG.</summary>
    public static PortCatalog Load(IEnumerable<string>? directories = null, bool useEnvironment = true)
    {
        var dirs = new List<string>();
        if (useEnvironment && Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
        {
            dirs.AddRange(env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        dirs.AddRange(directories ?? []);
        var builtIn = CatalogCache.LoadBuiltIn(() => ReleaseHistory.Materialize(ReadBuiltIn()));
        return new PortCatalog(builtIn.Concat(dirs.SelectMany(ReadDirectory)));
    }

    public static IEnumerable<ProductRelease> ReadBuiltIn()
    {
        var asm = typeof(PortCatalog).Assembly;
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("catalog/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return CatalogFileReader.Read(name, reader.ReadToEnd());
        }
    }

    /// <summary>Reads every <c>*.yaml</c> / <c>*.yml</c> file of a directory (or one file).</summary>
    public static IEnumerable<ProductRelease> ReadDirectory(string path)
    {
        if (File.Exists(path))
        {
            return [CatalogFileReader.Read(path, File.ReadAllText(path))];
        }

        if (!Directory.Exists(path))
        {
            throw new PortMatrixException($"catalog directory '{path}' does not exist.", path,
                "Pass an existing directory with --catalog or fix PORTMATRIX_CATALOG.");
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => CatalogFileReader.Read(f, File.ReadAllText(f)))
            .ToList();
    }

    /// <summary>The releases of a product, by id or display name; <paramref name="release"/> narrows to one.</summary>
    public IReadOnlyList<ProductRelease> Find(string product, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        var matches = _releases.Where(r =>
                string.Equals(r.Id, product, StringComparison.OrdinalIgnoreCase)
                || Role.Same(r.Product, product)
                || Role.Same($"{r.Vendor} {r.Product}", product))
            .ToList();
        if (release is not null)
        {
            matches = matches.Where(r => string.Equals(r.Release, release, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        return matches;
    }

    /// <summary>
    /// Resolves <c>PRODUCT[@RELEASE]</c> to releases, or explains what exists. Without a release, the
    /// newest release of the product.
    /// </summary>
    public IReadOnlyList<ProductRelease> Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var at = spec.LastIndexOf('@');
        var product = at < 0 ? spec : spec[..at];
        var release = at < 0 ? null : spec[(at + 1)..];
        var found = Find(product, release);
        if (found.Count > 0)
        {
            return release is null ? Newest(found) : found;
        }

        var any = Find(product);
        if (any.Count > 0)
        {
            throw new PortMatrixException($"product '{product}' has no release '{release}'.", null,
                $"Known releases: {string.Join(", ", any.Select(r => r.Release))}.");
        }

        var near = _releases.Select(r => r.Id).Distinct()
            .Where(id => id.Contains(product, StringComparison.OrdinalIgnoreCase) || product.Contains(id.Split('-').Last(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        var ids = near.Count > 0 ? near : _releases.Select(r => r.Id).Distinct().ToList();
        throw new PortMatrixException($"unknown product '{product}'.", null,
            $"{(near.Count > 0 ? "Did you mean" : "Known products")}: {string.Join(", ", ids)}? ('portmatrix list' shows all.)");
    }

    /// <summary>The newest release of each product among <paramref name="releases"/>.</summary>
    public static IReadOnlyList<ProductRelease> Newest(IEnumerable<ProductRelease> releases) =>
        releases.GroupBy(r => r.Id).Select(g => g.OrderBy(r => r.Release, ReleaseOrder.Instance).Last()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>The newest release of every product.</summary>
    public IReadOnlyList<ProductRelease> Latest => Newest(_releases);

    /// <summary>Every flow whose destination ports contain <paramref name="port"/>, on <paramref name="transport"/> or any transport.</summary>
    public IReadOnlyList<FlowHit> Who(Transport? transport, int port) => Who(transport, PortSet.Of(port));

    /// <summary>Like <see cref="Who(Transport?, PortSet)"/>, over the newest release of each product only unless <paramref name="allReleases"/>.</summary>
    public IReadOnlyList<FlowHit> Who(Transport? transport, PortSet ports, bool allReleases)
    {
        var latest = allReleases ? null : Latest.ToHashSet();
        return Who(transport, ports).Where(h => latest is null || latest.Contains(h.Release)).ToList();
    }

    /// <summary>Like <see cref="Search(string)"/>, over the newest release of each product only unless <paramref name="allReleases"/>.</summary>
    public IReadOnlyList<FlowHit> Search(string text, bool allReleases)
    {
        var latest = allReleases ? null : Latest.ToHashSet();
        return Search(text).Where(h => latest is null || latest.Contains(h.Release)).ToList();
    }

    /// <summary>Every flow whose destination ports overlap <paramref name="ports"/>.</summary>
    public IReadOnlyList<FlowHit> Who(Transport? transport, PortSet ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var hits = new List<FlowHit>();
        foreach (var release in _releases)
        {
            var sets = Evaluated(release);
            for (var i = 0; i < release.Flows.Count; i++)
            {
                var flow = release.Flows[i];
                if ((transport is null || flow.Transport == transport) && flow.Transport.HasPorts() && Overlaps(sets[i], ports))
                {
                    hits.Add(new FlowHit(release, flow, sets[i]));
                }
            }
        }

        return hits;
    }

    /// <summary>Flows whose service, role, purpose, component, application or note mentions <paramref name="text"/>.</summary>
    public IReadOnlyList<FlowHit> Search(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = new List<FlowHit>();
        foreach (var release in _releases)
        {
            var sets = Evaluated(release);
            for (var i = 0; i < release.Flows.Count; i++)
            {
                var flow = release.Flows[i];
                var haystack = string.Join(' ', new[]
                {
                    flow.Id, flow.Service, flow.Purpose, flow.Component, flow.Application, flow.Note, flow.Feature,
                    release.Product, release.Vendor,
                }.Concat(flow.From.Concat(flow.To).SelectMany(r => new[] { r, release.FindRole(r)?.Name })));
                if (words.All(w => haystack.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    hits.Add(new FlowHit(release, flow, sets[i]));
                }
            }
        }

        return hits;
    }

    /// <summary>All flows of a release with their evaluated ports.</summary>
    public IReadOnlyList<FlowHit> FlowsOf(ProductRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var sets = Evaluated(release);
        return release.Flows.Select((f, i) => new FlowHit(release, f, sets[i])).ToList();
    }

    private static bool Overlaps(PortSet a, PortSet b) =>
        b.Ranges.Length == 1 && b.Ranges[0].IsSingle ? a.Contains(b.Ranges[0].Low) : a.Overlaps(b);

    private PortSet[] Evaluated(ProductRelease release)
    {
        if (!_evaluated.TryGetValue(release, out var sets))
        {
            var defaults = release.DefaultParameters();
            sets = release.Flows.Select(f => f.Ports.Evaluate(defaults, release.Ephemeral)).ToArray();
            _evaluated[release] = sets;
        }

        return sets;
    }
}
