#if NET
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Content;

/// <summary>
/// Parquet records and tokens, read by Parquet.Net: records are the row count of the footer (no data page is read for
/// it); tokens are those of the <c>textField</c> column (default <c>text</c>), read one row group at a time, so memory
/// is bounded by the largest row group's text column, held as its stored UTF-8 bytes. Nulls have no tokens. Every value
/// of a top-level text column, STRING-annotated or plain BYTE_ARRAY, is validated as UTF-8 (PROV1027). A footer
/// that cannot be read is PROV1024; a missing or non-text column PROV1026; a text column whose pages would decompress
/// to more than <see cref="DecodedStream.MaxExpansion"/> times the file size PROV1025.
/// </summary>
internal static class ParquetRecords
{
    /// <summary>The column read when a shard names no <c>textField</c>.</summary>
    public const string DefaultTextField = "text";

    /// <summary>Row groups whose text column is larger than this (uncompressed) are freed before the next is read.</summary>
    private const long LargeRowGroupBytes = 16L << 20;

    /// <summary>Reads the Parquet file in <paramref name="file"/> (seekable) into <paramref name="tally"/>.</summary>
    public static void Read(Stream file, string? textField, RecordTally tally)
    {
        try
        {
            ReadAsync(file, textField ?? DefaultTextField, textField is not null, tally).AsTask().GetAwaiter().GetResult();
        }
        catch (ShardContentException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"it is not a readable Parquet file: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    private static async ValueTask ReadAsync(Stream file, string field, bool declared, RecordTally tally)
    {
        long fileLength = file.Length;
        await using var reader = await ParquetReader.CreateAsync(file, new ParquetOptions { TreatByteArrayAsString = false, MaximumLargePoolFreeBytes = 0, MaximumSmallPoolFreeBytes = 0 }, leaveStreamOpen: true).ConfigureAwait(false);
        var columns = reader.Schema.GetDataFields();
        var column = columns.FirstOrDefault(c => string.Equals(c.Name, field, StringComparison.Ordinal) && c.Path.ToList().Count == 1)
            ?? columns.FirstOrDefault(c => string.Equals(c.Name, field, StringComparison.Ordinal));
        if (column is null)
        {
            throw new ShardContentException(DiagnosticRegistry.TextFieldNotFound,
                $"it has no column '{field}'{(declared ? " (textField)" : " (the default text column; name another with textField:)")}; its columns are {string.Join(", ", columns.Select(c => "'" + c.Name + "'"))}");
        }

        bool strings = column.ClrType == typeof(ReadOnlyMemory<char>) || column.ClrType == typeof(string);
        bool bytes = column.ClrType == typeof(ReadOnlyMemory<byte>) || column.ClrType == typeof(byte[]);
        if ((!strings && !bytes) || column.IsArray)
        {
            throw new ShardContentException(DiagnosticRegistry.TextFieldNotFound,
                $"its column '{field}' holds {column.ClrType.Name}{(column.IsArray ? " lists" : string.Empty)}, not text; name a string column with textField:");
        }

        // From the footer alone: the text column's declared size (the bomb bound) and the row counts.
        long uncompressed = 0, groupRows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            uncompressed += group.GetMetadata(column)?.MetaData?.TotalUncompressedSize ?? 0;
            groupRows += group.RowCount;
        }

        if (uncompressed > Math.Max(fileLength, 1) * DecodedStream.MaxExpansion)
        {
            throw new ShardContentException(DiagnosticRegistry.DecompressionBound,
                $"its column '{field}' declares {uncompressed:N0} uncompressed bytes, more than {DecodedStream.MaxExpansion:N0} times the file's {fileLength:N0}; refused as a decompression bomb");
        }

        long footerRows = reader.Metadata?.NumRows ?? 0;
        if (footerRows != groupRows || footerRows < 0)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"its footer says {footerRows:N0} rows but its row groups hold {groupRows:N0}");
        }

        tally.AddRecords(footerRows);

        // The text column is read as the UTF-8 bytes it is stored as (a field of the same path typed byte[]), not as
        // Parquet.Net's UTF-16 strings: half the memory per row group, and invalid UTF-8 is reported, not replaced.
        var raw = column.Path.ToList().Count == 1 ? new DataField(column.Name, typeof(byte[]), column.IsNullable) : null;
        if (raw is not null)
        {
            _ = new ParquetSchema(raw);
        }

        long row = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            var definitions = column.IsNullable ? new int[rows] : null;
            if (raw is not null)
            {
                var values = new ReadOnlyMemory<byte>[rows];
                await group.ReadRawAsync(raw, values.AsMemory(), definitions?.AsMemory(), null, default).ConfigureAwait(false);
                int defined = definitions is null ? rows : definitions.Count(d => d > 0);
                for (int i = 0; i < defined; i++)
                {
                    if (!Digests.WordTokens.TryCountUtf8(values[i].Span, out long tokens, out int at))
                    {
                        throw new ShardContentException(DiagnosticRegistry.InvalidUtf8,
                            $"value {row + i + 1:N0} of column '{field}' is not valid UTF-8 (byte 0x{values[i].Span[at]:X2} at offset {at})");
                    }

                    tally.AddTokens(tokens);
                    tally.Fingerprint(values[i].Span);
                }

                NullFingerprints(tally, rows - defined);
            }
            else
            {
                // A nested text column: the characters as Parquet.Net decodes them.
                var values = new ReadOnlyMemory<char>[rows];
                await group.ReadRawAsync(column, values.AsMemory(), definitions?.AsMemory(), null, default).ConfigureAwait(false);
                int defined = definitions is null ? rows : definitions.Count(d => d > 0);
                for (int i = 0; i < defined; i++)
                {
                    tally.Text(values[i].Span);
                    tally.Fingerprint(values[i].Span);
                }

                NullFingerprints(tally, rows - defined);
            }

            row += rows;
            if (g + 1 < reader.RowGroupCount && (group.GetMetadata(column)?.MetaData?.TotalUncompressedSize ?? 0) > LargeRowGroupBytes)
            {
                // A large row group's strings live on the large object heap, which only a full collection frees; without
                // one, a 1 GB file with 100 MB row groups peaked at 1 GB RSS under the CLI's server GC. Freeing each row
                // group before the next keeps the peak near two row groups (benchmarks/FormatBenchmark).
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
            }
        }
    }

    /// <summary>A null text value is an empty record text (one fingerprint per row, so counts agree with the footer).</summary>
    private static void NullFingerprints(RecordTally tally, int nulls)
    {
        for (int i = 0; i < nulls; i++)
        {
            tally.Fingerprint(ReadOnlySpan<byte>.Empty);
        }
    }
}
#endif
