using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Content;

/// <summary>
/// jsonl and text records: one per line (<c>\n</c>; a last line without a newline counts; empty lines count). For
/// text, the line is the record's text. For jsonl, the record's text is every JSON string value (keys, numbers and
/// punctuation are not text), or with a <c>textField</c> only that top-level field's string; a line that is not JSON is
/// counted as plain text. Lines are read in 1 MiB blocks without copying; only a line that spans blocks is gathered,
/// up to <see cref="MaxRecordBytes"/>.
/// </summary>
internal static class LineRecords
{
    /// <summary>The longest record read, 256 MiB; a longer line is PROV1024 (it bounds memory).</summary>
    public const int MaxRecordBytes = 256 << 20;

    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    private static readonly JsonReaderOptions JsonOptions = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    /// <summary>Reads <paramref name="content"/> to its end into <paramref name="tally"/>.</summary>
    /// <param name="content">Decoded content.</param>
    /// <param name="jsonl">True for jsonl, false for text.</param>
    /// <param name="textField">jsonl only: the field whose string is the record's text; null for every string value.</param>
    /// <param name="tally">Receives records and tokens.</param>
    /// <exception cref="ShardContentException">PROV1026 when records were read and none had the text field.</exception>
    public static void Read(Stream content, bool jsonl, string? textField, RecordTally tally)
    {
        byte[]? field = textField is null || !jsonl ? null : Encoding.UTF8.GetBytes(textField);
        bool fieldSeen = false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ShardHasher.BufferSize);
        byte[] carry = Array.Empty<byte>();
        int carryLength = 0;
        try
        {
            int n;
            while ((n = content.Read(buffer, 0, ShardHasher.BufferSize)) > 0)
            {
                var block = new ReadOnlySpan<byte>(buffer, 0, n);
                while (true)
                {
                    int nl = block.IndexOf((byte)'\n');
                    var part = nl < 0 ? block : block.Slice(0, nl);
                    if (nl < 0 || carryLength > 0)
                    {
                        if ((long)carryLength + part.Length > MaxRecordBytes)
                        {
                            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                                $"record {tally.Records + 1:N0} is longer than {MaxRecordBytes >> 20} MiB; is it really {(jsonl ? "JSON Lines" : "text")}?");
                        }

                        if (carryLength + part.Length > carry.Length)
                        {
                            Array.Resize(ref carry, Math.Max(Math.Min(MaxRecordBytes, carry.Length * 2), carryLength + part.Length));
                        }

                        part.CopyTo(new Span<byte>(carry, carryLength, part.Length));
                        carryLength += part.Length;
                        if (nl < 0)
                        {
                            break;
                        }

                        fieldSeen |= Line(new ReadOnlySpan<byte>(carry, 0, carryLength), jsonl, field, tally);
                        carryLength = 0;
                    }
                    else
                    {
                        fieldSeen |= Line(part, jsonl, field, tally);
                    }

                    block = block.Slice(nl + 1);
                }
            }

            if (carryLength > 0)
            {
                fieldSeen |= Line(new ReadOnlySpan<byte>(carry, 0, carryLength), jsonl, field, tally);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (field is not null && !fieldSeen && tally.Records > 0)
        {
            throw new ShardContentException(DiagnosticRegistry.TextFieldNotFound,
                $"none of its {tally.Records:N0} records has the top-level field '{textField}' (textField)");
        }
    }

    private static bool Line(ReadOnlySpan<byte> line, bool jsonl, byte[]? field, RecordTally tally)
    {
        if (tally.Records == 0 && line.StartsWith(Utf8Bom))
        {
            line = line.Slice(Utf8Bom.Length); // a byte-order mark before the first record is not part of it
        }

        tally.Record();
        if (!jsonl)
        {
            tally.Text(line);
            tally.Fingerprint(WithoutCarriageReturn(line));
            return false;
        }

        long tokens = JsonTokens(line, field, tally.Fingerprinting ? tally : null, out bool isJson, out bool fieldSeen, out bool fingerprinted);
        if (isJson)
        {
            tally.AddTokens(tokens);
        }
        else
        {
            tally.Text(line);
        }

        if (!fingerprinted)
        {
            tally.Fingerprint(WithoutCarriageReturn(line)); // no text field: the record itself
        }

        return fieldSeen;
    }

    private static ReadOnlySpan<byte> WithoutCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[line.Length - 1] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;

