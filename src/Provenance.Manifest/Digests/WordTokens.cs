using System;
using System.Collections.Generic;
using System.Globalization;
#if NET
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace Provenance.Manifest.Digests;

/// <summary>
/// The one word rule of Provenance: <see cref="ShardCounter"/> counts with it and the diversity metrics split with it,
/// so a manifest's <c>tokens</c> and its diversity figures agree. A token is a maximal run of letters, combining marks,
/// digits and connector punctuation, and an apostrophe (U+0027 or U+2019) between two letters joins them. Tokens are
/// lowercased with the invariant culture and a U+2019 apostrophe is written as U+0027, so "Don’t" and "don't" are one type.
/// </summary>
public static class WordTokens
{
    /// <summary>The tokens of <paramref name="text"/>, appended to <paramref name="into"/>.</summary>
    public static void Split(string text, List<string> into) => Scan(text.AsSpan(), into);

    /// <summary>The number of tokens in <paramref name="text"/>, without allocating them.</summary>
    public static long Count(string text) => Scan(text.AsSpan(), null);

    /// <summary>The number of tokens in <paramref name="text"/> (UTF-16), without allocating them.</summary>
    public static long Count(ReadOnlySpan<char> text) => Scan(text, null);

    /// <summary>
    /// The number of tokens in UTF-8 <paramref name="utf8"/>, by the same rule as <see cref="Count(string)"/> (equal counts for
    /// equal text), read without decoding to UTF-16: runs of ASCII 64 or 32 bytes at a time with vector compares (net10.0), other
    /// code points decoded here. Returns false, with the byte offset of the first invalid sequence, when the bytes are not
    /// valid UTF-8 (overlong forms, surrogates, code points above U+10FFFF and truncated sequences are invalid, as in
    /// RFC 3629); <paramref name="count"/> is then the number of tokens that ended before that offset.
    /// </summary>
    public static bool TryCountUtf8(ReadOnlySpan<byte> utf8, out long count, out int invalidAt) =>
        CountUtf8(utf8, vectorized: true, out count, out invalidAt);

    /// <summary>
    /// <see cref="TryCountUtf8"/> by the code-point loop alone (what the netstandard2.0 build runs), or with the vector
    /// path where the runtime has one: both give the same results; tests compare them.
    /// </summary>
    /// <remarks>
    /// The rule as a formula, which needs no look-ahead and so vectorises: with W = word character (letter, mark, digit,
    /// Pc), L = letter of the BMP, A = apostrophe, a token starts at code point i when W(i), not W(i-1), and not
    /// (A(i-1), L(i-2) and L(i)): an apostrophe between two letters joins them. The count is the number of starts.
    /// </remarks>
    internal static bool CountUtf8(ReadOnlySpan<byte> utf8, bool vectorized, out long count, out int invalidAt)
    {
        long starts = 0;
        int previous = KindNone, before = KindNone; // the kinds of the two code points before i
        int i = 0;
        while (i < utf8.Length)
        {
#if NET
            if (vectorized && utf8[i] < 0x80 && utf8.Length - i >= Vector256<byte>.Count && Vector256.IsHardwareAccelerated)
            {
                int width = utf8.Length - i >= Vector512<byte>.Count && Vector512.IsHardwareAccelerated ? Vector512<byte>.Count : Vector256<byte>.Count;
                int ascii = width == Vector512<byte>.Count ? AsciiBlock64(utf8, i, ref starts, ref previous, ref before) : AsciiBlock32(utf8, i, ref starts, ref previous, ref before);
                i += ascii;
                if (ascii == width)
                {
                    continue;
                }
            }
#endif
            byte b = utf8[i];
            int kind;
            if (b < 0x80)
            {
                kind = AsciiKinds[b];
                i++;
            }
            else
            {
                int cp = DecodeRune(utf8, i, out int width);
                if (cp < 0)
                {
                    invalidAt = i;
                    bool open = previous >= KindLetter || (previous == KindApostrophe && before == KindLetter);
                    count = starts - (open ? 1 : 0);
                    return false;
                }

                i += width;
                kind = Kind(cp);
            }

            starts += StartsAt[(kind << 4) | (previous << 2) | before];
            before = previous;
            previous = kind;
        }

        count = starts;
        invalidAt = -1;
        return true;
    }

#if NET
    /// <summary>
    /// Counts the token starts among the ASCII bytes at the head of the 64 bytes at <paramref name="i"/> and returns how
    /// many bytes that was (64 when all are ASCII, else the offset of the first non-ASCII byte), updating the kinds of
    /// the last two code points.
    /// </summary>
    private static int AsciiBlock64(ReadOnlySpan<byte> utf8, int i, ref long starts, ref int previous, ref int before)
    {
        var v = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(utf8), (nuint)i);
        ulong high = v.ExtractMostSignificantBits();
        int n = high == 0 ? Vector512<byte>.Count : BitOperations.TrailingZeroCount(high);
        if (n == 0)
        {
            return 0;
        }

