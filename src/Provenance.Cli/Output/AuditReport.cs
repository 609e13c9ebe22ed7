using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;

namespace Provenance.Cli.Output;

/// <summary>
/// The facts of an audit, taken from a <see cref="CheckResult"/>: the mix (human share on the policy measure), totals per
/// origin and per generation, one row per shard and the lineage (parent, trainedOn manifests, derivedFrom edges).
/// Effective amounts come from the engine's <see cref="MixComposition"/> (amount × weight, human weight capped at
/// <c>humanEpochCap</c>); the CLI adds no policy of its own.
/// </summary>
internal sealed class AuditReport
{
    private AuditReport(CheckResult result, ShardManifest manifest, MixComposition mix, LineageResult lineage, CliEnvironment environment)
    {
        Result = result;
        Manifest = manifest;
        Mix = mix;
        ManifestShown = environment.DisplayPath(result.ManifestPath);
        MeasureName = mix.Measure.ToString().ToLowerInvariant();
        var rows = new List<ShardRow>();
        foreach (var shard in manifest.Shards)
        {
            var single = new ShardManifest { Policy = manifest.Policy, FilePath = manifest.FilePath };
            single.Shards.Add(shard);
            var part = MixComposition.Compute(single);
            rows.Add(new ShardRow(
                shard,
                lineage.Generations.TryGetValue(shard, out int generation) ? generation : 0,
                shard.Amount(mix.Measure),
                part.ShardsWithoutAmount.Count == 0 ? part.TotalAmount : null,
                part.HumanAmount));
        }

        Shards = rows;
        double total = mix.TotalAmount;
        Origins = rows.GroupBy(r => r.Shard.Origin)
            .OrderBy(g => g.Key)
            .Select(g => new Group(g.Key.ToString().ToLowerInvariant(), g.Count(), Sum(g.Select(r => r.Amount)), g.Sum(r => r.Effective ?? 0), g.Sum(r => r.EffectiveHuman), total))
            .ToList();
        Generations = rows.GroupBy(r => r.Generation)
            .OrderBy(g => g.Key)
            .Select(g => new Group(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Count(), Sum(g.Select(r => r.Amount)), g.Sum(r => r.Effective ?? 0), g.Sum(r => r.EffectiveHuman), total))
            .ToList();
        TrainedOn = manifest.Shards
            .Where(s => s.Generator?.TrainedOn is not null)
            .GroupBy(s => s.Generator!.TrainedOn!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrainedOnManifest(g.Key, g.Select(s => s.Id).ToList(), g.Select(s => s.Generator!.Model).Where(m => m is not null).Distinct(StringComparer.Ordinal).ToList()!))
            .ToList();
        DerivedFrom = manifest.Shards.SelectMany(s => s.DerivedFrom.Select(from => (Shard: s.Id, From: from))).ToList();
    }

    public CheckResult Result { get; }

    public ShardManifest Manifest { get; }

    public MixComposition Mix { get; }

    /// <summary>The manifest path as shown (relative to the current folder when under it).</summary>
    public string ManifestShown { get; }

    /// <summary>tokens, records or bytes.</summary>
    public string MeasureName { get; }

    public IReadOnlyList<ShardRow> Shards { get; }

    /// <summary>Totals per origin (human, synthetic, mixed, unknown), in that order.</summary>
    public IReadOnlyList<Group> Origins { get; }

    /// <summary>Totals per effective generation, ascending.</summary>
    public IReadOnlyList<Group> Generations { get; }

    /// <summary>The manifests the generators were trained on, as written, with the shards that name them.</summary>
    public IReadOnlyList<TrainedOnManifest> TrainedOn { get; }

    /// <summary>derivedFrom edges: (shard, the shard it was derived from).</summary>
    public IReadOnlyList<(string Shard, string From)> DerivedFrom { get; }

    public int Errors => Result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public int Warnings => Result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);

    public int Infos => Result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);

    /// <summary>The report, or null when the manifest could not be read.</summary>
    public static AuditReport? From(CheckResult result, CliEnvironment environment) =>
        result.Manifest is { } manifest && result.Mix is { } mix && result.Lineage is { } lineage
            ? new AuditReport(result, manifest, mix, lineage, environment)
            : null;

    /// <summary>A shard's source name, or its generator model, or '-'.</summary>
    public static string SourceOrGenerator(Shard shard) =>
        shard.Source?.Name ?? (shard.Generator?.Model is { } model ? "generator " + model : shard.Uri ?? "-");

    private static long? Sum(IEnumerable<long?> amounts)
    {
        long sum = 0;
        foreach (var amount in amounts)
        {
            if (amount is null)
            {
                return null;
            }

            sum += amount.Value;
        }

        return sum;
    }

    /// <summary>One shard: its effective generation, amount on the measure (null when undeclared) and effective amounts.</summary>
    internal sealed record ShardRow(Shard Shard, int Generation, long? Amount, double? Effective, double EffectiveHuman);

    /// <summary>Totals of a group of shards; <see cref="Share"/> is its effective amount over the mix's effective total (0–1).</summary>
    internal sealed record Group(string Name, int Shards, long? Amount, double Effective, double EffectiveHuman, double MixTotal)
    {
        public double Share => MixTotal > 0 ? Effective / MixTotal : 0;
    }

    /// <summary>A <c>generator.trainedOn</c> manifest, the shards whose generator names it and the models.</summary>
    internal sealed record TrainedOnManifest(string Reference, IReadOnlyList<string> Shards, IReadOnlyList<string> Models);
}
