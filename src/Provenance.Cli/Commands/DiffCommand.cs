using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Provenance.Cli.Output;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;
using Provenance.Manifest.Reading;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance diff OLD NEW [--format text|json]</c>: shards added, removed and changed between two manifests (matched
/// by digest first, so a rename is a change, then by id), the human share before and after, and the human shards of OLD
/// that NEW drops or relabels, decided by the engine's one comparison of the protected corpus
/// (<see cref="ProtectedCorpus"/>, OLD as the parent), so diff, check and the build agree: a human shard is kept when NEW
/// has a human or mixed shard with the same digest; the same bytes labelled synthetic or unknown are a relabel; a dropped
/// one is approved only by a <c>removed:</c> entry in NEW with its digest, a reason and approvedBy. Exit 1 when NEW drops
/// or relabels a human shard without approval, else 0.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldArgument = CommonOptions.RejectOptionLike(new Argument<string>("OLD") { Description = "The earlier manifest." });
        var newArgument = CommonOptions.RejectOptionLike(new Argument<string>("NEW") { Description = "The later manifest." });
        var format = new Option<string>("--format", "-f") { Description = "text or json.", HelpName = "text|json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", "Compare two manifests: shards added, removed and changed, human share before and after, human shards dropped.")
        {
            oldArgument, newArgument, format,
        };
        command.SetAction(parseResult =>
        {
            var oldRead = ManifestReader.ReadFile(CommonOptions.ResolveManifest(context, parseResult.GetRequiredValue(oldArgument)));
            var newRead = ManifestReader.ReadFile(CommonOptions.ResolveManifest(context, parseResult.GetRequiredValue(newArgument)));
            if (oldRead.Manifest is null || newRead.Manifest is null)
            {
                var problems = oldRead.Diagnostics.Concat(newRead.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                DiagnosticFormatter.WriteText(context.Error, problems, context.Environment);
                return context.Fail("cannot compare: " + (oldRead.Manifest is null ? "OLD" : "NEW") + " manifest cannot be read.");
            }

            var diff = ManifestDiff.Compute(oldRead.Manifest, newRead.Manifest);
            int exitCode = diff.UnapprovedDrops > 0 ? ExitCodes.Failed : ExitCodes.Passed;
            if (parseResult.GetValue(format) == "json")
            {
                context.Out.WriteLine(Json(diff, context.Environment, exitCode));
            }
            else
            {
                WriteText(context, diff);
            }

            return exitCode;
        });
        return command;
    }

    private static void WriteText(CliContext context, ManifestDiff diff)
    {
        var env = context.Environment;
        var o = context.Out;
        o.WriteLine($"OLD  {env.DisplayPath(diff.Old.FilePath)} ({diff.Old.Dataset}, {DiagnosticFormatter.Plural(diff.Old.Shards.Count, "shard")})");
        o.WriteLine($"NEW  {env.DisplayPath(diff.New.FilePath)} ({diff.New.Dataset}, {DiagnosticFormatter.Plural(diff.New.Shards.Count, "shard")})");
        o.WriteLine($"Human share: {Provenance.Manifest.Reporting.AuditReport.Percent(diff.OldMix.HumanShare)} of {Measure(diff.OldMix)} -> {Provenance.Manifest.Reporting.AuditReport.Percent(diff.NewMix.HumanShare)} of {Measure(diff.NewMix)}");
        Section(o, "Added", diff.Added.Select(s => $"+ {s.Id}  {Origin(s)}  {Where(s)}  {LockCommand.Short(s.Digest)}"));
        Section(o, "Removed", diff.Removed.Select(s => $"- {s.Id}  {Origin(s)}  {Where(s)}  {LockCommand.Short(s.Digest)}"));
        Section(o, "Changed", diff.Changed.SelectMany(c => new[] { $"~ {c.New.Id}: {string.Join("; ", c.Changes)}" }.Concat(c.Files is { } f ? SetLines(f) : Array.Empty<string>())));
        Section(o, "Human shards dropped", diff.HumanDropped.Select(d => d.Status switch
        {
            ProtectedStatus.Removed => $"  {d.Id} ({LockCommand.Short(d.Digest)}): removed with approval: {d.Approval!.Reason}; approved by {d.Approval.ApprovedBy}",
            ProtectedStatus.Relabelled => $"! {d.Id} ({LockCommand.Short(d.Digest)}): relabelled '{Origin(d.Current!)}' as shard '{d.Current!.Id}'",
            _ => $"! {d.Id}{(d.SetFile is null ? string.Empty : $": file '{d.SetFile}'")} ({LockCommand.Short(d.Digest)}): dropped without a removed: entry",
        }).Take(MaxLines).Concat(diff.HumanDropped.Count > MaxLines ? new[] { $"  ... and {diff.HumanDropped.Count - MaxLines:N0} more (--format json lists all)" } : Array.Empty<string>()));
        o.WriteLine(diff.UnapprovedDrops > 0
            ? $"Failed: NEW drops or relabels {DiagnosticFormatter.Plural(diff.UnapprovedDrops, "human shard")} of OLD without a removed: entry (reason, approvedBy)."
            : "Passed: NEW keeps every human shard of OLD" + (diff.HumanDropped.Count > 0 ? " except approved removals." : "."));
    }

    /// <summary>How many lines a section or a set's file list prints before it counts the rest (--format json keeps all).</summary>
    private const int MaxLines = 20;

    /// <summary>A shard set's files that changed: one summary line, then at most <see cref="MaxLines"/> files.</summary>
    private static IEnumerable<string> SetLines(Provenance.Manifest.Sets.ShardSetDiff files)
    {
        yield return $"    files: +{files.Added.Count:N0} added, -{files.Removed.Count:N0} removed, ~{files.Changed.Count:N0} changed, {files.Renamed.Count:N0} renamed";
        var lines = files.Added.Select(e => $"    + {e.Location}")
            .Concat(files.Removed.Select(e => $"    - {e.Location}"))
            .Concat(files.Changed.Select(c => $"    ~ {c.New.Location}  {LockCommand.Short(c.Old.Digest)} -> {LockCommand.Short(c.New.Digest)}"))
            .Concat(files.Renamed.Select(r => $"    > {r.Old.Location} -> {r.New.Location}"))
            .ToList();
        foreach (var line in lines.Take(MaxLines))
        {
            yield return line;
        }

        if (lines.Count > MaxLines)
        {
            yield return $"    ... and {lines.Count - MaxLines:N0} more files (--format json lists all)";
        }
    }

    private static void Section(System.IO.TextWriter output, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        int count = title == "Changed" ? list.Count(l => l.StartsWith("~ ", StringComparison.Ordinal)) : title.StartsWith("Human", StringComparison.Ordinal) ? list.Count(l => !l.StartsWith("  ...", StringComparison.Ordinal)) : list.Count;
        output.WriteLine($"{title} ({count})" + (list.Count > 0 ? ":" : string.Empty));
        foreach (var line in list)
        {
            output.WriteLine("  " + line);
        }
    }

    private static string Origin(Shard shard) => shard.Origin.ToString().ToLowerInvariant();

    private static string Where(Shard shard) => shard.Path ?? shard.Uri ?? $"{string.Join(", ", shard.Files)} ({shard.FileCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} files)";

    private static string Measure(MixComposition mix) => mix.Measure.ToString().ToLowerInvariant();

    private static string Json(ManifestDiff diff, CliEnvironment environment, int exitCode) => DiagnosticFormatter.Json(w =>
    {
        void Side(string name, ShardManifest m, MixComposition mix)
        {
            w.WriteStartObject(name);
            w.WriteString("manifest", environment.DisplayPath(m.FilePath));
            w.WriteString("dataset", m.Dataset);
            w.WriteNumber("shards", m.Shards.Count);
            w.WriteString("measure", Measure(mix));
            w.WriteNumber("humanShare", mix.HumanShare);
            w.WriteEndObject();
        }

        void Shards(string name, IEnumerable<Shard> shards)
        {
            w.WriteStartArray(name);
            foreach (var s in shards)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteString("origin", Origin(s));
                w.WriteString("path", s.Path ?? s.Uri ?? string.Join(", ", s.Files));
                if (s.IsSet)
                {
                    w.WriteNumber("fileCount", s.FileCount ?? 0);
                }

                w.WriteString("digest", s.Digest);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartObject();
        Side("old", diff.Old, diff.OldMix);
        Side("new", diff.New, diff.NewMix);
        Shards("added", diff.Added);
        Shards("removed", diff.Removed);
        w.WriteStartArray("changed");
        foreach (var c in diff.Changed)
        {
            w.WriteStartObject();
            w.WriteString("oldId", c.Old.Id);
            w.WriteString("newId", c.New.Id);
            w.WriteString("matchedBy", c.MatchedBy);
            w.WriteStartArray("changes");
            c.Changes.ForEach(w.WriteStringValue);
            w.WriteEndArray();
            if (c.Files is { } files)
            {
                w.WriteStartObject("files");
                void Entries(string name, IEnumerable<Provenance.Manifest.Sets.IndexEntry> entries)
                {
                    w.WriteStartArray(name);
                    foreach (var e in entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("path", e.Location);
                        w.WriteString("digest", e.Digest);
                        w.WriteNumber("bytes", e.Bytes);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                Entries("added", files.Added);
                Entries("removed", files.Removed);
                Entries("changed", files.Changed.Select(x => x.New));
                w.WriteStartArray("renamed");
                foreach (var (from, to) in files.Renamed)
                {
                    w.WriteStartObject();
                    w.WriteString("from", from.Location);
                    w.WriteString("to", to.Location);
                    w.WriteString("digest", to.Digest);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("humanDropped");
        foreach (var d in diff.HumanDropped)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            if (d.SetFile is not null)
            {
                w.WriteString("file", d.SetFile);
            }

            w.WriteString("digest", d.Digest);
            w.WriteString("status", d.Status.ToString().ToLowerInvariant());
            w.WriteString("nowId", d.Current?.Id);
            w.WriteString("nowOrigin", d.Current is null ? null : Origin(d.Current));
            w.WriteBoolean("approved", d.Approval is not null);
            w.WriteString("reason", d.Approval?.Reason);
            w.WriteString("approvedBy", d.Approval?.ApprovedBy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("passed", diff.UnapprovedDrops == 0);
        w.WriteNumber("exitCode", exitCode);
        w.WriteEndObject();
    });
}

/// <summary>The difference between two manifests (see <see cref="DiffCommand"/>).</summary>
internal sealed class ManifestDiff
{
    private ManifestDiff(ShardManifest oldManifest, ShardManifest newManifest)
    {
        Old = oldManifest;
        New = newManifest;
        OldMix = MixComposition.Compute(oldManifest);
        NewMix = MixComposition.Compute(newManifest);
    }

    public ShardManifest Old { get; }

    public ShardManifest New { get; }

    public MixComposition OldMix { get; }

    public MixComposition NewMix { get; }

    public List<Shard> Added { get; } = new();

    public List<Shard> Removed { get; } = new();

    public List<ChangedShard> Changed { get; } = new();

    /// <summary>The human shards of OLD that NEW does not keep as human: dropped, relabelled, or removed with approval.</summary>
    public List<ProtectedShard> HumanDropped { get; } = new();

    public int UnapprovedDrops => HumanDropped.Count(d => d.Status != ProtectedStatus.Removed);

    public static ManifestDiff Compute(ShardManifest oldManifest, ShardManifest newManifest)
    {
        var diff = new ManifestDiff(oldManifest, newManifest);
        var unmatchedNew = new List<Shard>(newManifest.Shards);
        var byDigest = new Dictionary<string, Queue<Shard>>(StringComparer.Ordinal);
        foreach (var s in newManifest.Shards.Where(s => s.Digest is not null))
        {
            if (!byDigest.TryGetValue(s.Digest!, out var queue))
            {
                byDigest[s.Digest!] = queue = new Queue<Shard>();
            }

            queue.Enqueue(s);
        }

        var matched = new HashSet<Shard>();
        var pairs = new List<(Shard Old, Shard New, string By)>();
        var unmatchedOld = new List<Shard>();
        foreach (var old in oldManifest.Shards)
        {
            if (old.Digest is not null && byDigest.TryGetValue(old.Digest, out var queue) && queue.Count > 0)
            {
                var match = queue.Dequeue();
                matched.Add(match);
                pairs.Add((old, match, "digest"));
            }
            else
            {
                unmatchedOld.Add(old);
            }
        }

        var byId = newManifest.Shards.Where(s => !matched.Contains(s)).GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var old in unmatchedOld)
        {
            if (byId.Remove(old.Id, out var match))
            {
                matched.Add(match);
                pairs.Add((old, match, "id"));
            }
            else
            {
                diff.Removed.Add(old);
            }
        }

        diff.Added.AddRange(newManifest.Shards.Where(s => !matched.Contains(s)));
        foreach (var (old, now, by) in pairs)
        {
            var changes = Changes(old, now);
            if (changes.Count > 0)
            {
                // Two versions of a shard set: which of its files changed, from the two indexes.
                Provenance.Manifest.Sets.ShardSetDiff? files = null;
                if (old.IsSet && now.IsSet && old.Digest != now.Digest
                    && Provenance.Manifest.Sets.ShardSetChecker.ReadIndex(oldManifest, old, new List<ManifestDiagnostic>()) is { } before
                    && Provenance.Manifest.Sets.ShardSetChecker.ReadIndex(newManifest, now, new List<ManifestDiagnostic>()) is { } after)
                {
                    files = Provenance.Manifest.Sets.ShardSetDiff.Compare(before, after);
                }

                diff.Changed.Add(new ChangedShard(old, now, by, changes) { Files = files });
            }
        }

        // The one engine comparison of the protected corpus, as check and the build make it (OLD plays the parent).
        var corpus = ProtectedCorpus.Compare(newManifest, oldManifest, lockFile: null);
        diff.HumanDropped.AddRange(corpus.Parent.Where(p => p.Status != ProtectedStatus.Kept));
        return diff;
    }

    private static List<string> Changes(Shard old, Shard now)
    {
        var changes = new List<string>();
        void Compare(string what, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                changes.Add($"{what} {a ?? "(none)"} -> {b ?? "(none)"}");
            }
        }

        static string? Num(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
        Compare("id", old.Id, now.Id);
        Compare("path", old.Path ?? old.Uri ?? string.Join(", ", old.Files), now.Path ?? now.Uri ?? string.Join(", ", now.Files));
        Compare("fileCount", old.FileCount?.ToString(CultureInfo.InvariantCulture), now.FileCount?.ToString(CultureInfo.InvariantCulture));
        Compare("origin", old.Origin.ToString().ToLowerInvariant(), now.Origin.ToString().ToLowerInvariant());
        if (!string.Equals(old.Digest, now.Digest, StringComparison.Ordinal))
        {
            changes.Add($"content {LockCommand.Short(old.Digest)} -> {LockCommand.Short(now.Digest)}");
        }

        Compare("weight", Num(old.Weight), Num(now.Weight));
        Compare("humanFraction", Num(old.HumanFraction), Num(now.HumanFraction));
        Compare("generation", old.Generation?.ToString(CultureInfo.InvariantCulture), now.Generation?.ToString(CultureInfo.InvariantCulture));
        Compare("generator", old.Generator?.Model, now.Generator?.Model);
        return changes;
    }

    /// <summary>A shard present in both, with what changed.</summary>
    internal sealed record ChangedShard(Shard Old, Shard New, string MatchedBy, List<string> Changes)
    {
        /// <summary>For a shard set in both: its files that changed; null otherwise or when an index cannot be read.</summary>
        public Provenance.Manifest.Sets.ShardSetDiff? Files { get; init; }
    }
}
