using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// The audit as GitHub-flavoured markdown: a facts table, tables per origin, generation and shard, the lineage and the
/// diagnostics with links to their rule pages. Written by <c>provenance audit --format markdown</c> and appended by the
/// build to the CI job summary (<c>GITHUB_STEP_SUMMARY</c>).
/// </summary>
public static class MarkdownAudit
{
    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="output"/>; <paramref name="displayPath"/> turns a diagnostic's
    /// full file path into the path shown (relative to the current folder or the project).
    /// </summary>
    public static void Write(TextWriter output, AuditReport report, Func<string, string> displayPath)
    {
        output.WriteLine($"# Provenance audit: {Escape(report.Manifest.Dataset)}");
        output.WriteLine();
        output.WriteLine("| | |");
        output.WriteLine("|---|---|");
        foreach (var (label, value) in report.Facts())
        {
            output.WriteLine($"| {label} | {Escape(value)} |");
        }

        WriteTable(output, "By origin", report.OriginTable());
        WriteTable(output, "By generation", report.GenerationTable());
        WriteTable(output, "Shards", report.ShardTable());
        output.WriteLine();
        output.WriteLine("## Lineage");
        output.WriteLine();
        foreach (var line in report.LineageLines())
        {
            output.WriteLine("- " + Escape(line));
        }

        WriteDiagnostics(output, report.Diagnostics, displayPath);
    }

    /// <summary>The section for a manifest that could not be read (no facts to show): its path and its diagnostics.</summary>
    public static void WriteUnreadable(TextWriter output, string manifestShown, IReadOnlyList<ManifestDiagnostic> diagnostics, Func<string, string> displayPath)
    {
        output.WriteLine($"# Provenance audit: {Escape(manifestShown)}");
        output.WriteLine();
        output.WriteLine("The manifest could not be read, so nothing else was checked.");
        WriteDiagnostics(output, diagnostics, displayPath);
    }

    private static void WriteDiagnostics(TextWriter output, IReadOnlyList<ManifestDiagnostic> diagnostics, Func<string, string> displayPath)
    {
        output.WriteLine();
        output.WriteLine("## Diagnostics");
        output.WriteLine();
        if (diagnostics.Count == 0)
        {
            output.WriteLine("None.");
        }

        foreach (var d in diagnostics)
        {
            output.WriteLine($"- **{AuditReport.SeverityName(d.Severity)}** [{d.Id}]({d.HelpLink}) at `{displayPath(d.FilePath)}({d.Span.Line},{d.Span.Column})`: {Escape(d.Message)}");
        }
    }

    /// <summary>Writes one table under a level-2 heading.</summary>
    public static void WriteTable(TextWriter output, string title, ReportTable table)
    {
        output.WriteLine();
        output.WriteLine("## " + title);
        output.WriteLine();
        output.WriteLine("| " + string.Join(" | ", table.Headers.Select(Escape)) + " |");
        output.WriteLine("|" + string.Concat(table.Headers.Select((_, i) => table.IsRightAligned(i) ? "---:|" : "---|")));
        foreach (var row in table.Rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }
    }

    /// <summary>Text safe inside a table cell or list item: backslashes and pipes escaped, newlines as spaces.</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ");
}
