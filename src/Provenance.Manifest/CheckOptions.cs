using System;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest;

/// <summary>What a check does beyond reading the manifest. Callers (MSBuild task, CLI) map their settings onto this.</summary>
public sealed class CheckOptions
{
    /// <summary>How much to hash (default <see cref="VerifyMode.Changed"/>).</summary>
    public VerifyMode Verify { get; set; } = VerifyMode.Changed;

    /// <summary>
    /// How a git-lfs pointer found in place of a shard is checked (default <see cref="Content.LfsMode.Auto"/>: against
    /// the manifest by its oid and size; <see cref="Content.LfsMode.Content"/> refuses pointers). MSBuild <c>ProvenanceLfs</c>,
    /// CLI <c>--lfs</c>.
    /// </summary>
    public Content.LfsMode Lfs { get; set; } = Content.LfsMode.Auto;

    /// <summary>The digest cache file for <see cref="VerifyMode.Changed"/>; null hashes every file.</summary>
    public string? DigestCachePath { get; set; }

    /// <summary>
    /// Locked mode (NuGet's <c>RestoreLockedMode</c>): the lock is never written, and human shards it lacks are errors
    /// (PROV2009). Default false.
    /// </summary>
    public bool LockedMode { get; set; }

    /// <summary>When not in locked mode, write the updated lock file (a local build does; <c>provenance check</c> does not).</summary>
    public bool UpdateLock { get; set; }

    /// <summary>Overrides <c>policy.humanFloor</c> (fraction 0–1), e.g. from MSBuild <c>ProvenanceHumanFloor</c>.</summary>
    public double? HumanFloor { get; set; }

    /// <summary>
    /// Runs the diversity audit (<see cref="Diversity.DiversityAudit"/>) and the <c>policy.diversity</c> gate (PROV2010).
    /// It reads every byte of every text shard of the manifest and its lineage, so it is off by default; the MSBuild
    /// property <c>ProvenanceDiversity=true</c> and <c>provenance audit --diversity</c> turn it on.
    /// </summary>
    public bool Diversity { get; set; }

    /// <summary>The <see cref="Diversity.DiversityCache"/> folder (per-shard counts by digest); null counts every shard.</summary>
    public string? DiversityCachePath { get; set; }

    /// <summary>
    /// The folder of record fingerprint sidecars (<see cref="Content.FingerprintStore"/>), read for reshards, record-level
    /// loss and leakage, and filled for shards that have none; null for <see cref="Content.FingerprintStore.Default"/>.
    /// </summary>
    public string? FingerprintDirectory { get; set; }

    /// <summary>Receives hashing progress: bytes done, bytes in all.</summary>
    public IProgress<(long Done, long Total)>? Progress { get; set; }

    /// <summary>Receives every file actually hashed (tests, benchmarks).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string>? HashedFiles { get; set; }
}
