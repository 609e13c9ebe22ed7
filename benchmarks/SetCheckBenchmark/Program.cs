using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

// Usage: dotnet run -c Release --project benchmarks/SetCheckBenchmark -- [--files N] [--sets S] [--sotu-gb G] [--skip-check] [--skip-partition] [--keep DIR] [--tool PATH] [--runs R]
// The tool measured is the one users get: src/Provenance.Cli packed and installed with `dotnet tool install --tool-path`
// into the benchmark's folder (on linux-x64, the ReadyToRun package); --tool PATH measures another build (an executable or a .dll).
// (1) `provenance check` of N files (default 1,000,000) in S shard sets (default 1,000), sealed and locked as `provenance
//     seal` and `provenance lock` write them: --verify changed with a warm digest cache and --verify none, each as a real
//     process (wall median of R runs, default 7, peak RSS from /usr/bin/time), beside `find DATA -type f -printf '%s %T@\n'` on the same
//     tree (the stat floor), run in the same loop. Each file holds one real State of the Union paragraph.
// (2) `provenance seal` of one set of >= G GB (default 1.1) of State of the Union jsonl (the corpus repeated, 16 files)
//     against two `seal --partition i/2` processes run at once plus `seal --merge`; the results are compared byte for byte.
var settings = Settings.Parse(args);
string root = settings.Keep ?? Path.Combine(Path.GetTempPath(), "provenance-setbench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(root);
Console.WriteLine($"provenance SetCheckBenchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
string tool = settings.Tool ?? Tool.Install(Path.Combine(root, "tool"));
Console.WriteLine($"tool: {tool}");
Console.WriteLine($"load average at start: {Tool.LoadAverage()}");
try
{
    if (!settings.SkipCheck)
    {
        CheckBench.Run(tool, Path.Combine(root, $"check-{settings.Files}"), settings.Files, settings.Sets, settings.Runs);
    }

    if (!settings.SkipPartition)
    {
        PartitionBench.Run(tool, Path.Combine(root, "partition"), settings.SotuGb);
    }
}
finally
{
    if (settings.Keep is null)
    {
        Directory.Delete(root, recursive: true);
    }
}

internal sealed record Settings(int Files, int Sets, double SotuGb, bool SkipCheck, bool SkipPartition, string? Keep, string? Tool, int Runs)
{
    public static Settings Parse(string[] args)
    {
        string? Value(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new Settings(int.Parse(Value("--files") ?? "1000000", CultureInfo.InvariantCulture), int.Parse(Value("--sets") ?? "1000", CultureInfo.InvariantCulture),
            double.Parse(Value("--sotu-gb") ?? "1.1", CultureInfo.InvariantCulture), args.Contains("--skip-check"), args.Contains("--skip-partition"),
            Value("--keep") is { } keep ? Path.GetFullPath(keep) : null, Value("--tool") is { } tool ? Path.GetFullPath(tool) : null,
            int.Parse(Value("--runs") ?? "7", CultureInfo.InvariantCulture));
    }
}

internal static class Tool
{
    /// <summary>Runs a command under /usr/bin/time; returns exit code, wall seconds, peak RSS (MB) and output.</summary>
    public static (int ExitCode, double Seconds, double PeakMb, string Output) Run(string workingDirectory, string program, params string[] args)
    {
        string timing = Path.Combine(Path.GetTempPath(), $"time-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("/usr/bin/time") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "%e %M", "-o", timing, program }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("CI");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        var buffer = new char[1 << 16];
        int read;
        long outputChars = 0;
        while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
        {
            outputChars += read;
            if (output.Length < 4096)
            {
                output.Append(buffer, 0, Math.Min(read, 4096));
            }
        }

        process.WaitForExit();
        watch.Stop();
        var parts = File.ReadAllText(timing).Trim().Split('\n').Last().Split(' ');
        File.Delete(timing);
        return (process.ExitCode, watch.Elapsed.TotalSeconds, double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024, output + error.Result);
    }

    public static (int ExitCode, double Seconds, double PeakMb, string Output) Provenance(string tool, string folder, params string[] args) =>
        tool.EndsWith(".dll", StringComparison.Ordinal)
            ? Run(folder, Dotnet, new[] { tool }.Concat(args).ToArray())
            : Run(folder, tool, args);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>
    /// Packs src/Provenance.Cli (build output under <paramref name="folder"/>) and installs it from that feed with
    /// <c>dotnet tool install --tool-path</c>, NuGet's package folder for the install under <paramref name="folder"/> too;
    /// returns the installed <c>provenance</c>.
    /// </summary>
    public static string Install(string folder)
    {
        string? repository = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && repository is null; dir = dir.Parent)
        {
            repository = File.Exists(Path.Combine(dir.FullName, "src", "Provenance.Cli", "Provenance.Cli.csproj")) ? dir.FullName : null;
        }

        string project = Path.Combine(repository ?? throw new DirectoryNotFoundException("src/Provenance.Cli not found above " + AppContext.BaseDirectory), "src", "Provenance.Cli", "Provenance.Cli.csproj");
        string version = "0.0.0-bench." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string feed = Path.Combine(folder, "feed");
        Directory.CreateDirectory(folder);
        var watch = Stopwatch.StartNew();
        var pack = Run(folder, Dotnet, "pack", project, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(folder, "artifacts"), "-p:Version=" + version, "-nologo", "-v:q");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + pack.Output);
        }

        var install = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "tool", "install", "--tool-path", Path.Combine(folder, "bin"), "Provenance.Cli", "--add-source", feed, "--version", version })
        {
            install.ArgumentList.Add(a);
        }

        install.Environment["NUGET_PACKAGES"] = Path.Combine(folder, "packages");
        using var process = Process.Start(install)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool install failed: " + output);
        }

        string installed = Path.Combine(folder, "bin", OperatingSystem.IsWindows() ? "provenance.exe" : "provenance");
        string package = Directory.GetDirectories(Path.Combine(folder, "bin", ".store", "provenance.cli", version)).Select(Path.GetFileName).FirstOrDefault(d => d!.StartsWith("provenance.cli.", StringComparison.Ordinal)) ?? "provenance.cli";
        Console.WriteLine($"packed and installed {package} {version} in {watch.Elapsed.TotalSeconds:F0} s");
        return installed;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    public static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(2));

    /// <summary>The State of the Union paragraphs (shared/corpora/sotu.jsonl above this program), or null.</summary>
    public static string[] SotuTexts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "corpora", "sotu.jsonl");
            if (File.Exists(candidate))
            {
                return File.ReadAllLines(candidate).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
            }
        }

        throw new FileNotFoundException("shared/corpora/sotu.jsonl not found above " + AppContext.BaseDirectory);
    }
}

