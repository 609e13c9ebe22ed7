namespace Provenance.Manifest.Export;

/// <summary>
/// The Provenance vocabulary: what the manifest knows and the target formats have no term for (human share, generation,
/// verification, ...). JSON-LD formats use <see cref="Namespace"/> with the prefix <see cref="Prefix"/>; CycloneDX and
/// SPDX properties use the names <c>provenance:&lt;term&gt;</c>. Each term is documented in <c>docs/interop.md</c>, and the
/// namespace IRI resolves to that page, so a term's IRI is the link to its definition.
/// </summary>
public static class ProvenanceTerms
{
    /// <summary>The JSON-LD prefix.</summary>
    public const string Prefix = "provenance";

    /// <summary>The namespace IRI: the terms section of <c>docs/interop.md</c>.</summary>
    public const string Namespace = "https://github.com/provenance-dev/provenance/blob/main/docs/interop.md#";

    /// <summary>human, synthetic, mixed or unknown (a shard).</summary>
    public const string Origin = "origin";

    /// <summary>Effective generation, an integer ≥ 0 (a shard; the highest for a dataset as <see cref="MaxGeneration"/>).</summary>
    public const string Generation = "generation";

    /// <summary>The highest generation in the mix.</summary>
    public const string MaxGeneration = "maxGeneration";

    /// <summary>Human fraction of a mixed shard, 0–1.</summary>
    public const string HumanFraction = "humanFraction";

    /// <summary>Effective human share of the mix, 0–1, on <see cref="Measure"/>.</summary>
    public const string HumanShare = "humanShare";

    /// <summary>The floor the check applied, 0–1.</summary>
    public const string HumanFloor = "humanFloor";

    /// <summary>tokens, records or bytes.</summary>
    public const string Measure = "measure";

    /// <summary>Records counted by seal.</summary>
    public const string Records = "records";

    /// <summary>Unicode word tokens counted by seal.</summary>
    public const string Tokens = "tokens";

    /// <summary>Sampling weight (epochs) of a shard in the mix.</summary>
    public const string Weight = "weight";

    /// <summary>The path of the manifest a generator model was trained on (relative to the exported manifest).</summary>
    public const string TrainedOn = "trainedOn";

    /// <summary>A decoding setting of a generator, <c>decoding.&lt;key&gt;</c>.</summary>
    public const string Decoding = "decoding";

    /// <summary>human-review, ground-truth, reward-model, llm-judge or none.</summary>
    public const string VerificationMethod = "verificationMethod";

    /// <summary>Who or what verified a synthetic shard.</summary>
    public const string Verifier = "verifier";

    /// <summary>Records the verifier accepted.</summary>
    public const string Accepted = "accepted";

    /// <summary>Records the verifier rejected.</summary>
    public const string Rejected = "rejected";

    /// <summary>The <c>parent:</c> manifest (previous generation).</summary>
    public const string Parent = "parent";

    /// <summary>A property name in the CycloneDX and SPDX form: <c>provenance:&lt;term&gt;</c>.</summary>
    public static string Name(string term) => Prefix + ":" + term;
}
