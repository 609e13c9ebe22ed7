using System.Security.Cryptography;

namespace CollapseLab;

/// <summary>
/// A word-level bigram language model: maximum-likelihood counts with sentence start and end markers, and no smoothing
/// when sampling, so a model can only produce bigrams it has seen and a word it never saw is gone for good.
/// Successors are kept sorted by id, so sampling is deterministic for a given <see cref="Random"/> seed.
/// </summary>
public sealed class BigramModel
{
    /// <summary>The longest sentence sampled, in words (a safety net; an MLE bigram chain ends with probability 1).</summary>
    public const int MaxSentenceWords = 300;

    private readonly int[][] _next;
    private readonly int[][] _cumulative;
    private readonly long[] _predicted;

    private BigramModel(int[][] next, int[][] cumulative, long[] predicted, long tokens, string digest)
    {
        _next = next;
        _cumulative = cumulative;
        _predicted = predicted;
        Tokens = tokens;
        Digest = digest;
    }

    /// <summary>Training tokens (words, markers excluded).</summary>
    public long Tokens { get; }

    /// <summary><c>sha256:</c> over the model's counts (prev, next, count as little-endian int32 triples, in id order).</summary>
    public string Digest { get; }

    /// <summary>Trains on <paramref name="sentences"/> (word ids); <paramref name="vocabularySize"/> bounds the ids.</summary>
    public static BigramModel Train(IEnumerable<int[]> sentences, int vocabularySize)
    {
        var counts = new Dictionary<long, int>();
        long tokens = 0;
        foreach (int[] sentence in sentences)
        {
            int previous = Vocabulary.Start;
            foreach (int word in sentence)
            {
                Add(counts, previous, word);
                previous = word;
            }

            Add(counts, previous, Vocabulary.End);
            tokens += sentence.Length;
        }

        var byContext = new List<(int Next, int Count)>[vocabularySize];
        var predicted = new long[vocabularySize];
        foreach (var pair in counts)
        {
            int previous = (int)(pair.Key >> 32), next = (int)(pair.Key & 0xFFFFFFFF);
            (byContext[previous] ??= new()).Add((next, pair.Value));
            predicted[next] += pair.Value;
        }

        var nextIds = new int[vocabularySize][];
        var cumulative = new int[vocabularySize][];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> triple = stackalloc byte[12];
        for (int i = 0; i < vocabularySize; i++)
        {
            var successors = byContext[i];
            if (successors is null)
            {
                nextIds[i] = Array.Empty<int>();
                cumulative[i] = Array.Empty<int>();
                continue;
            }

            successors.Sort((a, b) => a.Next.CompareTo(b.Next));
            nextIds[i] = new int[successors.Count];
            cumulative[i] = new int[successors.Count];
            int total = 0;
            for (int k = 0; k < successors.Count; k++)
            {
                total += successors[k].Count;
                nextIds[i][k] = successors[k].Next;
                cumulative[i][k] = total;
                BitConverter.TryWriteBytes(triple[..4], i);
                BitConverter.TryWriteBytes(triple[4..8], successors[k].Next);
                BitConverter.TryWriteBytes(triple[8..], successors[k].Count);
                sha.AppendData(triple);
            }
        }

        string digest = "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
        return new BigramModel(nextIds, cumulative, predicted, tokens, digest);
    }

    /// <summary>True when the model can produce <paramref name="word"/> (it saw the word in training).</summary>
    public bool InSupport(int word) => word < _predicted.Length && _predicted[word] > 0;

    /// <summary>Samples whole sentences until they hold at least <paramref name="tokens"/> words.</summary>
    public List<int[]> Sample(Random random, long tokens)
    {
        var sentences = new List<int[]>();
        var words = new List<int>();
        long total = 0;
        while (total < tokens)
        {
            words.Clear();
            int current = Vocabulary.Start;
            while (words.Count < MaxSentenceWords)
            {
                int next = Next(random, current);
                if (next == Vocabulary.End)
                {
                    break;
                }

                words.Add(next);
                current = next;
            }

            if (words.Count > 0)
            {
                sentences.Add(words.ToArray());
                total += words.Count;
            }
        }

        return sentences;
    }

    /// <summary>
    /// Cross-entropy of <paramref name="test"/> in bits per token (each word and each sentence end is a token):
    /// P(w | u) = λ·c(u, w)/c(u) + (1 − λ)·(c(w) + 1)/(N + V), the bigram interpolated with an add-one unigram over the
    /// original vocabulary of V types (human training words, the end marker and <c>&lt;unk&gt;</c>); a context the model
    /// never saw uses the unigram alone. Words outside the original vocabulary are <c>&lt;unk&gt;</c>.
    /// </summary>
    public double CrossEntropy(IReadOnlyList<int[]> test, int originalVocabulary, double lambda)
    {
        long n = 0;
        foreach (long c in _predicted)
        {
            n += c;
        }

        double bits = 0;
        long count = 0;
        foreach (int[] sentence in test)
        {
            int previous = Vocabulary.Start;
            for (int i = 0; i <= sentence.Length; i++)
            {
                int word = i < sentence.Length ? sentence[i] : Vocabulary.End;
                double unigram = ((word < _predicted.Length ? _predicted[word] : 0) + 1.0) / (n + originalVocabulary);
                var cumulative = _cumulative[previous];
                double p = unigram;
                if (cumulative.Length > 0)
                {
                    int k = Array.BinarySearch(_next[previous], word);
                    double bigram = k >= 0 ? (cumulative[k] - (k > 0 ? cumulative[k - 1] : 0)) / (double)cumulative[^1] : 0;
                    p = (lambda * bigram) + ((1 - lambda) * unigram);
                }

                bits -= Math.Log2(p);
                count++;
                previous = word;
            }
        }

        return count == 0 ? 0 : bits / count;
    }

    private static void Add(Dictionary<long, int> counts, int previous, int next)
    {
        long key = ((long)previous << 32) | (uint)next;
        counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;
    }

    private int Next(Random random, int current)
    {
        var cumulative = _cumulative[current];
        if (cumulative.Length == 0)
        {
            return Vocabulary.End;
        }

        int r = random.Next(cumulative[^1]);
        int index = Array.BinarySearch(cumulative, r + 1);
        return _next[current][index < 0 ? ~index : index];
    }
}
