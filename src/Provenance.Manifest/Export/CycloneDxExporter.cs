using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Export;

/// <summary>
/// CycloneDX 1.6 JSON (an ML-BOM), valid against <c>bom-1.6.schema.json</c>. The manifest is the BOM's subject
/// (<c>metadata.component</c>, type <c>data</c>); every shard is a component of type <c>data</c> with its SHA-256 in
/// <c>hashes</c>, its licence as an SPDX expression, and one <c>data[]</c> entry (type <c>dataset</c>) whose
/// <c>contents.url</c> is the shard's path or URI, whose <c>classification</c> is its origin (human, synthetic, mixed,
/// unknown) and whose <c>governance</c> names its source as owner. <c>pedigree.ancestors</c> lists the derivedFrom
/// shards. Each generator model is a <c>machine-learning-model</c> component whose <c>modelCard</c> names the manifest
/// it was trained on (<c>modelParameters.datasets</c>) and its decoding. <c>dependencies</c>: the mix depends on its
/// shards, a synthetic shard on the model that generated it. Origin, generation and human share are also
/// <c>properties</c> named <c>provenance:&lt;term&gt;</c>. No serial number and no random parts: the same manifest gives
/// the same BOM.
/// </summary>
public sealed class CycloneDxExporter : IManifestExporter
{
    /// <inheritdoc />
    public string Format => "cyclonedx";

    /// <inheritdoc />
    public string FileSuffix => ".cdx.json";

    private const string MixRef = "dataset";

    /// <inheritdoc />
    public string Export(ExportModel model)
    {
        string version = typeof(CycloneDxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        var mix = new JsonObject
        {
            ["type"] = "data",
            ["bom-ref"] = MixRef,
            ["name"] = model.Dataset,
            ["description"] = ExportText.Description(model),
        };
        Licenses(mix, model.Licenses.Count == 0 ? null : string.Join(" AND ", model.Licenses.Select(l => model.Licenses.Count > 1 && l.Contains(' ') ? "(" + l + ")" : l)));
        mix["data"] = new JsonArray(new JsonObject
        {
            ["type"] = "dataset",
            ["name"] = model.Dataset,
            ["classification"] = model.HasSyntheticData ? "mixed" : "human",
            ["description"] = ExportText.CollectionProcess(model),
        });
        mix["properties"] = Properties(ExportText.MixTerms(model));

        var components = new JsonArray();
        foreach (var shard in model.Shards)
        {
            components.Add(ShardComponent(model, shard));
        }

        foreach (var generator in model.Generators)
        {
            components.Add(ModelComponent(generator));
        }

        var dependencies = new JsonArray(new JsonObject
        {
            ["ref"] = MixRef,
            ["dependsOn"] = ExportJson.Strings(model.Shards.Select(s => ShardRef(s.Shard.Id)).ToArray()),
        });
        foreach (var shard in model.Shards)
        {
            var dependsOn = shard.Shard.Generator?.Model is { } generatorModel ? new[] { ModelRef(generatorModel) } : new string[0];
            dependencies.Add(new JsonObject { ["ref"] = ShardRef(shard.Shard.Id), ["dependsOn"] = ExportJson.Strings(dependsOn) });
        }

        foreach (var generator in model.Generators)
        {
            dependencies.Add(new JsonObject { ["ref"] = ModelRef(generator.Model), ["dependsOn"] = new JsonArray() });
        }

        var bom = new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = ExportJson.Timestamp(model.Created),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = "provenance", ["version"] = version }),
                },
                ["component"] = mix,
            },
            ["components"] = components,
            ["dependencies"] = dependencies,
        };
        return ExportJson.Write(bom);
    }

    private static JsonObject ShardComponent(ExportModel model, ExportShard shard)
    {
        var s = shard.Shard;
        var component = new JsonObject
        {
            ["type"] = "data",
            ["bom-ref"] = ShardRef(s.Id),
            ["mime-type"] = shard.MediaType,
            ["name"] = s.Id,
        };
        Hashes(component, shard.Sha256);
        Licenses(component, s.Source?.License);
        var data = new JsonObject
        {
            ["type"] = "dataset",
            ["name"] = s.Id,
            ["contents"] = new JsonObject { ["url"] = shard.Location },
            ["classification"] = shard.Origin,
            ["description"] = ExportText.ShardCollection(shard),
        };
        if (s.Source?.Name is { } sourceName)
        {
            var organization = new JsonObject { ["name"] = sourceName };
            if (s.Source.Url is { } url)
            {
                organization["url"] = ExportJson.Strings(url);
            }

            data["governance"] = new JsonObject { ["owners"] = new JsonArray(new JsonObject { ["organization"] = organization }) };
        }

        component["data"] = new JsonArray(data);
        if (s.DerivedFrom.Count > 0)
        {
            var ancestors = new JsonArray();
            foreach (string id in s.DerivedFrom)
            {
                var ancestor = new JsonObject { ["type"] = "data", ["name"] = id };
                Hashes(ancestor, model.FindShard(id)?.Sha256);
                ancestors.Add(ancestor);
            }

            component["pedigree"] = new JsonObject { ["ancestors"] = ancestors };
        }

        component["properties"] = Properties(ExportText.ShardTerms(shard));
        return component;
    }

    private static JsonObject ModelComponent(ExportGenerator generator)
    {
        var component = new JsonObject
        {
            ["type"] = "machine-learning-model",
            ["bom-ref"] = ModelRef(generator.Model),
            ["name"] = generator.Name,
        };
        if (generator.Version is { } version)
        {
            component["version"] = version;
        }

        var card = new JsonObject();
        if (generator.Info.TrainedOn is { } trainedOn)
        {
            card["modelParameters"] = new JsonObject
            {
                ["datasets"] = new JsonArray(new JsonObject
                {
                    ["type"] = "dataset",
                    ["name"] = trainedOn,
                    ["contents"] = new JsonObject { ["url"] = trainedOn },
                    ["description"] = "The Provenance manifest of the training mix this model was trained on.",
                }),
            };
        }

        var properties = generator.Info.Decoding.Select(kv => (ProvenanceTerms.Decoding + "." + kv.Key, (string?)kv.Value)).ToList();
        properties.Add((ProvenanceTerms.TrainedOn, generator.Info.TrainedOn));
        var list = Properties(properties);
        if (list.Count > 0)
        {
            card["properties"] = list;
        }

        component["modelCard"] = card;
        return component;
    }

    private static void Hashes(JsonObject component, string? sha256)
    {
        if (sha256 is not null)
        {
            component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-256", ["content"] = sha256 });
        }
    }

    private static void Licenses(JsonObject component, string? expression)
    {
        if (!string.IsNullOrWhiteSpace(expression))
        {
            component["licenses"] = new JsonArray(new JsonObject { ["expression"] = expression!.Trim() });
        }
    }

    private static JsonArray Properties(IEnumerable<(string Term, string? Value)> entries)
    {
        var list = new JsonArray();
        foreach (var (term, value) in entries.Where(e => e.Value is not null))
        {
            list.Add(new JsonObject { ["name"] = ProvenanceTerms.Name(term), ["value"] = value });
        }

        return list;
    }

    private static string ShardRef(string id) => "shard:" + id;

    private static string ModelRef(string model) => "model:" + model;
}
