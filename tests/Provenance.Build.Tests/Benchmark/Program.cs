// Run: dotnet run -c Release --project tests/Provenance.Build.Tests/Benchmark [runs] [datasetBytes]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Provenance.Build.Tests.EndToEnd;
using Provenance.Build.Tests.Infrastructure;
using Provenance.Manifest;
using Provenance.Manifest.Digests;

// Two figures for issue 3:
//  1. the no-op rebuild of a project with Provenance.Build against the same project without it: median wall time of
//     `dotnet build --no-restore` over several alternating runs, and their ratio (target: at most 1.05);
//  2. the check of a 1 GB multi-shard dataset in changed mode after one shard changed: which files were re-hashed.
int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
long totalBytes = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1L << 30;

using var feed = new PackageFeedFixture();
Console.WriteLine($"Provenance.Build {feed.Version} packed to {feed.Feed}");

string root = TestData.NewTempDirectory("bench");
var with = new ConsumerProject(feed, "WithGate", directory: Path.Combine(root, "WithGate"));
ConsumerProject.WriteRootFiles(feed, root);
TestData.WriteMix(with.Directory, humanRecords: 40, syntheticRecords: 40);
TestData.Lock(with.ManifestPath);
var without = new ConsumerProject(feed, "NoGate", directory: Path.Combine(root, "NoGate"));
File.WriteAllText(without.ProjectPath, File.ReadAllText(without.ProjectPath).Replace($"<PackageReference Include=\"Provenance.Build\" Version=\"{feed.Version}\" />", string.Empty, StringComparison.Ordinal));
Directory.CreateDirectory(Path.Combine(without.Directory, "data"));
foreach (string file in Directory.GetFiles(Path.Combine(with.Directory, "data"), "*", SearchOption.AllDirectories))
{
    string target = Path.Combine(without.Directory, Path.GetRelativePath(with.Directory, file));
    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    File.Copy(file, target);
}

File.Copy(with.ManifestPath, without.ManifestPath);
foreach (var p in new[] { with, without })
{
    var first = p.Build();
    if (first.ExitCode != 0)
    {
        throw new InvalidOperationException(first.Output);
    }
}

var withTimes = new List<double>();
var withoutTimes = new List<double>();
for (int i = 0; i < runs; i++)
{
    // Alternate the order so drift (thermal, page cache) hits both sides alike.
    foreach (var (p, times) in i % 2 == 0 ? new[] { (with, withTimes), (without, withoutTimes) } : new[] { (without, withoutTimes), (with, withTimes) })
    {
        var r = p.Build(null, null, "--no-restore");
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException(r.Output);
        }

        times.Add(r.Elapsed.TotalMilliseconds);
    }
}

double Median(List<double> xs) { var s = xs.OrderBy(x => x).ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
double mWith = Median(withTimes), mWithout = Median(withoutTimes);
Console.WriteLine($"no-op rebuild, {runs} runs each: with Provenance.Build median {mWith:F0} ms [{string.Join(", ", withTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"no-op rebuild, {runs} runs each: without            median {mWithout:F0} ms [{string.Join(", ", withoutTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"ratio with/without: {mWith / mWithout:F3} (target <= 1.050)");

// ------------------------------------------------------------------ 1 GB, changed mode
string data = TestData.NewTempDirectory("bench-1gb");
int shards = 16;
long perShard = totalBytes / shards;
byte[] block = Encoding.UTF8.GetBytes(string.Join("\n", TestData.SotuLines) + "\n");
var yaml = new StringBuilder("provenance: 1\ndataset: bench-1gb\npolicy:\n  measure: bytes\nshards:\n");
for (int s = 0; s < shards; s++)
{
    string name = $"part-{s:D4}.jsonl";
    using (var stream = File.Create(Path.Combine(data, name)))
    {
        for (long written = 0; written < perShard; written += block.Length)
        {
            stream.Write(block);
        }
    }

    yaml.Append($"  - id: part-{s:D4}\n    path: {name}\n    origin: {(s % 2 == 0 ? "human" : "synthetic")}\n    format: jsonl\n");
    if (s % 2 == 1)
    {
        yaml.Append("    generation: 1\n    generator:\n      model: bench-model\n");
    }
}

string manifest = Path.Combine(data, "provenance.yaml");
File.WriteAllText(manifest, yaml.ToString());
var seal = Stopwatch.StartNew();
TestData.Seal(manifest);
seal.Stop();
long bytes = Directory.GetFiles(data, "*.jsonl").Sum(f => new FileInfo(f).Length);
string cache = Path.Combine(data, "obj", "digests.json");
var cold = Check(manifest, cache);
File.AppendAllText(Path.Combine(data, "part-0003.jsonl"), string.Empty);
File.SetLastWriteTimeUtc(Path.Combine(data, "part-0003.jsonl"), DateTime.UtcNow.AddSeconds(5));
var warm = Check(manifest, cache);
Console.WriteLine($"dataset: {shards} shards, {bytes / (1024.0 * 1024 * 1024):F2} GiB; seal {seal.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"changed mode, cold cache: re-hashed {cold.Hashed.Count} files in {cold.Elapsed.TotalSeconds:F2} s ({bytes / cold.Elapsed.TotalSeconds / (1 << 20):F0} MiB/s on {Environment.ProcessorCount} cores)");
Console.WriteLine($"changed mode, after touching part-0003.jsonl: re-hashed {warm.Hashed.Count} file(s) [{string.Join(", ", warm.Hashed.Select(Path.GetFileName))}] in {warm.Elapsed.TotalSeconds:F2} s");
Directory.Delete(data, true);
Directory.Delete(root, true);
return warm.Hashed.Count == 1 && mWith / mWithout <= 1.05 ? 0 : 1;

static (List<string> Hashed, TimeSpan Elapsed) Check(string manifest, string cache)
{
    var hashed = new ConcurrentBag<string>();
    var watch = Stopwatch.StartNew();
    var result = ManifestChecker.Check(manifest, new CheckOptions { Verify = VerifyMode.Changed, DigestCachePath = cache, HashedFiles = hashed });
    watch.Stop();
    if (result.Diagnostics.Any(d => d.Id.StartsWith("PROV1", StringComparison.Ordinal) && d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error))
    {
        throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
    }

    return (hashed.ToList(), watch.Elapsed);
}
