using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Lineage;

/// <summary>
/// Computes every shard's generation through its <c>generator.trainedOn</c> manifests and checks lineage integrity:
/// cycles (PROV1015), unreadable references (PROV1016), unknown <c>derivedFrom</c> ids (PROV1014) and declared
/// generations below the computed one (PROV1017).
/// <para>
/// Rule (BRIEF section 3, after Shumailov et al., Nature 631, 2024): human shards are generation 0; a synthetic shard's
/// generation is 1 + the generation of the model that produced it, and that model's generation is the highest shard
/// generation in its <c>trainedOn</c> manifest. A generator without <c>trainedOn</c> (a hosted API) makes generation 1
/// unless a higher one is declared. Mixed and unknown shards are treated like synthetic ones (fail closed).
/// </para>
/// </summary>
public sealed class LineageResolver
{
    private readonly ManifestLoader _loader;
    private readonly Dictionary<string, int> _maxGeneration = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _models = new(StringComparer.Ordinal);
    private Locking.LockFile? _lock;

    /// <summary>Creates a resolver that reads referenced manifests through <paramref name="loader"/>.</summary>
    public LineageResolver(ManifestLoader loader) => _loader = loader;

    /// <summary>
    /// Resolves the lineage of <paramref name="manifest"/>; diagnostics point into that manifest only. With
    /// <paramref name="lockFile"/>, a <c>derivedFrom</c> id may also name a removal the lock records, or a protected shard
    /// renamed since it was locked (resolved through the lock's digest).
    /// </summary>
    public LineageResult Resolve(ShardManifest manifest, Locking.LockFile? lockFile = null)
    {
        _lock = lockFile;
        var diagnostics = new List<ManifestDiagnostic>();
        var generations = new Dictionary<Shard, int>(manifest.Shards.Count);
        var models = new Dictionary<Shard, IReadOnlyCollection<string>>(manifest.Shards.Count);
        var stack = new List<string> { manifest.FilePath };
        foreach (var shard in manifest.Shards)
        {
            generations[shard] = ShardGeneration(manifest, shard, stack, diagnostics, out var lineageModels);
            models[shard] = lineageModels;
        }

        CheckDerivedFrom(manifest, diagnostics);
        CheckParentChain(manifest, diagnostics);
        return new LineageResult(generations, models, diagnostics);
    }

    /// <summary>Normalizes a model name for lineage comparison: drops an <c>@version</c> or <c>@sha256:…</c> suffix, case-insensitive.</summary>
    public static string NormalizeModel(string model)
    {
        int at = model.IndexOf('@');
        return (at > 0 ? model.Substring(0, at) : model).Trim().ToLowerInvariant();
    }

    private static readonly HashSet<string> NoModels = new(StringComparer.Ordinal);

