using System.Collections.Generic;
using System.Globalization;

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
    public static void Split(string text, List<string> into) => Scan(text, into);

    /// <summary>The number of tokens in <paramref name="text"/>, without allocating them.</summary>
    public static long Count(string text) => Scan(text, null);

    private static long Scan(string text, List<string>? into)
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
                word = IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(text, i));
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

    private static string Token(string text, int start, int end, bool apostrophe)
    {
        string token = text.Substring(start, end - start).ToLowerInvariant();
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
