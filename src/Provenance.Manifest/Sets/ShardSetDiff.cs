using System;
using System.Collections.Generic;
using System.Linq;

namespace Provenance.Manifest.Sets;

/// <summary>
/// The files of a shard set that differ between two indexes: added, removed, changed (same path, other digest) and
/// renamed (a removed path whose digest an added path has: same bytes, new name). Each list is sorted by path.
/// </summary>
/// <param name="Added">Entries only in the new index (not renames).</param>
/// <param name="Removed">Entries only in the old index (not renames).</param>
/// <param name="Changed">Paths in both with different bytes: (old entry, new entry).</param>
/// <param name="Renamed">Same bytes under a new path: (old entry, new entry).</param>
public sealed record ShardSetDiff(IReadOnlyList<IndexEntry> Added, IReadOnlyList<IndexEntry> Removed, IReadOnlyList<(IndexEntry Old, IndexEntry New)> Changed, IReadOnlyList<(IndexEntry Old, IndexEntry New)> Renamed)
{
    /// <summary>True when the two indexes list the same files with the same bytes.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && Renamed.Count == 0;

    /// <summary>Compares two indexes in one merge of their sorted entries.</summary>
    public static ShardSetDiff Compare(ShardSetIndex before, ShardSetIndex after)
    {
        var added = new List<IndexEntry>();
        var removed = new List<IndexEntry>();
        var changed = new List<(IndexEntry, IndexEntry)>();
        int a = 0, b = 0;
        var x = before.Entries;
        var y = after.Entries;
        while (a < x.Count || b < y.Count)
        {
            int order = a >= x.Count ? 1 : b >= y.Count ? -1 : string.CompareOrdinal(x[a].Location, y[b].Location);
            if (order < 0)
            {
                removed.Add(x[a++]);
            }
            else if (order > 0)
            {
                added.Add(y[b++]);
            }
            else
            {
                if (!string.Equals(x[a].Digest, y[b].Digest, StringComparison.Ordinal))
                {
                    changed.Add((x[a], y[b]));
                }

                a++;
                b++;
            }
        }

        var removedByDigest = removed.GroupBy(r => r.Digest, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<IndexEntry>(g), StringComparer.Ordinal);
        var renamed = new List<(IndexEntry, IndexEntry)>();
        foreach (var entry in added)
        {
            if (removedByDigest.TryGetValue(entry.Digest, out var queue) && queue.Count > 0)
            {
                renamed.Add((queue.Dequeue(), entry));
            }
        }

        var renamedOld = new HashSet<IndexEntry>(renamed.Select(r => r.Item1));
        var renamedNew = new HashSet<IndexEntry>(renamed.Select(r => r.Item2));
        return new ShardSetDiff(added.Where(e => !renamedNew.Contains(e)).ToList(), removed.Where(e => !renamedOld.Contains(e)).ToList(), changed, renamed);
    }
}
