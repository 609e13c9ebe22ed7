using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// Record-fingerprint sidecars are never trusted on their own word: a corrupt, truncated, unsorted or another shard's
/// sidecar is detected, then regenerated from the data, or, without the data, reported as PROV1036.
/// </summary>
public sealed class FingerprintStoreTests
{
    public static TheoryData<string, string> Damages => new()
    {
        { "flip", "its checksum does not match its fingerprints (corrupt" },
        { "truncate", "it is truncated or padded" },
        { "magic", "it is not a version 1 fingerprint sidecar" },
        { "header-only", "it is truncated or padded" },
        { "other-shard", "it belongs to another shard (its digest differs)" },
        { "unsorted", "its fingerprints are not sorted" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_sidecar_is_detected_with_the_reason(string damage, string reason)
    {
        using var temp = Scenario.Create();
        var store = new FingerprintStore(Path.Combine(temp.Root, "cache"));
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);
        var shards = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards;
        string h1 = shards[0].Digest!, h2 = shards[1].Digest!;
        Assert.Equal(20, store.Load(h1, null, out string? sound)!.Length);
        Assert.Null(sound);

        Damage(store, h1, h2, damage);

        Assert.Null(store.Load(h1, null, out string? problem));
        Assert.StartsWith(reason, problem);
    }

    [Fact]
    public void The_sidecar_holds_16_bytes_per_record_after_a_56_byte_header()
    {
        using var temp = Scenario.Create();
        var store = new FingerprintStore(Path.Combine(temp.Root, "cache"));
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);
        string h1 = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards[0].Digest!;

        Assert.Equal(56 + 20 * 16, new FileInfo(store.PathFor(h1)).Length);
    }

    [Fact]
    public void A_sidecar_names_its_text_field_and_one_made_for_another_field_does_not_verify()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("    path: data/human/h1.jsonl\n", "    path: data/human/h1.jsonl\n    textField: text\n"), seal: false);
        var store = new FingerprintStore(Path.Combine(temp.Root, "cache"));
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);
        string h1 = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards[0].Digest!;
        Assert.NotEqual(store.PathFor(h1), store.PathFor(h1, "text"));
        Assert.True(File.Exists(store.PathFor(h1, "text")));
        Assert.False(File.Exists(store.PathFor(h1)));
        var byText = store.Load(h1, "text", out string? sound);
        Assert.Null(sound);

        // Planted under the whole-record name, the text field's sidecar fails its checksum.
        File.Copy(store.PathFor(h1, "text"), store.PathFor(h1));
        Assert.Null(store.Load(h1, null, out string? problem));
        Assert.StartsWith("its checksum does not match its fingerprints (corrupt, or made for another textField)", problem);
        Assert.Equal(20, byText!.Length);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void With_the_data_present_a_damaged_sidecar_is_regenerated_silently(string damage, string reason)
    {
        _ = reason;
        using var temp = Scenario.Create();
        string cache = Path.Combine(temp.Root, "cache");
        var store = new FingerprintStore(cache);
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);
        var shards = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards;
        Damage(store, shards[0].Digest!, shards[1].Digest!, damage);

        var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, FingerprintDirectory = cache });

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PROV1036");
        Assert.Equal(20, store.Load(shards[0].Digest!, null, out string? problem)!.Length);
        Assert.Null(problem);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Without_the_data_a_damaged_sidecar_is_PROV1036_and_the_lock_record_sets_still_decide(string damage, string reason)
    {
        using var temp = Scenario.Create();
        string cache = Path.Combine(temp.Root, "cache");
        var store = new FingerprintStore(cache);
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);
        Assert.True(ManifestChecker.Lock(temp.ManifestPath, new CheckOptions { FingerprintDirectory = cache }).LockWritten);
        var shards = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards;
        Damage(store, shards[0].Digest!, shards[1].Digest!, damage);

        // h1's records were moved into h2 (a reshard, were the sidecar sound); h1's file is gone.
        File.AppendAllLines(Path.Combine(temp.Root, "data", "human", "h2.jsonl"), File.ReadLines(Path.Combine(temp.Root, "data", "human", "h1.jsonl")));
        File.Delete(Path.Combine(temp.Root, "data", "human", "h1.jsonl"));
        temp.Manifest("provenance: 1\ndataset: sotu\nshards:\n  - id: h2\n    path: data/human/h2.jsonl\n    origin: human\n  - id: s1\n    path: data/synthetic/s1.jsonl\n    origin: synthetic\n    generator: { model: bigram }\n");
        ManifestSealer.Seal(temp.ManifestPath, fingerprints: store);

        var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, FingerprintDirectory = cache });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1036", 3, 1);
        Assert.Contains("sidecar of shard 'h1'", d.Message);
        Assert.Contains(reason, d.Message);
        Assert.Contains(store.PathFor(shards[0].Digest!), d.Message);
        // The sidecar is not used, yet the reshard is still recognised: the lock's multiset digests of h1 and h2 sum to h2's now.
        Assert.Contains(result.Diagnostics, x => x.Id == "PROV2014");
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV2003");
    }

    private static void Damage(FingerprintStore store, string digest, string other, string damage)
    {
        string path = store.PathFor(digest);
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
                bytes[^3] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(path, bytes[..^7]);
                break;
            case "magic":
                bytes[0] = (byte)'X';
                File.WriteAllBytes(path, bytes);
                break;
            case "header-only":
                File.WriteAllBytes(path, bytes[..56]);
                break;
            case "other-shard":
                File.Copy(store.PathFor(other), path, overwrite: true);
                break;
            case "unsorted":
                // swap the first two fingerprints and recompute the checksum: sound bytes, wrong order
                var body = bytes.AsSpan(56);
                byte[] first = body[..16].ToArray();
                body.Slice(16, 16).CopyTo(body);
                first.CopyTo(body.Slice(16));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(48), System.IO.Hashing.XxHash64.HashToUInt64(bytes.AsSpan(56)));
                File.WriteAllBytes(path, bytes);
                break;
        }
    }
}
