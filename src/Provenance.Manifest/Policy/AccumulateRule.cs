using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2004/PROV2005: a manifest with <c>parent:</c> must keep every human shard of the parent as human data (decided by
/// <see cref="ProtectedCorpus"/>: matched by digest, or by id when the parent's shard lacks one; the same bytes relabelled
/// synthetic or unknown are not kept) and must not be a replace (human share 0). Dropping older synthetic shards is
/// allowed and reported (PROV2005). Source: Gerstgrasser et al. 2024 (arXiv 2404.01413): replacing data collapses,
/// accumulating keeps error bounded.
/// </summary>
public sealed class AccumulateRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        var manifest = context.Manifest;
        if (context.Parent is not { } parent || manifest.Policy.Accumulate == AccumulateMode.Off)
        {
            return;
        }

        var severity = manifest.Policy.Accumulate == AccumulateMode.Warn ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var span = manifest.ValueSpan("parent");
        var relabelled = context.Corpus.Parent.Where(p => p.Status == ProtectedStatus.Relabelled && context.IsValid(p.Current!)).ToList();
        foreach (var entry in relabelled)
        {
            var shard = entry.Current!;
            context.Report(DiagnosticRegistry.NotAccumulated, shard.ValueSpan("origin"),
                $"The parent's human shard '{entry.Id}' ({ProtectedCorpus.Short(entry.Digest)}) is relabelled '{shard.Origin.ToString().ToLowerInvariant()}' here (shard '{shard.Id}'): its bytes leave the human corpus. Keep the parent's human data labelled human.", severity);
        }

        var dropped = context.Corpus.Parent.Where(p => p.Status == ProtectedStatus.Dropped).ToList();
        int parentHuman = context.Corpus.Parent.Count;
        if (dropped.Count > 0)
        {
            string names = string.Join(", ", dropped.Take(5).Select(s => "'" + s.Id + "'")) + (dropped.Count > 5 ? $" and {dropped.Count - 5} more" : string.Empty);
            string kind = dropped.Count + relabelled.Count == parentHuman ? "replaces its parent" : "does not accumulate on its parent";
            string records = dropped.All(d => d.Records is not null)
                ? $"; {dropped.Sum(d => d.Records!.Missing):N0} of their {dropped.Sum(d => d.Records!.Protected):N0} records are in none of this mix's new human shards"
                : string.Empty;
            context.Report(DiagnosticRegistry.NotAccumulated, span,
                $"This mix {kind}: {dropped.Count} of the parent's {parentHuman} human shards are missing ({names}){records}. Keep the parent's human data and add synthetic data on top of it.", severity);
        }
        else if (relabelled.Count == 0 && context.Mix.HumanShare <= 0 && context.Mix.TotalAmount > 0 && context.InvalidShards.Count == 0)
        {
            context.Report(DiagnosticRegistry.NotAccumulated, span,
                "This mix replaces its parent: it holds no human data at all. Keep the original human corpus and add synthetic data on top of it.", severity);
        }

        var digests = new HashSet<string>(manifest.Shards.Where(s => s.Digest is not null).Select(s => s.Digest!), StringComparer.Ordinal);
        var ids = new HashSet<string>(manifest.Shards.Select(s => s.Id), StringComparer.Ordinal);
        var droppedSynthetic = parent.Shards.Where(s => s.Origin != ShardOrigin.Human && !(s.Digest is { } d ? digests.Contains(d) || context.Corpus.Approvals.ContainsKey(d) : ids.Contains(s.Id))).ToList();
        if (droppedSynthetic.Count > 0)
        {
            context.Report(DiagnosticRegistry.SyntheticDropped, span,
                $"{droppedSynthetic.Count} synthetic shard(s) of the parent are not in this mix ({string.Join(", ", droppedSynthetic.Take(5).Select(s => "'" + s.Id + "'"))}{(droppedSynthetic.Count > 5 ? ", …" : string.Empty)}).");
        }
    }
}
