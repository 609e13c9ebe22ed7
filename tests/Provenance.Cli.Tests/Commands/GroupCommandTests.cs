using System.Text;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

/// <summary><c>provenance group SET-ID GLOB... [--manifest M]</c> on 30 files of State of the Union addresses, listed one entry per file.</summary>
public sealed class GroupCommandTests
{
    private const int Parts = 30;

    /// <summary>Writes the per-file manifest under <paramref name="relativeFolder"/> and seals it with <c>provenance seal</c>.</summary>
    private static void WritePerFile(TempFolder folder, string relativeFolder = ".")
    {
        var yaml = new StringBuilder("# 30 parts of the addresses\nprovenance: 1\ndataset: sotu-parts\nshards:\n");
        for (int i = 0; i < Parts; i++)
        {
            folder.Write($"{relativeFolder}/data/sotu/part-{i:00}.jsonl", Corpus.SotuLines(i * 5, 2 + (i % 4)));
            yaml.Append($"  - id: part-{i:00}\n    path: data/sotu/part-{i:00}.jsonl\n    origin: human   # read by people\n");
        }

        folder.Write($"{relativeFolder}/data/synth.jsonl", Corpus.MobyLines(0, 5));
        yaml.Append("  - id: synth\n    path: data/synth.jsonl\n    origin: synthetic\n    generator: {model: moby@1}\n    derivedFrom: [part-04]\n");
        folder.Write($"{relativeFolder}/provenance.yaml", yaml.ToString());
        var seal = CliRunner.Run(folder, "seal", relativeFolder, "--no-fingerprints");
        Assert.True(seal.ExitCode == 0, seal.ToString());
    }

    [Fact]
    public void Group_ReplacesTheMatchedEntriesWithOneSet_PrintsOneLine_AndCheckPasses()
    {
        using var folder = new TempFolder();
        WritePerFile(folder);
        File.WriteAllText(folder.Manifest, folder.Read("provenance.yaml").Replace("derivedFrom: [part-04]", "derivedFrom: []"));

        var result = CliRunner.Run(folder, "group", "sotu", "data/sotu/part-*.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("provenance.yaml: 30 shards grouped into set 'sotu' (index provenance.index/sotu.tsv).\n", result.Out);
        Assert.Equal(string.Empty, result.Error);
        var manifest = ManifestReader.ReadFile(folder.Manifest).Manifest!;
        Assert.Equal(new[] { "sotu", "synth" }, manifest.Shards.Select(s => s.Id));
        Assert.Equal(new[] { "data/sotu/part-*.jsonl" }, manifest.Shards[0].Files);
        Assert.Equal(Parts, manifest.Shards[0].FileCount);
        Assert.Equal(TempFolder.Sha256(folder.File("provenance.index/sotu.tsv")), manifest.Shards[0].Digest);
        Assert.Contains("    origin: human   # read by people\n", folder.Read("provenance.yaml"));

        var check = CliRunner.Run(folder, "check", "--verify", "all");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void Group_AfterLock_KeepsTheProtectedCorpus_AndLockThenRecordsTheSetForCI()
    {
        using var folder = new TempFolder();
        WritePerFile(folder);
        File.WriteAllText(folder.Manifest, folder.Read("provenance.yaml").Replace("derivedFrom: [part-04]", "derivedFrom: []"));
        var locked = CliRunner.Run(folder, "lock");
        Assert.True(locked.ExitCode == 0, locked.ToString());

        var result = CliRunner.Run(folder, "group", "sotu", "data/sotu/part-*.jsonl");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "provenance.yaml: 30 shards grouped into set 'sotu' (index provenance.index/sotu.tsv).\n"
            + "Next: 'provenance lock' to record the set in provenance.lock.json (locked mode asks for it), then commit provenance.lock.json, the manifest and the index.\n",
            result.Out);
        var check = CliRunner.Run(folder, "check", "--verify", "all");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.DoesNotContain("PROV2003", check.Out);

        Assert.Contains("PROV2009", CliRunner.RunCI(folder, "check").Out);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        var ci = CliRunner.RunCI(folder, "check");
        Assert.True(ci.ExitCode == 0, ci.ToString());
    }

    [Fact]
    public void Group_WithManifestOption_ResolvesGlobsAgainstTheManifestsFolder()
    {
        using var folder = new TempFolder();
        WritePerFile(folder, "mix");
        string manifest = folder.File("mix/provenance.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("derivedFrom: [part-04]", "derivedFrom: []"));

        var result = CliRunner.Run(folder, "group", "first-ten", "data/sotu/part-0?.jsonl", "--manifest", "mix");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("mix/provenance.yaml: 10 shards grouped into set 'first-ten' (index provenance.index/first-ten.tsv).\n", result.Out);
        Assert.True(File.Exists(folder.File("mix/provenance.index/first-ten.tsv")));
        Assert.Equal(22, ManifestReader.ReadFile(manifest).Manifest!.Shards.Count);
    }

    [Fact]
    public void Group_RefusesToLeaveADanglingDerivedFrom_Exits1_AndChangesNothing()
    {
        using var folder = new TempFolder();
        WritePerFile(folder);
        string before = folder.Read("provenance.yaml");

        var result = CliRunner.Run(folder, "group", "sotu", "data/sotu/part-*.jsonl");

        Assert.Equal(1, result.ExitCode);
        int line = before.Split('\n').ToList().FindIndex(l => l.Contains("derivedFrom: [part-04]", StringComparison.Ordinal)) + 1;
        Assert.Contains($"provenance.yaml({line},18,{line},26): error PROV1014: Shard 'synth' is derived from 'part-04'", result.Out);
        Assert.EndsWith("provenance.yaml: not changed. Failed: 1 error, 0 warnings.\n", result.Out);
        Assert.Equal(before, folder.Read("provenance.yaml"));
        Assert.False(Directory.Exists(folder.File("provenance.index")));
    }

    [Fact]
    public void Group_AnUnusableGlob_IsAUsageError()
    {
        using var folder = new TempFolder();
        WritePerFile(folder);

        var result = CliRunner.Run(folder, "group", "sotu", "../elsewhere/*.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("provenance: error: Glob '../elsewhere/*.jsonl' is not usable: '..' is not allowed", result.Error);
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Group_WithoutAGlob_IsAUsageError()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "group", "sotu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run 'provenance group --help' for usage.", result.Error);
    }

    [Fact]
    public void Group_AMissingManifest_Exits2()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "group", "sotu", "data/*.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PROV1020", result.Out);
        result.AssertNoStackTrace();
    }
}
