using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2011: a shard labelled <c>origin: human</c> whose bytes (digest) its lineage or its lock's origin history records
/// as synthetic, unknown or mixed (<see cref="OriginHistory"/>), reported at its <c>origin:</c> node with where the bytes
/// were recorded. Origin is a claim: model output relabelled human would otherwise raise the human share and be locked as
/// protected human data. Source: Shumailov et al., Nature 631, 2024 (model collapse from training on generated data).
/// </summary>
public sealed class LaunderingRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        foreach (var (shard, record, file) in context.Laundered)
        {
            if (!context.IsValid(shard))
            {
                continue;
            }

            string where = OriginHistory.Display(record.Where, context.Manifest.Directory);
            string what = record.Where.EndsWith(".lock.json", System.StringComparison.OrdinalIgnoreCase) ? $"the origin history of {where}" : where;
            if (file is not null)
            {
                context.Report(DiagnosticRegistry.SyntheticLabelledHuman, shard.ValueSpan("origin"),
                    $"Shard set '{shard.Id}' is labelled human, but its file '{file.Location}' ({ProtectedCorpus.Short(file.Digest)}) is recorded as {record.Origin} in {what} (shard '{record.ShardId}'{(record.Generation is { } fg ? $", generation {fg}" : string.Empty)}). The set counts as synthetic. Move that file to a set labelled '{record.Origin}' with its generator, or replace it with the human data it stands for.");
                continue;
            }

            context.Report(DiagnosticRegistry.SyntheticLabelledHuman, shard.ValueSpan("origin"),
                $"Shard '{shard.Id}' is labelled human, but its bytes ({ProtectedCorpus.Short(shard.Digest)}) are recorded as {record.Origin} in {what} (shard '{record.ShardId}'{(record.Generation is { } g ? $", generation {g}" : string.Empty)}). It counts as synthetic. Label it '{record.Origin}' with its generator, or replace the file with the human data it stands for.");
        }
    }
}
