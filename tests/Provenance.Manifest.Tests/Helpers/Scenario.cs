using Provenance.Manifest.Digests;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Helpers;

/// <summary>Builders for checker scenarios on real SOTU shards.</summary>
public static class Scenario
{
    /// <summary>Two human shards and one synthetic shard, sealed. Lines: shards: at 3; h1 id at 4; h2 id at 7; s1 id at 10.</summary>
    public const string ThreeShards = """
        provenance: 1
        dataset: sotu
        shards:
          - id: h1
            path: data/human/h1.jsonl
            origin: human
          - id: h2
            path: data/human/h2.jsonl
            origin: human
          - id: s1
            path: data/synthetic/s1.jsonl
            origin: synthetic
            generator: { model: bigram }
        """;

    public static TempManifest Create(string yaml = ThreeShards, bool seal = true)
    {
        var temp = new TempManifest();
        temp.Shard("data/human/h1.jsonl", 20, skip: 0);
        temp.Shard("data/human/h2.jsonl", 20, skip: 20);
        temp.Shard("data/synthetic/s1.jsonl", 5, skip: 200);
        temp.Manifest(yaml.Replace("\r\n", "\n") + "\n");
        if (seal)
        {
            var result = ManifestSealer.Seal(temp.ManifestPath);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        }

        return temp;
    }

    public static CheckResult Check(string path, bool locked = false) =>
        ManifestChecker.Check(path, new CheckOptions { Verify = VerifyMode.All, LockedMode = locked });
}
