using System.Text.Json;
using Provenance.Build.Tests.Infrastructure;
using Provenance.Manifest.Locking;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Issue 3, items 1-4 and 6, each row with real <c>dotnet build</c> against the packed package: incremental, locked in CI,
/// once per project in every shape of project, severity control, and the data roots handed to the analyzers.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ProductionGateTests
{
    private const string Summary = @"Provenance: provenance\.yaml: human ";
    private readonly PackageFeedFixture _feed;

    public ProductionGateTests(PackageFeedFixture feed) => _feed = feed;

    // ---------------------------------------------------------------- 1. incremental

    [Fact]
    public void NoOpRebuild_SkipsTheCheck_AndEditingAShardRunsItAgain()
    {
        var project = new ConsumerProject(_feed, "Incremental");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);

        var first = project.Build();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(1, ConsumerProject.CountLines(first.Output, Summary));
        Assert.True(File.Exists(Path.Combine(project.Directory, "obj", "provenance", "Incremental.stamp")));

        var noOp = project.Build(null, null, "--no-restore", "-v:n");
        Assert.True(noOp.ExitCode == 0, noOp.Output);
        Assert.Equal(0, ConsumerProject.CountLines(noOp.Output, Summary));
        Assert.Contains("Skipping target \"_ProvenanceCheckCore\" because all output files are up-to-date", noOp.Output, StringComparison.Ordinal);

        // Same size, other bytes, newer mtime: only a digest check can tell.
        string shard = Path.Combine(project.Directory, "data", "synthetic", "g1.jsonl");
        byte[] bytes = File.ReadAllBytes(shard);
        bytes[10] = (byte)(bytes[10] == (byte)'a' ? 'b' : 'a');
        File.WriteAllBytes(shard, bytes);
        File.SetLastWriteTimeUtc(shard, DateTime.UtcNow.AddSeconds(2));

        var changed = project.Build(null, null, "--no-restore");
        Assert.True(changed.ExitCode != 0, changed.Output);
        Assert.Contains("error PROV1011", changed.Output, StringComparison.Ordinal);
        Assert.Contains("synth-g1", changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingAGateProperty_RunsTheCheckAgain()
    {
        var project = new ConsumerProject(_feed, "Settings");
        TestData.WriteMix(project.Directory, humanRecords: 3, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);
        Assert.Equal(0, project.Build().ExitCode);

        var stricter = project.Build(null, null, "--no-restore", "-p:ProvenanceHumanFloor=0.9");

        Assert.True(stricter.ExitCode != 0, stricter.Output);
        Assert.Contains("error PROV2001", stricter.Output, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- 2. locked mode

    [Fact]
    public void InCi_AMissingLock_FailsWithProv2009NamingTheCommand_AndWritesNothing()
    {
        var project = new ConsumerProject(_feed, "LockedCi");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);

        var result = project.Build(ci: true);

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains("error PROV2009", result.Output, StringComparison.Ordinal);
        Assert.Contains("provenance lock", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(LockFile.PathFor(project.ManifestPath)));
    }

    [Fact]
    public void Locally_TheBuildWritesTheLock_AndACiBuildThenPasses()
    {
        var project = new ConsumerProject(_feed, "LockedLocal");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);

        var local = project.Build(ci: false);
        Assert.True(local.ExitCode == 0, local.Output);
        string lockPath = LockFile.PathFor(project.ManifestPath);
        Assert.True(File.Exists(lockPath));

        var ci = project.Build(ci: true);
        Assert.True(ci.ExitCode == 0, ci.Output);
        Assert.Equal(1, ConsumerProject.CountLines(ci.Output, Summary));
    }

    [Fact]
    public void TwoBuildsAtOnce_SharingAManifest_LeaveAValidLockAndCache()
    {
        string root = _feed.NewDirectory("concurrent");
        ConsumerProject.WriteRootFiles(_feed, root);
        string data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        string manifest = TestData.WriteMix(data, humanRecords: 6, syntheticRecords: 3, extraHuman: "sotu-b");
        string items = "<ProvenanceManifest Include=\"../data/provenance.yaml\" />";
        var a = new ConsumerProject(_feed, "ConcurrentA", extraProperties: "<EnableDefaultProvenanceManifests>false</EnableDefaultProvenanceManifests>", extraItems: items, directory: Path.Combine(root, "ConcurrentA"));
        var b = new ConsumerProject(_feed, "ConcurrentB", extraProperties: "<EnableDefaultProvenanceManifests>false</EnableDefaultProvenanceManifests>", extraItems: items, directory: Path.Combine(root, "ConcurrentB"));

        var results = new[] { a, b }.AsParallel().WithDegreeOfParallelism(2).Select(p => p.Build(ci: false)).ToArray();

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(LockFile.PathFor(manifest))))
        {
            // Both human shards are protected once each, whichever build wrote last; the synthetic shard is in the history.
            Assert.Equal(2, doc.RootElement.GetProperty("protected").GetArrayLength());
            Assert.Equal(1, doc.RootElement.GetProperty("synthetic").GetArrayLength());
        }

        foreach (var p in new[] { a, b })
        {
            // Written whole by one build or the other, never torn: the compact cache's magic and whole 64-byte entries.
            byte[] cache = File.ReadAllBytes(Path.Combine(p.Directory, "obj", "provenance", "digests.bin"));
            Assert.Equal("PRVDC003", System.Text.Encoding.ASCII.GetString(cache, 0, 8));
            Assert.True(cache.Length > 8 && (cache.Length - 8) % 64 == 0, $"cache of {cache.Length} bytes");
        }

        Assert.Empty(Directory.GetFiles(data, "*.tmp"));
    }

    // ---------------------------------------------------------------- 3. once per project

    [Fact]
    public void MultiTargetedProject_BuiltForOneFramework_RunsTheCheckOnce()
    {
        var project = new ConsumerProject(_feed, "OneFramework", targetFrameworks: BuildGateTests.MultiTargetFrameworks);
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);

        var result = project.Build(null, null, "-f", "net9.0");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, Summary));
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, @"OneFramework -> .*net9\.0.*OneFramework\.dll"));
    }

    [Fact]
    public void Solution_WithParallelBuild_AndASharedManifest_ChecksOncePerProject_AndReportsEachErrorOncePerProject()
    {
        string root = _feed.NewDirectory("solution");
        ConsumerProject.WriteRootFiles(_feed, root);
        string data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        string manifest = TestData.WriteMix(data, humanRecords: 6, syntheticRecords: 3, humanFloor: 0.10, humanFloorWarn: 0.99);
        TestData.Lock(manifest);
        string shared = "<EnableDefaultProvenanceManifests>false</EnableDefaultProvenanceManifests>";
        string items = "<ProvenanceManifest Include=\"../data/provenance.yaml\" />";
        var lib = new ConsumerProject(_feed, "SharedLib", targetFrameworks: BuildGateTests.MultiTargetFrameworks, extraProperties: shared, extraItems: items, directory: Path.Combine(root, "SharedLib"));
        var app = new ConsumerProject(_feed, "SharedApp", extraProperties: shared, extraItems: items + "<ProjectReference Include=\"../SharedLib/SharedLib.csproj\" />", directory: Path.Combine(root, "SharedApp"));
        Assert.Equal(0, DotNet.Run(root, _feed.PackagesFolder, null, "new", "sln", "-n", "Shared", "--format", "sln").ExitCode);
        Assert.Equal(0, DotNet.Run(root, _feed.PackagesFolder, null, "sln", "Shared.sln", "add", lib.ProjectPath, app.ProjectPath).ExitCode);

        var result = DotNet.Run(root, _feed.PackagesFolder, null, "build", "Shared.sln", "-m", "-nodeReuse:false", "-tl:off", "-v:m", "-p:UseSharedCompilation=false");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(ConsumerProject.CountLines(result.Output, Summary) == 2, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, @"warning PROV2002.*SharedLib\.csproj"));
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, @"warning PROV2002.*SharedApp\.csproj"));
    }

    [Fact]
    public void DesignTimeBuild_SkipsTheCheck_ButStillHandsTheDataRootsToTheCompiler()
    {
        var project = new ConsumerProject(_feed, "DesignTime");
        TestData.WriteMix(project.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        Assert.Equal(0, DotNet.Run(project.Directory, _feed.PackagesFolder, null, "restore", project.ProjectPath).ExitCode);

        var result = DotNet.Run(project.Directory, _feed.PackagesFolder, null, "msbuild", project.ProjectPath, "-t:Compile", "-nodeReuse:false", "-tl:off", "-v:m",
            "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:BuildingProject=false");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("PROV2001", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "provenance.globalconfig")));
    }

    // ---------------------------------------------------------------- 4. severity control

    [Fact]
    public void Warnings_FollowNoWarn_TreatWarningsAsErrors_WarningsNotAsErrors_AndWarningsAsErrors()
    {
        var project = new ConsumerProject(_feed, "Severity");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3, humanFloor: 0.10, humanFloorWarn: 0.99);
        TestData.Lock(project.ManifestPath);

        var plain = project.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.Equal(1, ConsumerProject.CountLines(plain.Output, "warning PROV2002"));
        Assert.Equal(1, ConsumerProject.CountLines(plain.Output, Summary));

        var noWarn = project.Build(null, null, "--no-restore", "-p:NoWarn=PROV2002");
        Assert.True(noWarn.ExitCode == 0, noWarn.Output);
        Assert.True(ConsumerProject.CountLines(noWarn.Output, "(warning|error|info) PROV2002") == 0, noWarn.Output);

        var asErrors = project.Build(null, null, "--no-restore", "-p:TreatWarningsAsErrors=true");
        Assert.True(asErrors.ExitCode != 0, asErrors.Output);
        Assert.Equal(1, ConsumerProject.CountLines(asErrors.Output, "error PROV2002"));

        var notAsErrors = project.Build(null, null, "--no-restore", "-p:TreatWarningsAsErrors=true", "-p:WarningsNotAsErrors=PROV2002");
        Assert.True(notAsErrors.ExitCode == 0, notAsErrors.Output);
        Assert.Equal(1, ConsumerProject.CountLines(notAsErrors.Output, "warning PROV2002"));

        var listed = project.Build(null, null, "--no-restore", "-p:WarningsAsErrors=PROV2002");
        Assert.True(listed.ExitCode != 0, listed.Output);
        Assert.Equal(1, ConsumerProject.CountLines(listed.Output, "error PROV2002"));
    }

    [Fact]
    public void ProvenanceSuppress_WithJustification_Suppresses_WithoutOne_WarnsAndDoesNot()
    {
        var justified = new ConsumerProject(_feed, "Suppressed", extraItems: "<ProvenanceSuppress Include=\"PROV2001\" Justification=\"Distillation mix; the human floor is enforced on the parent mix.\" />");
        TestData.WriteMix(justified.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(justified.ManifestPath);
        var unjustified = new ConsumerProject(_feed, "Unjustified", extraItems: "<ProvenanceSuppress Include=\"PROV2001\" />");
        TestData.WriteMix(unjustified.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(unjustified.ManifestPath);

        var ok = justified.Build();
        var notOk = unjustified.Build();

        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.DoesNotContain("PROV2001", ok.Output, StringComparison.Ordinal);
        Assert.True(notOk.ExitCode != 0, notOk.Output);
        Assert.Contains("error PROV2001", notOk.Output, StringComparison.Ordinal);
        Assert.Contains("has no Justification", notOk.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProvenanceEnabledFalse_TurnsTheGateOff()
    {
        var project = new ConsumerProject(_feed, "Disabled", extraProperties: "<ProvenanceEnabled>false</ProvenanceEnabled>");
        File.WriteAllText(project.ManifestPath, "provenance: 1\ndataset: x: y\n");

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("PROV", result.Output, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- 6. data roots for the analyzers

    [Fact]
    public void Build_WritesTheGlobalConfigWithDataRootsAndShardPaths()
    {
        var project = new ConsumerProject(_feed, "DataRoots");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        string config = File.ReadAllText(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "provenance.globalconfig"));
        string dir = project.Directory.Replace('\\', '/');
        Assert.Contains("is_global = true\n", config, StringComparison.Ordinal);
        Assert.Contains($"provenance.data_roots = {dir}/data\n", config, StringComparison.Ordinal);
        // Paths by origin, '|'-separated: Roslyn's globalconfig reader ends a value at ';' or '#'.
        Assert.Contains($"provenance.project_dir = {dir}\n", config, StringComparison.Ordinal);
        Assert.Contains($"provenance.human_shards = {dir}/data/human/sotu-a.jsonl\n", config, StringComparison.Ordinal);
        Assert.Contains($"provenance.synthetic_shards = {dir}/data/synthetic/g1.jsonl\n", config, StringComparison.Ordinal);
        Assert.Contains($"provenance.manifest_files = {dir}/provenance.lock.json|{dir}/provenance.yaml\n", config, StringComparison.Ordinal);
    }
}
