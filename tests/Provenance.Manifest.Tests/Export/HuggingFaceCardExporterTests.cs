using System.Text.Json.Nodes;
using Provenance.Manifest.Export;

namespace Provenance.Manifest.Tests.Export;

/// <summary>The Hugging Face card export of the sample, read back by js-yaml (not our YAML reader) and checked against the Hub's allowed values.</summary>
public sealed class HuggingFaceCardExporterTests : IClassFixture<SampleExports>
{
    private readonly SampleExports _exports;

    public HuggingFaceCardExporterTests(SampleExports exports) => _exports = exports;

    [Fact]
    public void FrontMatter_ParsesWithJsYaml_AndUsesOnlyTheHubsAllowedCreatorsAndSizeCategories()
    {
        var (exit, output) = InteropTool.Check("front-matter", _exports.File("hf-card"));
        Assert.True(exit == 0, output);
        var card = JsonNode.Parse(output)!;
        var allowed = JsonNode.Parse(File.ReadAllText(InteropTool.Reference("huggingface", "legacy-allowed-values", "creators.json")))!;
        var sizes = JsonNode.Parse(File.ReadAllText(InteropTool.Reference("huggingface", "legacy-allowed-values", "size_categories.json")))!.AsArray().Select(s => (string?)s).ToList();
        var creators = card["language_creators"]!.AsArray().Select(c => (string?)c).ToList();
        Assert.Equal(new[] { "found", "machine-generated" }, creators);
        Assert.All(creators, c => Assert.Contains(allowed["language"]!.AsArray(), a => (string?)a == c));
        Assert.Contains((string?)card["size_categories"]![0], sizes);
        Assert.Equal("n<1K", (string?)card["size_categories"]![0]);
        Assert.Equal(new[] { "cc0-1.0", "pddl" }, card["license"]!.AsArray().Select(l => (string?)l).ToArray());
        Assert.Contains(card["tags"]!.AsArray(), t => (string?)t == "synthetic");
        Assert.Equal(new[] { "original" }, card["source_datasets"]!.AsArray().Select(s => (string?)s).ToArray());
    }

    [Fact]
    public void Configs_ListEveryShardFile_InDefault_AndByOrigin_WithRecordsAsNumExamples()
    {
        var (_, output) = InteropTool.Check("front-matter", _exports.File("hf-card"));
        var card = JsonNode.Parse(output)!;
        var configs = card["configs"]!.AsArray().ToDictionary(c => (string)c!["config_name"]!, c => c!["data_files"]![0]!["path"]!.AsArray().Select(p => (string)p!).ToList());
        Assert.Equal(_exports.Model.Shards.Select(s => s.Location), configs["default"]);
        Assert.Equal(_exports.Model.Shards.Where(s => s.Origin == "human").Select(s => s.Location), configs["human"]);
        Assert.Equal(_exports.Model.Shards.Where(s => s.Origin == "synthetic").Select(s => s.Location), configs["synthetic"]);
        var examples = card["dataset_info"]!.AsArray().ToDictionary(c => (string)c!["config_name"]!, c => (long)c!["splits"]![0]!["num_examples"]!);
        Assert.Equal(988, examples["default"]);
        Assert.Equal(233, examples["human"]);
    }

    [Fact]
    public void Body_HasTheHumanShareTable_AndTheLineage()
    {
        string text = _exports.Text("hf-card");
        Assert.Contains("| human | 8 | 233 | 1,813,843 | 9,420,146 |", text);
        Assert.Contains("Effective human share: **" + Percent(_exports.Result.Mix!.HumanShare) + " of tokens**", text);
        Assert.Contains("| `synth-g2-0001` | synthetic | 2 | `sotu-bigram-g2@", text);
    }

    [Theory]
    [InlineData(999, "n<1K")]
    [InlineData(1000, "1K<n<10K")]
    [InlineData(87595, "10K<n<100K")]
    [InlineData(1_000_000_000_000, "n>1T")]
    public void SizeCategory_FollowsTheHubsBuckets(long records, string expected) =>
        Assert.Equal(expected, HuggingFaceCardExporter.SizeCategory(records));

    [Theory]
    [InlineData("CC0-1.0 AND PDDL-1.0", "cc0-1.0,pddl")]
    [InlineData("MIT", "mit")]
    [InlineData("CC-BY-SA-3.0", "cc-by-sa-3.0")]
    [InlineData("ODbL-1.0", "odbl")]
    public void Licenses_MapToTheHubsIds_AndBack(string spdx, string hub)
    {
        var ids = HuggingFaceLicenses.ToHub(new[] { spdx }, out string? other);
        Assert.Null(other);
        Assert.Equal(hub, string.Join(",", ids));
        Assert.Equal(spdx, HuggingFaceLicenses.ToSpdx(ids, null));
    }

    [Fact]
    public void Licenses_WithoutAHubId_BecomeOther_WithTheExpressionAsName()
    {
        var ids = HuggingFaceLicenses.ToHub(new[] { "MIT OR Apache-2.0" }, out string? other);
        Assert.Equal(new[] { "other" }, ids);
        Assert.Equal("MIT OR Apache-2.0", other);
        Assert.Equal("MIT OR Apache-2.0", HuggingFaceLicenses.ToSpdx(ids, other));
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
