using System;
using System.Collections.Generic;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Content;

/// <summary>
/// What the format readers report: records and word tokens (<see cref="WordTokens"/>). Text arrives as UTF-8 (jsonl,
/// text) or UTF-16 (csv, Parquet strings); UTF-8 that is not valid is refused (PROV1027), since its tokens are not defined.
/// </summary>
internal sealed class RecordTally
{
    /// <summary>Records seen.</summary>
    public long Records { get; private set; }

    /// <summary>Word tokens seen.</summary>
    public long Tokens { get; private set; }

    /// <summary>When set, receives one <see cref="RecordFingerprint"/> per record, in the order read.</summary>
    public List<RecordFingerprint>? Fingerprints { get; set; }

    /// <summary>Whether fingerprints are being collected.</summary>
    public bool Fingerprinting => Fingerprints is not null;

    /// <summary>Adds the fingerprint of the current record's text (UTF-8, valid), when collecting.</summary>
    public void Fingerprint(ReadOnlySpan<byte> utf8) => Fingerprints?.Add(RecordFingerprint.Of(utf8));

    /// <summary>Adds the fingerprint of the current record's text (UTF-16), when collecting.</summary>
    public void Fingerprint(ReadOnlySpan<char> text) => Fingerprints?.Add(RecordFingerprint.Of(text));

    /// <summary>Starts the next record (records are numbered from 1 in messages).</summary>
    public void Record() => Records++;

    /// <summary>Adds records whose text is not read (a Parquet file's rows, from its footer).</summary>
    public void AddRecords(long count) => Records += count;

    /// <summary>Counts the tokens of UTF-8 text of the current record.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        if (!WordTokens.TryCountUtf8(utf8, out long tokens, out int at))
        {
            throw new ShardContentException(DiagnosticRegistry.InvalidUtf8,
                $"record {Records:N0} is not valid UTF-8 (byte 0x{utf8[at]:X2} at offset {at} of its text)");
        }

        Tokens += tokens;
    }

    /// <summary>Counts the tokens of UTF-16 text of the current record.</summary>
    public void Text(ReadOnlySpan<char> text) => Tokens += WordTokens.Count(text);

    /// <summary>Adds tokens counted elsewhere for the current record.</summary>
    public void AddTokens(long tokens) => Tokens += tokens;
}
