using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>PROV2011: bytes that the lineage or the lock records as not human never count as human (origin is a claim).</summary>
public sealed class LaunderingRuleTests
{
    [Fact]
    public void Sample_generation2_relabelling_a_generation1_synthetic_shard_human_is_PROV2011_at_origin_and_counts_as_synthetic()
    {
        using var sample = SampleCopy.Assistant();
        var before = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.None });
        DiagnosticAssert.None(before.Diagnostics);

        // The case of the issue: the shard's exact bytes, recorded by gen1 as synthetic generation 1, relabelled human
        // with its generation and generator keys dropped.
        string text = File.ReadAllText(sample.Manifest);
        int start = text.IndexOf("- id: synth-g1-0001\n", StringComparison.Ordinal);
        int end = text.IndexOf("  derivedFrom:", start, StringComparison.Ordinal);
        string block = text.Substring(start, end - start);
        string relabelled = string.Join("\n", block.Split('\n').Where(l => !l.StartsWith("  generation:", StringComparison.Ordinal) && !l.StartsWith("  generator:", StringComparison.Ordinal)
            && !l.StartsWith("    model:", StringComparison.Ordinal) && !l.StartsWith("    trainedOn:", StringComparison.Ordinal) && !l.StartsWith("    decoding:", StringComparison.Ordinal)))
            .Replace("origin: synthetic", "origin: human");
        File.WriteAllText(sample.Manifest, text.Replace(block, relabelled));
        int originLine = SampleCopy.LineOf(sample.Manifest, "- id: synth-g1-0001", "  origin:");

        var after = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.None });

        var d = DiagnosticAssert.At(after.Diagnostics, "PROV2011", originLine, 11);
        Assert.Contains("'synth-g1-0001' is labelled human", d.Message);
        Assert.Contains("recorded as synthetic in gen1.provenance.yaml (shard 'synth-g1-0001', generation 1)", d.Message);
        Assert.Equal(before.Mix!.HumanShare, after.Mix!.HumanShare, 12); // not raised: it counts as synthetic
    }

    [Fact]
    public void The_locks_origin_history_catches_a_relabel_within_one_manifest_and_the_lock_never_admits_it()
    {
        using var temp = Scenario.Create();
        Assert.True(ManifestChecker.Lock(temp.ManifestPath).LockWritten);
        var history = LockFile.Load(LockFile.PathFor(temp.ManifestPath), new())!;
        string s1 = Assert.Single(history.Synthetic).Digest;

        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("origin: synthetic\n    generator: { model: bigram }", "origin: human"));
        var result = Scenario.Check(temp.ManifestPath);
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2011", SampleCopy.LineOf(temp.ManifestPath, "  - id: s1", "    origin:"), 13);
        Assert.Contains("recorded as synthetic in the origin history of provenance.lock.json (shard 's1')", d.Message);

        ManifestChecker.Lock(temp.ManifestPath); // an explicit lock writes despite policy errors, but never admits those bytes
        var relocked = LockFile.Load(LockFile.PathFor(temp.ManifestPath), new())!;
        Assert.DoesNotContain(relocked.Protected, p => p.Digest == s1);
        Assert.Contains(relocked.Synthetic, p => p.Digest == s1);
    }

    [Fact]
    public void The_same_bytes_listed_as_human_and_as_synthetic_in_one_mix_is_PROV2011()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards + "\n  - id: s1-again\n    path: data/synthetic/s1.jsonl\n    origin: human");
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2011");
        Assert.Contains("'s1-again' is labelled human", d.Message);
    }

    [Fact]
    public void Human_bytes_that_no_record_calls_synthetic_pass()
    {
        using var temp = Scenario.Create();
        ManifestChecker.Lock(temp.ManifestPath);
        Assert.DoesNotContain(Scenario.Check(temp.ManifestPath).Diagnostics, d => d.Id == "PROV2011");
    }
}
