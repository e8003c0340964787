namespace PortMatrix.Tests.TestSupport;

/// <summary>Paths of the repository and of the vendor documents the tests read.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>PORTMATRIX_SEEDS, or ../shared/seeds beside the repository.</summary>
    public static string SeedsDir =>
        Environment.GetEnvironmentVariable("PORTMATRIX_SEEDS") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    /// <summary>The path of a seed file, or a visible skip when the seeds are not there.</summary>
    public static string Seed(string file)
    {
        var path = Path.Combine(SeedsDir, file);
        if (!File.Exists(path))
        {
            Assert.Skip($"vendor document {file} not found in {SeedsDir}; set PORTMATRIX_SEEDS to the seeds folder to run this test.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortMatrix.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PortMatrix.sln not found above the test binaries.");
    }
}
