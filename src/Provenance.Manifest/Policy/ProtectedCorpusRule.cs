using System.IO;
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
        foreach (var locked in context.Corpus.Locked)
        {
            if (locked.Status == ProtectedStatus.Relabelled)
            {
                var shard = locked.Current!;
                context.Report(DiagnosticRegistry.CorpusDropped, shard.ValueSpan("origin"),
                    $"Original corpus relabelled: human shard '{locked.Id}' ({ProtectedCorpus.Short(locked.Digest)}), protected by {lockName} since {locked.Since}, is now labelled '{shard.Origin.ToString().ToLowerInvariant()}' as shard '{shard.Id}', which takes it out of the human corpus. Label it human again, or add a 'removed:' entry with its digest, a reason and approvedBy.");
            }
            else if (locked.Status == ProtectedStatus.Dropped)
            {
                context.Report(DiagnosticRegistry.CorpusDropped, context.Manifest.KeySpan("shards"),
                    $"Original corpus dropped: human shard '{locked.Id}' ({ProtectedCorpus.Short(locked.Digest)}), protected by {lockName} since {locked.Since}, is no longer in the manifest. Restore it, or add a 'removed:' entry with its digest, a reason and approvedBy.");
            }
        }
    }
}
