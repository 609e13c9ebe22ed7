using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Locking;

/// <summary>
/// Computes the lock a manifest should have: the existing protected shards (never dropped), every human shard with a
/// digest that is new, and approved removals moved from protected to removed. Ids follow renames; first-admitted
/// dates never change.
/// </summary>
public static class LockUpdater
{
    /// <summary>The updated lock for <paramref name="manifest"/>, and the human shards that were not yet locked.</summary>
    public static LockFile Update(ShardManifest manifest, LockFile? existing, out IReadOnlyList<Shard> newlyAdmitted, out IReadOnlyList<RemovedShard> newlyRemoved)
    {
        string today = LockFile.Today();
        var result = new LockFile { FilePath = existing?.FilePath ?? LockFile.PathFor(manifest.FilePath), Manifest = Path.GetFileName(manifest.FilePath) };
        var byDigest = new Dictionary<string, LockedShard>(StringComparer.Ordinal);
        foreach (var locked in existing?.Protected ?? new List<LockedShard>())
        {
            var copy = new LockedShard { Id = locked.Id, Digest = locked.Digest, Records = locked.Records, Tokens = locked.Tokens, Bytes = locked.Bytes, FirstAdmitted = locked.FirstAdmitted };
            byDigest[copy.Digest] = copy;
        }

        var removedDigests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var removal in existing?.Removed ?? new List<LockedRemoval>())
        {
            result.Removed.Add(removal);
            removedDigests.Add(removal.Digest);
        }

        var admitted = new List<Shard>();
        foreach (var shard in manifest.Shards)
        {
            if (shard.Origin != ShardOrigin.Human || shard.Digest is null || removedDigests.Contains(shard.Digest))
            {
                continue;
            }

            if (byDigest.TryGetValue(shard.Digest, out var locked))
            {
                locked.Id = shard.Id;
                continue;
            }

            byDigest[shard.Digest] = new LockedShard
            {
                Id = shard.Id, Digest = shard.Digest, Records = shard.Records, Tokens = shard.Tokens, Bytes = shard.Bytes, FirstAdmitted = today,
            };
            admitted.Add(shard);
        }

        var removedNow = new List<RemovedShard>();
        foreach (var removal in manifest.Removed)
        {
            if (removal.Digest is null || removal.Reason is null || removal.ApprovedBy is null || removedDigests.Contains(removal.Digest))
            {
                continue;
            }

            if (manifest.Shards.Any(s => s.Origin == ShardOrigin.Human && s.Digest == removal.Digest))
            {
                continue; // still present: nothing is removed yet
            }

            byDigest.TryGetValue(removal.Digest, out var locked);
            byDigest.Remove(removal.Digest);
            result.Removed.Add(new LockedRemoval
            {
                Id = removal.Id ?? locked?.Id ?? string.Empty, Digest = removal.Digest, Reason = removal.Reason, ApprovedBy = removal.ApprovedBy, RemovedOn = today,
            });
            removedDigests.Add(removal.Digest);
            removedNow.Add(removal);
        }

        result.Protected.AddRange(byDigest.Values);
        newlyAdmitted = admitted;
        newlyRemoved = removedNow;
        return result;
    }
}
