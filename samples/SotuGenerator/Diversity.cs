using System.Text.RegularExpressions;

namespace SotuGenerator;

/// <summary>
/// The diversity measures the model-collapse literature watches (BRIEF section 1, rule 4): distinct word types,
/// distinct-2 (distinct bigrams / bigrams), and how many of the human corpus's rare words survive in a generation.
/// </summary>
public static partial class Diversity
{
    [GeneratedRegex(@"\p{L}+(?:['\u2019]\p{L}+)*")]
    private static partial Regex WordPattern();

    /// <summary>The lower-cased words of a text.</summary>
    public static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    /// <summary>Human words seen at most <paramref name="maxCount"/> times.</summary>
    public static HashSet<string> RareTypes(IEnumerable<string> texts, int maxCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string word in texts.SelectMany(Words))
        {
            counts[word] = counts.TryGetValue(word, out int n) ? n + 1 : 1;
        }

        return counts.Where(p => p.Value <= maxCount).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Prints one row: words, types, distinct-2, rare human types present.</summary>
    public static void Print(string label, IEnumerable<string> texts, HashSet<string> rare)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var bigrams = new HashSet<(string, string)>();
        long words = 0, pairs = 0;
        foreach (string text in texts)
        {
            string? previous = null;
            foreach (string word in Words(text))
            {
                words++;
                types.Add(word);
                if (previous is not null)
                {
                    pairs++;
                    bigrams.Add((previous, word));
                }

                previous = word;
            }
        }

        double distinct2 = pairs == 0 ? 0 : (double)bigrams.Count / pairs;
        int rarePresent = types.Count(rare.Contains);
        Console.WriteLine($"  {label,-16} {words,10:N0} words {types.Count,8:N0} types  distinct-2 {distinct2:0.000}  rare human types present {rarePresent,6:N0} of {rare.Count:N0}");
    }
}
