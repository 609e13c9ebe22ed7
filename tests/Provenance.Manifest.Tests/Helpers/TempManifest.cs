using System.IO.Enumeration;
using System.Text;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Tests.Helpers;

/// <summary>A throw-away folder holding a manifest and its shard files, deleted on dispose.</summary>
public sealed class TempManifest : IDisposable
{
    public TempManifest()
    {
        Root = Path.Combine(Path.GetTempPath(), "prov-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    private readonly List<string> _outside = new();

    /// <summary>A path outside the folder (for escape cases), deleted with the folder.</summary>
    public string Outside(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), Path.GetFileName(Root) + "-" + name);
        _outside.Add(path);
        return path;
    }

    public string ManifestPath => Path.Combine(Root, "provenance.yaml");

    /// <summary>Writes a file relative to the root (LF line endings as given).</summary>
    public string Write(string relative, string content)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes the manifest (provenance.yaml) and returns its path.</summary>
    public string Manifest(string yaml) => Write("provenance.yaml", yaml);

    /// <summary>Writes a jsonl shard with <paramref name="lines"/> records cut from the real SOTU corpus (or generated text if absent).</summary>
    public string Shard(string relative, int lines, int skip = 0)
    {
        var corpus = Corpus.Lines().Skip(skip).Take(lines);
        return Write(relative, string.Join("\n", corpus) + "\n");
    }

    public void Dispose()
    {
        foreach (var path in _outside)
        {
            File.Delete(path);
        }

        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The real human corpus: <c>../shared/corpora/sotu.jsonl</c> beside the repository, or the sample's copy.</summary>
public static class Corpus
{
    private static readonly Lazy<string[]> AllLines = new(() => Provenance.Tests.Shared.SotuCorpus.Lines(RepoRoot())
        ?? throw new InvalidOperationException("The SOTU corpus was not found beside the repository nor in samples/."));

    public static IEnumerable<string> Lines() => AllLines.Value;

    /// <summary>
    /// The real corpus files matching <paramref name="pattern"/>: <c>shared/corpora</c> found from the repository upward,
    /// else the sample's human JSON Lines (a clone without the shared corpora).
    /// </summary>
    public static List<string> Files(string pattern = "*")
    {
        string root = RepoRoot();
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            string corpora = Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(corpora))
            {
                return Directory.GetFiles(corpora, pattern).Order(StringComparer.Ordinal).ToList();
            }
        }

        string human = Path.Combine(root, "samples", "SotuAssistant", "data", "human");
        return Directory.GetFiles(human, "*.jsonl").Where(f => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The lines of <paramref name="bytes"/> split at <c>\n</c>, without it; a last line without one counts.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> ByteLines(byte[] bytes)
    {
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                yield return bytes.AsMemory(start, i - start);
                start = i + 1;
            }
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Provenance.sln not found above " + AppContext.BaseDirectory);
    }
}

public static class DiagnosticAssert
{
    /// <summary>Asserts exactly one diagnostic with <paramref name="id"/> and returns it.</summary>
    public static ManifestDiagnostic Single(IEnumerable<ManifestDiagnostic> diagnostics, string id)
    {
        var list = diagnostics.ToList();
        var matches = list.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"Expected one {id}, got {matches.Count}:\n" + string.Join("\n", list));
        return matches[0];
    }

    /// <summary>Asserts a diagnostic <paramref name="id"/> at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public static ManifestDiagnostic At(IEnumerable<ManifestDiagnostic> diagnostics, string id, int line, int column)
    {
        var d = Single(diagnostics, id);
        Assert.True(d.Span.Line == line && d.Span.Column == column, $"Expected {id} at ({line},{column}), got {d}");
        return d;
    }

    /// <summary>The 1-based (line, column) where <paramref name="marker"/> starts in the file, or just past it when <paramref name="after"/>.</summary>
    public static (int Line, int Column) Pos(string path, string marker, bool after = false)
    {
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            int c = lines[i].IndexOf(marker, StringComparison.Ordinal);
            if (c >= 0)
            {
                return (i + 1, c + 1 + (after ? marker.Length : 0));
            }
        }

        throw new InvalidOperationException($"'{marker}' not in {path}");
    }

    /// <summary>Asserts a diagnostic <paramref name="id"/> at a position from <see cref="Pos"/>.</summary>
    public static ManifestDiagnostic At(IEnumerable<ManifestDiagnostic> diagnostics, string id, (int Line, int Column) at) =>
        At(diagnostics, id, at.Line, at.Column);

    public static void None(IEnumerable<ManifestDiagnostic> diagnostics, DiagnosticSeverity atLeast = DiagnosticSeverity.Error)
    {
        var bad = diagnostics.Where(d => d.Severity >= atLeast).ToList();
        Assert.True(bad.Count == 0, "Unexpected diagnostics:\n" + string.Join("\n", bad));
    }
}
