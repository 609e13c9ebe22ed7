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
/// is bounded by the largest row group's text column. Nulls have no tokens. A column stored as plain BYTE_ARRAY (no
/// UTF8/STRING annotation) is validated as UTF-8 here (PROV1027); a STRING column is decoded by Parquet.Net. A footer
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
        long row = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            if (strings)
            {
                // Raw values (no string per row): the column's characters as Parquet.Net decoded them, nulls left out.
                var values = new ReadOnlyMemory<char>[rows];
                var definitions = column.IsNullable ? new int[rows] : null;
                await group.ReadRawAsync(column, values.AsMemory(), definitions?.AsMemory(), null, default).ConfigureAwait(false);
                int defined = definitions is null ? rows : definitions.Count(d => d > 0);
                for (int i = 0; i < defined; i++)
                {
                    tally.Text(values[i].Span);
                }
            }
            else
            {
                var values = new byte[]?[rows];
                await group.ReadAsync(column, values.AsMemory(), null, default).ConfigureAwait(false);
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i] is { } value)
                    {
                        if (!Digests.WordTokens.TryCountUtf8(value, out long tokens, out int at))
                        {
                            throw new ShardContentException(DiagnosticRegistry.InvalidUtf8,
                                $"row {row + i + 1:N0} of column '{field}' is not valid UTF-8 (byte 0x{value[at]:X2} at offset {at})");
                        }

                        tally.AddTokens(tokens);
                    }
                }
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
}
#endif
