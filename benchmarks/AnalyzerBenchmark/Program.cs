using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

// Measures what the Provenance analyzers add to `dotnet build`.
// 1. Generates a console project of N C# files (default 500) with realistic data-pipeline I/O: reading shards, writing outputs,
//    logs, reports and model files, temp-then-rename downloads, guarded writes, training loops; about one file in ten has a
//    real PROV3xxx finding, so the analyzers do their full work (classification, guards, messages) and report.
// 2. Builds it clean (`dotnet build --no-incremental --no-restore`) alternately without and with the analyzers
//    (<Analyzer Include=".../Provenance.Analyzers.dll" />), discarding a warm-up build of each, and reports medians of
//    wall time and of CPU time (user + system of the whole build process tree, from getrusage(RUSAGE_CHILDREN); the build
//    runs on one in-process node with UseSharedCompilation=false so that csc is a waited-for child). CPU time is the figure
//    to trust on a shared or busy machine, where wall time mostly measures the neighbours.
// 3. Prints the overhead ratio and the per-analyzer times from the compiler's -p:ReportAnalyzer=true output.
// Options: --files N, --runs N, --analyzer PATH, --keep.
var culture = CultureInfo.InvariantCulture;
var files = IntOption("--files", 500);
var runs = IntOption("--runs", 5);
var keep = args.Contains("--keep");
var analyzerPath = StringOption("--analyzer") ?? BuildAnalyzer();

var root = Path.Combine(Path.GetTempPath(), "provenance-analyzer-bench-" + Environment.ProcessId.ToString(culture));
Directory.CreateDirectory(root);
try
{
    Generate(root, files, analyzerPath);
    Console.WriteLine($"Generated {files} files in {root}");
    Run(root, "restore", "--nologo -v:q");

    var without = new List<double>();
    var with = new List<double>();
    var cpuWithout = new List<double>();
    var cpuWith = new List<double>();
    for (var i = -1; i < runs; i++)
    {
        var a = TimeBuild(root, withAnalyzers: false, "q", out _, out var ca);
        var b = TimeBuild(root, withAnalyzers: true, "q", out _, out var cb);
        if (i < 0)
        {
            Console.WriteLine($"warm-up: without {a:F2}s (cpu {ca:F2}s), with {b:F2}s (cpu {cb:F2}s) (discarded)");
            continue;
        }

        without.Add(a);
        with.Add(b);
        cpuWithout.Add(ca);
        cpuWith.Add(cb);
        Console.WriteLine($"run {i + 1}: without {a:F2}s (cpu {ca:F2}s), with {b:F2}s (cpu {cb:F2}s)");
    }

    // The analyzer report is printed at detailed verbosity only, which slows the build itself: one extra build, not timed.
    TimeBuild(root, withAnalyzers: true, "d", out var lastReport, out _);
    var medianWithout = Median(without);
    var medianWith = Median(with);
    Console.WriteLine();
    Console.WriteLine($"files: {files}, clean builds per configuration: {runs} (median)");
    Console.WriteLine($"build without analyzers: {medianWithout:F2} s");
    Console.WriteLine($"build with analyzers:    {medianWith:F2} s");
    Console.WriteLine($"wall-time overhead: {(medianWith / medianWithout - 1) * 100:+0.0;-0.0} %");
    var medianCpuWithout = Median(cpuWithout);
    var medianCpuWith = Median(cpuWith);
    Console.WriteLine($"build CPU without analyzers: {medianCpuWithout:F2} s");
    Console.WriteLine($"build CPU with analyzers:    {medianCpuWith:F2} s");
    Console.WriteLine($"CPU-time overhead: {(medianCpuWith / medianCpuWithout - 1) * 100:+0.0;-0.0} % (budget: 5 %)");
    Console.WriteLine($"load average at the end: {LoadAverage()}");
    Console.WriteLine();
    Console.WriteLine("Per-analyzer time (one extra build at -v:d, -p:ReportAnalyzer=true):");
    Console.WriteLine(lastReport.Length > 0 ? lastReport : "  (no analyzer report found in the build log)");
    var provenanceSeconds = Regex.Match(lastReport, @"([0-9.]+)\s+\S+\s+Provenance\.Analyzers, Version");
    if (provenanceSeconds.Success)
    {
        // Contention-robust estimate: the compiler's own accounting of time spent in our analyzers, against a plain build.
        var seconds = double.Parse(provenanceSeconds.Groups[1].Value, culture);
        Console.WriteLine($"Provenance analyzers: {seconds:F3} s = {seconds / medianCpuWithout * 100:F1} % of the build CPU time without analyzers (budget: 5 %)");
    }
}
finally
{
    if (!keep)
    {
        Directory.Delete(root, recursive: true);
    }
}

