using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

public class PolicyRuleTests
{
    private static ShardManifest Parse(string yaml)
    {
        var result = ManifestReader.ReadText(yaml.Replace("\r\n", "\n") + "\n", "/tmp/p/provenance.yaml");
        Assert.Empty(result.Diagnostics);
        return result.Manifest!;
    }

    [Fact]
    public void Human_share_counts_weight_capped_by_humanEpochCap_mixed_fraction_and_unknown_as_synthetic()
    {
        var m = Parse("""
            provenance: 1
            dataset: d
            policy: { measure: records, humanEpochCap: 2 }
            shards:
              - { id: h, path: h, origin: human, records: 100, weight: 10 }
              - { id: m, path: m, origin: mixed, records: 100, humanFraction: 0.5 }
              - { id: m2, path: m2, origin: mixed, records: 100 }
              - { id: u, path: u, origin: unknown, records: 100 }
              - { id: s, path: s, origin: synthetic, records: 100, weight: 2 }
            """);
        var mix = MixComposition.Compute(m);
        // human: 100*min(10,2)=200 + 50 = 250; total: 200 + 100 + 100 + 100 + 200 = 700
        Assert.Equal(250, mix.HumanAmount);
        Assert.Equal(700, mix.TotalAmount);
        Assert.Equal(250.0 / 700, mix.HumanShare, 10);
    }

    [Fact]
    public void Below_floor_is_an_error_at_shards_and_below_warn_is_a_warning()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\npolicy:\n  humanFloor: 0.99"));
        var d = DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2001", DiagnosticAssert.Pos(temp.ManifestPath, "shards:"));
        Assert.Contains("below the floor of 99%", d.Message);

        using var warn = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\npolicy:\n  humanFloorWarn: 0.99"));
        var w = DiagnosticAssert.At(Scenario.Check(warn.ManifestPath).Diagnostics, "PROV2002", DiagnosticAssert.Pos(warn.ManifestPath, "shards:"));
        Assert.Equal(DiagnosticSeverity.Warning, w.Severity);
    }

    [Fact]
    public void Human_floor_override_wins_over_the_manifest()
    {
        using var temp = Scenario.Create();
        var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { HumanFloor = 0.999 });
        DiagnosticAssert.Single(result.Diagnostics, "PROV2001");
        Assert.Contains("(floor 99.9%)", result.Summary);
    }

    [Fact]
    public void A_misspelt_origin_on_a_locked_human_shard_is_one_PROV1002_not_a_floor_error_or_a_dropped_corpus()
    {
        using var temp = Scenario.Create();
        Assert.False(ManifestChecker.Lock(temp.ManifestPath).HasErrors);
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("origin: human", "orgin: human", StringComparison.Ordinal));

        var result = Scenario.Check(temp.ManifestPath);

        Assert.All(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Contains("; did you mean 'origin'?", d.Message));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PROV1002"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "PROV2001" or "PROV2002" or "PROV2003" or "PROV1004");
        Assert.Equal(2, result.InvalidShards);
        Assert.StartsWith("provenance.yaml: human share not computed (2 shards have errors), floor 10%, 3 shards", result.Summary);
    }

    [Fact]
    public void A_shard_with_a_schema_error_withholds_the_floor_verdict_but_the_other_shards_are_still_judged()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\npolicy:\n  requireVerification: true"));
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("    path: data/human/h2.jsonl\n", "    path: data/human/h2.jsonl\n    wieght: 2\n", StringComparison.Ordinal));

        var result = Scenario.Check(temp.ManifestPath);

        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1002" && d.Message.Contains("did you mean 'weight'?", StringComparison.Ordinal));
        var unverified = Assert.Single(result.Diagnostics, d => d.Id == "PROV2007");
        Assert.Contains("'s1'", unverified.Message);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "PROV2001" or "PROV2002");
        Assert.Equal(1, result.InvalidShards);
    }

    [Fact]
    public void Synthetic_without_verification_is_PROV2007_when_required()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\npolicy:\n  requireVerification: true"));
        DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2007", DiagnosticAssert.Pos(temp.ManifestPath, "- id: s1", after: true) with { Column = 9 });
    }

    [Fact]
    public void Judge_that_is_the_generator_is_PROV2008_at_the_verifier()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("generator: { model: bigram }",
            "generator: { model: bigram@sha256:abc }\n    verification: { method: llm-judge, verifier: Bigram }"));
        var d = DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2008", DiagnosticAssert.Pos(temp.ManifestPath, "Bigram"));
        Assert.Contains("generator itself", d.Message);
    }

    [Fact]
    public void Generation_above_max_is_PROV2006()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\npolicy:\n  maxGeneration: 2").Replace("generator: { model: bigram }", "generation: 3\n    generator: { model: bigram }"));
        DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2006", DiagnosticAssert.Pos(temp.ManifestPath, "generation: ", after: true));
    }
}
