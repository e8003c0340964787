using System.Globalization;
using PortMatrix.Model;
using PortMatrix.Policy;
using PortMatrix.Ports;
using PortMatrix.Sites;

namespace PortMatrix.Documents;

/// <summary>
/// A port-matrix document: what a reviewer or a firewall team reads, built once from catalog
/// releases (or a site) and written by one <see cref="IDocumentWriter"/> per format.
/// </summary>
/// <remarks>
/// Flows are grouped by the component they belong to and then by the listening side (the role
/// that accepts the connection), because that is where a firewall opening is made: a reviewer
/// checks "what must reach this server" one server at a time. Groups keep the order in which the
/// catalog (and so the vendor document) first names them; rows keep catalog order within a group.
/// The document holds no date unless <see cref="DocumentOptions.Date"/> gives one, so the same
/// input always gives the same output.
/// </remarks>
public sealed record PortMatrixDocument
{
    /// <summary>The name written on the generated files, so a later run knows it may overwrite them.</summary>
    public const string Generator = "PortMatrix";

    public required string Title { get; init; }

    /// <summary>Label/value lines under the title: product, vendor, release or site, and the date when one was given.</summary>
    public required IReadOnlyList<DocumentField> Header { get; init; }

    /// <summary>One section per release, in the order of the catalog (or the site).</summary>
    public required IReadOnlyList<ReleaseSection> Sections { get; init; }

    /// <summary>For a site: the hosts, zones and networks that play each role; empty for a product.</summary>
    public IReadOnlyList<RolePlacement> Placements { get; init; } = [];

    /// <summary>For a site: the roles of its releases that no host runs and no binding names.</summary>
    public IReadOnlyList<string> UnplacedRoles { get; init; } = [];

    /// <summary>The source documents of every release in the document.</summary>
    public required IReadOnlyList<DocumentSource> Sources { get; init; }

    /// <summary>The date the caller asked to print; null keeps the document date-free.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>True when the document describes a site (parameters are the site's values).</summary>
    public bool IsSite { get; init; }

    /// <summary>Every row of every section.</summary>
    public IEnumerable<MatrixRow> Rows => Sections.SelectMany(s => s.Rows);

    /// <summary>The matrix of catalog releases, with their parameter defaults.</summary>
    public static PortMatrixDocument ForReleases(IReadOnlyList<ProductRelease> releases, DocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(releases);
        if (releases.Count == 0)
        {
            throw new ArgumentException("A port matrix needs at least one release.", nameof(releases));
        }

        options ??= new DocumentOptions();
        var header = new List<DocumentField>();
        var products = releases.Select(r => $"{r.Vendor} {r.Product} ({r.Id})").Distinct().ToList();
        header.Add(new DocumentField(products.Count == 1 ? "Product" : "Products", string.Join(", ", products)));
        header.Add(new DocumentField(releases.Count == 1 ? "Release" : "Releases", string.Join(", ", releases.Select(r => r.Release))));
        header.Add(new DocumentField("Flows", releases.Sum(r => r.Flows.Count).ToString(CultureInfo.InvariantCulture)));
        header.Add(new DocumentField("Ports", "evaluated with the catalog's parameter defaults"));
        AddDate(header, options);

        var title = releases.Count == 1
            ? $"Port matrix: {releases[0].Vendor} {releases[0].Product} {releases[0].Release}"
            : $"Port matrix: {string.Join(", ", releases.Select(r => $"{r.Vendor} {r.Product} {r.Release}"))}";
        return new PortMatrixDocument
        {
            Title = title,
            Header = header,
            Sections = releases.Select(r => Section(r, r.DefaultParameters(), siteValues: null)).ToList(),
            Sources = SourcesOf(releases),
            Date = options.Date,
        };
    }

    /// <summary>The matrix of a site: its releases, parameters resolved with the site's values, and where each role runs.</summary>
    public static PortMatrixDocument ForSite(Site site, DocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        options ??= new DocumentOptions();
        var header = new List<DocumentField>
        {
            new("Site", site.Name),
            new("Site file", Path.GetFileName(site.File)),
            new("Releases", string.Join(", ", site.Releases.Select(r => $"{r.Vendor} {r.Product} {r.Release} ({r.Id})"))),
            new("Zones", string.Join("; ", site.Zones.Select(z => $"{z.Name} {string.Join(", ", z.Cidrs)}"))),
            new("Firewalls", site.Firewalls.Count == 0
                ? "none"
                : string.Join("; ", site.Firewalls.Select(f => $"{f.Name} between {string.Join(", ", f.Zones)}{(f.Target is null ? "" : $" ({f.Target})")}"))),
            new("Flows", site.Releases.Sum(r => r.Flows.Count).ToString(CultureInfo.InvariantCulture)),
        };
        if (options.IncludeRuleCount)
        {
            var policy = PolicyCompiler.Compile(site);
            header.Add(new DocumentField("Compiled rules",
                $"{policy.Rules.Count} (from {policy.UnmergedRuleCount} before merging); {policy.LeftOut.Count} catalog flows give no rule"));
        }

        header.Add(new DocumentField("Ports", "evaluated with the site's parameter values, the catalog's defaults elsewhere"));
        AddDate(header, options);

        var (placements, unplaced) = Place(site);
        return new PortMatrixDocument
        {
            Title = $"Port matrix: site {site.Name}",
            Header = header,
            Sections = site.Releases.Select(r => Section(r, site.ParametersOf(r),
                site.Parameters.TryGetValue(r.Id, out var values) ? values : new Dictionary<string, long>())).ToList(),
            Placements = placements,
            UnplacedRoles = unplaced,
            Sources = SourcesOf(site.Releases),
            Date = options.Date,
            IsSite = true,
        };
    }

