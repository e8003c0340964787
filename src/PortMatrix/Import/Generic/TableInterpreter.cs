namespace PortMatrix.Import.Generic;

/// <summary>
/// Reads flows out of extracted tables and text by meaning: finds header rows, recognises columns by
/// what they hold, reads port and transport notations, and warns for every row or line that looks
/// like port information but yields no flow.
/// </summary>
public static class TableInterpreter
{
    public static ImportResult Interpret(ExtractedDocument document) =>
        throw new NotImplementedException("The generic table interpreter is not written yet.");
}
