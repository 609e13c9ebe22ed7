namespace Provenance.Manifest.Model;

/// <summary>
/// The <c>policy:</c> section. Defaults follow the model-collapse literature: a 10 % human floor
/// (Shumailov et al., Nature 631, 2024: 10 % of original data retained gave only minor degradation),
/// a warning below 50 % (Bertrand et al., ICLR 2024: stable while synthetic ≤ real), and accumulate
/// required (Gerstgrasser et al. 2024, arXiv 2404.01413).
/// </summary>
public sealed class ManifestPolicy : ModelNode
{
    /// <summary>What the human share is measured in. Default tokens.</summary>
    public Measure Measure { get; set; } = Measure.Tokens;

    /// <summary>Error below this human share (fraction 0–1). Default 0.10.</summary>
    public double HumanFloor { get; set; } = 0.10;

    /// <summary>Warning below this human share (fraction 0–1). Default 0.50.</summary>
    public double HumanFloorWarn { get; set; } = 0.50;

    /// <summary>Accumulate check against <c>parent:</c>. Default required.</summary>
    public AccumulateMode Accumulate { get; set; } = AccumulateMode.Required;

    /// <summary>Error when a shard's generation is above this; null means no limit.</summary>
    public int? MaxGeneration { get; set; }

    /// <summary>When true, synthetic shards without verification are errors. Default false.</summary>
    public bool RequireVerification { get; set; }

    /// <summary>A human shard's weight (epochs) counts at most this much. Default 4.</summary>
    public double HumanEpochCap { get; set; } = 4;

    /// <summary>Records a human shard may share with the synthetic shards of the mix or its lineage before PROV2015 (synthetic leakage). Default 0.</summary>
    public long MaxLeakedRecords { get; set; }

    /// <summary>
    /// The <c>policy.diversity</c> gate (PROV2010): metric and largest drop relative to generation 0; null when the section
    /// is absent (then a check that reads the data, <see cref="CheckOptions.Diversity"/>, applies the defaults).
    /// </summary>
    public Diversity.DiversityPolicy? Diversity { get; set; }
}
