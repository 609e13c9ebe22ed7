using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2006: no shard may be of a generation above <c>policy.maxGeneration</c>. Source: Shumailov et al.,
/// Nature 631 (2024): tails of the distribution thin out with every generation trained on model output.
/// </summary>
public sealed class MaxGenerationRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        if (context.Manifest.Policy.MaxGeneration is not { } max)
        {
            return;
        }

        foreach (var shard in context.Manifest.Shards)
        {
            if (context.IsValid(shard) && context.Lineage.Generations.TryGetValue(shard, out int generation) && generation > max)
            {
                var span = shard.Node?.Get("generation") is not null ? shard.ValueSpan("generation")
                    : shard.Generator?.Node?.Get("trainedOn") is not null ? shard.Generator.ValueSpan("trainedOn")
                    : shard.ValueSpan("id");
                context.Report(DiagnosticRegistry.GenerationTooDeep, span,
                    $"Shard '{shard.Id}' is generation {generation}, above policy.maxGeneration {max}; generate it from a model trained closer to human data.");
            }
        }
    }
}
