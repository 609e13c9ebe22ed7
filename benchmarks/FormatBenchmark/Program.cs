// Format benchmark (issue "Training data where it really lives"): records + tokens + digest throughput of
// `provenance seal` (a real process, the way users run it) on >= 1 GB of decoded real text in each of Parquet,
// gzip JSON Lines and zstd JSON Lines, beside the reference pipelines `zcat FILES | wc -lw` and
// `zstdcat FILES | wc -lw` on the same files in the same run (median of 3 each), and the peak resident memory of
// `provenance seal` on one ~1 GB Parquet file with ~100 MB row groups (GNU time's %M). With --fingerprints (or
// --fingerprints-only): the cost of record fingerprints, `provenance seal` (fingerprints written to a fresh cache) beside
// `provenance seal --no-fingerprints` (digest and amounts only) on the same >= 1 GB of plain JSON Lines, alternating,
// median of 5, with `sha256sum FILES` as the reference, and the sidecars' size per record. With --tokens (or
// --tokens-only): the word-token counter in process on the corpus's JSON string values (the previous counter, kept
// verbatim in the engine's tests, beside the ASCII fast path and its scalar loop, and SHA-256 of the same bytes), then
// `provenance seal --no-fingerprints` beside `sha256sum FILES` on >= 1 GB of JSON Lines in 16 files (median of 5,
// alternating; wall and CPU seconds); --before DLL adds the provenance.dll of another build (the previous counter) to it.
//
//   dotnet build -c Release benchmarks/FormatBenchmark
//   dotnet benchmarks/FormatBenchmark/bin/Release/net10.0/FormatBenchmark.dll [WORKDIR] [--copies N] [--peak-only] [--fingerprints | --fingerprints-only] [--tokens | --tokens-only [--before DLL]]
//
// WORKDIR (default /tmp/provenance-format-bench) receives the generated files (kept for reruns); the text is the
// State of the Union corpus (../shared/corpora/sotu.jsonl, or the sample's human shards), repeated. --peak-only
// measures only the peak memory on the single Parquet file.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

var inv = CultureInfo.InvariantCulture;
string work = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || (args[i - 1] != "--copies" && args[i - 1] != "--before"))).FirstOrDefault() ?? "/tmp/provenance-format-bench";
int copies = args.SkipWhile(a => a != "--copies").Skip(1).Select(int.Parse).FirstOrDefault(100);
bool fingerprintsOnly = args.Contains("--fingerprints-only");
bool fingerprints = fingerprintsOnly || args.Contains("--fingerprints");
bool tokenFiguresOnly = args.Contains("--tokens-only");
bool tokenFigures = tokenFiguresOnly || args.Contains("--tokens");
string? before = args.SkipWhile(a => a != "--before").Skip(1).FirstOrDefault();
bool peakOnly = args.Contains("--peak-only");
Directory.CreateDirectory(work);
string provenance = Path.Combine(AppContext.BaseDirectory, "provenance.dll");
byte[] corpus = ReadCorpus();
string[] lines = Encoding.UTF8.GetString(corpus).Split('\n', StringSplitOptions.RemoveEmptyEntries);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Load()}");
Console.WriteLine($"text: State of the Union corpus, {corpus.Length:N0} bytes x {copies} copies = {(double)corpus.Length * copies / 1e9:0.00} GB of JSON Lines per format, in 4 files");

// 1. Data: 4 files per format, each a quarter of the copies.
if (tokenFigures)
{
    TokenCost(corpus);
    SealBesideSha(work, corpus, provenance, before);
    if (tokenFiguresOnly)
    {
        Console.WriteLine($"load average after: {Load()}");
        return 0;
    }
}

