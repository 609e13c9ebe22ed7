using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Cli.Output;
using Provenance.Manifest.Content;
using Provenance.Manifest.Model;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance init [DIR] [--origin human|synthetic|unknown] [--dataset NAME] [--seal]</c>: writes a starter
/// <c>DIR/provenance.yaml</c> (through <see cref="ManifestWriter"/>, schema comment first) with one shard per file under
/// <c>DIR/data</c>. Format and compression come from each file's name (<see cref="ShardFormats.Infer"/>); origin from
/// its folders (<see cref="OriginInference"/>: <c>human/</c>, <c>synthetic/</c>, <c>generated/</c>, <c>synth/</c>), else
/// <c>unknown</c>, which counts as synthetic (fail closed) until a person says otherwise; <c>--origin</c> sets every
/// shard's origin instead. Never overwrites an existing manifest.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var directory = CommonOptions.RejectOptionLike(new Argument<string?>("DIR")
        {
            Description = "The folder to write provenance.yaml into; its data/ subfolder is scanned for shards. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrOne,
        });
        var origin = new Option<string>("--origin")
        {
            Description = "Origin of every listed shard. Default: inferred from folder names (human/ is human; synthetic/, generated/, synth/ are synthetic), else unknown, which counts as synthetic until you say otherwise.",
            HelpName = "human|synthetic|unknown",
        };
        origin.AcceptOnlyFromAmong("human", "synthetic", "unknown");
        var dataset = new Option<string?>("--dataset")
        {
            Description = "The dataset name. Default: the folder's name.",
            HelpName = "name",
        };
        var seal = new Option<bool>("--seal")
        {
            Description = "Seal the new manifest right away (digest and amounts of every shard).",
        };
        var command = new Command("init", "Write a starter provenance.yaml listing the files under DIR/data. Refuses to overwrite an existing manifest.")
        {
            directory, origin, dataset, seal,
        };
        command.SetAction(parseResult =>
        {
            string folder = context.Environment.ResolvePath(parseResult.GetValue(directory) ?? ".");
            if (!Directory.Exists(folder))
            {
                return context.Fail($"'{context.Environment.DisplayPath(folder)}' is not a folder.");
            }

            string manifestPath = Path.Combine(folder, CommonOptions.DefaultManifest);
            string shown = context.Environment.DisplayPath(manifestPath);
            if (File.Exists(manifestPath) || Directory.Exists(manifestPath))
            {
                return context.Fail($"{shown} already exists; init never overwrites a manifest. Edit it, or add shards with 'provenance add'.");
            }

            string? originValue = parseResult.GetValue(origin);
            ShardOrigin? shardOrigin = originValue switch
            {
                "human" => ShardOrigin.Human,
                "synthetic" => ShardOrigin.Synthetic,
                "unknown" => ShardOrigin.Unknown,
                _ => null,
            };
            var manifest = new ShardManifest
            {
                Dataset = parseResult.GetValue(dataset) ?? Slug(new DirectoryInfo(folder).Name, "dataset"),
                Description = "Starter manifest written by 'provenance init': check each shard's origin, then run 'provenance seal' and 'provenance lock'.",
            };
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (string relative in DataFiles(folder))
            {
                string underData = relative.Substring("data/".Length);
                var (format, compression) = ShardFormats.Infer(relative);
                manifest.Shards.Add(new Shard
                {
                    Id = UniqueId(Slug(Stem(underData), "shard"), ids),
                    Path = relative,
                    Origin = shardOrigin ?? OriginInference.FromPath(underData) ?? ShardOrigin.Unknown,
                    Format = format ?? ShardFormat.Other,
                    Compression = compression,
                });
            }

            ManifestWriter.Save(manifest, manifestPath);
            if (!Directory.Exists(Path.Combine(folder, "data")))
            {
                context.Out.WriteLine($"Warning: {context.Environment.DisplayPath(Path.Combine(folder, "data"))} does not exist, so the manifest lists no shards. Add shard files with 'provenance add PATH --origin ...', or put them under data/, delete provenance.yaml and run init again.");
            }

            string origins = shardOrigin is not null
                ? $"origin {originValue}"
                : "origin inferred from folder names: " + string.Join(", ", manifest.Shards.GroupBy(s => s.Origin).OrderBy(g => g.Key)
                    .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}{(g.Key == ShardOrigin.Unknown ? string.Empty : " (" + string.Join(", ", g.Select(s => FolderOf(s.Path!)).Distinct().Take(3)) + ")")}"));
            context.Out.WriteLine($"{shown}: written with {DiagnosticFormatter.Plural(manifest.Shards.Count, "shard")} from data/, {(manifest.Shards.Count == 0 ? "no origins to infer" : origins)}.");
            var formats = manifest.Shards.GroupBy(s => ShardFormats.Name(s.Format) + (s.Compression == ShardCompression.None ? string.Empty : "+" + ShardFormats.Name(s.Compression)))
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}").ToList();
            if (formats.Count > 0)
            {
                context.Out.WriteLine($"Formats from file names: {string.Join(", ", formats)}.");
            }

            if (manifest.Shards.Any(s => s.Origin == ShardOrigin.Unknown))
            {
                context.Out.WriteLine("Origin 'unknown' counts as synthetic (fail closed): mark human shards 'origin: human' before sealing and locking.");
            }

            if (parseResult.GetValue(seal))
            {
                var sealResult = ProgressDisplay.Run(context, "Sealing shards", progress => ManifestSealer.Seal(manifestPath, progress));
                if (!sealResult.Succeeded)
                {
                    DiagnosticFormatter.WriteText(context.Out, sealResult.Diagnostics, context.Environment);
                    return ExitCodes.For(sealResult.Diagnostics);
                }

                context.Out.WriteLine($"{shown}: {DiagnosticFormatter.Plural(sealResult.ShardsSealed, "shard")} sealed.");
            }
            else if (manifest.Shards.Count > 0)
            {
                context.Out.WriteLine("Next: 'provenance seal' to record digests and amounts.");
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>Files under <paramref name="folder"/>/data, relative to <paramref name="folder"/> with '/' separators, sorted; hidden files and folders skipped.</summary>
    internal static IEnumerable<string> DataFiles(string folder)
    {
        string data = Path.Combine(folder, "data");
        if (!Directory.Exists(data))
        {
            return Array.Empty<string>();
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(data, "*", options)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file name without its compression suffix and format extension (<c>part-0001.jsonl.zst</c> gives <c>part-0001</c>).</summary>
    internal static string Stem(string path)
    {
        string stem = path;
        if (ShardFormats.Infer(path).Compression != ShardCompression.None)
        {
            stem = stem.Substring(0, stem.LastIndexOf('.'));
        }

        int dot = stem.LastIndexOf('.');
        return dot > stem.LastIndexOf('/') + 1 ? stem.Substring(0, dot) : stem;
    }

    private static string FolderOf(string path) => path.Contains('/', StringComparison.Ordinal) ? path.Substring(0, path.LastIndexOf('/') + 1) : "./";

    /// <summary>An id from a path or name: letters, digits, '.', '_' and '-'; '/' and other characters become '-'.</summary>
    internal static string Slug(string text, string fallback)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool keep = char.IsLetterOrDigit(c) || c is '.' or '_' or '-';
            char next = keep ? c : '-';
            if (next == '-' && sb.Length > 0 && sb[sb.Length - 1] == '-')
            {
                continue;
            }

            sb.Append(next);
        }

        string slug = sb.ToString().Trim('-', '.');
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary><paramref name="id"/>, or <c>id-2</c>, <c>id-3</c>… when taken; records the result in <paramref name="taken"/>.</summary>
    internal static string UniqueId(string id, HashSet<string> taken)
    {
        string candidate = id;
        for (int n = 2; !taken.Add(candidate); n++)
        {
            candidate = id + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
