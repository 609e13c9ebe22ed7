using Provenance.Manifest.Locking;
using Provenance.Manifest.Policy;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>The one comparison of the protected corpus: parent, lock and removals, as every rule, lock and diff see it.</summary>
public sealed class ProtectedCorpusTests
{
    private const string Gen2 = "provenance: 1\ndataset: gen2\nparent: gen1.provenance.yaml\nshards:\n  - id: h1\n    path: data/human/h1.jsonl\n    origin: human\n  - id: h2\n    path: data/human/h2.jsonl\n    origin: synthetic\n    generator: { model: bigram }\n";

    [Fact]
    public void A_parent_human_shard_relabelled_synthetic_is_a_relabel_at_its_origin_without_a_lock()
    {
        using var temp = Scenario.Create();
        File.Move(temp.ManifestPath, Path.Combine(temp.Root, "gen1.provenance.yaml"));
        temp.Manifest(Gen2);
        Provenance.Manifest.Writing.ManifestSealer.Seal(temp.ManifestPath);

        var result = Scenario.Check(temp.ManifestPath);

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2004", SampleCopy.LineOf(temp.ManifestPath, "  - id: h2", "    origin:"), 13);
        Assert.Contains("The parent's human shard 'h2'", d.Message);
        Assert.Contains("is relabelled 'synthetic' here", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Message.Contains("no longer in the manifest", StringComparison.Ordinal));
        var corpus = ProtectedCorpus.Compare(result.Manifest!, ManifestReader.ReadFile(Path.Combine(temp.Root, "gen1.provenance.yaml")).Manifest, null);
        Assert.Equal(new[] { ProtectedStatus.Kept, ProtectedStatus.Relabelled }, corpus.Parent.Select(p => p.Status));
    }

    [Fact]
    public void A_locked_human_shard_relabelled_synthetic_is_PROV2003_relabelled_at_its_origin()
    {
        using var temp = Scenario.Create();
        ManifestChecker.Lock(temp.ManifestPath);
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("id: h2\n    path: data/human/h2.jsonl\n    origin: human", "id: h2\n    path: data/human/h2.jsonl\n    origin: unknown"));

        var result = Scenario.Check(temp.ManifestPath);

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2003", SampleCopy.LineOf(temp.ManifestPath, "  - id: h2", "    origin:"), 13);
        Assert.StartsWith("Original corpus relabelled: human shard 'h2'", d.Message);
        Assert.Contains("now labelled 'unknown'", d.Message);
    }

    [Fact]
    public void Dropped_kept_renamed_and_approved_removal_are_told_apart()
    {
        using var temp = Scenario.Create();
        ManifestChecker.Lock(temp.ManifestPath);
        var manifest = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;
        string h1 = manifest.Shards[0].Digest!, h2 = manifest.Shards[1].Digest!;
        var lockFile = LockFile.Load(LockFile.PathFor(temp.ManifestPath), new())!;

        // h1 renamed (same bytes, new id), h2 gone with an approved removal.
        temp.Manifest($"provenance: 1\ndataset: sotu\nshards:\n  - id: washington\n    path: data/human/h1.jsonl\n    origin: human\n    digest: {h1}\nremoved:\n  - digest: {h2}\n    reason: licence withdrawn\n    approvedBy: governance@example.org\n");
        var corpus = ProtectedCorpus.Compare(ManifestReader.ReadFile(temp.ManifestPath).Manifest!, null, lockFile);
        Assert.Equal(ProtectedStatus.Kept, corpus.Locked.Single(l => l.Digest == h1).Status);
        Assert.Equal("washington", corpus.Locked.Single(l => l.Digest == h1).Current!.Id);
        var removed = corpus.Locked.Single(l => l.Digest == h2);
        Assert.Equal(ProtectedStatus.Removed, removed.Status);
        Assert.Equal("licence withdrawn", removed.Approval!.Reason);

        // Without the approval it is a drop.
        temp.Manifest($"provenance: 1\ndataset: sotu\nshards:\n  - id: washington\n    path: data/human/h1.jsonl\n    origin: human\n    digest: {h1}\n");
        corpus = ProtectedCorpus.Compare(ManifestReader.ReadFile(temp.ManifestPath).Manifest!, null, lockFile);
        Assert.Equal(ProtectedStatus.Dropped, corpus.Locked.Single(l => l.Digest == h2).Status);
    }
}
