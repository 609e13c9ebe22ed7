using System;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Manifest.Diagnostics;
using Sylvan.Data.Csv;

namespace Provenance.Manifest.Content;

/// <summary>
/// csv and tsv records, read by Sylvan.Data.Csv (RFC 4180: quoted fields may hold delimiters, quotes and newlines):
/// the first row is the header and not a record; every further row is a record. Its text is the <c>textField</c>
/// column, or every cell. Text must be UTF-8 (PROV1027); an unterminated quote or a record over
/// <see cref="LineRecords.MaxRecordBytes"/> is PROV1024; a <c>textField</c> that names no column is PROV1026.
/// </summary>
internal static class CsvRecords
{
#if NET
    private static ReadOnlySpan<char> Field(CsvDataReader csv, int i) => csv.GetFieldSpan(i);
#else
    private static ReadOnlySpan<char> Field(CsvDataReader csv, int i) => csv.GetString(i).AsSpan();
#endif

    /// <summary>Reads <paramref name="content"/> to its end into <paramref name="tally"/>.</summary>
    public static void Read(Stream content, char delimiter, string? textField, RecordTally tally)
    {
        var encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        using var text = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = delimiter,
            BufferSize = 1 << 16,
            MaxBufferSize = LineRecords.MaxRecordBytes / 2,
            OwnsReader = false,
            ResultSetMode = ResultSetMode.SingleResult,
        };
        try
        {
            if (text.Peek() == 0xFEFF)
            {
                text.Read(); // a UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first column's name
            }

            if (text.Peek() < 0)
            {
                return; // an empty file: no header, no records
            }

            using var csv = CsvDataReader.Create(text, options);
            int column = -1;
            if (textField is not null)
            {
                for (int i = 0; i < csv.FieldCount; i++)
                {
                    if (string.Equals(csv.GetName(i), textField, StringComparison.Ordinal))
                    {
                        column = i;
                        break;
                    }
                }

                if (column < 0)
                {
                    string columns = string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(i => "'" + csv.GetName(i) + "'"));
                    throw new ShardContentException(DiagnosticRegistry.TextFieldNotFound,
                        $"its header has no column '{textField}' (textField); its columns are {(columns.Length == 0 ? "none" : columns)}");
                }
            }

            var row = tally.Fingerprinting && column < 0 ? new StringBuilder() : null;
            while (csv.Read())
            {
                tally.Record();
                if (column >= 0)
                {
                    var value = column < csv.RowFieldCount ? Field(csv, column) : default;
                    tally.Text(value);
                    tally.Fingerprint(value);
                }
                else
                {
                    row?.Clear();
                    for (int i = 0; i < csv.RowFieldCount; i++)
                    {
                        var cell = Field(csv, i);
                        tally.Text(cell);
                        if (row is not null)
                        {
                            // The record's text for its fingerprint: its cells joined by U+001F (unit separator).
                            row.Append(i > 0 ? "\u001F" : string.Empty);
#if NET
                            row.Append(cell);
#else
                            row.Append(cell.ToString());
#endif
                        }
                    }

                    if (row is not null)
                    {
                        tally.Fingerprint(row.ToString().AsSpan());
                    }
                }
            }
        }
        catch (DecoderFallbackException ex)
        {
            throw new ShardContentException(DiagnosticRegistry.InvalidUtf8, $"its text is not valid UTF-8 at or after record {tally.Records + 1:N0} (the reader decodes ahead; {ex.Message.TrimEnd('.')})", ex);
        }
        catch (CsvRecordTooLargeException ex)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"record {tally.Records + 1:N0} is larger than the reader's bound of {LineRecords.MaxRecordBytes >> 20} MiB", ex);
        }
        catch (CsvFormatException ex)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"record {tally.Records + 1:N0} is not valid {(delimiter == '\t' ? "TSV" : "CSV")}: {ex.Message.TrimEnd('.')}", ex);
        }
    }
}