var formats = peakOnly || fingerprintsOnly ? Array.Empty<string>() : new[] { "jsonl.gz", "jsonl.zst", "parquet" };
foreach (string format in formats)
{
    Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 2 }, part =>
    {
        string path = Path.Combine(work, format.Replace('.', '-'), $"part-{part:0000}.{format}");
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int n = copies / 4 + (part < copies % 4 ? 1 : 0);
        string temp = path + ".tmp";
        switch (format)
        {
            case "jsonl.gz":
                using (var file = File.Create(temp))
                using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
                {
                    for (int i = 0; i < n; i++)
                    {
                        gzip.Write(corpus);
                    }
                }

                break;
            case "jsonl.zst":
                string plain = temp + ".jsonl";
                using (var file = File.Create(plain))
                {
                    for (int i = 0; i < n; i++)
                    {
                        file.Write(corpus);
                    }
                }

                Run("zstd", "-q", "-f", "-3", plain, "-o", temp);
                File.Delete(plain);
                break;
            default:
                WriteParquet(temp, Enumerable.Repeat(lines, n).SelectMany(l => l), 100_000_000).GetAwaiter().GetResult();
                break;
        }

        File.Move(temp, path);
    });
}

if (fingerprints)
{
    FingerprintCost(work, corpus, copies, provenance);
}

if (fingerprintsOnly)
{
    Console.WriteLine($"load average after: {Load()}");
    return 0;
}

// One ~1 GB Parquet file with ~100 MB row groups, for peak memory.
string single = Path.Combine(work, "single", "sotu-1gb.parquet");
if (!File.Exists(single))
{
    Directory.CreateDirectory(Path.GetDirectoryName(single)!);
    WriteParquet(single + ".tmp", Enumerable.Repeat(lines, copies).SelectMany(l => l), 100_000_000).GetAwaiter().GetResult();
    File.Move(single + ".tmp", single);
}

// 2. Seal each format's 4 files with the CLI (median of 3), and the reference pipelines on the same files.
if (!peakOnly)
{
    Console.WriteLine();
    Console.WriteLine("| format | stored GB | decoded GB | records | tokens | provenance seal (median, runs) | decoded GB/s | reference | reference (median, runs) | ratio |");
    Console.WriteLine("|---|---:|---:|---:|---:|---|---:|---|---|---:|");
}

foreach (string format in formats)
{
    string folder = Path.Combine(work, format.Replace('.', '-'));
    var files = Directory.GetFiles(folder, "part-*." + format).OrderBy(f => f, StringComparer.Ordinal).ToArray();
    string manifest = Path.Combine(folder, "provenance.yaml");
    File.WriteAllText(manifest, "provenance: 1\ndataset: bench\nshards:\n" + string.Concat(files.Select(f =>
        $"- id: {Path.GetFileName(f).Replace('.', '-')}\n  path: {Path.GetFileName(f)}\n  origin: human\n")));
    var seal = Times(3, () => Run("dotnet", provenance, "seal", manifest));
    var read = Provenance.Manifest.Reading.ManifestReader.ReadFile(manifest).Manifest!;
    long records = read.Shards.Sum(s => s.Records ?? 0), tokens = read.Shards.Sum(s => s.Tokens ?? 0);
    long stored = files.Sum(f => new FileInfo(f).Length);
    double decoded = (double)corpus.Length * copies;
    string reference = format switch
    {
        "jsonl.gz" => $"zcat {string.Join(' ', files.Select(Path.GetFileName))} | wc -lw",
        "jsonl.zst" => $"zstdcat {string.Join(' ', files.Select(Path.GetFileName))} | wc -lw",
        _ => "",
    };
    string refCell = "n/a (no Parquet CLI reader on the machine)", ratio = "";
    if (reference.Length > 0)
    {
        string output = "";
        var refTimes = Times(3, () => output = Run("bash", "-c", $"cd '{folder}' && {reference}"));
        var wc = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        refCell = $"{Med(refTimes):0.00} s ({string.Join(", ", refTimes.Select(t => t.ToString("0.00", inv)))}); wc lines {wc[0]}";
        ratio = (Med(refTimes) / Med(seal)).ToString("0.00", inv) + "x";
    }

    Console.WriteLine($"| {format} | {stored / 1e9:0.00} | {decoded / 1e9:0.00} | {records:N0} | {tokens:N0} | {Med(seal):0.00} s ({string.Join(", ", seal.Select(t => t.ToString("0.00", inv)))}) | {decoded / 1e9 / Med(seal):0.00} | `{(reference.Length > 0 ? reference.Split(' ')[0] + " FILES | wc -lw" : "-")}` | {refCell} | {ratio} |");
}