internal static class CheckBench
{
    public static void Run(string tool, string folder, int files, int sets, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"== (1) provenance check: {files:N0} files in {sets:N0} shard sets ==");
        var watch = Stopwatch.StartNew();
        string manifest = Generate(folder, files, sets);
        Console.WriteLine($"generated {files:N0} files and the manifest in {watch.Elapsed.TotalSeconds:F1} s");
        string cache = Path.Combine(folder, "obj", "digests.bin");
        var seal = Tool.Provenance(tool, folder, "seal", "--no-fingerprints");
        Console.WriteLine($"provenance seal: {seal.Seconds:F1} s, peak {seal.PeakMb:F0} MB, exit {seal.ExitCode}: {Tool.Tail(seal.Output)}");
        var lockRun = Tool.Provenance(tool, folder, "lock", "--verify", "none");
        Console.WriteLine($"provenance lock: {lockRun.Seconds:F1} s, exit {lockRun.ExitCode}: {Tool.Tail(lockRun.Output)}");
        var warm = Tool.Provenance(tool, folder, "check", "--verify", "changed", "--digest-cache", cache);
        Console.WriteLine($"check --verify changed, cold cache (hashes every file, fills the cache): {warm.Seconds:F1} s, peak {warm.PeakMb:F0} MB, exit {warm.ExitCode}: {Tool.Tail(warm.Output)}");
        string indexBytes = $"{Directory.GetFiles(Path.Combine(folder, "provenance.index")).Sum(f => new FileInfo(f).Length) / 1e6:F1} MB of index, {new FileInfo(cache).Length / 1e6:F1} MB of digest cache";
        Console.WriteLine(indexBytes);

