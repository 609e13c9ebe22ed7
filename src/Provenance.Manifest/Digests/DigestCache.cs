using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Digests;

/// <summary>
/// Remembers the digest of each file with its size and modification time, so <see cref="VerifyMode.Changed"/>
/// re-hashes only files that changed. Stored as JSON, written atomically; a missing or corrupt cache is empty.
/// Safe for concurrent lookups and updates; <see cref="Save"/> is called once the work is done.
/// </summary>
public sealed class DigestCache
{
    private const int FormatVersion = 1;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private volatile bool _dirty;

    /// <summary>The cache file, or null for an in-memory cache.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Loads the cache at <paramref name="path"/>; an unreadable file gives an empty cache.</summary>
    public static DigestCache Load(string? path)
    {
        var cache = new DigestCache { FilePath = path };
        if (path is null || !File.Exists(path))
        {
            return cache;
        }

        try
        {
            // Streamed, not a JsonDocument: the cache of a 100,000-shard manifest is ~15 MB.
            var reader = new Utf8JsonReader(File.ReadAllBytes(path), new JsonReaderOptions { MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject);
            bool versionOk = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string property = reader.GetString()!;
                reader.Read();
                if (property == "version")
                {
                    versionOk = reader.TokenType == JsonTokenType.Number && reader.GetInt32() == FormatVersion;
                }
                else if (property == "files" && versionOk && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string file = reader.GetString()!;
                        Expect(ref reader, JsonTokenType.StartObject);
                        long size = -1, mtime = -1;
                        string? digest = null;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            string field = reader.GetString()!;
                            reader.Read();
                            switch (field)
                            {
                                case "size": size = reader.GetInt64(); break;
                                case "mtime": mtime = reader.GetInt64(); break;
                                case "digest": digest = reader.GetString(); break;
                                default: reader.Skip(); break;
                            }
                        }

                        if (digest is not null && size >= 0)
                        {
                            cache._entries[file] = new Entry(size, mtime, digest);
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            cache._entries.Clear();
        }

        return cache;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException("unexpected token in the digest cache");
        }
    }

    /// <summary>The cached digest of <paramref name="fullPath"/> if its size and mtime (UTC ticks) still match.</summary>
    public string? TryGet(string fullPath, long size, long mtimeTicks)
    {
        return _entries.TryGetValue(fullPath, out var e) && e.Size == size && e.MtimeTicks == mtimeTicks ? e.Digest : null;
    }

    /// <summary>Records a digest.</summary>
    public void Set(string fullPath, long size, long mtimeTicks, string digest)
    {
        if (!_entries.TryGetValue(fullPath, out var e) || e.Size != size || e.MtimeTicks != mtimeTicks || e.Digest != digest)
        {
            _entries[fullPath] = new Entry(size, mtimeTicks, digest);
            _dirty = true;
        }
    }

    /// <summary>Writes the cache atomically if it changed and has a file. I/O errors are ignored: a cache is an optimisation.</summary>
    public void Save()
    {
        if (FilePath is null || !_dirty)
        {
            return;
        }

        byte[] bytes;
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartObject("files");
                foreach (var pair in _entries.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(pair.Key);
                    writer.WriteNumber("size", pair.Value.Size);
                    writer.WriteNumber("mtime", pair.Value.MtimeTicks);
                    writer.WriteString("digest", pair.Value.Digest);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            bytes = buffer.ToArray();
            _dirty = false;
        }

        try
        {
            AtomicFile.WriteAllBytes(FilePath, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private readonly struct Entry
    {
        public Entry(long size, long mtimeTicks, string digest)
        {
            Size = size;
            MtimeTicks = mtimeTicks;
            Digest = digest;
        }

        public long Size { get; }

        public long MtimeTicks { get; }

        public string Digest { get; }
    }
}
