// The word-token counter as it was before the ASCII fast path (src/Provenance.Manifest/Digests/WordTokens.cs at
// 7b7e6da), kept VERBATIM as the reference of WordTokensDifferentialTests: only the namespace and the class's name and
// visibility differ. Do not edit it to follow the engine; it is what the engine's counts must equal.
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Provenance.Manifest.Tests.Digests;

/// <summary>
/// The one word rule of Provenance: <see cref="ShardCounter"/> counts with it and the diversity metrics split with it,
/// so a manifest's <c>tokens</c> and its diversity figures agree. A token is a maximal run of letters, combining marks,
/// digits and connector punctuation, and an apostrophe (U+0027 or U+2019) between two letters joins them. Tokens are
/// lowercased with the invariant culture and a U+2019 apostrophe is written as U+0027, so "Don’t" and "don't" are one type.
/// </summary>
internal static class WordTokensReference
{
    /// <summary>The tokens of <paramref name="text"/>, appended to <paramref name="into"/>.</summary>
    public static void Split(string text, List<string> into) => Scan(text.AsSpan(), into);

    /// <summary>The number of tokens in <paramref name="text"/>, without allocating them.</summary>
    public static long Count(string text) => Scan(text.AsSpan(), null);

    /// <summary>The number of tokens in <paramref name="text"/> (UTF-16), without allocating them.</summary>
    public static long Count(ReadOnlySpan<char> text) => Scan(text, null);

    /// <summary>
    /// The number of tokens in UTF-8 <paramref name="utf8"/>, by the same rule as <see cref="Count(string)"/> (equal counts for
    /// equal text), read byte by byte without decoding to UTF-16: ASCII through a table, other code points decoded here.
    /// Returns false, with the byte offset of the first invalid sequence, when the bytes are not valid UTF-8 (overlong
    /// forms, surrogates, code points above U+10FFFF and truncated sequences are invalid, as in RFC 3629).
    /// </summary>
    public static bool TryCountUtf8(ReadOnlySpan<byte> utf8, out long count, out int invalidAt)
    {
        count = 0;
        invalidAt = -1;
        bool inWord = false, prevLetter = false, pendingApostrophe = false;
        int i = 0;
        while (i < utf8.Length)
        {
            byte b = utf8[i];
            byte kind;
            if (b < 0x80)
            {
                kind = AsciiKinds[b];
                i++;
                if (!pendingApostrophe)
                {
                    // The common case, inlined: ASCII letters, digits and separators.
                    if (kind >= KindLetter)
                    {
                        inWord = true;
                        prevLetter = kind == KindLetter;
                        continue;
                    }

                    if (kind == KindNone)
                    {
                        if (inWord)
                        {
                            count++;
                            inWord = false;
                        }

                        continue;
                    }
                }
            }
            else
            {
                int cp = DecodeRune(utf8, i, out int width);
                if (cp < 0)
                {
                    invalidAt = i;
                    return false;
                }

                i += width;
                kind = Kind(cp);
            }

            if (pendingApostrophe)
            {
                pendingApostrophe = false;
                if (kind == KindLetter)
                {
                    prevLetter = true;
                    continue;
                }

                count++;
                inWord = false;
            }

            if (kind >= KindLetter)
            {
                inWord = true;
                prevLetter = kind == KindLetter;
            }
            else if (kind == KindApostrophe && inWord && prevLetter)
            {
                pendingApostrophe = true;
            }
            else if (inWord)
            {
                count++;
                inWord = false;
            }
        }

        if (inWord || pendingApostrophe)
        {
            count++;
        }

        return true;
    }

    // Kinds of code point for the UTF-8 scanner: not part of a word, an apostrophe (U+0027, U+2019), a letter of the BMP
    // (char.IsLetter: may stand beside a joining apostrophe), any other word character (digits, marks, Pc, letters outside the BMP).
    private const byte KindNone = 0, KindApostrophe = 1, KindLetter = 2, KindWord = 3;

    private static readonly byte[] AsciiKinds = BuildAsciiKinds();

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
