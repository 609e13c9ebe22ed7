using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2004/PROV2005: a manifest with <c>parent:</c> must keep every human shard of the parent (matched by digest,
/// or by id when either side lacks a digest) and must not be a replace (human share 0). Dropping older synthetic
/// shards is allowed and reported (PROV2005). Source: Gerstgrasser et al. 2024 (arXiv 2404.01413): replacing data
/// collapses, accumulating keeps error bounded.
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
        var digests = new HashSet<string>(manifest.Shards.Where(s => s.Digest is not null).Select(s => s.Digest!), StringComparer.Ordinal);
        var ids = new HashSet<string>(manifest.Shards.Select(s => s.Id), StringComparer.Ordinal);
        var removed = new HashSet<string>(manifest.Removed.Where(r => r.Digest is not null).Select(r => r.Digest!), StringComparer.Ordinal);
        if (context.Lock is { } lockFile)
        {
            removed.UnionWith(lockFile.Removed.Select(r => r.Digest));
        }

        bool Kept(Shard s) => s.Digest is { } d ? digests.Contains(d) || removed.Contains(d) : ids.Contains(s.Id);

        var droppedHuman = parent.Shards.Where(s => s.Origin == ShardOrigin.Human && !Kept(s)).ToList();
        int parentHuman = parent.Shards.Count(s => s.Origin == ShardOrigin.Human);
        if (droppedHuman.Count > 0)
        {
            string names = string.Join(", ", droppedHuman.Take(5).Select(s => "'" + s.Id + "'")) + (droppedHuman.Count > 5 ? $" and {droppedHuman.Count - 5} more" : string.Empty);
            string kind = droppedHuman.Count == parentHuman ? "replaces its parent" : "does not accumulate on its parent";
            context.Report(DiagnosticRegistry.NotAccumulated, span,
                $"This mix {kind}: {droppedHuman.Count} of the parent's {parentHuman} human shards are missing ({names}). Keep the parent's human data and add synthetic data on top of it.", severity);
        }
        else if (context.Mix.HumanShare <= 0 && context.Mix.TotalAmount > 0 && context.InvalidShards.Count == 0)
        {
            context.Report(DiagnosticRegistry.NotAccumulated, span,
                "This mix replaces its parent: it holds no human data at all. Keep the original human corpus and add synthetic data on top of it.", severity);
        }

        var droppedSynthetic = parent.Shards.Where(s => s.Origin != ShardOrigin.Human && !Kept(s)).ToList();
        if (droppedSynthetic.Count > 0)
        {
            context.Report(DiagnosticRegistry.SyntheticDropped, span,
                $"{droppedSynthetic.Count} synthetic shard(s) of the parent are not in this mix ({string.Join(", ", droppedSynthetic.Take(5).Select(s => "'" + s.Id + "'"))}{(droppedSynthetic.Count > 5 ? ", …" : string.Empty)}).");
        }
    }
}
