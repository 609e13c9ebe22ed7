using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest;

/// <summary>
/// The engine's entry point: reads a manifest, checks its shard files and digests, resolves its lineage, applies
/// the data policy (<c>PROV2xxx</c>) against its parent and lock file, and (when allowed) updates the lock.
/// The MSBuild task and the CLI are thin adapters over this. Never throws for bad input.
/// </summary>
public static class ManifestChecker
{
    /// <summary>The policy rules, in the order they report.</summary>
    public static IReadOnlyList<IPolicyRule> Rules { get; } = new IPolicyRule[]
    {
        new HumanFloorRule(), new ProtectedCorpusRule(), new AccumulateRule(), new LaunderingRule(), new LeakageRule(), new DerivedFromRemovedRule(), new MaxGenerationRule(), new VerificationRule(), new VerificationClaimRule(), new DiversityRule(),
    };

    /// <summary>
    /// Starts, on a thread of its own, the one-time set-up a check pays before its first manifest line, and returns at
    /// once: the YAML parser's (YamlDotNet compiles a <c>Regex</c> on its first document, about 15 ms) and the SHA-256
    /// provider's (OpenSSL is loaded on first use, about 5 ms). A process about to check (the CLI, while it parses its
    /// arguments) then finds them done on the core it was not using. Calling it more than once, or never, changes nothing else.
    /// </summary>
    public static void Prepare() => new System.Threading.Thread(() =>
    {
        ManifestReader.PrepareParser();
        using var sha = System.Security.Cryptography.SHA256.Create();
        sha.ComputeHash(Array.Empty<byte>());
    }) { IsBackground = true, Name = "provenance prepare" }.Start();

    /// <summary>
    /// Checks the manifest at <paramref name="manifestPath"/>. With <see cref="CheckOptions.UpdateLock"/> (a local build),
    /// the lock is updated only when the check has no errors at all: a failing check changes nothing on disk.
    /// </summary>
    public static CheckResult Check(string manifestPath, CheckOptions? options = null) => Run(manifestPath, options ?? new CheckOptions(), explicitLock: false);

