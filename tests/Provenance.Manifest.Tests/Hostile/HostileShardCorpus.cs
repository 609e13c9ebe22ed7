using System.IO.Compression;
using System.Text;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Hostile;

/// <summary>One hostile shard file: the command that meets it (seal or check), the diagnostic and its 1-based position.</summary>
public sealed record HostileShardCase(string Name, string Id, int Line, int Column, string Command, string[] Options, Action<TempManifest> Arrange)
{
    public override string ToString() => Name;
}

/// <summary>
/// Hostile shard content and git-lfs pointers, beside the sealed, locked base folder of <see cref="HostileCase"/> (25
/// lines). The added shard starts at line 26: 26 "  - id: x", 27 "    path: …" (value at column 11), 28 "    origin: …",
/// then the case's keys from line 29. Content cases are met by seal (which counts), pointer cases by check.
/// </summary>
public static class HostileShardCorpus
{
    private static readonly string[] None = Array.Empty<string>();

    private static string Entry(string path, string extra = "") => $"  - id: x\n    path: {path}\n    origin: synthetic\n{extra}";

    private static Action<TempManifest> Shard(string path, Action<string> write, string extra = "") => t =>
    {
        string full = Path.Combine(t.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        write(full);
        t.Manifest(HostileCase.BaseManifest(t) + Entry(path, extra));
    };

    private static byte[] RealText(int lines) => Encoding.UTF8.GetBytes(string.Join("\n", Corpus.Lines().Take(lines)) + "\n");

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(19);
        return compressor.Wrap(data).ToArray();
    }

    private static string Pointer(string oid, long size, string extra = "") =>
        $"version https://git-lfs.github.com/spec/v1\n{extra}oid {oid}\nsize {size}\n";

    private const string Digest = "sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

    private static string Sealed(long bytes = 1_048_576, string digest = Digest) => $"    records: 10\n    tokens: 1000\n    bytes: {bytes}\n    digest: {digest}\n";

    private static string DuckParquet(string select, string path) =>
        DuckDb.Query($"COPY ({select}) TO {DuckDb.Literal(path)} (FORMAT parquet)").Count.ToString();

    public static IEnumerable<HostileShardCase> All()
    {
        // Compressed jsonl.
        yield return new("truncated gzip", "PROV1024", 27, 11, "seal", None, Shard("data/t.jsonl.gz", p =>
        {
            byte[] gz = Gzip(RealText(30));
            File.WriteAllBytes(p, gz.AsSpan(0, gz.Length / 2).ToArray());
        }));
        yield return new("gzip name on plain text", "PROV1024", 27, 11, "seal", None, Shard("data/p.jsonl.gz", p => File.WriteAllBytes(p, RealText(3))));
        yield return new("corrupt zstd frame", "PROV1024", 27, 11, "seal", None, Shard("data/c.jsonl.zst", p =>
        {
            byte[] zst = Zstd(RealText(30));
            for (int i = zst.Length / 2; i < zst.Length / 2 + 64; i++)
            {
                zst[i] ^= 0x5A;
            }

            File.WriteAllBytes(p, zst);
        }));
        yield return new("truncated zstd", "PROV1024", 27, 11, "seal", None, Shard("data/t.jsonl.zst", p =>
        {
            byte[] zst = Zstd(RealText(30));
            File.WriteAllBytes(p, zst.AsSpan(0, zst.Length * 2 / 3).ToArray());
        }));
        yield return new("gzip bomb (over 1,000x)", "PROV1025", 27, 11, "seal", None, Shard("data/b.jsonl.gz", p => File.WriteAllBytes(p, Gzip(new byte[64 << 20]))));
        yield return new("zstd bomb (over 1,000x)", "PROV1025", 27, 11, "seal", None, Shard("data/b.jsonl.zst", p => File.WriteAllBytes(p, Zstd(new byte[64 << 20]))));
        yield return new("invalid UTF-8 in jsonl", "PROV1027", 27, 11, "seal", None, Shard("data/u.jsonl", p =>
            File.WriteAllBytes(p, RealText(2).Concat("{\"text\": \"caf"u8.ToArray()).Concat(new byte[] { 0xE9, (byte)'"', (byte)'}', (byte)'\n' }).ToArray())));
        yield return new("CSV with an unterminated quote", "PROV1024", 27, 11, "seal", None, Shard("data/q.csv", p =>
            File.WriteAllText(p, "id,text\n1,\"Fellow citizens\"\n2,\"of the Senate and\n3,House\n")));
        yield return new("CSV without the text field", "PROV1026", 29, 16, "seal", None, Shard("data/f.csv", p =>
            File.WriteAllText(p, "id,body\n1,Fellow citizens\n"), "    textField: text\n"));
        yield return new("compression on a Parquet shard", "PROV1005", 29, 18, "seal", None, Shard("data/z.parquet", p => File.WriteAllBytes(p, RealText(1)), "    compression: gzip\n"));

        // Parquet (written by DuckDB).
        yield return new("Parquet with a lying footer length", "PROV1024", 27, 11, "seal", None, Shard("data/l.parquet", p =>
        {
            DuckParquet("SELECT 'Fellow citizens of the Senate' AS text", p);
            byte[] bytes = File.ReadAllBytes(p);
            BitConverter.GetBytes(int.MaxValue - 7).CopyTo(bytes, bytes.Length - 8);
            File.WriteAllBytes(p, bytes);
        }));
        yield return new("Parquet without the text column", "PROV1026", 27, 11, "seal", None, Shard("data/n.parquet", p => DuckParquet("SELECT 1 AS id, 'Fellow citizens' AS body", p)));
        yield return new("Parquet text column that is a number", "PROV1026", 29, 16, "seal", None, Shard("data/i.parquet", p => DuckParquet("SELECT 1 AS id, 'x' AS text", p), "    textField: id\n"));
        yield return new("invalid UTF-8 in a Parquet text column", "PROV1027", 27, 11, "seal", None, Shard("data/u.parquet", p => DuckParquet("SELECT 'Fellow \\xC3\\x28 citizens'::BLOB AS text", p)));
        yield return new("not Parquet at all", "PROV1024", 27, 11, "seal", None, Shard("data/j.parquet", p => File.WriteAllBytes(p, RealText(2))));

        // git-lfs pointers in place of the content.
        yield return new("pointer with a bad oid", "PROV1028", 27, 11, "check", None, Shard("data/h.jsonl", p =>
            File.WriteAllText(p, Pointer("sha256:4D7A", 1_048_576)), Sealed()));
        yield return new("pointer with ext- keys", "PROV1028", 27, 11, "check", None, Shard("data/e.jsonl", p =>
            File.WriteAllText(p, Pointer(Digest, 1_048_576, "ext-0-foo sha256:" + new string('b', 64) + "\n")), Sealed()));
        yield return new("pointer whose size disagrees", "PROV1011", 31, 12, "check", None, Shard("data/s.jsonl", p =>
            File.WriteAllText(p, Pointer(Digest, 999)), Sealed()));
        yield return new("pointer to other bytes", "PROV1011", 32, 13, "check", None, Shard("data/o.jsonl", p =>
            File.WriteAllText(p, Pointer("sha256:" + new string('c', 64), 1_048_576)), Sealed()));
        yield return new("pointer where content is required", "PROV1030", 27, 11, "check", new[] { "--lfs", "content" }, Shard("data/c.jsonl", p =>
            File.WriteAllText(p, Pointer(Digest, 1_048_576)), Sealed()));
    }
}
