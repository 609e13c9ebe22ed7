using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Digests;

/// <summary>
/// The one deterministic counter behind <c>provenance seal</c>: in a single pass over a file it computes
/// the SHA-256 digest, the byte count, the records (lines; a last line without a newline counts) and the
/// Unicode word tokens.
/// <para>
/// A token is a maximal run of letters (Unicode L*), combining marks (M*), digits (N*) and connector
/// punctuation (Pc, e.g. <c>_</c>); an apostrophe (U+0027 or U+2019) between two letters joins them
/// ("don't" is one token). For jsonl only the JSON string values of each record are counted (keys,
/// numbers and punctuation are not); a line that is not valid JSON is counted as plain text. For text and
/// csv the whole text is counted. Parquet and other formats get only bytes and digest (records and tokens null).
/// </para>
/// </summary>
public static class ShardCounter
{
    /// <summary>Counts a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.</summary>
    /// <returns>Amounts; for parquet/other, <see cref="ShardAmounts.Records"/> and <see cref="ShardAmounts.Tokens"/> are -1 (not counted).</returns>
    public static ShardAmounts CountFile(string path, ShardFormat format)
    {
        using var stream = ShardHasher.OpenRead(path);
        return Count(stream, format);
    }

    /// <summary>Counts a stream from its current position to its end.</summary>
    public static ShardAmounts Count(Stream stream, ShardFormat format)
    {
        bool countText = format is ShardFormat.Jsonl or ShardFormat.Text or ShardFormat.Csv;
        using var sha = SHA256.Create();
        var lines = new LineTokenizer(format == ShardFormat.Jsonl);
        long bytes = 0;
        ShardHasher.ReadBlocks(stream, (buffer, read) =>
        {
            sha.TransformBlock(buffer, 0, read, null, 0);
            bytes += read;
            if (countText)
            {
                lines.Feed(buffer, read);
            }
        });

        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        if (countText)
        {
            lines.Finish();
        }

        string digest = ShardHasher.Format(sha.Hash!);
        return countText
            ? new ShardAmounts(lines.Records, lines.Tokens, bytes, digest)
            : new ShardAmounts(-1, -1, bytes, digest);
    }

    /// <summary>Counts the word tokens of a string by the rule above (<see cref="WordTokens"/>).</summary>
    public static long CountTokens(string text) => WordTokens.Count(text);

    /// <summary>Splits a byte stream into lines and counts each line's tokens.</summary>
    private sealed class LineTokenizer
    {
        private static readonly UTF8Encoding Utf8 = new(false, false);
        private readonly bool _jsonl;
        private byte[] _line = new byte[64 * 1024];
        private int _length;
        private bool _any;

        public LineTokenizer(bool jsonl) => _jsonl = jsonl;

        public long Records { get; private set; }

        public long Tokens { get; private set; }

        public void Feed(byte[] buffer, int count)
        {
            int start = 0;
            while (start < count)
            {
                int nl = Array.IndexOf(buffer, (byte)'\n', start, count - start);
                int end = nl < 0 ? count : nl;
                Append(buffer, start, end - start);
                if (nl < 0)
                {
                    break;
                }

                EndLine();
                start = nl + 1;
            }
        }

        public void Finish()
        {
            if (_any)
            {
                EndLine();
            }
        }

        private void Append(byte[] buffer, int start, int count)
        {
            if (count == 0)
            {
                return;
            }

            _any = true;
            if (_length + count > _line.Length)
            {
                Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + count));
            }

            Buffer.BlockCopy(buffer, start, _line, _length, count);
            _length += count;
        }

        private void EndLine()
        {
            Records++;
            Tokens += _jsonl ? CountJsonLine(_line, _length) : CountTokens(Utf8.GetString(_line, 0, _length));
            _length = 0;
            _any = false;
        }

        private static long CountJsonLine(byte[] line, int length)
        {
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(line, 0, length), new JsonReaderOptions { AllowTrailingCommas = false, MaxDepth = 256 });
                long tokens = 0;
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        tokens += CountTokens(reader.GetString() ?? string.Empty);
                    }
                }

                return tokens;
            }
            catch (JsonException)
            {
                return CountTokens(Utf8.GetString(line, 0, length));
            }
            catch (InvalidOperationException)
            {
                return CountTokens(Utf8.GetString(line, 0, length));
            }
        }
    }
}
