using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// <c>provenance audit --overlap</c>: exact record overlap within the mix, by record fingerprint (<see cref="RecordOverlap"/>),
/// from the fingerprints the check read (sidecars in the fingerprint cache, or the data). Counts are records, counted with
/// their repeats; shares are fractions 0–1 of the first group's (or shard's) records. Records with empty text are left
/// out. Shards whose fingerprints are not at hand (git-lfs pointers, <c>uri:</c> shards, <c>--verify none</c> without
/// sidecars) are listed as not compared.
/// </summary>
public sealed class OverlapReport
{
    private OverlapReport(IReadOnlyList<OverlapRow> shards, IReadOnlyList<OverlapGroupPair> origins, IReadOnlyList<OverlapGroupPair> generations, IReadOnlyList<OverlapShardPair> pairs, IReadOnlyList<string> notCompared)
    {
        Shards = shards;
        Origins = origins;
        Generations = generations;
        Pairs = pairs;
        NotCompared = notCompared;
    }

    /// <summary>Per compared shard: its records, its exact duplicates within itself, and its records also found in other shards of the mix.</summary>
    public IReadOnlyList<OverlapRow> Shards { get; }

    /// <summary>Records of one origin found in shards of another origin (or of the same origin, other shards), every pair that shares any.</summary>
    public IReadOnlyList<OverlapGroupPair> Origins { get; }

    /// <summary>As <see cref="Origins"/>, by effective generation (0 for human data).</summary>
    public IReadOnlyList<OverlapGroupPair> Generations { get; }

    /// <summary>Shard pairs that share records, most shared first (directed: From's records found in To).</summary>
    public IReadOnlyList<OverlapShardPair> Pairs { get; }

    /// <summary>Ids of shards whose fingerprints were not at hand.</summary>
    public IReadOnlyList<string> NotCompared { get; }

    /// <summary>Records duplicated exactly within one shard, over all compared shards.</summary>
    public long RepeatsWithin => Shards.Sum(s => s.Repeats);

    /// <summary>The overlap of the mix checked in <paramref name="result"/>; null when the manifest could not be read.</summary>
    public static OverlapReport? From(CheckResult result)
    {
        if (result.Manifest is not { } manifest || result.Records is not { } records)
        {
            return null;
        }

        var compared = new List<OverlapShard>();
        var notCompared = new List<string>();
        foreach (var shard in manifest.Shards)
        {
            if (records.Of(shard) is { } fingerprints)
            {
                compared.Add(new OverlapShard(shard, manifest.FilePath, shard.Origin == ShardOrigin.Human ? 0 : shard.Generation ?? 1, fingerprints));
            }
            else
            {
                notCompared.Add(shard.Id);
            }
        }

        var overlap = RecordOverlap.Compute(compared);
        var origins = compared.Select(s => OriginName(s.Shard.Origin)).ToArray();
        var generations = compared.Select(s => "generation " + s.Generation).ToArray();
        var shared = Shared(compared, origins, generations, out var byOrigin, out var byGeneration);
        var rows = compared.Select((s, i) => new OverlapRow(s.Shard.Id, origins[i], s.Generation, Counted(s), overlap.Repeats[i], shared[i])).ToList();

        var pairs = overlap.Pairs
            .Select(p => new OverlapShardPair(compared[p.From].Shard.Id, compared[p.To].Shard.Id, p.Records, Share(p.Records, Counted(compared[p.From]))))
            .OrderByDescending(p => p.Records).ThenBy(p => p.From, StringComparer.Ordinal).ThenBy(p => p.To, StringComparer.Ordinal).ToList();

        return new OverlapReport(rows, GroupPairs(compared, origins, byOrigin), GroupPairs(compared, generations, byGeneration), pairs, notCompared);
    }

