using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// What the analyzers know about the project's training data, for one syntax tree. Read from analyzer config
/// only (no file I/O): the build's generated global config and <c>.editorconfig</c>.
/// <list type="bullet">
/// <item><c>provenance.data_roots</c>: <c>;</c>-separated folders that hold training data. Absolute, or relative to
/// the folder of the source file the option applies to (for <c>.editorconfig</c>) or to the project folder (global config).</item>
/// <item><c>provenance.shard_paths</c>: <c>;</c>-separated shard files named by the manifests.</item>
/// <item><c>provenance.data_extensions</c>: extensions that count as data files for the partial-path heuristic
/// (default <c>.jsonl;.json;.csv;.tsv;.parquet;.txt;.arrow</c>).</item>
/// <item><c>provenance.PROV3004.training_methods</c>: method-name prefixes that train a model (default <c>Train;Fit;FineTune;Learn</c>).</item>
/// </list>
/// </summary>
internal sealed class ProvenanceOptions
{
    public const string DataRootsKey = "provenance.data_roots";
    public const string ShardPathsKey = "provenance.shard_paths";
    public const string DataExtensionsKey = "provenance.data_extensions";
    public const string TrainingMethodsKey = "provenance.PROV3004.training_methods";
    private const string ProjectDirKey = "build_property.projectdir";

    private static readonly ImmutableHashSet<string> DefaultDataExtensions =
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, ".jsonl", ".json", ".csv", ".tsv", ".parquet", ".txt", ".arrow");

    private static readonly ImmutableArray<string> DefaultTrainingMethods =
        ImmutableArray.Create("Train", "Fit", "FineTune", "Learn");

    private ProvenanceOptions(
        ImmutableArray<string> dataRoots,
        ImmutableArray<string> shardPaths,
        ImmutableHashSet<string> dataExtensions,
        ImmutableArray<string> trainingMethods,
        ImmutableArray<string> baseDirectories)
    {
        DataRoots = dataRoots;
        ShardPaths = shardPaths;
        DataExtensions = dataExtensions;
        TrainingMethods = trainingMethods;
        BaseDirectories = baseDirectories;
    }

    /// <summary>Normalized data root folders (absolute when they could be resolved).</summary>
    public ImmutableArray<string> DataRoots { get; }

    /// <summary>Normalized shard file paths.</summary>
    public ImmutableArray<string> ShardPaths { get; }

    /// <summary>Extensions (with dot, any case) that count as data files for the partial-path heuristic.</summary>
    public ImmutableHashSet<string> DataExtensions { get; }

    /// <summary>Method-name prefixes that train a model (PROV3004).</summary>
    public ImmutableArray<string> TrainingMethods { get; }

    /// <summary>Folders a relative path in code is resolved against: the source file's folder, then the project folder.</summary>
    public ImmutableArray<string> BaseDirectories { get; }

    /// <summary>True when no data root and no shard path is configured: path-based checks are off.</summary>
    public bool HasNoPaths => DataRoots.IsEmpty && ShardPaths.IsEmpty;

    /// <summary>Parses the options that apply to <paramref name="tree"/>.</summary>
    public static ProvenanceOptions Create(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        var global = provider.GlobalOptions;
        var local = provider.GetOptions(tree);

        var sourceDirectory = tree.FilePath.Length > 0 ? PathText.GetDirectory(PathText.Normalize(tree.FilePath)) : string.Empty;
        string projectDirectory = string.Empty;
        if (global.TryGetValue(ProjectDirKey, out var projectDir) && !string.IsNullOrWhiteSpace(projectDir))
        {
            projectDirectory = PathText.Normalize(projectDir.Trim());
        }

        var roots = new List<string>();
        var shards = new List<string>();
        AddPaths(global, DataRootsKey, projectDirectory, roots);
        AddPaths(local, DataRootsKey, sourceDirectory, roots);
        AddPaths(global, ShardPathsKey, projectDirectory, shards);
        AddPaths(local, ShardPathsKey, sourceDirectory, shards);

        var extensions = DefaultDataExtensions;
        if (TryGet(local, global, DataExtensionsKey, out var extensionText))
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in SplitList(extensionText, ';', ','))
            {
                builder.Add(item.StartsWith(".", StringComparison.Ordinal) ? item : "." + item);
            }

            extensions = builder.ToImmutable();
        }

        var training = DefaultTrainingMethods;
        if (TryGet(local, global, TrainingMethodsKey, out var trainingText))
        {
            training = ImmutableArray.CreateRange(SplitList(trainingText, ';', ','));
        }

        var bases = ImmutableArray.CreateBuilder<string>();
        if (sourceDirectory.Length > 0)
        {
            bases.Add(sourceDirectory);
        }

        if (projectDirectory.Length > 0 && !projectDirectory.Equals(sourceDirectory, StringComparison.OrdinalIgnoreCase))
        {
            bases.Add(projectDirectory);
        }

        return new ProvenanceOptions(Distinct(roots), Distinct(shards), extensions, training, bases.ToImmutable());
    }

    private static bool TryGet(AnalyzerConfigOptions local, AnalyzerConfigOptions global, string key, out string value)
    {
        if (local.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            value = text;
            return true;
        }

        if (global.TryGetValue(key, out text) && !string.IsNullOrWhiteSpace(text))
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static void AddPaths(AnalyzerConfigOptions options, string key, string baseDirectory, List<string> into)
    {
        if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (var item in SplitList(text, ';'))
        {
            var path = PathText.IsRooted(item) || baseDirectory.Length == 0 ? item : PathText.Combine(baseDirectory, item);
            into.Add(PathText.Normalize(path));
        }
    }

    private static IEnumerable<string> SplitList(string text, params char[] separators)
    {
        foreach (var part in text.Split(separators))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                yield return item;
            }
        }
    }

    private static ImmutableArray<string> Distinct(List<string> items)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
        {
            if (item.Length > 0 && seen.Add(item))
            {
                builder.Add(item);
            }
        }

        // Longest first, so that the most specific root names a match.
        builder.Sort((a, b) => b.Length.CompareTo(a.Length));
        return builder.ToImmutable();
    }
}

/// <summary>Per-compilation cache of <see cref="ProvenanceOptions"/> by syntax tree (options are parsed once per file).</summary>
internal sealed class ProvenanceOptionsCache
{
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly ConcurrentDictionary<SyntaxTree, ProvenanceOptions> _byTree = new();

    public ProvenanceOptionsCache(AnalyzerConfigOptionsProvider provider) => _provider = provider;

    public ProvenanceOptions Get(SyntaxTree tree) => _byTree.GetOrAdd(tree, t => ProvenanceOptions.Create(_provider, t));
}