        var rows = new Dictionary<string, List<(double Seconds, double PeakMb, int Exit)>>();
        void Add(string what, (int ExitCode, double Seconds, double PeakMb, string Output) r)
        {
            if (!rows.TryGetValue(what, out var list))
            {
                rows[what] = list = new();
            }

            list.Add((r.Seconds, r.PeakMb, r.ExitCode));
            if (r.ExitCode != 0 && !what.StartsWith("find", StringComparison.Ordinal))
            {
                Console.WriteLine($"  unexpected exit {r.ExitCode} from {what}: {Tool.Tail(r.Output)}");
            }
        }

        for (int i = 0; i < runs; i++)
        {
            Add("find DATA -type f -printf '%s %T@\\n' (stat floor)", Tool.Run(folder, "find", "data", "-type", "f", "-printf", "%s %T@\n"));
            Add("check --verify changed --locked (warm cache)", Tool.Provenance(tool, folder, "check", "--locked", "--verify", "changed", "--digest-cache", cache));
            Add("check --verify none --locked", Tool.Provenance(tool, folder, "check", "--locked", "--verify", "none"));
        }

        double floor = Tool.Median(rows.First().Value.Select(r => r.Seconds));
        Console.WriteLine();
        Console.WriteLine($"load average after the runs: {Tool.LoadAverage()}");
        Console.WriteLine($"| {files:N0} files in {sets:N0} sets | median wall (s) | runs (s) | peak RSS (MB) | / stat floor | target |");
        Console.WriteLine("|---|---:|---|---:|---:|---|");
        foreach (var (what, list) in rows)
        {
            double median = Tool.Median(list.Select(r => r.Seconds));
            string target = what.Contains("changed") ? (median <= 1.2 * floor && list.Max(r => r.PeakMb) <= 1024 ? "met (<= 1.2x floor, <= 1 GB)" : "MISSED (<= 1.2x floor, <= 1 GB)")
                : what.Contains("none") ? (median <= 2.0 ? "met (<= 2 s)" : "MISSED (<= 2 s)") : "reference";
            Console.WriteLine($"| {what} | {median:F2} | {string.Join(", ", list.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} | {list.Max(r => r.PeakMb):F0} | {median / floor:F2} | {target} |");
        }
    }

    /// <summary>Writes <paramref name="files"/> one-paragraph jsonl files in <paramref name="sets"/> folders, and a manifest with one human set per folder.</summary>
    private static string Generate(string folder, int files, int sets)
    {
        var texts = Tool.SotuTexts();
        int perSet = files / sets;
        Parallel.For(0, sets, s =>
        {
            string dir = Path.Combine(folder, "data", $"set-{s:D4}");
            Directory.CreateDirectory(dir);
            for (int f = 0; f < perSet; f++)
            {
                int n = (s * perSet) + f;
                string text = texts[n % texts.Length];
                int length = Math.Min(text.Length, 80 + (n % 400));
                int offset = (int)((n * 7919L) % Math.Max(1, text.Length - length));
                File.WriteAllText(Path.Combine(dir, $"part-{f:D5}.jsonl"), JsonSerializer.Serialize(new { n, text = text.Substring(offset, length) }) + "\n");
            }
        });
        string manifest = Path.Combine(folder, "provenance.yaml");
        var yaml = new StringBuilder("provenance: 1\ndataset: bench-sets\nshards:\n");
        for (int s = 0; s < sets; s++)
        {
            yaml.Append($"  - id: set-{s:D4}\n    files: data/set-{s:D4}/*.jsonl\n    origin: human\n    source:\n      name: State of the Union\n");
        }

        File.WriteAllText(manifest, yaml.ToString());
        return manifest;
    }
}

