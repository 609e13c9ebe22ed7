using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2012 (warning): a shard whose <c>derivedFrom</c> names an approved removal (of this manifest, its parent, or
/// recorded in the lock). A removal for PII or licence reasons applies to what was derived from the removed data, so each
/// derived shard is reported with the removal's reason and approver: review it, and remove it too where the reason says so.
/// </summary>
public sealed class DerivedFromRemovedRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        var manifest = context.Manifest;
        var removals = ProtectedCorpus.RemovalsById(manifest, context.Parent, context.Lock);
        if (removals.Count == 0)
        {
            return;
        }

        foreach (var shard in manifest.Shards)
        {
            var items = (shard.Node?.Get("derivedFrom") as YSequence)?.Items;
            for (int i = 0; i < shard.DerivedFrom.Count; i++)
            {
                if (removals.TryGetValue(shard.DerivedFrom[i], out var removal))
                {
                    var span = items is not null && i < items.Count ? items[i].Span : shard.ValueSpan("derivedFrom");
                    context.Report(DiagnosticRegistry.DerivedFromRemoved, span,
                        $"Shard '{shard.Id}' is derived from '{removal.Id}' ({ProtectedCorpus.Short(removal.Digest)}), which was removed: \"{removal.Reason}\" (approved by {removal.ApprovedBy}). Review whether the removal's reason applies to this shard too.");
                }
            }
        }
    }
}
