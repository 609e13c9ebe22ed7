using System.Collections.Generic;

namespace Provenance.Manifest.Model;

/// <summary>One dataset shard: a file (or remote object) with its origin, amounts, digest and lineage.</summary>
public sealed class Shard : ModelNode
{
    /// <summary>Unique id within the manifest.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Path relative to the manifest's folder (exclusive with <see cref="Uri"/>).</summary>
    public string? Path { get; set; }

    /// <summary>Remote location (s3://, https://, hf://); counted from declared amounts, never fetched.</summary>
    public string? Uri { get; set; }

    /// <summary>
    /// For a shard set: the globs (relative to the manifest's folder; <c>*</c> and <c>?</c> within a name, <c>**</c> for any
    /// number of folders) naming its files. Empty for a single-file or remote shard. Exclusive with <see cref="Path"/> and
    /// <see cref="Uri"/>. Every other key (origin, format, lineage, verification, source, weight) applies to every file.
    /// </summary>
    public List<string> Files { get; } = new();

    /// <summary>True when this entry is a shard set (<c>files:</c>) rather than one file or object.</summary>
    public bool IsSet => Files.Count > 0;

    /// <summary>
    /// For a shard set: the path of its index (<see cref="Sets.ShardSetIndex"/>) relative to the manifest's folder; null
    /// means the default, <c>&lt;manifest stem&gt;.index/&lt;id&gt;.tsv</c> (<see cref="Sets.ShardSetIndex.DefaultPath"/>).
    /// </summary>
    public string? Index { get; set; }

    /// <summary>For a shard set: the number of files (and <c>uri</c> entries) its index lists.</summary>
    public long? FileCount { get; set; }

    /// <summary>human, synthetic, mixed or unknown.</summary>
    public ShardOrigin Origin { get; set; }

    /// <summary>File format; inferred from the file name when not declared, else jsonl.</summary>
    public ShardFormat Format { get; set; } = ShardFormat.Jsonl;

    /// <summary>Compression of the stored bytes (jsonl, text, csv, tsv); inferred from <c>.gz</c> / <c>.zst</c> when not declared.</summary>
    public ShardCompression Compression { get; set; }

    /// <summary>
    /// The field whose text is counted as tokens: a JSON key of each jsonl record, a CSV/TSV column or a Parquet column.
    /// Null: every JSON string value (jsonl), every cell (csv/tsv), the column <c>text</c> (Parquet).
    /// </summary>
    public string? TextField { get; set; }

    /// <summary>Records (lines of jsonl/text, data rows of csv/tsv, rows of Parquet); for a set, the total over its files.</summary>
    public long? Records { get; set; }

    /// <summary>Unicode word tokens (see <see cref="Digests.ShardCounter"/>); for a set, the total over its files.</summary>
    public long? Tokens { get; set; }

    /// <summary>File size in bytes; for a set, the total over its files.</summary>
    public long? Bytes { get; set; }

    /// <summary>
    /// <c>sha256:</c> + 64 lowercase hex digits, over the exact file bytes; for a shard set, the set digest: the SHA-256 of
    /// its canonical index file (in the spirit of DVC's <c>.dir</c> digest), so equal digests mean the same files with the same bytes.
    /// </summary>
    public string? Digest { get; set; }

    /// <summary>Sampling weight (epochs) in this mix; default 1.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>For mixed shards: the human fraction (0–1) of the measure.</summary>
    public double? HumanFraction { get; set; }

    /// <summary>The declared generation; null means computed from the lineage.</summary>
    public int? Generation { get; set; }

    /// <summary>What produced a synthetic shard.</summary>
    public GeneratorInfo? Generator { get; set; }

    /// <summary>Ids of the shards this one was derived from (prompts, seeds); PROV-O <c>wasDerivedFrom</c>.</summary>
    public List<string> DerivedFrom { get; } = new();

    /// <summary>How the shard was verified.</summary>
    public VerificationInfo? Verification { get; set; }

    /// <summary>Where a human shard came from.</summary>
    public SourceInfo? Source { get; set; }

    /// <summary>The amount of this shard on <paramref name="measure"/>, or null when not declared.</summary>
    public long? Amount(Measure measure) => measure switch
    {
        Measure.Records => Records,
        Measure.Bytes => Bytes,
        _ => Tokens,
    };
}

/// <summary>The <c>generator:</c> of a synthetic shard.</summary>
public sealed class GeneratorInfo : ModelNode
{
    /// <summary>The model, e.g. <c>sotu-bigram@sha256:…</c>.</summary>
    public string? Model { get; set; }

    /// <summary>Path of the manifest the generating model was trained on, relative to this manifest's folder.</summary>
    public string? TrainedOn { get; set; }

    /// <summary>Decoding settings (temperature, topP, ...), as written.</summary>
    public SortedDictionary<string, string> Decoding { get; } = new(System.StringComparer.Ordinal);
}

/// <summary>The <c>verification:</c> of a synthetic shard.</summary>
public sealed class VerificationInfo : ModelNode
{
    /// <summary>The method.</summary>
    public VerificationMethod Method { get; set; } = VerificationMethod.None;

    /// <summary>Who or what verified it (a team, a model).</summary>
    public string? Verifier { get; set; }

    /// <summary>Records accepted.</summary>
    public long? Accepted { get; set; }

    /// <summary>Records rejected.</summary>
    public long? Rejected { get; set; }

    /// <summary>Path of the log of rejected records.</summary>
    public string? RejectLog { get; set; }

    /// <summary>Records reviewed, when the review covered a sample rather than the whole shard (then accepted + rejected ≤ sampled).</summary>
    public long? Sampled { get; set; }
}

/// <summary>The <c>source:</c> of a shard.</summary>
public sealed class SourceInfo : ModelNode
{
    /// <summary>Name of the source.</summary>
    public string? Name { get; set; }

    /// <summary>SPDX licence id.</summary>
    public string? License { get; set; }

    /// <summary>Where it came from.</summary>
    public string? Url { get; set; }
}

/// <summary>An approved removal from the protected human corpus (<c>removed:</c>).</summary>
public sealed class RemovedShard : ModelNode
{
    /// <summary>Digest of the removed shard (matches the lock file).</summary>
    public string? Digest { get; set; }

    /// <summary>Its id, for readers.</summary>
    public string? Id { get; set; }

    /// <summary>Why it was removed (required).</summary>
    public string? Reason { get; set; }

    /// <summary>Who approved (required).</summary>
    public string? ApprovedBy { get; set; }
}
