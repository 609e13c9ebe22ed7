using System.Reflection;
using System.Diagnostics;
using Provenance.Manifest.Diversity;

namespace CollapseLab;

/// <summary>How each generation's training data is made (Gerstgrasser et al. 2024; Shumailov et al. 2024).</summary>
public enum Mode
{
    /// <summary>Train only on the previous model's samples.</summary>
    Replace,

    /// <summary>Train on the human corpus plus every synthetic sample so far.</summary>
    Accumulate,

    /// <summary>Train on a fresh random 10 % of the human sentences plus synthetic samples up to the budget.</summary>
    FixedFrac,

    /// <summary>Accumulate, then train on a random budget-sized subset of the pool.</summary>
    AccSub,
}

/// <summary>The lab's settings. Defaults reproduce the README's figures.</summary>
public sealed class LabOptions
{
    /// <summary>
    /// The folder of CollapseLab.csproj, recorded at build time (assembly metadata <c>CollapseLab.ProjectDirectory</c>),
    /// so that the defaults below do not depend on the folder <c>dotnet run</c> is started from: the README runs it from
    /// the repository root, the lab's own README from its folder. Falls back to the current folder when the build
    /// did not record it (a copied binary) or the folder is gone.
    /// </summary>
    public static string ProjectDirectory { get; } = typeof(LabOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "CollapseLab.ProjectDirectory")?.Value is { } recorded && Directory.Exists(recorded)
        ? recorded
        : Directory.GetCurrentDirectory();

    /// <summary>The jsonl corpus with a <c>text</c> field. Default: the project's <c>data/moby-dick.jsonl</c>.</summary>
    public string CorpusPath { get; set; } = Path.Combine(ProjectDirectory, "data", "moby-dick.jsonl");

    /// <summary>Where the lineage (shards, manifests, locks) is written; null writes none. Default: the project's <c>out/</c>.</summary>
    public string? OutDirectory { get; set; } = Path.Combine(ProjectDirectory, "out");

    /// <summary>Words per generation: the human training set and every synthetic sample (budget).</summary>
    public int Budget { get; set; } = 50_000;

    /// <summary>Generations after generation 0.</summary>
    public int Generations { get; set; } = 10;

    /// <summary>Human sentences held out as the test set.</summary>
    public int TestSentences { get; set; } = 1_000;

    /// <summary>Words in the fixed-size sample each model is measured on (distinct-n, entropy).</summary>
    public int EvaluationTokens { get; set; } = 50_000;

    /// <summary>fixedfrac's share of the human sentences in each generation.</summary>
    public double HumanFraction { get; set; } = 0.10;

    /// <summary>The bigram's weight λ in the held-out cross-entropy.</summary>
    public double Lambda { get; set; } = 0.8;

    /// <summary>The seed of every <see cref="Random"/>.</summary>
    public int Seed { get; set; } = 20240724;

    /// <summary>The modes to run.</summary>
    public IReadOnlyList<Mode> Modes { get; set; } = new[] { Mode.Replace, Mode.Accumulate, Mode.FixedFrac, Mode.AccSub };

    /// <summary>Check every manifest with the diversity gate (reads every shard).</summary>
    public bool CheckDiversity { get; set; } = true;
}

/// <summary>The figures of one model (generation) in one mode.</summary>
public sealed class GenerationResult
{
    public required Mode Mode { get; init; }

    public required int Generation { get; init; }

    /// <summary>Training words.</summary>
    public required long TrainTokens { get; init; }

    /// <summary>Human words / training words, fraction 0–1.</summary>
    public required double HumanShare { get; init; }

    /// <summary>distinct-1 of the model's fixed-size sample.</summary>
    public required double Distinct1 { get; init; }

    /// <summary>distinct-2 of the model's fixed-size sample (bigrams within sentences).</summary>
    public required double Distinct2 { get; init; }

    /// <summary>Unigram entropy of the model's sample, bits.</summary>
    public required double EntropyBits { get; init; }

    /// <summary>Share of the human training set's types with count ≤ 2 still in the model's support.</summary>
    public required double TailSurvival { get; init; }

