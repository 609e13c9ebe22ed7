using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Provenance.Manifest.Content;

/// <summary>
/// A record fingerprint: the 128-bit XxHash128 (System.IO.Hashing, seed 0) of a record's text in UTF-8, normalised to
/// Unicode NFC. A record's text is its <c>textField</c> value when the shard declares one (Parquet's default column is
/// <c>text</c>), else the record itself: a jsonl or text line without its line ending (<c>\n</c>, <c>\r\n</c>), a csv/tsv
/// row's cells joined by U+001F. So a re-split, a recompression or a conversion that keeps each record's text keeps its
/// fingerprints (jsonl to Parquet: declare <c>textField</c> on both). Ordered by <see cref="High"/> then <see cref="Low"/>.
/// </summary>
public readonly struct RecordFingerprint : IEquatable<RecordFingerprint>, IComparable<RecordFingerprint>
{
    /// <summary>Creates a fingerprint from its two halves (the XxHash128 canonical big-endian bytes 0–7 and 8–15).</summary>
    public RecordFingerprint(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>Bytes 0–7 of the canonical (big-endian) hash.</summary>
    public ulong High { get; }

    /// <summary>Bytes 8–15 of the canonical (big-endian) hash.</summary>
    public ulong Low { get; }

    /// <summary>The fingerprint of UTF-8 text (valid UTF-8; invalid sequences are hashed as U+FFFD after NFC).</summary>
    public static RecordFingerprint Of(ReadOnlySpan<byte> utf8)
    {
        if (IsAscii(utf8) || IsSurelyNfc(utf8))
        {
            return Hash(utf8); // already NFC: hashed as stored, without decoding
        }

        string text = Encoding.UTF8.GetString(utf8.ToArray());
        return OfNonAscii(text);
    }

    /// <summary>The fingerprint of UTF-16 text.</summary>
    public static RecordFingerprint Of(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80)
            {
                return OfNonAscii(text.ToString());
            }
        }

        byte[] narrow = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                narrow[i] = (byte)text[i];
            }

            return Hash(new ReadOnlySpan<byte>(narrow, 0, text.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(narrow);
        }
    }

    private static RecordFingerprint OfNonAscii(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        return Hash(Encoding.UTF8.GetBytes(text));
    }

    private static RecordFingerprint Hash(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(utf8, hash);
        return new RecordFingerprint(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash.Slice(8)));
    }

    /// <summary>
    /// True when <paramref name="utf8"/> is valid UTF-8 whose every scalar is one that NFC leaves alone wherever it stands
    /// (Unicode's NFC_Quick_Check=Yes with canonical combining class 0): below U+0300 (Latin-1, Latin Extended-A/B, IPA),
    /// or General Punctuation U+2010–U+2027 and U+2030–U+205E (dashes, quotes, ellipsis, primes), or currency signs
    /// U+20A0–U+20C0. Text of English prose is such text, so it is hashed without being decoded and normalised; anything
    /// else (combining marks, Hangul, singletons such as U+212B) takes the full NFC path. net10.0 only.
    /// </summary>
    private static bool IsSurelyNfc(ReadOnlySpan<byte> utf8)
    {
#if NET
        while (true)
        {
            int next = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F); // ASCII runs are skipped vectorised
            if (next < 0)
            {
                return true;
            }

            utf8 = utf8.Slice(next);
            if (System.Text.Rune.DecodeFromUtf8(utf8, out var rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            int v = rune.Value;
            if (!(v < 0x300 || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || (v >= 0x20A0 && v <= 0x20C0)))
            {
                return false;
            }

            utf8 = utf8.Slice(consumed);
        }
#else
        _ = utf8;
        return false;
#endif
    }

    private static bool IsAscii(ReadOnlySpan<byte> utf8)
    {
#if NET
        return System.Text.Ascii.IsValid(utf8);
#else
        foreach (byte b in utf8)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
#endif
    }

    /// <inheritdoc />
    public bool Equals(RecordFingerprint other) => High == other.High && Low == other.Low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RecordFingerprint other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (High ^ Low).GetHashCode();

    /// <inheritdoc />
    public int CompareTo(RecordFingerprint other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>32 lowercase hex digits.</summary>
    public override string ToString() => High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);
}

/// <summary>
/// An order-independent digest of a multiset of records: their count and the sum of their fingerprints modulo 2^128.
/// Splitting, merging or reordering the same records gives the same value; changing, adding or removing one gives
/// another (except with probability about 2^-128). The lock keeps one per protected human shard, so a reshard is
/// recognised without the fingerprints themselves. Written <c>xxh128sum:&lt;32 hex&gt;</c>.
/// </summary>
public readonly struct RecordSet : IEquatable<RecordSet>
{
    private RecordSet(long count, ulong high, ulong low)
    {
        Count = count;
        High = high;
        Low = low;
    }

    /// <summary>The prefix of <see cref="Digest"/>.</summary>
    public const string Prefix = "xxh128sum:";

    /// <summary>Records in the multiset.</summary>
    public long Count { get; }

    /// <summary>The high 64 bits of the sum.</summary>
    public ulong High { get; }

    /// <summary>The low 64 bits of the sum.</summary>
    public ulong Low { get; }

    /// <summary>The multiset digest, <c>xxh128sum:</c> and 32 hex digits.</summary>
    public string Digest => Prefix + High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The multiset of <paramref name="fingerprints"/>.</summary>
    public static RecordSet Of(IEnumerable<RecordFingerprint> fingerprints)
    {
        var set = default(RecordSet);
        foreach (var f in fingerprints)
        {
            set += new RecordSet(1, f.High, f.Low);
        }

        return set;
    }

    /// <summary>The union of two multisets.</summary>
    public static RecordSet operator +(RecordSet a, RecordSet b)
    {
        ulong low = unchecked(a.Low + b.Low);
        ulong carry = low < a.Low ? 1UL : 0UL;
        return new RecordSet(a.Count + b.Count, unchecked(a.High + b.High + carry), low);
    }

    /// <summary>Parses <see cref="Digest"/> text with its record count; false when it is not one.</summary>
    public static bool TryParse(string? digest, long count, out RecordSet set)
    {
        set = default;
        if (digest is null || !digest.StartsWith(Prefix, StringComparison.Ordinal) || digest.Length != Prefix.Length + 32
            || !ulong.TryParse(digest.Substring(Prefix.Length, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong high)
            || !ulong.TryParse(digest.Substring(Prefix.Length + 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong low))
        {
            return false;
        }

        set = new RecordSet(count, high, low);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(RecordSet other) => Count == other.Count && High == other.High && Low == other.Low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RecordSet other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (High ^ Low ^ (ulong)Count).GetHashCode();
}
