using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// Real text cut small, for shard sets of thousands of files: the sentences of the State of the Union addresses
/// (<see cref="Helpers.Corpus"/>: <c>../shared/corpora/sotu.jsonl</c> beside the repository, or the sample's copy of
/// the same 233 addresses on a clean clone), each one JSON line <c>{"year": …, "text": …}</c> of 40 to 200 characters
/// of text, in corpus order. Linked into the CLI tests too.
/// </summary>
public static class SetCorpus
{
    private static readonly Lazy<string[]> Sentences = new(Cut);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The sentence records, JSON lines without their line end.</summary>
    public static IReadOnlyList<string> Records => Sentences.Value;

    /// <summary>The text of file <paramref name="i"/> of a set: <c>1 + i % 3</c> records from record <paramref name="skip"/> + 2·i on, LF-terminated (about 150 to 700 bytes).</summary>
    public static string FileText(int i, int skip = 0)
    {
        var records = Sentences.Value;
        var text = new StringBuilder();
        for (int k = 0; k < 1 + (i % 3); k++)
        {
            text.Append(records[(skip + (2 * i) + k) % records.Length]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes files <paramref name="first"/> … first+count−1 of a set under <paramref name="root"/>, named by
    /// <paramref name="name"/>; a name ending in <c>.gz</c> is written gzip-compressed (System.IO.Compression, whose
    /// header has no time, so the bytes are the same on every run). Returns the relative paths, in the order written.
    /// </summary>
    public static List<string> Write(string root, int count, Func<int, string> name, int first = 0, int skip = 0)
    {
        var written = new List<string>(count);
        for (int i = first; i < first + count; i++)
        {
            string relative = name(i);
            WriteFile(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)), FileText(i, skip));
            written.Add(relative);
        }

        return written;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>, gzip-compressed when the name ends in <c>.gz</c>.</summary>
    public static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            File.WriteAllBytes(path, bytes);
            return;
        }

        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The records of <paramref name="path"/> (decompressed when it ends in <c>.gz</c>).</summary>
    public static string[] ReadLines(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] Cut()
    {
        var split = new Regex(@"(?<=[.!?])\s+(?=[A-Z""])", RegexOptions.CultureInvariant);
        var sentences = new List<string>();
        foreach (string line in Helpers.Corpus.Lines())
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            int year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : 0;
            string text = root.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            foreach (string sentence in split.Split(text))
            {
                string trimmed = Regex.Replace(sentence.Trim(), @"\s+", " ");
                if (trimmed.Length is >= 40 and <= 200)
                {
                    sentences.Add(JsonSerializer.Serialize(new { year, text = trimmed }, Json));
                }
            }
        }

        if (sentences.Count < 1000)
        {
            throw new InvalidOperationException($"The SOTU corpus gave only {sentences.Count} sentences.");
        }

        return sentences.ToArray();
    }
}
