namespace Provenance.Manifest.Digests;

/// <summary>How much digest checking a check does (MSBuild <c>ProvenanceVerifyDigests</c>, CLI <c>--verify</c>).</summary>
public enum VerifyMode
{
    /// <summary>No hashing: files must exist; declared digests are trusted.</summary>
    None,

    /// <summary>
    /// Re-hash only files whose size or modification time differ from the digest cache (DVC's shortcut).
    /// Trusts that a file with the same size and mtime has the same bytes, which a deliberate tamperer can fake;
    /// use <see cref="All"/> in CI.
    /// </summary>
    Changed,

    /// <summary>Hash every local shard (the CI default).</summary>
    All,
}
