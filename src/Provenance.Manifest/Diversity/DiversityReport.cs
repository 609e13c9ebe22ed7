using System.Collections.Generic;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// The diversity of one body of text in a <see cref="DiversityReport"/>: the data of one generation, or the whole mix.
/// distinct-n are measured at the report's common sample size (<see cref="DiversityReport.SampleTokens"/>).
/// </summary>
public sealed class DiversityRow
{
    internal DiversityRow(string label, int generation, IReadOnlyList<string> shardIds, bool upstream, TextCounts counts, double distinct1, double distinct2, double entropy, double tailSurvival)
    {
        Label = label;
        Generation = generation;
        ShardIds = shardIds;
        Upstream = upstream;
        Tokens = counts.Tokens;
        Types = counts.Unigrams.Count;
        Distinct1 = distinct1;
        Distinct2 = distinct2;
        Entropy = entropy;
        TailSurvival = tailSurvival;
    }

    /// <summary>The generation number as text, or <c>mix</c> for the manifest's whole training mix.</summary>
    public string Label { get; }

    /// <summary>The generation (for the mix: the manifest's highest generation).</summary>
    public int Generation { get; }

    /// <summary>The ids of the shards read for this row.</summary>
    public IReadOnlyList<string> ShardIds { get; }

    /// <summary>True when no shard of this generation is in the manifest: its data was found through <c>generator.trainedOn</c> or <c>parent</c>.</summary>
    public bool Upstream { get; }

    /// <summary>Word tokens (for the mix: weighted by each shard's <c>weight</c>).</summary>
    public double Tokens { get; }

    /// <summary>Distinct word types.</summary>
    public int Types { get; }

    /// <summary>distinct-1 at the report's sample size, fraction 0–1.</summary>
    public double Distinct1 { get; }

    /// <summary>distinct-2 at the report's sample size, fraction 0–1.</summary>
    public double Distinct2 { get; }

    /// <summary>Unigram entropy, bits.</summary>
    public double Entropy { get; }

    /// <summary>Share of generation 0's tail types (count ≤ 2) present, fraction 0–1 (1 for generation 0 itself).</summary>
    public double TailSurvival { get; }

    /// <summary>The value of <paramref name="metric"/>.</summary>
    public double Value(DiversityMetric metric) => metric == DiversityMetric.TailSurvival ? TailSurvival : Distinct2;
}

/// <summary>A shard the audit could not read as text, and why.</summary>
public sealed class SkippedShard
{
    internal SkippedShard(string id, string reason)
    {
        Id = id;
        Reason = reason;
    }

    /// <summary>The shard id.</summary>
    public string Id { get; }

    /// <summary>Why it was skipped, e.g. <c>format parquet is not read</c>.</summary>
    public string Reason { get; }
}

/// <summary>The outcome of <see cref="DiversityAudit"/>: one row per generation, one for the mix, and what was skipped.</summary>
public sealed class DiversityReport
{
    internal DiversityReport(string manifestPath, IReadOnlyList<DiversityRow> generations, DiversityRow? mix, double sampleTokens, double sampleBigrams, IReadOnlyList<SkippedShard> skipped, int shardsCounted, int shardsCached)
    {
        ManifestPath = manifestPath;
        Generations = generations;
        Mix = mix;
        SampleTokens = sampleTokens;
        SampleBigrams = sampleBigrams;
        Skipped = skipped;
        ShardsCounted = shardsCounted;
        ShardsCached = shardsCached;
    }

    /// <summary>Full path of the audited manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>One row per generation found in the manifest and its lineage, in generation order.</summary>
    public IReadOnlyList<DiversityRow> Generations { get; }

    /// <summary>Generation 0 (the human data), or null when the lineage holds no readable generation-0 shard.</summary>
    public DiversityRow? Reference => Generations.Count > 0 && Generations[0].Generation == 0 ? Generations[0] : null;

    /// <summary>The manifest's whole mix (each shard counted with its weight), or null when it has no readable text shard.</summary>
    public DiversityRow? Mix { get; }

    /// <summary>The common sample size distinct-1 is measured at: generation 0's tokens (the mix's without generation 0).</summary>
    public double SampleTokens { get; }

    /// <summary>The common sample size distinct-2 is measured at: generation 0's bigrams (the mix's without generation 0).</summary>
    public double SampleBigrams { get; }

    /// <summary>Shards not read (remote, non-text format, unsafe path, missing or unreadable file).</summary>
    public IReadOnlyList<SkippedShard> Skipped { get; }

    /// <summary>Shard files read and counted in this run.</summary>
    public int ShardsCounted { get; }

    /// <summary>Shards whose counts came from the cache.</summary>
    public int ShardsCached { get; }

    /// <summary>The relative drop of <paramref name="metric"/> from generation 0 to the mix, or null without both.</summary>
    public double? Drop(DiversityMetric metric) =>
        Reference is { } reference && Mix is { } mix ? DiversityMetrics.RelativeDrop(reference.Value(metric), mix.Value(metric)) : null;
}
