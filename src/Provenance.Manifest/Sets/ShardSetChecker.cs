using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Sets;

/// <summary>
/// Checks each shard set (<c>files:</c>) of a manifest against its index and the files on disk:
/// sealed (PROV1012), index present, well formed and hashing to the set's <c>digest</c>, with the manifest's
/// <c>fileCount</c> and totals (PROV1046); remote entries counted, not fetched (PROV1022); and, unless
/// <see cref="VerifyMode.None"/>, every file of the index present (PROV1010), no file matching the globs left out of
/// the index (PROV1047), sizes and digests as indexed (PROV1011; a git-lfs pointer is judged by its oid and size as for a
/// single shard), no symbolic link (PROV1009). Every file diagnostic names the file and points at the set's <c>files:</c>;
/// at most <see cref="MaxNamedPerKind"/> files are named per set and kind, then a count. Sets are walked on all cores,
/// then the files to hash are hashed on all cores; <see cref="VerifyMode.Changed"/> re-hashes only files whose size or
/// modification time the <see cref="DigestCache"/> has not seen.
/// </summary>
public static class ShardSetChecker
{
    /// <summary>How many files one diagnostic kind names per set before it counts the rest.</summary>
    public const int MaxNamedPerKind = 20;

    /// <summary>Checks the sets of <paramref name="manifest"/>; diagnostics in shard order.</summary>
    /// <param name="manifest">A manifest read from a file.</param>
    /// <param name="mode">How much to verify: none reads only the indexes (digest and totals), changed and all also walk the files.</param>
    /// <param name="cache">The digest cache for <see cref="VerifyMode.Changed"/>, or null.</param>
    /// <param name="progress">Receives bytes hashed so far and bytes to hash (optional).</param>
    /// <param name="hashedFiles">Receives the full path of every file hashed (optional).</param>
    /// <param name="lfs">How a git-lfs pointer in place of a file is judged (see <see cref="ShardFileChecker"/>).</param>
    public static IReadOnlyList<ManifestDiagnostic> Check(ShardManifest manifest, VerifyMode mode, DigestCache? cache, IProgress<(long Done, long Total)>? progress = null, ConcurrentBag<string>? hashedFiles = null, LfsMode lfs = LfsMode.Auto) =>
        Check(manifest, mode, Task.FromResult(cache), progress, hashedFiles, lfs);

    /// <summary>
    /// As <see cref="Check(ShardManifest, VerifyMode, DigestCache?, IProgress{ValueTuple{long, long}}?, ConcurrentBag{string}?, LfsMode)"/>, with the
    /// digest cache still loading: each set waits for it only once its files are listed, so loading a million-entry cache
    /// overlaps the first folders' walk.
    /// </summary>
    public static IReadOnlyList<ManifestDiagnostic> Check(ShardManifest manifest, VerifyMode mode, Task<DigestCache?> loading, IProgress<(long Done, long Total)>? progress = null, ConcurrentBag<string>? hashedFiles = null, LfsMode lfs = LfsMode.Auto)
    {
        var sets = manifest.Shards.Where(s => s.IsSet).ToList();
        if (sets.Count == 0)
        {
            return Array.Empty<ManifestDiagnostic>();
        }

        var perSet = new SetWork[sets.Count];
        Parallel.For(0, sets.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => perSet[i] = Walk(manifest, sets[i], mode, loading, lfs));
        var cache = mode == VerifyMode.Changed ? loading.GetAwaiter().GetResult() : null;
        var toHash = perSet.SelectMany(w => w.ToHash).ToList();
        long total = toHash.Sum(h => h.File.Bytes), done = 0;
        Parallel.ForEach(toHash, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
        {
            const string Moving = "changed while it was being hashed; its digest was not recorded. Check again when writers are done";
            try
            {
                string digest = ShardHasher.HashFile(item.Full, progress is null ? null : read => progress.Report((Interlocked.Add(ref done, read), total)));
                hashedFiles?.Add(item.Full);
                var after = new FileInfo(item.Full);
                if (after.Length != item.File.Bytes || after.LastWriteTimeUtc.Ticks != item.File.MtimeTicks)
                {
                    item.Work.Report(DiagnosticRegistry.ShardChangedDuringHash, "moving", item.File.Path, Moving);
                    return;
                }

                cache?.Set(item.Full, item.File.Bytes, item.File.MtimeTicks, digest);
                if (item.Entry is null)
                {
                    lock (item.Work.AddedDigests)
                    {
                        item.Work.AddedDigests[item.File.Path] = digest;
                    }
                }
                else if (!string.Equals(digest, item.Entry.Digest, StringComparison.Ordinal))
                {
                    item.Work.Report(DiagnosticRegistry.DigestMismatch, "changed", item.File.Path, $"hashes to {digest}, not the {item.Entry.Digest} of the index; it changed since the set was sealed. Restore it, or re-seal if the change is intended");
                }
            }
            catch (ShardChangedException)
            {
                item.Work.Report(DiagnosticRegistry.ShardChangedDuringHash, "moving", item.File.Path, Moving);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                item.Work.Report(DiagnosticRegistry.ShardFileNotFound, "unreadable", item.File.Path, "cannot be read: " + ex.Message);
            }
        });

        var diagnostics = perSet.SelectMany(w => w.Diagnostics()).ToList();
        foreach (var work in perSet)
        {
            if (cache is not null && work.Clean && work.Listing is { } listing)
            {
                cache.SetListing(work.ListingKey!, listing);
            }
        }

        return diagnostics;
    }

