// SotuGenerator: builds the data and manifests of samples/SotuAssistant (passing) and samples/SotuReplace (failing)
// from the State of the Union corpus, deterministically, and records every shard's lineage through the engine's API.
//
//   dotnet run --project samples/SotuGenerator -- [--corpus PATH/sotu.jsonl] [--out PATH/samples]
//
// Defaults: --out is the samples folder of the repository this runs in; --corpus is ../shared/corpora/sotu.jsonl next
// to the repository, or, when that is not there, the committed human shards themselves (they are the corpus, split).
using System.Globalization;
using SotuGenerator;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

string? corpus = null, output = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--corpus" when i + 1 < args.Length:
            corpus = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: SotuGenerator [--corpus PATH/sotu.jsonl] [--out PATH/samples]");
            return 0;
        default:
            Console.Error.WriteLine($"SotuGenerator: unknown argument '{args[i]}'. usage: SotuGenerator [--corpus PATH/sotu.jsonl] [--out PATH/samples]");
            return 2;
    }
}

try
{
    string samples = Path.GetFullPath(output ?? Path.Combine(Generator.FindRepositoryRoot(), "samples"));
    return new Generator(samples, corpus).Run();
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine("SotuGenerator: " + ex.Message);
    return 1;
}
