namespace PortMatrix.Import.Generic;

/// <summary>
/// The notes an extractor leaves in <see cref="ExtractedDocument.Lines"/> where it did not read part of a
/// document (rows past a cap, pages past a cap, a damaged page). They are ordinary <see cref="TextLine"/>s
/// so the contract stays as it is; the interpreter recognises them with <see cref="IsNote"/> and turns each
/// into a warning at its line instead of reading it as text.
/// </summary>
internal static class ExtractionNote
{
    /// <summary>Every note starts with this text.</summary>
    public const string Prefix = "(not read: ";

    public static TextLine Create(string what, int line, string? section) => new($"{Prefix}{what})", line, section);

    public static bool IsNote(TextLine line) =>
        line.Text.StartsWith(Prefix, StringComparison.Ordinal) && line.Text.EndsWith(')');
}
