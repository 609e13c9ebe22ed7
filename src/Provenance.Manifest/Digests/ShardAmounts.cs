namespace Provenance.Manifest.Digests;

/// <summary>What <see cref="ShardCounter"/> measures of one file: records, Unicode word tokens, bytes and SHA-256 digest.</summary>
public sealed class ShardAmounts
{
    /// <summary>Creates the amounts of one file.</summary>
    public ShardAmounts(long records, long tokens, long bytes, string digest)
    {
        Records = records;
        Tokens = tokens;
        Bytes = bytes;
        Digest = digest;
    }

    /// <summary>Lines (a last line without a newline counts).</summary>
    public long Records { get; }

    /// <summary>Unicode word tokens.</summary>
    public long Tokens { get; }

    /// <summary>File size.</summary>
    public long Bytes { get; }

    /// <summary><c>sha256:</c> + 64 lowercase hex digits.</summary>
    public string Digest { get; }

    /// <summary>One fingerprint per record, sorted, when the count was asked for them; else null.</summary>
    public Content.RecordFingerprint[]? Fingerprints { get; internal set; }
}
