using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using Provenance.Cli.Commands;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Export;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Yaml;

namespace Provenance.Cli.Import;

/// <summary>What <see cref="HuggingFaceCardImporter.Import"/> gives back: the starter manifest (null on errors) and the diagnostics, which point into the card.</summary>
internal sealed record CardImport(ShardManifest? Manifest, IReadOnlyList<ManifestDiagnostic> Diagnostics);

/// <summary>
/// Reads a Hugging Face dataset card (<c>README.md</c> with YAML front matter) into a starter manifest. Shards: the files
/// matched by <c>configs[].data_files</c> (globs relative to the card's folder), or every file under <c>--data</c>; with
/// neither, one remote shard per <c>dataset_info</c> split (<c>uri: hf://datasets/…</c>, records from
/// <c>num_examples</c>, measured in records). Origin: from <c>language_creators</c> (<c>machine-generated</c> →
/// synthetic; <c>found</c>, <c>crowdsourced</c>, <c>expert-generated</c> → human; both kinds → mixed; otherwise unknown),
/// and, for a file listed in a config named <c>human</c>, <c>synthetic</c>, <c>mixed</c> or <c>unknown</c>, that name
/// (what <c>provenance export --format hf-card</c> writes). Licence (<see cref="HuggingFaceLicenses"/>) and name go to
/// every shard's <c>source</c>. Cross-checks <c>dataset_info.splits[].num_examples</c> against the records counted in
/// each split's files (PROV1044). Diagnostics point into the card at line and column; never throws for bad input.
/// </summary>
internal static class HuggingFaceCardImporter
{
    /// <summary>The Hub's <c>language_creators</c> values.</summary>
    public static readonly string[] LanguageCreators = { "found", "crowdsourced", "expert-generated", "machine-generated", "other" };

    /// <summary>The Hub's <c>annotations_creators</c> values.</summary>
    public static readonly string[] AnnotationCreators = { "found", "crowdsourced", "expert-generated", "machine-generated", "no-annotation", "other" };

    private static readonly string[] HumanCreators = { "found", "crowdsourced", "expert-generated" };

    private const int MaxCardBytes = 16 * 1024 * 1024;

    private sealed record DataFile(string FullPath, string Config, string Split, ShardOrigin? ConfigOrigin, bool Exists);

    /// <summary>Imports <paramref name="cardPath"/>; shard paths are written relative to the folder of <paramref name="manifestPath"/>.</summary>
    public static CardImport Import(string cardPath, string manifestPath, string? dataDirectory, string? datasetName)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var root = ReadFrontMatter(cardPath, diagnostics);
        if (root is null)
        {
            return new CardImport(null, diagnostics);
        }

        string cardDirectory = Path.GetDirectoryName(Path.GetFullPath(cardPath))!;
        var creators = Values(root, "language_creators", cardPath, diagnostics, LanguageCreators);
        Values(root, "annotations_creators", cardPath, diagnostics, AnnotationCreators);
        var licenses = Values(root, "license", cardPath, diagnostics, null).Select(v => v.Value).ToList();
        string? licenseName = Scalar(root, "license_name");
        string? prettyName = Scalar(root, "pretty_name");
        string dataset = datasetName ?? InitCommand.Slug(prettyName ?? new DirectoryInfo(cardDirectory).Name, "dataset");
        var defaultOrigin = OriginOf(creators.Select(c => c.Value).ToList());

        var files = new List<DataFile>();
        if (dataDirectory is not null)
        {
            FilesUnder(cardPath, cardDirectory, dataDirectory, files, diagnostics);
        }
        else
        {
            ConfigFiles(root, cardPath, cardDirectory, files, diagnostics);
        }

