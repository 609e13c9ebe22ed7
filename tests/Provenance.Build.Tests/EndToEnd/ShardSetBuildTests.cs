using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Provenance.Build.Tests.Infrastructure;
using Provenance.Manifest.Locking;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Shard sets (<c>files:</c>) through a real <c>dotnet build</c> of a project that consumes the packed package, so the
/// netstandard2.0 engine of the MSBuild task reads the set's index, walks its globs, hashes its files and compares them
/// with the lock's copy of the index. The data is the State of the Union corpus split into twelve files, three of them
/// gzip-compressed, in one human set; the manifest is sealed and locked with the engine before building, as a committed
/// repository would be (the lock protects every file of the set through <c>provenance.lock.index/&lt;set digest&gt;.tsv</c>).
/// Every build says whether it is a CI build, so the tests hold with and without CI=true in the environment.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ShardSetBuildTests
{
    private const string Summary = @"Provenance: provenance\.yaml: human 100% of tokens \(floor 10%\), 1 shards \(1 set, 1[12] files\), max generation 0";
    private const string SetFolder = "data/human/sotu";
    private const int FileCount = 12;
    private const int RecordsPerFile = 3;
    private readonly PackageFeedFixture _feed;

    public ShardSetBuildTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void SealedAndLockedSet_Passes_ARenamedFileWarnsUntilResealed_AndTheResealedSetPassesAndIsRelocked()
    {
        var project = new ConsumerProject(_feed, "SetRename");
        string lockPath = LockFile.PathFor(project.ManifestPath);
        string firstDigest = WriteSealedAndLockedSet(project);

        // (a) In CI: locked mode, every file of the set hashed against the index, the index against the set digest.
        var locked = project.Build(ci: true);
        Assert.True(locked.ExitCode == 0, locked.Output);
        Assert.Equal(1, ConsumerProject.CountLines(locked.Output, Summary));
        Assert.True(ConsumerProject.CountLines(locked.Output, @"(error|warning) PROV") == 0, locked.Output);

        // (c) A gzip file renamed, same bytes, manifest and settings untouched: the incremental check runs again (the set's
        // files are tracked inputs), and warns, naming both names at the set's files; the lock still holds.
        string from = $"{SetFolder}/part-07.jsonl.gz", to = $"{SetFolder}/part-07-renamed.jsonl.gz";
        File.Move(Full(project, from), Full(project, to));
        var renamed = project.Build(ci: true);
        Assert.True(renamed.ExitCode == 0, renamed.Output);
        Assert.Equal(1, ConsumerProject.CountLines(renamed.Output, Summary));
        Assert.True(ConsumerProject.CountLines(renamed.Output, $@"{FilesSpan(project)}: warning PROV1047: Shard set 'sotu-set': '{Re(to)}' is '{Re(from)}' renamed since the set was sealed \(same bytes\)") == 1, renamed.Output);
        Assert.True(ConsumerProject.CountLines(renamed.Output, @"(error|warning) PROV") == 1, renamed.Output);
        Assert.Equal(firstDigest, LockedSet(lockPath).Digest); // nothing new to admit: the set digest did not change

        // ...and re-sealed: a new set digest whose index holds the same bytes under the new name. A local build admits
        // it, and the locked set it supersedes (every file still in the manifest's human set) leaves the lock.
        TestData.Seal(project.ManifestPath);
        string index = File.ReadAllText(Full(project, "provenance.index/sotu-set.tsv"));
        Assert.Contains(to + "\t", index, StringComparison.Ordinal);
        Assert.DoesNotContain(from + "\t", index, StringComparison.Ordinal);
        var resealed = project.Build(ci: false);
        Assert.True(resealed.ExitCode == 0, resealed.Output);
        Assert.Equal(1, ConsumerProject.CountLines(resealed.Output, Summary));
        Assert.True(ConsumerProject.CountLines(resealed.Output, @"(error|warning) PROV") == 0, resealed.Output);
        Assert.Contains("Provenance: updated provenance.lock.json", resealed.Output, StringComparison.Ordinal);
        var relocked = LockedSet(lockPath);
        Assert.NotEqual(firstDigest, relocked.Digest);
        Assert.Equal(SetDigest(project), relocked.Digest);
        Assert.Equal(FileCount, relocked.Files);
        Assert.Equal(File.ReadAllBytes(Full(project, "provenance.index/sotu-set.tsv")), File.ReadAllBytes(LockFile.IndexCopyPath(lockPath, relocked.Digest)));
        Assert.False(File.Exists(LockFile.IndexCopyPath(lockPath, firstDigest)), "the copy of the superseded index was kept");
    }

    [Fact]
    public void AChangedFileIsProv1011_AndAFileDeletedAndResealedOutIsProv2003_BothNamingTheFileAtTheSetsFiles()
    {
        var project = new ConsumerProject(_feed, "SetDrop");
        string lockPath = LockFile.PathFor(project.ManifestPath);
        string digest = WriteSealedAndLockedSet(project);
        byte[] lockBytes = File.ReadAllBytes(lockPath);
        string span = FilesSpan(project);

        // (d) One letter of an address flipped: same size, and the old modification time put back, so only hashing every
        // file (ProvenanceVerifyDigests=all, CI's default; local builds re-hash only files whose size or time changed) sees it.
        string changed = $"{SetFolder}/part-05.jsonl";
        byte[] original = File.ReadAllBytes(Full(project, changed));
        var mtime = File.GetLastWriteTimeUtc(Full(project, changed));
        File.WriteAllBytes(Full(project, changed), FlipOneLetter(original));
        File.SetLastWriteTimeUtc(Full(project, changed), mtime);
        var tampered = project.Build(ci: false, null, "-p:ProvenanceVerifyDigests=all");
        Assert.True(tampered.ExitCode != 0, tampered.Output);
        Assert.True(ConsumerProject.CountLines(tampered.Output, $@"{span}: error PROV1011: Shard set 'sotu-set': '{Re(changed)}' hashes to sha256:[0-9a-f]{{64}}, not the sha256:[0-9a-f]{{64}} of the index") == 1, tampered.Output);
        Assert.True(ConsumerProject.CountLines(tampered.Output, @"error PROV") == 1, tampered.Output);
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));

        // (b) The bytes restored; another file deleted and the set re-sealed, so its index no longer lists it. The lock's
        // copy of the index still does: PROV2003 names the file, at the set's files: (not at shards:), and compile does not run.
        File.WriteAllBytes(Full(project, changed), original);
        string deleted = $"{SetFolder}/part-08.jsonl";
        File.Delete(Full(project, deleted));
        TestData.Seal(project.ManifestPath);
        Assert.DoesNotContain(deleted + "\t", File.ReadAllText(Full(project, "provenance.index/sotu-set.tsv")), StringComparison.Ordinal);
        Assert.Contains($"    fileCount: {FileCount - 1}\n", File.ReadAllText(project.ManifestPath), StringComparison.Ordinal);
        var dropped = project.Build(ci: false);
        Assert.True(dropped.ExitCode != 0, dropped.Output);
        Assert.True(ConsumerProject.CountLines(dropped.Output, $@"{span}: error PROV2003: Original corpus dropped: file '{Re(deleted)}' \(sha256:[0-9a-f]{{12}}[^)]*\) of human shard set 'sotu-set', protected by provenance\.lock\.json since ") == 1, dropped.Output);
        Assert.True(ConsumerProject.CountLines(dropped.Output, @"error PROV") == 1, dropped.Output);
        Assert.DoesNotContain("Provenance: provenance.yaml: human", dropped.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "SetDrop.dll")), "compile ran although the check failed");
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));
        Assert.True(File.Exists(LockFile.IndexCopyPath(lockPath, digest)));
    }

    /// <summary>
    /// Writes the corpus split into <see cref="FileCount"/> files of <see cref="RecordsPerFile"/> addresses under
    /// <see cref="SetFolder"/> (every fourth one gzip-compressed JSON Lines), a manifest with one human set over them, seals
    /// it (index, totals, set digest) and locks it; returns the set digest.
    /// </summary>
    private static string WriteSealedAndLockedSet(ConsumerProject project)
    {
        for (int i = 0; i < FileCount; i++)
        {
            var lines = TestData.SotuLines.Skip(i * RecordsPerFile).Take(RecordsPerFile);
            byte[] jsonl = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            bool gzip = i % 4 == 3;
            string path = Full(project, $"{SetFolder}/part-{i:D2}.jsonl" + (gzip ? ".gz" : string.Empty));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (gzip)
            {
                using var file = File.Create(path);
                using var compressed = new GZipStream(file, CompressionLevel.Optimal);
                compressed.Write(jsonl);
            }
            else
            {
                File.WriteAllBytes(path, jsonl);
            }
        }

        File.WriteAllText(project.ManifestPath, $$"""
            provenance: 1
            dataset: e2e-sets
            description: Build gate test of a shard set
            policy:
              measure: tokens
              humanFloor: 0.1
            shards:
              - id: sotu-set
                files: [{{SetFolder}}/*.jsonl, {{SetFolder}}/*.jsonl.gz]
                origin: human
                source: { name: State of the Union addresses, license: CC0-1.0 }

            """.ReplaceLineEndings("\n"));
        TestData.Seal(project.ManifestPath);
        TestData.Lock(project.ManifestPath);

        string manifest = File.ReadAllText(project.ManifestPath);
        Assert.Contains($"    fileCount: {FileCount}\n    records: {FileCount * RecordsPerFile}\n", manifest, StringComparison.Ordinal);
        string digest = SetDigest(project);
        var locked = LockedSet(LockFile.PathFor(project.ManifestPath));
        Assert.Equal((digest, (long?)FileCount), (locked.Digest, locked.Files));
        Assert.Equal(File.ReadAllBytes(Full(project, "provenance.index/sotu-set.tsv")), File.ReadAllBytes(LockFile.IndexCopyPath(LockFile.PathFor(project.ManifestPath), digest)));
        return digest;
    }

    /// <summary>The set digest the manifest records (the SHA-256 of its index).</summary>
    private static string SetDigest(ConsumerProject project) =>
        File.ReadAllLines(project.ManifestPath).Single(l => l.StartsWith("    digest: ", StringComparison.Ordinal)).Substring("    digest: ".Length);

    /// <summary>The lock's only protected entry: a set (digest and number of files).</summary>
    private static (string Digest, long? Files) LockedSet(string lockPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(lockPath));
        var entry = Assert.Single(doc.RootElement.GetProperty("protected").EnumerateArray());
        Assert.Equal("sotu-set", entry.GetProperty("id").GetString());
        return (entry.GetProperty("digest").GetString()!, entry.TryGetProperty("files", out var files) ? files.GetInt64() : null);
    }

    /// <summary>
    /// The MSBuild location of the set's <c>files:</c> value, as a pattern: <c>provenance.yaml(line,col,line,endcol)</c>,
    /// the flow sequence on the <c>files:</c> line from its <c>[</c> to its <c>]</c> (where the reader ends a flow sequence).
    /// </summary>
    private static string FilesSpan(ConsumerProject project)
    {
        int line = TestData.LineOf(project.ManifestPath, "    files: [");
        string text = File.ReadAllLines(project.ManifestPath)[line - 1];
        return $@"provenance\.yaml\({line},{text.IndexOf('[', StringComparison.Ordinal) + 1},{line},{text.LastIndexOf(']') + 1}\)";
    }

    /// <summary>The bytes with the first lowercase 'e' of the first address's text made an 'a': same size, other content.</summary>
    private static byte[] FlipOneLetter(byte[] jsonl)
    {
        byte[] copy = (byte[])jsonl.Clone();
        int text = copy.AsSpan().IndexOf("\"text\":"u8);
        int letter = text < 0 ? -1 : Array.IndexOf(copy, (byte)'e', text + 7);
        Assert.True(letter > 0, "no 'e' in the text of the first address");
        copy[letter] = (byte)'a';
        return copy;
    }

    private static string Full(ConsumerProject project, string relative) => Path.Combine(project.Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string Re(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
