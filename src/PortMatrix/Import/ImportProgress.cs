namespace PortMatrix.Import;

/// <summary>
/// Where a long import is: a stage ("reading the file", "looking for the layout", "reading rows") and, when
/// known, the share of it done (0 to 1). Reported through <see cref="DocumentImporter.Progress"/>, possibly
/// from several threads at once and not always in order.
/// </summary>
public readonly record struct ImportProgress(string Stage, double? Fraction);
