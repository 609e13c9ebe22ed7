using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Threading;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Digests;

/// <summary>
/// Remembers the digest of each file with its size and modification time, so <see cref="VerifyMode.Changed"/>
/// re-hashes only files that changed. Compact, and used as it lies on disk: after an 8-byte magic, an open-addressing
/// table (linear probing, load at most 3/4) of 64-byte slots, each the XxHash128 of the full path, size, modification
/// time in UTC ticks and the 32 SHA-256 bytes; an all-zero key marks an empty slot. The cache of 1,000,000 files is about
/// 85 MB and loading it is one read, with no table to build. Written atomically; a missing, foreign or corrupt cache is
/// empty (a cache is an optimisation). Safe for concurrent lookups and updates; <see cref="Save"/> is called once the work is done.
/// <para>
/// A shard set verified clean also leaves one slot for the whole set (<see cref="SetListing"/>): keyed by its index's path
/// and a NUL (no file path holds one), it holds a hash of the set's listing as it was then (every file's path, size and
/// modification time, the set digest and the declared totals). A later check whose listing hashes the same knows every
/// file is as the per-file slots would say, without reading the index's lines or looking up each file.
/// </para>
/// </summary>
public sealed class DigestCache
{
    private const int EntryBytes = 64;
    private const int MaxArrayBytes = 0x7FFFFFC7; // Array.MaxLength, which netstandard2.0 lacks
    private static readonly byte[] Magic = { (byte)'P', (byte)'R', (byte)'V', (byte)'D', (byte)'C', (byte)'0', (byte)'0', (byte)'3' };
    private readonly byte[] _table;
    private readonly int _slots;
    private readonly ConcurrentDictionary<Key, Entry> _updates = new();

    // Whether _updates has entries: a lookup skips it until then (its code is compiled for our key type at run time, slow until tiered up).
    private bool _updated;

