using System.Linq;
using System.Text.Json.Nodes;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Export;

/// <summary>
/// Croissant 1.1 JSON-LD with the Responsible AI (RAI) vocabulary (MLCommons, <c>conformsTo http://mlcommons.org/croissant/1.1</c>).
/// The dataset is an <c>sc:Dataset</c>; every shard is a <c>cr:FileObject</c> with the properties mlcroissant requires
/// (<c>@id</c>, <c>name</c>, <c>contentUrl</c>, <c>encodingFormat</c>, <c>sha256</c>) and <c>contentSize</c>.
/// Lineage uses PROV-O as the Croissant 1.1 specification recommends: <c>prov:wasDerivedFrom</c> (derivedFrom),
/// <c>prov:wasGeneratedBy</c> (a <c>prov:Activity</c> naming the generator model, its decoding and its trainedOn
/// manifest) and <c>prov:wasAttributedTo</c> (the generator model, or a human shard's source). Dataset-level RAI:
/// <c>rai:hasSyntheticData</c>, <c>rai:dataCollectionType</c>, <c>rai:dataCollection</c>. What neither vocabulary has
/// (origin, generation, human share, verification) uses the <see cref="ProvenanceTerms"/> namespace.
/// </summary>
public sealed class CroissantExporter : IManifestExporter
{
    /// <inheritdoc />
    public string Format => "croissant";

    /// <inheritdoc />
    public string FileSuffix => ".croissant.json";

    /// <inheritdoc />
    public string Export(ExportModel model)
    {
        var root = new JsonObject
        {
            ["@context"] = Context(),
            ["@type"] = "sc:Dataset",
            ["name"] = model.Dataset,
            ["description"] = ExportText.Description(model),
            ["conformsTo"] = "http://mlcommons.org/croissant/1.1",
        };
        if (model.Licenses.Count == 1)
        {
            root["license"] = model.Licenses[0];
        }
        else if (model.Licenses.Count > 1)
        {
            root["license"] = ExportJson.Strings(model.Licenses.ToArray());
        }

        root["rai:hasSyntheticData"] = model.HasSyntheticData;
        root["rai:dataCollectionType"] = "Others";
        root["rai:dataCollection"] = ExportText.CollectionProcess(model);
        root["provenance:humanShare"] = ExportJson.Fraction(model.HumanShare);
        root["provenance:measure"] = ExportText.MeasureName(model.Measure);
        root["provenance:humanFloor"] = ExportJson.Fraction(model.HumanFloor);
        root["provenance:maxGeneration"] = model.MaxGeneration;
        root.Set("provenance:parent", model.Manifest.Parent);

        var distribution = new JsonArray();
        foreach (var shard in model.Shards)
        {
            distribution.Add(FileObject(model, shard));
        }

        root["distribution"] = distribution;
        return ExportJson.Write(root);
    }

    private static JsonObject FileObject(ExportModel model, ExportShard shard)
    {
        var s = shard.Shard;
        var file = new JsonObject
        {
            ["@type"] = "cr:FileObject",
            ["@id"] = s.Id,
            ["name"] = s.Id,
            ["contentUrl"] = shard.Location,
        };
        if (s.Bytes is { } bytes)
        {
            file["contentSize"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B";
        }

        file["encodingFormat"] = shard.MediaType;
        file.Set("sha256", shard.Sha256);
        file.Set("license", s.Source?.License);
        file["provenance:origin"] = shard.Origin;
        file["provenance:generation"] = shard.Generation;
        if (s.HumanFraction is { } fraction)
        {
            file["provenance:humanFraction"] = ExportJson.Fraction(fraction);
        }

        file.Set("provenance:records", s.Records);
        file.Set("provenance:tokens", s.Tokens);
        if (s.Weight != 1)
        {
            file["provenance:weight"] = (decimal)s.Weight;
        }

        if (s.DerivedFrom.Count > 0)
        {
            file["prov:wasDerivedFrom"] = new JsonArray(s.DerivedFrom.Select(id => (JsonNode)new JsonObject { ["@id"] = id }).ToArray());
        }

        if (s.Generator is { } generator)
        {
            var activity = new JsonObject
            {
                ["@type"] = "prov:Activity",
                ["prov:label"] = "Sampling from " + (generator.Model ?? "an undeclared model"),
            };
            activity.Set("provenance:decoding", ExportText.Decoding(generator));
            activity.Set("provenance:trainedOn", generator.TrainedOn);
            file["prov:wasGeneratedBy"] = activity;
        }

        var agent = Agent(s);
        file.Set("prov:wasAttributedTo", agent);
        if (s.Verification is { } v)
        {
            file["provenance:verificationMethod"] = ExportText.MethodName(v.Method);
            file.Set("provenance:verifier", v.Verifier);
            file.Set("provenance:accepted", v.Accepted);
            file.Set("provenance:rejected", v.Rejected);
        }

        return file;
    }

    private static JsonObject? Agent(Shard s)
    {
        if (s.Generator?.Model is { } generatorModel)
        {
            return new JsonObject { ["@type"] = "prov:SoftwareAgent", ["prov:label"] = generatorModel };
        }

        if (s.Source?.Name is { } name)
        {
            var agent = new JsonObject { ["@type"] = "prov:Agent", ["prov:label"] = name };
            return agent.Set("url", s.Source.Url);
        }

        return null;
    }

    /// <summary>The Croissant 1.1 context as the official examples write it, plus PROV-O and the Provenance namespace.</summary>
    private static JsonObject Context() => new()
    {
        ["@language"] = "en",
        ["@vocab"] = "https://schema.org/",
        ["citeAs"] = "cr:citeAs",
        ["column"] = "cr:column",
        ["conformsTo"] = "dct:conformsTo",
        ["containedIn"] = "cr:containedIn",
        ["cr"] = "http://mlcommons.org/croissant/",
        ["rai"] = "http://mlcommons.org/croissant/RAI/",
        ["data"] = new JsonObject { ["@id"] = "cr:data", ["@type"] = "@json" },
        ["dataType"] = new JsonObject { ["@id"] = "cr:dataType", ["@type"] = "@vocab" },
        ["dct"] = "http://purl.org/dc/terms/",
        ["examples"] = new JsonObject { ["@id"] = "cr:examples", ["@type"] = "@json" },
        ["extract"] = "cr:extract",
        ["field"] = "cr:field",
        ["fileProperty"] = "cr:fileProperty",
        ["fileObject"] = "cr:fileObject",
        ["fileSet"] = "cr:fileSet",
        ["format"] = "cr:format",
        ["includes"] = "cr:includes",
        ["isLiveDataset"] = "cr:isLiveDataset",
        ["jsonPath"] = "cr:jsonPath",
        ["key"] = "cr:key",
        ["md5"] = "cr:md5",
        ["parentField"] = "cr:parentField",
        ["path"] = "cr:path",
        ["recordSet"] = "cr:recordSet",
        ["references"] = "cr:references",
        ["regex"] = "cr:regex",
        ["repeated"] = "cr:repeated",
        ["replace"] = "cr:replace",
        ["samplingRate"] = "cr:samplingRate",
        ["sc"] = "https://schema.org/",
        ["separator"] = "cr:separator",
        ["source"] = "cr:source",
        ["subField"] = "cr:subField",
        ["transform"] = "cr:transform",
        ["prov"] = "http://www.w3.org/ns/prov#",
        [ProvenanceTerms.Prefix] = ProvenanceTerms.Namespace,
    };
}
