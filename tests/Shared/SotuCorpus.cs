using System.IO.Compression;
using System.Text.Json;

namespace Provenance.Tests.Shared;

/// <summary>
/// The State of the Union corpus as JSON lines, for the engine and build test projects (linked into each): <c>../shared/corpora/sotu.jsonl</c>
/// beside the repository when it is there, else the sample's human shards read back in whatever format each era ships
/// (JSON Lines, gzip JSON Lines, Parquet), in era order, so a clone without the shared corpora still has all 233 addresses.
/// A Parquet era's rows come back as <c>{"year", "president", "text"}</c> lines (its columns), not its original bytes.
/// (The CLI tests pair SOTU with Moby-Dick and use small stand-ins for both when the shared corpora are absent.)
/// </summary>
public static class SotuCorpus
{
    /// <summary>The corpus lines (without newlines), or null when neither source is under <paramref name="repositoryRoot"/>.</summary>
    public static string[]? Lines(string repositoryRoot)
    {
        string beside = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "corpora", "sotu.jsonl"));
        if (File.Exists(beside))
        {
            return File.ReadAllLines(beside).Where(l => l.Length > 0).ToArray();
        }

        string human = Path.Combine(repositoryRoot, "samples", "SotuAssistant", "data", "human");
        if (!Directory.Exists(human))
        {
            return null;
        }

        return Directory.GetFiles(human, "sotu-*").OrderBy(p => p, StringComparer.Ordinal).SelectMany(ShardLines).ToArray();
    }

    private static IEnumerable<string> ShardLines(string path)
    {
        if (path.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return ParquetLines(path);
        }

        using Stream file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<string> ParquetLines(string path)
    {
        using var stream = File.OpenRead(path);
        var parquet = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult(); // disposed with the stream
        var fields = parquet.Schema.GetDataFields();
        var lines = new List<string>();
        for (int g = 0; g < parquet.RowGroupCount; g++)
        {
            using var group = parquet.OpenRowGroupReader(g);
            var years = new int[group.RowCount];
            var presidents = new string?[group.RowCount];
            var texts = new string?[group.RowCount];
            group.ReadAsync<int>(fields.Single(f => f.Name == "year"), years.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields.Single(f => f.Name == "president"), presidents.AsMemory()!, null, default).AsTask().GetAwaiter().GetResult();
            group.ReadAsync(fields.Single(f => f.Name == "text"), texts.AsMemory()!, null, default).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < years.Length; i++)
            {
                lines.Add(JsonSerializer.Serialize(new { year = years[i], president = presidents[i], text = texts[i] }));
            }
        }

        return lines;
    }
}
