using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// What the analyzers know about the project's training data, for one syntax tree. Read from analyzer config
/// only (no file I/O): the build's generated global config and <c>.editorconfig</c>. Lists are separated by <c>|</c>
/// (Roslyn's config parser ends a value at <c>;</c> or <c>#</c>, so those cannot separate anything).
/// <list type="bullet">
/// <item><c>provenance.project_dir</c> (else <c>build_property.projectdir</c>): the project folder. Relative paths of the
/// global config are resolved against it, and partial-path matching applies only to source files inside it.</item>
/// <item><c>provenance.data_roots</c>: folders that hold training data. Absolute, or relative to the folder of the
/// <c>.editorconfig</c> file's source (for <c>.editorconfig</c>) or to the project folder (global config).</item>
/// <item><c>provenance.human_shards</c>, <c>provenance.synthetic_shards</c>, <c>provenance.manifest_files</c>: what the
/// manifests list (written by the build). When any of them is present, a file under a data root that none of them lists
/// is <em>derived</em> data (PROV3005); otherwise every file under a root counts as data.</item>
/// <item><c>provenance.shard_paths</c>: shard files named by hand (treated as listed shards).</item>
/// <item><c>provenance.data_extensions</c>: extensions that count as data files for the partial-path heuristic
/// (default <c>.jsonl|.json|.csv|.tsv|.parquet|.txt|.arrow</c>).</item>
/// <item><c>provenance.PROV3004.training_methods</c>: method-name prefixes that train a model (default <c>Train|Fit|FineTune|Learn</c>).</item>
/// </list>
/// Paths compare case-sensitively, as on Linux, unless the configured paths are Windows paths (a drive letter), whose
/// file system ignores case.
/// </summary>
internal sealed class ProvenanceOptions
{
    public const string ProjectDirKey = "provenance.project_dir";
    public const string DataRootsKey = "provenance.data_roots";
    public const string HumanShardsKey = "provenance.human_shards";
    public const string SyntheticShardsKey = "provenance.synthetic_shards";
    public const string ManifestFilesKey = "provenance.manifest_files";
    public const string ShardPathsKey = "provenance.shard_paths";
    public const string DataExtensionsKey = "provenance.data_extensions";
    public const string TrainingMethodsKey = "provenance.PROV3004.training_methods";
    private const string BuildProjectDirKey = "build_property.projectdir";

