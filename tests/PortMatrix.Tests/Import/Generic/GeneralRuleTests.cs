using PortMatrix.Import;
using PortMatrix.Import.Generic;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>
/// The general reading rules added while tuning the interpreter on the corpus, each on wording of its own
/// (not the corpus documents): who-opens / who-accepts headers, "between servers" headings, sentence verbs,
/// ports set aside, versions after an application, ICMP in a sentence, and aligned columns crossed by one row.
/// </summary>
public sealed class GeneralRuleTests
{
    private static TextTable Table(string? section, params string[][] rows) =>
        new(rows.Select((r, i) => new TableRow(r.Select((c, k) => new TableCell(c, i + 1, k + 1)).ToList(), i + 1)).ToList(), section, "test");

    private static ImportResult Interpret(TextTable table, string? product = null) =>
        TableInterpreter.Interpret(new ExtractedDocument("test.md", "markdown", [table], []), product);

    private static ImportResult Lines(string? product, params string[] lines) =>
        TableInterpreter.Interpret(new ExtractedDocument("test.txt", "text", [], lines.Select((l, i) => new TextLine(l, i + 1, null)).ToList()), product);

    private static string Flow(ImportedFlow f) =>
        $"{f.Transport.ToName()}/{f.Ports}:{string.Join("|", f.From)}>{string.Join("|", f.To)}";

    [Theory]
    [InlineData("Opened by", "Accepted by")]
    [InlineData("Initiated by", "Answered by")]
    [InlineData("Started by", "Served by")]
    public void Who_opens_and_who_accepts_headers_name_the_ends(string opener, string acceptor)
    {
        var result = Interpret(Table(null,
            ["Service", "Transport", "Port", opener, acceptor],
            ["Time", "UDP", "123", "Osprey PBX", "Time server"]));

        Assert.Equal(["udp/123:Osprey PBX>Time server"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Between servers")]
    [InlineData("Between cluster nodes")]
    [InlineData("Server to server")]
    [InlineData("Bidirectional")]
    public void Headings_about_instances_of_the_product_mean_both_directions(string heading)
    {
        var result = Interpret(Table(heading, ["Service", "Protocol", "Port"], ["State sync", "TCP", "9300"]), "Osprey");

        Assert.Equal(["tcp/9300:peer>Osprey", "tcp/9300:Osprey>peer"], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_between_heading_that_names_no_instances_says_no_direction()
    {
        Assert.Equal(PortMatrix.Import.Generic.FlowDirection.Unknown, Directions.FromSection("Between the carrier and you"));
    }

    [Theory]
    [InlineData("The appliance uploads call records to the billing host on TCP 2121.", "tcp/2121:Osprey Recorder>peer")]
    [InlineData("The recorder queries the directory on TCP 389.", "tcp/389:Osprey Recorder>peer")]
    [InlineData("Agents browse to the recorder on TCP 8080.", "tcp/8080:peer>Osprey Recorder")]
    [InlineData("Desk phones register with the appliance on UDP 5070.", "udp/5070:peer>Osprey Recorder")]
    [InlineData("The recorder listens on TCP 9443.", "tcp/9443:peer>Osprey Recorder")]
    [InlineData("The log collector receives events from the recorder on UDP 6514.", "udp/6514:Osprey Recorder>peer")]
    public void A_sentence_is_outbound_when_the_product_is_the_subject_of_an_opening_verb(string line, string flow)
    {
        var result = Lines("Osprey Recorder", line);

        Assert.Equal([flow], result.Flows.Select(Flow));
    }

    [Fact]
    public void A_provisioning_server_in_the_subject_is_not_the_product()
    {
        var result = Lines("Osprey", "The provisioning server pushes settings to the appliance over TCP 7443.");

        Assert.Equal(["tcp/7443:peer>Osprey"], result.Flows.Select(Flow));
    }

    [Theory]
    [InlineData("Web access uses TCP 8443 instead of port 443.", "tcp/8443")]
    [InlineData("SSH is moved to TCP 2200 rather than the default port 22.", "tcp/2200")]
    [InlineData("Management runs on TCP 9000, not the standard port 80.", "tcp/9000")]
    public void A_port_named_only_to_set_it_aside_gives_no_flow(string line, string flows)
    {
        var result = Lines(null, line);

        Assert.Equal(flows, string.Join(" ", result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}")));
    }

    [Theory]
    [InlineData("Storage: TCP 3306 (MySQL 8)", "tcp/3306")]
    [InlineData("Directory: TCP 636 (LDAPS 3)", "tcp/636")]
    [InlineData("Web server: HTTP 80", "tcp/80")]
    public void A_small_number_after_an_application_name_is_its_version(string line, string flows)
    {
        var result = Lines(null, line);

        Assert.Equal(flows, string.Join(" ", result.Flows.Select(f => $"{f.Transport.ToName()}/{f.Ports}")));
    }

    [Theory]
    [InlineData("Permit outbound ICMP from the appliance to the gateway.")]
    [InlineData("The monitoring host sends ICMP echo requests to the appliance.")]
    public void Icmp_inside_a_sentence_is_a_flow(string line)
    {
        var result = Lines(null, line);

        Assert.Equal(Transport.Icmp, Assert.Single(result.Flows).Transport);
    }

    [Fact]
    public void Icmp_mentioned_in_passing_is_not_a_flow()
    {
        Assert.DoesNotContain(Lines(null, "The appliance drops ICMP when hardened.").Flows, f => f.Transport == Transport.Icmp);
    }

    [Fact]
    public void An_aligned_column_gap_under_a_dash_rule_survives_one_row_running_across_it()
    {
        const string text = """
            Port     Proto  Dir   Use
            -------  -----  ----  ----------------
            5060     UDP    in    SIP
            443      TCP    in    Web
            Port: see doc   out   Syslog
            8080     TCP    in    API
            1024+    UDP    out   Media to voicemail
            """;

        var document = new PlainTextExtractor().Extract("a.txt", text);

        var rows = Assert.Single(document.Tables).Rows;
        Assert.Equal(["1024+", "UDP", "out", "Media to voicemail"], rows[^1].Cells.Select(c => c.Text));
        Assert.Equal(["Port: see doc", "", "out", "Syslog"], rows[^3].Cells.Select(c => c.Text));
    }
}