    private DigestCache(byte[] table)
    {
        _table = table;
        _slots = table.Length < Magic.Length ? 0 : (table.Length - Magic.Length) / EntryBytes;
    }

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Loads the cache at <paramref name="path"/>; an unreadable file gives an empty cache.</summary>
    public static DigestCache Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new DigestCache(Array.Empty<byte>()) { FilePath = path };
        }

        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || (bytes.Length - Magic.Length) % EntryBytes != 0)
            {
                return new DigestCache(Array.Empty<byte>()) { FilePath = path };
            }

            return new DigestCache(bytes) { FilePath = path };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DigestCache(Array.Empty<byte>()) { FilePath = path };
        }
    }

    /// <summary>The entry of <paramref name="key"/>: an update of this run, else the table's; false when neither has it.</summary>
    private bool TryFind(Key key, out Entry entry)
    {
        if (Volatile.Read(ref _updated) && _updates.TryGetValue(key, out entry))
        {
            return true;
        }

        entry = default;

        if (_slots == 0)
        {
            return false;
        }

        var slots = MemoryMarshal.Cast<byte, Raw>(_table.AsSpan(Magic.Length));
        int slot = (int)(key.Low % (ulong)_slots);
        for (int probes = 0; probes < _slots; probes++)
        {
            ref readonly var raw = ref slots[slot];
            if (raw.Key.Equals(key))
            {
                entry = raw.Entry;
                return true;
            }

            if (raw.Key.IsEmpty)
            {
                return false;
            }

            slot = slot + 1 == _slots ? 0 : slot + 1;
        }

        return false;
    }

    /// <summary>The cached digest (<c>sha256:</c>…) of <paramref name="fullPath"/> if its size and mtime (UTC ticks) still match.</summary>
    public string? TryGet(string fullPath, long size, long mtimeTicks)
    {
        if (!TryFind(KeyOf(fullPath), out var e))
        {
            return null;
        }

        return e.Size == size && e.MtimeTicks == mtimeTicks ? ShardHasher.Format(e.Digest.ToArray()) : null;
    }

    /// <summary>
    /// Whether the cached digest of <paramref name="fullPath"/> (if its size and mtime still match) is <paramref name="digest"/>:
    /// null when the cache does not know the file as it is now. Allocates nothing (a million lookups per check).
    /// </summary>
    public bool? Matches(string fullPath, long size, long mtimeTicks, string digest) => Matches(KeyOf(fullPath), size, mtimeTicks, digest);

    /// <summary>
    /// <see cref="Matches(string, long, long, string)"/> for the file <paramref name="folder"/> + <c>/</c> + <paramref name="relative"/>
    /// (Unix paths), without building that path: the key is hashed from the two parts.
    /// </summary>
    public bool? Matches(string folder, string relative, long size, long mtimeTicks, string digest)
    {
        var hasher = _hasher ??= new XxHash128();
        hasher.Reset();
        hasher.Append(MemoryMarshal.AsBytes(folder.AsSpan()));
        hasher.Append(MemoryMarshal.AsBytes("/".AsSpan()));
        hasher.Append(MemoryMarshal.AsBytes(relative.AsSpan()));
        Span<byte> hash = stackalloc byte[16];
        hasher.GetCurrentHash(hash);
        return Matches(new Key(MemoryMarshal.Read<ulong>(hash), MemoryMarshal.Read<ulong>(hash.Slice(8))), size, mtimeTicks, digest);
    }

    private bool? Matches(Key key, long size, long mtimeTicks, string digest)
    {
        if (!TryFind(key, out var e) || e.Size != size || e.MtimeTicks != mtimeTicks)
        {
            return null;
        }

        return digest.Length == 71 && e.Digest.Equals(Sha256.Parse(digest));
    }

    [ThreadStatic]
    private static XxHash128? _hasher;

    /// <summary>
    /// Whether the shard set whose index is at <paramref name="indexPath"/> was last verified clean with exactly
    /// <paramref name="listing"/> (a 128-bit hash of its files' paths, sizes and modification times, its set digest and totals).
    /// </summary>
    public bool ListingMatches(string indexPath, (ulong Low, ulong High) listing) =>
        TryFind(ListingKey(indexPath), out var e) && e.Equals(ListingEntry(listing));

    /// <summary>Records that the shard set whose index is at <paramref name="indexPath"/> was verified clean with <paramref name="listing"/>.</summary>
    public void SetListing(string indexPath, (ulong Low, ulong High) listing) => Put(ListingKey(indexPath), ListingEntry(listing));

    /// <summary>Records a digest (<c>sha256:</c> + 64 hex digits).</summary>
    public void Set(string fullPath, long size, long mtimeTicks, string digest) => Put(KeyOf(fullPath), new Entry(size, mtimeTicks, Sha256.Parse(digest)));

    /// <summary>Adds an update unless the cache already holds it (or the key is the one that marks an empty slot, which is never stored).</summary>
    private void Put(Key key, Entry entry)
    {
        if (key.IsEmpty || (TryFind(key, out var e) && e.Equals(entry)))
        {
            return;
        }

        _updates[key] = entry;
        Volatile.Write(ref _updated, true);
    }

    // A set's listing lives under its index's path and a NUL (no file path holds one), size -1, the hash in the digest's place.
    private static Key ListingKey(string indexPath) => KeyOf(indexPath + "\0listing");

    private static Entry ListingEntry((ulong Low, ulong High) listing) => new(-1, 0, new Sha256(listing.Low, listing.High, 0, 0));

    /// <summary>Writes the cache atomically if it changed and has a file. I/O errors are ignored: a cache is an optimisation.</summary>
    public void Save()
    {
        if (FilePath is null || _updates.IsEmpty)
        {
            return;
        }

        var all = new Dictionary<Key, Entry>(_slots == 0 ? _updates.Count : (_slots * 3 / 4) + _updates.Count);
        if (_slots > 0)
        {
            foreach (var raw in MemoryMarshal.Cast<byte, Raw>(_table.AsSpan(Magic.Length)))
            {
                if (!raw.Key.IsEmpty)
                {
                    all[raw.Key] = raw.Entry;
                }
            }
        }

        foreach (var pair in _updates)
        {
            all[pair.Key] = pair.Value;
        }

        // At most 3/4 full, so that a lookup that misses meets an empty slot soon; a table beyond one array is not written.
        long wanted = ((long)all.Count * 4 / 3) + 1;
        if (Magic.Length + (wanted * EntryBytes) > MaxArrayBytes)
        {
            return;
        }

        int slots = Math.Max(16, (int)wanted);
        byte[] bytes = new byte[Magic.Length + ((long)slots * EntryBytes)];
        Magic.CopyTo(bytes, 0);
        var table = MemoryMarshal.Cast<byte, Raw>(bytes.AsSpan(Magic.Length));
        foreach (var pair in all)
        {
            int slot = (int)(pair.Key.Low % (ulong)slots);
            while (!table[slot].Key.IsEmpty)
            {
                slot = slot + 1 == slots ? 0 : slot + 1;
            }

            table[slot] = new Raw(pair.Key, pair.Value);
        }

        try
        {
            string? folder = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            AtomicFile.WriteAllBytes(FilePath, bytes);
            _updates.Clear();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static Key KeyOf(string fullPath)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(MemoryMarshal.AsBytes(fullPath.AsSpan()), hash);
        return new Key(MemoryMarshal.Read<ulong>(hash), MemoryMarshal.Read<ulong>(hash.Slice(8)));
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Key(ulong Low, ulong High)
    {
        public bool IsEmpty => Low == 0 && High == 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Sha256(ulong A, ulong B, ulong C, ulong D)
    {
        public static Sha256 Parse(string digest)
        {
            Span<byte> bytes = stackalloc byte[32];
            for (int i = 0; i < 32; i++)
            {
                bytes[i] = (byte)((Hex(digest[7 + (2 * i)]) << 4) | Hex(digest[8 + (2 * i)]));
            }

            return MemoryMarshal.Read<Sha256>(bytes);
        }

        public byte[] ToArray()
        {
            var bytes = new byte[32];
            var copy = this;
#if NET
            MemoryMarshal.Write(bytes, in copy);
#else
            MemoryMarshal.Write(bytes.AsSpan(), ref copy);
#endif
            return bytes;
        }

        private static int Hex(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Entry(long Size, long MtimeTicks, Sha256 Digest);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Raw(Key Key, Entry Entry);
}
