using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Export;

/// <summary>
/// SPDX 3.0.1 JSON-LD (Core, Software, Dataset, AI, SimpleLicensing and Extension profiles), valid against the official
/// 3.0.1 JSON schema: a <c>dataset_DatasetPackage</c> for the manifest and one per shard (<c>dataset_datasetType</c>,
/// <c>dataset_datasetSize</c> in bytes, <c>dataset_dataCollectionProcess</c> saying the origin, a <c>Hash</c> with
/// <c>sha256</c>), each generator model as an <c>ai_AIPackage</c> (decoding as <c>ai_hyperparameter</c>), and the lineage
/// as 3.0.1 relationships: <c>contains</c> (manifest → shards), <c>generates</c> (model → shards), <c>trainedOn</c>
/// (model → the manifest it was trained on), <c>descendantOf</c> (shard → derivedFrom shards; manifest → parent), and
/// <c>hasDeclaredLicense</c>. Origin, generation and human share also appear as <c>extension_CdxPropertiesExtension</c>
/// entries named <c>provenance:&lt;term&gt;</c>, the typed extension point the 3.0.1 schema allows (it admits no other
/// properties). Element ids are deterministic <c>urn:provenance:</c> IRIs built from the dataset name and shard ids.
/// </summary>
public sealed class Spdx3Exporter : IManifestExporter
{
    /// <inheritdoc />
    public string Format => "spdx3";

    /// <inheritdoc />
    public string FileSuffix => ".spdx3.json";

    private const string CreationInfo = "_:creationinfo";

    /// <inheritdoc />
    public string Export(ExportModel model)
    {
        var ids = new Ids(model.Dataset);
        var graph = new JsonArray();
        graph.Add(new JsonObject
        {
            ["type"] = "CreationInfo",
            ["@id"] = CreationInfo,
            ["specVersion"] = "3.0.1",
            ["createdBy"] = ExportJson.Strings(Ids.Tool),
            ["created"] = ExportJson.Timestamp(model.Created),
        });
        graph.Add(new JsonObject
        {
            ["type"] = "SoftwareAgent",
            ["spdxId"] = Ids.Tool,
            ["creationInfo"] = CreationInfo,
            ["name"] = "Provenance (provenance export)",
        });
        graph.Add(new JsonObject
        {
            ["type"] = "SpdxDocument",
            ["spdxId"] = ids.Document,
            ["creationInfo"] = CreationInfo,
            ["name"] = model.Dataset + " (" + model.ManifestFileName + ")",
            ["profileConformance"] = ExportJson.Strings("core", "software", "dataset", "ai", "simpleLicensing", "extension"),
            ["rootElement"] = ExportJson.Strings(ids.Manifest),
        });

        var mix = Package(ids.Manifest, model.Dataset, ExportText.Description(model), DatasetTypes(model.Shards.Select(s => s.Shard.Format)));
        mix.Set("dataset_datasetSize", model.Total(s => s.Bytes));
        mix["dataset_dataCollectionProcess"] = ExportText.CollectionProcess(model);
        mix["extension"] = Properties(ExportText.MixTerms(model));
        graph.Add(mix);

        foreach (var shard in model.Shards)
        {
            graph.Add(ShardPackage(ids, shard));
        }

        var referencedManifests = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var generator in model.Generators)
        {
            var package = new JsonObject
            {
                ["type"] = "ai_AIPackage",
                ["spdxId"] = ids.Model(generator.Model),
                ["creationInfo"] = CreationInfo,
                ["name"] = generator.Name,
            };
            package.Set("software_packageVersion", generator.Version);
            package["software_primaryPurpose"] = "model";
            if (generator.Info.Decoding.Count > 0)
            {
                package["ai_hyperparameter"] = new JsonArray(generator.Info.Decoding.Select(kv => (JsonNode)new JsonObject
                {
                    ["type"] = "DictionaryEntry",
                    ["key"] = kv.Key,
                    ["value"] = kv.Value,
                }).ToArray());
            }

            if (generator.Info.TrainedOn is { } trainedOn)
            {
                package["ai_informationAboutTraining"] = "Trained on the training mix of " + trainedOn + ".";
                referencedManifests.Add(trainedOn);
            }

            graph.Add(package);
        }

        if (model.Manifest.Parent is { } parent)
        {
            referencedManifests.Add(parent);
        }

        foreach (string manifest in referencedManifests)
        {
            graph.Add(Package(ids.OtherManifest(manifest), manifest, "The training mix of " + manifest + " (another Provenance manifest).", new[] { "noAssertion" }));
        }

        foreach (string license in model.Licenses)
        {
            graph.Add(new JsonObject
            {
                ["type"] = "simplelicensing_LicenseExpression",
                ["spdxId"] = ids.License(license),
                ["creationInfo"] = CreationInfo,
                ["simplelicensing_licenseExpression"] = license,
            });
        }

        var relationships = new Relationships(ids);
        relationships.Add(ids.Manifest, "contains", model.Shards.Select(s => ids.Shard(s.Shard.Id)));
        if (model.Manifest.Parent is { } parentPath)
        {
            relationships.Add(ids.Manifest, "descendantOf", new[] { ids.OtherManifest(parentPath) });
        }

