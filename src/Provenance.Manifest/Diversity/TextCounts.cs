using System;
using System.Collections.Generic;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// The word unigram and bigram counts of some text, the only input the diversity metrics need. Bigrams never cross a
/// sequence (record) boundary; a bigram is keyed as its two words joined by one space (words never contain one).
/// Counts are doubles so that a training mix can add its shards with their sampling weights.
/// </summary>
public sealed class TextCounts
{
    /// <summary>Count per word type.</summary>
    public Dictionary<string, double> Unigrams { get; } = new(StringComparer.Ordinal);

    /// <summary>Count per bigram type (<c>"w1 w2"</c>).</summary>
    public Dictionary<string, double> Bigrams { get; } = new(StringComparer.Ordinal);

    /// <summary>Word tokens (the sum of <see cref="Unigrams"/>).</summary>
    public double Tokens { get; private set; }

    /// <summary>Bigram tokens (the sum of <see cref="Bigrams"/>).</summary>
    public double BigramTokens { get; private set; }

    /// <summary>Sequences (records) added.</summary>
    public long Sequences { get; private set; }

    /// <summary>Adds one sequence of tokens (a record, a sentence).</summary>
    public void AddSequence(IReadOnlyList<string> tokens)
    {
        Sequences++;
        for (int i = 0; i < tokens.Count; i++)
        {
            Add(Unigrams, tokens[i], 1);
            if (i > 0)
            {
                Add(Bigrams, tokens[i - 1] + " " + tokens[i], 1);
            }
        }

        Tokens += tokens.Count;
        BigramTokens += Math.Max(0, tokens.Count - 1);
    }

    /// <summary>Adds <paramref name="other"/>'s counts multiplied by <paramref name="weight"/> (a shard's sampling weight).</summary>
    public void Add(TextCounts other, double weight = 1)
    {
        if (weight <= 0)
        {
            return;
        }

        foreach (var pair in other.Unigrams)
        {
            Add(Unigrams, pair.Key, pair.Value * weight);
        }

        foreach (var pair in other.Bigrams)
        {
            Add(Bigrams, pair.Key, pair.Value * weight);
        }

        Tokens += other.Tokens * weight;
        BigramTokens += other.BigramTokens * weight;
        Sequences += other.Sequences;
    }

    /// <summary>Sets counts directly (reading a cache).</summary>
    internal void Restore(double tokens, double bigramTokens, long sequences)
    {
        Tokens = tokens;
        BigramTokens = bigramTokens;
        Sequences = sequences;
    }

    private static void Add(Dictionary<string, double> counts, string key, double amount)
    {
        counts.TryGetValue(key, out double n);
        counts[key] = n + amount;
    }
}
