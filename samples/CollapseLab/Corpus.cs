using System.Text.Json;
using System.Text.RegularExpressions;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;

namespace CollapseLab;

/// <summary>One human sentence: its text as written and its lowercase word tokens.</summary>
public sealed record HumanSentence(string Text, string[] Words);

/// <summary>
/// Reads a jsonl corpus (a <c>text</c> field per line) into sentences. Deterministic and simple on purpose: a sentence
/// ends at '.', '!' or '?' followed by whitespace; words are the engine's word tokens (<see cref="WordTokens"/>,
/// the rule <c>provenance seal</c> counts with), lowercased. Sentences without a word are dropped.
/// </summary>
public static class Corpus
{
    private static readonly Regex SentenceEnd = new(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    /// <summary>The sentences of every record's <c>text</c>, in file order.</summary>
    public static List<HumanSentence> ReadSentences(string path)
    {
        var sentences = new List<HumanSentence>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            string text = doc.RootElement.GetProperty("text").GetString() ?? string.Empty;
            foreach (string raw in SentenceEnd.Split(text))
            {
                string sentence = Whitespace.Replace(raw, " ").Trim();
                var words = WordTokens.Split(sentence);
                if (words.Count > 0)
                {
                    sentences.Add(new HumanSentence(sentence, words.ToArray()));
                }
            }
        }

        return sentences;
    }
}

/// <summary>Word ids: 0 is the sentence start <c>&lt;s&gt;</c>, 1 the end <c>&lt;/s&gt;</c>, 2 an unknown word <c>&lt;unk&gt;</c>.</summary>
public sealed class Vocabulary
{
    public const int Start = 0;
    public const int End = 1;
    public const int Unknown = 2;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = new() { "<s>", "</s>", "<unk>" };

    /// <summary>Ids in use, markers included.</summary>
    public int Count => _words.Count;

    /// <summary>The word of an id.</summary>
    public string this[int id] => _words[id];

    /// <summary>The id of a word, adding it.</summary>
    public int Add(string word)
    {
        if (!_ids.TryGetValue(word, out int id))
        {
            id = _words.Count;
            _ids[word] = id;
            _words.Add(word);
        }

        return id;
    }

    /// <summary>The id of a word, or <see cref="Unknown"/>.</summary>
    public int Find(string word) => _ids.TryGetValue(word, out int id) ? id : Unknown;
}
