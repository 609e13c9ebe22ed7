using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Internal;

/// <summary>Whether a path names a file or a folder; a folder also matches when it contains a data root (deleting it deletes the data).</summary>
internal enum PathKind
{
    File,
    Directory,
}

/// <summary>The verdict on one path expression, with the words the diagnostic message uses.</summary>
internal readonly struct Classification
{
    public Classification(bool isTrainingData, string description)
    {
        IsTrainingData = isTrainingData;
        Description = description;
    }

    public bool IsTrainingData { get; }

    /// <summary>For example <c>'data/human/a.jsonl' (under data root '/repo/data')</c>.</summary>
    public string Description { get; }

    public static Classification No => default;
}

/// <summary>
/// Decides whether a path expression names training data. In order:
/// <list type="number">
/// <item>Resolve the expression (<see cref="PathResolver"/>). Paths built from <c>Path.GetTempFileName()</c>/<c>GetTempPath()</c> are never data.</item>
/// <item>A fully known absolute path is data when it equals a shard path or lies under a data root; a relative one is first
/// resolved against the source file's folder and the project folder (a heuristic: at run time it is relative to the working directory).</item>
/// <item>Otherwise (relative, or with an unresolved prefix) the <em>segment heuristic</em>: the known tail contains a segment equal to
/// the last segment of a data root (e.g. <c>data</c>), and what follows it, appended to that root, is a shard path, a folder holding
/// a shard, or a file with a data extension (<c>.jsonl</c>, <c>.csv</c>, ...).</item>
/// <item>A path built from a symbol marked <c>[TrainingData]</c>/<c>[HumanCorpus]</c> is data.</item>
/// </list>
/// Under a data root, files with model, log, report or temporary extensions (<c>.onnx</c>, <c>.safetensors</c>, <c>.log</c>,
/// <c>.tmp</c>, ...) and anything below a <c>logs</c>, <c>reports</c>, <c>cache</c>, <c>tmp</c>, <c>models</c> or <c>checkpoints</c>
/// folder are not data.
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

    public static Classification Classify(IOperation pathOperation, PathKind kind, ProvenanceOptions options, WellKnownTypes types)
    {
        var value = PathResolver.Resolve(pathOperation, types);
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

            return new Classification(true, $"{display} (built from '{value.MarkedSymbol.Name}', marked [{value.MarkerName}])");
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

    /// <returns>A verdict when the path lies under a root (match or explicitly excluded), else null.</returns>
    private static Classification? CheckKnown(string path, bool childOf, PathKind kind, ProvenanceOptions options, string display)
    {
        foreach (var shard in options.ShardPaths)
        {
            if (!childOf && path.Equals(shard, StringComparison.OrdinalIgnoreCase))
            {
                return new Classification(true, $"{display} (shard '{shard}')");
            }
        }

        foreach (var root in options.DataRoots)
        {
            var relative = PathText.RelativeTo(path, root);
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

            return new Classification(true, $"{display} (under data root '{root}')");
        }

        if (kind == PathKind.Directory && !childOf)
        {
            foreach (var root in options.DataRoots)
            {
                if (PathText.RelativeTo(root, path) is { Length: > 0 })
                {
                    return new Classification(true, $"{display} (contains data root '{root}')");
                }
            }
        }

        return null;
    }

    private static Classification? CheckTail(string tail, bool atBoundary, bool childOf, PathKind kind, ProvenanceOptions options, string display)
    {
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
                if ((i == 0 && !atBoundary) || !segments[i].Equals(last, StringComparison.OrdinalIgnoreCase))
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
                        return new Classification(true, $"{display} (the data root '{root}')");
                    }

                    continue;
                }

                var candidate = root + "/" + string.Join("/", rest);
                foreach (var shard in options.ShardPaths)
                {
                    if (candidate.Equals(shard, StringComparison.OrdinalIgnoreCase) || PathText.RelativeTo(shard, candidate) is not null)
                    {
                        return new Classification(true, $"{display} (shard '{shard}')");
                    }
                }

                if (childOf || kind == PathKind.Directory || options.DataExtensions.Contains(PathText.GetExtension(rest[rest.Length - 1])))
                {
                    return new Classification(true, $"{display} (a data file under a '{last}' folder, like data root '{root}')");
                }
            }
        }

        return null;
    }

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
