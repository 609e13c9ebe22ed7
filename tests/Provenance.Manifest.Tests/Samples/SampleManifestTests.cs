using System.Text.Json;
using System.Security.Cryptography;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Tests.Samples;

/// <summary>
/// The committed samples, checked with the engine alone (no <c>dotnet build</c>), the way CI checks them: every digest
/// re-hashed and locked mode on. samples/SotuAssistant must pass; samples/SotuReplace must fail with exactly the
/// policy errors its README shows, at the positions it shows; the human shards must be the corpus, byte for byte.
/// </summary>
public sealed class SampleManifestTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string Assistant = Path.Combine(Root, "samples", "SotuAssistant");
    private static readonly string Replace = Path.Combine(Root, "samples", "SotuReplace");

    /// <summary>Every manifest the build checks in SotuAssistant: provenance.yaml and every *.provenance.yaml.</summary>
    public static TheoryData<string> AssistantManifests()
    {
        var data = new TheoryData<string>();
        foreach (string name in AssistantManifestNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Assistant_HasTheThreeGenerations()
    {
        Assert.Equal(new[] { "gen0.provenance.yaml", "gen1.provenance.yaml", "provenance.yaml" }, AssistantManifestNames());
    }

    [Theory]
    [MemberData(nameof(AssistantManifests))]
    public void AssistantManifest_PassesInLockedModeWithEveryDigestVerified(string name)
    {
        var result = ManifestChecker.Check(Path.Combine(Assistant, name), new CheckOptions { Verify = VerifyMode.All, LockedMode = true });

        var problems = result.Diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.False(result.LockWritten);
        Assert.NotNull(result.Summary);
    }

    [Fact]
    public void AssistantMix_AccumulatesAndKeepsAHumanMajority()
    {
        var result = ManifestChecker.Check(Path.Combine(Assistant, "provenance.yaml"), new CheckOptions { Verify = VerifyMode.None, LockedMode = true });

        Assert.NotNull(result.Manifest);
        Assert.NotNull(result.Mix);
        Assert.NotNull(result.Lineage);
        Assert.InRange(result.Mix!.HumanShare, 0.5, 0.99);
        Assert.Equal(2, result.Lineage!.MaxGeneration);
        Assert.Equal("gen1.provenance.yaml", result.Manifest!.Parent);
        var human = result.Manifest.Shards.Where(s => s.Origin == ShardOrigin.Human).Select(s => s.Digest).ToList();
        Assert.Equal(HumanShards().Select(s => s.Digest), human);
        Assert.Equal(4, result.Manifest.Shards.Count(s => s.Generation == 1));
        Assert.Equal(4, result.Manifest.Shards.Count(s => s.Generation == 2));
    }

    [Fact]
    public void ReplaceManifest_FailsWithPolicyErrorsAtTheOffendingNodes()
    {
        string path = Path.Combine(Replace, "provenance.yaml");
        string[] lines = File.ReadAllLines(path);
        var result = ManifestChecker.Check(path, new CheckOptions { Verify = VerifyMode.All, LockedMode = true });
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        // Only the policy errors: no lock (PROV2009), digest or schema error masks them.
        Assert.All(errors, e => Assert.Contains(e.Id, new[] { "PROV2001", "PROV2003", "PROV2004" }));
        Assert.False(result.LockWritten);

        // PROV2004 at the value of parent: (line 8, column 9).
        var notAccumulated = Assert.Single(errors, e => e.Id == "PROV2004");
        Assert.Equal((8, 9), (notAccumulated.Span.Line, notAccumulated.Span.Column));
        Assert.Equal("parent: ../SotuAssistant/gen1.provenance.yaml", lines[7]);
        Assert.Equal("../SotuAssistant/gen1.provenance.yaml", lines[7].Substring(8));
        Assert.Contains("replaces its parent: 8 of the parent's 8 human shards are missing", notAccumulated.Message, StringComparison.Ordinal);

        // PROV2001 at the shards: key (line 12, column 1).
        var belowFloor = Assert.Single(errors, e => e.Id == "PROV2001");
        Assert.Equal((12, 1), (belowFloor.Span.Line, belowFloor.Span.Column));
        Assert.Equal("shards:", lines[11]);
        Assert.StartsWith("Human share is 0% of tokens, below the floor of 10%", belowFloor.Message, StringComparison.Ordinal);

        // PROV2003 once per protected human shard, at the shards: key.
        var dropped = errors.Where(e => e.Id == "PROV2003").ToList();
        Assert.Equal(HumanShards().Select(s => s.Id).OrderBy(id => id, StringComparer.Ordinal), dropped.Select(e => e.Message.Split('\'')[1]).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(dropped, e => Assert.Equal((12, 1), (e.Span.Line, e.Span.Column)));
        Assert.All(dropped, e => Assert.StartsWith("Original corpus dropped: human shard '", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ReplaceMix_IsGenerationOnesSyntheticShardsByteForByte()
    {
        var replace = ManifestReader.ReadFile(Path.Combine(Replace, "provenance.yaml")).Manifest!;
        var gen1 = ManifestReader.ReadFile(Path.Combine(Assistant, "gen1.provenance.yaml")).Manifest!;

        Assert.All(replace.Shards, s => Assert.Equal(ShardOrigin.Synthetic, s.Origin));
        Assert.Equal(gen1.Shards.Where(s => s.Origin == ShardOrigin.Synthetic).Select(s => s.Digest), replace.Shards.Select(s => s.Digest));
        Assert.All(replace.Shards, s => Assert.Equal(s.Digest, ShardHasher.HashFile(Path.Combine(Replace, s.Path!))));
    }

    [Fact]
    public void HumanShards_RecordsAreTheirAddresses_AndDigestIsTheSha256OfTheStoredFile()
    {
        foreach (var shard in HumanShards())
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(Assistant, shard.Path!));
            Assert.Equal(AddressTexts(shard).Count, shard.Records);
            Assert.Equal(bytes.Length, shard.Bytes);
            Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), shard.Digest);
            Assert.Equal(shard.Digest, ShardHasher.HashFile(Path.Combine(Assistant, shard.Path!)));
            Assert.NotNull(shard.Source);
            Assert.Equal("CC0-1.0 AND PDDL-1.0", shard.Source!.License);
        }
    }

    [Fact]
    public void HumanShards_ComeInThreeFormats_AsRealCorporaShip()
    {
        var kinds = HumanShards().Select(s => (s.Format, s.Compression)).Distinct().ToList();
        Assert.Contains((ShardFormat.Jsonl, ShardCompression.None), kinds);
        Assert.Contains((ShardFormat.Jsonl, ShardCompression.Gzip), kinds);
        Assert.Contains((ShardFormat.Parquet, ShardCompression.None), kinds);
    }

    [Fact]
    public void HumanShards_InManifestOrder_HoldEveryAddressOfTheOriginalCorpus()
    {
        string corpus = Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora", "sotu.jsonl"));
        if (!File.Exists(corpus))
        {
            return; // the corpus lives outside the repository; a clone without it still has the other tests
        }

        var expected = File.ReadAllLines(corpus).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()).ToList();
        var actual = HumanShards().SelectMany(AddressTexts).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.SequenceEqual(actual), "The human shards, read in manifest order, do not hold the addresses of " + corpus);
    }

    /// <summary>The address texts of a human shard, read by its format: JSON lines (plain or gzip) or the Parquet column 'text'.</summary>
    private static List<string?> AddressTexts(Shard shard)
    {
        string path = Path.Combine(Assistant, shard.Path!);
        if (shard.Format == ShardFormat.Parquet)
        {
            using var stream = File.OpenRead(path);
            var reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult(); // disposed with the stream
            var field = reader.Schema.GetDataFields().Single(f => f.Name == "text");
            var texts = new List<string?>();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var values = new string?[group.RowCount];
                group.ReadAsync(field, values.AsMemory()!, null, default).AsTask().GetAwaiter().GetResult();
                texts.AddRange(values);
            }

            return texts;
        }

        using Stream file = File.OpenRead(path);
        using Stream content = shard.Compression == ShardCompression.Gzip ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
        using var text = new StreamReader(content);
        return text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()).ToList();
    }

    private static List<string> AssistantManifestNames() =>
        Directory.GetFiles(Assistant, "*.yaml", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) == "provenance.yaml" || p.EndsWith(".provenance.yaml", StringComparison.Ordinal))
            .Where(p => !Path.GetRelativePath(Assistant, p).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(p => Path.GetRelativePath(Assistant, p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    private static List<Shard> HumanShards()
    {
        var read = ManifestReader.ReadFile(Path.Combine(Assistant, "gen0.provenance.yaml"));
        Assert.NotNull(read.Manifest);
        var human = read.Manifest!.Shards.Where(s => s.Origin == ShardOrigin.Human).ToList();
        Assert.Equal(8, human.Count);
        return human;
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
