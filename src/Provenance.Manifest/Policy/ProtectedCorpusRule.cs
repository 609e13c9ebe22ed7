using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2003: every human shard recorded in the lock file must still be in the manifest as human data, matched by digest
/// (so a rename or a new id is not a drop), unless a <c>removed:</c> entry (with reason and approvedBy) or the lock's own
/// removal record covers it. The same bytes relabelled synthetic or unknown are reported as a relabel at their
/// <c>origin:</c>. Decided by <see cref="ProtectedCorpus"/>. Source: Gerstgrasser et al. 2024 (arXiv 2404.01413):
/// keeping the original data is what keeps test error bounded.
/// </summary>
public sealed class ProtectedCorpusRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        if (context.Lock is null)
        {
            return;
        }

        string lockName = Path.GetFileName(context.Lock.FilePath);
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var locked in context.Corpus.Locked)
        {
            if (locked.SetFile is not null)
            {
                // One file of a locked human set: named at the set's files (or at shards: when the set itself is gone), at most 20 per set.
                if (locked.Status is not (ProtectedStatus.Dropped or ProtectedStatus.Relabelled))
                {
                    continue;
                }

                int count = named.TryGetValue(locked.Id, out int n) ? n + 1 : 1;
                named[locked.Id] = count;
                if (count > Sets.ShardSetChecker.MaxNamedPerKind)
                {
                    continue;
                }

                var at = locked.Status == ProtectedStatus.Relabelled ? locked.Current!.ValueSpan("origin") : locked.Set?.ValueSpan("files") ?? context.Manifest.KeySpan("shards");
                context.Report(DiagnosticRegistry.CorpusDropped, at, locked.Status == ProtectedStatus.Relabelled
                    ? $"Original corpus relabelled: file '{locked.SetFile}' ({ProtectedCorpus.Short(locked.Digest)}) of human shard set '{locked.Id}', protected by {lockName} since {locked.Since}, is now in shard '{locked.Current!.Id}' labelled '{locked.Current.Origin.ToString().ToLowerInvariant()}', which takes it out of the human corpus. Label it human again, or add a 'removed:' entry with its digest, a reason and approvedBy."
                    : $"Original corpus dropped: file '{locked.SetFile}' ({ProtectedCorpus.Short(locked.Digest)}) of human shard set '{locked.Id}', protected by {lockName} since {locked.Since}, is in no shard or set of the manifest. Restore it and re-seal, or add a 'removed:' entry with its digest, a reason and approvedBy.");
                continue;
            }

            if (locked.Status == ProtectedStatus.Relabelled && !context.IsValid(locked.Current!))
            {
                continue; // its own schema error (a misspelt origin) is reported instead
            }
            else if (locked.Status == ProtectedStatus.Relabelled)
            {
                var shard = locked.Current!;
                context.Report(DiagnosticRegistry.CorpusDropped, shard.ValueSpan("origin"),
                    $"Original corpus relabelled: human shard '{locked.Id}' ({ProtectedCorpus.Short(locked.Digest)}), protected by {lockName} since {locked.Since}, is now labelled '{shard.Origin.ToString().ToLowerInvariant()}' as shard '{shard.Id}', which takes it out of the human corpus. Label it human again, or add a 'removed:' entry with its digest, a reason and approvedBy.");
            }
            else if (locked.Status == ProtectedStatus.Dropped && locked.Records is not null)
            {
                continue; // counted record by record below
            }
            else if (locked.Status == ProtectedStatus.Dropped && context.Lock.Protected.Any(p => p.Files is not null && p.Digest == locked.Digest))
            {
                context.Report(DiagnosticRegistry.CorpusDropped, locked.Set?.ValueSpan("digest") ?? context.Manifest.KeySpan("shards"),
                    $"Original corpus cannot be told: human shard set '{locked.Id}' ({ProtectedCorpus.Short(locked.Digest)}), protected by {lockName} since {locked.Since}, changed, and the copy of its locked index ({Path.GetFileName(Locking.LockFile.IndexCopyPath(context.Lock.FilePath, locked.Digest!))} in {Path.GetFileName(Path.GetDirectoryName(Locking.LockFile.IndexCopyPath(context.Lock.FilePath, locked.Digest!)))}) is missing or altered, so its files cannot be compared. Restore that folder from version control with the lock.");
            }
            else if (locked.Status == ProtectedStatus.Dropped)
            {
                context.Report(DiagnosticRegistry.CorpusDropped, context.Manifest.KeySpan("shards"),
                    $"Original corpus dropped: human shard '{locked.Id}' ({ProtectedCorpus.Short(locked.Digest)}), protected by {lockName} since {locked.Since}, is no longer in the manifest. Restore it, or add a 'removed:' entry with its digest, a reason and approvedBy.");
            }
        }

        foreach (var pair in named.Where(p => p.Value > Sets.ShardSetChecker.MaxNamedPerKind))
        {
            var first = context.Corpus.Locked.First(l => l.SetFile is not null && l.Id == pair.Key);
            context.Report(DiagnosticRegistry.CorpusDropped, first.Set?.ValueSpan("files") ?? context.Manifest.KeySpan("shards"),
                $"Original corpus: {pair.Value - Sets.ShardSetChecker.MaxNamedPerKind:N0} more files of human shard set '{pair.Key}' ({pair.Value:N0} in all) are dropped or relabelled; 'provenance diff' lists them.");
        }

        var partial = context.Corpus.Locked.Where(l => l.Status == ProtectedStatus.Dropped && l.Records is not null).ToList();
        if (partial.Count > 0)
        {
            long missing = partial.Sum(p => p.Records!.Missing), all = partial.Sum(p => p.Records!.Protected);
            string from = string.Join(", ", partial.Where(p => p.Records!.Missing > 0).Select(p => $"{p.Records!.Missing:N0} from '{p.Id}'"));
            string nowIn = Names(partial.SelectMany(p => p.Records!.NowIn));
            context.Report(DiagnosticRegistry.CorpusDropped, context.Manifest.KeySpan("shards"),
                $"Original corpus dropped: {missing:N0} of {all:N0} protected records missing ({(all > 0 ? (double)missing / all : 0):P1}; {from}), protected by {lockName}. The others are now in {(nowIn.Length > 0 ? nowIn : "no shard")}. Restore the missing records, or add 'removed:' entries for the old shards with a reason and approvedBy.");
        }

        var resharded = context.Corpus.Locked.Where(l => l.Status == ProtectedStatus.Resharded).ToList();
        if (resharded.Count > 0)
        {
            context.Report(DiagnosticRegistry.CorpusResharded, context.Manifest.KeySpan("shards"),
                $"Resharded: {resharded.Sum(r => r.Records?.Protected ?? 0):N0} records of {Names(resharded.Select(r => r.Id))} are now in {Names(resharded.SelectMany(r => r.Records?.NowIn ?? new List<string>()))}; no protected record was lost.");
        }
    }

    private static string Names(IEnumerable<string> ids)
    {
        var list = ids.Distinct(StringComparer.Ordinal).ToList();
        return string.Join(", ", list.Take(5).Select(id => "'" + id + "'")) + (list.Count > 5 ? $" and {list.Count - 5} more" : string.Empty);
    }
}
