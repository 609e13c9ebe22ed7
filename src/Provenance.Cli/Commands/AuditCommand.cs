using System;
using System.CommandLine;
using System.IO;
using System.Text;
using Provenance.Cli.Output;
using Provenance.Manifest;
using Provenance.Manifest.Internal;
using Provenance.Manifest.Reporting;
using Spectre.Console;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance audit [MANIFEST] [--format text|markdown|json|mermaid|html] [--diversity] [--overlap] [-o FILE]</c>: answers "what is this
/// model trained on, and how much of it is human?" — dataset, measure, human share and floor, totals per origin and per
/// generation, a table of shards, the lineage and the diagnostics count; with <c>--overlap</c>, exact record overlap
/// (<see cref="OverlapReport"/>). Checks like <c>check</c> (same options); writes
/// nothing but FILE (atomically) when <c>-o</c> names one.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context);
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (tables; drawn with Spectre.Console on a terminal, plain when redirected), markdown, json, mermaid (a lineage graph), or html (one self-contained page: summary, charts, lineage graph, sortable shard table).",
            HelpName = "text|markdown|json|mermaid|html",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json", "mermaid", "html");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to FILE (atomically: a temporary file renamed over it) instead of stdout.",
            HelpName = "file",
        };
        var diversity = DiversityRenderer.CreateOption();
        var overlap = OverlapRenderer.CreateOption();
        var command = new Command("audit", "Report a manifest's mix: human share, totals per origin and generation, shards and lineage.");
        common.AddCheckOptionsTo(command, includeLocked: true);
        command.Options.Add(format);
        command.Options.Add(diversity);
        command.Options.Add(overlap);
        command.Options.Add(output);
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

            string? file = parseResult.GetValue(output) is { } o ? context.Environment.ResolvePath(o) : null;
            if (file is not null && Directory.Exists(file))
            {
                return context.Fail($"'{context.Environment.DisplayPath(file)}' is a folder; name the file to write.");
            }

            var overlapReport = parseResult.GetValue(overlap) ? OverlapReport.From(result) : null;
            var writer = file is null ? context.Out : new StringWriter { NewLine = context.Out.NewLine };
            switch (chosen)
            {
                case "json":
                    writer.WriteLine(OverlapRenderer.AddToJson(DiversityRenderer.AddToJson(AuditRenderer.Json(report, context.Environment, exitCode), result), overlapReport));
                    break;
                case "markdown":
                    MarkdownAudit.Write(writer, report, context.Environment.DisplayPath);
                    DiversityRenderer.WriteMarkdown(writer, result);
                    OverlapRenderer.WriteMarkdown(writer, overlapReport);
                    break;
                case "mermaid":
                    AuditRenderer.WriteMermaid(writer, report);
                    break;
                case "html":
                    HtmlAudit.Write(writer, report, context.Environment.DisplayPath);
                    break;
                default:
                    if (file is null && context.Environment.IsOutputInteractive && ReferenceEquals(context.Out, Console.Out))
                    {
                        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                        AuditRenderer.WriteSpectre(console, report, context.Environment);
                    }
                    else
                    {
                        AuditRenderer.WriteText(writer, report, context.Environment);
                    }

                    DiversityRenderer.WriteText(writer, result);
                    OverlapRenderer.WriteText(writer, overlapReport);

                    break;
            }

            if (file is not null)
            {
                AtomicFile.WriteAllBytes(file, new UTF8Encoding(false).GetBytes(writer.ToString()!));
                context.Error.WriteLine($"{context.Environment.DisplayPath(file)}: {chosen} audit of {context.Environment.DisplayPath(result.ManifestPath)} written ({DiagnosticFormatter.Plural(report.Shards.Count, "shard")}).");
            }

            return exitCode;
        });
        return command;
    }
}
