using PortMatrix.Catalog;

namespace PortMatrix.Tests.Catalog;

public sealed class BuiltInCatalogTests
{
    [Fact]
    public void Built_in_catalog_loads_without_errors()
    {
        var catalog = PortCatalog.BuiltIn();
        Assert.NotEmpty(catalog.Releases);
    }

    [Fact]
    public void Every_flow_of_every_release_evaluates_with_the_defaults()
    {
        foreach (var release in PortCatalog.BuiltIn().Releases)
        {
            foreach (var flow in release.Flows)
            {
                var ports = release.PortsOf(flow);
                Assert.False(ports.IsEmpty, $"{release.Key} {flow.Id} has no ports");
            }
        }
    }
}
