using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Cli.Commands;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reporting;
using static Provenance.Manifest.Reporting.AuditReport;
using Spectre.Console;

namespace Provenance.Cli.Output;

/// <summary>Renders an <see cref="AuditReport"/> as plain text, Spectre.Console tables (terminal), JSON or a mermaid lineage graph (markdown: the engine's <see cref="MarkdownAudit"/>).</summary>
internal static class AuditRenderer
{
    /// <summary>Plain text: deterministic, for redirected output and tests.</summary>
    public static void WriteText(TextWriter output, AuditReport report, CliEnvironment environment)
    {
        var facts = report.Facts();
        int width = facts.Max(f => f.Label.Length);
        foreach (var (label, value) in facts)
        {
            output.WriteLine(label.PadRight(width) + "  " + value);
        }

        output.WriteLine();
        output.WriteLine("By origin");
        report.OriginTable().Write(output);
        output.WriteLine();
        output.WriteLine("By generation");
        report.GenerationTable().Write(output);
        output.WriteLine();
        output.WriteLine("Shards");
        report.ShardTable().Write(output);
        output.WriteLine();
        output.WriteLine("Lineage");
        foreach (var line in report.LineageLines())
        {
            output.WriteLine("  " + line);
        }

        if (report.Diagnostics.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Diagnostics");
            foreach (var d in report.Diagnostics)
            {
                output.WriteLine("  " + DiagnosticFormatter.Format(d, environment));
            }
        }
    }

