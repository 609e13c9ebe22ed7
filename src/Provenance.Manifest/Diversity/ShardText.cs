using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// Reads a text shard once, computing its SHA-256 digest and its <see cref="TextCounts"/>. Each line is one record:
/// for <c>jsonl</c>, the record's <c>text</c> string field, or, when it has none, all its string values joined by spaces
/// (a line that is not JSON counts as plain text); for <c>text</c>, the line itself. Words follow <see cref="WordTokens"/>.
/// </summary>
public static class ShardText
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    /// <summary>Counts a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.</summary>
    /// <param name="path">The shard file.</param>
    /// <param name="jsonl">True for jsonl, false for plain text.</param>
    /// <param name="digest">The file's digest, <c>sha256:</c> + 64 hex digits.</param>
    public static TextCounts CountFile(string path, bool jsonl, out string digest)
    {
        var counts = new TextCounts();
        var tokens = new List<string>();
        var line = new MemoryStream();
        using var sha = SHA256.Create();
        using (var stream = ShardHasher.OpenRead(path))
        {
            ShardHasher.ReadBlocks(stream, (buffer, count) =>
            {
                sha.TransformBlock(buffer, 0, count, null, 0);
                int start = 0;
                while (start < count)
                {
                    int nl = Array.IndexOf(buffer, (byte)'\n', start, count - start);
                    int end = nl < 0 ? count : nl;
                    line.Write(buffer, start, end - start);
                    if (nl < 0)
                    {
                        break;
                    }

                    AddLine(line, jsonl, tokens, counts);
                    start = nl + 1;
                }
            });
        }

        if (line.Length > 0)
        {
            AddLine(line, jsonl, tokens, counts);
        }

        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        digest = ShardHasher.Format(sha.Hash!);
        return counts;
    }

    /// <summary>The text of one jsonl record: its <c>text</c> string, or all its string values joined by spaces; the line itself when it is not JSON.</summary>
    public static string RecordText(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString() ?? string.Empty;
            }

            var parts = new List<string>();
            Strings(doc.RootElement, parts);
            return string.Join(" ", parts);
        }
        catch (JsonException)
        {
            return line;
        }
    }

    private static void Strings(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(element.GetString() ?? string.Empty);
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Strings(p.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Strings(item, into);
                }

                break;
        }
    }

    private static void AddLine(MemoryStream line, bool jsonl, List<string> tokens, TextCounts counts)
    {
        string text = Utf8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r');
        line.SetLength(0);
        if (text.Trim().Length == 0)
        {
            return;
        }

        tokens.Clear();
        WordTokens.Split(jsonl ? RecordText(text) : text, tokens);
        counts.AddSequence(tokens);
    }
}
