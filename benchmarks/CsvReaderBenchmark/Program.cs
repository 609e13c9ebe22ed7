// CSV reader benchmark: records and word tokens (Provenance's rule, WordTokens.Count over every cell) of one CSV
// written from the State of the Union corpus (year, president, party, text; the text quoted, with its newlines),
// repeated to the size asked, read by Sep, Sylvan.Data.Csv and CsvHelper in turn, median of 5 runs each, page cache
// warm; `wc -l` on the same file as the floor of reading it at all. Every reader must give the same counts.
//
//   dotnet run -c Release --project benchmarks/CsvReaderBenchmark -- [WORKDIR] [--copies N]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using nietras.SeparatedValues;
using Provenance.Manifest.Digests;
using Sylvan.Data.Csv;
using CsvDataReader = Sylvan.Data.Csv.CsvDataReader;

var inv = CultureInfo.InvariantCulture;
string work = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "/tmp/provenance-csv-bench";
int copies = args.SkipWhile(a => a != "--copies").Skip(1).Select(int.Parse).FirstOrDefault(40);
Directory.CreateDirectory(work);
string csvPath = Path.Combine(work, $"sotu-x{copies}.csv");
if (!File.Exists(csvPath))
{
    string corpus = FindCorpus();
    var rows = File.ReadLines(corpus).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    using (var writer = new StreamWriter(csvPath + ".tmp", false, new UTF8Encoding(false)))
    {
        writer.Write("year,president,party,text\n");
        for (int c = 0; c < copies; c++)
        {
            foreach (var row in rows)
            {
                writer.Write(string.Join(',', new[] { "year", "president", "party", "text" }.Select(k => Quote(row.GetProperty(k).ToString()))));
                writer.Write('\n');
            }
        }
    }

    File.Move(csvPath + ".tmp", csvPath);
}

long bytes = new FileInfo(csvPath).Length;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Load()}");
Console.WriteLine($"file: {csvPath}, {bytes / 1e6:0} MB, State of the Union x {copies} (quoted text fields with newlines)");
Console.WriteLine();
Console.WriteLine("| reader | version | records | tokens | records + tokens: median s (5 runs) | MB/s | parse only (fields' lengths): median s | MB/s |");
Console.WriteLine("|---|---|---:|---:|---|---:|---|---:|");

var readers = new (string Name, Type Type, Func<string, bool, (long, long)> Count)[]
{
    ("Sep", typeof(Sep), SepCount),
    ("Sylvan.Data.Csv", typeof(CsvDataReader), SylvanCount),
    ("CsvHelper", typeof(CsvReader), CsvHelperCount),
};
(long, long)? expected = null;
foreach (var (name, type, count) in readers)
{
    (long records, long tokens) result = default;
    double[] Measure(bool words) => Enumerable.Range(0, 5).Select(_ =>
    {
        var watch = Stopwatch.StartNew();
        var r = count(csvPath, words);
        if (words)
        {
            result = r;
        }

        return watch.Elapsed.TotalSeconds;
    }).Order().ToArray();
    var full = Measure(true);
    var parse = Measure(false);
    expected ??= result;
    string agree = result == expected ? "" : " (DISAGREES)";
    Console.WriteLine($"| {name} | {type.Assembly.GetName().Version} | {result.records:N0}{agree} | {result.tokens:N0} | {full[2]:0.00} ({string.Join(", ", full.Select(t => t.ToString("0.00", inv)))}) | {bytes / 1e6 / full[2]:0} | {parse[2]:0.00} | {bytes / 1e6 / parse[2]:0} |");
}

var wc = Stopwatch.StartNew();
var process = Process.Start(new ProcessStartInfo("wc", ["-l", csvPath]) { RedirectStandardOutput = true })!;
process.StandardOutput.ReadToEnd();
process.WaitForExit();
Console.WriteLine($"| `wc -l` (floor) | | | | | | {wc.Elapsed.TotalSeconds:0.00} | {bytes / 1e6 / wc.Elapsed.TotalSeconds:0} |");
Console.WriteLine($"load average after: {Load()}");
return 0;

static (long, long) SepCount(string path, bool words)
{
    long records = 0, tokens = 0;
    using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(path);
    foreach (var row in reader)
    {
        records++;
        for (int i = 0; i < row.ColCount; i++)
        {
            tokens += words ? WordTokens.Count(row[i].Span) : row[i].Span.Length;
        }
    }

    return (records, tokens);
}

static (long, long) SylvanCount(string path, bool words)
{
    long records = 0, tokens = 0;
    using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = 128 << 20 });
    while (csv.Read())
    {
        records++;
        for (int i = 0; i < csv.RowFieldCount; i++)
        {
            tokens += words ? WordTokens.Count(csv.GetFieldSpan(i)) : csv.GetFieldSpan(i).Length;
        }
    }

    return (records, tokens);
}

static (long, long) CsvHelperCount(string path, bool words)
{
    // CsvHelper 34 reads UTF-8 bytes: fields are counted with the engine's byte-level counter (same rule).
    long records = 0, tokens = 0;
    using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, AllowLineBreaksInQuotes = true, MaxRecordSize = 128 << 20 }, FileOptions.SequentialScan);
    while (csv.Read())
    {
        records++;
        for (int i = 0; i < csv.FieldCount; i++)
        {
            var field = csv.GetSpan(i);
            long count = field.Length;
            if (words)
            {
                WordTokens.TryCountUtf8(field, out count, out _);
            }

            tokens += count;
        }
    }

    return (records, tokens);
}

static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "shared", "corpora", "sotu.jsonl");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("the State of the Union corpus (shared/corpora/sotu.jsonl) was not found above " + AppContext.BaseDirectory);
}