// 3. Peak memory on the single 1 GB Parquet file.
string singleManifest = Path.Combine(Path.GetDirectoryName(single)!, "provenance.yaml");
File.WriteAllText(singleManifest, "provenance: 1\ndataset: bench\nshards:\n- id: sotu-1gb\n  path: sotu-1gb.parquet\n  origin: human\n");
string timeOut = Path.Combine(work, "time.txt");
var peakRuns = Times(1, () => Run("/usr/bin/time", "-f", "%M %e", "-o", timeOut, "dotnet", provenance, "seal", singleManifest));
string[] measured = File.ReadAllText(timeOut).Trim().Split(' ');
var groups = RowGroups(single);
Console.WriteLine();
Console.WriteLine($"single Parquet file: {new FileInfo(single).Length / 1e9:0.00} GB stored, {groups.Count} row groups of {groups.Average() / 1e6:0} MB uncompressed on average; " +
    $"provenance seal peak RSS {long.Parse(measured[0], inv) / 1024.0:0} MB (target < 500 MB), {measured[1]} s wall");
Console.WriteLine($"load average after: {Load()}");
return 0;

static async Task WriteParquet(string path, IEnumerable<string> jsonLines, long rowGroupBytes)
{
    var year = new Parquet.Schema.DataField<int>("year");
    var president = new Parquet.Schema.DataField<string>("president");
    var text = new Parquet.Schema.DataField<string>("text");
    var schema = new Parquet.Schema.ParquetSchema(year, president, text);
    using var stream = File.Create(path);
    await using var writer = await Parquet.ParquetWriter.CreateAsync(schema, stream, null, false, default);
    var years = new List<int>();
    var presidents = new List<string>();
    var texts = new List<string>();
    long size = 0;
    async Task Flush()
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(year, new ReadOnlyMemory<int>(years.ToArray()), null, null, default);
        await group.WriteAsync(president, presidents.ToArray(), null);
        await group.WriteAsync(text, texts.ToArray(), null);
        years.Clear();
        presidents.Clear();
        texts.Clear();
        size = 0;
    }

    foreach (string line in jsonLines)
    {
        using var doc = JsonDocument.Parse(line);
        years.Add(doc.RootElement.GetProperty("year").GetInt32());
        presidents.Add(doc.RootElement.GetProperty("president").GetString()!);
        string t = doc.RootElement.GetProperty("text").GetString()!;
        texts.Add(t);
        size += Encoding.UTF8.GetByteCount(t);
        if (size >= rowGroupBytes)
        {
            await Flush();
        }
    }

    if (years.Count > 0)
    {
        await Flush();
    }
}

