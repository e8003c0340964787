using System.Diagnostics;

namespace PortMatrix.Cli.Tests;

/// <summary>Runs the built <c>portmatrix</c> command as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    private static readonly string Root = FindRoot();

    public static string RepoRoot => Root;

    public static string SeedsDir =>
        Environment.GetEnvironmentVariable("PORTMATRIX_SEEDS") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"));

    public static string Seed(string file)
    {
        var path = Path.Combine(SeedsDir, file);
        if (!File.Exists(path))
        {
            Assert.Skip($"vendor document {file} not found in {SeedsDir}; set PORTMATRIX_SEEDS to run this test.");
        }

        return path;
    }

    /// <summary>The CLI assembly built in the same configuration as these tests.</summary>
    public static string CliDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(Root, "src", "PortMatrix.Cli", "bin", config, "net10.0", "PortMatrix.Cli.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The CLI is not built at {dll}.");
        }
    }

    public static Result Run(params string[] args) => RunIn(null, null, args);

    public static Result RunIn(string? workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Root,
        };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("PORTMATRIX_CATALOG");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"portmatrix {string.Join(' ', args)} did not finish in 60 s.");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
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
