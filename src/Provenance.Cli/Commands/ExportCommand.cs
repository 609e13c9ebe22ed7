using System.CommandLine;
using System.IO;
using System.Linq;
using Provenance.Cli.Output;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Export;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance export [MANIFEST] --format croissant|spdx3|cyclonedx|hf-card [-o FILE]</c>: checks the manifest like
/// <c>check</c> (same options) and, when it has no errors, writes it in another format through the engine's exporter
/// (<see cref="ManifestExporters"/>): to stdout, or atomically to FILE (unchanged bytes are not rewritten). A manifest
/// with errors is not exported: its diagnostics are printed, exit 1 (2 when unreadable), nothing is written. The creation
/// time the formats record is <c>SOURCE_DATE_EPOCH</c> when set, else the manifest's modification time.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context);
        var format = new Option<string>("--format", "-f")
        {
            Description = "croissant (Croissant 1.1 JSON-LD with RAI), spdx3 (SPDX 3.0.1 JSON-LD, AI and Dataset profiles), cyclonedx (CycloneDX 1.6 ML-BOM JSON) or hf-card (a Hugging Face dataset card, README.md).",
            HelpName = string.Join("|", ManifestExporters.Names),
            Required = true,
        };
        format.AcceptOnlyFromAmong(ManifestExporters.Names.ToArray());
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to FILE (atomically) instead of stdout. For hf-card, put README.md in the manifest's folder: its data_files are relative to it.",
            HelpName = "file",
        };
        var command = new Command("export", "Export a manifest as Croissant, SPDX 3, CycloneDX or a Hugging Face dataset card (only when it passes its check).");
        common.AddCheckOptionsTo(command, includeLocked: true);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            string manifest = common.ResolveManifest(parseResult);
            var options = common.ToCheckOptions(parseResult, manifest, includeLocked: true);
            var result = ProgressDisplay.Run(context, "Hashing shards", progress =>
            {
                options.Progress = progress;
                return ManifestChecker.Check(manifest, options);
            });
            int exitCode = ExitCodes.For(result.Diagnostics);
            var model = ExportModel.From(result, ManifestExporters.ResolveCreated(manifest, context.Environment.GetVariable("SOURCE_DATE_EPOCH")));
            if (exitCode != ExitCodes.Passed || model is null)
            {
                DiagnosticFormatter.WriteText(context.Error, result.Diagnostics, context.Environment);
                context.Error.WriteLine($"provenance: error: {context.Environment.DisplayPath(manifest)} has errors ({DiagnosticFormatter.Counts(result.Diagnostics)}); nothing exported. Fix them ('provenance check'), then export.");
                return exitCode == ExitCodes.Passed ? ExitCodes.Failed : exitCode;
            }

            var exporter = ManifestExporters.Find(parseResult.GetValue(format)!)!;
            string text = exporter.Export(model);
            if (parseResult.GetValue(output) is { } file)
            {
                string target = context.Environment.ResolvePath(file);
                if (Directory.Exists(target))
                {
                    return context.Fail($"'{context.Environment.DisplayPath(target)}' is a folder; name the file to write.");
                }

                bool written = ManifestExporters.WriteIfChanged(target, text);
                context.Error.WriteLine($"{context.Environment.DisplayPath(target)}: {exporter.Format} export of {context.Environment.DisplayPath(manifest)} {(written ? "written" : "unchanged")} ({DiagnosticFormatter.Plural(model.Shards.Count, "shard")}).");
            }
            else
            {
                context.Out.Write(text);
            }

            foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
            {
                context.Error.WriteLine(DiagnosticFormatter.Format(diagnostic, context.Environment));
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
