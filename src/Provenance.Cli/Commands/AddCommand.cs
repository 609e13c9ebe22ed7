using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Provenance.Cli.Output;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Content;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance add PATH --origin human|synthetic|mixed|unknown [--id ID] [--manifest M] ...</c>: appends one sealed
/// shard (digest and amounts computed now) to a manifest.
/// <para>
/// How the manifest is edited: when <c>shards:</c> is a block list with at least one item, the new shard's YAML
/// (emitted by <see cref="ManifestWriter"/>) is inserted as text after the last shard, indented like it, so comments
/// and formatting survive. Otherwise (an empty or flow-style list) the whole manifest is re-emitted through
/// <see cref="ManifestWriter"/>, which is allowed only when the manifest has no comments besides the schema line.
/// The result is parsed again before it is written (atomically); on any doubt nothing is written.
/// </para>
/// </summary>
internal static class AddCommand
{
    public static Command Create(CliContext context)
    {
        var path = CommonOptions.RejectOptionLike(new Argument<string>("PATH") { Description = "The shard file, under the manifest's folder." });
        var origin = new Option<string>("--origin")
        {
            Description = "Where the shard's content came from. Required.",
            HelpName = "human|synthetic|mixed|unknown",
            Required = true,
        };
        origin.AcceptOnlyFromAmong("human", "synthetic", "mixed", "unknown");
        var id = new Option<string?>("--id") { Description = "The shard id. Default: the file name without its extension.", HelpName = "id" };
        var manifestOption = new Option<string?>("--manifest", "-m") { Description = "The manifest. Default: ./provenance.yaml.", HelpName = "file" };
        var format = new Option<string?>("--format") { Description = "The file format. Default: from the file name (.jsonl, .json, .txt, .csv, .tsv, .parquet; else other).", HelpName = "jsonl|text|csv|tsv|parquet|other" };
        format.AcceptOnlyFromAmong("jsonl", "text", "csv", "tsv", "parquet", "other");
        var compression = new Option<string?>("--compression") { Description = "How the file is compressed. Default: from the file name (.gz gzip, .zst zstd, else none).", HelpName = "none|gzip|zstd" };
        compression.AcceptOnlyFromAmong("none", "gzip", "zstd");
        var textField = new Option<string?>("--text-field") { Description = "The JSON field, CSV column or Parquet column whose text is counted as tokens. Default: every JSON string, every cell, the Parquet column 'text'.", HelpName = "name" };
        var humanFraction = CommonOptions.FractionOption("--human-fraction", "For origin mixed: the human fraction of the measure, 0-1 (0.25) or a percentage (25%).");
        var generatorModel = new Option<string?>("--generator-model") { Description = "The model that generated the shard (synthetic, mixed or unknown).", HelpName = "model" };
        var trainedOn = new Option<string?>("--trained-on") { Description = "The manifest the generating model was trained on.", HelpName = "manifest" };
        var derivedFrom = new Option<string[]>("--derived-from") { Description = "Ids of shards this one was generated from (repeatable).", HelpName = "id", AllowMultipleArgumentsPerToken = false };
        var command = new Command("add", "Append a shard (sealed: digest and amounts computed now) to a manifest, keeping its comments.")
        {
            path, origin, id, manifestOption, format, compression, textField, humanFraction, generatorModel, trainedOn, derivedFrom,
        };
        command.SetAction(parseResult =>
        {
            string manifestPath = CommonOptions.ResolveManifest(context, parseResult.GetValue(manifestOption));
            string shownManifest = context.Environment.DisplayPath(manifestPath);
            var read = ManifestReader.ReadFile(manifestPath);
            var readErrors = read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (read.Manifest is null || readErrors.Count > 0)
            {
                DiagnosticFormatter.WriteText(context.Out, read.Diagnostics, context.Environment);
                context.Out.WriteLine($"{shownManifest}: not changed; fix the errors above first.");
                return ExitCodes.For(read.Diagnostics) == ExitCodes.UsageError ? ExitCodes.UsageError : ExitCodes.Failed;
            }

            var manifest = read.Manifest;
            string file = context.Environment.ResolvePath(parseResult.GetRequiredValue(path));
            string relative = Path.GetRelativePath(manifest.Directory, file).Replace(Path.DirectorySeparatorChar, '/');
            if (ShardPaths.Resolve(manifest.Directory, relative, out string? problem) is null)
            {
                return context.Fail($"'{parseResult.GetValue(path)}' cannot be a shard of {shownManifest}: {problem ?? "it is outside the manifest's folder"}.");
            }

            if (!File.Exists(file))
            {
                return context.Fail($"'{parseResult.GetValue(path)}' does not exist or is not a file.");
            }

            if (manifest.Shards.FirstOrDefault(s => s.Path is not null && string.Equals(s.Path.Replace('\\', '/'), relative, StringComparison.Ordinal)) is { } existing)
            {
                return context.Fail($"'{relative}' is already shard '{existing.Id}' of {shownManifest}.");
            }

            string shardId = parseResult.GetValue(id) ?? InitCommand.Slug(InitCommand.Stem(Path.GetFileName(file)), "shard");
            if (manifest.Shards.Any(s => s.Id == shardId))
            {
                return context.Fail($"Shard id '{shardId}' is already used in {shownManifest}; choose another with --id.");
            }

            var shardOrigin = ManifestReaderOrigin(parseResult.GetValue(origin)!);
            if (shardOrigin == ShardOrigin.Human && (parseResult.GetValue(generatorModel) is not null || parseResult.GetValue(trainedOn) is not null))
            {
                return context.Fail("A human shard has no generator; --generator-model and --trained-on apply to synthetic, mixed or unknown shards.");
            }

            if (parseResult.GetValue(humanFraction) is not null && shardOrigin != ShardOrigin.Mixed)
            {
                return context.Fail("--human-fraction applies only to --origin mixed.");
            }

            var inferred = ShardFormats.Infer(relative);
            var shard = new Shard
            {
                Id = shardId,
                Path = relative,
                Origin = shardOrigin,
                Format = parseResult.GetValue(format) is { } f ? ShardFormats.Names[f] : inferred.Format ?? ShardFormat.Other,
                Compression = parseResult.GetValue(compression) is { } c ? ShardFormats.CompressionNames[c] : inferred.Compression,
                TextField = parseResult.GetValue(textField),
                HumanFraction = parseResult.GetValue(humanFraction),
            };
            if (parseResult.GetValue(generatorModel) is not null || parseResult.GetValue(trainedOn) is not null)
            {
                shard.Generator = new GeneratorInfo
                {
                    Model = parseResult.GetValue(generatorModel),
                    TrainedOn = parseResult.GetValue(trainedOn) is { } t
                        ? Path.GetRelativePath(manifest.Directory, context.Environment.ResolvePath(t)).Replace(Path.DirectorySeparatorChar, '/')
                        : null,
                };
            }

            shard.DerivedFrom.AddRange(parseResult.GetValue(derivedFrom) ?? Array.Empty<string>());
            if (ShardFormats.KeyProblem(shard.Format, shard.Compression, shard.TextField) is { } keyProblem)
            {
                string option = keyProblem.Key == "textField" ? "--text-field" : "--compression";
                return context.Fail($"{option}: {keyProblem.Message}");
            }

            var measure = ShardMeasure.Measure(file, shard, manifestPath);
            if (measure.Problem is { } measureProblem)
            {
                return context.Fail($"{shownManifest} was not changed: {measureProblem.Id}: {measureProblem.Message}");
            }

            shard.Records = measure.Amounts is { Records: >= 0 } counted ? counted.Records : null;
            shard.Tokens = measure.Amounts is { Tokens: >= 0 } countedTokens ? countedTokens.Tokens : null;
            shard.Bytes = measure.Bytes;
            shard.Digest = measure.Digest;

            if (ManifestEditor.AddShard(manifest, shard) is { } refusal)
            {
                return context.Fail($"{shownManifest} was not changed: {refusal}");
            }

            string amount = shard.Tokens is { } tokens ? $"{tokens} tokens, " : string.Empty;
            context.Out.WriteLine($"{shownManifest}: added shard '{shardId}' ({parseResult.GetValue(origin)}, {relative}, {amount}{shard.Bytes} bytes, {LockCommand.Short(shard.Digest)}).");
            if (measure.Pointer is not null)
            {
                context.Out.WriteLine($"'{relative}' is a git-lfs pointer: digest and bytes were taken from it; records and tokens stay unsealed until 'git lfs pull' and 'provenance seal'.");
            }

            if (shardOrigin == ShardOrigin.Human)
            {
                context.Out.WriteLine("Next: 'provenance lock' to protect it.");
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static ShardOrigin ManifestReaderOrigin(string origin) => Enum.Parse<ShardOrigin>(origin, ignoreCase: true);
}
