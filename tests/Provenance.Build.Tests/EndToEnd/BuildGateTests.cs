using Provenance.Build.Tests.Infrastructure;
using Provenance.Manifest;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Real <c>dotnet build</c> of projects that consume the packed Provenance.Build by PackageReference (issue 2, item 5).
/// Manifests are sealed and locked with the engine before building, as a committed repository would be, so the tests
/// hold with and without CI=true in the environment (CI turns on locked mode and full digest checks).
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class BuildGateTests
{
    private const string SummaryPattern = @"Provenance: provenance\.yaml: human \d+(\.\d)?% of tokens \(floor 10%\), 2 shards, max generation 1";
    private readonly PackageFeedFixture _feed;

    public BuildGateTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void PassingManifest_BuildSucceeds_AndPrintsTheSummaryOnce()
    {
        var project = new ConsumerProject(_feed, "Passing");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, SummaryPattern));
        Assert.Contains("Provenance: provenance.yaml: human ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BelowTheFloor_BuildFails_WithProv2001AtTheShardsKey_AndCompileDoesNotRun()
    {
        var project = new ConsumerProject(_feed, "BelowFloor");
        TestData.WriteMix(project.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(project.ManifestPath);
        int line = TestData.LineOf(project.ManifestPath, "shards:");

        var result = project.Build();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains($"provenance.yaml({line},1,{line},7): error PROV2001: ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Provenance: provenance.yaml: human", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "BelowFloor.dll")), "compile ran although the check failed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParentHumanShardRelabelledSynthetic_BuildCheckAndDiffGiveOneVerdict(bool locked)
    {
        var project = new ConsumerProject(_feed, locked ? "RelabelLocked" : "RelabelUnlocked");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3, extraHuman: "sotu-b");
        if (locked)
        {
            TestData.Lock(project.ManifestPath);
        }

        string parent = Path.Combine(project.Directory, "gen1.provenance.yaml");
        File.Copy(project.ManifestPath, parent);
        string text = File.ReadAllText(project.ManifestPath)
            .Replace("description: Build gate test mix\n", "description: Build gate test mix\nparent: gen1.provenance.yaml\n")
            .Replace("path: data/human/sotu-b.jsonl\n    origin: human\n", "path: data/human/sotu-b.jsonl\n    origin: synthetic\n    generator: { model: sotu-bigram }\n");
        File.WriteAllText(project.ManifestPath, text);
        int origin = Array.FindIndex(File.ReadAllLines(project.ManifestPath), l => l == "    generator: { model: sotu-bigram }"); // 0-based index of the next line: the origin's 1-based line

        var build = project.Build(ci: false);
        var check = ManifestChecker.Check(project.ManifestPath, new CheckOptions { Verify = Manifest.Digests.VerifyMode.All });
        var corpus = Manifest.Policy.ProtectedCorpus.Compare(check.Manifest!, Manifest.Reading.ManifestReader.ReadFile(parent).Manifest, Manifest.Locking.LockFile.Load(Manifest.Locking.LockFile.PathFor(project.ManifestPath), new()));

        // check: the relabel at the shard's origin: PROV2004 against the parent, and PROV2003 against the lock when there is one.
        var errors = check.Diagnostics.Where(d => d.Severity == Manifest.Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "PROV2004" && d.Span.Line == origin && d.Message.Contains("is relabelled 'synthetic' here", StringComparison.Ordinal));
        Assert.Equal(locked, errors.Any(d => d.Id == "PROV2003" && d.Span.Line == origin && d.Message.StartsWith("Original corpus relabelled", StringComparison.Ordinal)));
        // dotnet build: the same errors, at the same places.
        Assert.True(build.ExitCode != 0, build.Output);
        foreach (var d in errors)
        {
            Assert.Contains($"provenance.yaml({d.Span.Line},{d.Span.Column},{d.Span.EndLine},{d.Span.EndColumn}): error {d.Id}: ", build.Output, StringComparison.Ordinal);
        }

        // diff (the CLI's, on the same comparison): a relabel, not a drop, against the parent and the lock alike.
        Assert.Equal(Manifest.Policy.ProtectedStatus.Relabelled, corpus.Parent.Single(p => p.Id == "sotu-b").Status);
        Assert.Equal(locked ? 1 : 0, corpus.Locked.Count(p => p.Id == "sotu-b" && p.Status == Manifest.Policy.ProtectedStatus.Relabelled));
        Assert.DoesNotContain(corpus.Parent.Concat(corpus.Locked), p => p.Status == Manifest.Policy.ProtectedStatus.Dropped);
    }

    [Fact]
    public void DroppedLockedHumanShard_BuildFails_WithProv2003()
    {
        var project = new ConsumerProject(_feed, "Dropped");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3, extraHuman: "sotu-b");
        TestData.Lock(project.ManifestPath);
        TestData.RemoveShard(project.ManifestPath, "sotu-b");
        int line = TestData.LineOf(project.ManifestPath, "shards:");

        var result = project.Build();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains($"provenance.yaml({line},1,{line},7): error PROV2003: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildOverReadOnlyShards_PassesAndNeverWritesAShard()
    {
        var project = new ConsumerProject(_feed, "ReadOnly");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        var shards = Directory.GetFiles(Path.Combine(project.Directory, "data"), "*", SearchOption.AllDirectories);
        var before = shards.ToDictionary(f => f, f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));
        foreach (var shard in shards)
        {
            File.SetAttributes(shard, FileAttributes.ReadOnly);
        }

        TestData.Lock(project.ManifestPath);
        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, SummaryPattern));
        foreach (var shard in shards)
        {
            Assert.Equal(before[shard].Item1, File.ReadAllBytes(shard));
            Assert.Equal(before[shard].Item2, File.GetLastWriteTimeUtc(shard));
            File.SetAttributes(shard, FileAttributes.Normal);
        }
    }

    [Fact]
    public void MalformedManifest_BuildFails_WithProv1001AtAPosition_AndNoStackTrace()
    {
        var project = new ConsumerProject(_feed, "Malformed");
        File.WriteAllText(project.ManifestPath, "provenance: 1\ndataset: x: y\nshards: []\n");

        var result = project.Build();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains("provenance.yaml(2,11,2,11): error PROV1001: ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiTargetedProject_RunsTheCheckOnce()
    {
        var project = new ConsumerProject(_feed, "Multi", targetFrameworks: MultiTargetFrameworks);
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, SummaryPattern));
        Assert.Equal(2, ConsumerProject.CountLines(result.Output, @"Multi -> .*Multi\.dll"));
    }

    [Fact]
    public void MultiTargetedProject_FailingCheck_ReportsEachErrorOnce()
    {
        var project = new ConsumerProject(_feed, "MultiFail", targetFrameworks: MultiTargetFrameworks);
        TestData.WriteMix(project.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(project.ManifestPath);

        var result = project.Build();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.True(ConsumerProject.CountLines(result.Output, @"error PROV2001") == 1, result.Output);
    }

    /// <summary>Two frameworks that restore here (the net9.0 targeting pack comes from the registry).</summary>
    internal const string MultiTargetFrameworks = "net10.0;net9.0";
}