    private int ShardGeneration(ShardManifest manifest, Shard shard, List<string> stack, List<ManifestDiagnostic>? diagnostics, out HashSet<string> lineageModels)
    {
        lineageModels = NoModels; // shared while nothing is added: most shards of a large mix have no generator
        if (shard.Origin == ShardOrigin.Human)
        {
            return 0;
        }

        if (shard.Generator is not null)
        {
            lineageModels = new HashSet<string>(StringComparer.Ordinal);
        }

        if (shard.Generator?.Model is { } model)
        {
            lineageModels.Add(NormalizeModel(model));
        }

        int computed = 1;
        if (shard.Generator?.TrainedOn is { } trainedOn)
        {
            var span = shard.Generator.ValueSpan("trainedOn");
            string? target = ManifestLoader.ResolveReference(manifest, trainedOn);
            if (target is null)
            {
                diagnostics?.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownManifest, manifest.FilePath, span,
                    $"generator.trainedOn '{trainedOn}' of shard '{shard.Id}' is not a valid path."));
            }
            else if (stack.Contains(target))
            {
                int start = stack.IndexOf(target);
                string cycle = string.Join(" -> ", stack.Skip(start).Concat(new[] { target }).Select(System.IO.Path.GetFileName));
                diagnostics?.Add(new ManifestDiagnostic(DiagnosticRegistry.LineageCycle, manifest.FilePath, span,
                    $"Lineage cycle through generator.trainedOn of shard '{shard.Id}': {cycle}. A model cannot be trained on data it generated later."));
                return Math.Max(shard.Generation ?? 1, 1);
            }
            else
            {
                var result = _loader.LoadResult(target);
                if (result.Manifest is null)
                {
                    diagnostics?.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownManifest, manifest.FilePath, span,
                        $"generator.trainedOn manifest '{trainedOn}' of shard '{shard.Id}' {Why(result)}."));
                }
                else
                {
                    stack.Add(target);
                    int? upstream = MaxGeneration(result.Manifest, stack, out var upstreamModels, out string? cycle);
                    stack.RemoveAt(stack.Count - 1);
                    if (upstream is null)
                    {
                        diagnostics?.Add(new ManifestDiagnostic(DiagnosticRegistry.LineageCycle, manifest.FilePath, span,
                            $"Lineage cycle through generator.trainedOn of shard '{shard.Id}': {cycle}."));
                    }
                    else
                    {
                        computed = upstream.Value + 1;
                        lineageModels.UnionWith(upstreamModels);
                    }
                }
            }
        }

        if (shard.Generation is { } declared && declared < computed)
        {
            diagnostics?.Add(new ManifestDiagnostic(DiagnosticRegistry.GenerationTooLow, manifest.FilePath, shard.ValueSpan("generation"),
                $"Shard '{shard.Id}' declares generation {declared}, but its generator was trained on generation {computed - 1} data, so it is generation {computed}."));
        }

        return Math.Max(shard.Generation ?? computed, computed);
    }

    /// <summary>The highest generation in a referenced manifest, or null on a cycle (then <paramref name="cycle"/> names it).</summary>
    private int? MaxGeneration(ShardManifest manifest, List<string> stack, out HashSet<string> models, out string? cycle)
    {
        cycle = null;
        if (_maxGeneration.TryGetValue(manifest.FilePath, out int memo))
        {
            models = _models[manifest.FilePath];
            return memo;
        }

        models = new HashSet<string>(StringComparer.Ordinal);
        int max = 0;
        foreach (var shard in manifest.Shards)
        {
            var inner = new List<ManifestDiagnostic>();
            int generation = ShardGeneration(manifest, shard, stack, inner, out var shardModels);
            var cycleDiagnostic = inner.FirstOrDefault(d => d.Descriptor == DiagnosticRegistry.LineageCycle);
            if (cycleDiagnostic is not null)
            {
                cycle = string.Join(" -> ", stack.Select(System.IO.Path.GetFileName)) + " -> …";
                return null;
            }

            models.UnionWith(shardModels);
            max = Math.Max(max, generation);
        }

        _maxGeneration[manifest.FilePath] = max;
        _models[manifest.FilePath] = models;
        return max;
    }

    private void CheckDerivedFrom(ShardManifest manifest, List<ManifestDiagnostic> diagnostics)
    {
        if (!manifest.Shards.Any(s => s.DerivedFrom.Count > 0))
        {
            return;
        }

        var known = new HashSet<string>(manifest.Shards.Select(s => s.Id), StringComparer.Ordinal);
        ShardManifest? parentManifest = null;
        if (manifest.Parent is { } parent && ManifestLoader.ResolveReference(manifest, parent) is { } parentPath && (parentManifest = _loader.Load(parentPath)) is not null)
        {
            known.UnionWith(parentManifest.Shards.Select(s => s.Id));
        }

        // Approved removals keep their ids in the lineage (PROV2012 warns on what derives from them), and a shard renamed
        // since the lock is found through the lock's digest.
        known.UnionWith(Policy.ProtectedCorpus.RemovalsById(manifest, parentManifest, _lock).Keys);
        var digests = new HashSet<string>(manifest.Shards.Where(s => s.Digest is not null).Select(s => s.Digest!), StringComparer.Ordinal);
        known.UnionWith((_lock?.Protected ?? new List<Locking.LockedShard>()).Where(l => digests.Contains(l.Digest)).Select(l => l.Id));

        foreach (var shard in manifest.Shards)
        {
            if (shard.DerivedFrom.Count == 0)
            {
                continue;
            }

            var scope = new HashSet<string>(known, StringComparer.Ordinal);
            if (shard.Generator?.TrainedOn is { } trainedOn && ManifestLoader.ResolveReference(manifest, trainedOn) is { } t && _loader.Load(t) is { } upstream)
            {
                scope.UnionWith(upstream.Shards.Select(s => s.Id));
            }

            var items = (shard.Node?.Get("derivedFrom") as YSequence)?.Items;
            for (int i = 0; i < shard.DerivedFrom.Count; i++)
            {
                string id = shard.DerivedFrom[i];
                if (!scope.Contains(id))
                {
                    var span = items is not null && i < items.Count ? items[i].Span : shard.ValueSpan("derivedFrom");
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownDerivedFrom, manifest.FilePath, span,
                        $"Shard '{shard.Id}' is derived from '{id}', which is no shard of this manifest, its parent or its generator's trainedOn manifest, nor an approved removal."));
                }
            }
        }
    }

    private void CheckParentChain(ShardManifest manifest, List<ManifestDiagnostic> diagnostics)
    {
        if (manifest.Parent is not { } parent)
        {
            return;
        }

        var span = manifest.ValueSpan("parent");
        string? parentPath = ManifestLoader.ResolveReference(manifest, parent);
        if (parentPath is null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownManifest, manifest.FilePath, span, $"parent '{parent}' is not a valid path."));
            return;
        }

        var first = _loader.LoadResult(parentPath);
        if (first.Manifest is null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownManifest, manifest.FilePath, span, $"parent manifest '{parent}' {Why(first)}."));
            return;
        }

        var chain = new List<string> { manifest.FilePath };
        string? current = parentPath;
        while (current is not null)
        {
            if (chain.Contains(current))
            {
                string cycle = string.Join(" -> ", chain.Concat(new[] { current }).Select(System.IO.Path.GetFileName));
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.LineageCycle, manifest.FilePath, span,
                    $"Lineage cycle through parent: {cycle}."));
                return;
            }

            chain.Add(current);
            var m = _loader.Load(current);
            current = m?.Parent is { } p ? ManifestLoader.ResolveReference(m, p) : null;
        }
    }

    private static string Why(Reading.ManifestReadResult result) =>
        (result.Diagnostics.FirstOrDefault() is { } d && d.Descriptor != DiagnosticRegistry.ManifestUnreadable
            ? $"cannot be used: {d.Id} at line {d.Span.Line}: {d.Message}"
            : "cannot be read" + (result.Diagnostics.FirstOrDefault() is { } u ? ": " + u.Message : string.Empty)).TrimEnd('.');
}

/// <summary>The lineage of one manifest: each shard's effective generation, the models in its lineage, and lineage diagnostics.</summary>
public sealed class LineageResult
{
    internal LineageResult(Dictionary<Shard, int> generations, Dictionary<Shard, IReadOnlyCollection<string>> models, List<ManifestDiagnostic> diagnostics)
    {
        Generations = generations;
        ModelsInLineage = models;
        Diagnostics = diagnostics;
    }

    /// <summary>Effective generation per shard: max(declared, computed).</summary>
    public IReadOnlyDictionary<Shard, int> Generations { get; }

    /// <summary>Normalized names (<see cref="LineageResolver.NormalizeModel"/>) of the generator and every model upstream of each shard.</summary>
    public IReadOnlyDictionary<Shard, IReadOnlyCollection<string>> ModelsInLineage { get; }

    /// <summary>The highest generation in the manifest (0 when it holds only human data or nothing).</summary>
    public int MaxGeneration => Generations.Count == 0 ? 0 : Generations.Values.Max();

    /// <summary>PROV1014–PROV1017 diagnostics.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }
}
