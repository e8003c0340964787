namespace PortMatrix.Analysis;

/// <summary>The analyzers <c>check</c> runs, and the one place that orders their findings.</summary>
public static class Analyzers
{
    public static IReadOnlyList<IAnalyzer> All { get; } =
    [
        new PortConflictAnalyzer(),
        new MediaCapacityAnalyzer(),
        new CleartextAnalyzer(),
        new ExposedManagementAnalyzer(),
        new WeakSecurityAnalyzer(),
        new WideInboundAnalyzer(),
    ];

    /// <summary>Runs <paramref name="analyzers"/> (all by default) and orders the findings: most severe first, then by id.</summary>
    public static IReadOnlyList<Finding> Run(AnalysisSubject subject, IEnumerable<IAnalyzer>? analyzers = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Order((analyzers ?? All).SelectMany(a => a.Analyze(subject)));
    }

    /// <summary>Most severe first, then by code and key (ordinal), so the same input always gives the same list.</summary>
    public static IReadOnlyList<Finding> Order(IEnumerable<Finding> findings) =>
        findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
}
