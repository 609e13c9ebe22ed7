using Microsoft.Build.Utilities;
using Provenance.Build.Tests.Infrastructure;
using Provenance.Manifest.Locking;

namespace Provenance.Build.Tests;

/// <summary>The task in-process, with a hand-written build engine that records file, line and column of every event.</summary>
public sealed class ProvenanceCheckTaskTests : IDisposable
{
    private readonly string _dir = TestData.NewTempDirectory("task");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void PassingManifest_LogsTheSummaryAsAHighImportanceMessage_AndNoErrors()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();

        Assert.True(task.Execute(), engine.Transcript());

        Assert.Empty(engine.Errors);
        var summary = Assert.Single(engine.HighMessages, m => m.Message!.StartsWith("Provenance: provenance.yaml: ", StringComparison.Ordinal));
        Assert.Matches(@"^Provenance: provenance\.yaml: human \d+(\.\d)?% of tokens \(floor 10%\), 2 shards, max generation 1$", summary.Message);
        Assert.True(task.Passed);
    }

    [Fact]
    public void BelowTheFloor_LogsProv2001AtTheShardsKey_WithHelpLinkAndRelativeFile()
    {
        string manifest = TestData.WriteMix(_dir, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        int line = TestData.LineOf(manifest, "shards:");
        var (task, engine) = NewTask();

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors, e => e.Code == "PROV2001");
        Assert.Equal("provenance.yaml", error.File);
        Assert.Equal((line, 1, line, 7), (error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.Equal("https://github.com/provenance-dev/provenance/blob/main/docs/rules/PROV2001.md", error.HelpLink);
        Assert.Equal("PROV2001", error.HelpKeyword);
        Assert.DoesNotContain(engine.HighMessages, m => m.Message!.StartsWith("Provenance: provenance.yaml: human", StringComparison.Ordinal));
        Assert.False(task.Passed);
    }

    [Fact]
    public void MalformedYaml_LogsProv1001WithAPosition_AndNoException()
    {
        File.WriteAllText(Path.Combine(_dir, "provenance.yaml"), "provenance: 1\ndataset: x: y\nshards: []\n");
        var (task, engine) = NewTask();

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors, e => e.Code == "PROV1001");
        Assert.Equal("provenance.yaml", error.File);
        Assert.Equal((2, 11), (error.LineNumber, error.ColumnNumber));
        Assert.DoesNotContain(engine.Errors, e => e.Message!.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void LockedMode_ReportsProv2009ForAnUnlockedHumanShard_AndDoesNotWriteTheLock()
    {
        string manifest = TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();
        task.LockedMode = true;

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors, e => e.Code == "PROV2009");
        Assert.Contains("provenance lock", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(LockFile.PathFor(manifest)));
    }

    [Fact]
    public void NotLocked_WritesTheLock_AndAFollowingLockedRunPasses()
    {
        string manifest = TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();

        Assert.True(task.Execute(), engine.Transcript());
        Assert.True(File.Exists(LockFile.PathFor(manifest)));
        Assert.Contains("sotu-a", File.ReadAllText(LockFile.PathFor(manifest)), StringComparison.Ordinal);

        var (locked, lockedEngine) = NewTask();
        locked.LockedMode = true;
        Assert.True(locked.Execute(), lockedEngine.Transcript());
    }

    [Fact]
    public void DroppedLockedHumanShard_ReportsProv2003()
    {
        string manifest = TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3, extraHuman: "sotu-b");
        TestData.Lock(manifest);
        TestData.RemoveShard(manifest, "sotu-b");
        var (task, engine) = NewTask();
        task.LockedMode = true;

        Assert.False(task.Execute());

        Assert.Single(engine.Errors, e => e.Code == "PROV2003" && e.File == "provenance.yaml");
    }

    [Fact]
    public void TrackedInputs_ListTheLockAndTheShardFiles()
    {
        string manifest = TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();

        Assert.True(task.Execute(), engine.Transcript());

        var tracked = task.TrackedInputs.Select(i => i.ItemSpec).ToList();
        Assert.Contains(LockFile.PathFor(manifest), tracked);
        Assert.Contains(Path.Combine(_dir, "data", "human", "sotu-a.jsonl"), tracked);
        Assert.Contains(Path.Combine(_dir, "data", "synthetic", "g1.jsonl"), tracked);
    }

    [Fact]
    public void MissingManifest_LogsProv1020AndFails()
    {
        var (task, engine) = NewTask();

        Assert.False(task.Execute());

        Assert.Single(engine.Errors, e => e.Code == "PROV1020" && e.File == "provenance.yaml");
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("")]
    public void InvalidSettings_AreReportedAsErrors_NotExceptions(string verify)
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();
        task.VerifyDigests = verify;
        task.HumanFloor = "lots";

        Assert.False(task.Execute());

        Assert.Contains(engine.Errors, e => e.Message!.Contains("ProvenanceHumanFloor", StringComparison.Ordinal));
        Assert.Equal(verify.Length > 0, engine.Errors.Any(e => e.Message!.Contains("ProvenanceVerifyDigests", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ProvenanceHumanFloor", "1.5")]
    [InlineData("ProvenanceVerifyDigests", "sometimes")]
    [InlineData("ProvenanceLfs", "maybe")]
    public void InvalidSetting_IsProv1031_AtItsElementInTheProjectFile_NotInThePackagesTargets(string property, string value)
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        string project = WriteProject($"  <PropertyGroup>\n    <{property}>{value}</{property}>\n  </PropertyGroup>\n");
        var (task, engine) = NewTask(taskNodeFile: "/pkg/build/Provenance.Build.targets");
        task.ProjectFile = project;
        switch (property)
        {
            case "ProvenanceHumanFloor": task.HumanFloor = value; break;
            case "ProvenanceVerifyDigests": task.VerifyDigests = value; break;
            default: task.Lfs = value; break;
        }

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("PROV1031", error.Code);
        Assert.Equal("https://github.com/provenance-dev/provenance/blob/main/docs/rules/PROV1031.md", error.HelpLink);
        Assert.Equal("App.csproj", error.File);
        Assert.Equal((3, 5, 3, 6 + property.Length + 1), (error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.StartsWith($"{property} is '{value}'; expected ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSetting_FromTheCommandLine_IsProv1031_AtTheProjectFileWithoutAPosition()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        string project = WriteProject(string.Empty);
        var (task, engine) = NewTask(taskNodeFile: "/pkg/build/Provenance.Build.targets");
        task.ProjectFile = project;
        task.HumanFloor = "150%";

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("PROV1031", "App.csproj", 0), (error.Code, error.File, error.LineNumber));
    }

    [Fact]
    public void SuppressionWithoutJustification_IsProv1032_AtTheItemInTheProjectFile_AndNotApplied()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3, humanFloor: 0.9);
        string project = WriteProject("  <ItemGroup>\n    <ProvenanceSuppress Include=\"PROV2003\" Justification=\"x\" />\n    <ProvenanceSuppress Include=\"PROV2001\" />\n  </ItemGroup>\n");
        var (task, engine) = NewTask(taskNodeFile: "/pkg/build/Provenance.Build.targets");
        task.ProjectFile = project;
        task.Suppressions = new[] { new TaskItem("PROV2003", new Dictionary<string, string> { ["Justification"] = "x" }), new TaskItem("PROV2001") };

        Assert.False(task.Execute());

        var warning = Assert.Single(engine.Warnings, w => w.Code == "PROV1032");
        Assert.Equal(("App.csproj", 4, 5), (warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.Contains("ProvenanceSuppress 'PROV2001' has no Justification", warning.Message, StringComparison.Ordinal);
        Assert.Single(engine.Errors, e => e.Code == "PROV2001");
    }

    [Fact]
    public void SarifLogThatCannotBeWritten_IsProv1033_AtTheProjectFile_AndTheVerdictStands()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        string project = WriteProject("  <PropertyGroup>\n    <ProvenanceSarifFile>provenance.yaml/x.sarif</ProvenanceSarifFile>\n  </PropertyGroup>\n");
        var (task, engine) = NewTask(taskNodeFile: "/pkg/build/Provenance.Build.targets");
        task.ProjectFile = project;
        task.SarifFile = "provenance.yaml/x.sarif";

        Assert.True(task.Execute(), engine.Transcript());

        var warning = Assert.Single(engine.Warnings, w => w.Code == "PROV1033");
        Assert.Equal(("App.csproj", 3), (warning.File, warning.LineNumber));
        Assert.Contains(Path.Combine(_dir, "provenance.yaml", "x.sarif"), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeSarifFile_IsResolvedAgainstTheProjectFolder_NotTheCurrentFolder()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();
        task.SarifFile = "obj/provenance.sarif";

        Assert.True(task.Execute(), engine.Transcript());

        Assert.True(File.Exists(Path.Combine(_dir, "obj", "provenance.sarif")), engine.Transcript());
        Assert.NotEqual(_dir, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void LockWrittenByALocalBuild_IsSaidAtHighImportance_AskingToCommitIt()
    {
        TestData.WriteMix(_dir, humanRecords: 6, syntheticRecords: 3);
        var (task, engine) = NewTask();

        Assert.True(task.Execute(), engine.Transcript());

        var said = Assert.Single(engine.HighMessages, m => m.Message!.StartsWith("Provenance: updated provenance.lock.json", StringComparison.Ordinal));
        Assert.Contains("commit it", said.Message, StringComparison.Ordinal);

        var (again, againEngine) = NewTask();
        Assert.True(again.Execute(), againEngine.Transcript());
        Assert.DoesNotContain(againEngine.Messages, m => m.Message!.Contains("updated provenance.lock.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.9", true)]
    [InlineData("90%", true)]
    [InlineData("0.01", false)]
    public void HumanFloorOverride_ReplacesThePolicyFloor(string floor, bool fails)
    {
        TestData.WriteMix(_dir, humanRecords: 3, syntheticRecords: 3, humanFloor: 0.05);
        var (task, engine) = NewTask();
        task.HumanFloor = floor;

        Assert.Equal(!fails, task.Execute());
        Assert.Equal(fails, engine.Errors.Any(e => e.Code == "PROV2001"));
    }

    [Fact]
    public void Diversity_gate_runs_only_when_ProvenanceDiversity_is_true_and_reports_PROV2010()
    {
        // Generation 0: real human text. Generation 1 replaces it with text of a handful of common words, the way a
        // collapsed model writes, so almost every rare human word is gone from the mix.
        var human = TestData.SotuLines.Take(3);
        File.WriteAllText(Path.Combine(_dir, "gen0.provenance.yaml"), "provenance: 1\ndataset: g0\nshards:\n  - id: h\n    path: data/h.jsonl\n    origin: human\n");
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "data", "h.jsonl"), string.Join("\n", human) + "\n");
        File.WriteAllText(Path.Combine(_dir, "data", "s.jsonl"), string.Concat(Enumerable.Repeat("{\"text\": \"the people of the united states and the congress of the nation\"}\n", 200)));
        File.WriteAllText(Path.Combine(_dir, "provenance.yaml"),
            "provenance: 1\ndataset: g1\npolicy:\n  humanFloor: 0\n  humanFloorWarn: 0\n  diversity: { metric: tail-survival, maxDrop: 0.2 }\nshards:\n  - id: s\n    path: data/s.jsonl\n    origin: synthetic\n    generator: { model: m, trainedOn: gen0.provenance.yaml }\n");
        foreach (var m in new[] { "gen0.provenance.yaml", "provenance.yaml" })
        {
            Assert.True(Provenance.Manifest.Writing.ManifestSealer.Seal(Path.Combine(_dir, m)).Succeeded);
        }

        var (off, offEngine) = NewTask();
        off.Execute();
        Assert.DoesNotContain(offEngine.Errors, e => e.Code == "PROV2010");

        var (on, onEngine) = NewTask();
        on.Diversity = true;
        on.DiversityCacheDirectory = Path.Combine(_dir, "obj", "provenance", "diversity");
        Assert.False(on.Execute());
        var error = Assert.Single(onEngine.Errors, e => e.Code == "PROV2010");
        Assert.Equal(TestData.LineOf(Path.Combine(_dir, "provenance.yaml"), "  diversity:"), error.LineNumber);
        Assert.True(Directory.EnumerateFiles(on.DiversityCacheDirectory, "*", SearchOption.AllDirectories).Any(), "the diversity cache was not written");
    }

    private string WriteProject(string body)
    {
        string path = Path.Combine(_dir, "App.csproj");
        File.WriteAllText(path, "<Project Sdk=\"Microsoft.NET.Sdk\">\n" + body + "</Project>\n");
        return path;
    }

    private (ProvenanceCheckTask Task, FakeBuildEngine Engine) NewTask(string? taskNodeFile = null)
    {
        var engine = new FakeBuildEngine(taskNodeFile ?? Path.Combine(_dir, "App.csproj"));
        var task = new ProvenanceCheckTask
        {
            BuildEngine = engine,
            Manifests = new[] { new TaskItem("provenance.yaml") },
            VerifyDigests = "all",
            DigestCacheFile = Path.Combine(_dir, "obj", "provenance", "digests.json"),
        };
        return (task, engine);
    }
}