    private static void AddDate(List<DocumentField> header, DocumentOptions options)
    {
        if (options.Date is { } date)
        {
            header.Add(new DocumentField("Date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
    }

    private static ReleaseSection Section(ProductRelease release, IReadOnlyDictionary<string, long> values, IReadOnlyDictionary<string, long>? siteValues)
    {
        var titles = release.Sources.ToDictionary(s => s.Id, s => s.Title, StringComparer.Ordinal);
        var rows = new List<MatrixRow>(release.Flows.Count);
        foreach (var flow in release.Flows)
        {
            rows.Add(Row(release, flow, values, titles));
        }

        // Group by (component, listening side) in order of first appearance.
        var groups = rows
            .GroupBy(r => (r.Component, r.To))
            .Select(g => new FlowGroup(g.Key.Component, g.Key.To, g.ToList()))
            .ToList();

        var parameters = release.Parameters
            .Select(p => new ParameterValue(p.Name, values.TryGetValue(p.Name, out var v) ? v : p.Default, p.Default,
                siteValues is not null && siteValues.ContainsKey(p.Name), p.Meaning))
            .ToList();
        return new ReleaseSection(release, $"{release.Vendor} {release.Product} {release.Release}", parameters, groups);
    }

    private static MatrixRow Row(ProductRelease release, Flow flow, IReadOnlyDictionary<string, long> values, Dictionary<string, string> titles)
    {
        string ports = "", evaluated = "";
        if (flow.Transport.HasPorts())
        {
            ports = flow.Ports.ToString();
            try
            {
                evaluated = flow.Ports.Evaluate(values, release.Ephemeral).ToString();
            }
            catch (PortExpressionException e)
            {
                throw new PortMatrixException($"flow {release.Id}:{flow.Id}: {e.Message}", release.Origin,
                    $"Give {release.Id} a value for the parameter (a site's 'parameters:' or the catalog default).", e);
            }
        }

        string Names(IReadOnlyList<string> roles) => string.Join(", ", roles.Select(id => release.FindRole(id)?.Name ?? id));

        return new MatrixRow
        {
            Product = release.Id,
            Release = release.Release,
            FlowId = flow.Id,
            Component = flow.Component ?? release.Product,
            From = Names(flow.From),
            To = Names(flow.To),
            Transport = flow.Transport.ToName(),
            Application = flow.Application ?? "",
            Ports = ports,
            EvaluatedPorts = evaluated,
            SourcePorts = flow.SourcePorts?.ToString() ?? "",
            Service = flow.Service,
            Tls = flow.Tls,
            Firewall = flow.Firewall,
            Purpose = flow.Purpose,
            Feature = flow.Feature ?? "",
            SourceDoc = flow.Source.Doc,
            SourceTitle = titles.TryGetValue(flow.Source.Doc, out var title) ? title : flow.Source.Doc,
            Line = flow.Source.Line,
            Cell = flow.Source.Cell,
        };
    }

    private static List<DocumentSource> SourcesOf(IEnumerable<ProductRelease> releases) =>
        releases.SelectMany(r => r.Sources.Select(s => new DocumentSource($"{r.Vendor} {r.Product} {r.Release}", s.Id, s.Title, s.File))).ToList();

    private static (List<RolePlacement> Placed, List<string> Unplaced) Place(Site site)
    {
        var placed = new List<RolePlacement>();
        var unplaced = new List<string>();
        foreach (var release in site.Releases)
        {
            foreach (var role in release.Roles)
            {
                var reference = new RoleRef(release.Id, role.Id);
                var hosts = site.Hosts.Where(h => h.Runs.Contains(reference)).ToList();
                var bindings = site.Bindings.Where(b => b.Role == reference).ToList();
                if (hosts.Count == 0 && bindings.Count == 0)
                {
                    unplaced.Add($"{release.Id}:{role.Id}");
                    continue;
                }

                var zones = hosts.Select(h => h.Zone)
                    .Concat(bindings.SelectMany(b => b.Zones))
                    .Concat(bindings.SelectMany(b => b.Networks).Select(n => site.ZoneOf(n)?.Name).OfType<string>())
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                placed.Add(new RolePlacement(
                    release.Id,
                    role.Id,
                    role.Name,
                    hosts.Select(h => $"{h.Name} ({string.Join(", ", h.Addresses)})").ToList(),
                    zones,
                    bindings.SelectMany(b => b.Networks).Select(n => n.ToString()).ToList()));
            }
        }

        return (placed, unplaced);
    }
}

/// <summary>What to put in a document besides the catalog's facts.</summary>
public sealed record DocumentOptions
{
    /// <summary>A date to print in the header; none by default, so output stays the same from day to day.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>For a site, compile it and print the number of firewall rules.</summary>
    public bool IncludeRuleCount { get; init; } = true;
}

/// <summary>One label/value line of a document's header.</summary>
public sealed record DocumentField(string Label, string Value);

/// <summary>The flows of one release, grouped, with the parameter values its ports were evaluated with.</summary>
public sealed record ReleaseSection(ProductRelease Release, string Title, IReadOnlyList<ParameterValue> Parameters, IReadOnlyList<FlowGroup> Groups)
{
    public IEnumerable<MatrixRow> Rows => Groups.SelectMany(g => g.Rows);
}

/// <summary>A product parameter as the document used it.</summary>
/// <param name="Name">The parameter's name in port formulas.</param>
/// <param name="Value">The value the ports were evaluated with.</param>
/// <param name="Default">The catalog's default.</param>
/// <param name="FromSite">True when the site file sets the value; false when it is the catalog default.</param>
/// <param name="Meaning">What the parameter stands for, from the catalog.</param>
public sealed record ParameterValue(string Name, long Value, long Default, bool FromSite, string Meaning);

/// <summary>The flows of one component that the same role (or roles) listens for.</summary>
/// <param name="Component">The flow's component, or the product name when the catalog names none.</param>
/// <param name="Listener">Display names of the listening roles.</param>
/// <param name="Rows">The group's flows, in catalog order.</param>
public sealed record FlowGroup(string Component, string Listener, IReadOnlyList<MatrixRow> Rows)
{
    /// <summary>The group's heading, e.g. "SwyxServer: inbound to SwyxServer".</summary>
    public string Heading => $"{Component}: inbound to {Listener}";
}

/// <summary>One catalog flow as a row of the matrix: every cell as text, ready for any writer.</summary>
public sealed record MatrixRow
{
    public required string Product { get; init; }

    public required string Release { get; init; }

    public required string FlowId { get; init; }

    public required string Component { get; init; }

    /// <summary>Display names of the roles that open the connection.</summary>
    public required string From { get; init; }

    /// <summary>Display names of the listening roles.</summary>
    public required string To { get; init; }

    public required string Transport { get; init; }

    public required string Application { get; init; }

    /// <summary>The destination port expression as the catalog writes it; empty for transports without ports.</summary>
    public required string Ports { get; init; }

    /// <summary>The destination ports with parameters and named ranges resolved; empty for transports without ports.</summary>
    public required string EvaluatedPorts { get; init; }

    public required string SourcePorts { get; init; }

    public required string Service { get; init; }

    public required bool Tls { get; init; }

    public required FirewallRelevance Firewall { get; init; }

    public required string Purpose { get; init; }

    /// <summary>The optional feature the flow belongs to; empty when always needed.</summary>
    public required string Feature { get; init; }

    public required string SourceDoc { get; init; }

    public required string SourceTitle { get; init; }

    public required int Line { get; init; }

    /// <summary>The source document's cell, as written.</summary>
    public required string Cell { get; init; }

    /// <summary>True when the evaluated ports read differently from the expression (parameters, <c>any</c>, <c>ephemeral</c>, <c>&gt;N</c>).</summary>
    public bool PortsDiffer => EvaluatedPorts != Ports;

    public string TlsText => Tls ? "yes" : "no";

    /// <summary>The firewall relevance as the catalog writes it, e.g. <c>if-separated</c>.</summary>
    public string FirewallText => Firewall.ToName();

    /// <summary><c>doc:line</c>.</summary>
    public string SourceText => $"{SourceDoc}:{Line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Where a role of a site runs: its hosts, and the zones and networks it is bound to.</summary>
public sealed record RolePlacement(string Product, string RoleId, string RoleName, IReadOnlyList<string> Hosts, IReadOnlyList<string> Zones, IReadOnlyList<string> Networks);

/// <summary>A source document of a release in the document.</summary>
/// <param name="Release">The release, as "Vendor Product Release".</param>
/// <param name="Id">The id flows cite.</param>
/// <param name="Title">The document's title.</param>
/// <param name="File">The vendor document's file name, when it is one.</param>
public sealed record DocumentSource(string Release, string Id, string Title, string? File);
