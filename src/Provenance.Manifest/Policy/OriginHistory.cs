using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Policy;

/// <summary>Where bytes were recorded as not human: a shard of a manifest in the lineage, or the lock's origin history.</summary>
/// <param name="Where">The manifest's or lock file's full path.</param>
/// <param name="ShardId">The shard id there.</param>
/// <param name="Origin">The origin recorded there: <c>synthetic</c>, <c>unknown</c> or <c>mixed</c>.</param>
/// <param name="Generation">The generation recorded there, when declared.</param>
public sealed record OriginRecord(string Where, string ShardId, string Origin, int? Generation);

/// <summary>A shard labelled human whose bytes are recorded as not human, and the first such record.</summary>
/// <param name="Shard">The shard labelled <c>origin: human</c>.</param>
/// <param name="Record">Where its bytes were recorded as synthetic, unknown or mixed.</param>
/// <param name="File">For a shard set: the first of its files so recorded (the whole set then counts as synthetic).</param>
public sealed record LaunderedShard(Shard Shard, OriginRecord Record, Sets.IndexEntry? File = null);

/// <summary>
/// The origin history of a manifest: every digest that its lineage (the manifest itself, its <c>parent:</c> chain and
/// every <c>generator.trainedOn</c> manifest, transitively) or its lock's origin history records as synthetic, unknown
/// or mixed. Origin is a claim; bytes once recorded as not human never count as human again (BRIEF: labels can lie), so
/// a shard labelled human with such a digest is laundered (PROV2011) and counts as synthetic in the mix.
/// </summary>
public static class OriginHistory
{
    /// <summary>The human-labelled shards of <paramref name="manifest"/> whose bytes the lineage or the lock records as not human.</summary>
    /// <param name="manifest">The manifest being checked.</param>
    /// <param name="loader">Reads (and caches) the manifests of the lineage.</param>
    /// <param name="lockFile">The manifest's lock, or null.</param>
    public static IReadOnlyList<LaunderedShard> Laundered(ShardManifest manifest, ManifestLoader loader, LockFile? lockFile)
    {
        var human = manifest.Shards.Where(s => s.Origin == ShardOrigin.Human && s.Digest is not null).ToList();
        if (human.Count == 0)
        {
            return Array.Empty<LaunderedShard>();
        }

        var records = new Dictionary<string, OriginRecord>(StringComparer.Ordinal);
        void Record(string digest, OriginRecord record)
        {
            if (!records.ContainsKey(digest))
            {
                records[digest] = record;
            }
        }

        foreach (var m in LineageWalk.Manifests(manifest, loader))
        {
            foreach (var shard in m.Shards)
            {
                if (shard.Origin != ShardOrigin.Human && shard.Digest is { } digest)
                {
                    var record = new OriginRecord(m.FilePath, shard.Id, shard.Origin.ToString().ToLowerInvariant(), shard.Generation);
                    Record(digest, record);

                    // The files of a set not labelled human are recorded one by one: moved into a human shard or set, they stay what they were.
                    if (shard.IsSet && Sets.ShardSetChecker.ReadIndex(m, shard, new List<Diagnostics.ManifestDiagnostic>()) is { } index)
                    {
                        index.Entries.ToList().ForEach(e => Record(e.Digest, record with { ShardId = $"{shard.Id}: {e.Location}" }));
                    }
                }
            }
        }

        foreach (var entry in lockFile?.Synthetic ?? new List<LockedSynthetic>())
        {
            var record = new OriginRecord(lockFile!.FilePath, entry.Id, entry.Origin, null);
            Record(entry.Digest, record);
            if (entry.Files is not null && LockFile.IndexCopy(lockFile, entry.Digest) is { } index)
            {
                index.Entries.ToList().ForEach(e => Record(e.Digest, record with { ShardId = $"{entry.Id}: {e.Location}" }));
            }
        }

        if (records.Count == 0)
        {
            return Array.Empty<LaunderedShard>();
        }

        var laundered = new List<LaunderedShard>();
        foreach (var shard in human)
        {
            if (records.TryGetValue(shard.Digest!, out var whole))
            {
                laundered.Add(new LaunderedShard(shard, whole));
            }
            else if (shard.IsSet && Sets.ShardSetChecker.ReadIndex(manifest, shard, new List<Diagnostics.ManifestDiagnostic>()) is { } index
                && index.Entries.FirstOrDefault(e => records.ContainsKey(e.Digest)) is { } file)
            {
                laundered.Add(new LaunderedShard(shard, records[file.Digest], file));
            }
        }

        return laundered;
    }

    /// <summary>A path as a message shows it: relative to <paramref name="folder"/> when inside it, else as given.</summary>
    internal static string Display(string path, string folder)
    {
        string prefix = folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length).Replace('\\', '/') : path;
    }
}
