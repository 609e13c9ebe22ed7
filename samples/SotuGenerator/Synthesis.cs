using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Provenance.Manifest.Digests;

namespace SotuGenerator;

/// <summary>Decoding settings of a generation run; recorded in the manifest as <c>generator.decoding</c>.</summary>
public sealed record Decoding(int Seed, int MaxTokens = 1500, int MaxSentenceTokens = 100, double Temperature = 1.0);

/// <summary>The outcome of sampling one synthetic shard.</summary>
public sealed record SyntheticShard(string Id, string RelativePath, List<string> DerivedFrom, byte[] Bytes, List<string> Texts, int Accepted, int Rejected, List<string> RejectLogLines);

/// <summary>
/// The independent check every synthetic address must pass before it is admitted: it is compared with the human
/// corpus (the ground truth), not judged by the generator. An address is rejected when it is shorter than
/// <see cref="MinTokens"/> word tokens, or when more than <see cref="MaxCopiedShare"/> of its sentences of six words
/// or more are verbatim copies of a human sentence (memorized, not generated).
/// </summary>
public sealed class Verifier
{
    /// <summary>Minimum length in word tokens (the engine's token rule).</summary>
    public const int MinTokens = 150;

    /// <summary>Maximum share of verbatim human sentences.</summary>
    public const double MaxCopiedShare = 0.30;

    private readonly HashSet<string> _humanSentences = new(StringComparer.Ordinal);

    /// <summary>Builds the verifier from the human texts.</summary>
    public Verifier(IEnumerable<string> humanTexts)
    {
        foreach (string text in humanTexts)
        {
            foreach (var sentence in BigramModel.Sentences(text))
            {
                if (sentence.Count >= 6)
                {
                    _humanSentences.Add(string.Join(' ', sentence));
                }
            }
        }
    }

    /// <summary>How the manifest names this verifier.</summary>
    public static string Name => string.Format(System.Globalization.CultureInfo.InvariantCulture,
        "sotu-filter (>= {0} tokens, <= {1:0%} of sentences copied verbatim from the human corpus)", MinTokens, MaxCopiedShare);

    /// <summary>Null when <paramref name="text"/> is accepted, else the reason it is rejected.</summary>
    public string? Reject(string text)
    {
        long tokens = ShardCounter.CountTokens(text);
        if (tokens < MinTokens)
        {
            return $"too short: {tokens} tokens";
        }

        int sentences = 0, copied = 0;
        foreach (var sentence in BigramModel.Sentences(text))
        {
            if (sentence.Count >= 6)
            {
                sentences++;
                copied += _humanSentences.Contains(string.Join(' ', sentence)) ? 1 : 0;
            }
        }

        return sentences > 0 && (double)copied / sentences > MaxCopiedShare
            ? $"copied: {copied} of {sentences} sentences are verbatim human sentences"
            : null;
    }
}

/// <summary>Samples synthetic State of the Union addresses from a <see cref="BigramModel"/>.</summary>
public static class Synthesis
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Samples <paramref name="attempts"/> addresses. Each starts with the opening words of a real address drawn from
    /// <paramref name="prompts"/> (and takes its year), then continues sentence by sentence from the model, up to a
    /// random number of sentences (3–60) and at most <see cref="Decoding.MaxTokens"/> words. The verifier decides which
    /// are admitted; rejected ones go to the reject log with the reason.
    /// </summary>
    public static SyntheticShard Sample(string id, string relativePath, List<string> derivedFrom, BigramModel model, IReadOnlyList<(int Year, string Text)> prompts,
        int attempts, Random random, Decoding decoding, Verifier verifier)
    {
        var shard = new StringBuilder();
        var texts = new List<string>();
        var rejectLog = new List<string>();
        int accepted = 0, rejected = 0;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            var (year, promptText) = prompts[random.Next(prompts.Count)];
            var prompt = BigramModel.Sentences(promptText).First().Take(4).ToList();
            int targetSentences = random.Next(3, 61);
            var words = new List<string>();
            for (int s = 0; s < targetSentences; s++)
            {
                var sentence = model.SampleSentence(random, decoding.MaxSentenceTokens, s == 0 ? prompt : null);
                if (words.Count + sentence.Count > decoding.MaxTokens)
                {
                    break;
                }

                words.AddRange(sentence);
            }

            string text = string.Join(' ', words);
            if (verifier.Reject(text) is { } reason)
            {
                rejected++;
                rejectLog.Add($"{{\"shard\": {Str(id)}, \"year\": {year}, \"reason\": {Str(reason)}, \"text\": {Str(text)}}}");
                continue;
            }

            accepted++;
            texts.Add(text);
            shard.Append($"{{\"year\": {year}, \"model\": {Str(model.Name)}, \"text\": {Str(text)}}}\n");
        }

        return new SyntheticShard(id, relativePath, derivedFrom, Corpus.Utf8.GetBytes(shard.ToString()), texts, accepted, rejected, rejectLog);
    }

    private static string Str(string value) => JsonSerializer.Serialize(value, Json);
}
