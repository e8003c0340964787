using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Model;
using PortMatrix.Sites;

namespace PortMatrix.Tests.Analysis;

/// <summary>Small catalogs and sites written in the tests, and a way to run one analyzer on them.</summary>
internal static class AnalysisKit
{
    /// <summary>A catalog file with the given roles, flows and (optionally) parameters.</summary>
    public static string Release(string id, string roles, string flows, string parameters = "") => $"""
        id: {id}
        vendor: Test
        product: {id}
        release: "1"
        sources:
          - {"{"} id: doc, title: test ports {"}"}
        {parameters}
        roles:
        {roles}
        flows:
        {flows}
        """;

    public static string Flow(string id, string from, string to, string transport, string ports, string extra = "", int line = 10) => $"""
          - id: {id}
            service: {id.ToUpperInvariant()}
            from: {from}
            to: {to}
            transport: {transport}
            ports: "{ports}"
            firewall: required
        {extra}
            purpose: test flow
            source: {"{"} doc: doc, line: {line}, cell: "{ports}" {"}"}

        """;

    public static PortCatalog Cat(params string[] yamls) =>
        new(yamls.Select((y, i) => CatalogFileReader.Read($"x{i}.yaml", y)));

    public static ProductRelease Only(PortCatalog catalog) => Assert.Single(catalog.Releases);

    public static IReadOnlyList<Finding> OnCatalog(IAnalyzer analyzer, PortCatalog catalog) =>
        Analyzers.Run(AnalysisSubject.ForReleases(catalog, catalog.Releases), [analyzer]);

    public static IReadOnlyList<Finding> OnSite(IAnalyzer analyzer, PortCatalog catalog, string siteYaml) =>
        Analyzers.Run(AnalysisSubject.ForSite(catalog, SiteFileReader.Read("site.yaml", siteYaml, catalog)), [analyzer]);

    /// <summary>One finding per line: severity, id and title, for golden files.</summary>
    public static string Summary(IEnumerable<Finding> findings) =>
        string.Concat(findings.Select(f => $"{f.Severity.ToName(),-6} {f.Id}\n       {f.Title}\n       flows: {string.Join(", ", f.Flows.Select(x => $"{x.Id} {x.PortsText} ({x.SourceText})"))}\n" +
            (f.Hosts.Count > 0 ? $"       hosts: {string.Join(", ", f.Hosts)}\n" : "") + $"       fix: {f.Fix}\n"));
}