    /// <summary>
    /// One pass over every record: per shard, how many of its records (with repeats) some other shard (another digest)
    /// also holds; and, per pair of groups (A, B), how many records of A's shards are in another shard of group B, by
    /// origin and by generation.
    /// </summary>
    private static long[] Shared(IReadOnlyList<OverlapShard> shards, string[] origins, string[] generations,
        out Dictionary<(string, string), long> byOrigin, out Dictionary<(string, string), long> byGeneration)
    {
        var holders = new Dictionary<Content.RecordFingerprint, List<int>>();
        for (int i = 0; i < shards.Count; i++)
        {
            foreach (var f in shards[i].Fingerprints.Distinct())
            {
                if (RecordOverlap.IsEmptyText(f))
                {
                    continue;
                }

                if (!holders.TryGetValue(f, out var list))
                {
                    holders[f] = list = new List<int>(1);
                }

                list.Add(i);
            }
        }

        var shared = new long[shards.Count];
        byOrigin = new Dictionary<(string, string), long>();
        byGeneration = new Dictionary<(string, string), long>();
        var originsSeen = new HashSet<string>(StringComparer.Ordinal);
        var generationsSeen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < shards.Count; i++)
        {
            string digest = Identity(shards[i]);
            foreach (var f in shards[i].Fingerprints)
            {
                if (!holders.TryGetValue(f, out var list) || list.Count < 2)
                {
                    continue;
                }

                originsSeen.Clear();
                generationsSeen.Clear();
                foreach (int t in list)
                {
                    if (!string.Equals(Identity(shards[t]), digest, StringComparison.Ordinal))
                    {
                        originsSeen.Add(origins[t]);
                        generationsSeen.Add(generations[t]);
                    }
                }

                if (originsSeen.Count > 0)
                {
                    shared[i]++;
                }

                Add(byOrigin, origins[i], originsSeen);
                Add(byGeneration, generations[i], generationsSeen);
            }
        }

        return shared;
    }

    private static void Add(Dictionary<(string, string), long> counts, string from, HashSet<string> to)
    {
        foreach (string group in to)
        {
            counts[(from, group)] = (counts.TryGetValue((from, group), out long n) ? n : 0) + 1;
        }
    }

    /// <summary>The group pairs that share records, in name order, each with its share of the first group's records.</summary>
    private static List<OverlapGroupPair> GroupPairs(IReadOnlyList<OverlapShard> shards, string[] groups, Dictionary<(string, string), long> counts)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < shards.Count; i++)
        {
            totals[groups[i]] = (totals.TryGetValue(groups[i], out long n) ? n : 0) + Counted(shards[i]);
        }

        return counts.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
            .Select(c => new OverlapGroupPair(c.Key.Item1, c.Key.Item2, c.Value, Share(c.Value, totals[c.Key.Item1]))).ToList();
    }

    private static string Identity(OverlapShard shard) => shard.Shard.Digest ?? shard.Shard.Id;

    private static long Counted(OverlapShard shard) => shard.Fingerprints.LongCount(f => !RecordOverlap.IsEmptyText(f));

    private static double Share(long part, long whole) => whole > 0 ? (double)part / whole : 0;

    private static string OriginName(ShardOrigin origin) => origin.ToString().ToLowerInvariant();
}

/// <summary>One shard in <see cref="OverlapReport.Shards"/>.</summary>
/// <param name="Id">The shard id.</param>
/// <param name="Origin"><c>human</c>, <c>synthetic</c>, <c>mixed</c> or <c>unknown</c>.</param>
/// <param name="Generation">Effective generation (0 for human data).</param>
/// <param name="Records">Records with non-empty text.</param>
/// <param name="Repeats">Records that repeat an earlier record of the same shard exactly.</param>
/// <param name="SharedWithOthers">Records whose text is also in another shard of the mix.</param>
public sealed record OverlapRow(string Id, string Origin, int Generation, long Records, long Repeats, long SharedWithOthers);

/// <summary>Records of group <paramref name="From"/> found in other shards of group <paramref name="To"/>.</summary>
/// <param name="From">An origin (<c>human</c>) or a generation (<c>generation 1</c>).</param>
/// <param name="To">Likewise.</param>
/// <param name="Records">Records of <paramref name="From"/>'s shards, counted with their repeats.</param>
/// <param name="Share">Fraction 0–1 of <paramref name="From"/>'s records.</param>
public sealed record OverlapGroupPair(string From, string To, long Records, double Share);

/// <summary>Records of shard <paramref name="From"/> also in shard <paramref name="To"/>.</summary>
/// <param name="From">Shard id.</param>
/// <param name="To">Shard id.</param>
/// <param name="Records">Records of <paramref name="From"/>, counted with their repeats.</param>
/// <param name="Share">Fraction 0–1 of <paramref name="From"/>'s records.</param>
public sealed record OverlapShardPair(string From, string To, long Records, double Share);
