using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

public sealed class AddCommandTests
{
    [Fact]
    public void Add_AppendsASealedShardAfterTheLastOne_KeepingComments()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.AppendAllText(folder.Manifest, "# trailing comment\n");
        string path = folder.Write("data/synthetic/g2.jsonl", Corpus.MobyLines(10, 2));

        var result = CliRunner.Run(folder, "add", "data/synthetic/g2.jsonl", "--origin", "synthetic", "--generator-model", "demo-bigram@2", "--derived-from", "sotu-a");

        Assert.True(result.ExitCode == 0, result.ToString());
        string text = folder.Read("provenance.yaml");
        Assert.StartsWith("# A small mix", text, StringComparison.Ordinal);
        Assert.Contains("# trailing comment", text);
        var manifest = ManifestReader.ReadFile(folder.Manifest).Manifest!;
        var added = manifest.Shards[^1];
        Assert.Equal("g2", added.Id);
        Assert.Equal(ShardOrigin.Synthetic, added.Origin);
        Assert.Equal(TempFolder.Sha256(path), added.Digest);
        Assert.Equal(2, added.Records);
        Assert.Equal("demo-bigram@2", added.Generator!.Model);
        Assert.Equal(new[] { "sotu-a" }, added.DerivedFrom);
        Assert.Contains("  - id: g2\n    path: data/synthetic/g2.jsonl\n", text);
        Assert.Equal(0, CliRunner.Run(folder, "check", "--locked", "false").ExitCode);
    }

    [Fact]
    public void Add_DerivedFromAnUnknownId_Exits2WithProv1014_AndChangesNothing()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        folder.Write("data/synthetic/g2.jsonl", Corpus.MobyLines(10, 2));
        string before = folder.Read("provenance.yaml");

        var result = CliRunner.Run(folder, "add", "data/synthetic/g2.jsonl", "--origin", "synthetic", "--derived-from", "nosuch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("provenance: error: provenance.yaml was not changed: PROV1014: Shard 'g2' is derived from 'nosuch'", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, folder.Read("provenance.yaml"));
    }

    [Fact]
    public void Add_ToAnEmptyFlowList_UnderTheRelativeSchemaLineTheDocsRecommend_WritesABlockListAndKeepsComments()
    {
        using var folder = new TempFolder();
        folder.Write("data/human/a.jsonl", Corpus.SotuLines(0, 2));
        folder.Write("provenance.yaml",
            "# yaml-language-server: $schema=../docs/schema/provenance.schema.json\n" +
            "provenance: 1\n" +
            "dataset: demo\n" +
            "shards: []  # filled by provenance add\n" +
            "# the end\n");

        var result = CliRunner.Run(folder, "add", "data/human/a.jsonl", "--origin", "human");

        Assert.True(result.ExitCode == 0, result.ToString());
        string text = folder.Read("provenance.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=../docs/schema/provenance.schema.json\nprovenance: 1\ndataset: demo\nshards:  # filled by provenance add\n- id: a\n  path: data/human/a.jsonl\n  origin: human\n", text, StringComparison.Ordinal);
        Assert.EndsWith("# the end\n", text, StringComparison.Ordinal);
        var read = ManifestReader.ReadFile(folder.Manifest);
        Assert.Empty(read.Diagnostics);
        Assert.Equal("a", Assert.Single(read.Manifest!.Shards).Id);
    }

    [Fact]
    public void Add_HumanFraction_AcceptsAPercentage()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        folder.Write("data/mixed.jsonl", Corpus.MobyLines(20, 2));

        var result = CliRunner.Run(folder, "add", "data/mixed.jsonl", "--origin", "mixed", "--human-fraction", "25%");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0.25, ManifestReader.ReadFile(folder.Manifest).Manifest!.Shards[^1].HumanFraction);
    }

    [Fact]
    public void Add_ADuplicateId_Exits2_AndChangesNothing()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        folder.Write("data/other.jsonl", Corpus.SotuLines(30, 1));
        string before = folder.Read("provenance.yaml");

        var result = CliRunner.Run(folder, "add", "data/other.jsonl", "--origin", "human", "--id", "sotu-a");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Shard id 'sotu-a' is already used", result.Error);
        Assert.Equal(before, folder.Read("provenance.yaml"));
    }

    [Fact]
    public void Add_AFileOutsideTheManifestFolder_Exits2()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        using var outside = new TempFolder();
        string file = outside.Write("x.jsonl", "{}\n");

        var result = CliRunner.Run(folder, "add", file, "--origin", "human");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be a shard of provenance.yaml", result.Error);
    }

    [Fact]
    public void Add_ToAnEmptyManifestWithoutComments_ReEmitsIt()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, CliRunner.Run(folder, "init").ExitCode);
        folder.Write("data/a.jsonl", Corpus.SotuLines(0, 1));

        var result = CliRunner.Run(folder, "add", "data/a.jsonl", "--origin", "human", "--id", "first");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("first", Assert.Single(ManifestReader.ReadFile(folder.Manifest).Manifest!.Shards).Id);
    }

    [Fact]
    public void Add_WithoutOrigin_IsAUsageError()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "add", "data/human/sotu-a.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--origin", result.Error);
    }
}
