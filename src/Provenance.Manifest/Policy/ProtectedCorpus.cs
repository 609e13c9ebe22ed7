using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Content;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>Where a protected human shard was recorded: the <c>parent:</c> manifest, or the lock file.</summary>
public enum ProtectedSource
{
    /// <summary>A human shard of the parent manifest.</summary>
    Parent,

    /// <summary>A protected shard of <c>provenance.lock.json</c>.</summary>
    Lock,
}

/// <summary>What became of one protected human shard in the manifest.</summary>
public enum ProtectedStatus
{
    /// <summary>A shard of the manifest with the same digest (or, when the record has no digest, the same id) is human or mixed.</summary>
    Kept,

    /// <summary>The same bytes are still in the manifest, but labelled synthetic or unknown: a relabel, which drops them from the human corpus.</summary>
    Relabelled,

    /// <summary>Gone, with an approved removal (a <c>removed:</c> entry with digest, reason and approvedBy, or the lock's record of one).</summary>
    Removed,

    /// <summary>Gone without an approved removal.</summary>
    Dropped,

    /// <summary>The file is gone, but every one of its records is in the manifest's new human shards: a reshard, not a drop.</summary>
    Resharded,
}

/// <summary>What the records of a protected shard that is gone tell.</summary>
/// <param name="Protected">Its records.</param>
/// <param name="Missing">Those found in none of the manifest's new human shards (0 for a reshard).</param>
/// <param name="NowIn">The ids of the new human shards that hold its records.</param>
public sealed record RecordLoss(long Protected, long Missing, IReadOnlyList<string> NowIn);

/// <summary>One protected human shard and what became of it.</summary>
/// <param name="Id">Its id where it was recorded (the parent manifest or the lock).</param>
/// <param name="Digest">Its digest, or null for an unsealed parent shard (then matched by id).</param>
/// <param name="Source">Where it was recorded.</param>
/// <param name="Status">What became of it.</param>
/// <param name="Current">The manifest's shard that holds it now (kept or relabelled), else null.</param>
/// <param name="Approval">The approved removal (removed), else null.</param>
/// <param name="Since">For a lock entry, the date it was first admitted; else null.</param>
/// <param name="Records">For a shard that is gone, what its records tell (resharded, or how many are missing), when known.</param>
/// <param name="TextField">The <c>textField</c> its records were fingerprinted by where it was recorded (null: whole records).</param>
public sealed record ProtectedShard(string Id, string? Digest, ProtectedSource Source, ProtectedStatus Status, Shard? Current, ProtectedRemoval? Approval, string? Since, RecordLoss? Records = null, string? TextField = null);

/// <summary>An approved removal: from the manifest's <c>removed:</c> list, or recorded in the lock.</summary>
/// <param name="Digest">The removed bytes' digest.</param>
/// <param name="Id">The removed shard's id, when known.</param>
/// <param name="Reason">Why it was removed.</param>
/// <param name="ApprovedBy">Who approved it.</param>
/// <param name="Entry">The manifest's <c>removed:</c> entry, or null when only the lock records the removal.</param>
public sealed record ProtectedRemoval(string Digest, string? Id, string Reason, string ApprovedBy, RemovedShard? Entry);

/// <summary>
/// The one comparison of a manifest against its protected human corpus (the parent's human shards, the lock's protected
/// shards, and approved removals), used by every rule (PROV2003, PROV2004), by <c>lock</c> (<see cref="LockUpdater"/>) and
/// by <c>diff</c>, so that check, build and diff always agree. A protected shard is matched by digest (a rename is not a
/// drop); it is kept only while the bytes are labelled human or mixed; the same bytes labelled synthetic or unknown are a
/// relabel, never "kept". Source: Gerstgrasser et al. 2024 (arXiv 2404.01413): keeping the original human data is what
/// keeps test error bounded.
/// </summary>
public sealed class ProtectedCorpus
{
    private ProtectedCorpus(List<ProtectedShard> parent, List<ProtectedShard> locked, Dictionary<string, ProtectedRemoval> approvals)
    {
        Parent = parent;
        Locked = locked;
        Approvals = approvals;
    }

    /// <summary>The parent's human shards, in the parent's order (empty without a parent).</summary>
    public IReadOnlyList<ProtectedShard> Parent { get; }

    /// <summary>The lock's protected shards, in the lock's order (empty without a lock).</summary>
    public IReadOnlyList<ProtectedShard> Locked { get; }

    /// <summary>Approved removals by digest: the manifest's approved <c>removed:</c> entries and the lock's removals.</summary>
    public IReadOnlyDictionary<string, ProtectedRemoval> Approvals { get; }

