using System.Text;
using PortMatrix.Catalog;
using PortMatrix.Import;
using PortMatrix.Model;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Catalog;

/// <summary>
/// Imports each vendor document and compares it, flow by flow, with the built-in catalog file that
/// cites it, so a drift in either the reader or the catalog shows up.
/// </summary>
public sealed class SeedCatalogTests
{
    public static TheoryData<string, string> SeedSources()
    {
        var data = new TheoryData<string, string>();
        // Derived releases inherit their base's sources; ReleaseDiffTests check them against the change tables.
        foreach (var release in PortCatalog.BuiltIn().Releases.Where(r => r.DerivedFrom is null))
        {
            foreach (var source in release.Sources.Where(s => s.File is not null))
            {
                data.Add(release.Key, source.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedSources))]
    public void Catalog_matches_the_import_of_its_seed_flow_by_flow(string releaseKey, string sourceId)
    {
        var release = PortCatalog.BuiltIn().Releases.Single(r => r.Key == releaseKey);
        var source = release.Sources.Single(s => s.Id == sourceId);
        var result = new DocumentImporter().Import(Repo.Seed(source.File!));

        var problems = new StringBuilder();
        var imported = result.Flows.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        var cataloged = release.Flows.Where(f => f.Source.Doc == sourceId).GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var key in imported.Keys.Union(cataloged.Keys).Order(StringComparer.Ordinal))
        {
            var i = imported.GetValueOrDefault(key) ?? [];
            var c = cataloged.GetValueOrDefault(key) ?? [];
            if (i.Count != c.Count)
            {
                problems.AppendLine($"  {key}: imported {i.Count}, catalog {c.Count} ({string.Join(", ", c.Select(f => f.Id))})");
                continue;
            }

            // Same key, same count: pair them in order and check the roles the document names.
            foreach (var (imp, cat) in i.Zip(c))
            {
                CheckRoles(problems, release, key, "from", imp.From, cat.From, cat.Id);
                CheckRoles(problems, release, key, "to", imp.To, cat.To, cat.Id);
                if (!SameCell(imp.Cell, cat.Source.Cell))
                {
                    problems.AppendLine($"  {key} {cat.Id}: cell '{cat.Source.Cell}' but the document has '{imp.Cell}'");
                }
            }
        }

        var expected = source.Warnings.Select(w => $"{w.Line}:{w.Code}").Order(StringComparer.Ordinal).ToList();
        var actual = result.Warnings.Select(w => $"{w.Line}:{w.Code}").Order(StringComparer.Ordinal).ToList();
        foreach (var w in actual.Except(expected))
        {
            var warning = result.Warnings.First(x => $"{x.Line}:{x.Code}" == w);
            problems.AppendLine($"  unexplained warning line {warning.Line} [{warning.Code}]: {warning.Message}");
        }

        foreach (var w in expected.Except(actual))
        {
            problems.AppendLine($"  expected warning {w} did not occur");
        }

        Assert.True(problems.Length == 0, $"{source.File} vs {release.Key}:\n{problems}");
    }

    /// <summary>
    /// The catalog keeps the cell as written, or, where the cell runs on into the vendor's prose, the
    /// part of it that holds the flow's ports followed by " …" (the project copies facts, not sentences).
    /// </summary>
    private static bool SameCell(string document, string catalog) =>
        document == catalog
        || (catalog.EndsWith(" …", StringComparison.Ordinal) && catalog.Length > 2 && document.Contains(catalog[..^2], StringComparison.Ordinal));

    /// <summary>line, transport, ports and TLS: the facts a flow must agree on.</summary>
    private static string Key(ImportedFlow f) => $"L{f.Line:D4} {f.Transport.ToString().ToLowerInvariant()} {f.Ports}{(f.Tls ? " tls" : "")}";

    private static string Key(Flow f) => $"L{f.Source.Line:D4} {f.Transport.ToString().ToLowerInvariant()} {f.Ports}{(f.Tls ? " tls" : "")}";

    /// <summary>Every catalog role of the flow must be one the document's words name (by role name or alias).</summary>
    private static void CheckRoles(StringBuilder problems, ProductRelease release, string key, string side, IReadOnlyList<string> documentNames, IReadOnlyList<string> roleIds, string flowId)
    {
        if (documentNames.Count == 0)
        {
            return;
        }

        foreach (var id in roleIds)
        {
            var role = release.FindRole(id)!;
            if (!documentNames.Any(role.IsCalled))
            {
                problems.AppendLine($"  {key} {flowId}: {side} role '{id}' is not called any of [{string.Join(" | ", documentNames)}] (add an alias?)");
            }
        }
    }
}
