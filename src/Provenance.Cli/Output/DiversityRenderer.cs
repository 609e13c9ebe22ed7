using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provenance.Manifest;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Reporting;

namespace Provenance.Cli.Output;

/// <summary>
/// <c>provenance audit --diversity</c>: the option, its mapping onto <see cref="CheckOptions.Diversity"/>, and the
/// per-generation diversity table (text, markdown, or a <c>diversity</c> object added to the audit JSON). The engine's
/// <see cref="DiversityAudit"/> does the work; this file only renders it.
/// </summary>
internal static class DiversityRenderer
{
    /// <summary>The <c>--diversity</c> option.</summary>
    public static Option<bool> CreateOption() => new("--diversity")
    {
        Description = "Also read every text shard of the manifest and its lineage and report distinct-1/2, unigram entropy and tail survival per generation, and check policy.diversity (PROV2010). Counts are cached by digest.",
    };

    /// <summary>Turns the audit on in <paramref name="options"/>, with its cache beside the digest cache (<c>…/provenance/diversity/</c>).</summary>
    public static void Apply(CheckOptions options, CliEnvironment environment, string manifestPath)
    {
        options.Diversity = true;
        if (environment.DigestCachePath(manifestPath) is { } digestCache && Path.GetDirectoryName(digestCache) is { } directory)
        {
            options.DiversityCachePath = Path.Combine(directory, "diversity");
        }
    }

    /// <summary>The table: one row per generation and one for the mix.</summary>
    public static ReportTable Table(DiversityReport report) => AuditReport.DiversityTable(report);

    /// <summary>Notes under the table: sample size, the gate, skipped shards.</summary>
    public static string[] Notes(DiversityReport report, CheckResult result)
    {
        var policy = result.Manifest?.Policy.Diversity ?? new DiversityPolicy();
        var notes = new System.Collections.Generic.List<string>
        {
            string.Format(CultureInfo.InvariantCulture, "distinct-n at a common sample size of {0} tokens (generation 0's); tail survival: share of generation 0's types with count <= 2 present.", AuditReport.Amount(report.SampleTokens)),
        };
        notes.Add(AuditReport.DiversityGate(report, policy));

        notes.AddRange(report.Skipped.Select(s => $"Skipped '{s.Id}': {s.Reason}."));
        notes.Add($"{report.ShardsCounted} shard file(s) read, {report.ShardsCached} from the cache.");
        return notes.ToArray();
    }

    public static void WriteText(TextWriter output, CheckResult result)
    {
        if (result.Diversity is not { } report)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Diversity");
        Table(report).Write(output);
        foreach (string note in Notes(report, result))
        {
            output.WriteLine("  " + note);
        }
    }

    public static void WriteMarkdown(TextWriter output, CheckResult result)
    {
        if (result.Diversity is not { } report)
        {
            return;
        }

        MarkdownAudit.WriteTable(output, "Diversity", Table(report));
        output.WriteLine();
        foreach (string note in Notes(report, result))
        {
            output.WriteLine("- " + note);
        }
    }

    /// <summary>Adds a <c>diversity</c> object to the audit JSON <paramref name="json"/>.</summary>
    public static string AddToJson(string json, CheckResult result)
    {
        if (result.Diversity is not { } report || JsonNode.Parse(json) is not JsonObject root)
        {
            return json;
        }

        var policy = result.Manifest?.Policy.Diversity ?? new DiversityPolicy();
        var generations = new JsonArray();
        foreach (var row in report.Generations)
        {
            generations.Add(Row(row));
        }

        root["diversity"] = new JsonObject
        {
            ["sampleTokens"] = report.SampleTokens,
            ["sampleBigrams"] = report.SampleBigrams,
            ["metric"] = DiversityPolicy.Name(policy.Metric),
            ["maxDrop"] = policy.MaxDrop,
            ["drop"] = report.Drop(policy.Metric),
            ["generations"] = generations,
            ["mix"] = report.Mix is null ? null : Row(report.Mix),
            ["skipped"] = new JsonArray(report.Skipped.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["reason"] = s.Reason }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Row(DiversityRow row) => new()
    {
        ["generation"] = row.Generation,
        ["upstream"] = row.Upstream,
        ["shards"] = new JsonArray(row.ShardIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
        ["tokens"] = row.Tokens,
        ["types"] = row.Types,
        ["distinct1"] = row.Distinct1,
        ["distinct2"] = row.Distinct2,
        ["entropyBits"] = row.Entropy,
        ["tailSurvival"] = double.IsNaN(row.TailSurvival) ? null : row.TailSurvival,
    };

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
