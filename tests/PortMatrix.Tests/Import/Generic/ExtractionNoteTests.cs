using PortMatrix.Import;
using PortMatrix.Import.Generic;

namespace PortMatrix.Tests.Import.Generic;

public sealed class ExtractionNoteTests
{
    [Fact]
    public void A_note_about_unread_rows_becomes_a_warning_and_no_flow()
    {
        var table = new TextTable(
        [
            new TableRow([new TableCell("Port", 1, 1), new TableCell("Protocol", 1, 2), new TableCell("Service", 1, 3)], 1),
            new TableRow([new TableCell("5060", 2, 1), new TableCell("UDP", 2, 2), new TableCell("SIP", 2, 3)], 2),
        ], "Ports", "sheet Ports");
        var document = new ExtractedDocument("big.xlsx", "xlsx", [table],
            [ExtractionNote.Create("rows after row 200000 of sheet 'Ports' (UDP 5070)", 200001, "Ports")]);

        var result = TableInterpreter.Interpret(document);

        var flow = Assert.Single(result.Flows);
        Assert.Equal("5060", flow.Ports.ToString());
        var warning = Assert.Single(result.Warnings, w => w.Line == 200001);
        Assert.Equal(WarningCodes.Unreadable, warning.Code);
        Assert.Contains("rows after row 200000", warning.Message, StringComparison.Ordinal);
    }
}
