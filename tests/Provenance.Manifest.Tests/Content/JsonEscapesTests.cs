using System.Text;
using System.Text.Json;
using CsCheck;
using Provenance.Manifest.Content;
using Provenance.Manifest.Tests.Helpers;
using Xunit.Abstractions;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// Reading a JSON Lines record through <see cref="JsonEscapes"/> (the line masked for <see cref="Utf8JsonReader"/>, its
/// strings unescaped from the line) against reading it as it is (<see cref="JsonTokensReference"/>, the code before):
/// the same tokens, the same verdict on what is JSON, the same text field found (in a line that is JSON: the reference also
/// said found for a line that broke after its field, which is then counted as plain text) and the same record fingerprint, for
/// every line of the real corpora and for random lines full of escapes, bad escapes, surrogates, bytes that are not
/// UTF-8 and backslashes outside strings; with every string value counted and with a text field.
/// </summary>
public sealed class JsonEscapesTests
{
    private readonly ITestOutputHelper output;

    public JsonEscapesTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Every_line_of_the_real_corpora_counts_the_same_as_reading_it_unmasked()
    {
        var files = Corpus.Files("*.jsonl");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            int lines = 0, escaped = 0;
            long tokens = 0;
            foreach (var line in Corpus.ByteLines(bytes))
            {
                tokens += Same(line.Span, null, $"{file} line {lines + 1}");
                Same(line.Span, "text", $"{file} line {lines + 1}, textField text");
                escaped += JsonEscapes.HasEscape(line.Span) ? 1 : 0;
                lines++;
            }

            Assert.True(escaped > 0, $"{file} has no escapes; the test would not reach the masked path");
            output.WriteLine($"{Path.GetFileName(file)}: {lines:N0} lines ({escaped:N0} with escapes), {tokens:N0} tokens: equal");
        }
    }

    // Pieces of a JSON string's content: plain text, every escape JSON allows, surrogate escapes whole and broken,
    // escapes JSON does not allow, raw multi-byte UTF-8, bytes that are not UTF-8 and raw control characters.
    private static readonly string[] Pieces =
    {
        "word", " ", "don't", "Don\\u2019t", "caf\\u00e9", "\\u00C9t\\u00e9", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
        "\\u0041", "\\u0000", "\\u001f", "\\uD83D\\uDE42", "\\ud83d\\ude42x", "\\u0301", "e\\u0301", "naïve", "中文", "🙂",
        "\\\\\\\"", "\\\\u0041", "a\\u2019b",
    };

    private static readonly string[] Broken =
    {
        "\\uD83D", "\\uDE42", "\\uDE42\\uD83D", "\\uD83Dx", "\\uD83D\\u0041", "\\x", "\\u12G4", "\\u12", "\\", "\\'", "\\U0041", "\t", "\u0001",
    };

    private static readonly Gen<string> Content = Gen.Frequency(
            (12, Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i])),
            (1, Gen.Int[0, Broken.Length - 1].Select(i => Broken[i])))
        .Array[0, 12].Select(string.Concat);

    private static readonly Gen<string> Key = Gen.OneOf(Gen.Const("text"), Gen.Const("te\\u0078t"), Gen.Const("title"), Gen.Const("t\\u0065xt"),
        Gen.Const("te\\uD800xt"), Content);

    private static readonly Gen<string> Member = Gen.Frequency(
        (6, Gen.Select(Key, Content, (k, v) => $"\"{k}\": \"{v}\"")),
        (1, Gen.Select(Key, Gen.Int, (k, n) => $"\"{k}\": {n}")),
        (1, Gen.Select(Key, Content, (k, v) => $"\"{k}\": {{\"text\": \"{v}\"}}")),
        (1, Gen.Select(Key, Content, (k, v) => $"\"{k}\": [\"{v}\", null, true]")));

    // Whole lines: objects, plus the ways a line with a backslash stops being JSON (outside a string, after the value, cut short).
    private static readonly Gen<byte[]> Line = Gen.Frequency(
        (8, Member.Array[0, 5].Select(m => "{" + string.Join(", ", m) + "}")),
        (1, Gen.Select(Member, Gen.Int[0, 3], (m, how) => how switch
        {
            0 => "{" + m + "} \\n",
            1 => "{\\" + m + "}",
            2 => "{" + m,
            _ => "[\"" + m.Replace("\"", string.Empty) + "\\\"]",
        })),
        (1, Content.Select(c => "\"" + c + "\"")),
        (1, Content))
        .Select(Encoding.UTF8.GetBytes)
        .SelectMany(bytes => Gen.Int[0, 5].Select(k => k == 0 && bytes.Length > 2 ? Corrupt(bytes) : bytes));

    [Fact]
    public void Random_lines_full_of_escapes_count_the_same_as_reading_them_unmasked()
    {
        int escaped = 0, json = 0, escapedJson = 0;
        Line.Sample(line =>
        {
            Same(line, null, Encoding.UTF8.GetString(line));
            Same(line, "text", Encoding.UTF8.GetString(line) + " (textField text)");
            JsonTokensReference.JsonTokens(line, null, null, out bool isJson, out _, out _);
            json += isJson ? 1 : 0;
            escaped += JsonEscapes.HasEscape(line) ? 1 : 0;
            escapedJson += isJson && JsonEscapes.HasEscape(line) ? 1 : 0;
        }, iter: 20000, threads: 1);

        output.WriteLine($"20,000 lines: {escaped:N0} with a backslash, {json:N0} JSON, {escapedJson:N0} both");
        Assert.True(escaped > 10000 && escapedJson > 2000, $"the generator must reach every path: {escaped} with a backslash, {escapedJson} of them JSON");
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti", "a\"b\\c/d\be\ff\ng\rh\ti")]
    [InlineData("caf\\u00e9 \\u20AC \\uD83D\\uDE42", "café € 🙂")]
    [InlineData("\\u0000", "\0")]
    public void Unescaping_gives_what_CopyString_gives(string raw, string expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(raw);
        byte[] masked = new byte[bytes.Length];
        Assert.True(JsonEscapes.TryMask(bytes, masked));
        Assert.Equal(bytes.Length, masked.Length);
        byte[] into = new byte[bytes.Length];
        Assert.True(JsonEscapes.TryUnescape(bytes, into, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(into, 0, written));

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"" + raw + "\""));
        reader.Read();
        Assert.Equal(expected, reader.GetString());
    }

    [Theory]
    [InlineData("\\x")]
    [InlineData("\\u12G4")]
    [InlineData("ab\\")]
    [InlineData("\\u12")]
    [InlineData("\\U0041")]
    public void An_escape_JSON_does_not_allow_makes_the_line_not_JSON(string raw)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(raw);
        Assert.False(JsonEscapes.TryMask(bytes, new byte[bytes.Length]));
    }

    [Theory]
    [InlineData("\\uD83D")]
    [InlineData("\\uDE42")]
    [InlineData("\\uDE42\\uD83D")]
    [InlineData("\\uD83D\\u0041")]
    public void A_lone_surrogate_is_not_text(string raw)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(raw);
        Assert.True(JsonEscapes.TryMask(bytes, new byte[bytes.Length]));
        Assert.False(JsonEscapes.TryUnescape(bytes, new byte[bytes.Length], out _));
    }

    /// <summary>Asserts both readings agree on tokens, JSON, field and fingerprint; returns the tokens.</summary>
    private static long Same(ReadOnlySpan<byte> line, string? textField, string what)
    {
        byte[]? field = textField is null ? null : Encoding.UTF8.GetBytes(textField);
        var expectedTally = new RecordTally { Fingerprints = new() };
        var tally = new RecordTally { Fingerprints = new() };
        long expected = JsonTokensReference.JsonTokens(line, field, expectedTally, out bool expectedJson, out bool expectedSeen, out bool expectedPrinted);
        long tokens = LineRecords.JsonTokens(line, field, tally, out bool isJson, out bool seen, out bool printed);
        if (tokens != expected || isJson != expectedJson || seen != (expectedSeen && expectedJson) || printed != expectedPrinted
            || !tally.Fingerprints.SequenceEqual(expectedTally.Fingerprints))
        {
            Assert.Fail($"{what}: unmasked ({expected} tokens, JSON {expectedJson}, field {expectedSeen}, fingerprinted {expectedPrinted} {string.Join(",", expectedTally.Fingerprints)}), "
                + $"masked ({tokens}, {isJson}, {seen}, {printed} {string.Join(",", tally.Fingerprints)})");
        }

        return tokens;
    }

    /// <summary>A byte replaced by one that is not UTF-8 or by a backslash, so broken lines are generated too.</summary>
    private static byte[] Corrupt(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        int at = (int)((uint)HashCode.Combine(bytes.Length, bytes[0], bytes[^1]) % (uint)copy.Length);
        copy[at] = (copy[at] & 1) == 0 ? (byte)0xFF : (byte)'\\';
        return copy;
    }
}
