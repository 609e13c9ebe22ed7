using System.IO.Compression;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// Compressed jsonl made by the real <c>gzip</c> and <c>zstd</c> tools from real State of the Union text: the same records
/// and tokens as the uncompressed file, and the digest of the stored (compressed) bytes as <c>sha256sum</c> computes it.
/// </summary>
public sealed class CompressedShardTests : IDisposable
{
    private readonly TempManifest _temp = new();
    private readonly string _plain;
    private readonly ShardAmounts _expected;

    public CompressedShardTests()
    {
        _plain = _temp.Shard("data/sotu.jsonl", 120);
        _expected = ShardCounter.CountFile(_plain, ShardFormat.Jsonl);
    }

    [Fact]
    public void Gzip_from_the_gzip_tool_counts_as_the_uncompressed_file()
    {
        string gz = _plain + ".gz";
        File.WriteAllBytes(gz, Convert.FromBase64String(Tool.Run("sh", null, "-c", $"gzip -c '{_plain}' | base64 -w0")));
        AssertSameContent(gz, ShardCompression.Gzip);
    }

    [Fact]
    public void Multi_member_gzip_counts_every_member()
    {
        string gz = Path.Combine(_temp.Root, "data", "multi.jsonl.gz");
        string half = Path.Combine(_temp.Root, "data", "half.jsonl");
        var lines = File.ReadAllLines(_plain);
        File.WriteAllText(half, string.Concat(lines.Take(50).Select(l => l + "\n")));
        File.WriteAllText(_plain + ".rest", string.Concat(lines.Skip(50).Select(l => l + "\n")));
        // Two gzip outputs concatenated, as Common Crawl tools write them.
        Tool.Run("sh", null, "-c", $"gzip -c '{half}' > '{gz}' && gzip -c '{_plain}.rest' >> '{gz}'");
        var amounts = ShardCounter.CountFile(gz, ShardFormat.Jsonl, ShardCompression.Gzip);
        Assert.Equal(_expected.Records, amounts.Records);
        Assert.Equal(_expected.Tokens, amounts.Tokens);
        Assert.Equal(Tool.Sha256Sum(gz), amounts.Digest);
    }

    [Fact]
    public void Zstd_from_the_zstd_tool_counts_as_the_uncompressed_file()
    {
        string zst = _plain + ".zst";
        Tool.Run("zstd", null, "-q", "-f", _plain, "-o", zst);
        AssertSameContent(zst, ShardCompression.Zstd);
    }

    [Fact]
    public void Multi_frame_zstd_counts_every_frame()
    {
        string zst = Path.Combine(_temp.Root, "data", "frames.jsonl.zst");
        Tool.Run("sh", null, "-c", $"head -n 60 '{_plain}' | zstd -q -c > '{zst}' && tail -n +61 '{_plain}' | zstd -q -c >> '{zst}'");
        AssertSameContent(zst, ShardCompression.Zstd);
    }

    [Fact]
    public void Compression_is_inferred_from_the_file_name_by_the_reader()
    {
        string zst = _plain + ".zst";
        Tool.Run("zstd", null, "-q", "-f", _plain, "-o", zst);
        _temp.Manifest("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: data/sotu.jsonl.zst\n    origin: human\n");
        var result = Provenance.Manifest.Writing.ManifestSealer.Seal(_temp.ManifestPath);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var manifest = Provenance.Manifest.Reading.ManifestReader.ReadFile(_temp.ManifestPath).Manifest!;
        Assert.Equal(ShardCompression.Zstd, manifest.Shards[0].Compression);
        Assert.Equal(_expected.Tokens, manifest.Shards[0].Tokens);
        Assert.Equal(Tool.Sha256Sum(zst), manifest.Shards[0].Digest);
    }

    [Fact]
    public void A_gzip_written_by_the_bcl_with_one_member_passes_the_trailer_check_without_a_second_decoding()
    {
        // The fast path: the trailer of a complete single-member file matches; a truncated copy does not and is refused.
        string gz = _plain + ".gz";
        using (var output = File.Create(gz))
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(File.ReadAllBytes(_plain));
        }

        AssertSameContent(gz, ShardCompression.Gzip);
        byte[] all = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, all.AsSpan(0, all.Length - 5).ToArray());
        var ex = Assert.Throws<ShardContentException>(() => ShardCounter.CountFile(gz, ShardFormat.Jsonl, ShardCompression.Gzip));
        Assert.Equal("PROV1024", ex.Descriptor.Id);
    }

    private void AssertSameContent(string path, ShardCompression compression)
    {
        var amounts = ShardCounter.CountFile(path, ShardFormat.Jsonl, compression);
        Assert.Equal(_expected.Records, amounts.Records);
        Assert.Equal(_expected.Tokens, amounts.Tokens);
        Assert.Equal(new FileInfo(path).Length, amounts.Bytes);
        Assert.Equal(Tool.Sha256Sum(path), amounts.Digest);
        Assert.NotEqual(_expected.Digest, amounts.Digest);
    }

    public void Dispose() => _temp.Dispose();
}
