using System.Text;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Content;

/// <summary>jsonl tokens: every string value by default, the top-level <c>textField</c> when one is named.</summary>
public sealed class JsonlTextFieldTests
{
    private static ShardAmounts Count(string text, string? field = null) =>
        ShardCounter.Count(new MemoryStream(Encoding.UTF8.GetBytes(text)), ShardFormat.Jsonl, ShardCompression.None, field);

    [Fact]
    public void Text_field_counts_only_that_field()
    {
        const string lines = "{\"url\": \"https://example.org/a b\", \"text\": \"Fellow citizens\"}\n{\"text\": \"of the \\\"Senate\\\"\", \"meta\": {\"text\": \"nested not counted\"}}\n";
        Assert.Equal(2 + 3, Count(lines, "text").Tokens);
        Assert.Equal(Count(lines).Tokens, WordTokens.Count("https://example.org/a b Fellow citizens of the \"Senate\" nested not counted"));
    }

    [Fact]
    public void A_text_field_no_record_has_is_prov1026()
    {
        var ex = Assert.Throws<ShardContentException>(() => Count("{\"body\": \"x\"}\n", "text"));
        Assert.Equal("PROV1026", ex.Descriptor.Id);
    }

    [Fact]
    public void Invalid_utf8_is_prov1027_naming_the_record()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"text\": \"ok\"}\n{\"text\": \"bad ").Concat(new byte[] { 0xFF, (byte)'"', (byte)'}', (byte)'\n' }).ToArray();
        var ex = Assert.Throws<ShardContentException>(() => ShardCounter.Count(new MemoryStream(bytes), ShardFormat.Jsonl));
        Assert.Equal("PROV1027", ex.Descriptor.Id);
        Assert.Contains("record 2", ex.Message);
    }

    [Fact]
    public void The_utf8_counter_equals_the_string_counter_on_the_real_corpora_line_by_line()
    {
        // Differential: the byte-level scanner against the UTF-16 rule, on every real line and on hard cases.
        var lines = Corpus.Lines().ToList();
        string moby = Path.Combine(Corpus.RepoRoot(), "..", "shared", "corpora", "moby-dick.jsonl");
        if (File.Exists(moby))
        {
            lines.AddRange(File.ReadAllLines(moby));
        }

        lines.AddRange(new[]
        {
            "don't Don’t rock 'n' roll o'clock 'quoted' it's’ x'", "naïve café Ωmega 北京 市 日本語テキスト", "e\u0301t\u00e9 \u0915\u094d\u0937",
            "𝐀𝐁𝐂 a'𝐀 𝐀'a ok'𝐀b 😀smile 😀 2020's A'1 1'A", "snake_case __init__ x\u203Fy", "Ⅻ ² ½ ٣", "\u00aa'b µ'c", "a''b a' 'b ’a a’",
        });
        var random = new Random(7);
        string alphabet = "aZ9_' ’\u00e9\u0301北😀𝐀-.,\t\u2019\u02bc\u0669";
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 24);
            for (int k = 0; k < length; k++)
            {
                int pick = random.Next(alphabet.Length);
                if (char.IsHighSurrogate(alphabet[pick]))
                {
                    sb.Append(alphabet, pick, 2);
                }
                else if (!char.IsLowSurrogate(alphabet[pick]))
                {
                    sb.Append(alphabet[pick]);
                }
            }

            lines.Add(sb.ToString());
        }

        foreach (string line in lines)
        {
            Assert.True(WordTokens.TryCountUtf8(Encoding.UTF8.GetBytes(line), out long utf8, out _), line);
            Assert.True(WordTokens.Count(line) == utf8, $"'{line}': string rule {WordTokens.Count(line)}, UTF-8 rule {utf8}");
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 })]
    [InlineData(new byte[] { 0x80 })]
    public void Overlong_surrogate_out_of_range_truncated_and_stray_bytes_are_invalid(byte[] bytes) =>
        Assert.False(WordTokens.TryCountUtf8(bytes, out _, out _));
}
