using PortMatrix.Ports;

namespace PortMatrix.Documents;

/// <summary>One transport/ports item an edge carries, before merging.</summary>
public readonly record struct DiagramPorts(Transport Transport, PortSet Ports, bool Tls);

/// <summary>
/// The compact label of a merged edge: one line per transport (and TLS or not) with the union
/// of its port ranges, e.g. <c>udp/5060</c>, <c>tcp/5061 (TLS)</c>; capped at
/// <see cref="MaxLines"/> lines of about <see cref="MaxLineLength"/> characters, the rest
/// counted as "+N more" port ranges.
/// </summary>
public static class DiagramLabel
{
    public const int MaxLines = 3;

    public const int MaxLineLength = 30;

    public static IReadOnlyList<string> Of(IEnumerable<DiagramPorts> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var groups = items
            .GroupBy(i => (i.Transport, i.Tls))
            .OrderBy(g => g.Key.Transport).ThenBy(g => g.Key.Tls)
            .Select(g => (g.Key.Transport, g.Key.Tls, Ports: g.Aggregate(PortSet.Empty, (set, i) => set.Union(i.Ports))))
            .ToList();

        var lines = new List<string>();
        var omitted = 0;
        foreach (var (transport, tls, ports) in groups)
        {
            var tokens = !transport.HasPorts() ? [] : ports.IsAll ? ["any"] : ports.Ranges.Select(r => r.ToString()).ToList();
            if (lines.Count == MaxLines)
            {
                omitted += Math.Max(1, tokens.Count);
                continue;
            }

            var line = transport.ToName();
            var shown = 0;
            foreach (var token in tokens)
            {
                var next = shown == 0 ? $"{line}/{token}" : $"{line},{token}";
                if (shown > 0 && next.Length > MaxLineLength)
                {
                    break;
                }

                line = next;
                shown++;
            }

            omitted += tokens.Count - shown;
            lines.Add(tls ? line + " (TLS)" : line);
        }

        if (omitted > 0)
        {
            lines[^1] += $" +{omitted} more";
        }

        return lines;
    }
}
