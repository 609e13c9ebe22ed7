using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// The facts of an audit, taken from a <see cref="CheckResult"/>: the mix (human share on the policy measure), totals per
/// origin and per generation, one row per shard and the lineage (parent, trainedOn manifests, derivedFrom edges).
/// Effective amounts come from the engine's <see cref="MixComposition"/> (amount × weight, human weight capped at
/// <c>humanEpochCap</c>); no renderer adds policy of its own. The facts and tables here are shared by every renderer:
/// the CLI's text, terminal, JSON and mermaid output, and <see cref="MarkdownAudit"/> (<c>provenance audit --format
/// markdown</c> and the build's CI job summary).
/// </summary>
public sealed class AuditReport
{
    private AuditReport(CheckResult result, ShardManifest manifest, MixComposition mix, LineageResult lineage, string manifestShown, IReadOnlyList<ManifestDiagnostic> diagnostics)
    {
        Result = result;
        Diagnostics = diagnostics;
        Manifest = manifest;
        Mix = mix;
        ManifestShown = manifestShown;
        MeasureName = mix.Measure.ToString().ToLowerInvariant();
        var rows = new List<ShardRow>();
        foreach (var shard in manifest.Shards)
        {
            var single = new ShardManifest { Policy = manifest.Policy, FilePath = manifest.FilePath };
            single.Shards.Add(shard);
            var part = MixComposition.Compute(single);
            rows.Add(new ShardRow(
                shard,
                lineage.Generations.TryGetValue(shard, out int generation) ? generation : 0,
                shard.Amount(mix.Measure),
                part.ShardsWithoutAmount.Count == 0 ? part.TotalAmount : null,
                part.HumanAmount));
        }

        Shards = rows;
        double total = mix.TotalAmount;
        Origins = rows.GroupBy(r => r.Shard.Origin)
            .OrderBy(g => g.Key)
            .Select(g => new Group(g.Key.ToString().ToLowerInvariant(), g.Count(), Sum(g.Select(r => r.Amount)), g.Sum(r => r.Effective ?? 0), g.Sum(r => r.EffectiveHuman), total))
            .ToList();
        Generations = rows.GroupBy(r => r.Generation)
            .OrderBy(g => g.Key)
            .Select(g => new Group(g.Key.ToString(CultureInfo.InvariantCulture), g.Count(), Sum(g.Select(r => r.Amount)), g.Sum(r => r.Effective ?? 0), g.Sum(r => r.EffectiveHuman), total))
            .ToList();
        TrainedOn = manifest.Shards
            .Where(s => s.Generator?.TrainedOn is not null)
            .GroupBy(s => s.Generator!.TrainedOn!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrainedOnManifest(g.Key, g.Select(s => s.Id).ToList(), g.Select(s => s.Generator!.Model).Where(m => m is not null).Distinct(StringComparer.Ordinal).ToList()!))
            .ToList();
        DerivedFrom = manifest.Shards.SelectMany(s => s.DerivedFrom.Select(from => (Shard: s.Id, From: from))).ToList();
        var corpus = result.Corpus;
        Protected = new HashSet<Shard>((corpus?.Parent ?? Array.Empty<ProtectedShard>())
            .Concat(corpus?.Locked ?? Array.Empty<ProtectedShard>())
            .Where(p => p.Status == ProtectedStatus.Kept && p.Current is not null)
            .Select(p => p.Current!));
        Removals = (corpus?.Approvals.Values ?? Enumerable.Empty<ProtectedRemoval>()).OrderBy(r => r.Id ?? r.Digest, StringComparer.Ordinal).ToList();
        Tainted = TaintOf(manifest, result.RemovalsById);
    }

    /// <summary>The check the report is about.</summary>
    public CheckResult Result { get; }

    /// <summary>The manifest.</summary>
    public ShardManifest Manifest { get; }

    /// <summary>The diagnostics the report shows: the check's, or what a caller reported after its own suppressions.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    /// <summary>Its composition on the policy measure.</summary>
    public MixComposition Mix { get; }

    /// <summary>The manifest path as shown (the caller decides: relative to the current folder, or to the project).</summary>
    public string ManifestShown { get; }

    /// <summary>tokens, records or bytes.</summary>
    public string MeasureName { get; }

    /// <summary>One row per shard, in manifest order.</summary>
    public IReadOnlyList<ShardRow> Shards { get; }

    /// <summary>Totals per origin (human, synthetic, mixed, unknown), in that order.</summary>
    public IReadOnlyList<Group> Origins { get; }

    /// <summary>Totals per effective generation, ascending.</summary>
    public IReadOnlyList<Group> Generations { get; }

