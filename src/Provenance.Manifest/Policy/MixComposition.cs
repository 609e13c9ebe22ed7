using System;
using System.Collections.Generic;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// The human share of a training mix on one measure (BRIEF section 3):
/// effective amount = amount × weight, where a human shard's weight counts at most <c>humanEpochCap</c>;
/// <c>unknown</c> counts as synthetic; <c>mixed</c> counts its <c>humanFraction</c> as human (all synthetic without it);
/// human share = effective human amount / effective total amount, a fraction 0–1 (0 for an empty mix).
/// </summary>
public sealed class MixComposition
{
    private MixComposition(Measure measure, double human, double total, List<Shard> missing)
    {
        Measure = measure;
        HumanAmount = human;
        TotalAmount = total;
        ShardsWithoutAmount = missing;
    }

    /// <summary>The measure (tokens, records or bytes).</summary>
    public Measure Measure { get; }

    /// <summary>Effective human amount, in units of <see cref="Measure"/>.</summary>
    public double HumanAmount { get; }

    /// <summary>Effective total amount, in units of <see cref="Measure"/>.</summary>
    public double TotalAmount { get; }

    /// <summary>Human share, fraction 0–1.</summary>
    public double HumanShare => TotalAmount > 0 ? HumanAmount / TotalAmount : 0;

    /// <summary>Shards that do not declare the measure's amount (not counted).</summary>
    public IReadOnlyList<Shard> ShardsWithoutAmount { get; }

    /// <summary>
    /// Computes the composition of <paramref name="manifest"/> on its policy's measure. Shards in
    /// <paramref name="notHuman"/> (laundered: labelled human, recorded as synthetic in the lineage or lock, see
    /// <see cref="OriginHistory"/>) count as synthetic whatever their label says.
    /// </summary>
    public static MixComposition Compute(ShardManifest manifest, ISet<Shard>? notHuman = null)
    {
        var policy = manifest.Policy;
        double human = 0, total = 0;
        var missing = new List<Shard>();
        foreach (var shard in manifest.Shards)
        {
            if (shard.Amount(policy.Measure) is not { } amount)
            {
                missing.Add(shard);
                continue;
            }

            double humanPart = notHuman?.Contains(shard) == true ? 0 : shard.Origin switch
            {
                ShardOrigin.Human => 1,
                ShardOrigin.Mixed => shard.HumanFraction ?? 0,
                _ => 0,
            };
            double humanWeight = Math.Min(shard.Weight, policy.HumanEpochCap);
            human += amount * humanPart * humanWeight;
            total += amount * (humanPart * humanWeight + (1 - humanPart) * shard.Weight);
        }

        return new MixComposition(policy.Measure, human, total, missing);
    }
}