// Record fingerprints: seal with them (the default) beside seal without them, on 4 plain JSON Lines files.
static void FingerprintCost(string work, byte[] corpus, int copies, string provenance)
{
    var inv = CultureInfo.InvariantCulture;
    string folder = Path.Combine(work, "jsonl");
    Directory.CreateDirectory(folder);
    var files = Enumerable.Range(0, 4).Select(part => Path.Combine(folder, $"part-{part:0000}.jsonl")).ToArray();
    for (int part = 0; part < 4; part++)
    {
        if (!File.Exists(files[part]))
        {
            using var file = File.Create(files[part] + ".tmp");
            file.Write(Encoding.UTF8.GetBytes($"{{\"year\": 0, \"text\": \"part {part} of the benchmark corpus\"}}\n")); // four files, four digests
            for (int i = 0; i < copies / 4 + (part < copies % 4 ? 1 : 0); i++)
            {
                file.Write(corpus);
            }

            file.Close();
            File.Move(files[part] + ".tmp", files[part]);
        }
    }

    string manifest = Path.Combine(folder, "provenance.yaml"), cache = Path.Combine(work, "fingerprint-cache");
    string unsealed = "provenance: 1\ndataset: bench\nshards:\n" + string.Concat(files.Select(f => $"- id: {Path.GetFileNameWithoutExtension(f)}\n  path: {Path.GetFileName(f)}\n  origin: human\n  textField: text\n"));
    string timeFile = Path.Combine(work, "fingerprint-time.txt");
    var cpu = new Dictionary<bool, List<double>> { [false] = new(), [true] = new() };
    void Seal(bool withFingerprints)
    {
        File.WriteAllText(manifest, unsealed);
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }

        var arguments = new List<string> { "-f", "%U %S", "-o", timeFile, "env", $"XDG_CACHE_HOME={cache}", "dotnet", provenance, "seal", manifest };
        if (!withFingerprints)
        {
            arguments.Add("--no-fingerprints");
        }

        Run("/usr/bin/time", arguments.ToArray());
        cpu[withFingerprints].Add(File.ReadAllText(timeFile).Trim().Split(' ').Sum(x => double.Parse(x, inv)));
    }

    Run("bash", "-c", $"cat '{folder}'/part-*.jsonl > /dev/null"); // page cache warm for every contender
    const int runs = 5;
    var without = new double[runs];
    var with = new double[runs];
    var sha = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        without[i] = Times(1, () => Seal(false))[0];
        with[i] = Times(1, () => Seal(true))[0];
        sha[i] = Times(1, () => Run("bash", "-c", $"cd '{folder}' && sha256sum part-*.jsonl > /dev/null"))[0];
    }

    var read = Provenance.Manifest.Reading.ManifestReader.ReadFile(manifest).Manifest!;
    long records = read.Shards.Sum(s => s.Records ?? 0);
    var sidecars = Directory.GetFiles(Path.Combine(cache, "provenance", "fingerprints"), "*.fpr");
    long sidecarBytes = sidecars.Sum(f => new FileInfo(f).Length);
    string Runs(double[] t) => $"{Med(t):0.00} s ({string.Join(", ", t.Select(x => x.ToString("0.00", inv)))})";
    Console.WriteLine();
    Console.WriteLine($"record fingerprints, {files.Sum(f => new FileInfo(f).Length) / 1e9:0.00} GB of JSON Lines in 4 files, {records:N0} records, textField: text; load average {Load()}");
    Console.WriteLine("| contender | median wall (runs) | median CPU (user + sys) |");
    Console.WriteLine("|---|---|---:|");
    Console.WriteLine($"| `provenance seal --no-fingerprints` (digest, records, tokens) | {Runs(without)} | {Med(cpu[false].ToArray()):0.00} s |");
    Console.WriteLine($"| `provenance seal` (and record fingerprints, sidecars written) | {Runs(with)} | {Med(cpu[true].ToArray()):0.00} s |");
    Console.WriteLine($"| `sha256sum FILES` (one process) | {Runs(sha)} | |");
    Console.WriteLine($"fingerprints add {(Med(with) / Med(without) - 1) * 100:0.0} % to seal's wall time and {(Med(cpu[true].ToArray()) / Med(cpu[false].ToArray()) - 1) * 100:0.0} % to its CPU time (target <= 25 %); " +
        $"sidecars: {sidecars.Length} files, {sidecarBytes:N0} bytes = 56-byte header each + {(double)(sidecarBytes - 56 * sidecars.Length) / records:0.00} bytes per record (target <= 16)");
}

