using System.Text;
using Provenance.Manifest;
using Provenance.Manifest.Writing;

namespace Provenance.Build.Tests.Infrastructure;

/// <summary>
/// Real training data for the tests: lines of the State of the Union corpus (<c>../shared/corpora/sotu.jsonl</c> beside the
/// repository, or its copy under <c>samples/</c> in a fresh clone), and helpers that write a dataset folder, seal its manifest
/// and lock it with the engine, as a user would with <c>provenance seal</c> and <c>provenance lock</c>.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<string[]> Lines = new(() => Provenance.Tests.Shared.SotuCorpus.Lines(RepositoryRoot)
        ?? throw new InvalidOperationException($"The SOTU corpus is neither beside {RepositoryRoot} nor under its samples/."));

    /// <summary>The repository root (the folder of Provenance.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The corpus records (JSON lines).</summary>
    public static IReadOnlyList<string> SotuLines => Lines.Value;

    /// <summary>A new empty folder under the system temp folder.</summary>
    public static string NewTempDirectory(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), "provenance-tests", prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes <paramref name="count"/> corpus records starting at <paramref name="start"/> to <paramref name="path"/>.</summary>
    public static void WriteHuman(string path, int start, int count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, SotuLines.Skip(start).Take(count));
    }

    /// <summary>Writes "synthetic" records: corpus records with their words reversed, as a stand-in for model output.</summary>
    public static void WriteSynthetic(string path, int start, int count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = SotuLines.Skip(start).Take(count).Select(l =>
        {
            string text = System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? string.Empty;
            string reversed = string.Join(" ", text.Split(' ').Reverse());
            return System.Text.Json.JsonSerializer.Serialize(new { text = reversed, model = "sotu-bigram" });
        });
        File.WriteAllLines(path, lines);
    }

    /// <summary>Seals the manifest (digests and amounts) and fails the test if sealing reports anything.</summary>
    public static void Seal(string manifestPath)
    {
        var result = ManifestSealer.Seal(manifestPath);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
    }

    /// <summary>Writes the lock file, as <c>provenance lock</c> does, and fails the test on manifest errors.</summary>
    public static void Lock(string manifestPath)
    {
        var result = ManifestChecker.Lock(manifestPath, new CheckOptions { Verify = Manifest.Digests.VerifyMode.All });
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("PROV1", StringComparison.Ordinal) && d.Severity == Manifest.Diagnostics.DiagnosticSeverity.Error);
    }

    /// <summary>
    /// A manifest with one human shard of <paramref name="humanRecords"/> records and one verified synthetic shard of
    /// <paramref name="syntheticRecords"/> records, in <c>data/</c> beside it; sealed, not locked.
    /// </summary>
    public static string WriteMix(string directory, int humanRecords, int syntheticRecords, double humanFloor = 0.10, string fileName = "provenance.yaml", string? extraHuman = null, double? humanFloorWarn = null)
    {
        WriteHuman(Path.Combine(directory, "data", "human", "sotu-a.jsonl"), 0, humanRecords);
        WriteSynthetic(Path.Combine(directory, "data", "synthetic", "g1.jsonl"), 30, syntheticRecords);
        var yaml = new StringBuilder();
        yaml.Append("provenance: 1\n");
        yaml.Append("dataset: e2e-mix\n");
        yaml.Append("description: Build gate test mix\n");
        yaml.Append("policy:\n");
        yaml.Append("  measure: tokens\n");
        yaml.Append(System.FormattableString.Invariant($"  humanFloor: {humanFloor}\n"));
        yaml.Append(System.FormattableString.Invariant($"  humanFloorWarn: {humanFloorWarn ?? humanFloor}\n"));
        yaml.Append("shards:\n");
        yaml.Append(HumanShard("sotu-a", "data/human/sotu-a.jsonl"));
        if (extraHuman is not null)
        {
            WriteHuman(Path.Combine(directory, "data", "human", extraHuman + ".jsonl"), 12, 3);
            yaml.Append(HumanShard(extraHuman, $"data/human/{extraHuman}.jsonl"));
        }

        yaml.Append("  - id: synth-g1\n");
        yaml.Append("    path: data/synthetic/g1.jsonl\n");
        yaml.Append("    origin: synthetic\n");
        yaml.Append("    format: jsonl\n");
        yaml.Append("    generation: 1\n");
        yaml.Append("    generator:\n");
        yaml.Append("      model: sotu-bigram\n");
        yaml.Append("    derivedFrom: [sotu-a]\n");
        yaml.Append("    verification:\n");
        yaml.Append("      method: human-review\n");
        yaml.Append("      verifier: annotation-team-a\n");
        string path = Path.Combine(directory, fileName);
        File.WriteAllText(path, yaml.ToString());
        Seal(path);
        return path;
    }

    /// <summary>The 1-based line of the first line of <paramref name="path"/> that starts with <paramref name="prefix"/>.</summary>
    public static int LineOf(string path, string prefix)
    {
        string[] lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{prefix}' not found in {path}");
        return index + 1;
    }

    /// <summary>Removes the shard with <paramref name="id"/> (its whole block) from the manifest text.</summary>
    public static void RemoveShard(string manifestPath, string id)
    {
        var lines = File.ReadAllLines(manifestPath).ToList();
        int start = lines.FindIndex(l => l.Trim() == "- id: " + id);
        Assert.True(start >= 0);
        int end = start + 1;
        while (end < lines.Count && lines[end].StartsWith("    ", StringComparison.Ordinal))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        File.WriteAllText(manifestPath, string.Join("\n", lines) + "\n");
    }

    private static string HumanShard(string id, string path) =>
        $"  - id: {id}\n    path: {path}\n    origin: human\n    format: jsonl\n    source: {{ name: State of the Union addresses, license: CC0-1.0 }}\n";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Provenance.sln not found above " + AppContext.BaseDirectory);
    }
}
