using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Diversity;

public sealed class DiversityMetricsTests
{
    private static IReadOnlyList<string>[] Seqs(params string[] sentences) =>
        sentences.Select(s => (IReadOnlyList<string>)s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    [Fact]
    public void DistinctN_counts_distinct_ngrams_over_ngrams_and_never_crosses_a_sequence()
    {
        Assert.Equal(0.5, DiversityMetrics.DistinctN(Seqs("a b a b"), 1));
        Assert.Equal(2.0 / 3, DiversityMetrics.DistinctN(Seqs("a b a b"), 2), 12);
        Assert.Equal(1.0, DiversityMetrics.DistinctN(Seqs("a b", "b a"), 2)); // "b b" across the boundary is not a bigram
        Assert.Equal(0.5, DiversityMetrics.DistinctN(Seqs("a b", "a b"), 2));
        Assert.Equal(0, DiversityMetrics.DistinctN(Seqs("a", "b"), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiversityMetrics.DistinctN(Seqs("a"), 0));
    }

    [Fact]
    public void Entropy_is_in_bits()
    {
        Assert.Equal(1.0, DiversityMetrics.Entropy(new double[] { 3, 3 }), 12);
        Assert.Equal(2.0, DiversityMetrics.Entropy(new double[] { 1, 1, 1, 1 }), 12);
        Assert.Equal(0.0, DiversityMetrics.Entropy(new double[] { 7 }));
        Assert.Equal(0.0, DiversityMetrics.Entropy(Array.Empty<double>()));
        // p = (1/2, 1/4, 1/4): 1/2·1 + 2·1/4·2 = 1.5 bits
        Assert.Equal(1.5, DiversityMetrics.UnigramEntropy(Seqs("a b", "a c")), 12);
    }

    [Fact]
    public void Expected_distinct_share_is_rarefaction_with_replacement()
    {
        // Two equally likely types, two draws: each is present with probability 1 − (1/2)² = 3/4; 1.5 expected of 2 draws.
        Assert.Equal(0.75, DiversityMetrics.ExpectedDistinctShare(new double[] { 1, 1 }, 2), 12);
        // One draw is always distinct.
        Assert.Equal(1.0, DiversityMetrics.ExpectedDistinctShare(new double[] { 5, 1, 2 }, 1), 12);
        // Scale-free: doubling every count (a mix that repeats the same distribution) changes nothing.
        var counts = new double[] { 1, 1, 2, 5, 9 };
        Assert.Equal(DiversityMetrics.ExpectedDistinctShare(counts, 18), DiversityMetrics.ExpectedDistinctShare(counts.Select(c => c * 2), 18), 12);
        Assert.Equal(0, DiversityMetrics.ExpectedDistinctShare(Array.Empty<double>(), 10));
    }

    [Fact]
    public void Tail_survival_is_the_share_of_reference_types_with_count_at_most_2_still_present()
    {
        var reference = new Dictionary<string, double> { ["a"] = 1, ["b"] = 2, ["c"] = 3, ["d"] = 1 };
        Assert.Equal(new[] { "a", "b", "d" }, DiversityMetrics.Tail(reference).OrderBy(x => x));
        Assert.Equal(2.0 / 3, DiversityMetrics.TailSurvival(reference, w => w is "a" or "b" or "c"), 12);
        Assert.Equal(0.0, DiversityMetrics.TailSurvival(reference, w => w == "c"));
        Assert.Equal(1.0, DiversityMetrics.TailSurvival(new Dictionary<string, double> { ["x"] = 5 }, _ => false));
    }

    [Fact]
    public void Relative_drop_is_relative_to_the_reference()
    {
        Assert.Equal(0.25, DiversityMetrics.RelativeDrop(0.8, 0.6), 12);
        Assert.Equal(-0.5, DiversityMetrics.RelativeDrop(1, 1.5), 12);
        Assert.Equal(0, DiversityMetrics.RelativeDrop(0, 0.5));
    }

    [Fact]
    public void Word_tokens_follow_the_seal_rule_lowercased_with_one_apostrophe()
    {
        Assert.Equal(new[] { "don't", "stop", "don't", "café", "42", "snake_case" }, WordTokens.Split("Don’t STOP, don't! Café 42 snake_case."));
        foreach (string line in Corpus.Lines().Take(20))
        {
            string text = Provenance.Manifest.Diversity.ShardText.RecordText(line);
            Assert.Equal(ShardCounter.CountTokens(text), WordTokens.Split(text).Count);
        }
    }

    [Fact]
    public void Text_counts_add_weighted_shards()
    {
        var one = new TextCounts();
        one.AddSequence(new[] { "a", "b", "a" });
        var mix = new TextCounts();
        mix.Add(one, 0.5);
        mix.Add(one, 0);
        Assert.Equal(1.0, mix.Unigrams["a"]);
        Assert.Equal(0.5, mix.Bigrams["a b"]);
        Assert.Equal(1.5, mix.Tokens);
        Assert.Equal(1.0, mix.BigramTokens);
    }
}
