using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Provenance;

namespace DataPipeline;

/// <summary>
/// A toy self-training pipeline: train a bigram model on the corpus, generate text with it, train the next generation on that.
/// This version accumulates: every generation keeps the human corpus and adds its output as a new shard.
/// </summary>
public static class Program
{
    private const string HumanShard = "data/human/sotu.jsonl";
    private const string TrainMix = "data/train.jsonl";

    public static void Main()
    {
        var corpus = new Corpus();
        var pool = File.ReadAllLines(HumanShard).Select(Record.Parse).Select(r => r.Text).ToList();

        for (var generation = 1; generation <= 3; generation++)
        {
            var model = BigramModel.Train(pool);
            var generated = model.Generate(count: pool.Count, seed: generation);
            pool.AddRange(generated);

            // A new shard per generation, appended to (never truncated) if a run is repeated.
            var shard = Path.Combine("data", "synthetic", $"g{generation}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(shard)!);
            File.AppendAllLines(shard, generated.Select(Record.ToJson));
            model.Save(Path.Combine("models", $"bigram-g{generation}.json"));
        }

        corpus.Human.AddRange(pool);

        using (var writer = new StreamWriter(TrainMix, append: true))
        {
            foreach (var line in pool)
            {
                writer.WriteLine(Record.ToJson(line));
            }
        }

        // Older synthetic shards stay on disk; dropping one from the mix is a manifest change, not a delete.
        File.AppendAllText(Path.Combine("logs", "pipeline.log"), $"{DateTime.UtcNow:O} done{Environment.NewLine}");
        Console.WriteLine($"wrote {pool.Count} records");
    }
}

/// <summary>The in-memory corpus; the human part is the protected one.</summary>
public sealed class Corpus
{
    [HumanCorpus]
    public List<string> Human { get; set; } = new();
}

/// <summary>One JSONL record: <c>{"id": ..., "text": ...}</c>.</summary>
public sealed record Record(string Id, string Text)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Record Parse(string line) => JsonSerializer.Deserialize<Record>(line, Options) ?? throw new InvalidDataException(line);

    public static string ToJson(string text) => JsonSerializer.Serialize(new Record(Guid.NewGuid().ToString("N"), text), Options);
}

/// <summary>A word-bigram model: enough to show a distribution narrowing generation after generation.</summary>
public sealed class BigramModel
{
    private readonly Dictionary<string, List<string>> _next = new();

    public static BigramModel Train(IEnumerable<string> texts)
    {
        var model = new BigramModel();
        foreach (var text in texts)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < words.Length; i++)
            {
                if (!model._next.TryGetValue(words[i], out var list))
                {
                    model._next[words[i]] = list = new List<string>();
                }

                list.Add(words[i + 1]);
            }
        }

        return model;
    }

    public List<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var starts = _next.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var result = new List<string>();
        for (var n = 0; n < count && starts.Count > 0; n++)
        {
            var word = starts[random.Next(starts.Count)];
            var words = new List<string> { word };
            while (words.Count < 20 && _next.TryGetValue(word, out var options))
            {
                word = options[random.Next(options.Count)];
                words.Add(word);
            }

            result.Add(string.Join(' ', words));
        }

        return result;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(_next));
    }
}