internal static class PartitionBench
{
    public static void Run(string tool, string folder, double gb)
    {
        Console.WriteLine();
        Console.WriteLine($"== (2) seal of >= {gb:F1} GB of State of the Union jsonl in one set: one process, against 2 x seal --partition i/2 at once + seal --merge ==");
        string data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        byte[] corpus = Encoding.UTF8.GetBytes(string.Concat(Tool.SotuTexts().Select(t => JsonSerializer.Serialize(new { text = t }) + "\n")));
        int repeats = (int)Math.Ceiling(gb * 1e9 / 16 / corpus.Length);
        for (int f = 0; f < 16; f++)
        {
            using var stream = File.Create(Path.Combine(data, $"sotu-{f:D2}.jsonl"));
            for (int r = 0; r < repeats; r++)
            {
                stream.Write(corpus);
            }
        }

        long total = Directory.GetFiles(data).Sum(p => new FileInfo(p).Length);
        const string Yaml = "provenance: 1\ndataset: bench-partition\nshards:\n  - id: sotu\n    files: data/*.jsonl\n    origin: human\n";
        string manifest = Path.Combine(folder, "provenance.yaml");
        Console.WriteLine($"{total / 1e9:F2} GB in 16 files; page cache warmed by one read");
        foreach (var p in Directory.GetFiles(data))
        {
            using var s = File.OpenRead(p);
            s.CopyTo(Stream.Null, 1 << 20);
        }

        var one = new List<double>();
        var split = new List<double>();
        var sha = new List<double>();
        string? single = null, singleIndex = null;
        bool identical = true;
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllText(manifest, Yaml);
            var r = Tool.Provenance(tool, folder, "seal", "--no-fingerprints");
            one.Add(r.Seconds);
            single = File.ReadAllText(manifest);
            singleIndex = File.ReadAllText(Path.Combine(folder, "provenance.index", "sotu.tsv"));

            File.WriteAllText(manifest, Yaml);
            var watch = Stopwatch.StartNew();
            var jobs = Enumerable.Range(0, 2).Select(p => Task.Run(() => Tool.Provenance(tool, folder, "seal", "--no-fingerprints", "--partition", $"{p}/2"))).ToArray();
            Task.WaitAll(jobs);
            var merge = Tool.Provenance(tool, folder, "seal", "--merge");
            split.Add(watch.Elapsed.TotalSeconds);
            identical &= jobs.All(j => j.Result.ExitCode == 0) && merge.ExitCode == 0 && File.ReadAllText(manifest) == single
                && File.ReadAllText(Path.Combine(folder, "provenance.index", "sotu.tsv")) == singleIndex;
            sha.Add(Tool.Run(data, "sha256sum", Directory.GetFiles(data).OrderBy(p => p, StringComparer.Ordinal).ToArray()).Seconds);
        }

        Console.WriteLine($"load average after the runs: {Tool.LoadAverage()}");
        Console.WriteLine("| contender | median wall (s) | runs (s) |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine($"| provenance seal (one process, both cores) | {Tool.Median(one):F2} | {string.Join(", ", one.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |");
        Console.WriteLine($"| seal --partition 0/2 and 1/2 at once, then --merge | {Tool.Median(split):F2} | {string.Join(", ", split.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |");
        Console.WriteLine($"| sha256sum, one process (reference) | {Tool.Median(sha):F2} | {string.Join(", ", sha.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} |");
        Console.WriteLine($"merged result byte-identical to the single seal (manifest and index), every run: {identical}");
    }
}
