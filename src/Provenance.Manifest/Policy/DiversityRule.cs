using System.Globalization;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Diversity;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2010: the mix's diversity (<c>policy.diversity.metric</c>: distinct-2 or tail survival) must not fall by more than
/// <c>policy.diversity.maxDrop</c> (default 0.10) relative to generation 0's human data. Evaluated only when the caller
/// asked for the diversity audit (<see cref="CheckOptions.Diversity"/>), which reads every byte; without a
/// <c>policy.diversity</c> section the defaults apply. Reported at <c>policy.diversity</c>, or, without that section, at
/// the id of the mix's newest shard. Source: Shumailov et al., Nature 631 (2024): distinct n-grams and rare types vanish
/// within a few generations of training on model output, long before averages (perplexity, entropy) move.
/// </summary>
public sealed class DiversityRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        if (context.Diversity is not { } report || report.Reference is not { } reference || report.Mix is not { } mix)
        {
            return;
        }

        var policy = context.Manifest.Policy.Diversity ?? new DiversityPolicy();
        double before = reference.Value(policy.Metric), after = mix.Value(policy.Metric);
        double drop = DiversityMetrics.RelativeDrop(before, after);
        if (!(drop > policy.MaxDrop))
        {
            return;
        }

        var span = context.Manifest.Policy.Node?.GetKey("diversity") is not null
            ? context.Manifest.Policy.KeySpan("diversity")
            : context.Manifest.Shards
                .Where(s => context.Lineage.Generations.TryGetValue(s, out int g) && g == mix.Generation)
                .Select(s => s.ValueSpan("id"))
                .FirstOrDefault();
        string name = DiversityPolicy.Name(policy.Metric);
        context.Report(DiagnosticRegistry.DiversityDropped, span, string.Format(CultureInfo.InvariantCulture,
            "Diversity dropped: {0} of this mix (generation {1}) is {2:0.000}, {3} below generation 0's {4:0.000}; policy.diversity allows a drop of at most {5}. The mix is losing the rare words and phrasings of its human data (model collapse): keep the generation-0 human shards in the mix and add synthetic data on top of them.",
            name, mix.Generation, after, HumanFloorRule.Percent(drop), before, HumanFloorRule.Percent(policy.MaxDrop)));
    }
}
