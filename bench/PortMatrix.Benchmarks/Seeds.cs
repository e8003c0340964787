using PortMatrix.Import;

namespace PortMatrix.Benchmarks;

internal static class Seeds
{
    public static string Dir
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PORTMATRIX_SEEDS") is { Length: > 0 } env)
            {
                return env;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortMatrix.sln")))
            {
                dir = dir.Parent;
            }

            return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "seeds"));
        }
    }

    public static SourceDocument[] Load()
    {
        var files = Directory.Exists(Dir) ? Directory.GetFiles(Dir, "*.txt").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"No vendor documents in {Dir}; set PORTMATRIX_SEEDS.");
        }

        return files.Select(SourceDocument.Load).ToArray();
    }
}
