using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Reporting;

namespace Provenance.Cli.Output;

/// <summary>
/// Renders engine diagnostics. Text is the compiler form every IDE and CI log understands,
/// <c>provenance.yaml(12,5,12,19): error PROV2003: message</c> (path relative to the current directory when under it),
/// followed by one summary line; JSON is an object with <c>diagnostics</c> and <c>summary</c>.
/// </summary>
internal static class DiagnosticFormatter
{
    /// <summary>JSON options for every JSON the CLI prints: indented, UTF-8 text not escaped.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The severity word of the compiler form: error, warning or info.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => AuditReport.SeverityName(severity);

    /// <summary>One diagnostic in the compiler form.</summary>
    public static string Format(ManifestDiagnostic diagnostic, CliEnvironment environment)
    {
        var span = diagnostic.Span;
        return string.Format(CultureInfo.InvariantCulture, "{0}({1},{2},{3},{4}): {5} {6}: {7}",
            environment.DisplayPath(diagnostic.FilePath), span.Line, span.Column, span.EndLine, span.EndColumn,
            SeverityName(diagnostic.Severity), diagnostic.Id, diagnostic.Message);
    }

    /// <summary>Writes each diagnostic on its own line.</summary>
    public static void WriteText(TextWriter output, IEnumerable<ManifestDiagnostic> diagnostics, CliEnvironment environment)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(Format(diagnostic, environment));
        }
    }

    /// <summary><c>1 error, 2 warnings</c> (infos only when there are some).</summary>
    public static string Counts(IReadOnlyCollection<ManifestDiagnostic> diagnostics) => AuditReport.Counts(diagnostics);

    /// <summary><c>1 shard</c>, <c>2 shards</c>.</summary>
    public static string Plural(long count, string noun) => AuditReport.Plural(count, noun);

    /// <summary>
    /// The summary line of a check: the engine's summary (human share, floor, shards, max generation), then the verdict,
    /// e.g. <c>provenance.yaml: human 41.3% of tokens (floor 10%), 12 shards, max generation 2. Passed: 0 errors, 1 warning.</c>
    /// </summary>
    public static string SummaryLine(CheckResult result, CliEnvironment environment)
    {
        string head = result.Summary is { } summary
            ? environment.DisplayPath(result.ManifestPath) + summary.Substring(Path.GetFileName(result.ManifestPath).Length)
            : environment.DisplayPath(result.ManifestPath) + ": not checked";
        return head + ". " + (result.HasErrors ? "Failed" : "Passed") + ": " + Counts(result.Diagnostics) + ".";
    }

    /// <summary>Writes one diagnostic as a JSON object.</summary>
    public static void WriteJson(Utf8JsonWriter writer, ManifestDiagnostic diagnostic, CliEnvironment environment)
    {
        writer.WriteStartObject();
        writer.WriteString("id", diagnostic.Id);
        writer.WriteString("severity", SeverityName(diagnostic.Severity));
        writer.WriteString("title", diagnostic.Descriptor.Title);
        writer.WriteString("message", diagnostic.Message);
        writer.WriteString("file", environment.DisplayPath(diagnostic.FilePath));
        writer.WriteString("fullPath", diagnostic.FilePath);
        writer.WriteNumber("line", diagnostic.Span.Line);
        writer.WriteNumber("column", diagnostic.Span.Column);
        writer.WriteNumber("endLine", diagnostic.Span.EndLine);
        writer.WriteNumber("endColumn", diagnostic.Span.EndColumn);
        writer.WriteString("helpLink", diagnostic.HelpLink);
        writer.WriteEndObject();
    }

    /// <summary>Writes the diagnostics as a JSON array property named <paramref name="name"/>.</summary>
    public static void WriteJsonArray(Utf8JsonWriter writer, string name, IEnumerable<ManifestDiagnostic> diagnostics, CliEnvironment environment)
    {
        writer.WriteStartArray(name);
        foreach (var diagnostic in diagnostics)
        {
            WriteJson(writer, diagnostic, environment);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// The JSON of a check: <c>{ manifest, passed, exitCode, diagnostics: [...], summary: { dataset, measure, humanShare (0–1),
    /// humanAmount, totalAmount, floor, floorWarn, shards, maxGeneration, errors, warnings, infos, text } }</c>;
    /// <c>summary</c> is null when the manifest could not be read.
    /// </summary>
    public static string CheckJson(CheckResult result, CliEnvironment environment, int exitCode)
    {
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("manifest", environment.DisplayPath(result.ManifestPath));
            writer.WriteBoolean("passed", !result.HasErrors);
            writer.WriteNumber("exitCode", exitCode);
            WriteJsonArray(writer, "diagnostics", result.Diagnostics, environment);
            if (result.Manifest is { } manifest && result.Mix is { } mix && result.Lineage is { } lineage)
            {
                writer.WriteStartObject("summary");
                writer.WriteString("dataset", manifest.Dataset);
                writer.WriteString("measure", mix.Measure.ToString().ToLowerInvariant());
                writer.WriteNumber("humanShare", mix.HumanShare);
                writer.WriteNumber("humanAmount", mix.HumanAmount);
                writer.WriteNumber("totalAmount", mix.TotalAmount);
                writer.WriteNumber("floor", result.HumanFloor);
                writer.WriteNumber("floorWarn", manifest.Policy.HumanFloorWarn);
                writer.WriteNumber("shards", manifest.Shards.Count);
                writer.WriteNumber("maxGeneration", lineage.MaxGeneration);
                WriteCounts(writer, result.Diagnostics);
                writer.WriteString("text", result.Summary);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("summary");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>Writes <c>errors</c>, <c>warnings</c> and <c>infos</c> counts.</summary>
    public static void WriteCounts(Utf8JsonWriter writer, IReadOnlyCollection<ManifestDiagnostic> diagnostics)
    {
        writer.WriteNumber("errors", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
        writer.WriteNumber("warnings", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        writer.WriteNumber("infos", diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info));
    }

    /// <summary>Runs <paramref name="write"/> on a JSON writer and returns the text (LF line endings, no trailing newline).</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n");
    }
}
