using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// Remembers each shard's <see cref="TextCounts"/> by the shard's digest, so an unchanged shard is not read again:
/// one JSON file per digest, <c>&lt;64 hex digits&gt;.json</c>, in a folder the caller chooses (the CLI uses the user's
/// cache folder, the MSBuild task <c>obj/</c>). An entry is used only when the file still has the size and modification
/// time it had when counted (the same rule as <see cref="Digests.DigestCache"/>). A missing, corrupt or foreign entry is
/// a miss; write errors are ignored: a cache is an optimisation. Not for concurrent writers of the same entry.
/// </summary>
public sealed class DiversityCache
{
    private const int FormatVersion = 1;

    /// <summary>Creates a cache in <paramref name="directory"/> (created on first write); null gives a cache that remembers nothing.</summary>
    public DiversityCache(string? directory) => Directory = directory;

    /// <summary>The cache folder, or null.</summary>
    public string? Directory { get; }

    /// <summary>The counts stored for <paramref name="digest"/> if they were taken from a file of this size and mtime (UTC ticks); else null.</summary>
    public TextCounts? TryGet(string digest, long size, long mtimeTicks)
    {
        string? path = EntryPath(digest);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion || root.GetProperty("digest").GetString() != digest
                || root.GetProperty("size").GetInt64() != size || root.GetProperty("mtime").GetInt64() != mtimeTicks)
            {
                return null;
            }

            var counts = new TextCounts();
            foreach (var p in root.GetProperty("unigrams").EnumerateObject())
            {
                counts.Unigrams[p.Name] = p.Value.GetDouble();
            }

            foreach (var p in root.GetProperty("bigrams").EnumerateObject())
            {
                counts.Bigrams[p.Name] = p.Value.GetDouble();
            }

            counts.Restore(root.GetProperty("tokens").GetDouble(), root.GetProperty("bigramTokens").GetDouble(), root.GetProperty("sequences").GetInt64());
            return counts;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="counts"/> of a file with <paramref name="digest"/>, size and mtime (UTC ticks).</summary>
    public void Set(string digest, long size, long mtimeTicks, TextCounts counts)
    {
        string? path = EntryPath(digest);
        if (path is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("digest", digest);
            writer.WriteNumber("size", size);
            writer.WriteNumber("mtime", mtimeTicks);
            writer.WriteNumber("sequences", counts.Sequences);
            writer.WriteNumber("tokens", counts.Tokens);
            writer.WriteNumber("bigramTokens", counts.BigramTokens);
            Write(writer, "unigrams", counts.Unigrams);
            Write(writer, "bigrams", counts.Bigrams);
            writer.WriteEndObject();
        }

        try
        {
            AtomicFile.WriteAllBytes(path, buffer.ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Write(Utf8JsonWriter writer, string name, Dictionary<string, double> counts)
    {
        writer.WriteStartObject(name);
        foreach (var pair in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    private string? EntryPath(string digest)
    {
        if (Directory is null || !Reading.ManifestReader.IsValidDigest(digest))
        {
            return null;
        }

        return Path.Combine(Directory, digest.Substring(Digests.ShardHasher.Prefix.Length) + ".json");
    }
}
