using System.Security.Cryptography;
using System.Text;

namespace SotuGenerator;

/// <summary>
/// A word-level bigram language model with maximum-likelihood counts and sentence start/end markers.
/// Words are whitespace-separated and keep their punctuation ("States," and "States." are different words), so the
/// samples read like text; a sentence ends after a word ending in '.', '!' or '?' that is not an abbreviation.
/// Sampling is deterministic for a given <see cref="Random"/> seed: successors are kept in first-seen order.
/// </summary>
public sealed class BigramModel
{
    private const int Start = 0;
    private const int End = 1;
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr.", "Mrs.", "Messrs.", "Dr.", "St.", "Gen.", "Hon.", "No.", "Nos.", "Jr.", "Sr.", "Ft.", "Mt.", "vs.", "viz.", "i.e.", "e.g.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    };

    private readonly List<string> _words = new() { "<s>", "</s>" };
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["<s>"] = Start, ["</s>"] = End };
    private readonly List<Dictionary<int, int>> _counts = new() { new(), new() };
    private int[][] _next = Array.Empty<int[]>();
    private int[][] _cumulative = Array.Empty<int[]>();

    private BigramModel(string name) => Name = name;

    /// <summary>The model's name, e.g. <c>sotu-bigram-g1</c>.</summary>
    public string Name { get; }

    /// <summary>The number of distinct bigrams (transitions) seen in training.</summary>
    public long Transitions { get; private set; }

    /// <summary><c>sha256:</c> over the serialized counts (sorted, one <c>prev TAB next TAB count</c> line each).</summary>
    public string Digest { get; private set; } = string.Empty;

    /// <summary>The model reference for a manifest: <c>name@sha256:…</c>.</summary>
    public string Reference => Name + "@" + Digest;

    /// <summary>Trains a model on <paramref name="texts"/>.</summary>
    public static BigramModel Train(string name, IEnumerable<string> texts)
    {
        var model = new BigramModel(name);
        foreach (string text in texts)
        {
            foreach (var sentence in Sentences(text))
            {
                int previous = Start;
                foreach (string word in sentence)
                {
                    int id = model.Id(word);
                    model.Count(previous, id);
                    previous = id;
                }

                model.Count(previous, End);
            }
        }

        model.Freeze();
        return model;
    }

    /// <summary>Splits a text into sentences of words.</summary>
    public static IEnumerable<List<string>> Sentences(string text)
    {
        var sentence = new List<string>();
        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            sentence.Add(word);
            if (EndsSentence(word))
            {
                yield return sentence;
                sentence = new List<string>();
            }
        }

        if (sentence.Count > 0)
        {
            yield return sentence;
        }
    }

    /// <summary>Samples one sentence of at most <paramref name="maxWords"/> words, continuing after <paramref name="prompt"/> when given.</summary>
    public List<string> SampleSentence(Random random, int maxWords, IReadOnlyList<string>? prompt = null)
    {
        var words = new List<string>();
        int current = Start;
        if (prompt is not null)
        {
            foreach (string word in prompt)
            {
                words.Add(word);
                current = _ids.TryGetValue(word, out int id) ? id : Start;
            }
        }

        while (words.Count < maxWords)
        {
            int next = Sample(random, current);
            if (next == End)
            {
                break;
            }

            words.Add(_words[next]);
            current = next;
        }

        return words;
    }

    private static bool EndsSentence(string word)
    {
        string bare = word.TrimEnd('"', '\'', ')', '\u201D', '\u2019');
        if (bare.Length == 0 || (bare[^1] != '.' && bare[^1] != '!' && bare[^1] != '?'))
        {
            return false;
        }

        if (Abbreviations.Contains(bare))
        {
            return false;
        }

        // Initials and dotted abbreviations: "H.", "U.S.", "D.C."
        return !(bare.Length >= 2 && bare.Length <= 6 && bare.Split('.', StringSplitOptions.RemoveEmptyEntries).All(p => p.Length == 1 && char.IsLetter(p[0])));
    }

    private int Sample(Random random, int current)
    {
        var cumulative = _cumulative[current];
        if (cumulative.Length == 0)
        {
            return End;
        }

        int r = random.Next(cumulative[^1]);
        int index = Array.BinarySearch(cumulative, r + 1);
        if (index < 0)
        {
            index = ~index;
        }

        return _next[current][index];
    }

    private int Id(string word)
    {
        if (!_ids.TryGetValue(word, out int id))
        {
            id = _words.Count;
            _ids[word] = id;
            _words.Add(word);
            _counts.Add(new Dictionary<int, int>());
        }

        return id;
    }

    private void Count(int previous, int next)
    {
        var successors = _counts[previous];
        successors[next] = successors.TryGetValue(next, out int n) ? n + 1 : 1;
    }

    private void Freeze()
    {
        _next = new int[_words.Count][];
        _cumulative = new int[_words.Count][];
        for (int i = 0; i < _words.Count; i++)
        {
            var successors = _counts[i];
            _next[i] = new int[successors.Count];
            _cumulative[i] = new int[successors.Count];
            int k = 0, total = 0;
            foreach (var pair in successors)
            {
                total += pair.Value;
                _next[i][k] = pair.Key;
                _cumulative[i][k] = total;
                k++;
            }

            Transitions += successors.Count;
        }

        using var sha = SHA256.Create();
        var order = Enumerable.Range(0, _words.Count).OrderBy(i => _words[i], StringComparer.Ordinal).ToList();
        var line = new StringBuilder();
        foreach (int i in order)
        {
            foreach (var pair in _counts[i].OrderBy(p => _words[p.Key], StringComparer.Ordinal))
            {
                line.Clear().Append(_words[i]).Append('\t').Append(_words[pair.Key]).Append('\t').Append(pair.Value).Append('\n');
                byte[] bytes = Encoding.UTF8.GetBytes(line.ToString());
                sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
            }
        }

        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        Digest = "sha256:" + Convert.ToHexString(sha.Hash!).ToLowerInvariant();
        _counts.Clear();
    }
}
