using PortMatrix.Import;
using PortMatrix.Ports;

namespace PortMatrix.Tests.Import.Generic;

/// <summary>The scoring harness on hand-made results, so that a bug in scoring cannot hide a bad importer.</summary>
public sealed class CorpusScoreTests
{
    private const string Sidecar = """
        product: [Kite PBX]
        flows:
          - { line: 3, transport: udp, ports: 5060, direction: in }
          - { line: 4, transport: tcp, ports: "5061", direction: in }
          - { line: 5, transport: tcp, ports: 389, direction: out }
          - { line: 6, transport: udp, ports: 10000-10999, direction: both }
        optional:
          - { line: 7, transport: tcp, ports: 443, direction: in }
        """;

    private static readonly ExpectedDocument Doc = ExpectedDocument.Parse("kite", Sidecar);

    private static readonly ExpectedDocument PortListDoc = ExpectedDocument.Parse("k", """
        product: [Kite PBX]
        flows:
          - { line: 3, transport: tcp, ports: "389,636", direction: out }
        """);

    [Fact]
    public void Perfect_result_scores_one_and_one()
    {
        var score = CorpusScore.Score(Doc, Result(Perfect()));

        Assert.Equal((4, 5, 5, 4), (score.Expected, score.Found, score.Correct, score.Recalled));
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.Empty(score.Missed);
        Assert.Empty(score.Wrong);
    }

    [Fact]
    public void Missing_flow_lowers_recall_only()
    {
        var score = CorpusScore.Score(Doc, Result(Perfect().Where(f => f.Line != 5)));

        Assert.Equal(0.75, score.Recall);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(["line 5: tcp 389 out"], score.Missed);
    }

