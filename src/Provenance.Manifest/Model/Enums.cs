namespace Provenance.Manifest.Model;

/// <summary>Where a shard's content came from. <see cref="Unknown"/> counts as synthetic (fail closed).</summary>
public enum ShardOrigin
{
    /// <summary>Written by people; generation 0; protected by the lock file.</summary>
    Human,

    /// <summary>Produced by a model.</summary>
    Synthetic,

    /// <summary>Both; <c>humanFraction</c> says how much is human (without it the whole shard counts as synthetic).</summary>
    Mixed,

    /// <summary>Not known; counted as synthetic.</summary>
    Unknown,
}

/// <summary>
/// The file format of a shard; decides how <c>seal</c> counts records and tokens (see
/// <see cref="Digests.ShardCounter"/>). Inferred from the file name when the manifest gives no <c>format:</c>
/// (<see cref="Content.ShardFormats"/>).
/// </summary>
public enum ShardFormat
{
    /// <summary>JSON Lines: one record per line; tokens are counted in the JSON string values (or the <c>textField</c> value).</summary>
    Jsonl,

    /// <summary>Plain text: one record per line.</summary>
    Text,

    /// <summary>CSV (RFC 4180): the first row is the header; every further row is a record; quoted fields may span lines.</summary>
    Csv,

    /// <summary>Tab-separated values: as <see cref="Csv"/> with a tab delimiter.</summary>
    Tsv,

    /// <summary>Apache Parquet: records from the footer; tokens from the <c>textField</c> column (default <c>text</c>).</summary>
    Parquet,

    /// <summary>Anything else: amounts are declared, not counted.</summary>
    Other,
}

/// <summary>
/// How a shard's stored bytes are compressed. The digest is always over the stored (compressed) bytes; records and
/// tokens are counted over the decoded content. Inferred from <c>.gz</c> / <c>.zst</c> when the manifest gives no
/// <c>compression:</c>.
/// </summary>
public enum ShardCompression
{
    /// <summary>Stored as is.</summary>
    None,

    /// <summary>gzip (RFC 1952), including multi-member files (concatenated gzip outputs).</summary>
    Gzip,

    /// <summary>Zstandard (RFC 8878), one or more frames.</summary>
    Zstd,
}

/// <summary>The amount a human share is measured in.</summary>
public enum Measure
{
    /// <summary>Unicode word tokens.</summary>
    Tokens,

    /// <summary>Records (lines of jsonl/text, data rows of csv/tsv, rows of Parquet).</summary>
    Records,

    /// <summary>Bytes of the file.</summary>
    Bytes,
}

/// <summary>How strictly a manifest with a <c>parent:</c> must keep the parent's human shards.</summary>
public enum AccumulateMode
{
    /// <summary>Dropping a parent human shard is an error (default).</summary>
    Required,

    /// <summary>Dropping a parent human shard is a warning.</summary>
    Warn,

    /// <summary>No accumulate check.</summary>
    Off,
}

/// <summary>How a synthetic shard was checked.</summary>
public enum VerificationMethod
{
    /// <summary>People reviewed it.</summary>
    HumanReview,

    /// <summary>Checked against ground truth (tests, execution, reference answers).</summary>
    GroundTruth,

    /// <summary>Scored by a reward model.</summary>
    RewardModel,

    /// <summary>Judged by a language model.</summary>
    LlmJudge,

    /// <summary>Not verified.</summary>
    None,
}
