namespace PortMatrix.Import.Generic;

/// <summary>
/// Limits that keep extraction bounded. An extractor that stops at <see cref="MaxRows"/> ends the
/// table's <see cref="TextTable.Origin"/> with <see cref="TruncatedSuffix"/>; the interpreter turns that
/// into a warning, so a cut is never silent.
/// </summary>
internal static class ExtractionLimits
{
    /// <summary>Rows read from one table (a port list has hundreds; a million is a data dump).</summary>
    public const int MaxRows = 2_000_000;

    /// <summary>Text lines read from one document.</summary>
    public const int MaxLines = 4_000_000;

    /// <summary>Characters kept of one cell.</summary>
    public const int MaxCellLength = 4_000;

    public const string TruncatedSuffix = " (truncated)";
}