    /// <summary>The manifests the generators were trained on, as written, with the shards that name them.</summary>
    public IReadOnlyList<TrainedOnManifest> TrainedOn { get; }

    /// <summary>derivedFrom edges: (shard, the shard it was derived from).</summary>
    public IReadOnlyList<(string Shard, string From)> DerivedFrom { get; }

    /// <summary>The manifest's human (or mixed) shards that hold a protected shard of the parent or the lock, matched by digest.</summary>
    public IReadOnlyCollection<Shard> Protected { get; }

    /// <summary>Approved removals (this manifest's <c>removed:</c> entries and the lock's), by id or digest.</summary>
    public IReadOnlyList<ProtectedRemoval> Removals { get; }

    /// <summary>
    /// Shards derived from an approved removal, directly or through other shards of this manifest (<c>derivedFrom</c>
    /// followed transitively), with the removal their taint comes from (PROV2012 reports the direct ones).
    /// </summary>
    public IReadOnlyDictionary<Shard, ProtectedRemoval> Tainted { get; }

    /// <summary>Error diagnostics of the check.</summary>
    public int Errors => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Warning diagnostics of the check.</summary>
    public int Warnings => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>Info diagnostics of the check.</summary>
    public int Infos => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);

    /// <summary>
    /// The report, or null when the manifest could not be read; <paramref name="manifestShown"/> is how its path is
    /// printed. <paramref name="diagnostics"/>: the diagnostics to show instead of the check's (the build shows what it
    /// reported, after <c>ProvenanceSuppress</c> and the warning settings).
    /// </summary>
    public static AuditReport? From(CheckResult result, string manifestShown, IReadOnlyList<ManifestDiagnostic>? diagnostics = null) =>
        result.Manifest is { } manifest && result.Mix is { } mix && result.Lineage is { } lineage
            ? new AuditReport(result, manifest, mix, lineage, manifestShown, diagnostics ?? result.Diagnostics)
            : null;

    /// <summary>A fraction as a percentage with at most one decimal: <c>41.3%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>An amount with thousands separators, or '-' when undeclared.</summary>
    public static string Amount(long? amount) => amount is { } a ? a.ToString("#,0", CultureInfo.InvariantCulture) : "-";

    /// <summary>An effective (weighted) amount with thousands separators and at most two decimals, or '-'.</summary>
    public static string Amount(double? amount) => amount is { } a ? a.ToString("#,0.##", CultureInfo.InvariantCulture) : "-";

    /// <summary>A weight with at most three decimals.</summary>
    public static string Weight(double weight) => weight.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A digest cut to its algorithm and 12 hex digits (<c>sha256:4a1c2b3d4e5f</c>), or '-'.</summary>
    public static string ShortDigest(string? digest) =>
        digest is null ? "-" : digest.Length > 19 ? digest.Substring(0, 19) : digest;

    /// <summary><c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary><c>2 errors, 1 warning</c>, with <c>, 3 infos</c> when there are any.</summary>
    public static string Counts(IReadOnlyCollection<ManifestDiagnostic> diagnostics)
    {
        int errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        int infos = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
        string text = Plural(errors, "error") + ", " + Plural(warnings, "warning");
        return infos > 0 ? text + ", " + Plural(infos, "info") : text;
    }

    /// <summary>The key facts, as (label, value) pairs.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts()
    {
        var facts = new List<(string, string)>
        {
            ("Dataset", Manifest.Dataset),
            ("Manifest", ManifestShown),
        };
        if (Manifest.Description is { } description)
        {
            facts.Add(("Description", description));
        }

        facts.Add(("Measure", MeasureName));
        facts.Add(("Human share", $"{Percent(Mix.HumanShare)} ({Amount(Mix.HumanAmount)} of {Amount(Mix.TotalAmount)} effective {MeasureName})"));
        facts.Add(("Floor", $"{Percent(Result.HumanFloor)} (warning below {Percent(Manifest.Policy.HumanFloorWarn)})"));
        facts.Add(("Shards", $"{Shards.Count} (max generation {Result.Lineage!.MaxGeneration})"));
        facts.Add(("Parent", Manifest.Parent ?? "-"));
        facts.Add(("Diagnostics", Counts(Diagnostics)));
        return facts;
    }

    /// <summary>Totals per origin: shards, amount, effective amount and share of the mix.</summary>
    public ReportTable OriginTable() => GroupTable("origin", Origins);

    /// <summary>Totals per effective generation.</summary>
    public ReportTable GenerationTable() => GroupTable("generation", Generations);

    /// <summary>One row per shard: id, origin, generation, amount, weight, short digest, source or generator.</summary>
    public ReportTable ShardTable()
    {
        // A shard set is one row with its file count (a million files are summarised, not listed; --format json and diff give detail).
        if (Shards.Any(r => r.Shard.IsSet))
        {
            var withFiles = new ReportTable("id", "origin", "gen", "files", MeasureName, "weight", "digest", "source / generator").AlignRight(2, 3, 4, 5);
            foreach (var row in Shards)
            {
                withFiles.Add(row.Shard.Id, row.Shard.Origin.ToString().ToLowerInvariant(), row.Generation.ToString(CultureInfo.InvariantCulture),
                    row.Shard.IsSet ? row.Shard.FileCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "?" : "1",
                    Amount(row.Amount), Weight(row.Shard.Weight), ShortDigest(row.Shard.Digest), SourceOrGenerator(row.Shard));
            }

            return withFiles;
        }

        var table = new ReportTable("id", "origin", "gen", MeasureName, "weight", "digest", "source / generator").AlignRight(2, 3, 4);
        foreach (var row in Shards)
        {
            table.Add(row.Shard.Id, row.Shard.Origin.ToString().ToLowerInvariant(), row.Generation.ToString(CultureInfo.InvariantCulture),
                Amount(row.Amount), Weight(row.Shard.Weight), ShortDigest(row.Shard.Digest), SourceOrGenerator(row.Shard));
        }

        return table;
    }

    /// <summary>Lineage lines: parent, trainedOn manifests, derivedFrom edges.</summary>
    public IReadOnlyList<string> LineageLines()
    {
        var lines = new List<string>();
        if (Manifest.Parent is { } parent)
        {
            lines.Add($"parent: {parent}");
        }

        foreach (var t in TrainedOn)
        {
            string models = t.Models.Count > 0 ? " by " + string.Join(", ", t.Models) : string.Empty;
            lines.Add($"trainedOn {t.Reference}: generated{models} -> {string.Join(", ", t.Shards)}");
        }

        foreach (var (shard, from) in DerivedFrom)
        {
            lines.Add($"derivedFrom: {shard} <- {from}");
        }

        if (lines.Count == 0)
        {
            lines.Add("no parent, trainedOn or derivedFrom");
        }

        return lines;
    }

    /// <summary>The diversity audit per generation and for the mix: shards, tokens, types, distinct-1/2, entropy, tail survival.</summary>
    public static ReportTable DiversityTable(Diversity.DiversityReport report)
    {
        var table = new ReportTable("generation", "shards", "tokens", "types", "distinct-1", "distinct-2", "entropy (bits)", "tail survival").AlignRight(1, 2, 3, 4, 5, 6, 7);
        foreach (var row in report.Generations.Append(report.Mix).OfType<Diversity.DiversityRow>())
        {
            string label = row.Label == "mix" ? $"mix (gen {row.Generation})" : row.Label + (row.Upstream ? " (upstream)" : string.Empty);
            table.Add(label, row.ShardIds.Count.ToString(CultureInfo.InvariantCulture), Amount(row.Tokens),
                row.Types.ToString("#,0", CultureInfo.InvariantCulture), Metric(row.Distinct1), Metric(row.Distinct2), row.Entropy.ToString("0.00", CultureInfo.InvariantCulture), Metric(row.TailSurvival));
        }

        return table;
    }

    /// <summary>What the diversity gate (<c>policy.diversity</c>, PROV2010) found: the mix's drop against generation 0 and the allowed drop.</summary>
    public static string DiversityGate(Diversity.DiversityReport report, Diversity.DiversityPolicy policy) =>
        report.Drop(policy.Metric) is { } drop
            ? string.Format(CultureInfo.InvariantCulture, "Gate (policy.diversity): {0} of the mix is {1} relative to generation 0; allowed drop {2}.",
                Diversity.DiversityPolicy.Name(policy.Metric), (drop >= 0 ? "-" : "+") + Percent(Math.Abs(drop)), Percent(policy.MaxDrop))
            : "Gate (policy.diversity): no readable generation-0 shard in the lineage, nothing to compare with.";

    private static string Metric(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A shard's source name, or its generator model, or '-'.</summary>
    public static string SourceOrGenerator(Shard shard) =>
        shard.Source?.Name ?? (shard.Generator?.Model is { } model ? "generator " + model : shard.Uri ?? "-");

    /// <summary><c>1 shard</c>, <c>2 shards</c>.</summary>
    public static string Plural(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private ReportTable GroupTable(string name, IReadOnlyList<Group> groups)
    {
        var table = new ReportTable(name, "shards", MeasureName, "effective", "share").AlignRight(1, 2, 3, 4);
        foreach (var g in groups)
        {
            table.Add(g.Name, g.Shards.ToString(CultureInfo.InvariantCulture), Amount(g.Amount), Amount(g.Effective), Percent(g.Share));
        }

        return table;
    }

    private static Dictionary<Shard, ProtectedRemoval> TaintOf(ShardManifest manifest, IReadOnlyDictionary<string, ProtectedRemoval> removals)
    {
        var tainted = new Dictionary<Shard, ProtectedRemoval>();
        if (removals.Count == 0)
        {
            return tainted;
        }

        // Breadth first from each removed id along derivedFrom, read backwards: a shard derived from a tainted shard is
        // tainted by the same removal (linear in shards and edges, whatever the depth of the chains).
        var derivedFrom = new Dictionary<string, List<Shard>>(StringComparer.Ordinal);
        foreach (var shard in manifest.Shards)
        {
            foreach (string from in shard.DerivedFrom)
            {
                (derivedFrom.TryGetValue(from, out var list) ? list : derivedFrom[from] = new List<Shard>()).Add(shard);
            }
        }

        var queue = new Queue<(string Id, ProtectedRemoval Removal)>(removals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)));
        while (queue.Count > 0)
        {
            var (id, removal) = queue.Dequeue();
            if (!derivedFrom.TryGetValue(id, out var shards))
            {
                continue;
            }

            foreach (var shard in shards)
            {
                if (!tainted.ContainsKey(shard))
                {
                    tainted[shard] = removal;
                    queue.Enqueue((shard.Id, removal));
                }
            }
        }

        return tainted;
    }

    private static long? Sum(IEnumerable<long?> amounts)
    {
        long sum = 0;
        foreach (var amount in amounts)
        {
            if (amount is null)
            {
                return null;
            }

            sum += amount.Value;
        }

        return sum;
    }

    /// <summary>One shard: its effective generation, amount on the measure (null when undeclared) and effective amounts.</summary>
    public sealed class ShardRow
    {
        internal ShardRow(Shard shard, int generation, long? amount, double? effective, double effectiveHuman)
        {
            Shard = shard;
            Generation = generation;
            Amount = amount;
            Effective = effective;
            EffectiveHuman = effectiveHuman;
        }

        /// <summary>The shard.</summary>
        public Shard Shard { get; }

        /// <summary>Its effective generation (0 for human data).</summary>
        public int Generation { get; }

        /// <summary>Its amount on the policy measure, or null when undeclared.</summary>
        public long? Amount { get; }

        /// <summary>Amount × weight (human weight capped), or null when undeclared.</summary>
        public double? Effective { get; }

        /// <summary>The human part of <see cref="Effective"/>.</summary>
        public double EffectiveHuman { get; }
    }

    /// <summary>Totals of a group of shards (an origin or a generation).</summary>
    public sealed class Group
    {
        internal Group(string name, int shards, long? amount, double effective, double effectiveHuman, double mixTotal)
        {
            Name = name;
            Shards = shards;
            Amount = amount;
            Effective = effective;
            EffectiveHuman = effectiveHuman;
            MixTotal = mixTotal;
        }

        /// <summary>The origin or generation.</summary>
        public string Name { get; }

        /// <summary>Shards in the group.</summary>
        public int Shards { get; }

        /// <summary>Their amount on the measure, or null when any is undeclared.</summary>
        public long? Amount { get; }

        /// <summary>Their effective amount.</summary>
        public double Effective { get; }

        /// <summary>The human part of <see cref="Effective"/>.</summary>
        public double EffectiveHuman { get; }

        /// <summary>The mix's effective total.</summary>
        public double MixTotal { get; }

        /// <summary>The group's effective amount over the mix's effective total (0–1).</summary>
        public double Share => MixTotal > 0 ? Effective / MixTotal : 0;
    }

    /// <summary>A <c>generator.trainedOn</c> manifest, the shards whose generator names it and the models.</summary>
    public sealed class TrainedOnManifest
    {
        internal TrainedOnManifest(string reference, IReadOnlyList<string> shards, IReadOnlyList<string> models)
        {
            Reference = reference;
            Shards = shards;
            Models = models;
        }

        /// <summary>The reference as written.</summary>
        public string Reference { get; }

        /// <summary>Ids of the shards whose generator names it.</summary>
        public IReadOnlyList<string> Shards { get; }

        /// <summary>The generator models named with it.</summary>
        public IReadOnlyList<string> Models { get; }
    }
}
