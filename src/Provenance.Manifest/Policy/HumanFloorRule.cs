using System.Globalization;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2001/PROV2002: the human share must not fall below <c>humanFloor</c> (error) or <c>humanFloorWarn</c> (warning).
/// Source: Bertrand et al., ICLR 2024 (iterative retraining is stable while synthetic ≤ real data) and
/// Shumailov et al., Nature 631 (2024) (retaining 10 % of the original data gave only minor degradation).
/// </summary>
public sealed class HumanFloorRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        if (context.InvalidShards.Count > 0)
        {
            return; // the share of a mix with unreadable shards is unknown; their PROV1xxx errors fail the check
        }

        var mix = context.Mix;
        var span = context.Manifest.KeySpan("shards");
        string measure = mix.Measure.ToString().ToLowerInvariant();
        if (mix.HumanShare < context.HumanFloor)
        {
            context.Report(DiagnosticRegistry.BelowHumanFloor, span,
                $"Human share is {Percent(mix.HumanShare)} of {measure}, below the floor of {Percent(context.HumanFloor)}; add human shards or lower the weight of synthetic ones (a model trained mostly on model output collapses).");
        }
        else if (mix.HumanShare < context.Manifest.Policy.HumanFloorWarn)
        {
            context.Report(DiagnosticRegistry.BelowHumanFloorWarn, span,
                $"Human share is {Percent(mix.HumanShare)} of {measure}, below the warning floor of {Percent(context.Manifest.Policy.HumanFloorWarn)}.");
        }
    }

    internal static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