    /// <summary>Whether a <c>removed:</c> entry approves a removal: it names a digest, a reason and who approved it.</summary>
    public static bool IsApproved(RemovedShard removal) =>
        removal.Digest is not null && !string.IsNullOrWhiteSpace(removal.Reason) && !string.IsNullOrWhiteSpace(removal.ApprovedBy);

    /// <summary>
    /// Compares <paramref name="manifest"/> with its <paramref name="parent"/> and <paramref name="lockFile"/> (either may
    /// be null). With <paramref name="records"/>, protected shards whose files are gone are compared by their records: all
    /// found in the manifest's new human shards is a reshard; otherwise the missing records are counted. A lock entry
    /// recorded as resharded (<see cref="LockedShard.ReshardedInto"/>) is a reshard while those shards are present.
    /// </summary>
    public static ProtectedCorpus Compare(ShardManifest manifest, ShardManifest? parent, LockFile? lockFile, ShardFingerprints? records = null)
    {
        var approvals = new Dictionary<string, ProtectedRemoval>(StringComparer.Ordinal);
        foreach (var removal in lockFile?.Removed ?? new List<LockedRemoval>())
        {
            approvals[removal.Digest] = new ProtectedRemoval(removal.Digest, removal.Id, removal.Reason, removal.ApprovedBy, null);
        }

        foreach (var removal in manifest.Removed.Where(IsApproved))
        {
            approvals[removal.Digest!] = new ProtectedRemoval(removal.Digest!, removal.Id, removal.Reason!, removal.ApprovedBy!, removal);
        }

        var byDigest = new Dictionary<string, Shard>(StringComparer.Ordinal);
        var byId = new Dictionary<string, Shard>(StringComparer.Ordinal);
        foreach (var shard in manifest.Shards)
        {
            // Where the same bytes appear twice, a human (or mixed) label wins: the bytes are still in the human corpus.
            if (shard.Digest is { } digest && (!byDigest.TryGetValue(digest, out var seen) || (!HoldsHuman(seen) && HoldsHuman(shard))))
            {
                byDigest[digest] = shard;
            }

            if (!byId.TryGetValue(shard.Id, out var sameId) || (!HoldsHuman(sameId) && HoldsHuman(shard)))
            {
                byId[shard.Id] = shard;
            }
        }

        ProtectedShard Match(string id, string? digest, ProtectedSource source, string? since)
        {
            Shard? current = digest is not null ? byDigest.TryGetValue(digest, out var d) ? d : null : byId.TryGetValue(id, out var i) ? i : null;
            if (current is not null)
            {
                return new ProtectedShard(id, digest, source, HoldsHuman(current) ? ProtectedStatus.Kept : ProtectedStatus.Relabelled, current, null, since);
            }

            return digest is not null && approvals.TryGetValue(digest, out var approval)
                ? new ProtectedShard(id, digest, source, ProtectedStatus.Removed, null, approval, since)
                : new ProtectedShard(id, digest, source, ProtectedStatus.Dropped, null, null, since);
        }

        var fromParent = (parent?.Shards ?? new List<Shard>()).Where(s => s.Origin == ShardOrigin.Human)
            .Select(s => Match(s.Id, s.Digest, ProtectedSource.Parent, null) with { TextField = s.TextField }).ToList();
        var fromLock = (lockFile?.Protected ?? new List<LockedShard>()).Select(l =>
        {
            var entry = Match(l.Id, l.Digest, ProtectedSource.Lock, l.FirstAdmitted) with { TextField = l.TextField };
            var targets = l.ReshardedInto.Select(d => byDigest.TryGetValue(d, out var t) && HoldsHuman(t) ? t : null).ToList();
            return entry.Status == ProtectedStatus.Dropped && targets.Count > 0 && targets.All(t => t is not null)
                ? entry with { Status = ProtectedStatus.Resharded, Records = new RecordLoss(l.Records ?? 0, 0, targets.Select(t => t!.Id).ToList()) }
                : entry;
        }).ToList();
        if (records is not null)
        {
            var lockSets = (lockFile?.Protected ?? new List<LockedShard>()).ToDictionary(l => l.Digest, l => l, StringComparer.Ordinal);
            ByRecords(fromLock, manifest, records, lockSets);
            ByRecords(fromParent, manifest, records, lockSets);
        }

        return new ProtectedCorpus(fromParent, fromLock, approvals);
    }

