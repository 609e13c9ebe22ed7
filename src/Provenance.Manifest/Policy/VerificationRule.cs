using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2007: with <c>policy.requireVerification</c>, every non-human shard needs a verification other than <c>none</c>.
/// PROV2008: an <c>llm-judge</c> or <c>reward-model</c> verifier must not be the generator or a model in its lineage,
/// or it shares the generator's blind spots. Source: Yi et al. 2025 (arXiv 2510.16657).
/// </summary>
public sealed class VerificationRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        foreach (var shard in context.Manifest.Shards)
        {
            if (shard.Origin == ShardOrigin.Human || !context.IsValid(shard))
            {
                continue;
            }

            var verification = shard.Verification;
            if (context.Manifest.Policy.RequireVerification && (verification is null || verification.Method == VerificationMethod.None))
            {
                var span = verification is not null ? verification.ValueSpan("method") : shard.ValueSpan("id");
                context.Report(DiagnosticRegistry.Unverified, span,
                    $"Synthetic shard '{shard.Id}' is not verified, and policy.requireVerification is true; add a verification (human-review, ground-truth, reward-model or llm-judge).");
            }

            if (verification is { Method: VerificationMethod.LlmJudge or VerificationMethod.RewardModel, Verifier: { } verifier }
                && context.Lineage.ModelsInLineage.TryGetValue(shard, out var models)
                && models.Contains(LineageResolver.NormalizeModel(verifier)))
            {
                bool isGenerator = shard.Generator?.Model is { } g && LineageResolver.NormalizeModel(g) == LineageResolver.NormalizeModel(verifier);
                context.Report(DiagnosticRegistry.VerifierInLineage, verification.ValueSpan("verifier"),
                    $"Verifier '{verifier}' of shard '{shard.Id}' is {(isGenerator ? "the generator itself" : "a model in the generator's lineage")}; it shares the generator's blind spots. Use an independent verifier.");
            }
        }
    }
}
