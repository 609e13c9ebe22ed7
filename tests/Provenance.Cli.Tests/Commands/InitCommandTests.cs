using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Tests.Commands;

public sealed class InitCommandTests
{
    [Fact]
    public void Init_ListsTheFilesUnderData_WithOriginFromFolderNames_ElseUnknown_AndTheSchemaComment()
    {
        using var folder = new TempFolder();
        folder.Write("data/human/sotu.jsonl", Corpus.SotuLines(0, 2));
        folder.Write("data/notes/readme.txt", "notes\n");
        folder.Write("data/.hidden/skip.jsonl", "{}\n");

        var result = CliRunner.Run(folder, "init");

        Assert.True(result.ExitCode == 0, result.ToString());
        string text = folder.Read("provenance.yaml");
        Assert.StartsWith(ManifestWriter.SchemaComment + "\n", text, StringComparison.Ordinal);
        var read = ManifestReader.ReadFile(folder.Manifest);
        Assert.Empty(read.Diagnostics);
        var manifest = read.Manifest!;
        Assert.Equal(Path.GetFileName(folder.Path), manifest.Dataset);
        Assert.Equal(new[] { "data/human/sotu.jsonl", "data/notes/readme.txt" }, manifest.Shards.Select(s => s.Path));
        Assert.Equal(new[] { "human-sotu", "notes-readme" }, manifest.Shards.Select(s => s.Id));
        Assert.Equal(new[] { ShardOrigin.Human, ShardOrigin.Unknown }, manifest.Shards.Select(s => s.Origin));
        Assert.Equal(ShardFormat.Text, manifest.Shards[1].Format);
        Assert.Contains("origin inferred from folder names: 1 human (data/human/), 1 unknown", result.Out);
        Assert.Contains("counts as synthetic", result.Out);
    }

    [Fact]
    public void Init_RefusesToOverwriteAnExistingManifest_Exit2()
    {
        using var folder = new TempFolder();
        folder.Write("provenance.yaml", "# mine\n");

        var result = CliRunner.Run(folder, "init");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("provenance: error: provenance.yaml already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("# mine\n", folder.Read("provenance.yaml"));
    }

    [Fact]
    public void Init_InAFolder_WithOriginHumanAndSeal_GivesAManifestThatChecksClean()
    {
        using var folder = new TempFolder();
        folder.Write("corpus/data/sotu.jsonl", Corpus.SotuLines(0, 3));

        var init = CliRunner.Run(folder, "init", "corpus", "--origin", "human", "--seal", "--dataset", "speeches");
        var check = CliRunner.Run(folder, "check", "corpus", "--locked", "false");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("corpus/provenance.yaml: 1 shard sealed.", init.Out);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("corpus/provenance.yaml: human 100% of tokens", check.Out);
        Assert.Equal("speeches", ManifestReader.ReadFile(folder.File("corpus/provenance.yaml")).Manifest!.Dataset);
    }

    [Fact]
    public void Init_WithoutDataFolder_WritesAnEmptyManifestThatReadsBack()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "init");

        Assert.Equal(0, result.ExitCode);
        var read = ManifestReader.ReadFile(folder.Manifest);
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error);
        Assert.Empty(read.Manifest!.Shards);
        Assert.StartsWith("Warning: data does not exist, so the manifest lists no shards.", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("provenance add", result.OutLines[0], StringComparison.Ordinal);
    }
}