    /// <summary>
    /// Looks for the records of the dropped entries of <paramref name="entries"/> in the manifest's new human shards (those
    /// whose digests none of the entries has): from the dropped shards' sidecars, one record at a time (so partial loss is
    /// counted); without them, by the lock's multiset digests (a reshard of exactly the same records).
    /// </summary>
    private static void ByRecords(List<ProtectedShard> entries, ShardManifest manifest, ShardFingerprints records, Dictionary<string, LockedShard> lockSets)
    {
        var dropped = entries.Select((e, i) => (Entry: e, Index: i)).Where(x => x.Entry.Status == ProtectedStatus.Dropped && x.Entry.Digest is not null).ToList();
        if (dropped.Count == 0)
        {
            return;
        }

        var protectedDigests = new HashSet<string>(entries.Where(e => e.Digest is not null).Select(e => e.Digest!), StringComparer.Ordinal);
        var fresh = manifest.Shards.Where(s => HoldsHuman(s) && s.Digest is not null && !protectedDigests.Contains(s.Digest)).GroupBy(s => s.Digest).Select(g => g.First()).ToList();
        var freshRecords = fresh.Select(records.Of).ToList();
        if (fresh.Count == 0 || freshRecords.Any(r => r is null))
        {
            return; // where the records went cannot be told
        }

        var sidecars = dropped.Select(d => records.Of(d.Entry.Digest!, d.Entry.TextField)).ToList();
        if (sidecars.All(f => f is not null))
        {
            // Record by record: each new record can account for one protected record (a multiset).
            var pool = new Dictionary<RecordFingerprint, List<int>>();
            for (int s = 0; s < fresh.Count; s++)
            {
                foreach (var f in freshRecords[s]!)
                {
                    if (!pool.TryGetValue(f, out var owners))
                    {
                        pool[f] = owners = new List<int>();
                    }

                    owners.Add(s);
                }
            }

            for (int i = 0; i < dropped.Count; i++)
            {
                long missing = 0;
                var nowIn = new SortedSet<int>();
                foreach (var f in sidecars[i]!)
                {
                    if (pool.TryGetValue(f, out var owners) && owners.Count > 0)
                    {
                        nowIn.Add(owners[owners.Count - 1]);
                        owners.RemoveAt(owners.Count - 1);
                    }
                    else
                    {
                        missing++;
                    }
                }

                var loss = new RecordLoss(sidecars[i]!.Length, missing, nowIn.Select(n => fresh[n].Id).ToList());
                entries[dropped[i].Index] = dropped[i].Entry with { Status = missing == 0 ? ProtectedStatus.Resharded : ProtectedStatus.Dropped, Records = loss };
            }

            return;
        }

        // Without the dropped shards' fingerprints: the lock's multiset digests against the new shards' records.
        var lost = default(RecordSet);
        foreach (var (entry, _) in dropped)
        {
            if (!lockSets.TryGetValue(entry.Digest!, out var locked) || locked.Records is not { } count || !RecordSet.TryParse(locked.RecordSet, count, out var set))
            {
                return;
            }

            lost += set;
        }

        var found = default(RecordSet);
        freshRecords.ForEach(r => found += RecordSet.Of(r!));
        if (lost.Equals(found))
        {
            var nowIn = fresh.Select(s => s.Id).ToList();
            foreach (var (entry, index) in dropped)
            {
                entries[index] = entry with { Status = ProtectedStatus.Resharded, Records = new RecordLoss(lockSets[entry.Digest!].Records ?? 0, 0, nowIn) };
            }
        }
    }

    /// <summary>
    /// Approved removals by the removed shard's id, for <c>derivedFrom</c>: the manifest's approved <c>removed:</c> entries,
    /// its parent's, and the lock's (a removal recorded only in the lock keeps its lineage meaning after the entry is gone).
    /// </summary>
    public static IReadOnlyDictionary<string, ProtectedRemoval> RemovalsById(ShardManifest manifest, ShardManifest? parent, LockFile? lockFile)
    {
        var byId = new Dictionary<string, ProtectedRemoval>(StringComparer.Ordinal);
        foreach (var removal in lockFile?.Removed ?? new List<LockedRemoval>())
        {
            if (removal.Id.Length > 0)
            {
                byId[removal.Id] = new ProtectedRemoval(removal.Digest, removal.Id, removal.Reason, removal.ApprovedBy, null);
            }
        }

        foreach (var removal in (parent?.Removed ?? new List<RemovedShard>()).Concat(manifest.Removed).Where(r => IsApproved(r) && r.Id is not null))
        {
            byId[removal.Id!] = new ProtectedRemoval(removal.Digest!, removal.Id, removal.Reason!, removal.ApprovedBy!, removal);
        }

        foreach (var shard in manifest.Shards)
        {
            byId.Remove(shard.Id); // an id in use names that shard, not a removal
        }

        return byId;
    }

    /// <summary>Whether a shard's label puts its bytes in the human corpus (human, or mixed with a human part).</summary>
    public static bool HoldsHuman(Shard shard) => shard.Origin is ShardOrigin.Human or ShardOrigin.Mixed;

    /// <summary>A digest shortened for messages: <c>sha256:0123456789ab…</c>.</summary>
    public static string Short(string? digest) => digest is null ? "(no digest)" : digest.Length > 19 ? digest.Substring(0, 19) + "…" : digest;
}
