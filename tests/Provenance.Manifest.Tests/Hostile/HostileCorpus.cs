using System.Text;

namespace Provenance.Manifest.Tests.Hostile;

/// <summary>
/// The hostile-input corpus: every case with the exact diagnostic and position it must produce.
/// Base manifest lines (sealed): 1 provenance, 2 dataset, 3 shards:, 4 "  - id: h1", 5 path, 6 origin, 7 records,
/// 8 tokens, 9 bytes, 10 digest, 11 "  - id: h2" ... 17 digest, 18 "  - id: s1" ... 25 digest; line 26 is the first added line.
/// </summary>
public static class HostileCorpus
{
    private const string Head = "provenance: 1\ndataset: d\n";

    private static string Shard(string id, string path, string origin = "human") => $"  - id: {id}\n    path: {path}\n    origin: {origin}\n";

    public static IEnumerable<HostileCase> All()
    {
        // Malformed YAML of several kinds.
        yield return new("unclosed flow sequence", "PROV1001", 5, 1, HostileCase.Text(Head + "shards: [\n  { id: a\n"));
        yield return new("unclosed quote", "PROV1001", 3, 9, HostileCase.Text(Head + "shards: \"abc\n\n"));
        yield return new("bad indentation", "PROV1001", 5, 3, HostileCase.Text(Head + "shards:\n  - id: a\n  path: x\n   origin: human\n"));
        yield return new("tab indentation", "PROV1001", 4, 1, HostileCase.Text(Head + "shards:\n\t- id: a\n"));
        yield return new("two documents", "PROV1001", 4, 1, HostileCase.Text(Head + "shards: []\n---\nshards: []\n"));
        yield return new("empty file", "PROV1001", 1, 1, HostileCase.Text(""));
        yield return new("only a comment", "PROV1001", 1, 1, HostileCase.Text("# nothing here\n"));
        yield return new("stray mapping end", "PROV1001", 3, 12, HostileCase.Text(Head + "shards: [] }\n"));

        // Anchors and aliases.
        yield return new("alias", "PROV1019", 4, 10, HostileCase.Text(Head + "shards: &s []\nremoved: *s\n"));
        yield return new("alias bomb", "PROV1019", 2, 8, HostileCase.Text(AliasBomb()));
        yield return new("alias as key", "PROV1019", 3, 1, HostileCase.Text("a: &k x\n" + "dataset: d\n*k : 1\n"));

        // Size and depth.
        yield return new("nesting 10,000 deep", "PROV1001", 3, 72, HostileCase.Text(Head + "shards: " + new string('[', 10_000) + new string(']', 10_000) + "\n"));
        yield return new("100 MB scalar", "PROV1020", 1, 1, t => WriteLarge(t.ManifestPath, Head + "description: ", 100L * 1024 * 1024));
        // Under the 64 MiB size limit, refused by the scalar limit while YamlDotNet reads it (never built as a string).
        yield return new("60 MB plain scalar", "PROV1001", 3, 12, t => WriteLarge(t.ManifestPath, Head + "description: ", 60L * 1000 * 1000));
        yield return new("60 MB block scalar", "PROV1001", 3, 12, t => WriteLargeBlock(t.ManifestPath, Head + "description: |\n", 60L * 1000 * 1000));
        yield return new("1 GB manifest (sparse)", "PROV1020", 1, 1, t => { using var f = File.Create(t.ManifestPath); f.SetLength(1L << 30); });

        // Keys and types.
        yield return new("duplicate top-level key", "PROV1006", 3, 1, HostileCase.Text(Head + "dataset: e\nshards: []\n"));
        yield return new("duplicate shard key", "PROV1006", 27, 5, HostileCase.Shards("  - id: x\n    id: y\n    path: data/human/h1.jsonl\n    origin: human\n"));
        yield return new("unknown top-level key", "PROV1002", 3, 1, HostileCase.Text(Head + "shardz: []\nshards: []\n"));
        yield return new("unknown shard key", "PROV1002", 29, 5, HostileCase.Shards(Shard("x", "data/human/h1.jsonl") + "    orign: human\n"));
        yield return new("shards is a string", "PROV1003", 3, 9, HostileCase.Text(Head + "shards: everything\n"));
        yield return new("root is a sequence", "PROV1003", 1, 1, HostileCase.Text("- provenance: 1\n"));
        yield return new("root is a scalar", "PROV1003", 1, 1, HostileCase.Text("just text\n"));
        yield return new("records is a mapping", "PROV1003", 29, 14, HostileCase.Shards(Shard("x", "data/human/h1.jsonl") + "    records: { a: 1 }\n"));
        yield return new("shard is a scalar", "PROV1003", 26, 5, HostileCase.Shards("  - just-a-string\n"));
        yield return new("version is a string", "PROV1003", 1, 13, HostileCase.Text("provenance: one\ndataset: d\nshards: []\n"));
        yield return new("future version", "PROV1018", 1, 13, HostileCase.Text("provenance: 99\ndataset: d\nshards: []\n"));
        yield return new("duplicate shard id", "PROV1007", 26, 9, HostileCase.Shards(Shard("h1", "data/human/h2.jsonl")));

        // Numbers out of range.
        yield return new("negative records", "PROV1005", 29, 14, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    records: -1\n"));
        yield return new("NaN weight", "PROV1005", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    weight: .nan\n"));
        yield return new("weight 1e308", "PROV1005", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    weight: 1e308\n"));
        yield return new("floor above 1", "PROV1005", 4, 15, HostileCase.Text(Head + "policy:\n  humanFloor: 1.01\nshards: []\n"));
        yield return new("floor negative", "PROV1005", 4, 15, HostileCase.Text(Head + "policy:\n  humanFloor: -0.5\nshards: []\n"));
        yield return new("records beyond long", "PROV1005", 29, 14, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    records: 99999999999999999999999\n"));
        yield return new("humanFraction 2", "PROV1005", 29, 20, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "mixed") + "    humanFraction: 2\n"));

        // Digests.
        yield return new("md5 digest", "PROV1008", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    digest: md5:d41d8cd98f00b204e9800998ecf8427e\n"));
        yield return new("short sha256", "PROV1008", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    digest: sha256:abc\n"));
        yield return new("uppercase sha256", "PROV1008", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    digest: sha256:" + new string('A', 64) + "\n"));
        yield return new("sha512 digest", "PROV1008", 29, 13, HostileCase.Shards(Shard("x", "data/human/h1.jsonl", "synthetic") + "    digest: sha512:" + new string('a', 128) + "\n"));

        // Paths.
        yield return new("path traversal", "PROV1009", 27, 11, HostileCase.Shards(Shard("x", "../../etc/passwd", "synthetic")));
        yield return new("absolute path", "PROV1009", 27, 11, HostileCase.Shards(Shard("x", "/etc/passwd", "synthetic")));
        yield return new("windows drive path", "PROV1009", 27, 11, HostileCase.Shards(Shard("x", "'C:\\data\\x.jsonl'", "synthetic")));
        yield return new("UNC path", "PROV1009", 27, 11, HostileCase.Shards(Shard("x", "'\\\\server\\share\\x.jsonl'", "synthetic")));
        yield return new("symlink escaping the folder", "PROV1009", 27, 11, t =>
        {
            if (!OperatingSystem.IsWindows())
            {
                File.CreateSymbolicLink(Path.Combine(t.Root, "data", "passwd.jsonl"), "/etc/passwd");
            }

            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/passwd.jsonl", "synthetic"));
        });
        yield return new("symlinked folder escaping", "PROV1009", 27, 11, t =>
        {
            if (!OperatingSystem.IsWindows())
            {
                Directory.CreateSymbolicLink(Path.Combine(t.Root, "data", "etc"), "/etc");
            }

            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/etc/hostname", "synthetic"));
        });
        yield return new("hard link to a file outside the folder", "PROV1009", 27, 11, t =>
        {
            string outside = t.Outside("secret.jsonl");
            File.WriteAllText(outside, "{\"text\": \"secret\"}\n");
            Run("ln", outside, Path.Combine(t.Root, "data", "linked.jsonl"));
            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/linked.jsonl", "synthetic"));
        });
        yield return new("character device shard", "PROV1010", 27, 11, t =>
        {
            Run("mknod", Path.Combine(t.Root, "data", "zero.jsonl"), "c", "1", "5");
            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/zero.jsonl", "synthetic") + "    digest: sha256:" + new string('0', 64) + "\n");
        });
        yield return new("shard path is a directory", "PROV1010", 27, 11, HostileCase.Shards(Shard("x", "data/human", "synthetic")));
        yield return new("missing file", "PROV1010", 27, 11, HostileCase.Shards(Shard("x", "data/nope.jsonl", "synthetic")));
        yield return new("FIFO shard", "PROV1010", 27, 11, t =>
        {
            if (!OperatingSystem.IsWindows())
            {
                using var p = System.Diagnostics.Process.Start("mkfifo", Path.Combine(t.Root, "data", "pipe.jsonl"));
                p.WaitForExit();
            }

            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/pipe.jsonl", "synthetic") + "    digest: sha256:" + new string('0', 64) + "\n");
        });

        // Lineage.
        yield return new("trainedOn cycle across manifests", "PROV1015", 29, 39, t =>
        {
            t.Write("a.provenance.yaml", Head + "shards:\n" + Shard("s", "data/synthetic/s1.jsonl", "synthetic") + "    generator: { model: m, trainedOn: b.provenance.yaml }\n");
            t.Write("b.provenance.yaml", Head + "shards:\n" + Shard("s", "data/synthetic/s1.jsonl", "synthetic") + "    generator: { model: m, trainedOn: a.provenance.yaml }\n");
            t.Manifest(HostileCase.BaseManifest(t) + Shard("x", "data/synthetic/s1.jsonl", "synthetic") + "    generator: { model: m, trainedOn: a.provenance.yaml }\n");
        });
        yield return new("parent chain of 1,000 manifests ending in a cycle", "PROV1015", 3, 9, t =>
        {
            for (int i = 0; i < 1000; i++)
            {
                t.Write($"chain/p{i}.provenance.yaml", Head + $"parent: p{(i + 1) % 1000}.provenance.yaml\nshards: []\n");
            }

            t.Manifest(HostileCase.BaseManifest(t).Replace("dataset: sotu\n", "dataset: sotu\nparent: chain/p0.provenance.yaml\n"));
        });

        // Encodings.
        yield return new("UTF-16 with BOM", "PROV1001", 1, 1, HostileCase.Bytes(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Head + "shards: []\n")).ToArray()));
        yield return new("invalid UTF-8", "PROV1001", 2, 12, HostileCase.Bytes(Encoding.UTF8.GetBytes("provenance: 1\ndataset: ab").Concat(new byte[] { 0xFF, 0xFE, (byte)'\n' }).ToArray()));
        yield return new("NUL byte", "PROV1001", 2, 11, HostileCase.Bytes(Encoding.UTF8.GetBytes("provenance: 1\ndataset: a\0b\nshards: []\n")));
        yield return new("CRLF with unknown key", "PROV1002", 3, 1, HostileCase.Text("provenance: 1\r\ndataset: d\r\nbogus: 1\r\nshards: []\r\n"));

        // Lock files.
        yield return new("malformed lock", "PROV1021", 3, 3, t =>
        {
            t.Manifest(HostileCase.BaseManifest(t));
            File.WriteAllText(Path.Combine(t.Root, "provenance.lock.json"), "{\n  \"version\": 1,\n  ]\n");
        });
        yield return new("lock from the future", "PROV1021", 1, 1, t =>
        {
            t.Manifest(HostileCase.BaseManifest(t));
            File.WriteAllText(Path.Combine(t.Root, "provenance.lock.json"), "{\"version\": 2, \"protected\": []}");
        });
        yield return new("lock with a bad digest", "PROV1021", 1, 1, t =>
        {
            t.Manifest(HostileCase.BaseManifest(t));
            File.WriteAllText(Path.Combine(t.Root, "provenance.lock.json"), "{\"version\": 1, \"protected\": [{\"id\": \"h1\", \"digest\": \"md5:00\"}]}");
        });

        // Policy slipping: dropping a locked human shard.
        yield return new("locked human shard dropped", "PROV2003", 3, 1, t =>
        {
            string text = HostileCase.BaseManifest(t);
            int start = text.IndexOf("  - id: h2", StringComparison.Ordinal);
            int end = text.IndexOf("  - id: s1", StringComparison.Ordinal);
            t.Manifest(text.Remove(start, end - start));
        });
        yield return new("human shard relabelled synthetic", "PROV2003", 13, 13, t =>
            t.Manifest(HostileCase.BaseManifest(t).Replace("id: h2\n    path: data/human/h2.jsonl\n    origin: human", "id: h2\n    path: data/human/h2.jsonl\n    origin: synthetic")));
        yield return new("removal without approver", "PROV1004", 27, 5, t =>
            t.Manifest(HostileCase.BaseManifest(t) + "removed:\n  - digest: sha256:" + new string('1', 64) + "\n    reason: because\n"));
    }

    private static void Run(string program, params string[] args)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }

    private static string AliasBomb()
    {
        var sb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'j'; c++)
        {
            char p = (char)(c - 1);
            sb.Append($"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n");
        }

        return sb.ToString();
    }

    private static void WriteLargeBlock(string path, string prefix, long scalarBytes)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        f.Write(Encoding.UTF8.GetBytes(prefix));
        byte[] line = Encoding.UTF8.GetBytes("  " + new string('x', 78) + "\n");
        for (long written = 0; written < scalarBytes; written += line.Length)
        {
            f.Write(line);
        }

        f.Write("shards: []\n"u8);
    }

    private static void WriteLarge(string path, string prefix, long scalarBytes)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        byte[] head = Encoding.UTF8.GetBytes(prefix);
        f.Write(head);
        byte[] chunk = Enumerable.Repeat((byte)'x', 1 << 20).ToArray();
        for (long written = 0; written < scalarBytes; written += chunk.Length)
        {
            f.Write(chunk);
        }

        f.Write("\nshards: []\n"u8);
    }
}