    /// <summary>The tokens of a JSON record's text; <paramref name="isJson"/> false when the line is not JSON.</summary>
    /// <param name="line">The record.</param>
    /// <param name="field">The text field, or null for every string value.</param>
    /// <param name="fingerprints">When collecting fingerprints: receives the text field's value as the record's fingerprint.</param>
    /// <param name="isJson">False when the line is not JSON.</param>
    /// <param name="fieldSeen">True when the line is JSON and has the text field.</param>
    /// <param name="fingerprinted">True when the text field's value was fingerprinted.</param>
    /// <remarks>
    /// <see cref="Utf8JsonReader"/> decides what is JSON; a line holding escapes is given to it masked and its strings are
    /// unescaped from the line itself (<see cref="JsonEscapes"/>), which counts the same tokens as reading the line as it is
    /// and copying each string with <see cref="Utf8JsonReader.CopyString(Span{byte})"/> (a differential test holds both to it).
    /// </remarks>
    internal static long JsonTokens(ReadOnlySpan<byte> line, byte[]? field, RecordTally? fingerprints, out bool isJson, out bool fieldSeen, out bool fingerprinted)
    {
        long tokens = 0;
        fieldSeen = false;
        fingerprinted = false;
        byte[]? masked = null;
        byte[]? scratch = null;
        try
        {
            var read = line;
            if (JsonEscapes.HasEscape(line))
            {
                masked = ArrayPool<byte>.Shared.Rent(line.Length);
                if (!JsonEscapes.TryMask(line, masked))
                {
                    isJson = false;
                    return 0;
                }

                read = new ReadOnlySpan<byte>(masked, 0, line.Length);
            }

            var reader = new Utf8JsonReader(read, JsonOptions);
            while (reader.Read())
            {
                if (field is not null)
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !NameEquals(line, ref reader, field))
                    {
                        continue;
                    }

                    fieldSeen = true;
                    reader.Read();
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                var value = Raw(line, ref reader);
                if (masked is not null && JsonEscapes.HasEscape(value))
                {
                    Rent(ref scratch, value.Length);
                    if (!JsonEscapes.TryUnescape(value, scratch, out int written))
                    {
                        return NotJson(fingerprints, ref fingerprinted, out isJson, out fieldSeen);
                    }

                    value = new ReadOnlySpan<byte>(scratch, 0, written);
                }

                if (!WordTokens.TryCountUtf8(value, out long count, out _))
                {
                    return NotJson(fingerprints, ref fingerprinted, out isJson, out fieldSeen);
                }

                if (field is not null && fingerprints is not null && !fingerprinted)
                {
                    fingerprints.Fingerprint(value);
                    fingerprinted = true;
                }

                tokens += count;
            }

            isJson = true;
            return tokens;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return NotJson(fingerprints, ref fingerprinted, out isJson, out fieldSeen);
        }
        finally
        {
            if (masked is not null)
            {
                ArrayPool<byte>.Shared.Return(masked);
            }

            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>The current string or property name as it stands in <paramref name="line"/> (escapes and all): the reader may be reading a masked copy, whose offsets are the line's.</summary>
    private static ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> line, ref Utf8JsonReader reader) =>
        line.Slice(checked((int)reader.TokenStartIndex) + 1, reader.ValueSpan.Length);

    /// <summary>
    /// Whether the current property name is <paramref name="field"/>. A name holding escapes is compared by the reader's
    /// own <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> on the name as written in the line (names are short).
    /// </summary>
    private static bool NameEquals(ReadOnlySpan<byte> line, ref Utf8JsonReader reader, byte[] field)
    {
        var name = Raw(line, ref reader);
        if (!JsonEscapes.HasEscape(name))
        {
            return name.SequenceEqual(field);
        }

        var written = new Utf8JsonReader(line.Slice(checked((int)reader.TokenStartIndex), name.Length + 2), JsonOptions);
        written.Read();
        return written.ValueTextEquals(field);
    }

    private static void Rent(ref byte[]? scratch, int length)
    {
        if (scratch is not null && scratch.Length >= length)
        {
            return;
        }

        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
    }

    /// <summary>The answer for a line that is not JSON: no tokens (it is counted as plain text), no text field, no fingerprint.</summary>
    private static long NotJson(RecordTally? fingerprints, ref bool fingerprinted, out bool isJson, out bool fieldSeen)
    {
        fieldSeen = false;
        if (fingerprinted)
        {
            fingerprints!.Fingerprints!.RemoveAt(fingerprints.Fingerprints.Count - 1);
            fingerprinted = false;
        }

        isJson = false;
        return 0;
    }
}
