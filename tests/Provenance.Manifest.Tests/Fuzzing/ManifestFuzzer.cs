using System.Diagnostics;
using System.Text;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using YamlDotNet.RepresentationModel;

namespace Provenance.Manifest.Tests.Fuzzing;

/// <summary>
/// A seeded mutation fuzzer for the whole check (reader, lineage, policy, lock). It mutates a valid, locked manifest
/// (and sometimes its lock file) by bytes and by YAML structure, runs <see cref="ManifestChecker.Check"/>, and records
/// a failure for any unhandled exception, any run over 1 s or 200 MB allocated, or any input that passes while a
/// protected human shard is missing (judged by an independent oracle built on YamlDotNet's representation model).
/// </summary>
public sealed class ManifestFuzzer
{
    private static readonly string[] Interesting =
    {
        "-1", ".nan", ".inf", "1e308", "99999999999999999999", "0", "~", "''", "[]", "{}", "*a", "&a x", "!!binary AAAA", "? x",
        "human", "synthetic", "mixed", "unknown", "../../etc/passwd", "/etc/passwd", "C:\\x", "\\\\srv\\s", "provenance.yaml",
        "sha256:" + new string('a', 64), "sha256:xyz", "md5:00", "\"\\u0000\"", "|\n  text", ">-\n  folded", "\t", "\u00ff", "\ufeff",
    };

    private static readonly string[] Lines =
    {
        "    origin: synthetic", "    origin: human", "    weight: 0", "    weight: 1000000", "    humanFraction: 1",
        "parent: provenance.yaml", "    generator: { model: m, trainedOn: provenance.yaml }", "    generation: 0",
        "removed:\n  - digest: sha256:" + new string('0', 64) + "\n    reason: r\n    approvedBy: a",
        "policy: { humanFloor: 0, humanFloorWarn: 0, accumulate: off }", "  - id: extra\n    uri: s3://b/x\n    origin: human\n    tokens: 999999999",
        "    derivedFrom: [h1, nope]", "    path: data/human/h1.jsonl", "    digest: sha256:" + new string('f', 64),
    };

    private readonly string _folder;
    private readonly byte[] _manifest;
    private readonly byte[] _lock;
    private readonly string _manifestPath;
    private readonly string _lockPath;

    public ManifestFuzzer(string folder)
    {
        _folder = folder;
        _manifestPath = Path.Combine(folder, "provenance.yaml");
        _lockPath = LockFile.PathFor(_manifestPath);
        _manifest = File.ReadAllBytes(_manifestPath);
        _lock = File.ReadAllBytes(_lockPath);
    }

    public FuzzReport Run(int seed, int count)
    {
        var random = new Random(seed);
        var report = new FuzzReport();
        var options = new CheckOptions { Verify = VerifyMode.Changed, DigestCachePath = Path.Combine(_folder, "obj", "digests.json") };
        for (int i = 0; i < count; i++)
        {
            byte[] manifest = Mutate(_manifest, random);
            bool mutateLock = random.Next(10) == 0;
            byte[] lockBytes = mutateLock ? MutateBytes(_lock, random, 1 + random.Next(3)) : _lock;
            File.WriteAllBytes(_manifestPath, manifest);
            File.WriteAllBytes(_lockPath, lockBytes);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            CheckResult result;
            try
            {
                result = ManifestChecker.Check(_manifestPath, options);
            }
            catch (Exception ex)
            {
                report.Failures.Add($"input {i}: unhandled {ex.GetType().Name}: {ex.Message}\n--- manifest ---\n{Encoding.UTF8.GetString(manifest)}");
                continue;
            }

            watch.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            report.Inputs++;
            report.Slowest = watch.Elapsed > report.Slowest ? watch.Elapsed : report.Slowest;
            report.MostAllocated = Math.Max(report.MostAllocated, allocated);
            foreach (var d in result.Diagnostics)
            {
                report.Ids.Add(d.Id);
            }

            if (!result.HasErrors)
            {
                report.Passing++;
            }

            if (allocated > 200L * 1024 * 1024)
            {
                report.Failures.Add($"input {i}: {watch.ElapsedMilliseconds} ms, {allocated >> 20} MB\n{Encoding.UTF8.GetString(manifest)}");
            }

            // A protected digest may be gone while its records are all in the mix: a reshard (PROV2014), recognised by the
            // lock's multiset digest of the records, is not a drop (a mutated lock digest with intact records is one).
            if (!result.HasErrors && MissingProtectedShard(manifest) is { } missing && !result.Diagnostics.Any(d => d.Id == "PROV2014"))
            {
                report.Failures.Add($"input {i}: passed while protected human shard {missing} is missing\n--- manifest ---\n{Encoding.UTF8.GetString(manifest)}\n--- lock ---\n{Encoding.UTF8.GetString(lockBytes)}\n--- diagnostics ---\n{string.Join("\n", result.Diagnostics)}");
            }
        }

        File.WriteAllBytes(_manifestPath, _manifest);
        File.WriteAllBytes(_lockPath, _lock);
        return report;
    }

