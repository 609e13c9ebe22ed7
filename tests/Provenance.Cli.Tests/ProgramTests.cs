using System.Security.Cryptography;
using System.Text;
using Provenance.Cli.Tests.Helpers;

namespace Provenance.Cli.Tests;

/// <summary>Usage errors, exit codes and the defaults that depend on the environment (CI=true, XDG_CACHE_HOME).</summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("check", "--bogus")]
    [InlineData("check", "--format", "xml")]
    [InlineData("check", "--verify", "sometimes")]
    [InlineData("check", "--human-floor", "2")]
    [InlineData("audit", "--format", "pdf")]
    [InlineData("frobnicate")]
    [InlineData]
    public void UsageErrors_Exit2_WithOneLineErrorsOnStderr(params string[] args)
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, seal: false);

        var result = CliRunner.Run(folder, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("provenance: error: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Help_Exits0_AndListsEveryCommand()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "init", "add", "seal", "check", "lock", "audit", "diff" })
        {
            Assert.Contains("  " + command + " ", result.Out);
        }
    }

    [Fact]
    public void Help_ShowsOptionalArgumentsInBrackets_AndKeepsTheDescriptionsAligned()
    {
        using var folder = new TempFolder();

        var lines = CliRunner.Run(folder, "--help").OutLines;

        int commands = Array.IndexOf(lines, "Commands:");
        var rows = lines.Skip(commands + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Contains(rows, r => r.StartsWith("  init [<DIR>]  ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  check [<MANIFEST>]  ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  add <PATH>  ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  diff <OLD> <NEW>  ", StringComparison.Ordinal));
        Assert.Single(rows.Select(r => r.IndexOf("  ", r.IndexOf(' ', 2), StringComparison.Ordinal) is int gap ? r.Length - r.Substring(gap).TrimStart().Length : -1).Distinct());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CheckHelp_StatesEachDefaultOnce_WithoutABracketedDefaultThatContradictsTheText(bool ci)
    {
        using var folder = new TempFolder();
        var variables = folder.Variables();
        if (ci)
        {
            variables["CI"] = "true";
        }

        string help = CliRunner.RunIn(folder.Path, variables, "check", "--help").Out;

        string verify = help.Split('\n').Single(l => l.TrimStart().StartsWith("--verify", StringComparison.Ordinal));
        Assert.Contains("Default: all when CI=true, else changed.", verify, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", verify, StringComparison.Ordinal);
        string locked = help.Split('\n').Single(l => l.TrimStart().StartsWith("--locked", StringComparison.Ordinal));
        Assert.DoesNotContain("[default:", locked, StringComparison.Ordinal);
        foreach (string line in help.Split('\n').Where(l => l.Contains("[default:", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("Default:", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void VerifyDefault_OutsideCI_IsChanged_WithTheDigestCacheUnderXdgCacheHome()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder.Manifest))).Substring(0, 16);
        string expected = Path.Combine(folder.CacheHome, "provenance", $"digests-{key}.bin");

        var result = CliRunner.Run(folder, "check", "--locked", "false");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(expected), "no digest cache at " + expected);
        // The compact cache is keyed by a hash of each file's full path: ask it for a shard with its current size and time.
        string shard = Directory.GetFiles(folder.Path, "sotu-a.jsonl", SearchOption.AllDirectories).Single();
        var info = new FileInfo(shard);
        Assert.NotNull(Provenance.Manifest.Digests.DigestCache.Load(expected).TryGet(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks));
    }

    [Fact]
    public void VerifyDefault_WithoutXdgCacheHome_FallsBackToHomeDotCache()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        var variables = folder.Variables();
        variables.Remove("XDG_CACHE_HOME");

        var result = CliRunner.RunIn(folder.Path, variables, "check", "--locked", "false");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(Directory.GetFiles(Path.Combine(variables["HOME"], ".cache", "provenance"), "digests-*.bin"));
    }

    [Fact]
    public void VerifyDefault_UnderCI_IsAll_SoASameSizeSameMtimeEditIsCaught()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        Assert.Equal(0, CliRunner.Run(folder, "lock").ExitCode);
        Assert.Equal(0, CliRunner.Run(folder, "check").ExitCode);
        string file = folder.File("data/human/sotu-b.jsonl");
        var mtime = File.GetLastWriteTimeUtc(file);
        byte[] bytes = File.ReadAllBytes(file);
        bytes[50] = (byte)(bytes[50] == (byte)'x' ? 'y' : 'x');
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, mtime);

        var local = CliRunner.Run(folder, "check");
        var ci = CliRunner.RunCI(folder, "check");

        Assert.True(local.ExitCode == 0, "changed mode trusts an unchanged size and mtime: " + local);
        Assert.Equal(1, ci.ExitCode);
        Assert.Contains("error PROV1011: Digest mismatch for shard 'sotu-b'", ci.Out);
    }

    [Fact]
    public void LockedDefault_UnderCI_IsOn_OutsideCI_IsOff()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var local = CliRunner.Run(folder, "check");
        var ci = CliRunner.RunCI(folder, "check");
        var ciUnlocked = CliRunner.RunCI(folder, "check", "--locked", "false");

        Assert.Equal(0, local.ExitCode);
        Assert.Equal(1, ci.ExitCode);
        Assert.Equal(2, ci.OutLines.Count(l => l.Contains("error PROV2009", StringComparison.Ordinal)));
        Assert.Equal(0, ciUnlocked.ExitCode);
        Assert.False(File.Exists(folder.LockPath));
    }
}
