using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PortMatrix.Documents;

/// <summary>
/// Turns DOT into SVG by running Graphviz's <c>dot -Tsvg</c>. The program is <c>dot</c> on the
/// PATH, or the one named by <see cref="EnvironmentVariable"/>.
/// </summary>
public static class DiagramSvg
{
    /// <summary>The environment variable that names the Graphviz <c>dot</c> program to run.</summary>
    public const string EnvironmentVariable = "PORTMATRIX_DOT";

    /// <summary>How long <c>dot</c> may run before it is stopped.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>PORTMATRIX_DOT, or <c>dot</c> (looked up on the PATH).</summary>
    public static string DotProgram =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : "dot";

    /// <summary>Runs <c>dot -Tsvg</c> on <paramref name="dot"/> and returns the SVG, marked as written by PortMatrix.</summary>
    public static string Render(string dot, string? program = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(dot);
        program ??= DotProgram;
        var limit = timeout ?? DefaultTimeout;
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-Tsvg");

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception e)
        {
            throw new PortMatrixException($"Graphviz '{program}' could not be run ({e.Message}); SVG output needs it.", null,
                $"Install Graphviz (Debian/Ubuntu: apt-get install graphviz), set {EnvironmentVariable} to the dot program, or use --format dot and render it elsewhere.");
        }

        using (process)
        {
            // Read both pipes while writing, so a large graph cannot fill a pipe and stall dot.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // dot exited early (a syntax error); its message is on stderr.
            }

            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                throw new PortMatrixException($"Graphviz '{program}' did not finish within {limit.TotalSeconds:0} s.", null,
                    "Draw a smaller diagram (a single product or site), or use --format dot.");
            }

            process.WaitForExit();
            var svg = stdout.GetAwaiter().GetResult();
            var errors = stderr.GetAwaiter().GetResult();
            if (process.ExitCode != 0 || svg.Length == 0)
            {
                var first = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
                throw new PortMatrixException($"Graphviz '{program}' failed with exit code {process.ExitCode}: {first}", null,
                    "This is likely a bug in PortMatrix's DOT output; run again with --format dot and report it.");
            }

            return Mark(svg);
        }
    }

    /// <summary>Adds a comment naming PortMatrix after the XML declaration, so <c>-o FILE</c> may overwrite the file later.</summary>
    private static string Mark(string svg)
    {
        const string comment = "<!-- Written by PortMatrix with Graphviz dot. -->\n";
        var end = svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg.IndexOf("?>", StringComparison.Ordinal) : -1;
        return end < 0 ? comment + svg : svg[..(end + 2)] + "\n" + comment + svg[(end + 2)..].TrimStart('\r', '\n');
    }
}
