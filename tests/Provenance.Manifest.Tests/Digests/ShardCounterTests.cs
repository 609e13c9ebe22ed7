using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Digests;

public class ShardCounterTests
{
    [Theory]
    [InlineData("Fellow-Citizens of the Senate", 5)]
    [InlineData("don't stop", 2)]
    [InlineData("l’état, c’est moi", 3)]
    [InlineData("snake_case 42 3.14", 4)]
    [InlineData("naïve café 東京", 3)]
    [InlineData("...!?", 0)]
    public void Tokens_are_unicode_word_runs(string text, long expected) => Assert.Equal(expected, ShardCounter.CountTokens(text));

    [Fact]
    public void Jsonl_counts_only_string_values()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"year\": 1790, \"president\": \"George Washington\", \"text\": \"Fellow citizens\"}\n{\"text\": \"a b c\"}\n");
        var amounts = ShardCounter.Count(new MemoryStream(bytes), ShardFormat.Jsonl);
        Assert.Equal(2, amounts.Records);
        Assert.Equal(7, amounts.Tokens);
        Assert.Equal(bytes.Length, amounts.Bytes);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), amounts.Digest);
    }

    [Fact]
    public void Last_line_without_newline_counts_as_a_record()
    {
        Assert.Equal(2, ShardCounter.Count(new MemoryStream(Encoding.UTF8.GetBytes("a\nb")), ShardFormat.Text).Records);
        Assert.Equal(0, ShardCounter.Count(new MemoryStream(Array.Empty<byte>()), ShardFormat.Text).Records);
    }

    [Fact]
    public void Digest_and_records_match_sha256sum_and_wc_on_real_corpus_shard()
    {
        using var temp = new TempManifest();
        string path = temp.Shard("data/sotu.jsonl", 233);
        var amounts = ShardCounter.CountFile(path, ShardFormat.Jsonl);
        Assert.Equal(File.ReadAllLines(path).Length, amounts.Records);
        Assert.Equal(ShardHasher.HashFile(path), amounts.Digest);
        string? sha256sum = Run("sha256sum", path);
        if (sha256sum is not null)
        {
            Assert.Equal("sha256:" + sha256sum.Split(' ')[0], amounts.Digest);
        }

        Assert.True(amounts.Tokens > 1_000_000, $"tokens {amounts.Tokens}");
    }

    private static string? Run(string file, string arg)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arg) { RedirectStandardOutput = true })!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
