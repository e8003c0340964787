using PublicApiGenerator;
using PortMatrix.Tests.TestSupport;

namespace PortMatrix.Tests;

/// <summary>The library's public surface is written down; a change to it must be deliberate.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_has_not_changed_unnoticed()
    {
        var api = typeof(PortMatrixException).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });

        Golden.Match("PublicApi.approved.txt", api);
    }
}
