using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Diversity;

/// <summary>
/// The audit and the PROV2010 gate on a two-generation lineage of real SOTU text: gen0.provenance.yaml holds a human
/// shard; gen1 holds a synthetic shard trained on gen0, written either as a replace (the synthetic shard only, a few
/// sentences repeated) or as an accumulate (the human shard too).
/// </summary>
public sealed class DiversityAuditTests
{
    private const string Gen0 = """
        provenance: 1
        dataset: d
        shards:
          - id: human
            path: data/human.jsonl
            origin: human
        """;

    private static TempManifest Lineage(bool accumulate, string policy = "")
    {
        var temp = new TempManifest();
        temp.Shard("data/human.jsonl", 3, skip: 10);
        // A collapsed "model": the first record's first sentences, over and over, as plain text.
        string text = ShardText.RecordText(Corpus.Lines().Skip(10).First());
        string repeated = string.Concat(Enumerable.Repeat(text.Substring(0, 400).Replace("\n", " ") + "\n", 40));
        temp.Write("data/synth.txt", repeated);
        temp.Write("gen0.provenance.yaml", Gen0 + "\n");
        temp.Manifest($$"""
            provenance: 1
            dataset: d
            policy:
              humanFloor: 0
            {{policy}}
            shards:
            {{(accumulate ? "  - id: human\n    path: data/human.jsonl\n    origin: human\n" : "")}}  - id: synth
                path: data/synth.txt
                origin: synthetic
                format: text
                generator: { model: m, trainedOn: gen0.provenance.yaml }
            """.Replace("\r\n", "\n") + "\n");
        Assert.True(ManifestSealer.Seal(Path.Combine(temp.Root, "gen0.provenance.yaml")).Succeeded);
        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);
        return temp;
    }

    [Fact]
    public void Audit_finds_generation_0_upstream_through_trainedOn_and_measures_the_mix()
    {
        using var temp = Lineage(accumulate: false);
        var report = DiversityAudit.Run(temp.ManifestPath)!;
        Assert.Equal(new[] { 0, 1 }, report.Generations.Select(g => g.Generation));
        Assert.True(report.Generations[0].Upstream);
        Assert.Equal(new[] { "human" }, report.Generations[0].ShardIds);
        Assert.Equal(1.0, report.Reference!.TailSurvival);
        Assert.Equal(report.Reference.Tokens, report.SampleTokens);
        Assert.Equal(new[] { "synth" }, report.Mix!.ShardIds);
        Assert.True(report.Mix.TailSurvival < 0.5, $"tail survival {report.Mix.TailSurvival}");
        Assert.True(report.Mix.Distinct2 < report.Reference.Distinct2 / 2);
    }

    [Fact]
    public void Counts_are_cached_by_digest_and_a_changed_file_is_read_again()
    {
        using var temp = Lineage(accumulate: true);
        string cache = Path.Combine(temp.Root, ".cache");
        var first = DiversityAudit.Run(temp.ManifestPath, cache)!;
        Assert.Equal((2, 0), (first.ShardsCounted, first.ShardsCached));
        var second = DiversityAudit.Run(temp.ManifestPath, cache)!;
        Assert.Equal((0, 2), (second.ShardsCounted, second.ShardsCached));
        Assert.Equal(first.Mix!.Distinct2, second.Mix!.Distinct2, 12);

        File.AppendAllText(Path.Combine(temp.Root, "data/synth.txt"), "A new line with new words entirely.\n");
        var third = DiversityAudit.Run(temp.ManifestPath, cache)!;
        Assert.Equal((1, 1), (third.ShardsCounted, third.ShardsCached));
        Assert.True(third.Mix!.Tokens > first.Mix.Tokens);
    }

    [Fact]
    public void Replace_trips_PROV2010_at_policy_diversity_and_accumulate_does_not()
    {
        using var replace = Lineage(accumulate: false, policy: "  diversity: { metric: tail-survival, maxDrop: 0.2 }");
        var result = ManifestChecker.Check(replace.ManifestPath, new CheckOptions { Verify = VerifyMode.All, Diversity = true });
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2010", DiagnosticAssert.Pos(replace.ManifestPath, "diversity:"));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("tail-survival of this mix (generation 1)", d.Message);
        Assert.Contains("at most 20%", d.Message);
        Assert.NotNull(result.Diversity);

        using var accumulate = Lineage(accumulate: true, policy: "  diversity: { metric: tail-survival, maxDrop: 0.2 }");
        Assert.DoesNotContain(ManifestChecker.Check(accumulate.ManifestPath, new CheckOptions { Diversity = true }).Diagnostics, x => x.Id == "PROV2010");
    }

    [Fact]
    public void Without_a_policy_section_the_defaults_apply_at_the_newest_shard_and_only_when_asked()
    {
        using var replace = Lineage(accumulate: false);
        var asked = ManifestChecker.Check(replace.ManifestPath, new CheckOptions { Diversity = true });
        var d = DiagnosticAssert.At(asked.Diagnostics, "PROV2010", DiagnosticAssert.Pos(replace.ManifestPath, "- id: synth", after: true) with { Column = 9 });
        Assert.Contains("tail-survival", d.Message);
        Assert.Contains("at most 10%", d.Message);

        var notAsked = ManifestChecker.Check(replace.ManifestPath, new CheckOptions());
        Assert.DoesNotContain(notAsked.Diagnostics, x => x.Id == "PROV2010");
        Assert.Null(notAsked.Diversity);
    }

    [Theory]
    [InlineData("{ metric: distinct-3 }", "PROV1005", "distinct-3")]
    [InlineData("{ maxDrop: 1.5 }", "PROV1005", "1.5")]
    [InlineData("{ maxDrop: lots }", "PROV1003", "lots")]
    [InlineData("{ metric: distinct-2, window: 5 }", "PROV1002", "window")]
    [InlineData("7", "PROV1003", "7")]
    public void Bad_policy_diversity_values_are_PROV1xxx_at_the_value(string value, string id, string marker)
    {
        string yaml = "provenance: 1\ndataset: d\npolicy:\n  diversity: " + value + "\nshards: []\n";
        var read = ManifestReader.ReadText(yaml, "/tmp/p/provenance.yaml");
        var d = Assert.Single(read.Diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(4, d.Span.Line);
        Assert.Equal(("  diversity: " + value).IndexOf(marker, StringComparison.Ordinal) + 1, d.Span.Column);
    }

    [Fact]
    public void Policy_diversity_is_read_and_written_back()
    {
        var read = ManifestReader.ReadText("provenance: 1\ndataset: d\npolicy:\n  diversity: { metric: distinct-2, maxDrop: 0.25 }\nshards: []\n", "/tmp/p/provenance.yaml");
        Assert.Empty(read.Diagnostics);
        var policy = read.Manifest!.Policy.Diversity!;
        Assert.Equal((DiversityMetric.Distinct2, 0.25), (policy.Metric, policy.MaxDrop));
        Assert.Contains("diversity: {metric: distinct-2, maxDrop: 0.25}", ManifestWriter.ToYaml(read.Manifest));

        var defaults = ManifestReader.ReadText("provenance: 1\ndataset: d\npolicy:\n  diversity: {}\nshards: []\n", "/tmp/p/provenance.yaml").Manifest!.Policy.Diversity!;
        Assert.Equal((DiversityMetric.TailSurvival, 0.10), (defaults.Metric, defaults.MaxDrop));
        Assert.Null(ManifestReader.ReadText("provenance: 1\ndataset: d\nshards: []\n", "/tmp/p/provenance.yaml").Manifest!.Policy.Diversity);
    }
}
