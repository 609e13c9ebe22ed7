using Provenance.Manifest.Model;

namespace Provenance.Manifest.Diversity;

/// <summary>The diversity metric the <c>policy.diversity</c> gate compares (PROV2010).</summary>
public enum DiversityMetric
{
    /// <summary>
    /// Tail survival: the share of generation 0's rare word types (count ≤ 2) still in the mix (Shumailov et al., Nature 631,
    /// 2024). Default: it stays at 1 while a mix keeps its human data, whatever synthetic data is added.
    /// </summary>
    TailSurvival,

    /// <summary>
    /// distinct-2: the share of distinct word bigrams (Li et al., NAACL 2016), measured at a common sample size
    /// (see <see cref="DiversityMetrics.ExpectedDistinctShare"/>). It also sees a mix whose synthetic weight crowds out
    /// the human data, but it drifts down slowly even when data accumulates (CollapseLab: about −12 % after ten
    /// accumulated generations), so give it a larger <c>maxDrop</c> (0.25 separates the lab's regimes).
    /// </summary>
    Distinct2,
}

/// <summary>
/// The <c>policy.diversity</c> section: which metric the gate compares and how large a drop, relative to generation 0,
/// is an error (PROV2010). The gate runs only when the caller asks for it (<see cref="CheckOptions.Diversity"/>;
/// MSBuild <c>ProvenanceDiversity=true</c>; <c>provenance audit --diversity</c>), because it reads every byte of every
/// text shard. Source: Shumailov et al., Nature 631 (2024): the tails of the distribution disappear first, within a
/// few generations, while averages barely move.
/// </summary>
public sealed class DiversityPolicy : ModelNode
{
    /// <summary>The default largest drop, a fraction 0–1 of generation 0's value: 0.10.</summary>
    public const double DefaultMaxDrop = 0.10;

    /// <summary>The metric compared; default <see cref="DiversityMetric.TailSurvival"/>.</summary>
    public DiversityMetric Metric { get; set; } = DiversityMetric.TailSurvival;

    /// <summary>
    /// The largest allowed relative drop of the metric from generation 0 to this mix, a fraction 0–1
    /// ((value₀ − value) / value₀). Default 0.10.
    /// </summary>
    public double MaxDrop { get; set; } = DefaultMaxDrop;

    /// <summary>The metric's name as written in a manifest: <c>distinct-2</c> or <c>tail-survival</c>.</summary>
    public static string Name(DiversityMetric metric) => metric == DiversityMetric.TailSurvival ? "tail-survival" : "distinct-2";
}