        var info = DatasetInfo(root, cardPath, diagnostics);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new CardImport(null, diagnostics);
        }

        var manifest = new ShardManifest
        {
            Dataset = dataset,
            Description = $"Starter manifest imported from the Hugging Face dataset card {Path.GetFileName(cardPath)}{(prettyName is null ? string.Empty : " ('" + prettyName + "')")}: check each shard's origin, then run 'provenance seal' and 'provenance lock'.",
        };
        var source = new SourceInfo { Name = prettyName ?? dataset, License = HuggingFaceLicenses.ToSpdx(licenses, licenseName) };
        string manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => f.FullPath, StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(manifestDirectory, group.Key).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardPathOutside, cardPath, SourceSpan.FileStart,
                    $"'{group.Key}' is outside the folder of the manifest to write ({manifestDirectory}); write the manifest in the card's folder (the default) or above it."));
                continue;
            }

            var (format, compression) = ShardFormats.Infer(relative);
            manifest.Shards.Add(new Shard
            {
                Id = InitCommand.UniqueId(InitCommand.Slug(InitCommand.Stem(Path.GetFileName(relative)), "shard"), ids),
                Path = relative,
                Origin = group.Select(f => f.ConfigOrigin).FirstOrDefault(o => o is not null) ?? defaultOrigin,
                Format = format ?? ShardFormat.Other,
                Compression = compression,
                Source = source,
            });
        }

        if (files.Count == 0)
        {
            foreach (var split in info)
            {
                string config = split.Config == "default" ? string.Empty : "/" + split.Config;
                manifest.Shards.Add(new Shard
                {
                    Id = InitCommand.UniqueId(InitCommand.Slug((split.Config == "default" ? string.Empty : split.Config + "-") + split.Split, "split"), ids),
                    Uri = $"hf://datasets/{dataset}{config}/{split.Split}",
                    Origin = defaultOrigin,
                    Format = ShardFormat.Other,
                    Records = split.Examples,
                    Source = source,
                });
            }

            if (manifest.Shards.Count > 0)
            {
                manifest.Policy.Measure = Measure.Records;
            }
        }

        if (manifest.Shards.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardWithoutData, cardPath, root.GetKey("configs")?.Span ?? SourceSpan.FileStart,
                dataDirectory is not null
                    ? $"The folder '{dataDirectory}' holds no data files."
                    : "The card names no data files: no configs[].data_files and no dataset_info splits. Name the folder of the files with --data DIR."));
        }

        CrossCheck(info, files, cardPath, diagnostics);
        return new CardImport(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : manifest, diagnostics);
    }

    /// <summary>The origin a set of <c>language_creators</c> values says.</summary>
    public static ShardOrigin OriginOf(IReadOnlyCollection<string> creators)
    {
        bool human = creators.Any(c => HumanCreators.Contains(c));
        bool machine = creators.Contains("machine-generated");
        return human && machine ? ShardOrigin.Mixed : human ? ShardOrigin.Human : machine ? ShardOrigin.Synthetic : ShardOrigin.Unknown;
    }

    private static YMapping? ReadFrontMatter(string cardPath, List<ManifestDiagnostic> diagnostics)
    {
        string text;
        try
        {
            var info = new FileInfo(cardPath);
            if (info.Length > MaxCardBytes)
            {
                diagnostics.Add(Unreadable(cardPath, SourceSpan.FileStart, $"The card is {info.Length:N0} bytes; a dataset card is at most 16 MiB."));
                return null;
            }

            text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(cardPath)).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            diagnostics.Add(Unreadable(cardPath, SourceSpan.FileStart, ex is DecoderFallbackException ? "The card is not valid UTF-8." : "The card cannot be read: " + ex.Message));
            return null;
        }

        var lines = text.Replace("\r\n", "\n").Split('\n');
        int end = -1;
        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].TrimEnd() is "---" or "...")
                {
                    end = i;
                    break;
                }
            }
        }

        if (end < 0)
        {
            diagnostics.Add(Unreadable(cardPath, SourceSpan.FileStart, lines.Length > 0 && lines[0].TrimEnd() == "---"
                ? "The YAML front matter is not closed: add a line '---' after it."
                : "The card has no YAML front matter: a dataset card starts with a line '---', then YAML metadata, then a line '---'."));
            return null;
        }

        // One empty line first, so that line numbers in the YAML are line numbers in the card.
        string yaml = "\n" + string.Join("\n", lines.Skip(1).Take(end - 1));
        var yamlDiagnostics = new List<ManifestDiagnostic>();
        var node = YamlDocumentReader.Read(yaml, cardPath, yamlDiagnostics);
        foreach (var d in yamlDiagnostics)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardUnreadable, DiagnosticSeverity.Error, cardPath, d.Span, "Front matter: " + d.Message.Replace("The manifest", "The front matter")));
        }

        if (yamlDiagnostics.Count > 0)
        {
            return null;
        }

        if (node is not YMapping mapping)
        {
            diagnostics.Add(Unreadable(cardPath, node?.Span ?? new SourceSpan(2, 1, 2, 1), $"The front matter is {node?.KindName ?? "empty"}; it must be a mapping of keys (license, language_creators, configs, ...)."));
            return null;
        }

        return mapping;
    }

    private static List<YScalar> Values(YMapping root, string key, string cardPath, List<ManifestDiagnostic> diagnostics, string[]? allowed)
    {
        var values = new List<YScalar>();
        switch (root.Get(key))
        {
            case null:
                break;
            case YScalar { IsNull: true }:
                break;
            case YScalar scalar:
                values.Add(scalar);
                break;
            case YSequence sequence:
                foreach (var item in sequence.Items)
                {
                    if (item is YScalar s)
                    {
                        values.Add(s);
                    }
                    else
                    {
                        diagnostics.Add(Unreadable(cardPath, item.Span, $"'{key}' lists {item.KindName}; each entry must be a string."));
                    }
                }

                break;
            case var other:
                diagnostics.Add(Unreadable(cardPath, other.Span, $"'{key}' is {other.KindName}; it must be a string or a list of strings."));
                break;
        }

        if (allowed is not null)
        {
            foreach (var value in values.Where(v => !allowed.Contains(v.Value)))
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownCreator, cardPath, value.Span,
                    $"'{value.Value}' is not a {key} value the Hub defines ({string.Join(", ", allowed)}), so the origin of the data cannot be told."));
            }
        }

        return values;
    }

    private static string? Scalar(YMapping mapping, string key) =>
        mapping.Get(key) is YScalar { IsNull: false } s && s.Value.Trim().Length > 0 ? s.Value.Trim() : null;

    private static void FilesUnder(string cardPath, string cardDirectory, string dataDirectory, List<DataFile> files, List<ManifestDiagnostic> diagnostics)
    {
        string full = Path.GetFullPath(dataDirectory);
        if (!ShardPaths.IsUnder(cardDirectory, full) && full != cardDirectory)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardPathOutside, cardPath, SourceSpan.FileStart,
                $"--data '{dataDirectory}' is outside the card's folder ({cardDirectory}); the manifest's paths must stay inside its folder."));
            return;
        }

        if (!Directory.Exists(full))
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardWithoutData, cardPath, SourceSpan.FileStart, $"--data '{dataDirectory}' is not a folder."));
            return;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        foreach (string file in Directory.EnumerateFiles(full, "*", options).OrderBy(f => f, StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(cardDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(part => part.StartsWith('.')) || string.Equals(Path.GetFullPath(file), Path.GetFullPath(cardPath), StringComparison.Ordinal))
            {
                continue;
            }

            if (Checked(cardPath, cardDirectory, relative, SourceSpan.FileStart, diagnostics))
            {
                files.Add(new DataFile(Path.GetFullPath(file), "default", "train", null, true));
            }
        }
    }

    private static void ConfigFiles(YMapping root, string cardPath, string cardDirectory, List<DataFile> files, List<ManifestDiagnostic> diagnostics)
    {
        if (root.Get("configs") is not YSequence configs)
        {
            if (root.Get("configs") is { } wrong and not YScalar { IsNull: true })
            {
                diagnostics.Add(Unreadable(cardPath, wrong.Span, $"'configs' is {wrong.KindName}; it must be a list of configs, each with config_name and data_files."));
            }

            return;
        }

        foreach (var item in configs.Items)
        {
            if (item is not YMapping config)
            {
                continue; // a legacy card lists config names only; they name no files
            }

            string name = Scalar(config, "config_name") ?? "default";
            ShardOrigin? origin = name switch
            {
                "human" => ShardOrigin.Human,
                "synthetic" => ShardOrigin.Synthetic,
                "mixed" => ShardOrigin.Mixed,
                "unknown" => ShardOrigin.Unknown,
                _ => null,
            };
            foreach (var (pattern, split) in Patterns(config.Get("data_files"), cardPath, diagnostics))
            {
                Expand(cardPath, cardDirectory, pattern, diagnostics, (full, exists) => files.Add(new DataFile(full, name, split, origin, exists)));
            }
        }
    }

    private static IEnumerable<(YScalar Pattern, string Split)> Patterns(YNode? dataFiles, string cardPath, List<ManifestDiagnostic> diagnostics)
    {
        var patterns = new List<(YScalar, string)>();
        void Paths(YNode? node, string split)
        {
            switch (node)
            {
                case YScalar { IsNull: false } s:
                    patterns.Add((s, split));
                    break;
                case YSequence seq:
                    foreach (var item in seq.Items)
                    {
                        if (item is YScalar { IsNull: false } p)
                        {
                            patterns.Add((p, split));
                        }
                        else if (item is YMapping entry && split == "train" && ReferenceEquals(node, dataFiles))
                        {
                            Paths(entry.Get("path"), Scalar(entry, "split") ?? "train");
                        }
                        else
                        {
                            diagnostics.Add(Unreadable(cardPath, item.Span, $"A data_files entry is {item.KindName}; it must be a path pattern or a mapping with split and path."));
                        }
                    }

                    break;
                case null:
                case YScalar:
                    break;
                default:
                    diagnostics.Add(Unreadable(cardPath, node.Span, $"data_files is {node.KindName}; it must be a path pattern, or a list of patterns or of mappings with split and path."));
                    break;
            }
        }

        Paths(dataFiles, "train");
        return patterns;
    }

    private static void Expand(string cardPath, string cardDirectory, YScalar pattern, List<ManifestDiagnostic> diagnostics, Action<string, bool> add)
    {
        string text = pattern.Value.Trim().Replace('\\', '/');
        string? problem = text.Contains("://", StringComparison.Ordinal) ? "is a remote URL"
            : text.StartsWith('/') || (text.Length > 1 && text[1] == ':') ? "is an absolute path"
            : Escapes(text) ? "leaves the card's folder through '..'"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardPathOutside, cardPath, pattern.Span,
                $"data_files pattern '{pattern.Value}' {problem}; patterns are relative to the card's folder and stay inside it."));
            return;
        }

        if (text.IndexOfAny(new[] { '*', '?', '[', '{' }) < 0)
        {
            string full = Path.GetFullPath(Path.Combine(cardDirectory, text.Replace('/', Path.DirectorySeparatorChar)));
            if (!File.Exists(full))
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardDataFileMissing, cardPath, pattern.Span,
                    $"'{pattern.Value}' is not next to the card; the shard is listed, and 'provenance seal' needs the file (download the dataset's files into {cardDirectory})."));
                add(full, false);
            }
            else if (Checked(cardPath, cardDirectory, text, pattern.Span, diagnostics))
            {
                add(full, true);
            }

            return;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(text);
        var matches = matcher.GetResultsInFullPath(cardDirectory).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardDataFileMissing, cardPath, pattern.Span,
                $"data_files pattern '{pattern.Value}' matches no file next to the card (download the dataset's files into {cardDirectory})."));
        }

        foreach (string match in matches)
        {
            if (Checked(cardPath, cardDirectory, Path.GetRelativePath(cardDirectory, match).Replace(Path.DirectorySeparatorChar, '/'), pattern.Span, diagnostics))
            {
                add(Path.GetFullPath(match), true);
            }
        }
    }

    /// <summary>True when <paramref name="relative"/> stays inside the card's folder after resolving symbolic links.</summary>
    private static bool Checked(string cardPath, string cardDirectory, string relative, SourceSpan span, List<ManifestDiagnostic> diagnostics)
    {
        if (ShardPaths.Resolve(cardDirectory, relative, out string? problem) is null && problem is not null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.CardPathOutside, cardPath, span, $"'{relative}': {problem}"));
            return false;
        }

        return true;
    }

    private static bool Escapes(string pattern)
    {
        int depth = 0;
        foreach (string part in pattern.Split('/'))
        {
            depth += part == ".." ? -1 : part is "" or "." ? 0 : 1;
            if (depth < 0)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record SplitInfo(string Config, string Split, long Examples, SourceSpan Span);

    private static List<SplitInfo> DatasetInfo(YMapping root, string cardPath, List<ManifestDiagnostic> diagnostics)
    {
        var splits = new List<SplitInfo>();
        var configs = root.Get("dataset_info") switch
        {
            YMapping single => new List<YNode> { single },
            YSequence list => list.Items,
            _ => new List<YNode>(),
        };
        foreach (var config in configs.OfType<YMapping>())
        {
            string name = Scalar(config, "config_name") ?? "default";
            if (config.Get("splits") is not YSequence list)
            {
                continue;
            }

            foreach (var split in list.Items.OfType<YMapping>())
            {
                string? splitName = Scalar(split, "name");
                if (splitName is null)
                {
                    continue;
                }

                if (split.Get("num_examples") is YScalar { IsPlain: true } n && long.TryParse(n.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long examples))
                {
                    splits.Add(new SplitInfo(name, splitName, examples, n.Span));
                }
                else if (split.Get("num_examples") is { } bad)
                {
                    diagnostics.Add(Unreadable(cardPath, bad.Span, $"dataset_info split '{splitName}' has num_examples {(bad is YScalar s ? "'" + s.Value + "'" : bad.KindName)}; it must be a whole number."));
                }
            }
        }

        return splits;
    }

    private static void CrossCheck(List<SplitInfo> info, List<DataFile> files, string cardPath, List<ManifestDiagnostic> diagnostics)
    {
        foreach (var split in info)
        {
            var splitFiles = files.Where(f => f.Config == split.Config && f.Split == split.Split).ToList();
            if (splitFiles.Count == 0 || splitFiles.Any(f => !f.Exists))
            {
                continue;
            }

            long records = 0;
            foreach (var file in splitFiles)
            {
                var (format, compression) = ShardFormats.Infer(file.FullPath);
                if (format is not { } known || !ShardFormats.IsCounted(known))
                {
                    return;
                }

                try
                {
                    records += ShardCounter.CountFile(file.FullPath, known, compression).Records;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ShardContentException or InvalidDataException)
                {
                    return;
                }
            }

            if (records != split.Examples)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.NumExamplesMismatch, cardPath, split.Span,
                    $"dataset_info says split '{split.Split}' of config '{split.Config}' has {split.Examples:N0} examples, but its {(splitFiles.Count == 1 ? "file holds" : splitFiles.Count.ToString(CultureInfo.InvariantCulture) + " files hold")} {records:N0} records: the card or the files are out of date."));
            }
        }
    }

    private static ManifestDiagnostic Unreadable(string cardPath, SourceSpan span, string message) =>
        new(DiagnosticRegistry.CardUnreadable, cardPath, span, message);
}