    private static CheckResult Run(string manifestPath, CheckOptions options, bool explicitLock)
    {
        string full = Path.GetFullPath(manifestPath);

        // The lock and the digest cache are independent files: read them on another core while the manifest is parsed.
        var lockDiagnostics = new List<ManifestDiagnostic>();
        var lockTask = Task.Run(() => LockFile.Load(LockFile.PathFor(full), lockDiagnostics));
        var cacheTask = Task.Run(() => options.Verify == VerifyMode.Changed ? DigestCache.Load(options.DigestCachePath) : null);
        var read = ManifestReader.ReadFile(full);
        var diagnostics = new List<ManifestDiagnostic>(read.Diagnostics);
        var manifest = read.Manifest;
        if (manifest is null)
        {
            return Finish(full, diagnostics, null, null, null, options.HumanFloor ?? 0.10, false, () => new SortedSet<string>(StringComparer.Ordinal) { full, LockFile.PathFor(full) }.ToList());
        }

        // Sets first: their folders are walked while the digest cache is still loading.
        var setDiagnostics = Sets.ShardSetChecker.Check(manifest, options.Verify, cacheTask, options.Progress, options.HashedFiles, options.Lfs);
        var cache = cacheTask.GetAwaiter().GetResult();
        diagnostics.AddRange(ShardFileChecker.Check(manifest, options.Verify, cache, options.Progress, options.HashedFiles, options.Lfs));
        diagnostics.AddRange(setDiagnostics);
        cache?.Save();

        var loader = new ManifestLoader();
        loader.Add(manifest, read.Diagnostics);
        var lockFile = lockTask.GetAwaiter().GetResult();
        diagnostics.AddRange(lockDiagnostics);
        var lineage = new LineageResolver(loader).Resolve(manifest, lockFile);
        diagnostics.AddRange(lineage.Diagnostics);

        // Origin is a claim: human-labelled bytes that the lineage or the lock records as not human count as synthetic.
        var laundered = OriginHistory.Laundered(manifest, loader, lockFile);
        var mix = MixComposition.Compute(manifest, new HashSet<Model.Shard>(laundered.Select(l => l.Shard)));
        foreach (var shard in mix.ShardsWithoutAmount)
        {
            string measure = manifest.Policy.Measure.ToString().ToLowerInvariant();
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.MissingAmount, full, shard.ValueSpan("id"),
                $"Shard '{shard.Id}' has no '{measure}', which policy.measure needs to compute the human share; run 'provenance seal' or declare it."));
        }

        ShardManifest? parent = manifest.Parent is { } p && ManifestLoader.ResolveReference(manifest, p) is { } parentPath ? loader.Load(parentPath) : null;
        double floor = options.HumanFloor ?? manifest.Policy.HumanFloor;
        var store = options.FingerprintDirectory is { } fingerprintDirectory ? new FingerprintStore(fingerprintDirectory) : FingerprintStore.Default();
        var records = new ShardFingerprints(store, manifest.Directory) { ComputeMissing = options.Verify != VerifyMode.None };
        var context = new PolicyContext(manifest, mix, lineage, parent, lockFile, floor, options.LockedMode, laundered, records, loader);
        if (options.Diversity)
        {
            context.Diversity = DiversityAudit.Run(manifest, lineage, loader, options.DiversityCachePath);
        }

        // A shard with a manifest error of its own (orgin: human) is kept out of the verdicts: see PolicyContext.InvalidShards.
        context.InvalidShards = ShardsWithErrors(manifest, read.Diagnostics);
        foreach (var rule in Rules)
        {
            rule.Evaluate(context);
        }

        diagnostics.AddRange(context.Diagnostics);
        diagnostics.AddRange(UntrustedSidecars(full, manifest, lockFile, records));

        bool written = false;
        if (lockDiagnostics.Count == 0 && (options.LockedMode || options.UpdateLock))
        {
            // Writing the lock records each protected shard's multiset digest (read from the fingerprint sidecars, or the data).
            Func<Model.Shard, RecordSet?>? recordSet = options.LockedMode ? null : shard => records.Of(shard) is { } f ? RecordSet.Of(f) : null;
            var updated = LockUpdater.Update(manifest, lockFile, out var admitted, out var removed, context.Corpus, recordSet);
            if (options.LockedMode)
            {
                string lockName = Path.GetFileName(updated.FilePath);
                foreach (var shard in admitted)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.LockOutOfDate, full, shard.ValueSpan("id"),
                        $"Human shard '{shard.Id}' is not in {lockName}, and locked mode forbids updating it. Run 'provenance lock' (or build locally without ProvenanceLockedMode) and commit {lockName}."));
                }

                foreach (var removal in removed)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.LockOutOfDate, full, removal.Span,
                        $"The removal of '{removal.Id ?? removal.Digest}' is not recorded in {lockName}, and locked mode forbids updating it. Run 'provenance lock' and commit {lockName}."));
                }
            }
            else if (options.UpdateLock && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && (!explicitLock || d.Id.StartsWith("PROV1", StringComparison.Ordinal))))
            {
                written = WriteIfChanged(updated, lockFile);
            }
        }

        var result = Finish(full, diagnostics, manifest, mix, lineage, floor, written, () => Inputs(full, manifest, loader), context.Diversity);
        result.InvalidShards = context.InvalidShards.Count;
        result.Records = records;
        result.Corpus = context.Corpus;
        result.RemovalsById = ProtectedCorpus.RemovalsById(manifest, parent, lockFile);
        return result;
    }

    /// <summary>PROV1036 for each fingerprint sidecar found unsound and not regenerated, at the shard's digest (or, for a shard only the lock knows, at <c>shards:</c>).</summary>
    private static IEnumerable<ManifestDiagnostic> UntrustedSidecars(string path, ShardManifest manifest, LockFile? lockFile, ShardFingerprints records)
    {
        foreach (var problem in records.Problems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var shard = manifest.Shards.FirstOrDefault(s => s.Digest == problem.Key);
            string name = shard?.Id ?? lockFile?.Protected.FirstOrDefault(l => l.Digest == problem.Key)?.Id ?? problem.Key;
            yield return new ManifestDiagnostic(DiagnosticRegistry.FingerprintSidecarUntrusted, path, shard?.ValueSpan("digest") ?? manifest.KeySpan("shards"),
                $"The record-fingerprint sidecar of shard '{name}' ({problem.Value.Path}) is not trusted: {problem.Value.Reason}. Its records were not compared. Run 'provenance seal' with the shard's data present to regenerate it, or delete the file.");
        }
    }

    /// <summary>
    /// Writes the lock for <paramref name="manifestPath"/> (the <c>provenance lock</c> command): checks the manifest with
    /// <paramref name="options"/> (locked mode off), then writes the updated lock unless there are manifest errors (PROV1xxx);
    /// policy errors do not stop an explicit lock, since admitting human shards never weakens the protected corpus.
    /// </summary>
    public static CheckResult Lock(string manifestPath, CheckOptions? options = null)
    {
        options ??= new CheckOptions();
        options.LockedMode = false;
        options.UpdateLock = true;
        return Run(manifestPath, options, explicitLock: true);
    }

    /// <summary>The shards that hold a reader error (PROV1xxx) inside their own mapping.</summary>
    private static IReadOnlyCollection<Shard> ShardsWithErrors(ShardManifest manifest, IReadOnlyList<ManifestDiagnostic> readDiagnostics)
    {
        var errors = readDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Span.IsEmpty).Select(d => d.Span).ToList();
        if (errors.Count == 0)
        {
            return Array.Empty<Shard>();
        }

        return new HashSet<Shard>(manifest.Shards.Where(s => s.Node is not null && errors.Any(e => s.Span.Contains(e))));
    }

    private static bool WriteIfChanged(LockFile updated, LockFile? existing)
    {
        byte[] bytes = updated.ToBytes();
        bool copiesPresent = updated.Protected.Where(p => p.Files is not null).Select(p => p.Digest).Concat(updated.Synthetic.Where(p => p.Files is not null).Select(p => p.Digest))
            .All(digest => File.Exists(LockFile.IndexCopyPath(updated.FilePath, digest)));
        if (existing is not null && copiesPresent && File.Exists(updated.FilePath) && File.ReadAllBytes(updated.FilePath).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        updated.Save();
        return true;
    }

    /// <summary>The manifest, its lock, every manifest the loader read, and the local shard files (paths as written, made absolute).</summary>
    private static IReadOnlyList<string> Inputs(string manifestPath, ShardManifest manifest, ManifestLoader loader)
    {
        var inputs = new SortedSet<string>(loader.Paths, StringComparer.Ordinal) { manifestPath, LockFile.PathFor(manifestPath) };
        foreach (var shard in manifest.Shards)
        {
            if (shard.Path is not null && ManifestLoader.ResolveReference(manifest, shard.Path) is { } shardPath)
            {
                inputs.Add(shardPath);
            }

            // A set: its index and every local file it lists. Not their folders: MSBuild takes a folder input as always out of date.
            // (A file added to a set's folder without a re-seal is found by the next check that runs: CI, or any other change.)
            if (shard.IsSet && ManifestLoader.ResolveReference(manifest, Sets.ShardSetIndex.PathOf(manifest, shard)) is { } indexPath)
            {
                inputs.Add(indexPath);
                foreach (var entry in Sets.ShardSetChecker.ReadIndex(manifest, shard, new List<ManifestDiagnostic>())?.Entries ?? Array.Empty<Sets.IndexEntry>())
                {
                    if (!entry.IsRemote && ManifestLoader.ResolveReference(manifest, entry.Location) is { } file)
                    {
                        inputs.Add(file);
                    }
                }
            }
        }

        string lockIndexes = Path.GetDirectoryName(LockFile.IndexCopyPath(LockFile.PathFor(manifestPath), "sha256:x"))!;
        if (Directory.Exists(lockIndexes))
        {
            inputs.UnionWith(Directory.EnumerateFiles(lockIndexes, "*.tsv"));
        }

        return inputs.ToList();
    }

    private static CheckResult Finish(string path, List<ManifestDiagnostic> diagnostics, ShardManifest? manifest, MixComposition? mix, LineageResult? lineage, double floor, bool written, Func<IReadOnlyList<string>> inputs, DiversityReport? diversity = null)
    {
        var sorted = diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.FilePath, StringComparer.Ordinal)
            .ThenBy(x => x.d.Span.Line)
            .ThenBy(x => x.d.Span.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
        return new CheckResult(path, sorted, manifest, mix, lineage, floor, written, inputs, diversity);
    }
}
