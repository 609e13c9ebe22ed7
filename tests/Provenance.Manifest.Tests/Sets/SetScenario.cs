using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// A manifest with two human shard sets of real SOTU sentences in a temporary folder: <c>sotu</c>, plain JSON Lines
/// <c>data/sotu/part-NNNN.jsonl</c> named by one glob, and <c>sotu-gz</c>, gzip JSON Lines in era folders
/// <c>data/gz/&lt;era&gt;/part-NNNN.jsonl.gz</c> named by a list with a <c>**</c> glob.
/// </summary>
public sealed class SetScenario : IDisposable
{
    /// <summary>Set <c>sotu</c>'s id is on line 4, its <c>files:</c> value on line 5 at column 12; set <c>sotu-gz</c>'s id on line 8.</summary>
    public const string TwoSets = """
        provenance: 1
        dataset: sotu-sets
        shards:
          - id: sotu
            files: data/sotu/*.jsonl
            origin: human
            textField: text
          - id: sotu-gz
            files:
              - data/gz/**/*.jsonl.gz
            origin: human
            textField: text
        """;

    private SetScenario()
    {
    }

    public TempManifest Temp { get; } = new();

    public string Root => Temp.Root;

    public string ManifestPath => Temp.ManifestPath;

    /// <summary>The files of set <c>sotu</c>, relative, sorted.</summary>
    public List<string> Plain { get; private set; } = new();

    /// <summary>The files of set <c>sotu-gz</c>, relative, sorted.</summary>
    public List<string> Gzip { get; private set; } = new();

    public string Text => File.ReadAllText(ManifestPath);

    public static SetScenario Create(int plain = 30, int gzip = 12, bool seal = true, string yaml = TwoSets)
    {
        var scenario = new SetScenario();
        scenario.Plain = SetCorpus.Write(scenario.Root, plain, i => $"data/sotu/part-{i:0000}.jsonl").OrderBy(p => p, StringComparer.Ordinal).ToList();
        scenario.Gzip = SetCorpus.Write(scenario.Root, gzip, i => $"data/gz/{1790 + (10 * (i % 3))}/part-{i:0000}.jsonl.gz", first: plain).OrderBy(p => p, StringComparer.Ordinal).ToList();
        scenario.Temp.Manifest(yaml.Replace("\r\n", "\n") + "\n");
        if (seal)
        {
            scenario.Seal();
        }

        return scenario;
    }

    /// <summary>Seals the manifest and asserts it succeeded.</summary>
    public SealResult Seal()
    {
        var result = ManifestSealer.Seal(ManifestPath);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result;
    }

    /// <summary>The full path of <paramref name="relative"/>.</summary>
    public string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The manifest as read, and set <paramref name="id"/> of it.</summary>
    public Shard Set(string id) => ManifestReader.ReadFile(ManifestPath).Manifest!.Shards.Single(s => s.Id == id);

    /// <summary>Runs the whole check (no lock written, fingerprints kept in the temporary folder).</summary>
    public CheckResult Check(VerifyMode verify = VerifyMode.All, System.Collections.Concurrent.ConcurrentBag<string>? hashed = null) =>
        ManifestChecker.Check(ManifestPath, new CheckOptions { Verify = verify, HashedFiles = hashed, FingerprintDirectory = Path.Combine(Root, ".fingerprints") });

    /// <summary>The digest cache of <see cref="CheckCached"/>.</summary>
    public string CachePath => Path.Combine(Root, "obj", "digests.bin");

    /// <summary>Runs the whole check with a digest cache on disk (<see cref="CachePath"/>), as the CLI and the build do.</summary>
    public CheckResult CheckCached(System.Collections.Concurrent.ConcurrentBag<string>? hashed = null) =>
        ManifestChecker.Check(ManifestPath, new CheckOptions { Verify = VerifyMode.Changed, HashedFiles = hashed, DigestCachePath = CachePath, FingerprintDirectory = Path.Combine(Root, ".fingerprints") });

    /// <summary>The 1-based line and column of the value of <paramref name="key"/> in the block of set <paramref name="id"/>, read from the text.</summary>
    public (int Line, int Column) ValueOf(string id, string key)
    {
        var lines = Text.Split('\n');
        int start = Array.FindIndex(lines, l => l == $"  - id: {id}");
        int at = Array.FindIndex(lines, start + 1, l => l.StartsWith($"    {key}: ", StringComparison.Ordinal));
        Assert.True(start >= 0 && at > start, $"{id}.{key}");
        Assert.DoesNotContain(lines.Skip(start + 1).Take(at - start - 1), l => l.StartsWith("  - id: ", StringComparison.Ordinal));
        return (at + 1, $"    {key}: ".Length + 1);
    }

    public void Dispose() => Temp.Dispose();
}