    /// <summary>The independent oracle: the digest of a protected shard that the manifest neither keeps as human nor removes with approval.</summary>
    private string? MissingProtectedShard(byte[] manifestBytes)
    {
        var lockFile = LockFile.Load(_lockPath, new());
        if (lockFile is null)
        {
            return null; // no lock, or an invalid one (which is reported as an error, so the input did not pass)
        }

        var kept = new HashSet<string>(lockFile.Removed.Select(r => r.Digest));
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(manifestBytes).TrimStart('\ufeff')));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            foreach (var shard in ((YamlSequenceNode)root.Children[new YamlScalarNode("shards")]).Children.OfType<YamlMappingNode>())
            {
                string? origin = Scalar(shard, "origin");
                if (origin is "human" or "mixed" && Scalar(shard, "digest") is { } digest)
                {
                    kept.Add(digest);
                }
            }

            if (root.Children.TryGetValue(new YamlScalarNode("removed"), out var removed) && removed is YamlSequenceNode list)
            {
                foreach (var entry in list.Children.OfType<YamlMappingNode>())
                {
                    if (Scalar(entry, "digest") is { } digest && !string.IsNullOrWhiteSpace(Scalar(entry, "reason")) && !string.IsNullOrWhiteSpace(Scalar(entry, "approvedBy")))
                    {
                        kept.Add(digest);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidCastException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            return "(the manifest passed although an independent YAML reader rejects it: " + ex.Message + ")";
        }

        return lockFile.Protected.Select(p => p.Digest).FirstOrDefault(d => !kept.Contains(d));
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    private static byte[] Mutate(byte[] input, Random random)
    {
        return random.Next(2) == 0
            ? MutateBytes(input, random, 1 + random.Next(3))
            : Encoding.UTF8.GetBytes(MutateStructure(Encoding.UTF8.GetString(input), random, 1 + random.Next(3)));
    }

    private static byte[] MutateBytes(byte[] input, Random random, int times)
    {
        var bytes = new List<byte>(input);
        for (int t = 0; t < times && bytes.Count > 0; t++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Interesting[random.Next(Interesting.Length)]));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(1 + random.Next(20), bytes.Count - at));
                    break;
                case 4:
                    int len = Math.Min(1 + random.Next(40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, len));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static string MutateStructure(string text, Random random, int times)
    {
        var lines = text.Split('\n').ToList();
        for (int t = 0; t < times && lines.Count > 1; t++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(random.Next(lines.Count), lines[at]);
                    break;
                case 2:
                    int other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3:
                    lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart(' ').PadLeft(Math.Max(0, lines[at].Length - 2 - lines[at].TrimStart(' ').Length) + lines[at].TrimStart(' ').Length);
                    break;
                case 4:
                    int colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        lines[at] = lines[at].Substring(0, colon + 2) + Interesting[random.Next(Interesting.Length)];
                    }

                    break;
                default:
                    lines.Insert(at, Lines[random.Next(Lines.Length)]);
                    break;
            }
        }

        return string.Join("\n", lines);
    }
}

public sealed class FuzzReport
{
    public int Inputs { get; set; }

    public int Passing { get; set; }

    public TimeSpan Slowest { get; set; }

    public long MostAllocated { get; set; }

    public SortedSet<string> Ids { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = new();

    public override string ToString() =>
        $"{Inputs} inputs, {Passing} passing, {Failures.Count} failures, {Ids.Count} distinct diagnostics ({string.Join(" ", Ids)}), slowest {Slowest.TotalMilliseconds:0.0} ms, most allocated {MostAllocated / 1024.0 / 1024:0.0} MB";
}