        ulong letter = Vector512.LessThan((v | Vector512.Create((byte)0x20)) - Vector512.Create((byte)'a'), Vector512.Create((byte)26)).ExtractMostSignificantBits();
        ulong word = letter
            | Vector512.LessThan(v - Vector512.Create((byte)'0'), Vector512.Create((byte)10)).ExtractMostSignificantBits()
            | Vector512.Equals(v, Vector512.Create((byte)'_')).ExtractMostSignificantBits();
        ulong apostrophe = Vector512.Equals(v, Vector512.Create((byte)'\'')).ExtractMostSignificantBits();
        return Starts(utf8, i, n, letter, word, apostrophe, ref starts, ref previous, ref before);
    }

    /// <summary>As <see cref="AsciiBlock64"/>, for 32 bytes (no 512-bit vectors, or fewer than 64 bytes left).</summary>
    private static int AsciiBlock32(ReadOnlySpan<byte> utf8, int i, ref long starts, ref int previous, ref int before)
    {
        var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(utf8), (nuint)i);
        uint high = v.ExtractMostSignificantBits();
        int n = high == 0 ? Vector256<byte>.Count : BitOperations.TrailingZeroCount(high);
        if (n == 0)
        {
            return 0;
        }

        uint letter = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
        uint word = letter
            | Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10)).ExtractMostSignificantBits()
            | Vector256.Equals(v, Vector256.Create((byte)'_')).ExtractMostSignificantBits();
        uint apostrophe = Vector256.Equals(v, Vector256.Create((byte)'\'')).ExtractMostSignificantBits();
        return Starts(utf8, i, n, letter, word, apostrophe, ref starts, ref previous, ref before);
    }

    /// <summary>
    /// Adds the token starts among the first <paramref name="n"/> bytes of a block (ASCII; bit j of each mask is byte j)
    /// and sets the kinds of its last two code points; returns <paramref name="n"/>.
    /// </summary>
    private static int Starts(ReadOnlySpan<byte> utf8, int i, int n, ulong letter, ulong word, ulong apostrophe, ref long starts, ref int previous, ref int before)
    {
        ulong head = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        letter &= head;
        word &= head;
        apostrophe &= head;

        // Shifted left by one, bit j is byte j-1, with the code point before the block shifted in.
        ulong wordBefore = (word << 1) | (previous >= KindLetter ? 1UL : 0UL);
        ulong apostropheBefore = (apostrophe << 1) | (previous == KindApostrophe ? 1UL : 0UL);
        ulong letterTwoBefore = (letter << 2) | (previous == KindLetter ? 2UL : 0UL) | (before == KindLetter ? 1UL : 0UL);
        ulong start = word & ~wordBefore & ~(apostropheBefore & letterTwoBefore & letter);
        starts += BitOperations.PopCount(start);

        before = n >= 2 ? AsciiKinds[utf8[i + n - 2]] : previous;
        previous = AsciiKinds[utf8[i + n - 1]];
        return n;
    }
