using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>Everything a policy rule may look at; rules add diagnostics to <see cref="Diagnostics"/>.</summary>
public sealed class PolicyContext
{
    internal PolicyContext(ShardManifest manifest, MixComposition mix, LineageResult lineage, ShardManifest? parent, LockFile? lockFile, double humanFloor, bool lockedMode, IReadOnlyList<LaunderedShard> laundered, ShardFingerprints? records = null, ManifestLoader? loader = null)
    {
        Records = records;
        Loader = loader;
        Corpus = ProtectedCorpus.Compare(manifest, parent, lockFile, records);
        Laundered = laundered;
        Manifest = manifest;
        Mix = mix;
        Lineage = lineage;
        Parent = parent;
        Lock = lockFile;
        HumanFloor = humanFloor;
        LockedMode = lockedMode;
    }

    /// <summary>The manifest being checked.</summary>
    public ShardManifest Manifest { get; }

    /// <summary>Its composition on the policy measure.</summary>
    public MixComposition Mix { get; }

    /// <summary>Its lineage (generations).</summary>
    public LineageResult Lineage { get; }

    /// <summary>The <c>parent:</c> manifest, when declared and readable.</summary>
    public ShardManifest? Parent { get; }

    /// <summary>The existing lock file, or null.</summary>
    public LockFile? Lock { get; }

    /// <summary>Record fingerprints of the manifest's (and its lineage's) shards, for the record-level rules; null when not available.</summary>
    public ShardFingerprints? Records { get; }

    /// <summary>The manifests of the lineage, as read for this check; null when not available.</summary>
    public ManifestLoader? Loader { get; }

    /// <summary>The comparison of the manifest against its protected human corpus (parent, lock, approved removals).</summary>
    public ProtectedCorpus Corpus { get; }

    /// <summary>Shards labelled human whose bytes the lineage or the lock records as not human (counted as synthetic in <see cref="Mix"/>).</summary>
    public IReadOnlyList<LaunderedShard> Laundered { get; }

    /// <summary>The effective human floor (the manifest's, or a caller's override).</summary>
    public double HumanFloor { get; }

    /// <summary>True when the lock must not be written (CI).</summary>
    public bool LockedMode { get; }

    /// <summary>
    /// Shards that carry a manifest error of their own (a misspelt or missing key, a wrong type: PROV1xxx from the reader).
    /// What they declare cannot be trusted, so they are kept out of the verdicts: no human share is computed while there
    /// are any (the floor rules stay silent; the PROV1xxx errors already fail the check), a locked digest they still carry
    /// is not called dropped, and the per-shard rules skip them.
    /// </summary>
    public IReadOnlyCollection<Shard> InvalidShards { get; internal set; } = System.Array.Empty<Shard>();

    /// <summary>True when <paramref name="shard"/> has no manifest error of its own (see <see cref="InvalidShards"/>).</summary>
    public bool IsValid(Shard shard) => InvalidShards.Count == 0 || !InvalidShards.Contains(shard);

    /// <summary>The diversity audit, when the caller asked for it (<see cref="CheckOptions.Diversity"/>); else null.</summary>
    public Diversity.DiversityReport? Diversity { get; internal set; }

    /// <summary>Where rules report.</summary>
    public List<ManifestDiagnostic> Diagnostics { get; } = new();

    /// <summary>Reports a diagnostic into the manifest.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, DiagnosticSeverity? severity = null) =>
        Diagnostics.Add(new ManifestDiagnostic(descriptor, severity ?? descriptor.DefaultSeverity, Manifest.FilePath, span, message));
}

/// <summary>One data-policy rule (<c>PROV2xxx</c>). Rules are stateless and independent; one per file.</summary>
public interface IPolicyRule
{
    /// <summary>Evaluates the rule and reports into <paramref name="context"/>.</summary>
    void Evaluate(PolicyContext context);
}
