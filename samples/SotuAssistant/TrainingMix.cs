namespace SotuAssistant;

/// <summary>
/// Where the training job reads its data. The mix itself is described, shard by shard, in <see cref="Manifest"/>;
/// Provenance.Build checks it (human share, protected corpus, accumulate, lineage) before this code compiles.
/// </summary>
public static class TrainingMix
{
    /// <summary>The generation-2 training mix: human + generation 1 + generation 2 synthetic shards.</summary>
    public const string Manifest = "provenance.yaml";

    /// <summary>The earlier generations' mixes, kept for lineage (<c>parent:</c> and <c>generator.trainedOn</c>).</summary>
    public static readonly IReadOnlyList<string> History = new[] { "gen0.provenance.yaml", "gen1.provenance.yaml" };
}
