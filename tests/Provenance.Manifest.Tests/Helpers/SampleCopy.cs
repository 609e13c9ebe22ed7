using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Helpers;

/// <summary>A copy of samples/SotuAssistant (manifests, locks, data, logs) in a temporary folder, deleted on dispose.</summary>
public sealed class SampleCopy : IDisposable
{
    private SampleCopy(string root) => Root = root;

    public string Root { get; }

    /// <summary>The generation 2 manifest, <c>provenance.yaml</c>.</summary>
    public string Manifest => Path.Combine(Root, "provenance.yaml");

    /// <summary>The 1-based line of the first line starting with <paramref name="prefix"/> after the line <paramref name="after"/>.</summary>
    public static int LineOf(string path, string after, string prefix)
    {
        var lines = File.ReadAllLines(path);
        int from = Array.IndexOf(lines, after);
        return Array.FindIndex(lines, from + 1, l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;
    }

    public static SampleCopy Assistant()
    {
        string source = Path.Combine(Corpus.RepoRoot(), "samples", "SotuAssistant");
        string root = Path.Combine(Path.GetTempPath(), "prov-sample-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.EndsWith(".cs", StringComparison.Ordinal) || relative.EndsWith(".csproj", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new SampleCopy(root);
    }

    /// <summary>Seals the generation 2 manifest (entries without digests get theirs) and asserts it succeeded.</summary>
    public void Seal()
    {
        var sealedResult = ManifestSealer.Seal(Manifest);
        Assert.True(sealedResult.Succeeded, string.Join("\n", sealedResult.Diagnostics));
    }

    /// <summary>A human shard entry in the style the sample's manifests use, unsealed.</summary>
    public static string Entry(string id, string path, string source) =>
        $"- id: {id}\n  path: {path}\n  origin: human\n  source: {source}\n";

    private static (int Start, int End) Block(string text, string id)
    {
        int start = text.IndexOf($"- id: {id}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        int end = text.IndexOf("\n- id: ", start + 1, StringComparison.Ordinal);
        return (start, end < 0 ? text.Length : end + 1);
    }

    /// <summary>The <c>source:</c> flow mapping of shard <paramref name="id"/>.</summary>
    public static string SourceOf(string text, string id)
    {
        var (start, end) = Block(text, id);
        string line = text.Substring(start, end - start).Split('\n').Single(l => l.StartsWith("  source: ", StringComparison.Ordinal));
        return line.Substring("  source: ".Length);
    }

    /// <summary>The manifest text with shard <paramref name="id"/>'s entry replaced.</summary>
    public static string Replace(string text, string id, string replacement)
    {
        var (start, end) = Block(text, id);
        return text.Substring(0, start) + replacement + text.Substring(end);
    }

    /// <summary>The manifest text without shard <paramref name="id"/>'s entry.</summary>
    public static string Without(string text, string id) => Replace(text, id, string.Empty);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
