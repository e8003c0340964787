using PortMatrix.Render;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests.Render;

/// <summary>
/// Every target's output for every example site, against reviewed reference files under
/// Render/Golden/SITE/TARGET.EXT. PORTMATRIX_UPDATE_GOLDEN=1 rewrites them on purpose.
/// </summary>
public sealed class RendererGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var site in Examples.Names)
        {
            foreach (var r in Renderers.All)
            {
                data.Add(site, r.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_the_reviewed_golden_file(string site, string target)
    {
        var renderer = Renderers.Find(target);

        var text = Examples.Render(site, renderer);

        Golden.Match(Path.Combine("Render", "Golden", site, $"{target}.{renderer.Extension}"), text);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_rule_names_its_catalog_flows(string site, string target)
    {
        var renderer = Renderers.Find(target);
        var policy = Examples.Policy(site);

        var text = Examples.Render(site, renderer);

        foreach (var flow in policy.Rules.SelectMany(r => r.FlowIds).Distinct())
        {
            Assert.Contains(flow, text, StringComparison.Ordinal);
        }
    }
}