    /// <summary>Held-out cross-entropy, bits per token.</summary>
    public required double CrossEntropyBits { get; init; }

    /// <summary>For c = 1..5: human training types of count c, and how many of them are in the model's support.</summary>
    public required (int Types, int Survived)[] SurvivalByCount { get; init; }

    /// <summary>The engine's check of this generation's manifest (null without lineage).</summary>
    public Provenance.Manifest.CheckResult? Check { get; set; }
}

/// <summary>The whole run.</summary>
public sealed class LabResult
{
    public required IReadOnlyList<GenerationResult> Generations { get; init; }

    public required long HumanTrainTokens { get; init; }

    public required int HumanTrainSentences { get; init; }

    public required int TestSentences { get; init; }

    public required int TailTypes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public IEnumerable<GenerationResult> Of(Mode mode) => Generations.Where(g => g.Mode == mode).OrderBy(g => g.Generation);

    public GenerationResult At(Mode mode, int generation) => Generations.Single(g => g.Mode == mode && g.Generation == generation);
}

/// <summary>
/// The experiment: hold out test sentences, take a human training set of about <see cref="LabOptions.Budget"/> words,
/// then for each mode train a bigram model, sample from it, build the next generation's training set, and repeat.
/// Every generation is measured and (with an out folder) recorded through the engine by <see cref="LineageRecorder"/>.
/// </summary>
public static class Lab
{
    public static string Name(Mode mode) => mode.ToString().ToLowerInvariant();

    public static LabResult Run(LabOptions options, TextWriter? log = null)
    {
        var clock = Stopwatch.StartNew();
        var all = Corpus.ReadSentences(options.CorpusPath);
        var shuffle = new Random(options.Seed);
        var order = Enumerable.Range(0, all.Count).ToArray();
        shuffle.Shuffle(order);
        var test = order.Take(options.TestSentences).Select(i => all[i]).ToList();
        var human = new List<HumanSentence>();
        long humanTokens = 0;
        foreach (int i in order.Skip(options.TestSentences))
        {
            if (humanTokens >= options.Budget)
            {
                break;
            }

            human.Add(all[i]);
            humanTokens += all[i].Words.Length;
        }

        var vocabulary = new Vocabulary();
        var humanIds = human.Select(s => s.Words.Select(vocabulary.Add).ToArray()).ToList();
        int vocabularySize = vocabulary.Count;
        int originalVocabulary = vocabularySize - 1; // human types + </s> + <unk>; <s> is never predicted
        var testIds = test.Select(s => s.Words.Select(vocabulary.Find).ToArray()).ToList();
        var humanCounts = new long[vocabularySize];
        foreach (int[] sentence in humanIds)
        {
            foreach (int w in sentence)
            {
                humanCounts[w]++;
            }
        }

        long budget = humanTokens;
        var results = new List<GenerationResult>();
        var recorder = options.OutDirectory is null ? null : new LineageRecorder(options, human);
        foreach (var mode in options.Modes)
        {
            var random = new Random(options.Seed + (1 + (int)mode) * 1_000_003);
            var training = humanIds;
            var synthetic = new List<List<int[]>>();
            var model = BigramModel.Train(training, vocabularySize);
            results.Add(Measure(mode, 0, model, training.Sum(s => (long)s.Length), 1, options, vocabulary, humanCounts, testIds, originalVocabulary));
            recorder?.Generation0(mode, model, results[^1]);
            for (int t = 1; t <= options.Generations; t++)
            {
                long humanInTraining = 0;
                List<int[]> sample;
                switch (mode)
                {
                    case Mode.Replace:
                        sample = model.Sample(random, budget);
                        training = sample;
                        break;
                    case Mode.Accumulate:
                        sample = model.Sample(random, budget);
                        training = humanIds.Concat(synthetic.SelectMany(s => s)).Concat(sample).ToList();
                        humanInTraining = humanTokens;
                        break;
                    case Mode.FixedFrac:
                        var subset = Subset(random, humanIds, (int)Math.Round(options.HumanFraction * humanIds.Count));
                        humanInTraining = subset.Sum(s => (long)s.Length);
                        sample = model.Sample(random, budget - humanInTraining);
                        training = subset.Concat(sample).ToList();
                        break;
                    default:
                        sample = model.Sample(random, budget);
                        var pool = humanIds.Select(s => (Sentence: s, Human: true))
                            .Concat(synthetic.SelectMany(s => s).Concat(sample).Select(s => (Sentence: s, Human: false))).ToArray();
                        random.Shuffle(pool);
                        training = new List<int[]>();
                        long taken = 0;
                        foreach (var (sentence, isHuman) in pool)
                        {
                            if (taken >= budget)
                            {
                                break;
                            }

                            training.Add(sentence);
                            taken += sentence.Length;
                            humanInTraining += isHuman ? sentence.Length : 0;
                        }

                        break;
                }

                synthetic.Add(sample);
                var previous = model;
                model = BigramModel.Train(training, vocabularySize);
                long trainTokens = training.Sum(s => (long)s.Length);
                var result = Measure(mode, t, model, trainTokens, (double)humanInTraining / trainTokens, options, vocabulary, humanCounts, testIds, originalVocabulary);
                results.Add(result);
                recorder?.Generation(mode, t, previous, sample.Select(s => s.Select(w => vocabulary[w]).ToArray()).ToList(), result);
            }
        }

        var experiment = clock.Elapsed;
        recorder?.CheckAll(results);
        log?.WriteLine($"CollapseLab: {human.Count} human training sentences ({humanTokens} words), {test.Count} held out, {options.Modes.Count} modes x {options.Generations} generations in {clock.Elapsed.TotalSeconds:0.0} s"
            + (recorder is null ? "" : $" (checking the {results.Count} manifests: {(clock.Elapsed - experiment).TotalSeconds:0.0} s)"));
        return new LabResult
        {
            Generations = results,
            HumanTrainTokens = humanTokens,
            HumanTrainSentences = human.Count,
            TestSentences = test.Count,
            TailTypes = humanCounts.Count(c => c is > 0 and <= DiversityMetrics.TailMaxCount),
            Elapsed = clock.Elapsed,
        };
    }

