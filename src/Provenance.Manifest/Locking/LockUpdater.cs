using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Locking;

/// <summary>
/// Computes the lock a manifest should have: the existing protected shards (never dropped), every human shard with a
/// digest that is new, approved removals (<see cref="Policy.ProtectedCorpus.IsApproved"/>) moved from protected to
/// removed, and the origin history (every digest ever labelled not human). Ids follow renames; first-admitted dates
/// never change.
/// </summary>
public static class LockUpdater
{
    /// <summary>The updated lock for <paramref name="manifest"/>, and the human shards that were not yet locked.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="existing">Its lock, or null.</param>
    /// <param name="newlyAdmitted">Human shards admitted now.</param>
    /// <param name="newlyRemoved">Approved removals recorded now.</param>
    /// <param name="corpus">The comparison of the protected corpus (<see cref="Policy.ProtectedCorpus"/>): resharded entries record where their records went.</param>
    /// <param name="recordSet">The multiset digest of a shard's records, for protected entries that lack one; null to leave them.</param>
    public static LockFile Update(ShardManifest manifest, LockFile? existing, out IReadOnlyList<Shard> newlyAdmitted, out IReadOnlyList<RemovedShard> newlyRemoved,
        Policy.ProtectedCorpus? corpus = null, Func<Shard, Content.RecordSet?>? recordSet = null)
    {
        string today = LockFile.Today();
        var result = new LockFile { FilePath = existing?.FilePath ?? LockFile.PathFor(manifest.FilePath), Manifest = Path.GetFileName(manifest.FilePath) };
        var byDigest = new Dictionary<string, LockedShard>(StringComparer.Ordinal);
        foreach (var locked in existing?.Protected ?? new List<LockedShard>())
        {
            var copy = new LockedShard { Id = locked.Id, Digest = locked.Digest, Records = locked.Records, Tokens = locked.Tokens, Bytes = locked.Bytes, FirstAdmitted = locked.FirstAdmitted, RecordSet = locked.RecordSet, TextField = locked.TextField, Files = locked.Files };
            copy.ReshardedInto.AddRange(locked.ReshardedInto);
            byDigest[copy.Digest] = copy;
        }

        var removedDigests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var removal in existing?.Removed ?? new List<LockedRemoval>())
        {
            result.Removed.Add(removal);
            removedDigests.Add(removal.Digest);
        }

        // Bytes the origin history records as not human are never admitted as human (PROV2011 reports them).
        var notHuman = new HashSet<string>((existing?.Synthetic ?? new List<LockedSynthetic>()).Select(s => s.Digest), StringComparer.Ordinal);
        var admitted = new List<Shard>();
        foreach (var shard in manifest.Shards)
        {
            if (shard.Origin != ShardOrigin.Human || shard.Digest is null || removedDigests.Contains(shard.Digest) || (notHuman.Contains(shard.Digest) && !byDigest.ContainsKey(shard.Digest)))
            {
                continue;
            }

            if (byDigest.TryGetValue(shard.Digest, out var locked))
            {
                locked.Id = shard.Id;
                locked.RecordSet ??= recordSet?.Invoke(shard)?.Digest;
                continue;
            }

            byDigest[shard.Digest] = new LockedShard
            {
                Id = shard.Id, Digest = shard.Digest, Records = shard.Records, Tokens = shard.Tokens, Bytes = shard.Bytes, FirstAdmitted = today,
                RecordSet = shard.IsSet ? null : recordSet?.Invoke(shard)?.Digest,
                TextField = shard.TextField,
                Files = shard.IsSet ? shard.FileCount : null,
                IndexSource = shard.IsSet ? Path.Combine(manifest.Directory, Sets.ShardSetIndex.PathOf(manifest, shard).Replace('/', Path.DirectorySeparatorChar)) : null,
            };
            admitted.Add(shard);
        }

        var removedNow = new List<RemovedShard>();
        var humanDigests = new HashSet<string>(manifest.Shards.Where(s => s.Origin == ShardOrigin.Human && s.Digest is not null).Select(s => s.Digest!), StringComparer.Ordinal);
        foreach (var removal in manifest.Removed)
        {
            if (!Policy.ProtectedCorpus.IsApproved(removal) || removedDigests.Contains(removal.Digest!))
            {
                continue;
            }

            string digest = removal.Digest!;
            if (humanDigests.Contains(digest))
            {
                continue; // still present: nothing is removed yet
            }

            byDigest.TryGetValue(digest, out var locked);
            byDigest.Remove(digest);
            result.Removed.Add(new LockedRemoval
            {
                Id = removal.Id ?? locked?.Id ?? string.Empty, Digest = digest, Reason = removal.Reason!, ApprovedBy = removal.ApprovedBy!, RemovedOn = today,
            });
            removedDigests.Add(digest);
            removedNow.Add(removal);
        }

        // A reshard is recorded where the records went, so that a check without the data (CI on git-lfs pointers) agrees.
        var digestsById = manifest.Shards.Where(x => x.Digest is not null).GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Digest!, StringComparer.Ordinal);
        foreach (var entry in corpus?.Locked ?? new List<Policy.ProtectedShard>())
        {
            if (entry.Status == Policy.ProtectedStatus.Resharded && entry.Digest is { } d && byDigest.TryGetValue(d, out var locked) && locked.ReshardedInto.Count == 0)
            {
                locked.ReshardedInto.AddRange(entry.Records!.NowIn.Where(digestsById.ContainsKey).Select(id => digestsById[id]).Distinct(StringComparer.Ordinal));
            }
        }

        // A locked set whose every file is still human in the manifest is superseded by the entries that hold them now.
        foreach (var entry in corpus?.Locked ?? new List<Policy.ProtectedShard>())
        {
            if (entry.HeldBy is { Count: > 0 } holders && holders.All(byDigest.ContainsKey) && entry.Digest is { } d && byDigest.TryGetValue(d, out var locked) && locked.Files is not null)
            {
                byDigest.Remove(d);

                // The entries that hold its files now keep its first-admitted date: re-sealing a set does not make its files new.
                foreach (string holder in holders)
                {
                    if (string.CompareOrdinal(locked.FirstAdmitted, byDigest[holder].FirstAdmitted) < 0)
                    {
                        byDigest[holder].FirstAdmitted = locked.FirstAdmitted;
                    }
                }
            }
        }

        result.Protected.AddRange(byDigest.Values);

        // The origin history: every digest ever labelled not human, so that it never counts as human again.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in existing?.Synthetic ?? new List<LockedSynthetic>())
        {
            result.Synthetic.Add(entry);
            seen.Add(entry.Digest);
        }

        foreach (var shard in manifest.Shards)
        {
            if (shard.Origin != ShardOrigin.Human && shard.Digest is { } digest && !byDigest.ContainsKey(digest) && seen.Add(digest))
            {
                result.Synthetic.Add(new LockedSynthetic
                {
                    Id = shard.Id, Digest = digest, Origin = shard.Origin.ToString().ToLowerInvariant(), FirstSeen = today,
                    Files = shard.IsSet ? shard.FileCount : null,
                    IndexSource = shard.IsSet ? Path.Combine(manifest.Directory, Sets.ShardSetIndex.PathOf(manifest, shard).Replace('/', Path.DirectorySeparatorChar)) : null,
                });
            }
        }

        newlyAdmitted = admitted;
        newlyRemoved = removedNow;
        return result;
    }
}
