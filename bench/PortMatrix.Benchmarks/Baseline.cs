using System.Text.RegularExpressions;

namespace PortMatrix.Benchmarks;

/// <summary>
/// What an engineer would otherwise script: grab every "TCP 5060" / "UDP 5000-5999" in the text.
/// It is fast and wrong (no roles, no directions, misses "80 443", "HTTP:22222", formulas),
/// which is the point of comparing against it.
/// </summary>
internal static partial class Baseline
{
    public static int Scan(string text) => TransportPort().Count(text);

    [GeneratedRegex(@"\b(?:TCP|UDP|SCTP)\s*[:/]?\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?", RegexOptions.IgnoreCase)]
    private static partial Regex TransportPort();
}
