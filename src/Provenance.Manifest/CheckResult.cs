using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;

namespace Provenance.Manifest;

/// <summary>The outcome of <see cref="ManifestChecker.Check"/>: the diagnostics (sorted by file, line, column) and, when the manifest could be read, its summary.</summary>
public sealed class CheckResult
{
    internal CheckResult(string manifestPath, IReadOnlyList<ManifestDiagnostic> diagnostics, ShardManifest? manifest, MixComposition? mix, LineageResult? lineage, double humanFloor, bool lockWritten, Func<IReadOnlyList<string>> inputs, Diversity.DiversityReport? diversity = null)
    {
        _inputs = new Lazy<IReadOnlyList<string>>(inputs);
        Diversity = diversity;
        ManifestPath = manifestPath;
        Diagnostics = diagnostics;
        Manifest = manifest;
        Mix = mix;
        Lineage = lineage;
        HumanFloor = humanFloor;
        LockWritten = lockWritten;
    }

    /// <summary>
    /// Every file the outcome depends on, as absolute paths, sorted: the manifest, its lock file, every manifest read
    /// through <c>parent:</c> or <c>generator.trainedOn</c>, and the local shard files. An incremental build re-runs the
    /// check when one of them changes. Computed on first use (a large manifest has many shards).
    /// </summary>
    public IReadOnlyList<string> Inputs => _inputs.Value;

    private readonly Lazy<IReadOnlyList<string>> _inputs;

    /// <summary>Full path of the checked manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>Every diagnostic, in file, line, column order.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    /// <summary>The manifest, or null when it could not be read.</summary>
    public ShardManifest? Manifest { get; }

    /// <summary>The mix's composition (human share), or null.</summary>
    public MixComposition? Mix { get; }

    /// <summary>The lineage, or null.</summary>
    public LineageResult? Lineage { get; }

    /// <summary>The floor applied (fraction 0–1).</summary>
    public double HumanFloor { get; }

    /// <summary>The diversity audit, when <see cref="CheckOptions.Diversity"/> asked for it; else null.</summary>
    public Diversity.DiversityReport? Diversity { get; }

    /// <summary>
    /// The record fingerprints of the mix's shards as the check read them (sidecars, or the data unless
    /// <see cref="CheckOptions.Verify"/> is <c>none</c>), for reports such as <see cref="Reporting.OverlapReport"/>; null when
    /// the manifest could not be read.
    /// </summary>
    public Content.ShardFingerprints? Records { get; internal set; }

    /// <summary>Shards kept out of the policy verdicts because they carry a manifest error of their own (see <see cref="PolicyContext.InvalidShards"/>).</summary>
    public int InvalidShards { get; internal set; }

    /// <summary>
    /// The manifest compared against its protected human corpus (the parent's human shards, the lock's protected shards,
    /// approved removals), as the policy rules saw it; null when the manifest could not be read.
    /// </summary>
    public ProtectedCorpus? Corpus { get; internal set; }

    /// <summary>Approved removals by the removed shard's id (this manifest's, its parent's and the lock's): what <c>derivedFrom</c> taint is traced from.</summary>
    public IReadOnlyDictionary<string, ProtectedRemoval> RemovalsById { get; internal set; } = new Dictionary<string, ProtectedRemoval>();

    /// <summary>True when the lock file was created or changed.</summary>
    public bool LockWritten { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// The one-line summary, e.g. <c>provenance.yaml: human 41.3% of tokens (floor 10%), 12 shards, max generation 2</c>;
    /// null when the manifest could not be read.
    /// </summary>
    public string? Summary => Manifest is null || Mix is null || Lineage is null ? null
        : InvalidShards > 0
            ? string.Format(CultureInfo.InvariantCulture, "{0}: human share not computed ({1} shard{2} errors), floor {3}, {4}, max generation {5}",
                Path.GetFileName(ManifestPath), InvalidShards, InvalidShards == 1 ? " has" : "s have", HumanFloorRule.Percent(HumanFloor), ShardCount, Lineage.MaxGeneration)
            : string.Format(CultureInfo.InvariantCulture, "{0}: human {1} of {2} (floor {3}), {4}, max generation {5}",
                Path.GetFileName(ManifestPath), HumanFloorRule.Percent(Mix.HumanShare), Mix.Measure.ToString().ToLowerInvariant(),
                HumanFloorRule.Percent(HumanFloor), ShardCount, Lineage.MaxGeneration);

    /// <summary><c>12 shards</c>, or with shard sets <c>3 shards (2 sets, 2,049 files)</c>: a set counts as one shard of its files.</summary>
    private string ShardCount
    {
        get
        {
            var sets = Manifest!.Shards.Where(s => s.IsSet).ToList();
            string shards = Manifest.Shards.Count.ToString(CultureInfo.InvariantCulture) + " shards";
            return sets.Count == 0 ? shards : string.Format(CultureInfo.InvariantCulture, "{0} ({1} set{2}, {3:N0} files)",
                shards, sets.Count, sets.Count == 1 ? string.Empty : "s", (Manifest.Shards.Count - sets.Count) + sets.Sum(s => s.FileCount ?? 0));
        }
    }
}
