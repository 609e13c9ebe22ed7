using System.CommandLine;
using System.IO;
using System.Linq;
using Provenance.Cli.Import;
using Provenance.Cli.Output;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance import hf-card CARD [--data DIR] [-o FILE] [--dataset NAME]</c>: writes a starter manifest from a Hugging
/// Face dataset card (<see cref="HuggingFaceCardImporter"/>), by default <c>provenance.yaml</c> beside the card. Never
/// overwrites a manifest. Bad input (no or malformed front matter, unknown creators values, data files outside the
/// card's folder, no data files) prints its diagnostics, exits 1 and writes nothing; a missing card exits 2.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var card = CommonOptions.RejectOptionLike(new Argument<string>("CARD")
        {
            Description = "The dataset card: a README.md with YAML front matter (a folder means its README.md).",
        });
        var data = new Option<string?>("--data")
        {
            Description = "List every file under DIR as a shard instead of the card's configs[].data_files (DIR inside the card's folder).",
            HelpName = "dir",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The manifest to write. Default: provenance.yaml beside the card. Never overwritten.",
            HelpName = "file",
        };
        var dataset = new Option<string?>("--dataset")
        {
            Description = "The dataset name. Default: the card's pretty_name, else the card's folder name.",
            HelpName = "name",
        };
        var hfCard = new Command("hf-card", "Write a starter manifest from a Hugging Face dataset card: shards from configs[].data_files, origin from language_creators, licence from license, num_examples checked against the files.")
        {
            card, data, output, dataset,
        };
        hfCard.SetAction(parseResult =>
        {
            string cardPath = context.Environment.ResolvePath(parseResult.GetValue(card)!);
            if (Directory.Exists(cardPath))
            {
                cardPath = Path.Combine(cardPath, "README.md");
            }

            if (!File.Exists(cardPath))
            {
                return context.Fail($"{context.Environment.DisplayPath(cardPath)} does not exist.");
            }

            string manifestPath = parseResult.GetValue(output) is { } o ? context.Environment.ResolvePath(o) : Path.Combine(Path.GetDirectoryName(cardPath)!, CommonOptions.DefaultManifest);
            string shown = context.Environment.DisplayPath(manifestPath);
            if (File.Exists(manifestPath) || Directory.Exists(manifestPath))
            {
                return context.Fail($"{shown} already exists; import never overwrites a manifest. Name another file with -o.");
            }

            string? dataDirectory = parseResult.GetValue(data) is { } d ? context.Environment.ResolvePath(d) : null;
            var result = HuggingFaceCardImporter.Import(cardPath, manifestPath, dataDirectory, parseResult.GetValue(dataset));
            DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
            if (result.Manifest is not { } manifest)
            {
                context.Out.WriteLine($"{context.Environment.DisplayPath(cardPath)}: not imported ({DiagnosticFormatter.Counts(result.Diagnostics)}); nothing written.");
                return ExitCodes.For(result.Diagnostics) == ExitCodes.Passed ? ExitCodes.Failed : ExitCodes.For(result.Diagnostics);
            }

            ManifestWriter.Save(manifest, manifestPath);
            string origins = string.Join(", ", manifest.Shards.GroupBy(s => s.Origin).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            context.Out.WriteLine($"{shown}: written with {DiagnosticFormatter.Plural(manifest.Shards.Count, "shard")} from {context.Environment.DisplayPath(cardPath)} ({origins}).");
            if (manifest.Shards.Any(s => s.Origin is ShardOrigin.Unknown or ShardOrigin.Mixed))
            {
                context.Out.WriteLine("Origin 'unknown' and 'mixed' without humanFraction count as synthetic (fail closed): mark human shards 'origin: human' where you know them.");
            }

            context.Out.WriteLine(manifest.Shards.Any(s => s.Path is not null) ? "Next: 'provenance seal' to record digests and amounts, then 'provenance check'." : "Next: declare each remote shard's digest and amounts, then 'provenance check'.");
            return ExitCodes.Passed;
        });
        return new Command("import", "Write a starter manifest from another format (hf-card: a Hugging Face dataset card).") { hfCard };
    }
}
