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
/// <param name="SetFile">For one file of a locked shard set: its path in the locked index (<see cref="Id"/> is then the set's id, <see cref="Digest"/> the file's).</param>
/// <param name="Set">For a file of a locked set: the manifest's set of the same id, where a diagnostic points, when there is one.</param>
/// <param name="HeldBy">For a locked set kept file by file (its set digest changed): the digests of the shards and sets that hold its files now.</param>
public sealed record ProtectedShard(string Id, string? Digest, ProtectedSource Source, ProtectedStatus Status, Shard? Current, ProtectedRemoval? Approval, string? Since, RecordLoss? Records = null, string? TextField = null,
    string? SetFile = null, Shard? Set = null, IReadOnlyList<string>? HeldBy = null);

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
        if (manifest.Shards.Any(s => s.IsSet) || (parent?.Shards.Any(s => s.IsSet) ?? false) || (lockFile?.Protected.Any(p => p.Files is not null) ?? false))
        {
            var lockedSets = (lockFile?.Protected ?? new List<LockedShard>()).Where(p => p.Files is not null).GroupBy(p => p.Digest, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            fromLock = ByFiles(fromLock, manifest, byDigest, approvals, digest => lockedSets.ContainsKey(digest) ? LockFile.IndexCopy(lockFile!, digest) : null, lockedSets.ContainsKey);
            var parentSets = (parent?.Shards ?? new List<Shard>()).Where(s => s.IsSet && s.Digest is not null).GroupBy(s => s.Digest!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            fromParent = ByFiles(fromParent, manifest, byDigest, approvals, digest => Sets.ShardSetChecker.ReadIndex(parent!, parentSets[digest], new List<Diagnostics.ManifestDiagnostic>()), parentSets.ContainsKey);
        }

        if (records is not null)
        {
            var lockSets = (lockFile?.Protected ?? new List<LockedShard>()).ToDictionary(l => l.Digest, l => l, StringComparer.Ordinal);
            ByRecords(fromLock, manifest, records, lockSets);
            ByRecords(fromParent, manifest, records, lockSets);
        }

        return new ProtectedCorpus(fromParent, fromLock, approvals);
    }

    /// <summary>
    /// Follows protected bytes into and out of shard sets, file by file: a locked set whose set digest is gone is compared by
    /// the files of its locked index (<see cref="LockFile.IndexCopyPath"/>), each kept while some human shard or set of the
    /// manifest holds its digest (a rename, a move between sets, a set grown by accumulation); a locked single shard whose
    /// file is now in a set is kept. What is left is one entry per file dropped, relabelled or removed.
    /// </summary>
    /// <param name="entries">The protected entries (the lock's or the parent's).</param>
    /// <param name="manifest">The manifest.</param>
    /// <param name="byDigest">The manifest's shards and sets by digest.</param>
    /// <param name="approvals">Approved removals by digest.</param>
    /// <param name="indexOf">The protected index of a set entry (by set digest), or null when it cannot be had.</param>
    /// <param name="isSet">Whether a protected digest is a set's.</param>
    private static List<ProtectedShard> ByFiles(List<ProtectedShard> entries, ShardManifest manifest, Dictionary<string, Shard> byDigest, Dictionary<string, ProtectedRemoval> approvals, Func<string, Sets.ShardSetIndex?> indexOf, Func<string, bool> isSet)
    {
        if (!entries.Any(e => e.Status == ProtectedStatus.Dropped))
        {
            return entries;
        }

        Dictionary<string, Shard>? holders = null;
        Dictionary<string, Shard> Holders()
        {
            if (holders is null)
            {
                holders = new Dictionary<string, Shard>(byDigest, StringComparer.Ordinal);
                foreach (var set in manifest.Shards.Where(s => s.IsSet && s.Digest is not null))
                {
                    var index = Sets.ShardSetChecker.ReadIndex(manifest, set, new List<Diagnostics.ManifestDiagnostic>());
                    foreach (var entry in index?.Entries ?? Array.Empty<Sets.IndexEntry>())
                    {
                        if (!holders.TryGetValue(entry.Digest, out var seen) || (!HoldsHuman(seen) && HoldsHuman(set)))
                        {
                            holders[entry.Digest] = set;
                        }
                    }
                }
            }

            return holders;
        }

        var result = new List<ProtectedShard>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Status != ProtectedStatus.Dropped || entry.Digest is null)
            {
                result.Add(entry);
                continue;
            }

            if (!isSet(entry.Digest))
            {
                // A single shard: kept when its bytes are now a file of a set.
                result.Add(Holders().TryGetValue(entry.Digest, out var holder)
                    ? entry with { Status = HoldsHuman(holder) ? ProtectedStatus.Kept : ProtectedStatus.Relabelled, Current = holder, Approval = null }
                    : entry);
                continue;
            }

            var sameId = manifest.Shards.FirstOrDefault(s => s.IsSet && s.Id == entry.Id);
            var lockedIndex = indexOf(entry.Digest);
            if (lockedIndex is null)
            {
                result.Add(entry with { Set = sameId });
                continue; // reported as the whole set dropped: its files cannot be told
            }

            var heldBy = new HashSet<string>(StringComparer.Ordinal);
            int before = result.Count;
            foreach (var file in lockedIndex.Entries)
            {
                if (Holders().TryGetValue(file.Digest, out var holder))
                {
                    if (HoldsHuman(holder))
                    {
                        heldBy.Add(holder.Digest!);
                    }
                    else
                    {
                        result.Add(entry with { Digest = file.Digest, Status = ProtectedStatus.Relabelled, Current = holder, SetFile = file.Location, Set = sameId });
                    }
                }
                else
                {
                    result.Add(approvals.TryGetValue(file.Digest, out var approval)
                        ? entry with { Digest = file.Digest, Status = ProtectedStatus.Removed, Approval = approval, SetFile = file.Location, Set = sameId }
                        : entry with { Digest = file.Digest, Status = ProtectedStatus.Dropped, SetFile = file.Location, Set = sameId });
                }
            }

            if (result.Count == before)
            {
                result.Add(entry with { Status = ProtectedStatus.Kept, Current = sameId ?? Holders()[lockedIndex.Entries[0].Digest], Set = sameId, HeldBy = heldBy.ToList() });
            }
        }

        return result;
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
