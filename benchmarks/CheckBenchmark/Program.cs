using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Manifest;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

// Usage: dotnet run -c Release --project benchmarks/CheckBenchmark -- [--shards N] [--file-mb M] [--files K] [--skip-check] [--skip-seal] [--keep DIR] [--tool PATH]
// --tool measures another build of the CLI (an installed `provenance` executable, as SetCheckBenchmark installs it, or a .dll).
// (1) `provenance check` on a generated manifest of N shards (default 100,000), as a real process: --verify changed with
//     a warm digest cache, and --verify none; wall time, median of 3 runs; plus an in-process breakdown by stage.
// (2) Sealing throughput: K files (default 4) of M MiB (default 512) of pseudo-random bytes: ShardHasher.HashFile in
//     parallel, the full `provenance seal`, and sha256sum on the same files in the same run. Files are deleted afterwards.
var settings = Settings.Parse(args);
string tool = args.SkipWhile(a => a != "--tool").Skip(1).FirstOrDefault() is { } chosen ? Path.GetFullPath(chosen) : Path.Combine(AppContext.BaseDirectory, "provenance.dll");
string root = settings.Keep ?? Path.Combine(Path.GetTempPath(), "provenance-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(root);
Console.WriteLine($"provenance CheckBenchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"tool: {tool}");
Console.WriteLine($"load average at start: {Tool.LoadAverage()} (other work on this machine inflates wall times; CPU times are robust to it)");
try
{
    if (!settings.SkipCheck)
    {
        CheckBench.Run(tool, Path.Combine(root, "check"), settings.Shards);
    }

    if (!settings.SkipSeal)
    {
        SealBench.Run(tool, Path.Combine(root, "seal"), settings.Files, settings.FileMiB);
    }
}
finally
{
    if (settings.Keep is null)
    {
        Directory.Delete(root, recursive: true);
    }
}

internal sealed record Settings(int Shards, int Files, int FileMiB, bool SkipCheck, bool SkipSeal, string? Keep)
{
    public static Settings Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        int keep = Array.IndexOf(args, "--keep");
        return new Settings(Int("--shards", 100_000), Int("--files", 4), Int("--file-mb", 512), args.Contains("--skip-check"), args.Contains("--skip-seal"),
            keep >= 0 && keep + 1 < args.Length ? Path.GetFullPath(args[keep + 1]) : null);
    }
}

internal static class Tool
{
    /// <summary>Runs the built CLI as a real process (stdout and stderr redirected) and returns (exit code, wall seconds, output).</summary>
    public static (int ExitCode, double Seconds, string Output) Run(string tool, string workingDirectory, params string[] args)
    {
        var r = RunMeasured(tool, workingDirectory, args);
        return (r.ExitCode, r.Seconds, r.Output);
    }

    /// <summary>Also returns the CPU seconds (user + system) of the process, from getrusage(RUSAGE_CHILDREN): robust to a busy machine.</summary>
    public static (int ExitCode, double Seconds, double CpuSeconds, string Output) RunMeasured(string tool, string workingDirectory, params string[] args)
    {
        double cpuBefore = ChildrenCpuSeconds();
        bool dll = tool.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(dll ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet" : tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll)
        {
            start.ArgumentList.Add(tool);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CI");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        return (process.ExitCode, watch.Elapsed.TotalSeconds, ChildrenCpuSeconds() - cpuBefore, output + error.Result);
    }

    /// <summary>/proc/loadavg, to read the figures against.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return 0;
        }

        getrusage(-1, out var usage);
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int getrusage(int who, out RUsage usage);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    public static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(2));
}

internal static class CheckBench
{
    public static void Run(string tool, string folder, int shards)
    {
        Console.WriteLine();
        Console.WriteLine($"== (1) provenance check on {shards:N0} shards ==");
        var watch = Stopwatch.StartNew();
        string manifest = Generate(folder, shards);
        Console.WriteLine($"generated {shards:N0} shard files and the manifest ({new FileInfo(manifest).Length / 1e6:F1} MB of YAML) in {watch.Elapsed.TotalSeconds:F1} s");
        string cache = Path.Combine(folder, "digests.json");

        var lockRun = Tool.Run(tool, folder, "lock", "--verify", "changed", "--digest-cache", cache);
        Console.WriteLine($"provenance lock (cold: hashes every file, fills the digest cache, writes the lock): {lockRun.Seconds:F2} s, exit {lockRun.ExitCode}: {Tool.Tail(lockRun.Output)}");
        Tool.Run(tool, folder, "check", "--verify", "changed", "--digest-cache", cache, "--locked", "false"); // warm the OS cache

        var rows = new List<(string Mode, double Median, double[] Runs, double Cpu, int Exit)>();
        foreach (var (mode, extra) in new[] { ("changed, warm cache", new[] { "--verify", "changed", "--digest-cache", cache }), ("none", new[] { "--verify", "none" }), ("all", new[] { "--verify", "all" }) })
        {
            var runs = new List<double>();
            var cpu = new List<double>();
            int exit = 0;
            for (int i = 0; i < 3; i++)
            {
                var r = Tool.RunMeasured(tool, folder, new[] { "check", "--locked" }.Concat(extra).ToArray());
                runs.Add(r.Seconds);
                cpu.Add(r.CpuSeconds);
                exit = r.ExitCode;
                if (exit != 0)
                {
                    Console.WriteLine("  unexpected: " + Tool.Tail(r.Output));
                }
            }

            rows.Add((mode, Tool.Median(runs), runs.ToArray(), Tool.Median(cpu), exit));
        }

        Console.WriteLine();
        Console.WriteLine($"load average during the runs: {Tool.LoadAverage()}");
        Console.WriteLine("| check --verify       | median wall (s) | runs (s)              | median CPU user+sys (s) | exit | target (wall <= 2 s) |");
        Console.WriteLine("|----------------------|----------------:|-----------------------|------------------------:|-----:|----------------------|");
        foreach (var row in rows)
        {
            string target = row.Mode == "all" ? "(info)" : row.Median <= 2.0 ? "met" : "MISSED";
            Console.WriteLine($"| {row.Mode,-20} | {row.Median,15:F2} | {string.Join(", ", row.Runs.Select(r => r.ToString("F2", CultureInfo.InvariantCulture))),-21} | {row.Cpu,23:F2} | {row.Exit,4} | {target,-20} |");
        }

        Console.WriteLine();
        Console.WriteLine("In-process breakdown (one warm run each, Stopwatch sections):");
        Stage("process start + `--help` (runtime floor)", () => Tool.Run(tool, folder, "--help"));
        Stage("ManifestReader.ReadFile (YAML parse + model)", () => ManifestReader.ReadFile(manifest));
        var model = ManifestReader.ReadFile(manifest).Manifest!;
        Stage("ShardFileChecker, verify none (path checks + file stats)", () => ShardFileChecker.Check(model, VerifyMode.None, null));
        Stage("DigestCache.Load (JSON)", () => DigestCache.Load(cache));
        var digestCache = DigestCache.Load(cache);
        Stage("ShardFileChecker, verify changed (stats + cache lookups)", () => ShardFileChecker.Check(model, VerifyMode.Changed, digestCache));
        Stage("LockFile.Load (JSON)", () => LockFile.Load(LockFile.PathFor(manifest), new List<Provenance.Manifest.Diagnostics.ManifestDiagnostic>()));
        Stage("ManifestChecker.Check, verify none, locked (all stages)", () => ManifestChecker.Check(manifest, new CheckOptions { Verify = VerifyMode.None, LockedMode = true }));
        Stage("ManifestChecker.Check, verify changed, locked (all stages)", () => ManifestChecker.Check(manifest, new CheckOptions { Verify = VerifyMode.Changed, DigestCachePath = cache, LockedMode = true }));
    }

    private static void Stage(string name, Action action)
    {
        action(); // warm-up (JIT)
        var watch = Stopwatch.StartNew();
        action();
        Console.WriteLine($"  {name,-62} {watch.Elapsed.TotalMilliseconds,8:F0} ms");
    }

    /// <summary>Writes <paramref name="count"/> small jsonl shards cut from the State of the Union corpus (or generated text) and a sealed manifest.</summary>
    private static string Generate(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        string[] lines = FindCorpus() is { } corpus
            ? File.ReadAllLines(corpus).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray()
            : Enumerable.Range(0, 100).Select(i => string.Concat(Enumerable.Repeat($"Fellow citizens of generation {i}. ", 40))).ToArray();
        var entries = new string[count];
        Parallel.For(0, count, i =>
        {
            string text = lines[i % lines.Length];
            int length = 120 + i % 200;
            int offset = (i * 7919) % Math.Max(1, text.Length - length);
            string cut = text.Substring(offset, Math.Min(length, text.Length - offset));
            byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { n = i, text = cut }) + "\n");
            bool human = i % 2 == 0;
            string relative = $"data/{(human ? "human" : "synthetic")}/{i / 1000:D3}/shard-{i:D6}.jsonl";
            string full = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
            var amounts = ShardCounter.Count(new MemoryStream(bytes), ShardFormat.Jsonl);
            entries[i] = $"  - id: shard-{i:D6}\n    path: {relative}\n    origin: {(human ? "human" : "synthetic")}\n" +
                (human ? string.Empty : "    generator: { model: bench-model@1 }\n") +
                $"    records: {amounts.Records}\n    tokens: {amounts.Tokens}\n    bytes: {amounts.Bytes}\n    digest: {amounts.Digest}\n";
        });
        string manifest = Path.Combine(folder, "provenance.yaml");
        File.WriteAllText(manifest, "provenance: 1\ndataset: bench-100k\nshards:\n" + string.Concat(entries));
        return manifest;
    }

    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "corpora", "sotu.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

