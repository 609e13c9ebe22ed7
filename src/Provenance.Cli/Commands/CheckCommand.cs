using System.CommandLine;
using Provenance.Cli.Output;
using Provenance.Manifest;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance check [MANIFEST] [--format text|json] [--verify changed|all|none] [--locked]</c>: reads the manifest,
/// checks its files and digests, lineage, lock file and policy (<see cref="ManifestChecker.Check"/>) and prints the
/// diagnostics. Never writes the manifest or the lock (only the digest cache of <c>--verify changed</c>).
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context);
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (file(line,col): error ID: message, then a summary line) or json.",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("check", "Check a manifest: files, digests, lineage, lock and policy. Writes nothing.");
        common.AddCheckOptionsTo(command, includeLocked: true);
        command.Options.Add(format);
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
            if (parseResult.GetValue(format) == "json")
            {
                context.Out.WriteLine(DiagnosticFormatter.CheckJson(result, context.Environment, exitCode));
            }
            else
            {
                DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
                context.Out.WriteLine(DiagnosticFormatter.SummaryLine(result, context.Environment));
            }

            return exitCode;
        });
        return command;
    }
}
