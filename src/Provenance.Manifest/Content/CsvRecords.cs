using System;
using System.IO;
using System.Linq;
using System.Text;
using CsvHelper;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Content;

/// <summary>
/// csv and tsv records, read by CsvHelper (RFC 4180: quoted fields may hold delimiters, quotes and newlines), on UTF-8
/// bytes without decoding them to UTF-16: the first row is the header and not a record; every further row is a record.
/// Empty lines are not records (as pandas and DuckDB read them). Its text is the <c>textField</c> column (matched
/// exactly), or every cell; a UTF-8 byte-order mark is not part of the first column's name. Text must be UTF-8 (PROV1027); malformed
/// quoting (an unterminated quote) or a record over <see cref="LineRecords.MaxRecordBytes"/> is PROV1024; a
/// <c>textField</c> that names no column is PROV1026. CsvHelper was chosen over Sylvan.Data.Csv and Sep on measured
/// speed among the readers that build for netstandard2.0 (benchmarks/CsvReaderBenchmark, benchmarks/README.md).
/// </summary>
internal static class CsvRecords
{
    private static readonly byte[] UnitSeparator = { 0x1F };

    /// <summary>Reads <paramref name="content"/> to its end into <paramref name="tally"/>.</summary>
    public static void Read(Stream content, char delimiter, string? textField, RecordTally tally)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = delimiter,
            Encoding = new UTF8Encoding(false),
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = LineRecords.MaxRecordBytes,
            BufferSize = 1 << 16,
            DetectSeparatorHint = false,
        };
        try
        {
            using var csv = CsvReader.Create(content, options, leaveOpen: true);
            var headers = csv.Headers;
            int column = -1;
            if (textField is not null)
            {
                column = Array.IndexOf(headers.ToArray(), textField);
                if (column < 0)
                {
                    string columns = string.Join(", ", headers.Select(h => "'" + h + "'"));
                    throw new ShardContentException(DiagnosticRegistry.TextFieldNotFound,
                        $"its header has no column '{textField}' (textField); its columns are {(columns.Length == 0 ? "none" : columns)}");
                }
            }

            var row = tally.Fingerprinting && column < 0 ? new MemoryStream() : null;
            while (csv.Read())
            {
                tally.Record();
                if (column >= 0)
                {
                    var value = column < csv.FieldCount ? csv.GetSpan(column) : default;
                    tally.Text(value);
                    tally.Fingerprint(value);
                }
                else
                {
                    row?.SetLength(0);
                    for (int i = 0; i < csv.FieldCount; i++)
                    {
                        var cell = csv.GetSpan(i);
                        tally.Text(cell);
                        if (row is not null)
                        {
                            // The record's text for its fingerprint: its cells joined by U+001F (unit separator).
                            if (i > 0)
                            {
                                row.Write(UnitSeparator, 0, 1);
                            }

                            Write(row, cell);
                        }
                    }

                    if (row is not null)
                    {
                        tally.Fingerprint(new ReadOnlySpan<byte>(row.GetBuffer(), 0, (int)row.Length));
                    }
                }
            }
        }
        catch (CsvFormatException ex)
        {
            string what = ex.Message.IndexOf("MaxRecordSize", StringComparison.OrdinalIgnoreCase) >= 0 || ex.Message.IndexOf("larger than", StringComparison.OrdinalIgnoreCase) >= 0
                ? $"is larger than the reader's bound of {LineRecords.MaxRecordBytes >> 20} MiB"
                : $"is not valid {(delimiter == '\t' ? "TSV" : "CSV")}: {ex.Message.TrimEnd('.')}";
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable, $"record {tally.Records + 1:N0} {what}", ex);
        }
    }

    private static void Write(MemoryStream stream, ReadOnlySpan<byte> bytes)
    {
#if NET
        stream.Write(bytes);
#else
        stream.Write(bytes.ToArray(), 0, bytes.Length);
#endif
    }
}