#endif

    // Kinds of code point for the UTF-8 scanner: not part of a word, an apostrophe (U+0027, U+2019), a letter of the BMP
    // (char.IsLetter: may stand beside a joining apostrophe), any other word character (digits, marks, Pc, letters outside the BMP).
    private const byte KindNone = 0, KindApostrophe = 1, KindLetter = 2, KindWord = 3;

    private static readonly byte[] AsciiKinds = BuildAsciiKinds();

    // 1 where a code point of kind k starts a token after kinds p (the one before it) and b (the one before that), at
    // k << 4 | p << 2 | b: the rule of CountUtf8 as a table, so the code-point loop does not branch on it.
    private static readonly byte[] StartsAt = BuildStartsAt();

    private static byte[] BuildStartsAt()
    {
        var table = new byte[64];
        for (int k = 0; k < 4; k++)
        {
            for (int p = 0; p < 4; p++)
            {
                for (int b = 0; b < 4; b++)
                {
                    bool start = k >= KindLetter && p < KindLetter && !(k == KindLetter && p == KindApostrophe && b == KindLetter);
                    table[(k << 4) | (p << 2) | b] = start ? (byte)1 : (byte)0;
                }
            }
        }

        return table;
    }

    private static byte[] BuildAsciiKinds()
    {
        var kinds = new byte[128];
        for (int c = 0; c < 128; c++)
        {
            kinds[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? KindLetter
                : (c >= '0' && c <= '9') || c == '_' ? KindWord
                : c == '\'' ? KindApostrophe
                : KindNone;
        }

        return kinds;
    }

    private static byte Kind(int cp)
    {
        if (cp == 0x2019)
        {
            return KindApostrophe;
        }

        if (cp <= 0xFFFF)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory((char)cp);
            return category <= UnicodeCategory.OtherLetter ? KindLetter : IsWordCategory(category) ? KindWord : KindNone;
        }

#if NET
        var wide = CharUnicodeInfo.GetUnicodeCategory(cp);
#else
        var wide = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(cp), 0);
#endif
        return IsWordCategory(wide) ? KindWord : KindNone;
    }

    /// <summary>Decodes the code point at <paramref name="i"/> (a non-ASCII lead byte); -1 when the sequence is not valid UTF-8.</summary>
    private static int DecodeRune(ReadOnlySpan<byte> s, int i, out int width)
    {
        byte b0 = s[i];
        int cp, min;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            width = 2;
            cp = b0 & 0x1F;
            min = 0x80;
        }
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            width = 3;
            cp = b0 & 0x0F;
            min = 0x800;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            width = 4;
            cp = b0 & 0x07;
            min = 0x10000;
        }
        else
        {
            width = 1;
            return -1;
        }

        if (i + width > s.Length)
        {
            return -1;
        }

        for (int k = 1; k < width; k++)
        {
            byte b = s[i + k];
            if ((b & 0xC0) != 0x80)
            {
                return -1;
            }

            cp = (cp << 6) | (b & 0x3F);
        }

        return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? -1 : cp;
    }

    private static long Scan(ReadOnlySpan<char> text, List<string>? into)
    {
        long count = 0;
        int start = -1;
        bool apostrophe = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int width = 1;
            bool word;
            if (c < 0x80)
            {
                word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                word = IsWordCategory(Category(char.ConvertToUtf32(c, text[i + 1])));
                width = 2;
            }
            else
            {
                word = IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(c));
            }

            if (!word && start >= 0 && (c == '\'' || c == '\u2019') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]))
            {
                apostrophe |= c == '\u2019';
                continue;
            }

            if (word && start < 0)
            {
                start = i;
            }
            else if (!word && start >= 0)
            {
                count++;
                into?.Add(Token(text, start, i, apostrophe));
                start = -1;
                apostrophe = false;
            }

            i += width - 1;
        }

        if (start >= 0)
        {
            count++;
            into?.Add(Token(text, start, text.Length, apostrophe));
        }

        return count;
    }

    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        Split(text, tokens);
        return tokens;
    }

    private static UnicodeCategory Category(int cp)
    {
#if NET
        return CharUnicodeInfo.GetUnicodeCategory(cp);
#else
        return CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(cp), 0);
#endif
    }

    private static string Token(ReadOnlySpan<char> text, int start, int end, bool apostrophe)
    {
        string token = text.Slice(start, end - start).ToString().ToLowerInvariant();
        return apostrophe ? token.Replace('\u2019', '\'') : token;
    }

    private static bool IsWordCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
