using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Digests;

/// <summary>
/// Remembers the digest of each file with its size and modification time, so <see cref="VerifyMode.Changed"/>
/// re-hashes only files that changed. Compact: a binary file of 64-byte entries (the XxHash128 of the full path, size,
/// modification time in UTC ticks, the 32 SHA-256 bytes) after an 8-byte magic, so the cache of 1,000,000 files is 64 MB
/// and loads in one read. Written atomically; a missing, foreign or corrupt cache is empty (a cache is an optimisation).
/// Safe for concurrent lookups and updates; <see cref="Save"/> is called once the work is done.
/// </summary>
public sealed class DigestCache
{
    private const int EntryBytes = 64;
    private static readonly byte[] Magic = { (byte)'P', (byte)'R', (byte)'V', (byte)'D', (byte)'C', (byte)'0', (byte)'0', (byte)'2' };
    private readonly Dictionary<Key, Entry> _loaded;
    private readonly ConcurrentDictionary<Key, Entry> _updates = new();

    private DigestCache(Dictionary<Key, Entry> loaded) => _loaded = loaded;

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Loads the cache at <paramref name="path"/>; an unreadable file gives an empty cache.</summary>
    public static DigestCache Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new DigestCache(new Dictionary<Key, Entry>()) { FilePath = path };
        }

        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || (bytes.Length - Magic.Length) % EntryBytes != 0)
            {
                return new DigestCache(new Dictionary<Key, Entry>()) { FilePath = path };
            }

            int count = (bytes.Length - Magic.Length) / EntryBytes;
            var loaded = new Dictionary<Key, Entry>(count);
            var entries = MemoryMarshal.Cast<byte, Raw>(bytes.AsSpan(Magic.Length));
            foreach (ref readonly var raw in entries)
            {
                loaded[raw.Key] = raw.Entry;
            }

            return new DigestCache(loaded) { FilePath = path };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DigestCache(new Dictionary<Key, Entry>()) { FilePath = path };
        }
    }

    /// <summary>The cached digest (<c>sha256:</c>…) of <paramref name="fullPath"/> if its size and mtime (UTC ticks) still match.</summary>
    public string? TryGet(string fullPath, long size, long mtimeTicks)
    {
        var key = KeyOf(fullPath);
        if (!_updates.TryGetValue(key, out var e) && !_loaded.TryGetValue(key, out e))
        {
            return null;
        }

        return e.Size == size && e.MtimeTicks == mtimeTicks ? ShardHasher.Format(e.Digest.ToArray()) : null;
    }

    /// <summary>
    /// Whether the cached digest of <paramref name="fullPath"/> (if its size and mtime still match) is <paramref name="digest"/>:
    /// null when the cache does not know the file as it is now. Allocates nothing (a million lookups per check).
    /// </summary>
    public bool? Matches(string fullPath, long size, long mtimeTicks, string digest)
    {
        var key = KeyOf(fullPath);
        if (!_updates.TryGetValue(key, out var e) && !_loaded.TryGetValue(key, out e))
        {
            return null;
        }

        if (e.Size != size || e.MtimeTicks != mtimeTicks)
        {
            return null;
        }

        return digest.Length == 71 && e.Digest.Equals(Sha256.Parse(digest));
    }

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
        var key = new Key(MemoryMarshal.Read<ulong>(hash), MemoryMarshal.Read<ulong>(hash.Slice(8)));
        if ((!_updates.TryGetValue(key, out var e) && !_loaded.TryGetValue(key, out e)) || e.Size != size || e.MtimeTicks != mtimeTicks)
        {
            return null;
        }

        return digest.Length == 71 && e.Digest.Equals(Sha256.Parse(digest));
    }

    [ThreadStatic]
    private static XxHash128? _hasher;

    /// <summary>Records a digest (<c>sha256:</c> + 64 hex digits).</summary>
    public void Set(string fullPath, long size, long mtimeTicks, string digest)
    {
        var entry = new Entry(size, mtimeTicks, Sha256.Parse(digest));
        var key = KeyOf(fullPath);
        if ((_updates.TryGetValue(key, out var e) || _loaded.TryGetValue(key, out e)) && e.Equals(entry))
        {
            return;
        }

        _updates[key] = entry;
    }

    /// <summary>Writes the cache atomically if it changed and has a file. I/O errors are ignored: a cache is an optimisation.</summary>
    public void Save()
    {
        if (FilePath is null || _updates.IsEmpty)
        {
            return;
        }

        var all = new Dictionary<Key, Entry>(_loaded);
        foreach (var pair in _updates)
        {
            all[pair.Key] = pair.Value;
        }

        var raws = new Raw[all.Count];
        int i = 0;
        foreach (var pair in all)
        {
            raws[i++] = new Raw(pair.Key, pair.Value);
        }

        byte[] bytes = new byte[Magic.Length + (raws.Length * EntryBytes)];
        Magic.CopyTo(bytes, 0);
        MemoryMarshal.AsBytes(raws.AsSpan()).CopyTo(bytes.AsSpan(Magic.Length));
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
    private readonly record struct Key(ulong Low, ulong High);

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
