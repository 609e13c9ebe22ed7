using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Policy;

/// <summary>
/// PROV2013: a <c>verification:</c> claim the data contradicts. Without <c>sampled</c>, a review covers the whole shard,
/// so <c>accepted</c> (records kept) cannot exceed the shard's <c>records</c>; a sampled review names its sample size
/// (<c>sampled</c>, records reviewed), which must hold <c>accepted</c> + <c>rejected</c> and cannot exceed what the data
/// held (<c>records</c> + <c>rejected</c>). A <c>rejectLog</c> must stay inside the manifest's folder, exist, and hold
/// <c>rejected</c> records (a log shared by several shards, the sum of theirs) (counted by its format, inferred from its name; a git-lfs pointer is not counted), and, with record fingerprints, none of
/// its records may be in the mix (compared by the same normalisation as the shard's records: its <c>textField</c> value,
/// else the whole record). Verification
/// is only worth its claim: Feng et al. 2024 (arXiv 2406.07515), collapse is avoided by verified synthetic data.
/// </summary>
public sealed class VerificationClaimRule : IPolicyRule
{
    /// <inheritdoc />
    public void Evaluate(PolicyContext context)
    {
        var logs = new Dictionary<string, List<(Shard Shard, VerificationInfo V)>>(StringComparer.Ordinal);
        foreach (var shard in context.Manifest.Shards)
        {
            if (shard.Verification is not { } v || !context.IsValid(shard))
            {
                continue;
            }

            long reviewed = (v.Accepted ?? 0) + (v.Rejected ?? 0);
            if (v.Sampled is { } sampled)
            {
                if (reviewed > sampled)
                {
                    Report(context, shard, "sampled", $"a sample of {sampled:N0} records cannot hold {v.Accepted ?? 0:N0} accepted and {v.Rejected ?? 0:N0} rejected records.");
                }
                else if (shard.Records is { } records && sampled > records + (v.Rejected ?? 0))
                {
                    Report(context, shard, "sampled", $"a sample of {sampled:N0} records is larger than the {records + (v.Rejected ?? 0):N0} records the data held ({records:N0} kept, {v.Rejected ?? 0:N0} rejected).");
                }
            }
            else if (v.Accepted is { } accepted && shard.Records is { } records && accepted > records)
            {
                Report(context, shard, "accepted", $"{accepted:N0} records accepted, but the shard holds {records:N0}. A review of a sample says so with 'sampled: <records reviewed>'.");
            }

            if (v.RejectLog is not { } log)
            {
                continue;
            }

            string? path = ShardPaths.Resolve(context.Manifest.Directory, log, out string? problem);
            if (path is null)
            {
                Report(context, shard, "rejectLog", $"rejectLog '{log}' is not a safe path inside the manifest's folder: {problem}.");
            }
            else if (!File.Exists(path))
            {
                Report(context, shard, "rejectLog", $"rejectLog '{log}' does not exist; it must hold what was rejected and why.");
            }
            else
            {
                if (!logs.TryGetValue(path, out var sharing))
                {
                    logs[path] = sharing = new List<(Shard, VerificationInfo)>();
                }

                sharing.Add((shard, v));
            }
        }

        foreach (var pair in logs)
        {
            CountRejectLog(context, pair.Key, pair.Value);
        }
    }

    /// <summary>A log shared by several shards (one per generation, say) holds the sum of their <c>rejected</c>.</summary>
    private static void CountRejectLog(PolicyContext context, string path, List<(Shard Shard, VerificationInfo V)> sharing)
    {
        if (sharing.Exists(s => s.V.Rejected is null) || LfsPointer.InPlaceOf(path, new FileInfo(path).Length, null, out _) is not null)
        {
            return; // nothing to count against, or content not pulled from git-lfs
        }

        var (shard, v) = sharing[0];
        long rejected = 0;
        sharing.ForEach(s => rejected += s.V.Rejected!.Value);
        string who = sharing.Count == 1 ? "is" : $"are, by the {sharing.Count} shards that share it,";
        var (format, compression) = ShardFormats.Infer(path);
        try
        {
            bool fingerprints = context.Records is not null;
            var amounts = ShardCounter.CountFile(path, format ?? ShardFormat.Jsonl, compression, shard.TextField, fingerprints: fingerprints);
            if (amounts.Records != rejected)
            {
                Report(context, shard, "rejectLog", $"rejectLog '{v.RejectLog}' holds {amounts.Records:N0} records, but {rejected:N0} {who} declared rejected.");
            }

            if (amounts.Fingerprints is { } rejectedRecords)
            {
                Reappearing(context, sharing, rejectedRecords);
            }
        }
        catch (ShardContentException ex)
        {
            Report(context, shard, "rejectLog", $"rejectLog '{v.RejectLog}' cannot be read: {ex.Message}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(context, shard, "rejectLog", $"rejectLog '{v.RejectLog}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>Rejected records must not come back: not in the shards that rejected them, nor anywhere else in the mix.</summary>
    private static void Reappearing(PolicyContext context, List<(Shard Shard, VerificationInfo V)> sharing, RecordFingerprint[] rejectedRecords)
    {
        var rejected = new HashSet<RecordFingerprint>();
        foreach (var f in rejectedRecords)
        {
            if (!RecordOverlap.IsEmptyText(f))
            {
                rejected.Add(f);
            }
        }

        if (rejected.Count == 0)
        {
            return;
        }

        var found = new List<(string Id, long Count)>();
        foreach (var other in context.Manifest.Shards)
        {
            if (context.Records!.Of(other) is { } records)
            {
                long count = records.LongCount(rejected.Contains);
                if (count > 0)
                {
                    found.Add((other.Id, count));
                }
            }
        }

        if (found.Count > 0)
        {
            var (shard, v) = sharing[0];
            string where = string.Join(", ", found.OrderByDescending(f => f.Count).Take(5).Select(f => $"{f.Count:N0} in '{f.Id}'")) + (found.Count > 5 ? $" and {found.Count - 5} more shards" : string.Empty);
            Report(context, shard, "rejectLog", $"{found.Sum(f => f.Count):N0} records that rejectLog '{v.RejectLog}' records as rejected are in the mix ({where}). Rejected records must not be trained on: take them out of those shards and re-seal.");
        }
    }

    private static void Report(PolicyContext context, Shard shard, string key, string message) =>
        context.Report(DiagnosticRegistry.VerificationClaimInvalid, shard.Verification!.ValueSpan(key), $"Shard '{shard.Id}': {message}");
}
