using System.Globalization;
using CollapseLab;

// CollapseLab: dotnet run -c Release [-- --corpus FILE --out DIR --results DIR --budget WORDS --generations N --seed N]
var options = new LabOptions();
string results = Path.Combine(LabOptions.ProjectDirectory, "results");
const string Usage = "Usage: dotnet run -c Release [-- --corpus FILE --out DIR|--no-lineage --results DIR --budget WORDS --generations N --seed N]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    if (option == "--no-lineage")
    {
        options.OutDirectory = null;
        continue;
    }

    if (option is not ("--corpus" or "--out" or "--results" or "--budget" or "--generations" or "--seed") || i + 1 == args.Length)
    {
        Console.Error.WriteLine($"collapselab: {(i + 1 == args.Length && option.StartsWith("--", StringComparison.Ordinal) ? $"{option} needs a value" : $"unknown argument '{option}'")}. {Usage}");
        return 2;
    }

    string value = args[++i];
    bool number = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n);
    switch (option)
    {
        case "--corpus": options.CorpusPath = value; break;
        case "--out": options.OutDirectory = value; break;
        case "--results": results = value; break;
        case "--seed" when number: options.Seed = n; break;
        case "--budget" when number && n > 0: options.Budget = n; break;
        case "--generations" when number && n > 0: options.Generations = n; break;
        default:
            Console.Error.WriteLine($"collapselab: {option} takes a whole number{(option == "--seed" ? string.Empty : " above 0")}, not '{value}'. {Usage}");
            return 2;
    }
}

if (!File.Exists(options.CorpusPath))
{
    Console.Error.WriteLine($"collapselab: the corpus {Path.GetFullPath(options.CorpusPath)} does not exist; pass one with --corpus FILE (jsonl with a 'text' field).");
    return 2;
}

var result = Lab.Run(options, Console.Out);
Console.WriteLine();
Console.WriteLine("mode        gen  train words  human  distinct-1  distinct-2  entropy  tail surv.  x-entropy  check");
foreach (var g in result.Generations)
{
    string check = g.Check is null ? "-" : g.Check.HasErrors
        ? "FAIL " + string.Join(",", g.Check.Diagnostics.Where(d => d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal))
        : "pass";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Lab.Name(g.Mode),-10} {g.Generation,4} {g.TrainTokens,12:#,0} {g.HumanShare,6:0.000} {g.Distinct1,11:0.000} {g.Distinct2,11:0.000} {g.EntropyBits,8:0.00} {g.TailSurvival,11:0.000} {g.CrossEntropyBits,10:0.00}  {check}"));
}

Console.WriteLine();
Console.WriteLine("Tail survival under replace, measured vs closed form 1 - q_t^c (q_0 = 0, q_t+1 = exp(q_t - 1)):");
foreach (var g in result.Of(Mode.Replace).Where(g => g.Generation > 0))
{
    var b = g.SurvivalByCount;
    double measured = (double)(b[1].Survived + b[2].Survived) / (b[1].Types + b[2].Types);
    double predicted = ((b[1].Types * Provenance.Manifest.Diversity.DiversityMetrics.PredictedSurvival(1, g.Generation))
        + (b[2].Types * Provenance.Manifest.Diversity.DiversityMetrics.PredictedSurvival(2, g.Generation))) / (b[1].Types + b[2].Types);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generation {g.Generation,2}: measured {measured:0.000}, predicted {predicted:0.000} (c=1: {(double)b[1].Survived / b[1].Types:0.000} vs {Provenance.Manifest.Diversity.DiversityMetrics.PredictedSurvival(1, g.Generation):0.000}; c=2: {(double)b[2].Survived / b[2].Types:0.000} vs {Provenance.Manifest.Diversity.DiversityMetrics.PredictedSurvival(2, g.Generation):0.000})"));
}

if (result.Generations.Any(g => g.Check?.Diversity is not null))
{
    Console.WriteLine();
    Console.WriteLine("The engine's diversity audit of each mode's last manifest (mix vs generation 0, as provenance audit --diversity reports it):");
    foreach (var mode in options.Modes)
    {
        var report = result.At(mode, options.Generations).Check?.Diversity;
        if (report?.Reference is { } reference && report.Mix is { } mix)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Lab.Name(mode),-10} distinct-2 {reference.Distinct2:0.000} -> {mix.Distinct2:0.000} ({-report.Drop(Provenance.Manifest.Diversity.DiversityMetric.Distinct2):+0.0%;-0.0%}), tail survival {reference.TailSurvival:0.000} -> {mix.TailSurvival:0.000}, entropy {reference.Entropy:0.00} -> {mix.Entropy:0.00} bits"));
        }
    }
}

Directory.CreateDirectory(results);
File.WriteAllText(Path.Combine(results, "collapse.csv"), Reports.Csv(result));
File.WriteAllText(Path.Combine(results, "collapse.svg"), Reports.Svg(result));
Console.WriteLine();
Console.WriteLine($"Wrote {Path.Combine(results, "collapse.csv")} and {Path.Combine(results, "collapse.svg")}; lineage in {options.OutDirectory ?? "(none)"}.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total time: {result.Elapsed.TotalSeconds:0.0} s wall, {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s CPU"));
return 0;
