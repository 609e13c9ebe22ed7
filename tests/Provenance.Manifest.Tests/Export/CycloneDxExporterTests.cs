using System.Text.Json.Nodes;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Tests.Export;

/// <summary>The CycloneDX 1.6 export of the sample, checked by three validators that are not ours and by its content.</summary>
public sealed class CycloneDxExporterTests : IClassFixture<SampleExports>
{
    private readonly SampleExports _exports;

    public CycloneDxExporterTests(SampleExports exports) => _exports = exports;

    private static string[] Schemas => new[]
    {
        InteropTool.Reference("cyclonedx-1.6", "bom-1.6.schema.json"),
        InteropTool.Reference("cyclonedx-1.6", "spdx.schema.json"),
        InteropTool.Reference("cyclonedx-1.6", "jsf-0.82.schema.json"),
    };

    [Fact]
    public void Export_IsValidAgainstBom16Schema_ByJsonSchemaNet()
    {
        var errors = JsonSchemaNet.Errors(_exports.Text("cyclonedx"), Schemas);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void JsonSchemaNet_RejectsTheOfficialInvalidExample_AndADataTypeOutsideTheEnum()
    {
        Assert.NotEmpty(JsonSchemaNet.Errors(File.ReadAllText(InteropTool.Reference("cyclonedx-1.6", "invalid-service-data-1.6.json")), Schemas));
        Assert.NotEmpty(JsonSchemaNet.Errors(BrokenDataType(), Schemas));
    }

    [Fact]
    public void Export_IsValidAgainstBom16Schema_ByAjv()
    {
        var (exit, output) = InteropTool.AjvCycloneDx(_exports.File("cyclonedx"));
        Assert.True(exit == 0, output);
        var (brokenExit, brokenOutput) = InteropTool.AjvCycloneDx(_exports.Write("broken.cdx.json", BrokenDataType()));
        Assert.True(brokenExit != 0, "ajv accepted a data[].type outside the enum: " + brokenOutput);
    }

    [Fact]
    public void Export_IsValid_ByTheCycloneDxLibraryStrictJsonValidator()
    {
        var (exit, output) = InteropTool.Check("cyclonedx-library", _exports.File("cyclonedx"));
        Assert.True(exit == 0, output);
        var (brokenExit, brokenOutput) = InteropTool.Check("cyclonedx-library", _exports.Write("broken-lib.cdx.json", BrokenDataType()));
        Assert.True(brokenExit != 0, "the CycloneDX library accepted a data[].type outside the enum: " + brokenOutput);
    }

    [Fact]
    public void Export_HasADataComponentPerShard_WithSha256_Contents_Classification_Governance_AndPedigree()
    {
        var bom = JsonNode.Parse(_exports.Text("cyclonedx"))!;
        Assert.Equal("1.6", (string?)bom["specVersion"]);
        var components = bom["components"]!.AsArray();
        foreach (var shard in _exports.Model.Manifest.Shards)
        {
            var component = components.Single(c => (string?)c!["bom-ref"] == "shard:" + shard.Id)!;
            Assert.Equal("data", (string?)component["type"]);
            Assert.Equal("SHA-256", (string?)component["hashes"]![0]!["alg"]);
            Assert.Equal(shard.Digest!.Substring("sha256:".Length), (string?)component["hashes"]![0]!["content"]);
            var data = component["data"]![0]!;
            Assert.Equal(shard.Path, (string?)data["contents"]!["url"]);
            Assert.Equal(shard.Origin.ToString().ToLowerInvariant(), (string?)data["classification"]);
            Assert.Contains(component["properties"]!.AsArray(), p => (string?)p!["name"] == "provenance:origin" && (string?)p["value"] == shard.Origin.ToString().ToLowerInvariant());
            if (shard.Origin == ShardOrigin.Human)
            {
                Assert.Equal(shard.Source!.Name, (string?)data["governance"]!["owners"]![0]!["organization"]!["name"]);
                Assert.Equal(shard.Source.License, (string?)component["licenses"]![0]!["expression"]);
            }

            var ancestors = component["pedigree"]?["ancestors"]?.AsArray().Select(a => (string?)a!["name"]).ToList() ?? new List<string?>();
            Assert.Equal(shard.DerivedFrom, ancestors.Select(a => a!).ToList());
        }
    }

    [Fact]
    public void Export_HasEachGeneratorAsAMachineLearningModel_WhoseModelCardNamesWhatItWasTrainedOn()
    {
        var bom = JsonNode.Parse(_exports.Text("cyclonedx"))!;
        var models = bom["components"]!.AsArray().Where(c => (string?)c!["type"] == "machine-learning-model").ToList();
        Assert.Equal(new[] { "sotu-bigram-g1", "sotu-bigram-g2" }, models.Select(m => (string?)m!["name"]).ToArray());
        Assert.Equal(new[] { "gen0.provenance.yaml", "gen1.provenance.yaml" }, models.Select(m => (string?)m!["modelCard"]!["modelParameters"]!["datasets"]![0]!["name"]).ToArray());
        var dependencies = bom["dependencies"]!.AsArray();
        var g2 = dependencies.Single(d => (string?)d!["ref"] == "shard:synth-g2-0001")!;
        Assert.Equal("model:" + _exports.Model.Manifest.Shards.Single(s => s.Id == "synth-g2-0001").Generator!.Model, (string?)g2["dependsOn"]![0]);
    }

    private string BrokenDataType()
    {
        var bom = JsonNode.Parse(_exports.Text("cyclonedx"))!;
        bom["components"]![0]!["data"]![0]!["type"] = "training-data";
        return bom.ToJsonString();
    }
}