internal static class SealBench
{
    public static void Run(string tool, string folder, int files, int mib)
    {
        Console.WriteLine();
        Console.WriteLine($"== (2) sealing throughput: {files} files x {mib} MiB ==");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var paths = Enumerable.Range(0, files).Select(i => Path.Combine(folder, "data", $"blob-{i}.bin")).ToArray();
        Parallel.For(0, files, i =>
        {
            var random = new Random(1234 + i);
            byte[] block = new byte[1 << 20];
            using var stream = new FileStream(paths[i], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            for (int b = 0; b < mib; b++)
            {
                random.NextBytes(block);
                stream.Write(block);
            }
        });
        long totalBytes = paths.Sum(p => new FileInfo(p).Length);
        double gb = totalBytes / 1e9;
        int cores = Environment.ProcessorCount;
        int parallel = Math.Min(cores, files);
        File.WriteAllText(Path.Combine(folder, "provenance.yaml"), "provenance: 1\ndataset: bench-seal\nshards:\n" + string.Concat(
            paths.Select((p, i) => $"  - id: blob-{i}\n    path: data/{Path.GetFileName(p)}\n    origin: human\n    format: other\n")));

        // Warm the page cache once so every contender reads from memory.
        foreach (var p in paths)
        {
            using var s = File.OpenRead(p);
            s.CopyTo(Stream.Null, 1 << 20);
        }

        var rows = new List<(string What, double Seconds, int Cores)>();
        var digests = new string[files];
        var watch = Stopwatch.StartNew();
        Parallel.For(0, files, new ParallelOptions { MaxDegreeOfParallelism = cores }, i => digests[i] = ShardHasher.HashFile(paths[i]));
        rows.Add(("ShardHasher.HashFile, parallel (engine)", watch.Elapsed.TotalSeconds, parallel));

        watch.Restart();
        ShardHasher.HashFile(paths[0]);
        rows.Add(("ShardHasher.HashFile, one file, one thread", watch.Elapsed.TotalSeconds * files, 1));

        var seal = Tool.Run(tool, folder, "seal");
        rows.Add(($"provenance seal (process, exit {seal.ExitCode})", seal.Seconds, parallel));
        string sealedText = File.ReadAllText(Path.Combine(folder, "provenance.yaml"));
        bool sealAgrees = digests.All(d => sealedText.Contains(d, StringComparison.Ordinal));

        var sha = RunSha256sum(paths, parallel);
        rows.Add(($"sha256sum, {parallel} processes in parallel", sha.Seconds, parallel));
        var shaOne = RunSha256sum(paths.Take(1).ToArray(), 1);
        rows.Add(("sha256sum, one file, one process", shaOne.Seconds * files, 1));
        bool shaAgrees = sha.Digests.Count == files && paths.Select((p, i) => sha.Digests.TryGetValue(p, out var d) && "sha256:" + d == digests[i]).All(x => x);

        Console.WriteLine($"{gb:F2} GB in all; digests agree: engine = seal {sealAgrees}, engine = sha256sum {shaAgrees}");
        Console.WriteLine();
        Console.WriteLine("| contender                                   | seconds | GB/s total | cores | GB/s per core | target (>= 1 GB/s/core) |");
        Console.WriteLine("|---------------------------------------------|--------:|-----------:|------:|--------------:|-------------------------|");
        foreach (var (what, seconds, used) in rows)
        {
            double total = gb / seconds;
            string target = what.StartsWith("ShardHasher", StringComparison.Ordinal) ? (total / used >= 1 ? "met" : "MISSED") : string.Empty;
            Console.WriteLine($"| {what,-43} | {seconds,7:F2} | {total,10:F2} | {used,5} | {total / used,13:F2} | {target,-23} |");
        }

        Console.WriteLine("(one-file rows: time of one file x the file count, so GB/s is for one core)");
        foreach (var p in paths)
        {
            File.Delete(p);
        }
    }

    private static (double Seconds, Dictionary<string, string> Digests) RunSha256sum(string[] paths, int processes)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var groups = paths.Select((p, i) => (p, i)).GroupBy(x => x.i % processes).Select(g => g.Select(x => x.p).ToArray()).ToArray();
        Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = processes }, group =>
        {
            try
            {
                var start = new ProcessStartInfo("sha256sum") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var p in group)
                {
                    start.ArgumentList.Add(p);
                }

                using var process = Process.Start(start)!;
                foreach (var line in process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Split("  ", 2);
                    lock (digests)
                    {
                        digests[parts[1]] = parts[0];
                    }
                }

                process.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // sha256sum not installed: the row shows no agreement.
            }
        });
        return (watch.Elapsed.TotalSeconds, digests);
    }
}
