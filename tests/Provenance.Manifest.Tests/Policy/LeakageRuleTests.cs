using Provenance.Manifest.Digests;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>PROV2015 on the State of the Union sample: synthetic records inside a human file, found by record fingerprint.</summary>
public sealed class LeakageRuleTests
{
    [Fact]
    public void Ten_synthetic_records_pasted_into_a_human_shard_fail_naming_10_records_and_the_synthetic_shard()
    {
        using var sample = SampleCopy.Assistant();
        string human = Path.Combine(sample.Root, "data", "human", "sotu-1790-1836.jsonl");
        var pasted = File.ReadLines(Path.Combine(sample.Root, "data", "synthetic", "g1", "part-0001.jsonl")).Take(10).ToList();
        File.AppendAllLines(human, pasted);
        string text = File.ReadAllText(sample.Manifest);
        File.WriteAllText(sample.Manifest, SampleCopy.Replace(text, "sotu-1790-1836", SampleCopy.Entry("sotu-1790-1836", "data/human/sotu-1790-1836.jsonl", SampleCopy.SourceOf(text, "sotu-1790-1836"))));
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2015", SampleCopy.LineOf(sample.Manifest, "shards:", "- id: sotu-1790-1836"), 7);
        Assert.Contains("Human shard 'sotu-1790-1836' holds 10 of its 57 records also found in synthetic shards (10 with 'synth-g1-0001')", d.Message);
        Assert.Contains("policy.maxLeakedRecords is 0", d.Message);
    }

    [Fact]
    public void A_raised_maxLeakedRecords_admits_a_reviewed_number()
    {
        using var sample = SampleCopy.Assistant();
        string human = Path.Combine(sample.Root, "data", "human", "sotu-1790-1836.jsonl");
        File.AppendAllLines(human, File.ReadLines(Path.Combine(sample.Root, "data", "synthetic", "g1", "part-0001.jsonl")).Take(10));
        string text = File.ReadAllText(sample.Manifest).Replace("policy:\n", "policy:\n  maxLeakedRecords: 10\n");
        File.WriteAllText(sample.Manifest, SampleCopy.Replace(text, "sotu-1790-1836", SampleCopy.Entry("sotu-1790-1836", "data/human/sotu-1790-1836.jsonl", SampleCopy.SourceOf(text, "sotu-1790-1836"))));
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV2015");
    }

    [Fact]
    public void A_generator_reproducing_records_of_human_bytes_the_parent_already_held_is_not_leakage()
    {
        using var sample = SampleCopy.Assistant();
        // generation 2's synthetic shard quotes three addresses verbatim; the human file is the parent's, unchanged.
        string synthetic = Path.Combine(sample.Root, "data", "synthetic", "g2", "part-0001.jsonl");
        File.AppendAllLines(synthetic, File.ReadLines(Path.Combine(sample.Root, "data", "human", "sotu-1837-1860.jsonl")).Take(3));
        string text = File.ReadAllText(sample.Manifest);
        var (start, end) = (text.IndexOf("- id: synth-g2-0001\n", StringComparison.Ordinal), 0);
        end = text.IndexOf("\n- id: ", start + 1, StringComparison.Ordinal);
        string block = text.Substring(start, end - start);
        string unsealed = string.Join("\n", block.Split('\n').Where(l => !l.StartsWith("  digest:", StringComparison.Ordinal) && !l.StartsWith("  records:", StringComparison.Ordinal)
            && !l.StartsWith("  tokens:", StringComparison.Ordinal) && !l.StartsWith("  bytes:", StringComparison.Ordinal)));
        File.WriteAllText(sample.Manifest, text.Replace(block, unsealed));
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV2015");
    }
}
