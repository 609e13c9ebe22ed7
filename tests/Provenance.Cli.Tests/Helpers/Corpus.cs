namespace Provenance.Cli.Tests.Helpers;

/// <summary>Real test data: lines of the State of the Union and Moby-Dick corpora in ../shared/corpora.</summary>
public static class Corpus
{
    private static readonly Lazy<string[]> Sotu = new(() => ReadLines("sotu.jsonl"));
    private static readonly Lazy<string[]> Moby = new(() => ReadLines("moby-dick.jsonl"));

    /// <summary>Lines <paramref name="start"/>..start+count of the State of the Union corpus (human), LF-terminated.</summary>
    public static string SotuLines(int start, int count) => string.Concat(Sotu.Value.Skip(start).Take(count).Select(l => l + "\n"));

    /// <summary>Lines of Moby-Dick, used as stand-in "synthetic" shards.</summary>
    public static string MobyLines(int start, int count) => string.Concat(Moby.Value.Skip(start).Take(count).Select(l => l + "\n"));

    private static string[] ReadLines(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpora", name), Path.Combine(dir.FullName, "samples", "corpora", name) })
            {
                if (File.Exists(candidate))
                {
                    return File.ReadAllLines(candidate);
                }
            }
        }

        // A fresh clone without the shared corpora: small stand-ins keep the tests meaningful.
        return Enumerable.Range(0, 300).Select(i => $"{{\"year\": {1790 + i}, \"text\": \"Fellow citizens, line {i} of the stand-in corpus for {name}.\"}}").ToArray();
    }
}
