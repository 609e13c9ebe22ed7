namespace SotuShardSet;

/// <summary>
/// Where the training job reads its data: every file of the shard set in <see cref="Manifest"/>, as its index lists them.
/// Provenance.Build checks the set (each file's bytes against the index, the index against the set digest and the lock)
/// before this code compiles.
/// </summary>
public static class TrainingCorpus
{
    /// <summary>The manifest: one human shard set, <c>sotu-by-year</c>.</summary>
    public const string Manifest = "provenance.yaml";

    /// <summary>The set's index, written by <c>provenance seal</c>: one line per file (path, bytes, digest, records, tokens).</summary>
    public const string Index = "provenance.index/sotu-by-year.tsv";
}