    /// <summary>Reads the index of one set, checks it against the manifest, walks the set's files and compares them with it.</summary>
    private static SetWork Walk(ShardManifest manifest, Shard set, VerifyMode mode, Task<DigestCache?> loading, LfsMode lfs)
    {
        var work = new SetWork(manifest.FilePath, set);
        if (set.Digest is null)
        {
            bool fatal = set.Origin == ShardOrigin.Human;
            work.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardNotSealed, fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, manifest.FilePath, set.ValueSpan("id"),
                $"Shard set '{set.Id}' is not sealed (its index and digest are missing){(fatal ? "; a human set is protected by the digests of its files, so it must have them" : string.Empty)}. Run 'provenance seal'."));
            return work;
        }

        if (mode == VerifyMode.None)
        {
            ReadIndexReportingRemote(manifest, set, work, parse: set.FileCount is null);
            return work;
        }

        List<FoundFile> found;
        try
        {
            found = FileGlob.Find(manifest.Directory, set.Files, sort: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            if (ReadIndexReportingRemote(manifest, set, work, parse: true) is not null)
            {
                work.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, manifest.FilePath, set.ValueSpan("files"),
                    $"Shard set '{set.Id}': its files cannot be listed: {ex.Message}"));
            }

            return work;
        }

        ShardSetSealer.RemoveIndexes(manifest, set, found);
        var cache = mode == VerifyMode.Changed ? loading.GetAwaiter().GetResult() : null;
        if (cache is not null)
        {
            // The set as last verified clean (same files, sizes, times, digest and totals): only the index's own digest is left to check.
            work.Listing = Listing(set, found);
            work.ListingKey = Path.Combine(manifest.Directory, ShardSetIndex.PathOf(manifest, set));
            if (cache.ListingMatches(work.ListingKey, work.Listing.Value))
            {
                ReadIndexReportingRemote(manifest, set, work, parse: false);
                return work;
            }
        }

        var index = ReadIndexReportingRemote(manifest, set, work, parse: true);
        if (index is null)
        {
            return work;
        }

        FileGlob.Sort(found);
        var local = index.Entries.Where(e => !e.IsRemote).ToList();
        int a = 0, b = 0;
        while (a < local.Count || b < found.Count)
        {
            int order = a >= local.Count ? 1 : b >= found.Count ? -1 : string.CompareOrdinal(local[a].Location, found[b].Path);
            if (order < 0)
            {
                work.Missing.Add(local[a++]);
                continue;
            }

            if (order > 0)
            {
                if (found[b].IsLink)
                {
                    work.Report(DiagnosticRegistry.UnsafePath, "link", found[b].Path, "is a symbolic link, which could point outside the manifest's folder; copy the file instead");
                }
                else
                {
                    work.Added.Add(found[b]);
                }

                b++;
                continue;
            }

            var entry = local[a++];
            var file = found[b++];
            if (file.IsLink)
            {
                work.Report(DiagnosticRegistry.UnsafePath, "link", file.Path, "is a symbolic link, which could point outside the manifest's folder; copy the file instead");
                continue;
            }

            bool unix = Path.DirectorySeparatorChar == '/';
            if (unix && file.Bytes == entry.Bytes && mode == VerifyMode.Changed && cache?.Matches(manifest.Directory, file.Path, file.Bytes, file.MtimeTicks, entry.Digest) == true)
            {
                continue; // the common case, without building the full path
            }

            string full = unix ? string.Concat(manifest.Directory, "/", file.Path) : Path.Combine(manifest.Directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (file.Bytes != entry.Bytes)
            {
                if (Pointer(work, full, file, entry, lfs))
                {
                    continue;
                }

                work.Report(DiagnosticRegistry.DigestMismatch, "changed", file.Path, $"has {file.Bytes:N0} bytes, not the {entry.Bytes:N0} of the index; it changed since the set was sealed. Restore it, or re-seal if the change is intended");
                continue;
            }

            if (mode == VerifyMode.Changed && cache?.Matches(full, file.Bytes, file.MtimeTicks, entry.Digest) is { } same)
            {
                if (!same)
                {
                    work.Report(DiagnosticRegistry.DigestMismatch, "changed", file.Path, $"hashes to {cache.TryGet(full, file.Bytes, file.MtimeTicks)}, not the {entry.Digest} of the index; it changed since the set was sealed. Restore it, or re-seal if the change is intended");
                }

                continue;
            }

            work.ToHash.Add(new HashItem(work, entry, file, full));
        }

        // A file added with the size of a missing one may be that file renamed: hash it to tell.
        var missingSizes = new HashSet<long>(work.Missing.Select(m => m.Bytes));
        foreach (var added in work.Added.Where(f => missingSizes.Contains(f.Bytes)))
        {
            work.ToHash.Add(new HashItem(work, null, added, Path.Combine(manifest.Directory, added.Path.Replace('/', Path.DirectorySeparatorChar))));
        }

        return work;
    }

    /// <summary>Reads the set's index (<see cref="ReadIndex"/>) into the set's diagnostics, with PROV1022 when it has remote entries; null when it cannot be used.</summary>
    private static ShardSetIndex? ReadIndexReportingRemote(ShardManifest manifest, Shard set, SetWork work, bool parse)
    {
        var index = ReadIndex(manifest, set, work.Local, parse);
        int remote = index?.Entries.Count(e => e.IsRemote) ?? 0;
        if (remote > 0)
        {
            string first = index!.Entries.First(e => e.IsRemote).Location;
            work.Add(new ManifestDiagnostic(DiagnosticRegistry.RemoteShardUnverified, manifest.FilePath, set.ValueSpan("files"),
                $"Shard set '{set.Id}' has {remote:N0} remote entr{(remote == 1 ? "y" : "ies")} in its index ({first}{(remote > 1 ? ", ..." : string.Empty)}); {(remote == 1 ? "it is" : "they are")} counted from the storage's record of digest and bytes but not fetched or verified."));
        }

        return index;
    }

    /// <summary>
    /// A 128-bit hash of what a clean verdict on the set rests on: every found file's path, size, modification time and
    /// kind (each file's XxHash128, summed lane by lane, so the folders' order does not matter and no sort is needed),
    /// the number of files, the set digest (which pins the index) and the declared file count and totals.
    /// </summary>
    internal static (ulong Low, ulong High) Listing(Shard set, List<FoundFile> found)
    {
        ulong low = 0, high = 0;
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        Span<byte> one = stackalloc byte[16];
        try
        {
            foreach (var file in found)
            {
                int pathBytes = file.Path.Length * 2;
                if (pathBytes + 17 > rented.Length)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                    rented = System.Buffers.ArrayPool<byte>.Shared.Rent(pathBytes + 17);
                }

                var record = rented.AsSpan(0, pathBytes + 17);
                MemoryMarshal.AsBytes(file.Path.AsSpan()).CopyTo(record);
                BinaryPrimitives.WriteInt64LittleEndian(record.Slice(pathBytes), file.Bytes);
                BinaryPrimitives.WriteInt64LittleEndian(record.Slice(pathBytes + 8), file.MtimeTicks);
                record[pathBytes + 16] = file.IsLink ? (byte)1 : (byte)0;
                XxHash128.Hash(record, one);
                low += BinaryPrimitives.ReadUInt64LittleEndian(one);
                high += BinaryPrimitives.ReadUInt64LittleEndian(one.Slice(8));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        var hash = new XxHash128();
        Span<byte> numbers = stackalloc byte[56];
        BinaryPrimitives.WriteUInt64LittleEndian(numbers, low);
        BinaryPrimitives.WriteUInt64LittleEndian(numbers.Slice(8), high);
        BinaryPrimitives.WriteInt64LittleEndian(numbers.Slice(16), found.Count);
        BinaryPrimitives.WriteInt64LittleEndian(numbers.Slice(24), set.FileCount ?? -1);
        BinaryPrimitives.WriteInt64LittleEndian(numbers.Slice(32), set.Bytes ?? -1);
        BinaryPrimitives.WriteInt64LittleEndian(numbers.Slice(40), set.Records ?? -1);
        BinaryPrimitives.WriteInt64LittleEndian(numbers.Slice(48), set.Tokens ?? -1);
        hash.Append(numbers);
        hash.Append(MemoryMarshal.AsBytes((set.Digest ?? string.Empty).AsSpan()));
        Span<byte> result = stackalloc byte[16];
        hash.GetCurrentHash(result);
        return (BinaryPrimitives.ReadUInt64LittleEndian(result), BinaryPrimitives.ReadUInt64LittleEndian(result.Slice(8)));
    }

    /// <summary>True when the file is a git-lfs pointer (valid or not) and was judged as one.</summary>
    private static bool Pointer(SetWork work, string full, FoundFile file, IndexEntry entry, LfsMode lfs)
    {
        LfsPointer? pointer;
        string? problem;
        try
        {
            pointer = LfsPointer.InPlaceOf(full, file.Bytes, entry.Bytes, out problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (pointer is null && problem is null)
        {
            return false;
        }

        if (problem is not null)
        {
            work.Report(DiagnosticRegistry.InvalidLfsPointer, "pointer", file.Path, $"begins like a git-lfs pointer but is not a valid one: {problem}. Restore the pointer git-lfs wrote, or the content (git lfs pull)");
        }
        else if (lfs == LfsMode.Content)
        {
            work.Report(DiagnosticRegistry.LfsContentMissing, "pointer", file.Path, "is a git-lfs pointer and the check requires content. Run 'git lfs pull', or let pointers be verified (ProvenanceLfs=auto, --lfs auto)");
        }
        else if (!string.Equals(pointer!.Digest, entry.Digest, StringComparison.Ordinal) || pointer.Size != entry.Bytes)
        {
            work.Report(DiagnosticRegistry.DigestMismatch, "changed", file.Path, $"is a git-lfs pointer to {pointer.Digest} ({pointer.Size:N0} bytes), not the {entry.Digest} ({entry.Bytes:N0} bytes) of the index. The LFS object was replaced since the set was sealed; restore it, or re-seal if the change is intended");
        }
        else
        {
            work.Pointers++;
        }

        return true;
    }

    /// <summary>
    /// Reads the index of <paramref name="set"/> and checks it against the manifest: its path is safe, it exists and is well
    /// formed, its bytes hash to the set's <c>digest</c>, and the manifest's <c>fileCount</c>, <c>bytes</c>, <c>records</c>
    /// and <c>tokens</c> are its totals (PROV1009, PROV1046). Null when it cannot be used.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="set">One of its sets.</param>
    /// <param name="diagnostics">Receives what is wrong.</param>
    /// <param name="parse">False to check only its digest (the totals are then trusted with it).</param>
    public static ShardSetIndex? ReadIndex(ShardManifest manifest, Shard set, List<ManifestDiagnostic> diagnostics, bool parse = true)
    {
        string relative = ShardSetIndex.PathOf(manifest, set);
        string? full = ShardPaths.Resolve(manifest.Directory, relative, out string? problem);
        if (full is null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, manifest.FilePath, set.ValueSpan("index"), $"Index '{relative}' of shard set '{set.Id}' is unsafe: {problem}."));
            return null;
        }

        var indexDiagnostics = new List<ManifestDiagnostic>();
        var index = ShardSetIndex.Read(full, indexDiagnostics, out string? digest, parse);
        if (digest is null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, manifest.FilePath, set.Index is null ? set.ValueSpan("digest") : set.ValueSpan("index"),
                $"Shard set '{set.Id}', index {relative}: {char.ToLowerInvariant(indexDiagnostics[0].Message[0])}{indexDiagnostics[0].Message.Substring(1)}"));
            return null;
        }

        if (set.Digest is not null && !string.Equals(digest, set.Digest, StringComparison.Ordinal))
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, manifest.FilePath, set.ValueSpan("digest"),
                $"Shard set '{set.Id}': its index {relative} hashes to {digest}, not the set digest {set.Digest}. The index was edited, or replaced without re-sealing the manifest; restore it, or run 'provenance seal'."));
            return null;
        }

        if (index is null || indexDiagnostics.Count > 0)
        {
            diagnostics.AddRange(indexDiagnostics);
            return null;
        }

        if (parse)
        {
            foreach (var (key, declared, actual) in new (string, long?, long?)[] { ("fileCount", set.FileCount, index.Entries.Count), ("bytes", set.Bytes, index.Bytes), ("records", set.Records, index.Records), ("tokens", set.Tokens, index.Tokens) })
            {
                if (declared != actual && actual is not null)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, manifest.FilePath, set.Node?.Get(key) is null ? set.ValueSpan("id") : set.ValueSpan(key),
                        $"Shard set '{set.Id}' declares {(declared is null ? "no " + key : $"{key} {declared}")}, but its index {relative} totals {actual}. Run 'provenance seal' to write the totals."));
                }
            }
        }

        return index;
    }

    /// <summary>A file to hash: against its index entry, or (entry null) a file added since the seal that may be a renamed one.</summary>
    private sealed record HashItem(SetWork Work, IndexEntry? Entry, FoundFile File, string Full);

    /// <summary>The diagnostics of one set: the set's own, and its files' grouped by kind (at most <see cref="MaxNamedPerKind"/> named each).</summary>
    private sealed class SetWork
    {
        private readonly string _file;
        private readonly Shard _set;
        private readonly Dictionary<string, (DiagnosticDescriptor Descriptor, DiagnosticSeverity Severity, List<(string Path, string Message)> Named, int Count)> _kinds = new(StringComparer.Ordinal);

        public SetWork(string file, Shard set)
        {
            _file = file;
            _set = set;
        }

        public List<ManifestDiagnostic> Local { get; } = new();

        /// <summary>The hash of the set's listing (<see cref="ShardSetChecker.Listing"/>) under <see cref="ListingKey"/>, when a digest cache is in use.</summary>
        public (ulong Low, ulong High)? Listing { get; set; }

        /// <summary>The full path of the set's index, which keys its listing in the digest cache.</summary>
        public string? ListingKey { get; set; }

        /// <summary>
        /// Whether every file was found as indexed, none added, and nothing reported but remote entries (call after
        /// <see cref="Diagnostics"/>): only then may a later check trust the listing.
        /// </summary>
        public bool Clean => Missing.Count == 0 && Added.Count == 0 && _kinds.Count == 0 && Pointers == 0
            && Local.TrueForAll(d => d.Id == DiagnosticRegistry.RemoteShardUnverified.Id);

        public List<HashItem> ToHash { get; } = new();

        public int Pointers { get; set; }

        /// <summary>Index entries whose files do not exist.</summary>
        public List<IndexEntry> Missing { get; } = new();

        /// <summary>Files matching the globs that are not in the index.</summary>
        public List<FoundFile> Added { get; } = new();

        /// <summary>The digests of added files hashed to look for renames, by path.</summary>
        public Dictionary<string, string> AddedDigests { get; } = new(StringComparer.Ordinal);

        /// <summary>Pairs a missing entry with an added file of the same bytes (a rename: reported once, as a warning), then reports the rest.</summary>
        private void Settle()
        {
            var missingByDigest = Missing.GroupBy(m => m.Digest, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<IndexEntry>(g), StringComparer.Ordinal);
            var renamed = new List<(IndexEntry From, FoundFile To)>();
            var settled = new HashSet<string>(StringComparer.Ordinal);
            foreach (var added in Added)
            {
                if (AddedDigests.TryGetValue(added.Path, out string? digest) && missingByDigest.TryGetValue(digest, out var queue) && queue.Count > 0)
                {
                    var from = queue.Dequeue();
                    renamed.Add((from, added));
                    settled.Add(from.Location);
                    settled.Add(added.Path);
                }
            }

            foreach (var (from, to) in renamed)
            {
                Report(DiagnosticRegistry.SetFileAdded, "renamed", to.Path, $"is '{from.Location}' renamed since the set was sealed (same bytes): the set's contents are unchanged. Run 'provenance seal' to record the new name", DiagnosticSeverity.Warning);
            }

            foreach (var missing in Missing.Where(m => !settled.Contains(m.Location)))
            {
                Report(DiagnosticRegistry.ShardFileNotFound, "missing", missing.Location, "is in its index but does not exist (deleted, moved, or not pulled); restore it, or re-seal to record the removal");
            }

            foreach (var added in Added.Where(f => !settled.Contains(f.Path)))
            {
                Report(DiagnosticRegistry.SetFileAdded, "added", added.Path, "matches its globs but is not in its index: it was added since the set was sealed, and the set's totals leave it out. Run 'provenance seal'");
            }
        }

        public void Add(ManifestDiagnostic diagnostic) => Local.Add(diagnostic);

        /// <summary>Records a file problem of <paramref name="kind"/>; a null path records nothing (a hash that matched).</summary>
        public void Report(DiagnosticDescriptor descriptor, string kind, string? path, string message, DiagnosticSeverity? severity = null)
        {
            if (path is null)
            {
                return;
            }

            lock (_kinds)
            {
                if (!_kinds.TryGetValue(kind, out var group))
                {
                    group = (descriptor, severity ?? descriptor.DefaultSeverity, new List<(string, string)>(), 0);
                }

                if (group.Named.Count < MaxNamedPerKind)
                {
                    group.Named.Add((path, message));
                }

                _kinds[kind] = (group.Descriptor, group.Severity, group.Named, group.Count + 1);
            }
        }

        private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
        {
            ["added"] = "added since the set was sealed", ["changed"] = "changed since the set was sealed", ["link"] = "are symbolic links",
            ["missing"] = "in the index do not exist", ["moving"] = "changed while being hashed", ["pointer"] = "are git-lfs pointers that cannot be verified", ["renamed"] = "were renamed since the set was sealed (same bytes)",
            ["unreadable"] = "cannot be read",
        };

        public IEnumerable<ManifestDiagnostic> Diagnostics()
        {
            Settle();
            foreach (var d in Local)
            {
                yield return d;
            }

            foreach (var kind in _kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var span = _set.ValueSpan("files");
                foreach (var (path, message) in kind.Value.Named.OrderBy(n => n.Path, StringComparer.Ordinal))
                {
                    yield return new ManifestDiagnostic(kind.Value.Descriptor, kind.Value.Severity, _file, span, $"Shard set '{_set.Id}': '{path}' {message}.");
                }

                if (kind.Value.Count > kind.Value.Named.Count)
                {
                    yield return new ManifestDiagnostic(kind.Value.Descriptor, kind.Value.Severity, _file, span,
                        $"Shard set '{_set.Id}': {kind.Value.Count - kind.Value.Named.Count:N0} more files {Kinds[kind.Key]} ({kind.Value.Count:N0} in all; the first {MaxNamedPerKind} are named above).");
                }
            }

            if (Pointers > 0)
            {
                yield return new ManifestDiagnostic(DiagnosticRegistry.VerifiedByLfsPointer, _file, _set.ValueSpan("files"),
                    $"Shard set '{_set.Id}': {Pointers:N0} file{(Pointers == 1 ? " was" : "s were")} verified by {(Pointers == 1 ? "its" : "their")} git-lfs pointer (oid and size match the index), not by {(Pointers == 1 ? "its" : "their")} bytes; the content is not in this checkout.");
            }
        }
    }
}
