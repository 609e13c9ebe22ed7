using System;
using System.Collections.Generic;
using System.Linq;
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
}

/// <summary>One protected human shard and what became of it.</summary>
/// <param name="Id">Its id where it was recorded (the parent manifest or the lock).</param>
/// <param name="Digest">Its digest, or null for an unsealed parent shard (then matched by id).</param>
/// <param name="Source">Where it was recorded.</param>
/// <param name="Status">What became of it.</param>
/// <param name="Current">The manifest's shard that holds it now (kept or relabelled), else null.</param>
/// <param name="Approval">The approved removal (removed), else null.</param>
/// <param name="Since">For a lock entry, the date it was first admitted; else null.</param>
public sealed record ProtectedShard(string Id, string? Digest, ProtectedSource Source, ProtectedStatus Status, Shard? Current, ProtectedRemoval? Approval, string? Since);

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

    /// <summary>Compares <paramref name="manifest"/> with its <paramref name="parent"/> and <paramref name="lockFile"/> (either may be null).</summary>
    public static ProtectedCorpus Compare(ShardManifest manifest, ShardManifest? parent, LockFile? lockFile)
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
            .Select(s => Match(s.Id, s.Digest, ProtectedSource.Parent, null)).ToList();
        var fromLock = (lockFile?.Protected ?? new List<LockedShard>())
            .Select(l => Match(l.Id, l.Digest, ProtectedSource.Lock, l.FirstAdmitted)).ToList();
        return new ProtectedCorpus(fromParent, fromLock, approvals);
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
