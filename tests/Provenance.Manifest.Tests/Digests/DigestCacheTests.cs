using System;
using System.IO;
using System.Linq;
using Provenance.Manifest.Digests;
using Xunit;

namespace Provenance.Manifest.Tests.Digests;

/// <summary>The digest cache's open-addressing table, as written by <see cref="DigestCache.Save"/> and read in place by <see cref="DigestCache.Load"/>.</summary>
public sealed class DigestCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "digest-cache-" + Guid.NewGuid().ToString("N"));

    public DigestCacheTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Digest(int i) => "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))).ToLowerInvariant();

    private static string PathOf(int i) => $"/data/c4/en/c4-train.{i:D5}-of-01024.json.gz";

    [Fact]
    public void Ten_thousand_entries_survive_a_save_and_a_load_and_nothing_else_is_found()
    {
        string file = Path.Combine(_folder, "digests.bin");
        var cache = DigestCache.Load(file);
        for (int i = 0; i < 10_000; i++)
        {
            cache.Set(PathOf(i), 1000 + i, 638_000_000_000_000_000 + i, Digest(i));
        }

        cache.Save();
        var loaded = DigestCache.Load(file);

        Assert.All(Enumerable.Range(0, 10_000), i =>
        {
            Assert.Equal(Digest(i), loaded.TryGet(PathOf(i), 1000 + i, 638_000_000_000_000_000 + i));
            Assert.True(loaded.Matches(PathOf(i), 1000 + i, 638_000_000_000_000_000 + i, Digest(i)));
            Assert.False(loaded.Matches(PathOf(i), 1000 + i, 638_000_000_000_000_000 + i, Digest(i + 1)));
        });
        Assert.Null(loaded.TryGet(PathOf(5), 1005 + 1, 638_000_000_000_000_005)); // size changed
        Assert.Null(loaded.TryGet(PathOf(5), 1005, 638_000_000_000_000_006)); // time changed
        Assert.Null(loaded.Matches(PathOf(5), 1005, 638_000_000_000_000_006, Digest(5)));
        Assert.Null(loaded.TryGet(PathOf(10_001), 1, 1)); // never cached: the probe ends at an empty slot
        Assert.True(loaded.Matches("/data/c4/en", "c4-train.00007-of-01024.json.gz", 1007, 638_000_000_000_000_007, Digest(7)));
    }

    [Fact]
    public void An_update_replaces_the_entry_of_the_same_file_and_keeps_the_others()
    {
        string file = Path.Combine(_folder, "digests.bin");
        var first = DigestCache.Load(file);
        first.Set(PathOf(1), 10, 20, Digest(1));
        first.Set(PathOf(2), 10, 20, Digest(2));
        first.Save();

        var second = DigestCache.Load(file);
        second.Set(PathOf(1), 11, 21, Digest(3));
        Assert.Equal(Digest(3), second.TryGet(PathOf(1), 11, 21)); // this run's update is seen before the save
        second.Save();

        var third = DigestCache.Load(file);
        Assert.Null(third.TryGet(PathOf(1), 10, 20));
        Assert.Equal(Digest(3), third.TryGet(PathOf(1), 11, 21));
        Assert.Equal(Digest(2), third.TryGet(PathOf(2), 10, 20));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\":1,\"files\":{}}")]
    [InlineData("PRVDC003 truncated")]
    public void A_foreign_or_torn_file_is_an_empty_cache(string content)
    {
        string file = Path.Combine(_folder, "digests.bin");
        File.WriteAllText(file, content);

        var cache = DigestCache.Load(file);

        Assert.Null(cache.TryGet(PathOf(1), 10, 20));
        cache.Set(PathOf(1), 10, 20, Digest(1));
        cache.Save();
        Assert.Equal(Digest(1), DigestCache.Load(file).TryGet(PathOf(1), 10, 20));
    }
}
