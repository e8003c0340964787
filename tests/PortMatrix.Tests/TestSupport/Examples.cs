using PortMatrix.Catalog;
using PortMatrix.Policy;
using PortMatrix.Render;
using PortMatrix.Sites;

namespace PortMatrix.Tests.TestSupport;

/// <summary>The example sites under examples/, compiled with the built-in catalog.</summary>
internal static class Examples
{
    private static readonly Lazy<PortCatalog> Catalog = new(PortCatalog.BuiltIn);

    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(Path.Combine(Repo.Root, "examples"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()!;

    public static Site Site(string name) => SiteFileReader.Load(Path.Combine(Repo.Root, "examples", name + ".yaml"), Catalog.Value);

    public static SitePolicy Policy(string name) => PolicyCompiler.Compile(Site(name));

    /// <summary>Everything a target renders for a site: each firewall's output, one after the other.</summary>
    public static string Render(string name, IFirewallRenderer renderer)
    {
        var policy = Policy(name);
        return string.Concat(policy.Site.Firewalls.Select(fw => renderer.Render(RenderModel.Build(policy, fw))));
    }

    /// <summary>Each firewall's output separately, by firewall name.</summary>
    public static IReadOnlyList<(string Firewall, string Text)> RenderEach(string name, IFirewallRenderer renderer)
    {
        var policy = Policy(name);
        return policy.Site.Firewalls.Select(fw => (fw.Name, renderer.Render(RenderModel.Build(policy, fw)))).ToList();
    }
}
