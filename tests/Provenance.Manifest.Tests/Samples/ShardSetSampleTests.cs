using System.IO.Compression;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Sets;

namespace Provenance.Manifest.Tests.Samples;

/// <summary>
/// samples/SotuShardSet, checked with the engine alone as CI checks it: one human shard set of 41 files (plain and gzip
/// JSON Lines), its committed index, and the lock with its copy of that index; the files are SotuAssistant's
/// <c>sotu-1981-2021</c> shard, split by year, byte for byte.
/// </summary>
public sealed class ShardSetSampleTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string Sample = Path.Combine(Root, "samples", "SotuShardSet");

    [Fact]
    public void Manifest_PassesInLockedModeWithEveryFileOfTheSetVerified()
    {
        var result = ManifestChecker.Check(Path.Combine(Sample, "provenance.yaml"), new CheckOptions { Verify = VerifyMode.All, LockedMode = true });

        var problems = result.Diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.False(result.LockWritten);
        var set = Assert.Single(result.Manifest!.Shards);
        Assert.True(set.IsSet);
        Assert.Equal(ShardOrigin.Human, set.Origin);
        Assert.Equal(41, set.FileCount);
    }

    [Fact]
    public void TheLockProtectsTheSet_WithACopyOfItsIndex()
    {
        var manifest = ManifestReader.ReadFile(Path.Combine(Sample, "provenance.yaml")).Manifest!;
        var set = manifest.Shards.Single();
        string index = Path.Combine(Sample, ShardSetIndex.PathOf(manifest, set));
        var lockFile = LockFile.Load(LockFile.PathFor(manifest.FilePath), new List<ManifestDiagnostic>())!;

        var locked = Assert.Single(lockFile.Protected);
        Assert.Equal((set.Id, set.Digest, set.FileCount), (locked.Id, locked.Digest, locked.Files));
        Assert.Equal(set.Digest, ShardSetIndex.DigestOf(File.ReadAllBytes(index)));
        Assert.Equal(File.ReadAllBytes(index), File.ReadAllBytes(LockFile.IndexCopyPath(lockFile.FilePath, locked.Digest)));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(LockFile.IndexCopyPath(lockFile.FilePath, locked.Digest))!));
    }

    [Fact]
    public void TheFilesInIndexOrder_AreSotuAssistantsShardOfTheSameYears()
    {
        var manifest = ManifestReader.ReadFile(Path.Combine(Sample, "provenance.yaml")).Manifest!;
        var index = ShardSetChecker.ReadIndex(manifest, manifest.Shards.Single(), new List<ManifestDiagnostic>())!;

        Assert.Contains(index.Entries, e => e.Location.EndsWith(".jsonl", StringComparison.Ordinal));
        Assert.Contains(index.Entries, e => e.Location.EndsWith(".jsonl.gz", StringComparison.Ordinal));
        using var joined = new MemoryStream();
        foreach (var entry in index.Entries)
        {
            using Stream content = Decoded(Path.Combine(Sample, entry.Location));
            content.CopyTo(joined);
        }

        using var original = new MemoryStream();
        using (Stream content = Decoded(Path.Combine(Root, "samples", "SotuAssistant", "data", "human", "sotu-1981-2021.jsonl.gz")))
        {
            content.CopyTo(original);
        }

        Assert.True(original.ToArray().AsSpan().SequenceEqual(joined.ToArray()), "the set's files, decoded and joined in index order, are not the sotu-1981-2021 shard");
    }

    private static Stream Decoded(string path)
    {
        Stream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Provenance.sln) above " + AppContext.BaseDirectory);
    }
}
