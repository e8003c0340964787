namespace PortMatrix.Model;

/// <summary>A product parameter that port formulas may use, e.g. the number of channels.</summary>
public sealed record Parameter(string Name, long Default, string Meaning);
