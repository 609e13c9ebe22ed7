using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Tests.Export;

/// <summary>The Croissant 1.1 export of the sample: valid JSON-LD, the FileObject properties mlcroissant requires, the shape of the official examples.</summary>
public sealed class CroissantExporterTests : IClassFixture<SampleExports>
{
    private readonly SampleExports _exports;

    public CroissantExporterTests(SampleExports exports) => _exports = exports;

    [Fact]
    public void Export_ParsesAsJsonLd_InSafeMode_AndEveryFileObjectHasNameContentUrlEncodingFormatAndSha256AsSchemaOrgTriples()
    {
        var (exit, output) = InteropTool.Check("rdf", _exports.File("croissant"));
        Assert.True(exit == 0, output);
        foreach (var shard in _exports.Model.Manifest.Shards)
        {
            string subject = "<file:///dataset/" + shard.Id + ">";
            Assert.Contains($"{subject} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://mlcommons.org/croissant/FileObject> .", output);
            Assert.Contains($"{subject} <https://schema.org/sha256> \"{shard.Digest!.Substring(7)}\"@en .", output);
            Assert.Contains($"{subject} <https://schema.org/contentUrl> \"{shard.Path}\"@en .", output);
            Assert.Contains($"{subject} <https://schema.org/name> \"{shard.Id}\"@en .", output);
            Assert.Matches(new Regex(Regex.Escape(subject) + " <https://schema.org/encodingFormat> \"[a-z]+/[a-z.+-]+\"@en \\."), output);
        }
    }

    [Fact]
    public void JsonLdCheck_FailsOnATermTheContextDoesNotDefine()
    {
        var document = JsonNode.Parse(_exports.Text("croissant"))!;
        document["undefinedTerm"] = "x";
        ((JsonObject)document["@context"]!).Remove("@vocab");
        var (exit, _) = InteropTool.Check("rdf", _exports.Write("broken.croissant.json", document.ToJsonString()));
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void EveryFileObject_PassesTheMlcroissantFileObjectRules()
    {
        // mlcroissant FileObject.__post_init__: @id and encodingFormat mandatory; without containedIn, contentUrl and md5 or sha256.
        var distribution = JsonNode.Parse(_exports.Text("croissant"))!["distribution"]!.AsArray();
        Assert.Equal(_exports.Model.Shards.Count, distribution.Count);
        foreach (var file in distribution.Select(f => f!.AsObject()))
        {
            Assert.Equal("cr:FileObject", (string?)file["@type"]);
            foreach (string key in new[] { "@id", "name", "contentUrl", "encodingFormat", "sha256", "contentSize" })
            {
                Assert.True(file.ContainsKey(key), $"{file["@id"]} has no {key}");
            }

            Assert.Matches("^[0-9a-f]{64}$", (string)file["sha256"]!);
        }
    }

    [Fact]
    public void Export_HasTheShapeOfTheOfficialCroissant11Examples()
    {
        var ours = JsonNode.Parse(_exports.Text("croissant"))!.AsObject();
        var official = JsonNode.Parse(File.ReadAllText(InteropTool.Reference("croissant-1.1", "1.1-image_test.metadata.json")))!.AsObject();
        var rai = JsonNode.Parse(File.ReadAllText(InteropTool.Reference("croissant-1.1", "1.0-dices-350.metadata.json")))!.AsObject();
        foreach (var (term, definition) in official["@context"]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(definition, ours["@context"]![term]), $"@context '{term}' differs from the official 1.1 example");
        }

        Assert.Equal((string?)rai["@context"]!["rai"], (string?)ours["@context"]!["rai"]);
        Assert.Equal((string?)official["@type"], (string?)ours["@type"]);
        Assert.Equal((string?)official["conformsTo"], (string?)ours["conformsTo"]);
        var officialFile = official["distribution"]!.AsArray().First(d => (string?)d!["@type"] == "cr:FileObject")!.AsObject();
        var ourFile = ours["distribution"]![0]!.AsObject();
        Assert.All(officialFile.Select(p => p.Key), key => Assert.True(ourFile.ContainsKey(key), $"FileObject lacks '{key}' that the official example has"));
    }

    [Fact]
    public void Export_CarriesRai_AndPerShardLineageInProvO_AndTheProvenanceTerms()
    {
        var root = JsonNode.Parse(_exports.Text("croissant"))!;
        Assert.True((bool)root["rai:hasSyntheticData"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)root["rai:dataCollectionType"]));
        Assert.Equal(Math.Round(_exports.Result.Mix!.HumanShare, 6), (double)root["provenance:humanShare"]!);
        Assert.Equal("https://github.com/provenance-dev/provenance/blob/main/docs/interop.md#", (string?)root["@context"]!["provenance"]);
        var files = root["distribution"]!.AsArray().ToDictionary(f => (string)f!["@id"]!, f => f!);
        foreach (var shard in _exports.Model.Shards)
        {
            var file = files[shard.Shard.Id];
            Assert.Equal(shard.Origin, (string?)file["provenance:origin"]);
            Assert.Equal(shard.Generation, (int)file["provenance:generation"]!);
            if (shard.Shard.Origin == ShardOrigin.Synthetic)
            {
                Assert.Equal(shard.Shard.DerivedFrom, file["prov:wasDerivedFrom"]!.AsArray().Select(d => (string)d!["@id"]!));
                var activity = file["prov:wasGeneratedBy"]!;
                Assert.Equal("prov:Activity", (string?)activity["@type"]);
                Assert.Contains(shard.Shard.Generator!.Model!, (string)activity["prov:label"]!);
                Assert.Equal(shard.Shard.Generator.TrainedOn, (string?)activity["provenance:trainedOn"]);
                Assert.Contains("temperature=1.0", (string)activity["provenance:decoding"]!);
                Assert.Equal(shard.Shard.Generator.Model, (string?)file["prov:wasAttributedTo"]!["prov:label"]);
            }
            else
            {
                Assert.Equal(shard.Shard.Source!.Name, (string?)file["prov:wasAttributedTo"]!["prov:label"]);
            }
        }

        Assert.Equal(2, files["synth-g2-0001"]["provenance:generation"]!.GetValue<int>());
    }
}