    [Fact]
    public void Extra_flow_lowers_precision_only()
    {
        var score = CorpusScore.Score(Doc, Result([.. Perfect(), Flow(9, Transport.Tcp, "22", to: ["Kite PBX"])]));

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(5.0 / 6, score.Precision, 6);
        Assert.Single(score.Wrong, w => w.StartsWith("line 9: tcp 22 in", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_direction_is_both_a_miss_and_a_wrong_flow()
    {
        var flows = Perfect().Select(f => f.Line == 5 ? f with { From = ["Directory"], To = ["Kite PBX"] } : f);

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(0.75, score.Recall);
        Assert.Equal(4.0 / 5, score.Precision, 6);
        Assert.Equal(["line 5: tcp 389 out"], score.Missed);
    }

    [Fact]
    public void Unknown_direction_does_not_match_a_stated_one()
    {
        var flows = Perfect().Select(f => f.Line == 3 ? f with { From = [], To = [] } : f);

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(0.75, score.Recall);
        Assert.Single(score.Wrong);
    }

    [Fact]
    public void Wrong_port_set_or_transport_does_not_match()
    {
        var flows = Perfect().Select(f => f.Line switch
        {
            3 => f with { Ports = PortExpression.Parse("5060-5061") },
            4 => f with { Transport = Transport.Udp },
            _ => f,
        });

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(0.5, score.Recall);
        Assert.Equal(2, score.Wrong.Count);
    }

    [Fact]
    public void Duplicate_flow_counts_against_precision()
    {
        var score = CorpusScore.Score(Doc, Result([.. Perfect(), Flow(3, Transport.Udp, "5060", to: ["Kite PBX"])]));

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(5.0 / 6, score.Precision, 6);
    }

    [Fact]
    public void Expected_both_is_filled_by_one_in_and_one_out_flow()
    {
        var flows = Perfect().Where(f => f.Line != 6).Concat(
        [
            Flow(6, Transport.Udp, "10000-10999", from: ["Phones"], to: ["Kite PBX"]),
            Flow(6, Transport.Udp, "10000-10999", from: ["Kite PBX"], to: ["Phones"]),
        ]);

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(1.0, score.Precision);
    }

    [Fact]
    public void Expected_both_with_only_one_half_is_missed_but_the_half_is_right()
    {
        var flows = Perfect().Where(f => f.Line != 6).Append(Flow(6, Transport.Udp, "10000-10999", to: ["Kite PBX"]));

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(0.75, score.Recall);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(["line 6: udp 10000-10999 both (only the in half was found)"], score.Missed);
    }

    [Fact]
    public void Expected_port_list_is_filled_by_one_flow_per_port()
    {
        // "389/tcp, 636/tcp" read as two flows gives the same firewall rules as "tcp 389,636".
        var flows = new[]
        {
            Flow(3, Transport.Tcp, "389", from: ["Kite PBX"], to: ["Directory"]),
            Flow(3, Transport.Tcp, "636", from: ["Kite PBX"], to: ["Directory"]),
        };

        var score = CorpusScore.Score(PortListDoc, Result(flows));

        Assert.Equal((1.0, 1.0), (score.Recall, score.Precision));
    }

    [Fact]
    public void Part_of_a_port_list_is_right_but_the_list_is_missed_and_overlaps_are_wrong()
    {
        var flows = new[]
        {
            Flow(3, Transport.Tcp, "389", from: ["Kite PBX"], to: ["Directory"]),
            Flow(3, Transport.Tcp, "389", from: ["Kite PBX"], to: ["Directory"]),
        };

        var score = CorpusScore.Score(PortListDoc, Result(flows));

        Assert.Equal(0.0, score.Recall);
        Assert.Equal(0.5, score.Precision);
        Assert.Equal(["line 3: tcp 389,636 out (found only 389)"], score.Missed);
    }

    [Fact]
    public void Both_between_two_instances_written_each_way_counts_once()
    {
        var doc = ExpectedDocument.Parse("k", """
            product: [Kite PBX]
            flows:
              - { line: 3, transport: tcp, ports: 7800, direction: both }
            """);
        var flows = new[]
        {
            Flow(3, Transport.Tcp, "7800", from: ["Kite PBX node 1"], to: ["Kite PBX node 2"]),
            Flow(3, Transport.Tcp, "7800", from: ["Kite PBX node 2"], to: ["Kite PBX node 1"]),
        };

        var score = CorpusScore.Score(doc, Result(flows));

        Assert.Equal((1, 1.0, 1.0), (score.Found, score.Recall, score.Precision));
    }

    [Fact]
    public void Found_both_does_not_match_an_expected_in()
    {
        var flows = Perfect().Select(f => f.Line == 3 ? f with { From = ["Kite PBX"], To = ["Kite PBX"] } : f);

        var score = CorpusScore.Score(Doc, Result(flows));

        Assert.Equal(0.75, score.Recall);
        Assert.Single(score.Wrong);
    }

    [Fact]
    public void Optional_flow_is_neither_required_nor_wrong()
    {
        var without = CorpusScore.Score(Doc, Result(Perfect().Where(f => f.Line != 7)));

        Assert.Equal((1.0, 1.0), (without.Precision, without.Recall));
        Assert.Equal(4, without.Expected);
    }

    [Fact]
    public void Alternative_directions_accept_each_listed_reading_once()
    {
        var doc = ExpectedDocument.Parse("alt", """
            product: [Wren]
            flows:
              - { line: 1, transport: udp, ports: 16384-32767, direction: "unknown|in" }
            """);

        Assert.Equal(1.0, CorpusScore.Score(doc, Result([Flow(1, Transport.Udp, "16384-32767")])).Recall);
        Assert.Equal(1.0, CorpusScore.Score(doc, Result([Flow(1, Transport.Udp, "16384-32767", to: ["Wren gateway"])])).Recall);
        var outward = CorpusScore.Score(doc, Result([Flow(1, Transport.Udp, "16384-32767", from: ["Wren gateway"])]));
        Assert.Equal((0.0, 0.0), (outward.Recall, outward.Precision));
        var twice = CorpusScore.Score(doc, Result([Flow(1, Transport.Udp, "16384-32767"), Flow(1, Transport.Udp, "16384-32767", to: ["Wren"])]));
        Assert.Equal(0.5, twice.Precision);
    }

    [Fact]
    public void Icmp_is_compared_without_ports()
    {
        var doc = ExpectedDocument.Parse("icmp", """
            product: [Kite PBX]
            flows:
              - { line: 1, transport: icmp, ports: any, direction: in }
            """);

        var score = CorpusScore.Score(doc, Result([Flow(1, Transport.Icmp, "none", to: ["Kite PBX"])]));

        Assert.Equal((1.0, 1.0), (score.Precision, score.Recall));
    }

    [Fact]
    public void Port_notations_compare_as_sets()
    {
        var doc = ExpectedDocument.Parse("sets", """
            product: [Kite PBX]
            flows:
              - { line: 1, transport: tcp, ports: "8443,8444", direction: in }
              - { line: 2, transport: udp, ports: ">1024", direction: in }
              - { line: 3, transport: tcp, ports: ephemeral, direction: in }
            """);

        var score = CorpusScore.Score(doc, Result(
        [
            Flow(1, Transport.Tcp, "8443-8444", to: ["Kite PBX"]),
            Flow(2, Transport.Udp, "1025-65535", to: ["Kite PBX"]),
            Flow(3, Transport.Tcp, "49152-65535", to: ["Kite PBX"]),
        ]));

        Assert.Equal((1.0, 1.0), (score.Precision, score.Recall));
    }

    [Fact]
    public void Matching_pairs_the_nearest_line_when_keys_repeat()
    {
        var doc = ExpectedDocument.Parse("repeat", """
            product: [Kite PBX]
            flows:
              - { line: 10, transport: udp, ports: 5060, direction: in }
              - { line: 40, transport: udp, ports: 5060, direction: in }
            """);

        var score = CorpusScore.Score(doc, Result([Flow(41, Transport.Udp, "5060", to: ["Kite PBX"])]));

        Assert.Equal(["line 10: udp 5060 in"], score.Missed);
    }

    [Theory]
    [InlineData("CCM server", true)]
    [InlineData("the ccm cluster", true)]
    [InlineData("CCMX appliance", false)]
    [InlineData("IP phone", false)]
    [InlineData("this product", true)]
    public void Product_words_match_whole_words_only(string name, bool isProduct) =>
        Assert.Equal(isProduct, CorpusScore.IsProduct(name, ["CCM"]));

    [Theory]
    [InlineData("product: [X]\nflows:\n  - { line: 1, transport: tcp, ports: 1, direction: inbound }")]
    [InlineData("product: [X]\nflows:\n  - { line: 1, transport: tcpp, ports: 1, direction: in }")]
    [InlineData("product: [X]\nflows:\n  - { line: 1, transport: tcp, ports: 70000, direction: in }")]
    [InlineData("product: [X]\nflows:\n  - { line: 1, transport: tcp, port: 1, direction: in }")]
    [InlineData("flows:\n  - { line: 1, transport: tcp, ports: 1, direction: in }")]
    [InlineData("product: [X]\nflow:\n  - { line: 1, transport: tcp, ports: 1, direction: in }")]
    public void Sidecar_loader_rejects_mistakes(string yaml) =>
        Assert.ThrowsAny<Exception>(() => ExpectedDocument.Parse("bad", yaml));

    [Fact]
    public void Table_prints_every_document_and_micro_averaged_totals()
    {
        var a = CorpusScore.Score(Doc, Result(Perfect()));
        var b = CorpusScore.Failed(Doc, new PortMatrixException("no port table"));

        var table = CorpusScore.Table([a, b]);
        var total = CorpusScore.Total([a, b]);

        Assert.Contains("error: PortMatrixException: no port table", table, StringComparison.Ordinal);
        Assert.Contains("TOTAL", table, StringComparison.Ordinal);
        Assert.Equal(0.5, total.Recall);
        Assert.Equal(1.0, total.Precision);
    }

    [Fact]
    public void Every_corpus_sidecar_scores_a_perfect_reading_of_itself_as_perfect()
    {
        foreach (var name in CorpusDocuments.Names)
        {
            var expected = CorpusDocuments.Expected(name);
            var self = expected.Product[0];
            var flows = expected.Flows.Select(e => Flow(e.Line, e.Transport, e.Ports.ToString(),
                from: e.Directions[0] is FlowDirection.Out or FlowDirection.Both ? [self] : ["peer"],
                to: e.Directions[0] is FlowDirection.In or FlowDirection.Both ? [self + " server"] : ["peer"]));

            var score = CorpusScore.Score(expected, Result(flows));

            Assert.True(score.Precision == 1 && score.Recall == 1, $"{name}: {string.Join("; ", score.Missed.Concat(score.Wrong))}");
        }
    }

    private static List<ImportedFlow> Perfect() =>
    [
        Flow(3, Transport.Udp, "5060", from: ["Phones"], to: ["Kite PBX"]),
        Flow(4, Transport.Tcp, "5061", to: ["Kite PBX server"]),
        Flow(5, Transport.Tcp, "389", from: ["Kite PBX"], to: ["Directory"]),
        Flow(6, Transport.Udp, "10000-10999", from: ["Kite PBX", "Phones"], to: ["Kite PBX", "Phones"]),
        Flow(7, Transport.Tcp, "443", to: ["Kite PBX"]),
    ];

    private static ImportedFlow Flow(int line, Transport transport, string ports, IReadOnlyList<string>? from = null, IReadOnlyList<string>? to = null) =>
        new()
        {
            Service = "test",
            Transport = transport,
            Ports = ports == "none" ? PortExpression.FromSet(PortSet.Empty) : PortExpression.Parse(ports),
            From = from ?? [],
            To = to ?? [],
            Line = line,
            Cell = ports,
        };

    private static ImportResult Result(IEnumerable<ImportedFlow> flows) => new("test.md", "test", flows.ToList(), []);
}
