using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provenance.Manifest;
using Provenance.Manifest.Reporting;

namespace Provenance.Cli.Output;

/// <summary>
/// <c>provenance audit --overlap</c>: the option and the record-overlap section (text, markdown, or an <c>overlap</c>
/// object added to the audit JSON). The engine's <see cref="OverlapReport"/> computes it from the record fingerprints the
/// check read; this file only renders it.
/// </summary>
internal static class OverlapRenderer
{
    /// <summary>Shard pairs listed at most (the JSON lists all).</summary>
    private const int PairsShown = 20;

    /// <summary>The <c>--overlap</c> option.</summary>
    public static Option<bool> CreateOption() => new("--overlap")
    {
        Description = "Also report exact record overlap (record fingerprints): duplicates within each shard, records shared between shards, origins and generations.",
    };

    public static void WriteText(TextWriter output, OverlapReport? report)
    {
        if (report is null)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Record overlap (exact, by record fingerprint)");
        GroupTable("origin", report.Origins).Write(output);
        output.WriteLine();
        GroupTable("generation", report.Generations).Write(output);
        output.WriteLine();
        ShardTable(report).Write(output);
        output.WriteLine();
        PairTable(report).Write(output);
        foreach (string note in Notes(report))
        {
            output.WriteLine("  " + note);
        }
    }

    public static void WriteMarkdown(TextWriter output, OverlapReport? report)
    {
        if (report is null)
        {
            return;
        }

        MarkdownAudit.WriteTable(output, "Record overlap by origin", GroupTable("origin", report.Origins));
        MarkdownAudit.WriteTable(output, "Record overlap by generation", GroupTable("generation", report.Generations));
        MarkdownAudit.WriteTable(output, "Duplicate and shared records per shard", ShardTable(report));
        MarkdownAudit.WriteTable(output, "Shard pairs sharing records", PairTable(report));
        output.WriteLine();
        foreach (string note in Notes(report))
        {
            output.WriteLine("- " + note);
        }
    }

    /// <summary>Adds an <c>overlap</c> object to the audit JSON <paramref name="json"/>.</summary>
    public static string AddToJson(string json, OverlapReport? report)
    {
        if (report is null || JsonNode.Parse(json) is not JsonObject root)
        {
            return json;
        }

        root["overlap"] = new JsonObject
        {
            ["repeatsWithinShards"] = report.RepeatsWithin,
            ["origins"] = new JsonArray(report.Origins.Select(p => (JsonNode)new JsonObject { ["from"] = p.From, ["to"] = p.To, ["records"] = p.Records, ["share"] = p.Share }).ToArray()),
            ["generations"] = new JsonArray(report.Generations.Select(p => (JsonNode)new JsonObject { ["from"] = p.From, ["to"] = p.To, ["records"] = p.Records, ["share"] = p.Share }).ToArray()),
            ["shards"] = new JsonArray(report.Shards.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id, ["origin"] = s.Origin, ["generation"] = s.Generation, ["records"] = s.Records, ["repeats"] = s.Repeats, ["sharedWithOthers"] = s.SharedWithOthers,
            }).ToArray()),
            ["pairs"] = new JsonArray(report.Pairs.Select(p => (JsonNode)new JsonObject { ["from"] = p.From, ["to"] = p.To, ["records"] = p.Records, ["share"] = p.Share }).ToArray()),
            ["notCompared"] = new JsonArray(report.NotCompared.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static ReportTable GroupTable(string name, System.Collections.Generic.IReadOnlyList<OverlapGroupPair> pairs)
    {
        var table = new ReportTable("records of " + name, "also in", "records", "share").AlignRight(2, 3);
        foreach (var p in pairs)
        {
            table.Add(p.From, p.To + (p.From == p.To ? " (other shards)" : string.Empty), AuditReport.Amount(p.Records), AuditReport.Percent(p.Share));
        }

        if (pairs.Count == 0)
        {
            table.Add("(none)", "-", "0", "0%");
        }

        return table;
    }

    private static ReportTable ShardTable(OverlapReport report)
    {
        var table = new ReportTable("shard", "origin", "gen", "records", "duplicates within", "shared with other shards").AlignRight(2, 3, 4, 5);
        foreach (var s in report.Shards.Where(s => s.Repeats > 0 || s.SharedWithOthers > 0))
        {
            table.Add(s.Id, s.Origin, s.Generation.ToString(CultureInfo.InvariantCulture), AuditReport.Amount(s.Records), AuditReport.Amount(s.Repeats), AuditReport.Amount(s.SharedWithOthers));
        }

        if (table.Rows.Count == 0)
        {
            table.Add("(none)", "-", "-", "-", "0", "0");
        }

        return table;
    }

    private static ReportTable PairTable(OverlapReport report)
    {
        var table = new ReportTable("records of shard", "also in shard", "records", "share").AlignRight(2, 3);
        foreach (var p in report.Pairs.Take(PairsShown))
        {
            table.Add(p.From, p.To, AuditReport.Amount(p.Records), AuditReport.Percent(p.Share));
        }

        if (report.Pairs.Count == 0)
        {
            table.Add("(none)", "-", "0", "0%");
        }

        return table;
    }

    private static string[] Notes(OverlapReport report)
    {
        var notes = new System.Collections.Generic.List<string>
        {
            $"{report.Shards.Count} shard(s) compared; {AuditReport.Amount(report.RepeatsWithin)} record(s) repeat exactly within their shard; records with empty text are left out.",
        };
        if (report.Pairs.Count > PairsShown)
        {
            notes.Add($"{report.Pairs.Count - PairsShown} more shard pair(s) share records: --format json lists them all.");
        }

        if (report.NotCompared.Count > 0)
        {
            notes.Add($"Not compared (no fingerprints at hand: no data, git-lfs pointer, uri:, or --verify none without sidecars): {string.Join(", ", report.NotCompared.Take(10))}{(report.NotCompared.Count > 10 ? $" and {report.NotCompared.Count - 10} more" : string.Empty)}.");
        }

        return notes.ToArray();
    }
}