// The word-token counter in process: GB/s of the previous counter, the new one (vector path) and its scalar loop (the
// netstandard2.0 build's) over the corpus's JSON string values as seal counts them, with SHA-256 of the same bytes.
static void TokenCost(byte[] corpus)
{
    var values = new List<byte[]>();
    foreach (string line in Encoding.UTF8.GetString(corpus).Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                values.Add(Encoding.UTF8.GetBytes(reader.GetString()!));
            }
        }
    }

    long bytes = values.Sum(v => (long)v.Length);
    const int passes = 20, runs = 7;
    long Reference() => values.Sum(v => Provenance.Manifest.Tests.Digests.WordTokensReference.TryCountUtf8(v, out long n, out _) ? n : throw new InvalidDataException());
    long Vector() => values.Sum(v => Provenance.Manifest.Digests.WordTokens.TryCountUtf8(v, out long n, out _) ? n : throw new InvalidDataException());
    long Scalar() => values.Sum(v => Provenance.Manifest.Digests.WordTokens.CountUtf8(v, vectorized: false, out long n, out _) ? n : throw new InvalidDataException());
    long Sha() => values.Sum(v => (long)System.Security.Cryptography.SHA256.HashData(v)[0]);
    var contenders = new (string Name, Func<long> Count)[]
    {
        ("previous counter (byte loop, table for ASCII)", Reference),
        ("ASCII fast path, Vector512 or Vector256 (net10.0)", Vector),
        ("same, scalar loop only (netstandard2.0 path)", Scalar),
        ("SHA-256 of the same bytes (BCL, one core)", Sha),
    };
    long expected = Reference();
    if (Vector() != expected || Scalar() != expected)
    {
        throw new InvalidOperationException("the counters disagree on the corpus");
    }

    var seconds = contenders.Select(_ => new double[runs]).ToArray();
    for (int r = 0; r < runs; r++)
    {
        for (int c = 0; c < contenders.Length; c++)
        {
            var watch = Stopwatch.StartNew();
            for (int p = 0; p < passes; p++)
            {
                contenders[c].Count();
            }

            seconds[c][r] = watch.Elapsed.TotalSeconds;
        }
    }

    Console.WriteLine();
    Console.WriteLine($"token counting in process: State of the Union corpus, {values.Count:N0} JSON string values, {bytes:N0} bytes, {expected:N0} tokens (equal for all three counters), {passes} passes a run, median of {runs}; load average {Load()}");
    Console.WriteLine("| contender | median GB/s (runs) | vs previous |");
    Console.WriteLine("|---|---|---:|");
    for (int c = 0; c < contenders.Length; c++)
    {
        var rates = seconds[c].Select(t => bytes * (double)passes / t / 1e9).ToArray();
        Console.WriteLine($"| {contenders[c].Name} | {Med(rates):0.00} ({string.Join(", ", rates.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}) | {Med(seconds[0]) / Med(seconds[c]):0.0}x |");
    }
}

