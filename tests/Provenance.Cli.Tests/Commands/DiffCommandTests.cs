using System.Text.Json;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

public sealed class DiffCommandTests
{
    [Fact]
    public void Diff_NewDropsAHumanShardWithoutRemovedEntry_Exits1_AndFlagsIt()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.Copy(folder.Manifest, folder.File("old.provenance.yaml"));
        LockCommandTests.RemoveShard(folder, "sotu-b");

        var result = CliRunner.Run(folder, "diff", "old.provenance.yaml", "provenance.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Removed (1):", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("  ! sotu-b (sha256:", StringComparison.Ordinal) && l.EndsWith("dropped without a removed: entry", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("Human share: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relabelling_a_parent_human_shard_fails_check_and_diff_alike_with_and_without_a_lock(bool locked)
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        if (locked)
        {
            Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        }

        File.Copy(folder.Manifest, folder.File("old.provenance.yaml"));
        string relabelled = folder.Read("provenance.yaml")
            .Replace("dataset: cli-test\n", "dataset: cli-test\nparent: old.provenance.yaml\n")
            .Replace("path: data/human/sotu-b.jsonl\n    origin: human", "path: data/human/sotu-b.jsonl\n    origin: synthetic");
        Assert.Contains("origin: synthetic\n    records: 3", relabelled);
        File.WriteAllText(folder.Manifest, relabelled);

        var diff = CliRunner.Run(folder, "diff", "old.provenance.yaml", "provenance.yaml");
        var check = CliRunner.Run(folder, "check");

        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Contains(diff.OutLines, l => l.StartsWith("  ! sotu-b (sha256:", StringComparison.Ordinal) && l.EndsWith("relabelled 'synthetic' as shard 'sotu-b'", StringComparison.Ordinal));
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("PROV2004", check.Out + check.Error);
        Assert.Contains("is relabelled 'synthetic' here", check.Out + check.Error);
        Assert.Equal(locked, (check.Out + check.Error).Contains("Original corpus relabelled", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_ApprovedRemoval_Exits0()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.Copy(folder.Manifest, folder.File("old.provenance.yaml"));
        string digest = ManifestReader.ReadFile(folder.Manifest).Manifest!.Shards.Single(s => s.Id == "sotu-b").Digest!;
        LockCommandTests.RemoveShard(folder, "sotu-b");
        File.AppendAllText(folder.Manifest, $"removed:\n  - digest: {digest}\n    reason: licence withdrawn\n    approvedBy: governance@example.org\n");

        var result = CliRunner.Run(folder, "diff", "old.provenance.yaml", "provenance.yaml", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var dropped = Assert.Single(json.RootElement.GetProperty("humanDropped").EnumerateArray());
        Assert.True(dropped.GetProperty("approved").GetBoolean());
        Assert.Equal("licence withdrawn", dropped.GetProperty("reason").GetString());
    }

    [Fact]
    public void Diff_RenamedFileAndId_IsAChangeMatchedByDigest_NotADrop()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.Copy(folder.Manifest, folder.File("old.provenance.yaml"));
        File.Move(folder.File("data/human/sotu-a.jsonl"), folder.File("data/human/washington.jsonl"));
        File.WriteAllText(folder.Manifest, folder.Read("provenance.yaml")
            .Replace("path: data/human/sotu-a.jsonl", "path: data/human/washington.jsonl")
            .Replace("id: sotu-a", "id: washington"));

        var result = CliRunner.Run(folder, "diff", "old.provenance.yaml", "provenance.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  ~ washington: id sotu-a -> washington; path data/human/sotu-a.jsonl -> data/human/washington.jsonl", result.OutLines);
        Assert.Contains("Human shards dropped (0)", result.OutLines);
        Assert.Contains("Added (0)", result.OutLines);
    }

    [Fact]
    public void Diff_ChangedContentOfAHumanShard_IsADrop()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.Copy(folder.Manifest, folder.File("old.provenance.yaml"));
        File.AppendAllText(folder.File("data/human/sotu-a.jsonl"), Corpus.SotuLines(40, 1));
        Assert.Equal(0, CliRunner.Run(folder, "seal").ExitCode);

        var result = CliRunner.Run(folder, "diff", "old.provenance.yaml", "provenance.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("  ~ sotu-a: content sha256:", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("  ! sotu-a ", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_UnreadableManifest_Exits2()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "diff", "missing.yaml", "provenance.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("provenance: error: cannot compare: OLD manifest cannot be read.", result.Error);
    }
}
