using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Export;

/// <summary>
/// A Hugging Face dataset card (<c>README.md</c>): YAML front matter the Hub reads, then a short generated body.
/// Front matter: <c>pretty_name</c>; <c>license</c> (<see cref="HuggingFaceLicenses"/>); <c>language_creators</c>
/// (<c>found</c> for human shards, <c>machine-generated</c> for synthetic ones, both for mixed, <c>other</c> for unknown);
/// <c>source_datasets</c> (<c>extended|owner/name</c> for sources on the Hub, else <c>original</c>);
/// <c>size_categories</c> from the records; <c>tags</c> (<c>synthetic</c> when any shard is not human);
/// <c>configs</c> with <c>data_files</c>: <c>default</c> lists every shard file, and when the mix has several origins one
/// config per origin (<c>human</c>, <c>synthetic</c>, …) lists that origin's files, which is how
/// <c>provenance import hf-card</c> gives each file its origin back; <c>dataset_info</c> with each config's
/// <c>num_examples</c> (records). Body: the description, the human share table and the lineage of the synthetic shards.
/// Paths are relative to the manifest's folder: place the card there.
/// </summary>
public sealed class HuggingFaceCardExporter : IManifestExporter
{
    /// <inheritdoc />
    public string Format => "hf-card";

    /// <inheritdoc />
    public string FileSuffix => ".hf-card.md";

    /// <summary>The card's <c>language_creators</c> value for each origin.</summary>
    public static IReadOnlyList<string> CreatorsOf(ShardOrigin origin) => origin switch
    {
        ShardOrigin.Human => new[] { "found" },
        ShardOrigin.Synthetic => new[] { "machine-generated" },
        ShardOrigin.Mixed => new[] { "found", "machine-generated" },
        _ => new[] { "other" },
    };

    /// <summary>The Hub's <c>size_categories</c> value for a number of records (examples).</summary>
    public static string SizeCategory(long? records)
    {
        if (records is not { } n)
        {
            return "unknown";
        }

        string[] bounds = { "n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T" };
        long limit = 1000;
        foreach (string bound in bounds)
        {
            if (n < limit)
            {
                return bound;
            }

            limit = limit > long.MaxValue / 10 ? long.MaxValue : limit * 10;
        }

        return "n>1T";
    }

