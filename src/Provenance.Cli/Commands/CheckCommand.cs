using System;
using System.CommandLine;
using System.Reflection;
using System.Text;
using Provenance.Cli.Output;
using Provenance.Manifest;
using Provenance.Manifest.Reporting;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance check [MANIFEST] [--format text|json|sarif] [--verify changed|all|none] [--locked]</c>: reads the manifest,
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
            Description = "Output format: text (file(line,col): error ID: message, then a summary line), json, or sarif (SARIF 2.1.0, paths relative to the current folder).",
            HelpName = "text|json|sarif",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
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
            string chosen = parseResult.GetValue(format)!;
            if (chosen == "json")
            {
                context.Out.WriteLine(DiagnosticFormatter.CheckJson(result, context.Environment, exitCode));
            }
            else if (chosen == "sarif")
            {
                byte[] sarif = SarifWriter.ToBytes(result.Diagnostics, "provenance", ToolVersion, context.Environment.CurrentDirectory);
                context.Out.WriteLine(Encoding.UTF8.GetString(sarif).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
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

    /// <summary>The tool's version without the source revision suffix, e.g. <c>0.1.0</c>.</summary>
    internal static string ToolVersion
    {
        get
        {
            string version = typeof(CheckCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? version.Substring(0, plus) : version;
        }
    }
}
