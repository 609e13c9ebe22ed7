using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Content;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Export;

/// <summary>
/// The one model every exporter reads (<see cref="IManifestExporter"/>): a checked manifest with what the check computed
/// (each shard's effective generation, the human share on the policy measure) and what the formats share (media types,
/// licences, the generator models). Built from a <see cref="CheckResult"/>, never by parsing another format's output.
/// </summary>
public sealed class ExportModel
{
    private ExportModel(CheckResult result, ShardManifest manifest, DateTimeOffset created)
    {
        Manifest = manifest;
        ManifestFileName = Path.GetFileName(result.ManifestPath);
        Created = created;
        HumanShare = result.Mix?.HumanShare ?? 0;
        HumanFloor = result.HumanFloor;
        Measure = manifest.Policy.Measure;
        Shards = manifest.Shards
            .Select(s => new ExportShard(s, result.Lineage is { } lineage && lineage.Generations.TryGetValue(s, out int g) ? g : s.Generation ?? (s.Origin == ShardOrigin.Human ? 0 : 1)))
            .ToList();
        MaxGeneration = Shards.Count == 0 ? 0 : Shards.Max(s => s.Generation);
        Generators = Shards
            .Where(s => s.Shard.Generator?.Model is not null)
            .GroupBy(s => s.Shard.Generator!.Model!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ExportGenerator(g.Key, g.First().Shard.Generator!, g.ToList()))
            .ToList();
        Licenses = Shards
            .Select(s => s.Shard.Source?.License)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l!.Trim())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The export model of a check's manifest; null when the manifest could not be read. <paramref name="created"/> is the
    /// creation time the formats that require one (SPDX <c>CreationInfo.created</c>) record: pass a fixed time
    /// (<c>SOURCE_DATE_EPOCH</c>, see <see cref="ManifestExporters.ResolveCreated"/>) so that the output is reproducible.
    /// </summary>
    public static ExportModel? From(CheckResult result, DateTimeOffset created) =>
        result.Manifest is null ? null : new ExportModel(result, result.Manifest, created);

    /// <summary>The manifest as read.</summary>
    public ShardManifest Manifest { get; }

    /// <summary>The manifest's file name, e.g. <c>provenance.yaml</c>.</summary>
    public string ManifestFileName { get; }

    /// <summary>The dataset (training mix) name.</summary>
    public string Dataset => Manifest.Dataset;

    /// <summary>When the export was created, to the second, UTC.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Effective human share on <see cref="Measure"/>, fraction 0–1.</summary>
    public double HumanShare { get; }

    /// <summary>The floor the check applied, fraction 0–1.</summary>
    public double HumanFloor { get; }

    /// <summary>The measure of the human share (tokens, records or bytes).</summary>
    public Measure Measure { get; }

    /// <summary>The highest effective generation.</summary>
    public int MaxGeneration { get; }

    /// <summary>The shards in manifest order.</summary>
    public IReadOnlyList<ExportShard> Shards { get; }

    /// <summary>Distinct generator models (by <c>generator.model</c>, ordinal order) with the shards each produced.</summary>
    public IReadOnlyList<ExportGenerator> Generators { get; }

    /// <summary>Distinct SPDX licence expressions of the shards' sources, ordinal order.</summary>
    public IReadOnlyList<string> Licenses { get; }

    /// <summary>True when any shard is not all human (synthetic, mixed or unknown: unknown counts as synthetic).</summary>
    public bool HasSyntheticData => Shards.Any(s => s.Shard.Origin != ShardOrigin.Human);

    /// <summary>The shard with id <paramref name="id"/> in this manifest, or null (an id of a parent or trainedOn manifest).</summary>
    public ExportShard? FindShard(string id) => Shards.FirstOrDefault(s => string.Equals(s.Shard.Id, id, StringComparison.Ordinal));

    /// <summary>Total of <paramref name="amount"/> over the shards matching <paramref name="filter"/>; null when none declares it.</summary>
    public long? Total(Func<Shard, long?> amount, Func<ExportShard, bool>? filter = null)
    {
        var values = Shards.Where(s => filter is null || filter(s)).Select(s => amount(s.Shard)).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : values.Sum();
    }
}

/// <summary>One shard as the exporters see it.</summary>
public sealed class ExportShard
{
    internal ExportShard(Shard shard, int generation)
    {
        Shard = shard;
        Generation = generation;
    }

    /// <summary>The manifest's shard.</summary>
    public Shard Shard { get; }

    /// <summary>Effective generation (human 0; synthetic from the lineage).</summary>
    public int Generation { get; }

    /// <summary>The shard's location as written: <c>path</c> (relative to the manifest's folder, '/' separators) or <c>uri</c>.</summary>
    public string Location => Shard.Path?.Replace('\\', '/') ?? Shard.Uri ?? Shard.Id;

    /// <summary>The 64 lowercase hex digits of the shard's SHA-256, or null when not sealed.</summary>
    public string? Sha256 => Shard.Digest is { } d && d.StartsWith("sha256:", StringComparison.Ordinal) ? d.Substring("sha256:".Length) : null;

    /// <summary>The origin as the manifest writes it: human, synthetic, mixed or unknown.</summary>
    public string Origin => Shard.Origin.ToString().ToLowerInvariant();

    /// <summary>
    /// The IANA media type of the stored bytes: <c>application/jsonl</c>, <c>text/plain</c>, <c>text/csv</c>,
    /// <c>text/tab-separated-values</c>, <c>application/vnd.apache.parquet</c>, <c>application/gzip</c> or
    /// <c>application/zstd</c> for compressed shards, <c>application/octet-stream</c> for other formats.
    /// </summary>
    public string MediaType => Shard.Compression switch
    {
        ShardCompression.Gzip => "application/gzip",
        ShardCompression.Zstd => "application/zstd",
        _ => Shard.Format switch
        {
            ShardFormat.Jsonl => "application/jsonl",
            ShardFormat.Text => "text/plain",
            ShardFormat.Csv => "text/csv",
            ShardFormat.Tsv => "text/tab-separated-values",
            ShardFormat.Parquet => "application/vnd.apache.parquet",
            _ => "application/octet-stream",
        },
    };

    /// <summary>The format and compression as the manifest names them, e.g. <c>jsonl</c> or <c>jsonl+gzip</c>.</summary>
    public string FormatName => ShardFormats.Name(Shard.Format) + (Shard.Compression == ShardCompression.None ? string.Empty : "+" + ShardFormats.Name(Shard.Compression));
}

/// <summary>A generator model and the shards it produced.</summary>
public sealed class ExportGenerator
{
    internal ExportGenerator(string model, GeneratorInfo info, IReadOnlyList<ExportShard> shards)
    {
        Model = model;
        Info = info;
        Shards = shards;
    }

    /// <summary>The model as written, e.g. <c>sotu-bigram-g1@sha256:…</c>.</summary>
    public string Model { get; }

    /// <summary>The model name before <c>@</c>.</summary>
    public string Name => Model.IndexOf('@') is int at and > 0 ? Model.Substring(0, at) : Model;

    /// <summary>The version after <c>@</c> (a tag or a digest), or null.</summary>
    public string? Version => Model.IndexOf('@') is int at and > 0 && at < Model.Length - 1 ? Model.Substring(at + 1) : null;

    /// <summary>The first shard's <c>generator:</c> (trainedOn, decoding).</summary>
    public GeneratorInfo Info { get; }

    /// <summary>The shards it produced, in manifest order.</summary>
    public IReadOnlyList<ExportShard> Shards { get; }
}
