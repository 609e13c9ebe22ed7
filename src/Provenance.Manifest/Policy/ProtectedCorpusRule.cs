using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2003: every human shard recorded in the lock file must still be in the manifest, matched by digest
/// (so a rename or a new id is not a drop), unless a <c>removed:</c> entry (with reason and approvedBy) or the
/// lock's own removal record covers it. A shard with a manifest error of its own (<c>orgin: human</c>) still holds its
/// digest: it is reported by its PROV1xxx error, not as a drop. Source: Gerstgrasser et al. 2024 (arXiv 2404.01413): keeping the
/// original data is what keeps test error bounded.
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

        var present = new HashSet<string>(
            context.Manifest.Shards.Where(s => (s.Origin is ShardOrigin.Human or ShardOrigin.Mixed || !context.IsValid(s)) && s.Digest is not null).Select(s => s.Digest!),
            StringComparer.Ordinal);
        var removed = new HashSet<string>(context.Manifest.Removed.Where(r => r.Digest is not null).Select(r => r.Digest!), StringComparer.Ordinal);
        removed.UnionWith(context.Lock.Removed.Select(r => r.Digest));
        string lockName = Path.GetFileName(context.Lock.FilePath);
        foreach (var locked in context.Lock.Protected)
        {
            if (present.Contains(locked.Digest) || removed.Contains(locked.Digest))
            {
                continue;
            }

            context.Report(DiagnosticRegistry.CorpusDropped, context.Manifest.KeySpan("shards"),
                $"Original corpus dropped: human shard '{locked.Id}' ({Short(locked.Digest)}), protected by {lockName} since {locked.FirstAdmitted}, is no longer in the manifest. Restore it, or add a 'removed:' entry with its digest, a reason and approvedBy.");
        }
    }

    internal static string Short(string digest) => digest.Length > 19 ? digest.Substring(0, 19) + "…" : digest;
}
