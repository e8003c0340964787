using PortMatrix.Analysis;
using PortMatrix.Catalog;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Analysis;

public sealed class AnalyzersTests
{
    [Fact]
    public void Each_analyzer_has_its_own_code()
    {
        Assert.Equal(Analyzers.All.Count, Analyzers.All.Select(a => a.Code).Distinct().Count());
        Assert.All(Analyzers.All, a => Assert.Matches("^PM-[A-Z]+-[0-9]{3}$", a.Code));
    }

    public static TheoryData<string> Products => ["avaya-ip-office", "imagicle-uc-suite", "mitel-mx-one", "swyx-swyxware"];

    [Theory]
    [MemberData(nameof(Products))]
    public void Findings_of_a_built_in_product_match_the_golden_file(string product)
    {
        var catalog = PortCatalog.BuiltIn();
        var findings = Analyzers.Run(AnalysisSubject.ForReleases(catalog, catalog.Resolve(product)));

        Assert.Equal(findings.Count, findings.Select(f => f.Id).Distinct().Count());
        Golden.Match($"Analysis/Golden/{product}.findings.txt", AnalysisKit.Summary(findings));
    }

    public static TheoryData<string> Sites => new(Examples.Names);

    [Theory]
    [MemberData(nameof(Sites))]
    public void Findings_of_an_example_site_match_the_golden_file_and_do_not_change_between_runs(string name)
    {
        var catalog = PortCatalog.BuiltIn();
        var first = Analyzers.Run(AnalysisSubject.ForSite(catalog, Examples.Site(name)));
        var second = Analyzers.Run(AnalysisSubject.ForSite(catalog, Examples.Site(name)));

        Assert.Equal(first.Select(f => f.Id), second.Select(f => f.Id));
        Assert.Equal(first.Count, first.Select(f => f.Id).Distinct().Count());
        Golden.Match($"Analysis/Golden/{name}.findings.txt", AnalysisKit.Summary(first));
    }
}
