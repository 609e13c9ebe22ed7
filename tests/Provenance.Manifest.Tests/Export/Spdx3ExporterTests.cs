using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Provenance.Manifest.Tests.Export;

/// <summary>The SPDX 3.0.1 export of the sample: valid against the official JSON schema (two validators), and as RDF through the official context.</summary>
public sealed class Spdx3ExporterTests : IClassFixture<SampleExports>
{
    private const string Core = "https://spdx.org/rdf/3.0.1/terms/Core/";
    private const string Extension = "https://spdx.org/rdf/3.0.1/terms/Extension/";
    private readonly SampleExports _exports;

    public Spdx3ExporterTests(SampleExports exports) => _exports = exports;

    private static string Schema => InteropTool.Reference("spdx-3.0.1", "spdx-json-schema.json");

    [Fact]
    public void Export_IsValidAgainstTheOfficial301Schema_ByJsonSchemaNet()
    {
        var errors = JsonSchemaNet.Errors(_exports.Text("spdx3"), Schema);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.Empty(JsonSchemaNet.Errors(File.ReadAllText(InteropTool.Reference("spdx-3.0.1", "dataset-example01.spdx3.json")), Schema));
        Assert.NotEmpty(JsonSchemaNet.Errors(BrokenDatasetType(), Schema));
    }

    [Fact]
    public void Export_IsValidAgainstTheOfficial301Schema_ByAjv()
    {
        var (exit, output) = InteropTool.AjvSpdx(_exports.File("spdx3"));
        Assert.True(exit == 0, output);
        var (brokenExit, brokenOutput) = InteropTool.AjvSpdx(_exports.Write("broken.spdx3.json", BrokenDatasetType()));
        Assert.True(brokenExit != 0, "ajv accepted a dataset_datasetType outside the enum: " + brokenOutput);
    }

    [Fact]
    public void Export_ParsesAsRdfWithTheOfficialContext_WithEveryShardsHashAndOriginAsTriples()
    {
        var (exit, output) = InteropTool.Rdf(_exports.File("spdx3"));
        Assert.True(exit == 0, output);
        var triples = Parse(output);
        Assert.True(triples.Count > 500, $"only {triples.Count} triples");
        foreach (var shard in _exports.Model.Manifest.Shards)
        {
            string subject = "<urn:provenance:sotu-assistant-gen2:shard:" + shard.Id + ">";
            Assert.Contains((subject, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://spdx.org/rdf/3.0.1/terms/Dataset/DatasetPackage>"), triples);
            var hashes = Objects(triples, subject, Core + "verifiedUsing");
            Assert.Contains(hashes, h => Objects(triples, h, Core + "hashValue").Contains($"\"{shard.Digest!.Substring(7)}\"")
                && Objects(triples, h, Core + "algorithm").Contains("<https://spdx.org/rdf/3.0.1/terms/Core/HashAlgorithm/sha256>"));
            var entries = Objects(triples, subject, Core + "extension").SelectMany(e => Objects(triples, e, Extension + "cdxProperty")).ToList();
            Assert.Contains(entries, p => Objects(triples, p, Extension + "cdxPropName").Contains("\"provenance:origin\"")
                && Objects(triples, p, Extension + "cdxPropValue").Contains($"\"{shard.Origin.ToString().ToLowerInvariant()}\""));
        }
    }

    [Fact]
    public void Export_HasLineageRelationshipsOfThe301Vocabulary_AndGeneratorsAsAIPackages()
    {
        var graph = JsonNode.Parse(_exports.Text("spdx3"))!["@graph"]!.AsArray();
        var relationships = graph.Where(e => (string?)e!["type"] == "Relationship").ToList();
        Assert.Equal(new[] { "contains", "descendantOf", "generates", "hasDeclaredLicense", "trainedOn" },
            relationships.Select(r => (string)r!["relationshipType"]!).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray());
        var ai = graph.Where(e => (string?)e!["type"] == "ai_AIPackage").Select(e => (string?)e!["name"]).ToArray();
        Assert.Equal(new[] { "sotu-bigram-g1", "sotu-bigram-g2" }, ai);
        var trainedOn = relationships.Where(r => (string?)r!["relationshipType"] == "trainedOn").Select(r => (string?)r!["to"]![0]).ToArray();
        Assert.Equal(new[] { "urn:provenance:sotu-assistant-gen2:manifest:gen0.provenance.yaml", "urn:provenance:sotu-assistant-gen2:manifest:gen1.provenance.yaml" }, trainedOn);
        var derived = relationships.Single(r => (string?)r!["relationshipType"] == "descendantOf" && (string?)r!["from"] == "urn:provenance:sotu-assistant-gen2:shard:synth-g2-0001")!;
        Assert.Equal(new[] { "urn:provenance:sotu-assistant-gen2:shard:sotu-1790-1836", "urn:provenance:sotu-assistant-gen2:shard:sotu-1837-1860" }, derived["to"]!.AsArray().Select(t => (string?)t).ToArray());
    }

    private string BrokenDatasetType()
    {
        var document = JsonNode.Parse(_exports.Text("spdx3"))!;
        var package = document["@graph"]!.AsArray().First(e => (string?)e!["type"] == "dataset_DatasetPackage")!;
        package["dataset_datasetType"] = new JsonArray("prose");
        return document.ToJsonString();
    }

    private static readonly Regex Quad = new(@"^(\S+) (\S+) (.+) \.$", RegexOptions.CultureInvariant);

    private static List<(string Subject, string Predicate, string Object)> Parse(string nquads) =>
        nquads.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Quad.Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();

    private static List<string> Objects(List<(string Subject, string Predicate, string Object)> triples, string subject, string predicate) =>
        triples.Where(t => t.Subject == subject && t.Predicate == "<" + predicate + ">").Select(t => t.Object).ToList();
}
