using System.Text;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests;

public class ManifestCheckerTests
{
    [Fact]
    public void Sealed_accumulated_mix_passes_with_a_summary()
    {
        using var temp = Scenario.Create();
        var result = Scenario.Check(temp.ManifestPath);
        DiagnosticAssert.None(result.Diagnostics);
        Assert.Matches(@"^provenance\.yaml: human \d+(\.\d)?% of tokens \(floor 10%\), 3 shards, max generation 1$", result.Summary);
        Assert.True(result.Mix!.HumanShare > 0.5);
    }

    [Fact]
    public void One_changed_byte_in_a_human_shard_is_a_digest_mismatch_at_the_digest()
    {
        using var temp = Scenario.Create();
        string shard = Path.Combine(temp.Root, "data/human/h1.jsonl");
        byte[] bytes = File.ReadAllBytes(shard);
        bytes[100] ^= 0x01;
        File.WriteAllBytes(shard, bytes);
        var result = Scenario.Check(temp.ManifestPath);
        var d = DiagnosticAssert.Single(result.Diagnostics, "PROV1011");
        var digestLine = File.ReadAllLines(temp.ManifestPath).Select((l, i) => (l, i)).First(x => x.l.Contains("digest:")).i + 1;
        Assert.Equal((digestLine, 13), (d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void Verify_none_trusts_declared_digests_and_changed_uses_the_cache()
    {
        using var temp = Scenario.Create();
        string cachePath = Path.Combine(temp.Root, "obj", "digests.json");
        var hashed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var options = new CheckOptions { Verify = VerifyMode.Changed, DigestCachePath = cachePath, HashedFiles = hashed };
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, options).Diagnostics);
        Assert.Equal(3, hashed.Count);

        hashed.Clear();
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, options).Diagnostics);
        Assert.Empty(hashed);

