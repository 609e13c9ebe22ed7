using System;
using System.CommandLine;
using Provenance.Cli.Output;
using Provenance.Manifest;
using Provenance.Manifest.Reporting;
using Spectre.Console;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance audit [MANIFEST] [--format text|markdown|json|mermaid] [--diversity] [--overlap]</c>: answers "what is this model trained on, and
/// how much of it is human?" — dataset, measure, human share and floor, totals per origin and per generation, a table
/// of shards, the lineage and the diagnostics count; with <c>--overlap</c>, exact record overlap (<see cref="OverlapReport"/>). Checks like <c>check</c> (same options) and writes nothing.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context);
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (tables; drawn with Spectre.Console on a terminal, plain when redirected), markdown, json, or mermaid (a lineage graph).",
            HelpName = "text|markdown|json|mermaid",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json", "mermaid");
        var diversity = DiversityRenderer.CreateOption();
        var overlap = OverlapRenderer.CreateOption();
        var command = new Command("audit", "Report a manifest's mix: human share, totals per origin and generation, shards and lineage.");
        common.AddCheckOptionsTo(command, includeLocked: true);
        command.Options.Add(format);
        command.Options.Add(diversity);
        command.Options.Add(overlap);
        command.SetAction(parseResult =>
        {
            string manifest = common.ResolveManifest(parseResult);
            var options = common.ToCheckOptions(parseResult, manifest, includeLocked: true);
            if (parseResult.GetValue(diversity))
            {
                DiversityRenderer.Apply(options, context.Environment, manifest);
            }

            var result = ProgressDisplay.Run(context, "Hashing shards", progress =>
            {
                options.Progress = progress;
                return ManifestChecker.Check(manifest, options);
            });
            int exitCode = ExitCodes.For(result.Diagnostics);
            string chosen = parseResult.GetValue(format)!;
            var report = AuditReport.From(result, context.Environment.DisplayPath(result.ManifestPath));
            if (report is null)
            {
                if (chosen == "json")
                {
                    context.Out.WriteLine(DiagnosticFormatter.CheckJson(result, context.Environment, exitCode));
                }
                else
                {
                    DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
                    context.Out.WriteLine(DiagnosticFormatter.SummaryLine(result, context.Environment));
                }

                return exitCode;
            }

            var overlapReport = parseResult.GetValue(overlap) ? OverlapReport.From(result) : null;
            switch (chosen)
            {
                case "json":
                    context.Out.WriteLine(OverlapRenderer.AddToJson(DiversityRenderer.AddToJson(AuditRenderer.Json(report, context.Environment, exitCode), result), overlapReport));
                    break;
                case "markdown":
                    MarkdownAudit.Write(context.Out, report, context.Environment.DisplayPath);
                    DiversityRenderer.WriteMarkdown(context.Out, result);
                    OverlapRenderer.WriteMarkdown(context.Out, overlapReport);
                    break;
                case "mermaid":
                    AuditRenderer.WriteMermaid(context.Out, report);
                    break;
                default:
                    if (context.Environment.IsOutputInteractive && ReferenceEquals(context.Out, Console.Out))
                    {
                        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                        AuditRenderer.WriteSpectre(console, report, context.Environment);
                    }
                    else
                    {
                        AuditRenderer.WriteText(context.Out, report, context.Environment);
                    }

                    DiversityRenderer.WriteText(context.Out, result);
                    OverlapRenderer.WriteText(context.Out, overlapReport);

                    break;
            }

            return exitCode;
        });
        return command;
    }
}