    /// <inheritdoc />
    public string Export(ExportModel model)
    {
        var yaml = new StringBuilder();
        yaml.Append("---\n");
        yaml.Append("pretty_name: ").Append(Scalar(model.Dataset)).Append('\n');
        var licenses = HuggingFaceLicenses.ToHub(model.Licenses, out string? otherName);
        if (licenses.Count > 0)
        {
            List(yaml, "license", licenses);
            if (otherName is not null)
            {
                yaml.Append("license_name: ").Append(Scalar(otherName)).Append('\n');
            }
        }

        var origins = model.Shards.Select(s => s.Shard.Origin).Distinct().OrderBy(o => o).ToList();
        List(yaml, "language_creators", origins.SelectMany(CreatorsOf).Distinct().OrderBy(c => c, StringComparer.Ordinal));
        List(yaml, "source_datasets", SourceDatasets(model));
        List(yaml, "size_categories", new[] { SizeCategory(model.Total(s => s.Records)) });
        var tags = new List<string>();
        if (model.HasSyntheticData)
        {
            tags.Add("synthetic");
        }

        tags.Add("provenance");
        List(yaml, "tags", tags);

        var configs = new List<(string Name, List<ExportShard> Shards)> { ("default", model.Shards.ToList()) };
        if (origins.Count > 1)
        {
            configs.AddRange(origins.Select(o => (o.ToString().ToLowerInvariant(), model.Shards.Where(s => s.Shard.Origin == o).ToList())));
        }

        yaml.Append("configs:\n");
        foreach (var (name, shards) in configs)
        {
            yaml.Append("- config_name: ").Append(name).Append('\n');
            yaml.Append("  data_files:\n");
            yaml.Append("  - split: train\n");
            yaml.Append("    path:\n");
            foreach (var shard in shards)
            {
                yaml.Append("    - ").Append(Scalar(shard.Location)).Append('\n');
            }
        }

        var counted = configs.Where(c => c.Shards.All(s => s.Shard.Records.HasValue)).ToList();
        if (counted.Count > 0)
        {
            yaml.Append("dataset_info:\n");
            foreach (var (name, shards) in counted)
            {
                yaml.Append("- config_name: ").Append(name).Append('\n');
                yaml.Append("  splits:\n");
                yaml.Append("  - name: train\n");
                yaml.Append("    num_examples: ").Append(shards.Sum(s => s.Shard.Records!.Value).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        yaml.Append("---\n");
        return yaml + Body(model);
    }

    private static IEnumerable<string> SourceDatasets(ExportModel model)
    {
        var hub = new Regex(@"^(?:hf://datasets/|https?://huggingface\.co/datasets/)([A-Za-z0-9][\w.-]*(?:/[\w.-]+)?)", RegexOptions.CultureInvariant);
        var sources = model.Shards
            .Select(s => s.Shard.Source?.Url is { } url && hub.Match(url) is { Success: true } m ? "extended|" + m.Groups[1].Value : null)
            .Where(s => s is not null)
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        return sources.Count > 0 ? sources : new List<string> { "original" };
    }

    private static string Body(ExportModel model)
    {
        var md = new StringBuilder();
        md.Append("\n# ").Append(model.Dataset).Append("\n\n");
        md.Append(ExportText.Description(model)).Append("\n\n");
        md.Append("This card was generated by `provenance export --format hf-card` from `").Append(model.ManifestFileName)
          .Append("`, the Provenance manifest that records every shard's origin, digest and lineage. The manifest is the source of truth; regenerate the card rather than editing it.\n\n");

        md.Append("## Human share\n\n");
        md.Append("| origin | shards | records | tokens | bytes |\n|---|---:|---:|---:|---:|\n");
        foreach (var group in model.Shards.GroupBy(s => s.Shard.Origin).OrderBy(g => g.Key))
        {
            md.Append("| ").Append(group.Key.ToString().ToLowerInvariant()).Append(" | ").Append(group.Count()).Append(" | ")
              .Append(Amount(model.Total(s => s.Records, s => s.Shard.Origin == group.Key))).Append(" | ")
              .Append(Amount(model.Total(s => s.Tokens, s => s.Shard.Origin == group.Key))).Append(" | ")
              .Append(Amount(model.Total(s => s.Bytes, s => s.Shard.Origin == group.Key))).Append(" |\n");
        }

        md.Append("| **all** | ").Append(model.Shards.Count).Append(" | ").Append(Amount(model.Total(s => s.Records))).Append(" | ")
          .Append(Amount(model.Total(s => s.Tokens))).Append(" | ").Append(Amount(model.Total(s => s.Bytes))).Append(" |\n\n");
        md.Append("Effective human share: **").Append(ExportText.Percent(model.HumanShare)).Append(" of ").Append(ExportText.MeasureName(model.Measure))
          .Append("** (sampling weights applied; floor ").Append(ExportText.Percent(model.HumanFloor)).Append("). Max generation: ").Append(model.MaxGeneration).Append(".\n\n");

        var lineage = model.Shards.Where(s => s.Shard.Origin != ShardOrigin.Human).ToList();
        md.Append("## Lineage\n\n");
        if (model.Manifest.Parent is { } parent)
        {
            md.Append("Previous generation: `").Append(parent).Append("` (every human shard of it is kept: accumulate, never replace).\n\n");
        }

        if (lineage.Count == 0)
        {
            md.Append("Every shard is human-written (generation 0).\n");
            return md.ToString();
        }

        md.Append("| shard | origin | generation | generator | trained on | derived from | verification |\n|---|---|---:|---|---|---|---|\n");
        foreach (var shard in lineage)
        {
            var s = shard.Shard;
            md.Append("| `").Append(s.Id).Append("` | ").Append(shard.Origin).Append(" | ").Append(shard.Generation).Append(" | ")
              .Append(Cell(s.Generator?.Model)).Append(" | ").Append(Cell(s.Generator?.TrainedOn)).Append(" | ")
              .Append(s.DerivedFrom.Count == 0 ? "-" : string.Join(", ", s.DerivedFrom.Select(d => "`" + d + "`"))).Append(" | ")
              .Append(s.Verification is { } v ? ExportText.MethodName(v.Method) + (v.Accepted is { } a && v.Rejected is { } r ? $" ({a} accepted, {r} rejected)" : string.Empty) : "-")
              .Append(" |\n");
        }

        return md.ToString();
    }

    private static string Amount(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string Cell(string? text) => string.IsNullOrWhiteSpace(text) ? "-" : "`" + text!.Replace("|", "\\|").Replace("`", "'") + "`";

    private static void List(StringBuilder yaml, string key, IEnumerable<string> values)
    {
        yaml.Append(key).Append(":\n");
        foreach (string value in values)
        {
            yaml.Append("- ").Append(Scalar(value)).Append('\n');
        }
    }

    /// <summary>A YAML scalar: plain when that is unambiguous, else a double-quoted (JSON) string.</summary>
    private static string Scalar(string value) =>
        Regex.IsMatch(value, @"^[A-Za-z_][A-Za-z0-9_./-]*$") && !IsYamlKeyword(value) ? value : JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static bool IsYamlKeyword(string value) =>
        new[] { "true", "false", "yes", "no", "on", "off", "null", "y", "n" }.Contains(value.ToLowerInvariant());
}