        string shard = Path.Combine(temp.Root, "data/human/h2.jsonl");
        File.SetLastWriteTimeUtc(shard, DateTime.UtcNow.AddMinutes(1));
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, options).Diagnostics);
        Assert.Equal(new[] { shard }, hashed.ToArray());

        hashed.Clear();
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.None, HashedFiles = hashed }).Diagnostics);
        Assert.Empty(hashed);
    }

    [Fact]
    public void Removing_a_locked_human_shard_is_corpus_dropped_until_an_approved_removal()
    {
        using var temp = Scenario.Create();
        DiagnosticAssert.None(ManifestChecker.Lock(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All }).Diagnostics);
        var lockFile = LockFile.Load(LockFile.PathFor(temp.ManifestPath), new())!;
        Assert.Equal(new[] { "h1", "h2" }, lockFile.Protected.Select(p => p.Id));

        string text = File.ReadAllText(temp.ManifestPath);
        string h2Digest = lockFile.Protected.Single(p => p.Id == "h2").Digest;
        int start = text.IndexOf("  - id: h2", StringComparison.Ordinal);
        int end = text.IndexOf("  - id: s1", StringComparison.Ordinal);
        string dropped = text.Remove(start, end - start);
        File.WriteAllText(temp.ManifestPath, dropped);
        var result = Scenario.Check(temp.ManifestPath, locked: true);
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2003", 3, 1);
        Assert.Contains("'h2'", d.Message);

        File.WriteAllText(temp.ManifestPath, dropped + $"removed:\n  - digest: {h2Digest}\n    id: h2\n    reason: licence withdrawn\n    approvedBy: governance@example.org\n");
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath).Diagnostics);

        // Locked mode: the removal must be recorded in the lock first; provenance lock records it and it stays removed.
        DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath, locked: true).Diagnostics, "PROV2009");
        DiagnosticAssert.None(ManifestChecker.Lock(temp.ManifestPath).Diagnostics);
        var after = LockFile.Load(LockFile.PathFor(temp.ManifestPath), new())!;
        Assert.Equal("h2", Assert.Single(after.Removed).Id);
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath, locked: true).Diagnostics);
    }

    [Fact]
    public void Renaming_a_shard_file_with_the_same_bytes_is_not_a_drop()
    {
        using var temp = Scenario.Create();
        ManifestChecker.Lock(temp.ManifestPath);
        File.Move(Path.Combine(temp.Root, "data/human/h1.jsonl"), Path.Combine(temp.Root, "data/human/sotu-early.jsonl"));
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("data/human/h1.jsonl", "data/human/sotu-early.jsonl").Replace("id: h1", "id: sotu-early"));
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath, locked: true).Diagnostics);
    }

    [Fact]
    public void Locked_mode_reports_unlocked_human_shards_and_never_writes_the_lock()
    {
        using var temp = Scenario.Create();
        var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, LockedMode = true, UpdateLock = true });
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PROV2009"));
        Assert.Contains("provenance lock", result.Diagnostics.First(d => d.Id == "PROV2009").Message);
        DiagnosticAssert.At(result.Diagnostics.Where(d => d.Message.Contains("'h1'")), "PROV2009", 4, 9);
        Assert.False(File.Exists(LockFile.PathFor(temp.ManifestPath)));

        var local = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, UpdateLock = true });
        Assert.True(local.LockWritten);
        byte[] first = File.ReadAllBytes(LockFile.PathFor(temp.ManifestPath));
        Assert.False(ManifestChecker.Check(temp.ManifestPath, new CheckOptions { UpdateLock = true }).LockWritten);
        Assert.Equal(first, File.ReadAllBytes(LockFile.PathFor(temp.ManifestPath)));
    }

    [Fact]
    public void Malformed_or_future_lock_is_PROV1021()
    {
        using var temp = Scenario.Create();
        File.WriteAllText(LockFile.PathFor(temp.ManifestPath), "{\n  \"version\": 1,\n  \"protected\": [ oops ]\n}\n");
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1021");
        Assert.Equal(3, d.Span.Line);
        File.WriteAllText(LockFile.PathFor(temp.ManifestPath), "{\"version\": 7}");
        Assert.Contains("newer", DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1021").Message);
    }

    [Fact]
    public void Unsafe_and_missing_paths_are_reported_at_the_path_value()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards + "\n  - id: bad\n    path: ../../etc/passwd\n    origin: human\n  - id: abs\n    path: /etc/passwd\n    origin: human\n  - id: gone\n    path: data/gone.jsonl\n    origin: human\n", seal: false);
        var result = Scenario.Check(temp.ManifestPath);
        Assert.Equal(new[] { 15, 18 }, result.Diagnostics.Where(d => d.Id == "PROV1009").Select(d => d.Span.Line));
        Assert.All(result.Diagnostics.Where(d => d.Id == "PROV1009"), d => Assert.Equal(11, d.Span.Column));
        DiagnosticAssert.At(result.Diagnostics, "PROV1010", 21, 11);
    }

    [Fact]
    public void Human_shard_without_digest_is_an_error_synthetic_without_is_a_warning()
    {
        using var temp = Scenario.Create(seal: false);
        var result = Scenario.Check(temp.ManifestPath);
        var notSealed = result.Diagnostics.Where(d => d.Id == "PROV1012").ToList();
        Assert.Equal(3, notSealed.Count);
        Assert.Equal(2, notSealed.Count(d => d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error));
        Assert.Equal(3, result.Diagnostics.Count(d => d.Id == "PROV1013"));
    }

    [Fact]
    public void Unreadable_manifest_never_throws()
    {
        using var temp = new TempManifest();
        File.WriteAllBytes(temp.ManifestPath, Encoding.UTF8.GetBytes("provenance: 1\ndataset: [\n"));
        var result = ManifestChecker.Check(temp.ManifestPath);
        Assert.True(result.HasErrors);
        Assert.Null(result.Summary);
        DiagnosticAssert.Single(result.Diagnostics, "PROV1001");
    }

    [Fact]
    public async Task Fifo_shard_is_refused_quickly_instead_of_hanging()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = Scenario.Create();
        string fifo = Path.Combine(temp.Root, "data/human/h1.jsonl");
        File.Delete(fifo);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var check = await Task.Run(() => Scenario.Check(temp.ManifestPath)).WaitAsync(TimeSpan.FromSeconds(10));
        var d = check.Diagnostics.First(x => x.Id is "PROV1010" or "PROV1011");
        Assert.Contains("h1", d.Message);
        var seal = await Task.Run(() => Provenance.Manifest.Writing.ManifestSealer.Seal(temp.ManifestPath)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(seal.Succeeded);
        Assert.Contains("not a regular file", seal.Diagnostics.Single().Message);
    }

    [Fact]
    public void Shards_made_read_only_are_checked_sealed_and_locked_without_being_written()
    {
        using var temp = Scenario.Create(seal: false);
        var files = Directory.GetFiles(Path.Combine(temp.Root, "data"), "*", SearchOption.AllDirectories);
        var before = files.ToDictionary(f => f, f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));
        foreach (var f in files)
        {
            File.SetAttributes(f, FileAttributes.ReadOnly);
        }

        Assert.True(Provenance.Manifest.Writing.ManifestSealer.Seal(temp.ManifestPath).Succeeded);
        DiagnosticAssert.None(ManifestChecker.Lock(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All }).Diagnostics);
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath, locked: true).Diagnostics);
        foreach (var f in files)
        {
            Assert.Equal(before[f].Item1, File.ReadAllBytes(f));
            Assert.Equal(before[f].Item2, File.GetLastWriteTimeUtc(f));
            File.SetAttributes(f, FileAttributes.Normal);
        }
    }

    [Fact]
    public void Shard_that_grows_while_it_is_hashed_is_PROV1023_and_its_digest_is_not_cached()
    {
        using var temp = Scenario.Create();
        string shard = Path.Combine(temp.Root, "data/human/h1.jsonl");
        byte[] block = File.ReadAllBytes(shard);
        using (var grow = new FileStream(shard, FileMode.Append))
        {
            for (int i = 0; i < 80; i++)
            {
                grow.Write(block); // ~20 MB: many 1 MiB blocks
            }
        }

        Assert.True(Provenance.Manifest.Writing.ManifestSealer.Seal(temp.ManifestPath).Succeeded);
        string cachePath = Path.Combine(temp.Root, "obj", "digests.json");

        // The progress callback runs between two blocks of the hash: append to the shard there, mid-read, exactly once.
        int appended = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done > 4 << 20 && p.Done < p.Total - (4 << 20) && Interlocked.Exchange(ref appended, 1) == 0)
            {
                File.AppendAllText(shard, "{\"text\": \"late\"}\n");
            }
        });
        var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.Changed, DigestCachePath = cachePath, Progress = progress });

        Assert.Equal(1, appended);
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1023", DiagnosticAssert.Pos(temp.ManifestPath, "data/human/h1.jsonl"));
        Assert.Contains("h1", d.Message);
        Assert.True(result.HasErrors);
        // The cache is keyed by a hash of the full path: ask it, with each file's current size and time.
        var cache = Provenance.Manifest.Digests.DigestCache.Load(cachePath);
        string h1 = Path.Combine(temp.Root, "data", "human", "h1.jsonl"), h2 = Path.Combine(temp.Root, "data", "human", "h2.jsonl");
        Assert.Null(cache.TryGet(h1, new FileInfo(h1).Length, new FileInfo(h1).LastWriteTimeUtc.Ticks)); // the digest of a changing file is not cached
        Assert.NotNull(cache.TryGet(h2, new FileInfo(h2).Length, new FileInfo(h2).LastWriteTimeUtc.Ticks));
    }

    private sealed class SynchronousProgress : IProgress<(long Done, long Total)>
    {
        private readonly Action<(long Done, long Total)> _report;

        public SynchronousProgress(Action<(long Done, long Total)> report) => _report = report;

        public void Report((long Done, long Total) value) => _report(value);
    }
}
