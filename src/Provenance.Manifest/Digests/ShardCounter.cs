using System;
using System.Collections.Generic;
using System.IO;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Digests;

/// <summary>
/// The one counter behind <c>provenance seal</c>, <c>init --seal</c> and <c>add</c>: it computes the SHA-256 digest and
/// size of the stored bytes (compressed as stored) and the records and Unicode word tokens of the decoded content, with
/// memory bounded by one block (1 MiB), one record, or one Parquet row group. Streamed formats take one pass; a Parquet
/// file is hashed in one sequential pass and then read again for its footer and text column (Parquet needs random access),
/// and a gzip file whose trailer does not match is decoded a second time (<see cref="GzipIntegrity"/>).
/// <list type="bullet">
/// <item><b>jsonl</b>: a record per line; tokens of every JSON string value, or of the <c>textField</c> value (<see cref="LineRecords"/>).</item>
/// <item><b>text</b>: a record per line.</item>
/// <item><b>csv</b>, <b>tsv</b>: data rows (the header is not a record; quoted fields may span lines); tokens of the <c>textField</c> column or every cell (<see cref="CsvRecords"/>).</item>
/// <item><b>parquet</b>: records from the footer; tokens of the <c>textField</c> column, default <c>text</c> (ParquetRecords; the net10.0 build only).</item>
/// <item><b>other</b>: bytes and digest only (records and tokens -1).</item>
/// </list>
/// jsonl, text, csv and tsv may be gzip (multi-member included) or zstd compressed (<see cref="ShardCompression"/>).
/// A token is a maximal run of letters (Unicode L*), combining marks (M*), digits (N*) and connector punctuation (Pc,
/// e.g. <c>_</c>); an apostrophe (U+0027 or U+2019) between two letters joins them ("don't" is one token): <see cref="WordTokens"/>.
/// Content that cannot be decoded raises <see cref="ShardContentException"/> (PROV1024–PROV1027).
/// </summary>
public static class ShardCounter
{
    /// <summary>
    /// Counts a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read,
    /// <see cref="ShardChangedException"/> when it grows while read, <see cref="ShardContentException"/> when its content
    /// cannot be decoded as <paramref name="format"/> and <paramref name="compression"/>.
    /// </summary>
    /// <param name="path">The shard file.</param>
    /// <param name="format">How its content is read.</param>
    /// <param name="compression">How its stored bytes are compressed (jsonl, text, csv, tsv).</param>
    /// <param name="textField">The JSON field, CSV column or Parquet column whose text is counted; null for the default.</param>
    /// <param name="onBlock">Called with the number of stored bytes of each block read (progress), optional.</param>
    /// <param name="fingerprints">When true, also computes each record's <see cref="RecordFingerprint"/> in the same pass (<see cref="ShardAmounts.Fingerprints"/>).</param>
    /// <returns>Amounts; for <see cref="ShardFormat.Other"/>, records and tokens are -1 (not counted).</returns>
    public static ShardAmounts CountFile(string path, ShardFormat format, ShardCompression compression = ShardCompression.None, string? textField = null, Action<int>? onBlock = null, bool fingerprints = false)
    {
        using var stream = ShardHasher.OpenRead(path);
        return Count(stream, format, compression, textField, onBlock, fingerprints);
    }

    /// <summary>Counts a stream from its current position to its end; see <see cref="CountFile"/>. Parquet and multi-member gzip need a seekable stream.</summary>
    public static ShardAmounts Count(Stream stream, ShardFormat format, ShardCompression compression = ShardCompression.None, string? textField = null, Action<int>? onBlock = null, bool fingerprints = false)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        var tally = new RecordTally { Fingerprints = fingerprints && ShardFormats.IsCounted(format) ? new List<RecordFingerprint>() : null };
        string digest;
        long bytes;
        using (var stored = new StoredBytes(stream, onBlock))
        {
            if (ShardFormats.IsStreamed(format))
            {
                using var content = new DecodedStream(stored, compression);
                if (format is ShardFormat.Csv or ShardFormat.Tsv)
                {
                    CsvRecords.Read(content, format == ShardFormat.Tsv ? '\t' : ',', textField, tally);
                }
                else
                {
                    LineRecords.Read(content, format == ShardFormat.Jsonl, textField, tally);
                }

                digest = stored.Finish();
                bytes = stored.BytesRead;
                if (compression == ShardCompression.Gzip)
                {
                    GzipIntegrity.Verify(stored.Tail(), content.DecodedLength, content.DecodedCrc, () => Reopen(stream, start));
                }
            }
            else
            {
                digest = stored.Finish();
                bytes = stored.BytesRead;
            }
        }

        if (format == ShardFormat.Parquet)
        {
#if NET
            ParquetRecords.Read(Reopen(stream, start), textField, tally);
#else
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                "Parquet shards are counted by the provenance CLI (.NET 10), not by this build of the engine");
#endif
        }

        if (!ShardFormats.IsCounted(format))
        {
            return new ShardAmounts(-1, -1, bytes, digest);
        }

        var result = new ShardAmounts(tally.Records, tally.Tokens, bytes, digest);
        if (tally.Fingerprints is { } list)
        {
            var sorted = list.ToArray();
            Array.Sort(sorted);
            result.Fingerprints = sorted;
        }

        return result;
    }

    /// <summary>Counts the word tokens of a string by the rule above (<see cref="WordTokens"/>).</summary>
    public static long CountTokens(string text) => WordTokens.Count(text);

    private static Stream Reopen(Stream stream, long start)
    {
        if (!stream.CanSeek)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable, "it must be read twice (Parquet, or gzip with several members) but comes from a stream that cannot seek");
        }

        stream.Position = start;
        return new NonClosing(stream);
    }

    /// <summary>A view that leaves the caller's stream open when disposed; seekable, because Parquet.Net seeks.</summary>
    private sealed class NonClosing : ReadOnlyStream
    {
        private readonly Stream _inner;

        public NonClosing(Stream inner) => _inner = inner;

        public override bool CanSeek => true;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
    }
}
