using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2015: a human shard that shares records (by record fingerprint, <see cref="RecordOverlap"/>) with synthetic shards of
/// the mix or its lineage, more than <c>policy.maxLeakedRecords</c> (default 0): model output inside a human file, which a
/// digest cannot see. Reported at the human shard's <c>id</c>, naming the count and the synthetic shards. Shards whose
/// fingerprints are not at hand (no sidecar, no data: git-lfs pointers, <c>uri:</c>) are not compared. Laundered shards
/// (PROV2011) are reported there, not here. Source: Shumailov et al., Nature 631, 2024.
/// </summary>
public sealed class LeakageRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        if (context.Records is not { } records || context.Loader is not { } loader)
        {
            return;
        }

        var manifest = context.Manifest;
        var laundered = new HashSet<Shard>(context.Laundered.Select(l => l.Shard));
        var lineage = LineageWalk.Manifests(manifest, loader).ToList();
        var attested = AttestedHuman(lineage, context.Lock);
        var human = manifest.Shards.Where(s => s.Origin == ShardOrigin.Human && !laundered.Contains(s) && context.IsValid(s)
            && !(s.Digest is { } d && attested.Contains(d))).ToList();
        if (human.Count == 0)
        {
            return;
        }

        var shards = new List<OverlapShard>();
        foreach (var m in lineage)
        {
            foreach (var shard in m.Shards.Where(s => s.Origin == ShardOrigin.Synthetic))
            {
                if (records.Of(shard, m.Directory) is { } f)
                {
                    shards.Add(new OverlapShard(shard, m.FilePath, shard.Generation ?? 1, f));
                }
            }
        }

        if (shards.Count == 0)
        {
            return;
        }

        int synthetic = shards.Count;
        foreach (var shard in human)
        {
            if (records.Of(shard) is { } f)
            {
                shards.Add(new OverlapShard(shard, manifest.FilePath, 0, f));
            }
        }

        var syntheticRecords = new HashSet<Content.RecordFingerprint>(shards.Take(synthetic).SelectMany(s => s.Fingerprints));
        var overlap = RecordOverlap.Compute(shards);
        foreach (var group in overlap.Pairs.Where(p => p.From >= synthetic && p.To < synthetic).GroupBy(p => p.From))
        {
            var from = overlap.Shards[group.Key];
            long leaked = from.Fingerprints.LongCount(f => syntheticRecords.Contains(f) && !RecordOverlap.IsEmptyText(f));
            if (leaked <= manifest.Policy.MaxLeakedRecords)
            {
                continue;
            }

            string with = string.Join(", ", group.OrderByDescending(p => p.Records).Take(5).Select(p =>
            {
                var to = overlap.Shards[p.To];
                string where = to.Manifest == manifest.FilePath ? string.Empty : " in " + OriginHistory.Display(to.Manifest, manifest.Directory);
                return $"{p.Records:N0} with '{to.Shard.Id}'{where}";
            }));
            context.Report(DiagnosticRegistry.SyntheticLeakage, from.Shard.ValueSpan("id"),
                $"Human shard '{from.Shard.Id}' holds {leaked:N0} of its {from.Fingerprints.Length:N0} records also found in synthetic shards ({with}); policy.maxLeakedRecords is {manifest.Policy.MaxLeakedRecords:N0}. Remove the synthetic records from the human file, or split them into a synthetic shard.");
        }
    }

    /// <summary>
    /// Digests already attested human before this mix: a human shard of an earlier manifest of the lineage (its
    /// <c>parent:</c> chain, <c>trainedOn</c> manifests) or a protected shard of the lock. Records such bytes share with
    /// synthetic shards were in the human file first, so a generator reproduced them (memorisation, reported by
    /// <c>audit --overlap</c>); they did not leak into it. Leakage is judged where human bytes are new.
    /// </summary>
    private static HashSet<string> AttestedHuman(IReadOnlyList<ShardManifest> lineage, Locking.LockFile? lockFile)
    {
        var attested = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var m in lineage.Skip(1))
        {
            foreach (var shard in m.Shards)
            {
                if (shard.Origin == ShardOrigin.Human && shard.Digest is { } digest)
                {
                    attested.Add(digest);
                }
            }
        }

        foreach (var locked in lockFile?.Protected ?? new List<Locking.LockedShard>())
        {
            attested.Add(locked.Digest);
        }

        return attested;
    }
}
