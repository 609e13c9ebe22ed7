using System.Text.Json;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

/// <summary>The protected-corpus scenarios of issue 2: with a lock in place, what counts as dropping the original corpus.</summary>
public sealed class LockCommandTests
{
    [Fact]
    public void Lock_WritesTheLock_AndPrintsTheAdmittedHumanShards()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "lock");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  + admitted 'sotu-a' (sha256:", result.Out);
        Assert.Contains("  + admitted 'sotu-b' (sha256:", result.Out);
        Assert.Contains("provenance.lock.json: written, 2 protected human shards, 0 approved removals.", result.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.LockPath));
        Assert.Equal(new[] { "sotu-a", "sotu-b" }, json.RootElement.GetProperty("protected").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        var again = CliRunner.Run(folder, "lock");
        Assert.Contains("provenance.lock.json: up to date, 2 protected human shards.", again.Out);
    }

    [Fact]
    public void OneChangedByteInAHumanShard_CheckVerifyAll_ReportsADigestMismatch()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        string file = folder.File("data/human/sotu-a.jsonl");
        byte[] bytes = File.ReadAllBytes(file);
        bytes[100] = (byte)(bytes[100] == (byte)'a' ? 'b' : 'a');
        File.WriteAllBytes(file, bytes);

        var result = CliRunner.Run(folder, "check", "--verify", "all", "--locked", "false");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.OutLines, l => l.Contains("PROV1011", StringComparison.Ordinal));
        Assert.StartsWith("provenance.yaml(", line, StringComparison.Ordinal);
        Assert.Contains("error PROV1011: Digest mismatch for shard 'sotu-a'", line);
    }

    [Fact]
    public void RemovingAHumanShardFromTheManifest_ReportsTheOriginalCorpusDropped()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        RemoveShard(folder, "sotu-b");

        var result = CliRunner.Run(folder, "check", "--locked", "false");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.OutLines, l => l.Contains("PROV2003", StringComparison.Ordinal));
        Assert.StartsWith("provenance.yaml(4,1,4,7): error PROV2003: Original corpus dropped: human shard 'sotu-b'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AMatchingRemovedEntryWithReasonAndApprovedBy_PassesAgain()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        string digest = ManifestReader.ReadFile(folder.Manifest).Manifest!.Shards.Single(s => s.Id == "sotu-b").Digest!;
        RemoveShard(folder, "sotu-b");
        File.AppendAllText(folder.Manifest, $"removed:\n  - digest: {digest}\n    id: sotu-b\n    reason: licence withdrawn\n    approvedBy: data-governance@example.org\n");

        var check = CliRunner.Run(folder, "check", "--locked", "false");
        var lockResult = CliRunner.Run(folder, "lock");
        var lockedCheck = CliRunner.Run(folder, "check", "--locked");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("  - removed 'sotu-b' (sha256:", lockResult.Out);
        Assert.True(lockedCheck.ExitCode == 0, lockedCheck.ToString());
    }

    [Fact]
    public void RenamingAShardFile_WithThePathUpdated_IsNotADrop()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        Directory.CreateDirectory(folder.File("data/speeches"));
        File.Move(folder.File("data/human/sotu-a.jsonl"), folder.File("data/speeches/washington.jsonl"));
        File.WriteAllText(folder.Manifest, folder.Read("provenance.yaml").Replace("path: data/human/sotu-a.jsonl", "path: data/speeches/washington.jsonl"));

        var result = CliRunner.Run(folder, "check", "--verify", "all", "--locked");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("PROV2003", result.Out);
    }

    [Fact]
    public void LockedMode_ANewHumanShardMissingFromTheLock_IsAnError_AndLockFixesIt()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        folder.Write("data/human/sotu-c.jsonl", Corpus.SotuLines(20, 2));
        Assert.Equal(0, CliRunner.Run(folder, "add", "data/human/sotu-c.jsonl", "--origin", "human").ExitCode);

        var locked = CliRunner.Run(folder, "check", "--locked");
        var unlocked = CliRunner.Run(folder, "check", "--locked", "false");
        var lockResult = CliRunner.Run(folder, "lock");
        var lockedAgain = CliRunner.Run(folder, "check", "--locked");

        Assert.Equal(1, locked.ExitCode);
        Assert.Contains("error PROV2009: Human shard 'sotu-c' is not in provenance.lock.json", locked.Out);
        Assert.Equal(0, unlocked.ExitCode);
        Assert.Contains("  + admitted 'sotu-c'", lockResult.Out);
        Assert.True(lockedAgain.ExitCode == 0, lockedAgain.ToString());
    }

    [Fact]
    public void Lock_RefusesToWrite_WhenTheManifestHasErrors()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.AppendAllText(folder.Manifest, "colour: blue\n");

        var result = CliRunner.Run(folder, "lock");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("provenance.lock.json: not written; fix the manifest errors above first.", result.Out);
        Assert.False(File.Exists(folder.LockPath));
    }

    /// <summary>Deletes the shard <paramref name="id"/> (its whole block) from the manifest text.</summary>
    internal static void RemoveShard(TempFolder folder, string id)
    {
        var lines = File.ReadAllLines(folder.Manifest).ToList();
        int start = lines.FindIndex(l => l.Trim() == "- id: " + id);
        Assert.True(start >= 0);
        int end = start + 1;
        while (end < lines.Count && lines[end].StartsWith("    ", StringComparison.Ordinal))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        File.WriteAllText(folder.Manifest, string.Join("\n", lines) + "\n");
    }
}
