using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Content;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>One shard as the overlap sees it: where it is listed, its origin and generation, and its sorted record fingerprints.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Manifest">The full path of the manifest that lists it.</param>
/// <param name="Generation">Its effective generation (0 for human data).</param>
/// <param name="Fingerprints">Its records' fingerprints, sorted (<see cref="ShardFingerprints"/>).</param>
public sealed record OverlapShard(Shard Shard, string Manifest, int Generation, RecordFingerprint[] Fingerprints);

/// <summary>Records of <see cref="From"/> that are also in <see cref="To"/>.</summary>
/// <param name="From">Index into <see cref="RecordOverlap.Shards"/>.</param>
/// <param name="To">Index into <see cref="RecordOverlap.Shards"/>.</param>
/// <param name="Records">How many of <paramref name="From"/>'s records (counted with their repeats) have a fingerprint <paramref name="To"/> also holds.</param>
public sealed record ShardPairOverlap(int From, int To, long Records);

/// <summary>
/// Exact record overlap between shards, by record fingerprint (<see cref="RecordFingerprint"/>): which records of a shard
/// are also in another (counts, directed: from's records found in to), and each shard's repeated records. Records with
/// empty text are left out (an empty line is in every corpus). The basis of synthetic leakage (PROV2015) and of
/// <c>provenance audit --overlap</c>. Memory: one entry per distinct record.
/// </summary>
public sealed class RecordOverlap
{
    private static readonly RecordFingerprint Empty = RecordFingerprint.Of(ReadOnlySpan<byte>.Empty);

    /// <summary>Whether <paramref name="fingerprint"/> is that of an empty record text, which the overlap leaves out.</summary>
    public static bool IsEmptyText(RecordFingerprint fingerprint) => fingerprint.Equals(Empty);

    private RecordOverlap(IReadOnlyList<OverlapShard> shards, List<ShardPairOverlap> pairs, long[] repeats)
    {
        Shards = shards;
        Pairs = pairs;
        Repeats = repeats;
    }

    /// <summary>The shards compared, in the order given.</summary>
    public IReadOnlyList<OverlapShard> Shards { get; }

    /// <summary>Every ordered pair of distinct shards that share records, by <see cref="ShardPairOverlap.From"/> then <see cref="ShardPairOverlap.To"/>.</summary>
    public IReadOnlyList<ShardPairOverlap> Pairs { get; }

    /// <summary>Per shard: records that repeat an earlier record of the same shard (exact duplicates within it).</summary>
    public IReadOnlyList<long> Repeats { get; }

    /// <summary>Computes the overlap of <paramref name="shards"/>; shards with the same digest are compared once (the first).</summary>
    public static RecordOverlap Compute(IReadOnlyList<OverlapShard> shards)
    {
        var owners = new Dictionary<RecordFingerprint, List<(int Shard, int Count)>>();
        var repeats = new long[shards.Count];
        var seenDigests = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < shards.Count; i++)
        {
            if (shards[i].Shard.Digest is { } digest && !seenDigests.Add(digest))
            {
                continue;
            }

            var fingerprints = shards[i].Fingerprints;
            for (int k = 0; k < fingerprints.Length;)
            {
                var f = fingerprints[k];
                int run = 1;
                while (k + run < fingerprints.Length && fingerprints[k + run].Equals(f))
                {
                    run++;
                }

                k += run;
                if (f.Equals(Empty))
                {
                    continue;
                }

                repeats[i] += run - 1;
                if (!owners.TryGetValue(f, out var list))
                {
                    owners[f] = list = new List<(int, int)>(1);
                }

                list.Add((i, run));
            }
        }

        var pairs = new Dictionary<(int, int), long>();
        foreach (var list in owners.Values)
        {
            if (list.Count < 2)
            {
                continue;
            }

            foreach (var (from, count) in list)
            {
                foreach (var (to, _) in list)
                {
                    if (from != to)
                    {
                        pairs[(from, to)] = (pairs.TryGetValue((from, to), out long n) ? n : 0) + count;
                    }
                }
            }
        }

        var ordered = pairs.Select(p => new ShardPairOverlap(p.Key.Item1, p.Key.Item2, p.Value)).OrderBy(p => p.From).ThenBy(p => p.To).ToList();
        return new RecordOverlap(shards, ordered, repeats);
    }
}
