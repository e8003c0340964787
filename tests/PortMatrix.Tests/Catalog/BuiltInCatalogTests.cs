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

public sealed class CatalogCacheTests
{
    [Fact]
    public void Cache_round_trip_keeps_every_field()
    {
        var releases = PortCatalog.ReadBuiltIn().ToList();
        using var stream = new MemoryStream();

        CatalogCache.Write(stream, releases);
        stream.Position = 0;
        var back = CatalogCache.Read(stream);

        Assert.Equal(releases.Count, back.Count);
        using var again = new MemoryStream();
        CatalogCache.Write(again, back);
        Assert.Equal(stream.ToArray(), again.ToArray());
        Assert.Equal(releases.SelectMany(r => r.Flows).Select(f => f with { Ports = f.Ports }).Count(), back.SelectMany(r => r.Flows).Count());
        Assert.Equal(releases.SelectMany(r => r.Flows).Select(f => f.Ports.ToString()), back.SelectMany(r => r.Flows).Select(f => f.Ports.ToString()));
    }

    [Fact]
    public void A_damaged_cache_is_refused()
    {
        using var stream = new MemoryStream([1, 0, 0, 0, 255, 255, 255, 127]);

        Assert.Throws<InvalidDataException>(() => CatalogCache.Read(stream));
    }
}
