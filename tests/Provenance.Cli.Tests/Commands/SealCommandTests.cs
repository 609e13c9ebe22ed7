using System.Diagnostics;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

public sealed class SealCommandTests
{
    [Fact]
    public void Seal_WritesTheSha256OfEachFile_AsSha256sumComputesIt_AndRecordsEqualLineCount()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, seal: false);

        var result = CliRunner.Run(folder, "seal");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 shards sealed, 3 updated", result.Out);
        var manifest = ManifestReader.ReadFile(folder.Manifest).Manifest!;
        Assert.Equal(3, manifest.Shards.Count);
        foreach (var shard in manifest.Shards)
        {
            string file = folder.File(shard.Path!);
            Assert.Equal(ExternalSha256(file), shard.Digest);
            Assert.Equal(File.ReadAllLines(file).Length, shard.Records);
            Assert.Equal(new FileInfo(file).Length, shard.Bytes);
            Assert.True(shard.Tokens > 0);
        }

        Assert.StartsWith("# A small mix", folder.Read("provenance.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_IsIdempotent_SecondRunChangesNothing()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        string before = folder.Read("provenance.yaml");

        var result = CliRunner.Run(folder, "seal");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all up to date", result.Out);
        Assert.Equal(before, folder.Read("provenance.yaml"));
    }

    [Fact]
    public void Seal_MissingShardFile_Exits1_AndLeavesTheManifestUnchanged()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, seal: false);
        File.Delete(folder.File("data/human/sotu-b.jsonl"));
        string before = folder.Read("provenance.yaml");

        var result = CliRunner.Run(folder, "seal");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("provenance.yaml(9,11,9,34): error PROV1010:", result.Out);
        Assert.Equal(before, folder.Read("provenance.yaml"));
    }

    /// <summary>The digest from <c>sha256sum</c> when it is installed, else from System.Security.Cryptography.</summary>
    private static string ExternalSha256(string path)
    {
        try
        {
            var start = new ProcessStartInfo("sha256sum") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return "sha256:" + output.Split(' ')[0];
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return TempFolder.Sha256(path);
    }
}