return 0;

double TimeBuild(string directory, bool withAnalyzers, string verbosity, out string report, out double cpuSeconds)
{
    var arguments = $"--nologo --no-incremental --no-restore -m:1 -nodeReuse:false -p:UseSharedCompilation=false -v:{verbosity} " +
                    $"-p:ReportAnalyzer=true -p:WithProvenance={(withAnalyzers ? "true" : "false")}";
    var cpuBefore = ChildrenCpuSeconds();
    var watch = Stopwatch.StartNew();
    var output = Run(directory, "build", arguments);
    watch.Stop();
    cpuSeconds = ChildrenCpuSeconds() - cpuBefore;
    report = ExtractReport(output);
    return watch.Elapsed.TotalSeconds;
}

// User + system CPU of all terminated, waited-for descendants (Linux/macOS). NaN elsewhere.
static double ChildrenCpuSeconds()
{
    if (OperatingSystem.IsWindows())
    {
        return double.NaN;
    }

    var usage = new RUsage();
    return Native.getrusage(-1 /* RUSAGE_CHILDREN */, ref usage) == 0
        ? usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6
        : double.NaN;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static string ExtractReport(string log)
{
    var lines = log.Split('\n');
    var result = new StringBuilder();
    for (var i = 0; i < lines.Length; i++)
    {
        var line = lines[i].TrimEnd();
        if (line.Contains("Total analyzer execution time", StringComparison.Ordinal) ||
            line.Contains("Provenance.Analyzers, Version", StringComparison.Ordinal) ||
            line.Contains("Microsoft.CodeAnalysis.NetAnalyzers, Version", StringComparison.Ordinal) ||
            Regex.IsMatch(line, @"\(PROV\d{4}\)"))
        {
            result.AppendLine("  " + line.Trim());
        }
    }

    return result.ToString();
}

static string Run(string directory, string verb, string arguments)
{
    var info = new ProcessStartInfo("dotnet", verb + " " + arguments)
    {
        WorkingDirectory = directory,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    var output = stdout.Result + stderr.Result;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet {verb} failed ({process.ExitCode}):\n{output}");
    }

    return output;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

string BuildAnalyzer()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provenance.sln")))
    {
        directory = directory.Parent;
    }

    if (directory is null)
    {
        throw new InvalidOperationException("Provenance.sln not found; pass --analyzer PATH.");
    }

    var project = Path.Combine(directory.FullName, "src", "Provenance.Analyzers");
    Run(project, "build", "-c Release --nologo -v:q");
    return Path.Combine(project, "bin", "Release", "netstandard2.0", "Provenance.Analyzers.dll");
}

static void Generate(string directory, int count, string analyzer)
{
    var dataRoot = Path.Combine(directory, "data").Replace('\\', '/');
    File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
    File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
    File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
    File.WriteAllText(Path.Combine(directory, "Gen.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
            <NoWarn>$(NoWarn);CS1998;CS0219;CA1416</NoWarn>
          </PropertyGroup>
          <ItemGroup Condition="'$(WithProvenance)' == 'true'">
            <Analyzer Include="{analyzer}" />
            <GlobalAnalyzerConfigFiles Include="provenance.globalconfig" />
          </ItemGroup>
        </Project>
        """);
    File.WriteAllText(Path.Combine(directory, "provenance.globalconfig"),
        $"is_global = true\nprovenance.project_dir = {directory.Replace('\\', '/')}\nprovenance.data_roots = {dataRoot}\nprovenance.human_shards = {dataRoot}/human/sotu.jsonl\n" +
        $"provenance.synthetic_shards = {dataRoot}/synthetic/g1.jsonl\nprovenance.manifest_files = {directory.Replace('\\', '/')}/provenance.yaml|{directory.Replace('\\', '/')}/provenance.lock.json\n");
    File.WriteAllText(Path.Combine(directory, "Program.cs"), "Console.WriteLine(\"generated\");\n");

    for (var i = 0; i < count; i++)
    {
        var finding = i % 10 == 0;
        File.WriteAllText(Path.Combine(directory, $"Stage{i:D3}.cs"), StageSource(i, finding));
    }
}

static string StageSource(int i, bool finding)
{
    var write = finding
        ? """File.WriteAllLines(Path.Combine("data", "synthetic", $"g{generation}.jsonl"), accepted);"""
        : """File.AppendAllLines(Path.Combine("data", "synthetic", $"g{generation}.jsonl"), accepted);""";
    var replace = finding ? "pool = model.Sample(pool.Count);" : "pool.AddRange(model.Sample(pool.Count));";
    return $$"""
        using System.Text;
        using System.Text.Json;

        namespace Pipeline.Stages;

        internal sealed record Row{{i}}(string Id, string Text, double Score);

        internal sealed class TinyModel{{i}}
        {
            private readonly Dictionary<string, int> _counts = new();
            public static TinyModel{{i}} Train(IEnumerable<string> data)
            {
                var model = new TinyModel{{i}}();
                foreach (var line in data)
                {
                    foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        model._counts[token] = model._counts.TryGetValue(token, out var n) ? n + 1 : 1;
                    }
                }

                return model;
            }

            public List<string> Sample(int count) =>
                _counts.OrderByDescending(p => p.Value).Take(count).Select(p => p.Key).ToList();
        }

        internal static class Stage{{i}}
        {
            private const string HumanShard = "data/human/sotu.jsonl";
            private static readonly string OutputDir = Path.Combine(AppContext.BaseDirectory, "out", "stage{{i}}");

            public static List<Row{{i}}> Load()
            {
                var rows = new List<Row{{i}}>();
                foreach (var line in File.ReadLines(HumanShard))
                {
                    var row = JsonSerializer.Deserialize<Row{{i}}>(line);
                    if (row is not null && row.Score > 0.5)
                    {
                        rows.Add(row);
                    }
                }

                return rows;
            }

            public static void WriteOutputs(IReadOnlyList<Row{{i}}> rows, int generation)
            {
                Directory.CreateDirectory(OutputDir);
                var accepted = rows.Where(r => r.Text.Length > 10).Select(r => JsonSerializer.Serialize(r)).ToList();
                {{write}}
                File.WriteAllText(Path.Combine(OutputDir, "report.md"), $"accepted {accepted.Count} of {rows.Count}");
                File.WriteAllText(Path.Combine("data", "logs", $"stage{{i}}.jsonl"), "{}");
                using (var writer = new StreamWriter(Path.Combine(OutputDir, "metrics.csv")))
                {
                    writer.WriteLine("stage,accepted");
                    writer.WriteLine($"{{i}},{accepted.Count}");
                }

                using var log = new StreamWriter(Path.Combine("logs", "pipeline.log"), append: true);
                log.WriteLine($"stage {{i}} generation {generation}");
                File.WriteAllBytes(Path.Combine("models", $"stage{{i}}.onnx"), Encoding.UTF8.GetBytes("weights"));
            }

            public static async Task DownloadAsync(HttpClient http, string url)
            {
                const string destination = "data/human/extra{{i}}.jsonl";
                var temporary = destination + ".partial";
                await using (var stream = File.Create(temporary))
                {
                    await (await http.GetStreamAsync(url)).CopyToAsync(stream);
                }

                File.Move(temporary, destination, overwrite: true);
                if (!File.Exists("data/human/seed{{i}}.jsonl"))
                {
                    File.WriteAllText("data/human/seed{{i}}.jsonl", "{}");
                }
            }

            public static List<string> SelfTrain(List<string> pool, int generations)
            {
                for (var generation = 0; generation < generations; generation++)
                {
                    var model = TinyModel{{i}}.Train(pool);
                    {{replace}}
                }

                return pool;
            }
        }
        """;
}

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], culture) : fallback;
}

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// struct rusage on 64-bit Linux: two timevals, then 14 longs (144 bytes); only the times are read.
[StructLayout(LayoutKind.Sequential, Size = 144)]
internal struct RUsage
{
    public long UserSeconds;
    public long UserMicroseconds;
    public long SystemSeconds;
    public long SystemMicroseconds;
}

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int getrusage(int who, ref RUsage usage);
}
