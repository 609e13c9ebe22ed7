using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Digests;

/// <summary>
/// The UTF-8 word-token counter with its ASCII fast path (<see cref="WordTokens.TryCountUtf8"/>; the vector path on
/// net10.0, the code-point loop alone as the netstandard2.0 build runs it) against the counter as it was
/// (<see cref="WordTokensReference"/>, verbatim): the same validity, invalid offset and count on every real corpus file
/// (whole, line by line, each JSON string value, and in random chunks that cut UTF-8 sequences) and on random byte
/// strings mixing ASCII words, punctuation, digits, apostrophes, CJK, emoji, combining marks and invalid sequences.
/// </summary>
public sealed class WordTokensDifferentialTests
{
    private readonly ITestOutputHelper output;

    public WordTokensDifferentialTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Every_real_corpus_file_counts_the_same_whole_by_line_by_value_and_in_random_chunks()
    {
        var files = Corpus.Files();
        Assert.NotEmpty(files);
        var random = new Random(20261202);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            long whole = Same(bytes, file);
            int lines = 0, values = 0, chunks = 0;
            foreach (var line in Corpus.ByteLines(bytes))
            {
                Same(line.Span, $"{file} line {lines + 1}");
                lines++;
                foreach (byte[] value in JsonStringValues(line.Span))
                {
                    Same(value, $"{file} line {lines}, a string value");
                    values++;
                }
            }

            for (int round = 0; round < 4; round++)
            {
                // Chunks of 1 byte to 64 KiB at every alignment: many cut a multi-byte sequence, which must be invalid alike.
                int maxChunk = round switch { 0 => 40, 1 => 300, 2 => 4096, _ => 65536 };
                for (int at = 0; at < bytes.Length;)
                {
                    int length = Math.Min(bytes.Length - at, random.Next(1, maxChunk + 1));
                    Same(bytes.AsSpan(at, length), $"{file} chunk [{at}, {at + length})");
                    at += length;
                    chunks++;
                }
            }

            output.WriteLine($"{Path.GetFileName(file)}: {bytes.Length:N0} bytes, {whole:N0} tokens, {lines:N0} lines, {values:N0} string values, {chunks:N0} chunks: equal");
        }
    }

    // Fragments as bytes: real-looking text and the cases at the rule's edges, including sequences that are not UTF-8.
    private static readonly string[] Texts =
    {
        " ", "  ", "\n", "\t", ".", ",", "-", "—", "\"", "(", ")", "'", "’", "''", "'’", "_", "__", "@", "`", "{", "[",
        "don't", "Don’t", "rock'n'roll", "o'", "'s", "1'2", "a'1", "ab'", "x’y", "9_9", "e\u0301", "\u0301", "\u20DD",
        "café", "naïve", "Ærøskøbing", "Œuvre", "ǅ", "ʰ", "ſ", "İ", "ß", "σς", "Ωμέγα", "Привет", "שָׁלוֹם", "مرحبا", "नमस्ते",
        "中文", "日本語", "한국어", "ｆｕｌｌ", "１２３", "٣", "Ⅻ", "½", "²", "🙂", "👍🏽", "👨‍👩‍👧", "🇺🇸", "𝐀𝐁", "𐐷", "𠀋", "𝟘",
        "\u00A0", "\u2028", "\u200B", "\u200D", "\uFEFF", "\u203F", "\uFE4F", "\u2019\u2019", "’s", "a\u2019\u0301b", "\0", "\u007F",
    };

    private static readonly byte[][] Invalid =
    {
        new byte[] { 0x80 }, new byte[] { 0xBF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xC1, 0xBF }, new byte[] { 0xC2 },
        new byte[] { 0xE2, 0x80 }, new byte[] { 0xE0, 0x80, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xED, 0xBF, 0xBF },
        new byte[] { 0xF0, 0x80, 0x80, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xF5, 0x80, 0x80, 0x80 },
        new byte[] { 0xF0, 0x9F, 0x99 }, new byte[] { 0xFE }, new byte[] { 0xFF }, new byte[] { 0xC3, 0x28 }, new byte[] { 0xE2, 0x28, 0xA1 },
    };

    private static readonly Gen<byte[]> Fragment = Gen.Frequency(
        (6, Gen.String[Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['A', 'Z']), 1, 12].Select(Encoding.UTF8.GetBytes)),
        (2, Gen.String[Gen.OneOf(Gen.Char['0', '9'], Gen.Char['a', 'z'], Gen.Const('\''), Gen.Const('_')), 1, 6].Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Int[1, 70].Select(n => Encoding.UTF8.GetBytes(new string('a', n)))),
        (2, Gen.String[Gen.Char[(char)0, (char)127], 1, 40].Select(Encoding.UTF8.GetBytes)),
        (8, Gen.Int[0, Texts.Length - 1].Select(i => Encoding.UTF8.GetBytes(Texts[i]))),
        (1, Gen.Char['\u0080', '\uD7FF'].Select(c => Encoding.UTF8.GetBytes(c.ToString()))),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(cp => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp)))),
        (1, Gen.Int[0, Invalid.Length - 1].Select(i => Invalid[i])),
        (1, Gen.Byte.Array[1, 4]));

    private static readonly Gen<byte[]> Text = Fragment.Array[0, 40].Select(parts => parts.SelectMany(p => p).ToArray());

    [Fact]
    public void Random_strings_of_ascii_punctuation_digits_apostrophes_cjk_emoji_marks_and_invalid_bytes_count_the_same()
    {
        Text.Sample(bytes =>
        {
            // Every start offset up to 33 moves the text against the 32-byte vector blocks.
            for (int skip = 0; skip <= Math.Min(33, bytes.Length); skip++)
            {
                Same(bytes.AsSpan(skip), $"bytes {Convert.ToHexString(bytes)} from {skip}");
            }
        }, iter: 3000);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("don't stop", 2)]
    [InlineData("a''b", 2)]
    [InlineData("a'1", 2)]
    [InlineData("1'a", 2)]
    [InlineData("ab'", 1)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'bbbbbbbbbbbbbbbbbbb", 1)] // the apostrophe is the 32nd byte
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'bbbbbbbbbbbbbbbbbbbb", 1)] // the apostrophe is the 31st byte
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'bbbbbbbbbbbbbbbbbbb", 2)]
    [InlineData("café'au lait x’y ’s", 4)]
    public void Known_texts_count_as_before(string text, long expected)
    {
        long count = Same(Encoding.UTF8.GetBytes(text), text);
        Assert.Equal(expected, count);
    }

    /// <summary>Asserts the engine's vector and scalar paths and the reference agree on validity, offset and count; returns the count.</summary>
    private static long Same(ReadOnlySpan<byte> utf8, string what)
    {
        bool expectedValid = WordTokensReference.TryCountUtf8(utf8, out long expectedCount, out int expectedAt);
        bool valid = WordTokens.TryCountUtf8(utf8, out long count, out int at);
        bool scalarValid = WordTokens.CountUtf8(utf8, vectorized: false, out long scalarCount, out int scalarAt);
        if (valid != expectedValid || at != expectedAt || count != expectedCount
            || scalarValid != expectedValid || scalarAt != expectedAt || scalarCount != expectedCount)
        {
            Assert.Fail($"{what}: reference ({expectedValid}, {expectedCount}, at {expectedAt}), vector ({valid}, {count}, at {at}), scalar ({scalarValid}, {scalarCount}, at {scalarAt})");
        }

        return count;
    }

    /// <summary>The unescaped UTF-8 of every string value and property name of a JSON line (none when it is not JSON).</summary>
    private static List<byte[]> JsonStringValues(ReadOnlySpan<byte> line)
    {
        var values = new List<byte[]>();
        try
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    values.Add(Encoding.UTF8.GetBytes(reader.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            values.Clear();
        }

        return values;
    }
}
