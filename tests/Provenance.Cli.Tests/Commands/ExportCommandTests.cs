using Provenance.Cli.Tests.Helpers;

namespace Provenance.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    internal const string SmallMix = """
        provenance: 1
        dataset: round-trip
        policy:
          humanFloorWarn: 0.1
        shards:
          - id: speeches
            path: data/human/speeches.jsonl
            origin: human
            source: { name: State of the Union addresses, license: MIT }
          - id: bigram-samples
            path: data/synthetic/bigram-samples.jsonl
            origin: synthetic
            generator: { model: "bigram@1", decoding: { temperature: 0.7 } }
            derivedFrom: [speeches]
            source: { name: State of the Union addresses, license: MIT }
          - id: scraped
            path: data/misc/scraped.jsonl
            origin: unknown
            source: { name: State of the Union addresses, license: MIT }
        """;

    /// <summary>A sealed three-shard mix (human, synthetic, unknown) that passes its check.</summary>
    internal static void WriteSmallMix(TempFolder folder)
    {
        folder.Write("data/human/speeches.jsonl", Corpus.SotuLines(0, 6));
        folder.Write("data/synthetic/bigram-samples.jsonl", Corpus.SotuLines(6, 2));
        folder.Write("data/misc/scraped.jsonl", Corpus.SotuLines(8, 1));
        folder.Write("provenance.yaml", SmallMix);
        var seal = CliRunner.Run(folder, "seal");
        Assert.True(seal.ExitCode == 0, seal.ToString());
    }

    [Theory]
    [InlineData("croissant", "\"@type\": \"cr:FileObject\"")]
    [InlineData("spdx3", "\"type\": \"dataset_DatasetPackage\"")]
    [InlineData("cyclonedx", "\"bomFormat\": \"CycloneDX\"")]
    [InlineData("hf-card", "language_creators:")]
    public void Export_WritesTheFormatToAFile_AndAReExportLeavesItUnchanged(string format, string marker)
    {
        using var folder = new TempFolder();
        WriteSmallMix(folder);

        var first = CliRunner.Run(folder, "export", "--format", format, "-o", "out/export.txt");
        var stdout = CliRunner.Run(folder, "export", "provenance.yaml", "--format", format);
        var again = CliRunner.Run(folder, "export", "--format", format, "-o", "out/export.txt");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("out/export.txt: " + format + " export of provenance.yaml written (3 shards).", first.Error);
        Assert.Contains(marker, folder.Read("out/export.txt"));
        Assert.Equal(folder.Read("out/export.txt"), stdout.Out);
        Assert.Contains("unchanged", again.Error);
        Assert.Empty(Directory.GetFiles(folder.File("out"), ".*.tmp"));
    }

    [Fact]
    public void Export_OfAManifestWithErrors_PrintsThemAndWritesNothing_Exit1()
    {
        using var folder = new TempFolder();
        WriteSmallMix(folder);
        folder.Write("data/human/speeches.jsonl", Corpus.SotuLines(0, 5)); // changed after sealing: PROV1011

        var result = CliRunner.Run(folder, "export", "--format", "cyclonedx", "-o", "bom.cdx.json", "--verify", "all");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error PROV1011", result.Error);
        Assert.Contains("nothing exported", result.Error);
        Assert.False(File.Exists(folder.File("bom.cdx.json")));
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Export_WithAnUnknownFormat_OrNoFormat_IsAUsageError_Exit2()
    {
        using var folder = new TempFolder();
        WriteSmallMix(folder);

        var unknown = CliRunner.Run(folder, "export", "--format", "rdf");
        var none = CliRunner.Run(folder, "export");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("croissant", unknown.Error);
        Assert.Equal(2, none.ExitCode);
        unknown.AssertNoStackTrace();
    }

    [Fact]
    public void Export_OfAMissingManifest_Exit2_NoStackTrace()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "export", "nope.yaml", "--format", "croissant", "-o", "x.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PROV1020", result.Error);
        Assert.False(File.Exists(folder.File("x.json")));
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Export_RecordsSourceDateEpochAsTheCreationTime()
    {
        using var folder = new TempFolder();
        WriteSmallMix(folder);
        var variables = folder.Variables();
        variables["SOURCE_DATE_EPOCH"] = "1795132800";

        var result = CliRunner.RunIn(folder.Path, variables, "export", "--format", "spdx3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"created\": \"2026-11-20T00:00:00Z\"", result.Out);
    }
}