// `provenance seal --no-fingerprints` (digest, records, tokens of every string value) beside one `sha256sum` process on
// the same 16 plain JSON Lines files (>= 1 GB), alternating, median of 5, wall and CPU seconds from GNU time.
static void SealBesideSha(string work, byte[] corpus, string provenance, string? before)
{
    var inv = CultureInfo.InvariantCulture;
    const int files = 16, copiesPerFile = 7;
    string folder = Path.Combine(work, "jsonl-16");
    Directory.CreateDirectory(folder);
    var paths = Enumerable.Range(0, files).Select(part => Path.Combine(folder, $"part-{part:0000}.jsonl")).ToArray();
    foreach (string path in paths.Where(p => !File.Exists(p)))
    {
        using (var file = File.Create(path + ".tmp"))
        {
            for (int i = 0; i < copiesPerFile; i++)
            {
                file.Write(corpus);
            }
        }

        File.Move(path + ".tmp", path);
    }

    string manifest = Path.Combine(folder, "provenance.yaml"), timeOut = Path.Combine(work, "time-tokens.txt");
    string unsealed = "provenance: 1\ndataset: bench\nshards:\n" + string.Concat(paths.Select(f => $"- id: {Path.GetFileNameWithoutExtension(f)}\n  path: {Path.GetFileName(f)}\n  origin: human\n"));
    (double Wall, double Cpu) Timed(params string[] command)
    {
        Run("/usr/bin/time", new[] { "-f", "%e %U %S", "-o", timeOut }.Concat(command).ToArray());
        var t = File.ReadAllText(timeOut).Trim().Split('\n')[^1].Split(' ').Select(x => double.Parse(x, inv)).ToArray();
        return (t[0], t[1] + t[2]);
    }

    (double, double) Seal(string dll)
    {
        File.WriteAllText(manifest, unsealed);
        return Timed("dotnet", dll, "seal", manifest, "--no-fingerprints");
    }

    var contenders = new List<(string Name, Func<(double, double)> Run)>
    {
        ("`provenance seal --no-fingerprints` (this build)", () => Seal(provenance)),
        ("`sha256sum FILES` (one process)", () => Timed("bash", "-c", $"cd '{folder}' && sha256sum part-*.jsonl > /dev/null")),
    };
    if (before is not null)
    {
        contenders.Insert(1, ("`provenance seal --no-fingerprints` (--before build)", () => Seal(before)));
    }

    Run("bash", "-c", $"cat '{folder}'/part-*.jsonl > /dev/null"); // page cache warm for every contender
    Seal(provenance);
    var read = Provenance.Manifest.Reading.ManifestReader.ReadFile(manifest).Manifest!;
    long records = read.Shards.Sum(s => s.Records ?? 0), tokens = read.Shards.Sum(s => s.Tokens ?? 0), bytes = read.Shards.Sum(s => s.Bytes ?? 0);
    const int runs = 5;
    var times = contenders.Select(_ => new (double Wall, double Cpu)[runs]).ToArray();
    string loadBefore = Load();
    for (int r = 0; r < runs; r++)
    {
        for (int c = 0; c < contenders.Count; c++)
        {
            times[c][r] = contenders[c].Run();
        }
    }

    double sha = Med(times[^1].Select(t => t.Wall).ToArray());
    Console.WriteLine();
    Console.WriteLine($"seal beside sha256sum: {bytes / 1e9:0.00} GB of JSON Lines in {files} files, {records:N0} records, {tokens:N0} tokens (every string value); load average {loadBefore} before, {Load()} after");
    Console.WriteLine("| contender | median wall (runs) | median CPU s (user+sys) | sha256sum wall / wall |");
    Console.WriteLine("|---|---|---:|---:|");
    for (int c = 0; c < contenders.Count; c++)
    {
        double wall = Med(times[c].Select(t => t.Wall).ToArray());
        Console.WriteLine($"| {contenders[c].Name} | {wall:0.00} s ({string.Join(", ", times[c].Select(t => t.Wall.ToString("0.00", inv)))}) | {Med(times[c].Select(t => t.Cpu).ToArray()):0.00} | {sha / wall:0.00}x |");
    }
}

static List<long> RowGroups(string path)
{
    using var stream = File.OpenRead(path);
    var reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult(); // the stream above is disposed; the reader holds nothing else
    return reader.Metadata!.RowGroups.Select(g => g.TotalByteSize).ToList();
}

static string Run(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in arguments)
    {
        start.ArgumentList.Add(a);
    }

    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEndAsync();
    string output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {output}{error.Result}");
    }

    return output;
}

static double[] Times(int runs, Action action)
{
    var times = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times[i] = watch.Elapsed.TotalSeconds;
    }

    return times;
}

static double Med(double[] values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static byte[] ReadCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string shared = Path.Combine(dir.FullName, "shared", "corpora", "sotu.jsonl");
        if (File.Exists(shared))
        {
            return File.ReadAllBytes(shared);
        }
    }

    throw new FileNotFoundException("The State of the Union corpus (../shared/corpora/sotu.jsonl) was not found.");
}
