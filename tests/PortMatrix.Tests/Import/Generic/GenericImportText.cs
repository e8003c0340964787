using PortMatrix.Import;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>Shared by the rule tests of the generic importer: a flow in one line, and a document imported from text.</summary>
internal static class GenericImportText
{
    /// <summary>"udp/5060:peer>Wren Gateway": transport, ports and ends.</summary>
    public static string Flow(ImportedFlow f) =>
        $"{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}";

    /// <summary>Imports <paramref name="text"/> written to a file named <paramref name="name"/> (the extension picks the format).</summary>
    public static ImportResult ImportText(string name, string text)
    {
        using var temp = new CorpusTests.TempDir();
        var path = Path.Combine(temp.Path, name);
        File.WriteAllText(path, text);
        return new DocumentImporter().Import(path);
    }
}
