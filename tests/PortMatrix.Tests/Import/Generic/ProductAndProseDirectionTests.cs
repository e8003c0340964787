using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// Rules from the pending blind documents: the product named by a title without port words when the text
/// repeats the name, arrows between names ("PBX -> VMX Gateway"), the prose of a table row that has no
/// direction column, and the sentence that leads into a table.
/// </summary>
public sealed class ProductAndProseDirectionTests
{
    private static string Flow(ImportedFlow f) =>
        $"{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}";

    private static ImportResult ImportText(string name, string text)
    {
        using var temp = new CorpusTests.TempDir();
        var path = Path.Combine(temp.Path, name);
        File.WriteAllText(path, text);
        return new DocumentImporter().Import(path);
    }

    private static readonly HashSet<string> Gateway = ["vmx", "gateway"];

    // ---- the product from a title the text repeats ---------------------------------------------------------

    [Fact]
    public void A_title_without_port_words_names_the_product_when_the_text_repeats_it()
    {
        var result = ImportText("checklist.txt", """
            Kitewing Relay 3.4 -- Pre-installation checklist

            The Kitewing Relay forwards alarms. Install one Kitewing Relay per site.

            - Kitewing Relay sends alarms to the PBX on TCP 4050
            """);

        Assert.Equal(["tcp/4050:Kitewing Relay>peer"], result.Flows.Select(Flow));
        Assert.Contains(result.Warnings, w => w.Code == WarningCodes.Inferred && w.Message.Contains("'Kitewing Relay'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_that_the_text_uses_only_in_host_names_is_not_the_product()
    {
        // "wren" occurs only in wren.example: a peer's domain, not the product.
        var result = ImportText("client.md", """
            # Wren Meetings desktop client 7 - network requirements

            - Signalling to signal.wren.example, media to media.wren.example, web to cdn.wren.example: TCP 443
            """);

        Assert.NotEmpty(result.Flows);
        Assert.All(result.Flows, f => Assert.DoesNotContain("Wren", string.Join(" ", f.From.Concat(f.To)), StringComparison.Ordinal));
    }

    [Fact]
    public void The_html_title_names_the_product_when_the_headings_do_not()
    {
        var result = ImportText("chapter.html", """
            <html><head><title>Rostra WFM 9.2 Deployment Guide - Chapter 4</title></head><body>
            <h1>Chapter 4. Network and Firewall Requirements</h1>
            <p>The Rostra WFM Server collects agent state from the ACD.</p>
            <p>The WFM Server opens a session to the ACD CTI gateway on TCP 4100.</p>
            </body></html>
            """);

        Assert.Equal(["tcp/4100:Rostra WFM>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_body_that_never_repeats_the_title_names_no_product()
    {
        var found = Titles.ProductRepeatedInBody([("Harrier Notes 2 - Installation", 1)], new Dictionary<string, int> { ["sip"] = 4 });

        Assert.Null(found);
    }

    [Fact]
    public void Version_numbers_and_document_words_are_left_out_of_the_name()
    {
        var found = Titles.ProductRepeatedInBody([("QUILLSEND VMX GATEWAY 3.4 -- PRE-INSTALLATION NETWORK CHECKLIST", 1)],
            new Dictionary<string, int> { ["quillsend"] = 1, ["vmx"] = 9, ["gateway"] = 9, ["checklist"] = 2 });

        Assert.Equal("QUILLSEND VMX GATEWAY", found?.Name);
    }

    // ---- arrows ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("PBX -> VMX Gateway, SIP trunk to the voicemail pilot: UDP 5060", "In")]
    [InlineData("VMX Gateway -> PBX, message-waiting (MWI) SIP NOTIFY: UDP 5060", "Out")]
    [InlineData("Admin PCs \u2192 VMX Gateway web console: TCP 9443", "In")]
    [InlineData("VMX Gateway => customer SMTP relay: TCP 25/587", "Out")]
    [InlineData("Node A <-> Node B, message-store replication: TCP 7400", "Both")]
    [InlineData("VMX Gateway \u2194 PBX: TCP 5061", "Both")]
    [InlineData("PBX -> SBC: UDP 5060", "Unknown")]
    [InlineData("RTP ports 10000->20000", "Unknown")]
    public void An_arrow_between_two_names_gives_the_direction(string text, string expected) =>
        Assert.Equal(expected, Directions.FromArrow(text, Gateway).ToString());

    [Fact]
    public void A_heading_with_an_arrow_gives_the_direction_of_the_list_under_it()
    {
        var result = ImportText("provision.md", """
            # Corvane ProvisionCore 4.2 - Firewall & Port Requirements

            ## Phones → ProvisionCore

            - HTTPS (TCP 443) for configuration download

            ## ProvisionCore → other systems

            - Syslog to the SIEM collector: UDP 514
            """);

        Assert.Equal(["tcp/443:peer>Corvane ProvisionCore 4.2", "udp/514:Corvane ProvisionCore 4.2>peer"], result.Flows.Select(Flow));
    }

    // ---- prose in tables -----------------------------------------------------------------------------------

    [Fact]
    public void The_prose_of_a_row_gives_its_direction_when_the_table_has_no_direction_column()
    {
        var table = new TextTable(
        [
            new([new("Item", 1, 1), new("Requirement", 1, 2)], 1),
            new([new("A1", 2, 1), new("PBX -> Wren Gateway, SIP trunk: UDP 5060", 2, 2)], 2),
            new([new("A2", 3, 1), new("Wren Gateway -> DNS servers: UDP 53", 3, 2)], 3),
        ], null, "test");

        var result = TableInterpreter.Interpret(new ExtractedDocument("t.md", "markdown", [table], []), "Wren Gateway");

        Assert.Equal(["udp/5060:peer>Wren Gateway", "udp/53:Wren Gateway>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void The_sentence_that_leads_into_a_table_gives_its_direction()
    {
        var result = ImportText("backend.html", """
            <html><body>
            <h2>Back-end services</h2>
            <p>The following connections are initiated by the server to supporting infrastructure:</p>
            <table>
            <tr><th>Service</th><th>Protocol</th><th>Port</th></tr>
            <tr><td>Database</td><td>TCP</td><td>1433</td></tr>
            </table>
            <h2>Other services</h2>
            <p>These are the ports:</p>
            <table>
            <tr><th>Service</th><th>Protocol</th><th>Port</th></tr>
            <tr><td>Web</td><td>TCP</td><td>8443</td></tr>
            </table>
            </body></html>
            """);

        Assert.Equal(["tcp/1433:this system>peer", "tcp/8443:peer>this system"], result.Flows.Select(Flow));
    }
}
