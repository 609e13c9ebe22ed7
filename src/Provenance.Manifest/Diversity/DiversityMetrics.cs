using System;
using System.Collections.Generic;
using System.Linq;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// Diversity metrics of text, as used in the model-collapse literature. All are pure functions of token sequences or
/// count tables; none reads files.
/// <list type="bullet">
/// <item><b>distinct-n</b> (Li et al., NAACL 2016): distinct n-grams / n-grams, a fraction 0–1. It falls as text grows,
/// so texts of different sizes are compared at a common size with <see cref="ExpectedDistinctShare"/>.</item>
/// <item><b>unigram entropy</b>: −Σ p log₂ p over word types, in bits; it barely moves while the tails vanish.</item>
/// <item><b>tail survival</b> (after Shumailov et al., Nature 631, 2024): the share of a reference text's rare types
/// (count ≤ 2) that are still present, a fraction 0–1.</item>
/// </list>
/// </summary>
public static class DiversityMetrics
{
    /// <summary>The largest count of a reference type that belongs to the tail: 2.</summary>
    public const int TailMaxCount = 2;

    /// <summary>
    /// distinct-n of <paramref name="sequences"/>: the number of distinct n-grams divided by the number of n-grams, where
    /// n-grams never cross from one sequence to the next; 0 when there is no n-gram.
    /// </summary>
    /// <param name="sequences">Token sequences (sentences or records).</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    public static double DistinctN(IEnumerable<IReadOnlyList<string>> sequences, int n)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The n-gram order must be at least 1.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var tokens in sequences)
        {
            for (int i = 0; i + n <= tokens.Count; i++)
            {
                seen.Add(n == 1 ? tokens[i] : string.Join(" ", tokens.Skip(i).Take(n)));
                total++;
            }
        }

        return total == 0 ? 0 : (double)seen.Count / total;
    }

    /// <summary>
    /// The expected distinct-n of <paramref name="sampleSize"/> n-grams drawn, with replacement, from the n-gram
    /// distribution given by <paramref name="counts"/>: (1/K) Σ_b (1 − (1 − p_b)^K) with p_b = count_b / Σ counts and
    /// K = <paramref name="sampleSize"/>. This is rarefaction (Hurlbert, Ecology 52, 1971) on the empirical distribution:
    /// it puts texts of any size on a common size K, and it measures the distribution a model learns from a text rather
    /// than the accident of one draw, so a mix that repeats the same distribution (human data plus faithful synthetic
    /// data) scores like the original. A fraction 0–1; 0 for no counts or K &lt; 1.
    /// </summary>
    public static double ExpectedDistinctShare(IEnumerable<double> counts, double sampleSize)
    {
        var list = counts as IReadOnlyCollection<double> ?? counts.ToList();
        double total = list.Where(c => c > 0).Sum();
        if (total <= 0 || sampleSize < 1)
        {
            return 0;
        }

        double expected = 0;
        foreach (double count in list)
        {
            if (count <= 0)
            {
                continue;
            }

            double p = count / total;
            expected += p >= 1 ? 1 : -ExpM1(sampleSize * Log1P(-p));
        }

        return expected / sampleSize;
    }

    /// <summary>Shannon entropy of the distribution given by <paramref name="counts"/>, in bits; 0 for no counts.</summary>
    public static double Entropy(IEnumerable<double> counts)
    {
        var list = counts as IReadOnlyCollection<double> ?? counts.ToList();
        double total = list.Where(c => c > 0).Sum();
        if (total <= 0)
        {
            return 0;
        }

        double bits = 0;
        foreach (double count in list)
        {
            if (count > 0)
            {
                double p = count / total;
                bits -= p * Math.Log(p, 2);
            }
        }

        return bits;
    }

    /// <summary>Unigram entropy of token sequences, in bits.</summary>
    public static double UnigramEntropy(IEnumerable<IReadOnlyList<string>> sequences)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var tokens in sequences)
        {
            foreach (string token in tokens)
            {
                counts.TryGetValue(token, out double n);
                counts[token] = n + 1;
            }
        }

        return Entropy(counts.Values);
    }

    /// <summary>The tail of a reference count table: its types with a count of 1 to <paramref name="maxCount"/>.</summary>
    public static IReadOnlyList<string> Tail(IReadOnlyDictionary<string, double> reference, int maxCount = TailMaxCount) =>
        reference.Where(p => p.Value > 0 && p.Value <= maxCount).Select(p => p.Key).ToList();

    /// <summary>
    /// Tail survival: the share of <paramref name="reference"/>'s tail types (count 1 to <paramref name="maxCount"/>) for
    /// which <paramref name="present"/> is true, a fraction 0–1; 1 when the reference has no tail (nothing to lose).
    /// </summary>
    /// <param name="reference">Word counts of the reference text (generation 0's human data).</param>
    /// <param name="present">Whether a type is in the support of the text or model compared.</param>
    /// <param name="maxCount">The largest reference count in the tail; default 2.</param>
    public static double TailSurvival(IReadOnlyDictionary<string, double> reference, Func<string, bool> present, int maxCount = TailMaxCount)
    {
        var tail = Tail(reference, maxCount);
        return tail.Count == 0 ? 1 : (double)tail.Count(present) / tail.Count;
    }

    /// <summary>
    /// The closed-form tail survival of a type with count <paramref name="count"/> after <paramref name="generations"/>
    /// generations of replace (each model trained only on the previous model's samples, each sample as large as its
    /// training set): 1 − q_t^c with q_0 = 0 and q_{t+1} = exp(q_t − 1). A type's count in the next sample is then close
    /// to Poisson with mean equal to its count, so its lineage is a Galton–Watson process with Poisson(1) offspring per
    /// occurrence, and q_t is that process's extinction probability by generation t.
    /// </summary>
    public static double PredictedSurvival(int count, int generations)
    {
        double q = 0;
        for (int t = 0; t < generations; t++)
        {
            q = Math.Exp(q - 1);
        }

        return 1 - Math.Pow(q, count);
    }

    /// <summary>The relative drop from <paramref name="reference"/> to <paramref name="value"/>, (reference − value) / reference; 0 when the reference is not positive.</summary>
    public static double RelativeDrop(double reference, double value) => reference > 0 ? (reference - value) / reference : 0;

    private static double Log1P(double x) => Math.Abs(x) < 1e-4 ? x - (x * x / 2) + (x * x * x / 3) : Math.Log(1 + x);

    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;
}