    /// <summary>Spectre.Console tables on an interactive terminal.</summary>
    public static void WriteSpectre(IAnsiConsole console, AuditReport report, CliEnvironment environment)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (label, value) in report.Facts())
        {
            grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value));
        }

        console.Write(new Panel(grid).Header("Provenance audit").Expand());
        console.Write(ToSpectre(report.OriginTable(), "By origin"));
        console.Write(ToSpectre(report.GenerationTable(), "By generation"));
        console.Write(ToSpectre(report.ShardTable(), "Shards"));
        console.Write(new Rule("Lineage").LeftJustified());
        foreach (var line in report.LineageLines())
        {
            console.WriteLine("  " + line);
        }

        if (report.Diagnostics.Count > 0)
        {
            console.Write(new Rule("Diagnostics").LeftJustified());
            foreach (var d in report.Diagnostics)
            {
                console.WriteLine(DiagnosticFormatter.Format(d, environment));
            }
        }
    }

    private static Table ToSpectre(ReportTable source, string title)
    {
        var table = new Table().Title(title).Border(TableBorder.Rounded);
        for (int i = 0; i < source.Headers.Count; i++)
        {
            var column = new TableColumn(new Text(source.Headers[i], new Style(decoration: Decoration.Bold)));
            table.AddColumn(source.IsRightAligned(i) ? column.RightAligned() : column);
        }

        foreach (var row in source.Rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }

    /// <summary>JSON: every fact, group, shard and lineage edge, and the diagnostics.</summary>
    public static string Json(AuditReport report, CliEnvironment environment, int exitCode) => DiagnosticFormatter.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("manifest", report.ManifestShown);
        w.WriteString("dataset", report.Manifest.Dataset);
        w.WriteString("description", report.Manifest.Description);
        w.WriteString("measure", report.MeasureName);
        w.WriteNumber("humanShare", report.Mix.HumanShare);
        w.WriteNumber("humanAmount", report.Mix.HumanAmount);
        w.WriteNumber("totalAmount", report.Mix.TotalAmount);
        w.WriteNumber("floor", report.Result.HumanFloor);
        w.WriteNumber("floorWarn", report.Manifest.Policy.HumanFloorWarn);
        w.WriteNumber("shardCount", report.Shards.Count);
        w.WriteNumber("maxGeneration", report.Result.Lineage!.MaxGeneration);
        w.WriteBoolean("passed", !report.Result.HasErrors);
        w.WriteNumber("exitCode", exitCode);
        WriteGroups(w, "origins", "origin", report.Origins);
        WriteGroups(w, "generations", "generation", report.Generations);
        w.WriteStartArray("shards");
        foreach (var row in report.Shards)
        {
            var s = row.Shard;
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("origin", s.Origin.ToString().ToLowerInvariant());
            w.WriteNumber("generation", row.Generation);
            if (s.Path is not null)
            {
                w.WriteString("path", s.Path);
            }

            if (s.Uri is not null)
            {
                w.WriteString("uri", s.Uri);
            }

            if (s.IsSet)
            {
                w.WriteStartArray("files");
                s.Files.ForEach(w.WriteStringValue);
                w.WriteEndArray();
                WriteNullable(w, "fileCount", s.FileCount);
                w.WriteString("index", Provenance.Manifest.Sets.ShardSetIndex.PathOf(report.Manifest, s));
            }

            WriteNullable(w, "amount", row.Amount);
            w.WriteNumber("weight", s.Weight);
            if (row.Effective is { } effective)
            {
                w.WriteNumber("effective", effective);
            }
            else
            {
                w.WriteNull("effective");
            }

            w.WriteString("digest", s.Digest);
            w.WriteString("source", s.Source?.Name);
            w.WriteString("license", s.Source?.License);
            w.WriteString("generator", s.Generator?.Model);
            w.WriteString("trainedOn", s.Generator?.TrainedOn);
            w.WriteStartArray("derivedFrom");
            foreach (var from in s.DerivedFrom)
            {
                w.WriteStringValue(from);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("lineage");
        w.WriteString("parent", report.Manifest.Parent);
        w.WriteStartArray("trainedOn");
        foreach (var t in report.TrainedOn)
        {
            w.WriteStartObject();
            w.WriteString("manifest", t.Reference);
            w.WriteStartArray("models");
            t.Models.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteStartArray("shards");
            t.Shards.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("derivedFrom");
        foreach (var (shard, from) in report.DerivedFrom)
        {
            w.WriteStartObject();
            w.WriteString("shard", shard);
            w.WriteString("from", from);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("diagnosticCounts");
        DiagnosticFormatter.WriteCounts(w, report.Diagnostics);
        w.WriteEndObject();
        DiagnosticFormatter.WriteJsonArray(w, "diagnostics", report.Diagnostics, environment);
        w.WriteEndObject();
    });

    private static void WriteGroups(System.Text.Json.Utf8JsonWriter w, string name, string key, IReadOnlyList<AuditReport.Group> groups)
    {
        w.WriteStartArray(name);
        foreach (var g in groups)
        {
            w.WriteStartObject();
            if (key == "generation")
            {
                w.WriteNumber(key, int.Parse(g.Name, CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteString(key, g.Name);
            }

            w.WriteNumber("shards", g.Shards);
            WriteNullable(w, "amount", g.Amount);
            w.WriteNumber("effective", g.Effective);
            w.WriteNumber("effectiveHuman", g.EffectiveHuman);
            w.WriteNumber("share", g.Share);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>
    /// A mermaid flowchart of the lineage: this manifest, its parent and its generators' trainedOn manifests as boxes;
    /// shards as rounded nodes coloured by origin; edges <c>contains</c>, <c>parent</c>, <c>trainedOn</c> and
    /// <c>derivedFrom</c> (PROV-O wasDerivedFrom, from the derived shard to its source).
    /// </summary>
    public static void WriteMermaid(TextWriter output, AuditReport report)
    {
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        sb.Append($"  M0[\"{Label(report.Manifest.Dataset)}<br/>{Label(report.ManifestShown)}\"]:::manifest\n");
        var manifests = new Dictionary<string, string>(StringComparer.Ordinal);
        string ManifestNode(string reference)
        {
            if (!manifests.TryGetValue(reference, out var node))
            {
                node = "M" + (manifests.Count + 1).ToString(CultureInfo.InvariantCulture);
                manifests[reference] = node;
                sb.Append($"  {node}[\"{Label(reference)}\"]:::manifest\n");
            }

            return node;
        }

        if (report.Manifest.Parent is { } parent)
        {
            string parentNode = ManifestNode(parent);
            sb.Append($"  M0 -. parent .-> {parentNode}\n");
        }

        var shardNodes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < report.Shards.Count; i++)
        {
            var row = report.Shards[i];
            string node = "S" + i.ToString(CultureInfo.InvariantCulture);
            shardNodes[row.Shard.Id] = node;
            string origin = row.Shard.Origin.ToString().ToLowerInvariant();
            sb.Append($"  {node}([\"{Label(row.Shard.Id)}<br/>{origin}, generation {row.Generation}\"]):::{origin}\n");
            sb.Append($"  M0 --> {node}\n");
        }

        int external = 0;
        foreach (var row in report.Shards)
        {
            string node = shardNodes[row.Shard.Id];
            if (row.Shard.Generator?.TrainedOn is { } trainedOn)
            {
                string model = row.Shard.Generator.Model is { } m ? "trainedOn (" + Label(m) + ")" : "trainedOn";
                string target = ManifestNode(trainedOn);
                sb.Append($"  {node} -- \"{model}\" --> {target}\n");
            }

            foreach (var from in row.Shard.DerivedFrom)
            {
                if (!shardNodes.TryGetValue(from, out var target))
                {
                    target = "X" + (external++).ToString(CultureInfo.InvariantCulture);
                    shardNodes[from] = target;
                    sb.Append($"  {target}([\"{Label(from)}\"]):::external\n");
                }

                sb.Append($"  {node} -. derivedFrom .-> {target}\n");
            }
        }

        sb.Append("  classDef manifest fill:#e3f2fd,stroke:#1565c0\n");
        sb.Append("  classDef human fill:#e8f5e9,stroke:#2e7d32\n");
        sb.Append("  classDef synthetic fill:#fce4ec,stroke:#c62828\n");
        sb.Append("  classDef mixed fill:#fff8e1,stroke:#f9a825\n");
        sb.Append("  classDef unknown fill:#eeeeee,stroke:#616161\n");
        sb.Append("  classDef external fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:3 3\n");
        output.Write(sb.ToString().Replace("\n", output.NewLine, StringComparison.Ordinal));
    }

    private static string Label(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