    private static List<int[]> Subset(Random random, List<int[]> sentences, int count)
    {
        var indices = Enumerable.Range(0, sentences.Count).ToArray();
        random.Shuffle(indices);
        return indices.Take(count).Order().Select(i => sentences[i]).ToList();
    }

    private static GenerationResult Measure(Mode mode, int generation, BigramModel model, long trainTokens, double humanShare, LabOptions options,
        Vocabulary vocabulary, long[] humanCounts, List<int[]> test, int originalVocabulary)
    {
        // The same seed for every mode at a generation: generation 0 is one model, measured once.
        var sample = model.Sample(new Random(options.Seed ^ (generation * 7919 + 17)), options.EvaluationTokens);
        var words = sample.Select(s => (IReadOnlyList<string>)s.Select(w => vocabulary[w]).ToArray()).ToList();
        var byCount = new (int Types, int Survived)[6];
        for (int w = 0; w < humanCounts.Length; w++)
        {
            if (humanCounts[w] is > 0 and <= 5)
            {
                int c = (int)humanCounts[w];
                byCount[c].Types++;
                byCount[c].Survived += model.InSupport(w) ? 1 : 0;
            }
        }

        int tail = byCount[1].Types + byCount[2].Types;
        return new GenerationResult
        {
            Mode = mode,
            Generation = generation,
            TrainTokens = trainTokens,
            HumanShare = humanShare,
            Distinct1 = DiversityMetrics.DistinctN(words, 1),
            Distinct2 = DiversityMetrics.DistinctN(words, 2),
            EntropyBits = DiversityMetrics.UnigramEntropy(words),
            TailSurvival = tail == 0 ? 1 : (double)(byCount[1].Survived + byCount[2].Survived) / tail,
            CrossEntropyBits = model.CrossEntropy(test, originalVocabulary, options.Lambda),
            SurvivalByCount = byCount,
        };
    }
}