    private static readonly ImmutableHashSet<string> DefaultDataExtensions =
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, ".jsonl", ".json", ".csv", ".tsv", ".parquet", ".txt", ".arrow");

    private static readonly ImmutableArray<string> DefaultTrainingMethods =
        ImmutableArray.Create("Train", "Fit", "FineTune", "Learn");

    private ProvenanceOptions()
    {
    }

    /// <summary>The project folder (normalized), or empty when unknown.</summary>
    public string ProjectDirectory { get; private set; } = string.Empty;

    /// <summary>Normalized data root folders, longest first (the most specific root names a match).</summary>
    public ImmutableArray<string> DataRoots { get; private set; } = ImmutableArray<string>.Empty;

    /// <summary>What each listed file is: a human shard, another listed shard, a manifest or lock file.</summary>
    public ImmutableDictionary<string, DataKind> ListedFiles { get; private set; } = ImmutableDictionary<string, DataKind>.Empty;

    /// <summary>The build said what the manifests list: unlisted files under a root are derived data.</summary>
    public bool KnowsManifests { get; private set; }

    /// <summary>How paths compare: ordinal, or ignoring case for Windows paths.</summary>
    public StringComparison PathComparison { get; private set; } = StringComparison.Ordinal;

    /// <summary>Extensions (with dot, any case) that count as data files for the partial-path heuristic.</summary>
    public ImmutableHashSet<string> DataExtensions { get; private set; } = DefaultDataExtensions;

    /// <summary>Method-name prefixes that train a model (PROV3004).</summary>
    public ImmutableArray<string> TrainingMethods { get; private set; } = DefaultTrainingMethods;

    /// <summary>
    /// Folders a relative path in code is resolved against: the source file's folder, the project folder, and the project's
    /// output folder <c>bin/&lt;configuration&gt;/&lt;tfm&gt;</c> (so <c>../../../Data/x.csv</c>, relative to the running assembly
    /// in the ML.NET samples' <c>GetAbsolutePath</c> helper, lands in the project's <c>Data</c> folder).
    /// </summary>
    public ImmutableArray<string> BaseDirectories { get; private set; } = ImmutableArray<string>.Empty;

    /// <summary>The source file lies inside the project folder (or the folder is unknown): partial-path matching applies.</summary>
    public bool SourceInProject { get; private set; } = true;

    /// <summary>True when no data root and no listed file is configured: path-based checks are off.</summary>
    public bool HasNoPaths => DataRoots.IsEmpty && ListedFiles.IsEmpty;

    /// <summary>Parses the options that apply to <paramref name="tree"/>.</summary>
    public static ProvenanceOptions Create(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        var global = provider.GlobalOptions;
        var local = provider.GetOptions(tree);
        var options = new ProvenanceOptions();

        var sourceDirectory = tree.FilePath.Length > 0 ? PathText.GetDirectory(PathText.Normalize(tree.FilePath)) : string.Empty;
        if ((TryGet(local, global, ProjectDirKey, out var projectDir) || TryGet(local, global, BuildProjectDirKey, out projectDir)) &&
            !string.IsNullOrWhiteSpace(projectDir))
        {
            options.ProjectDirectory = PathText.Normalize(projectDir.Trim());
        }

        var roots = new List<string>();
        AddPaths(global, DataRootsKey, options.ProjectDirectory, roots);
        AddPaths(local, DataRootsKey, sourceDirectory, roots);

        var listed = new List<(string Path, DataKind Kind)>();
        AddListed(global, local, HumanShardsKey, DataKind.ProtectedShard, options.ProjectDirectory, sourceDirectory, listed);
        AddListed(global, local, ManifestFilesKey, DataKind.ManifestFile, options.ProjectDirectory, sourceDirectory, listed);
        AddListed(global, local, SyntheticShardsKey, DataKind.ListedShard, options.ProjectDirectory, sourceDirectory, listed);
        AddListed(global, local, ShardPathsKey, DataKind.ListedShard, options.ProjectDirectory, sourceDirectory, listed);
        options.KnowsManifests = Has(global, local, HumanShardsKey) || Has(global, local, SyntheticShardsKey) || Has(global, local, ManifestFilesKey);

        var ignoreCase = false;
        foreach (var path in roots)
        {
            ignoreCase |= PathText.IsWindowsPath(path);
        }

        foreach (var (path, _) in listed)
        {
            ignoreCase |= PathText.IsWindowsPath(path);
        }

        options.PathComparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        options.DataRoots = Distinct(roots, comparer);
        var files = ImmutableDictionary.CreateBuilder<string, DataKind>(comparer);
        foreach (var (path, kind) in listed)
        {
            if (!files.ContainsKey(path))
            {
                files.Add(path, kind); // first wins: human shard, manifest, then the rest
            }
        }

        options.ListedFiles = files.ToImmutable();

        if (TryGet(local, global, DataExtensionsKey, out var extensionText))
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in SplitList(extensionText))
            {
                builder.Add(item.StartsWith(".", StringComparison.Ordinal) ? item : "." + item);
            }

            options.DataExtensions = builder.ToImmutable();
        }

        if (TryGet(local, global, TrainingMethodsKey, out var trainingText))
        {
            options.TrainingMethods = ImmutableArray.CreateRange(SplitList(trainingText));
        }

        var bases = ImmutableArray.CreateBuilder<string>();
        if (sourceDirectory.Length > 0)
        {
            bases.Add(sourceDirectory);
        }

        if (options.ProjectDirectory.Length > 0)
        {
            if (!options.ProjectDirectory.Equals(sourceDirectory, options.PathComparison))
            {
                bases.Add(options.ProjectDirectory);
            }

            bases.Add(options.ProjectDirectory + "/bin/_configuration/_tfm");
            options.SourceInProject = sourceDirectory.Length == 0 || PathText.RelativeTo(sourceDirectory, options.ProjectDirectory, options.PathComparison) is not null;
        }

        options.BaseDirectories = bases.ToImmutable();
        return options;
    }

    private static bool Has(AnalyzerConfigOptions global, AnalyzerConfigOptions local, string key) =>
        global.TryGetValue(key, out _) || local.TryGetValue(key, out _);

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

    private static void AddListed(AnalyzerConfigOptions global, AnalyzerConfigOptions local, string key, DataKind kind, string projectDirectory, string sourceDirectory, List<(string, DataKind)> into)
    {
        var paths = new List<string>();
        AddPaths(global, key, projectDirectory, paths);
        AddPaths(local, key, sourceDirectory, paths);
        foreach (var path in paths)
        {
            into.Add((path, kind));
        }
    }

    private static void AddPaths(AnalyzerConfigOptions options, string key, string baseDirectory, List<string> into)
    {
        if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (var item in SplitList(text, pathList: true))
        {
            var path = PathText.IsRooted(item) || baseDirectory.Length == 0 ? item : PathText.Combine(baseDirectory, item);
            into.Add(PathText.Normalize(path));
        }
    }

    /// <summary>Items separated by <c>|</c> (and <c>;</c>, which survives in <c>.editorconfig</c> values read by other tools); lists of names also by <c>,</c>.</summary>
    private static IEnumerable<string> SplitList(string text, bool pathList = false)
    {
        foreach (var part in pathList ? text.Split('|', ';') : text.Split('|', ';', ','))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                yield return item;
            }
        }
    }

    private static ImmutableArray<string> Distinct(List<string> items, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
        {
            if (item.Length > 0 && seen.Add(item))
            {
                builder.Add(item);
            }
        }

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
