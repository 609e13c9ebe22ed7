using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Internal;

/// <summary>Whether a path names a file or a folder; a folder also matches when it contains a data root or a listed file.</summary>
internal enum PathKind
{
    File,
    Directory,
}

/// <summary>What a path names, from the weakest to the strongest case.</summary>
internal enum DataKind
{
    /// <summary>Not training data.</summary>
    None,

    /// <summary>A file under a data root that no manifest lists (split, pivot, cache): PROV3005.</summary>
    Derived,

    /// <summary>Under a data root, with no manifest information configured (every file there counts), or marked <c>[TrainingData]</c>.</summary>
    Data,

    /// <summary>A shard a manifest lists that is not human (synthetic, mixed, unknown), or one named in <c>provenance.shard_paths</c>.</summary>
    ListedShard,

    /// <summary>A manifest or its lock file.</summary>
    ManifestFile,

    /// <summary>A human shard a manifest lists (the protected corpus), or a value marked <c>[HumanCorpus]</c>.</summary>
    ProtectedShard,
}

/// <summary>The verdict on one path expression, with the words the diagnostic message uses.</summary>
internal readonly struct Classification
{
    public Classification(DataKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    public DataKind Kind { get; }

    /// <summary>Any kind of data, derived included.</summary>
    public bool IsTrainingData => Kind != DataKind.None;

    /// <summary>Derived data only (PROV3005 instead of PROV3001/PROV3002).</summary>
    public bool IsDerived => Kind == DataKind.Derived;

    /// <summary>For example <c>'data/human/a.jsonl' (protected human shard '/repo/data/human/a.jsonl')</c>.</summary>
    public string Description { get; }

    public static Classification No => default;
}

/// <summary>
/// Decides whether a path expression names training data, and which kind. In order:
/// <list type="number">
/// <item>Resolve the expression (<see cref="PathResolver"/>). Paths built from <c>Path.GetTempFileName()</c>/<c>GetTempPath()</c> are never data.</item>
/// <item>A fully known absolute path is compared with the files the manifests list (human shards, other shards, manifests
/// and lock files), then with the data roots; a relative one is first resolved against the source file's folder, the project
/// folder and the project's output folder (a heuristic: at run time it is relative to the working directory).</item>
/// <item>Otherwise (relative, or with an unresolved prefix) the <em>segment heuristic</em>, only for source files inside the
/// project: the known tail contains a segment equal (by the file system's case rule) to the last segment of a data root
/// (e.g. <c>data</c>), and what follows it, appended to that root, is a listed file, a folder holding one, or a file with a
/// data extension (<c>.jsonl</c>, <c>.csv</c>, ...).</item>
/// <item>A path built from a symbol marked <c>[TrainingData]</c>/<c>[HumanCorpus]</c> is data.</item>
/// </list>
/// Under a data root, files with model, log, report or temporary extensions (<c>.onnx</c>, <c>.safetensors</c>, <c>.log</c>,
/// <c>.tmp</c>, ...) and anything below a <c>logs</c>, <c>reports</c>, <c>cache</c>, <c>tmp</c>, <c>models</c> or <c>checkpoints</c>
/// folder are not data. With manifest information (<see cref="ProvenanceOptions.KnowsManifests"/>), a file under a root that no
/// manifest lists is <see cref="DataKind.Derived"/>.
/// </summary>
internal static class TrainingDataClassifier
{
    private static readonly ImmutableHashSet<string> NonDataExtensions = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ".onnx", ".safetensors", ".gguf", ".ggml", ".pt", ".pth", ".ckpt", ".h5", ".pb", ".tflite", ".mlmodel", ".mlnet",
        ".log", ".tmp", ".temp", ".partial", ".part", ".download", ".crdownload", ".bak", ".lock",
        ".html", ".htm", ".pdf", ".png", ".svg");

    private static readonly ImmutableHashSet<string> NonDataFolders = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "log", "logs", "report", "reports", "cache", ".cache", "caches", "tmp", "temp", ".tmp", "model", "models", "checkpoints");

    /// <summary>Extensions that mark a temporary download or staging file (temp-then-rename).</summary>
    public static bool IsTemporaryExtension(string extension) =>
        extension is ".tmp" or ".temp" or ".partial" or ".part" or ".download" or ".crdownload";

    public static Classification Classify(IOperation pathOperation, PathKind kind, ProvenanceOptions options, WellKnownTypes types) =>
        Classify(pathOperation, kind, options, types, null, null, out _);

    /// <summary>Classifies with the compilation-wide record and a binding of parameters (<see cref="PathFlow"/>); <paramref name="value"/> tells whether following could learn more.</summary>
    public static Classification Classify(IOperation pathOperation, PathKind kind, ProvenanceOptions options, WellKnownTypes types, PathFlow? flow, PathBinding? binding, out PathValue value)
    {
        value = PathResolver.Resolve(pathOperation, types, flow, binding);
        if (value.IsTemporary)
        {
            return Classification.No;
        }

        var display = Display(pathOperation);
        var effectiveKind = value.IsChildOfText ? PathKind.File : kind;

        if (!value.HasUnknownPrefix && value.Text.Length > 0 && !options.HasNoPaths)
        {
            var text = PathText.Normalize(value.Text);
            if (PathText.IsRooted(text))
            {
                var verdict = CheckKnown(text, value.IsChildOfText, kind, options, display);
                if (verdict.HasValue)
                {
                    return verdict.Value;
                }
            }
            else
            {
                foreach (var baseDirectory in options.BaseDirectories)
                {
                    var verdict = CheckKnown(PathText.Normalize(PathText.Combine(baseDirectory, text)), value.IsChildOfText, kind, options, display);
                    if (verdict.HasValue)
                    {
                        return verdict.Value;
                    }
                }

                var tail = CheckTail(text, atBoundary: true, value.IsChildOfText, effectiveKind, options, display);
                if (tail.HasValue)
                {
                    return tail.Value;
                }
            }
        }
        else if (value.HasUnknownPrefix && !options.HasNoPaths)
        {
            var atBoundary = value.TailAtBoundary || value.Text.StartsWith("/", StringComparison.Ordinal) || value.Text.StartsWith("\\", StringComparison.Ordinal);
            var tail = CheckTail(PathText.Normalize(value.Text), atBoundary, value.IsChildOfText, effectiveKind, options, display);
            if (tail.HasValue)
            {
                return tail.Value;
            }
        }

        if (value.MarkedSymbol is not null)
        {
            var tailText = value.HasUnknownPrefix || value.IsChildOfText ? value.Text : string.Empty;
            var segments = PathText.Segments(PathText.Normalize(tailText));
            if (segments.Contains("..") || IsExcluded(segments, value.IsChildOfText))
            {
                return Classification.No;
            }

            if (!value.HasUnknownPrefix && !value.IsChildOfText &&
                NonDataExtensions.Contains(PathText.GetExtension(PathText.Normalize(value.Text))))
            {
                return Classification.No;
            }

            var markedKind = value.MarkerName == "HumanCorpus" ? DataKind.ProtectedShard : DataKind.Data;
            return new Classification(markedKind, $"{display} (built from '{value.MarkedSymbol.Name}', marked [{value.MarkerName}])");
        }

        return Classification.No;
    }

    /// <summary>The source text of a path expression, shortened for a message.</summary>
    public static string Display(IOperation operation)
    {
        var constant = operation.ConstantValue;
        var text = constant.HasValue && constant.Value is string literal
            ? literal
            : operation.Syntax.ToString().Replace("\r", string.Empty).Replace("\n", " ");
        if (text.Length > 80)
        {
            text = text.Substring(0, 77) + "...";
        }

        return "'" + text + "'";
    }

    /// <returns>A verdict when the path is a listed file or lies under a root (match or explicitly excluded), else null.</returns>
    private static Classification? CheckKnown(string path, bool childOf, PathKind kind, ProvenanceOptions options, string display)
    {
        if (!childOf && options.ListedFiles.TryGetValue(path, out var listedKind))
        {
            return Listed(listedKind, path, display);
        }

        if (kind == PathKind.Directory || childOf)
        {
            // A folder is as strong as the strongest listed file inside it.
            var strongest = DataKind.None;
            var example = string.Empty;
            foreach (var pair in options.ListedFiles)
            {
                if (pair.Value > strongest && PathText.RelativeTo(pair.Key, path, options.PathComparison) is { Length: > 0 } &&
                    !IsExcluded(PathText.Segments(PathText.RelativeTo(pair.Key, path, options.PathComparison)!), childOf: false))
                {
                    strongest = pair.Value;
                    example = pair.Key;
                }
            }

            if (strongest != DataKind.None)
            {
                return new Classification(strongest, $"{display} (holds {Describe(strongest)} '{example}')");
            }
        }

        foreach (var root in options.DataRoots)
        {
            var relative = PathText.RelativeTo(path, root, options.PathComparison);
            if (relative is null)
            {
                continue;
            }

            var segments = PathText.Segments(relative);
            if (IsExcluded(segments, childOf))
            {
                return Classification.No;
            }

            if (segments.Length == 0 && kind == PathKind.File && !childOf)
            {
                continue; // the root folder itself is not a file
            }

            return UnderRoot(root, display, options);
        }

        if (kind == PathKind.Directory && !childOf)
        {
            foreach (var root in options.DataRoots)
            {
                if (PathText.RelativeTo(root, path, options.PathComparison) is { Length: > 0 })
                {
                    return new Classification(options.KnowsManifests ? DataKind.Derived : DataKind.Data, $"{display} (contains data root '{root}')");
                }
            }
        }

        return null;
    }

    private static Classification? CheckTail(string tail, bool atBoundary, bool childOf, PathKind kind, ProvenanceOptions options, string display)
    {
        if (!options.SourceInProject)
        {
            return null; // a root of this project says nothing about a file of another one
        }

        var segments = PathText.Segments(tail);
        foreach (var root in options.DataRoots)
        {
            var rootSegments = PathText.Segments(root);
            if (rootSegments.Length == 0)
            {
                continue;
            }

            var last = rootSegments[rootSegments.Length - 1];
            for (var i = 0; i < segments.Length; i++)
            {
                if ((i == 0 && !atBoundary) || !segments[i].Equals(last, options.PathComparison))
                {
                    continue;
                }

                var rest = segments.Skip(i + 1).ToArray();
                if (rest.Contains("..") || IsExcluded(rest, childOf))
                {
                    continue;
                }

                if (rest.Length == 0)
                {
                    if (kind == PathKind.Directory || childOf)
                    {
                        return new Classification(options.KnowsManifests ? StrongestUnder(root, options) : DataKind.Data, $"{display} (the data root '{root}')");
                    }

                    continue;
                }

                var candidate = root + "/" + string.Join("/", rest);
                if (!childOf && options.ListedFiles.TryGetValue(candidate, out var listedKind))
                {
                    return Listed(listedKind, candidate, display);
                }

                {
                    // A folder holding a listed file (for a file write too: the old behaviour, a path naming a shard folder).
                    var strongest = StrongestUnder(candidate, options);
                    if (strongest > DataKind.Derived)
                    {
                        return new Classification(strongest, $"{display} (holds {Describe(strongest)} under '{candidate}')");
                    }
                }

                if (childOf || kind == PathKind.Directory || options.DataExtensions.Contains(PathText.GetExtension(rest[rest.Length - 1])))
                {
                    return options.KnowsManifests
                        ? new Classification(DataKind.Derived, $"{display} (a file under a '{last}' folder like data root '{root}')")
                        : new Classification(DataKind.Data, $"{display} (a data file under a '{last}' folder, like data root '{root}')");
                }
            }
        }

        return null;
    }

    private static DataKind StrongestUnder(string folder, ProvenanceOptions options)
    {
        var strongest = DataKind.Derived;
        foreach (var pair in options.ListedFiles)
        {
            if (pair.Value > strongest && PathText.RelativeTo(pair.Key, folder, options.PathComparison) is { Length: > 0 })
            {
                strongest = pair.Value;
            }
        }

        return strongest;
    }

    private static Classification UnderRoot(string root, string display, ProvenanceOptions options) =>
        options.KnowsManifests
            ? new Classification(DataKind.Derived, $"{display} (under data root '{root}', listed by no manifest)")
            : new Classification(DataKind.Data, $"{display} (under data root '{root}')");

    private static Classification Listed(DataKind kind, string path, string display) =>
        new(kind, kind == DataKind.ListedShard ? $"{display} (shard '{path}')" : $"{display} ({Describe(kind)} '{path}')");

    private static string Describe(DataKind kind) => kind switch
    {
        DataKind.ProtectedShard => "protected human shard",
        DataKind.ManifestFile => "manifest or lock file",
        DataKind.ListedShard => "shard",
        _ => "data",
    };

    /// <summary>True when a path below a data root is a model, log, report, cache or temporary file rather than data.</summary>
    private static bool IsExcluded(string[] segmentsBelowRoot, bool childOf)
    {
        for (var i = 0; i < segmentsBelowRoot.Length; i++)
        {
            if (NonDataFolders.Contains(segmentsBelowRoot[i]))
            {
                return true;
            }
        }

        if (segmentsBelowRoot.Length > 0 && !childOf)
        {
            return NonDataExtensions.Contains(PathText.GetExtension(segmentsBelowRoot[segmentsBelowRoot.Length - 1]));
        }

        return false;
    }
}