        foreach (var shard in model.Shards)
        {
            relationships.Add(ids.Shard(shard.Shard.Id), "descendantOf", shard.Shard.DerivedFrom.Select(ids.Shard));
            if (shard.Shard.Source?.License is { } license && !string.IsNullOrWhiteSpace(license))
            {
                relationships.Add(ids.Shard(shard.Shard.Id), "hasDeclaredLicense", new[] { ids.License(license.Trim()) });
            }
        }

        foreach (var generator in model.Generators)
        {
            relationships.Add(ids.Model(generator.Model), "generates", generator.Shards.Select(s => ids.Shard(s.Shard.Id)));
            if (generator.Info.TrainedOn is { } trainedOn)
            {
                relationships.Add(ids.Model(generator.Model), "trainedOn", new[] { ids.OtherManifest(trainedOn) });
            }
        }

        foreach (var relationship in relationships.All)
        {
            graph.Add(relationship);
        }

        return ExportJson.Write(new JsonObject
        {
            ["@context"] = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
            ["@graph"] = graph,
        });
    }

    private static JsonObject ShardPackage(Ids ids, ExportShard shard)
    {
        var s = shard.Shard;
        var package = Package(ids.Shard(s.Id), s.Id, null, DatasetTypes(new[] { s.Format }));
        package["software_downloadLocation"] = shard.Location;
        if (shard.Sha256 is { } sha256)
        {
            package["verifiedUsing"] = new JsonArray(new JsonObject
            {
                ["type"] = "Hash",
                ["algorithm"] = "sha256",
                ["hashValue"] = sha256,
            });
        }

        package.Set("dataset_datasetSize", s.Bytes);
        package["dataset_dataCollectionProcess"] = ExportText.ShardCollection(shard);
        var terms = ExportText.ShardTerms(shard);
        terms.Add((ProvenanceTerms.Decoding, ExportText.Decoding(s.Generator)));
        terms.Add((ProvenanceTerms.TrainedOn, s.Generator?.TrainedOn));
        package["extension"] = Properties(terms);
        return package;
    }

    private static JsonObject Package(string id, string name, string? description, IEnumerable<string> datasetTypes)
    {
        var package = new JsonObject
        {
            ["type"] = "dataset_DatasetPackage",
            ["spdxId"] = id,
            ["creationInfo"] = CreationInfo,
            ["name"] = name,
        };
        package.Set("description", description);
        package["software_primaryPurpose"] = "data";
        package["dataset_datasetType"] = ExportJson.Strings(datasetTypes.ToArray());
        return package;
    }

    /// <summary>The 3.0.1 <c>dataset_DatasetType</c> values of shard formats: text for JSON Lines and text, structured (and text) for tables.</summary>
    private static IEnumerable<string> DatasetTypes(IEnumerable<ShardFormat> formats)
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var format in formats)
        {
            switch (format)
            {
                case ShardFormat.Jsonl:
                case ShardFormat.Text:
                    types.Add("text");
                    break;
                case ShardFormat.Csv:
                case ShardFormat.Tsv:
                case ShardFormat.Parquet:
                    types.Add("structured");
                    types.Add("text");
                    break;
                default:
                    types.Add("other");
                    break;
            }
        }

        return types.Count == 0 ? new[] { "noAssertion" } : types;
    }

    private static JsonArray Properties(IEnumerable<(string Term, string? Value)> entries)
    {
        var list = new JsonArray();
        foreach (var (term, value) in entries)
        {
            if (value is null)
            {
                continue;
            }

            list.Add(new JsonObject
            {
                ["type"] = "extension_CdxPropertyEntry",
                ["extension_cdxPropName"] = ProvenanceTerms.Name(term),
                ["extension_cdxPropValue"] = value,
            });
        }

        return new JsonArray(new JsonObject { ["type"] = "extension_CdxPropertiesExtension", ["extension_cdxProperty"] = list });
    }

    /// <summary>Deterministic element ids: <c>urn:provenance:&lt;dataset&gt;:&lt;kind&gt;:&lt;name&gt;</c>, parts percent-encoded.</summary>
    private sealed class Ids
    {
        public const string Tool = "urn:provenance:tool:provenance";

        private readonly string _base;

        public Ids(string dataset) => _base = "urn:provenance:" + Escape(dataset.Length == 0 ? "dataset" : dataset) + ":";

        public string Document => _base + "document";

        public string Manifest => _base + "dataset";

        public string Shard(string id) => _base + "shard:" + Escape(id);

        public string Model(string model) => _base + "model:" + Escape(model);

        public string OtherManifest(string path) => _base + "manifest:" + Escape(path);

        public string License(string expression) => _base + "license:" + Escape(expression);

        public string Relationship(int n) => _base + "relationship:" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Escape(string text) => Uri.EscapeDataString(text);
    }

    private sealed class Relationships
    {
        private readonly Ids _ids;

        public Relationships(Ids ids) => _ids = ids;

        public List<JsonObject> All { get; } = new();

        public void Add(string from, string type, IEnumerable<string> to)
        {
            var targets = to.ToArray();
            if (targets.Length == 0)
            {
                return;
            }

            All.Add(new JsonObject
            {
                ["type"] = "Relationship",
                ["spdxId"] = _ids.Relationship(All.Count + 1),
                ["creationInfo"] = CreationInfo,
                ["from"] = from,
                ["relationshipType"] = type,
                ["to"] = ExportJson.Strings(targets),
            });
        }
    }
}
