using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Provenance.Cli.Output;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Locking;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance lock [MANIFEST]</c>: checks the manifest and writes its lock file (<see cref="ManifestChecker.Lock"/>),
/// admitting new human shards and recording approved removals, then prints what changed. Refuses to write when the
/// manifest itself has errors (PROV1xxx).
/// </summary>
internal static class LockCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context);
        var command = new Command("lock", "Write the lock file (provenance.lock.json): protect every human shard by digest and record approved removals.");
        common.AddCheckOptionsTo(command, includeLocked: false);
        command.SetAction(parseResult =>
        {
            string manifest = common.ResolveManifest(parseResult);
            string lockPath = LockFile.PathFor(manifest);
            var before = LoadQuietly(lockPath);
            var options = common.ToCheckOptions(parseResult, manifest, includeLocked: false);
            var result = ProgressDisplay.Run(context, "Hashing shards", progress =>
            {
                options.Progress = progress;
                return ManifestChecker.Lock(manifest, options);
            });
            DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
            string lockShown = context.Environment.DisplayPath(lockPath);
            if (result.LockWritten)
            {
                var after = LoadQuietly(lockPath);
                foreach (var line in Changes(before, after))
                {
                    context.Out.WriteLine(line);
                }

                context.Out.WriteLine($"{lockShown}: written, {DiagnosticFormatter.Plural(after?.Protected.Count ?? 0, "protected human shard")}, {DiagnosticFormatter.Plural(after?.Removed.Count ?? 0, "approved removal")}.");
            }
            else if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("PROV1", StringComparison.Ordinal)))
            {
                context.Out.WriteLine($"{lockShown}: not written; fix the manifest errors above first.");
            }
            else
            {
                context.Out.WriteLine($"{lockShown}: up to date, {DiagnosticFormatter.Plural(before?.Protected.Count ?? 0, "protected human shard")}.");
            }

            context.Out.WriteLine(DiagnosticFormatter.SummaryLine(result, context.Environment));
            return ExitCodes.For(result.Diagnostics);
        });
        return command;
    }

    /// <summary>The lines describing how the lock changed: <c>+</c> admitted, <c>-</c> removed, <c>~</c> renamed.</summary>
    internal static IEnumerable<string> Changes(LockFile? before, LockFile? after)
    {
        if (after is null)
        {
            yield break;
        }

        var old = (before?.Protected ?? new List<LockedShard>()).ToDictionary(s => s.Digest, StringComparer.Ordinal);
        var oldRemoved = new HashSet<string>((before?.Removed ?? new List<LockedRemoval>()).Select(r => r.Digest), StringComparer.Ordinal);
        foreach (var shard in after.Protected.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!old.TryGetValue(shard.Digest, out var previous))
            {
                yield return $"  + admitted '{shard.Id}' ({Short(shard.Digest)})";
            }
            else if (previous.Id != shard.Id)
            {
                yield return $"  ~ renamed '{previous.Id}' to '{shard.Id}' ({Short(shard.Digest)})";
            }
        }

        foreach (var removal in after.Removed.Where(r => !oldRemoved.Contains(r.Digest)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            yield return $"  - removed '{removal.Id}' ({Short(removal.Digest)}): {removal.Reason}; approved by {removal.ApprovedBy}";
        }
    }

    /// <summary><c>sha256:</c> and the first 12 hex digits.</summary>
    internal static string Short(string? digest) => Provenance.Manifest.Reporting.AuditReport.ShortDigest(digest);

    private static LockFile? LoadQuietly(string path)
    {
        try
        {
            return LockFile.Load(path, new List<ManifestDiagnostic>());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
