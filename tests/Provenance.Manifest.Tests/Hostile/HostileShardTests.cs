using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Hostile;

/// <summary>Every hostile shard case through the engine: its diagnostic at its position, nothing written.</summary>
public class HostileShardTests
{
    public static TheoryData<HostileShardCase> Cases()
    {
        var data = new TheoryData<HostileShardCase>();
        foreach (var c in HostileShardCorpus.All())
        {
            data.Add(c);
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_12_cases_with_distinct_names()
    {
        var names = HostileShardCorpus.All().Select(c => c.Name).ToList();
        Assert.True(names.Count >= 12, $"{names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_shard_yields_its_diagnostic_at_its_position_and_nothing_is_written(HostileShardCase hostile)
    {
        using var temp = HostileCase.PrepareFolder();
        hostile.Arrange(temp);
        var before = Snapshot(temp.Root);
        IReadOnlyList<ManifestDiagnostic> diagnostics;
        if (hostile.Command == "seal")
        {
            var result = ManifestSealer.Seal(temp.ManifestPath);
            Assert.False(result.Succeeded, hostile.Name);
            diagnostics = result.Diagnostics;
        }
        else
        {
            var result = ManifestChecker.Check(temp.ManifestPath, new CheckOptions
            {
                Verify = VerifyMode.All,
                Lfs = hostile.Options.Contains("content") ? LfsMode.Content : LfsMode.Auto,
            });
            Assert.True(result.HasErrors, hostile.Name);
            diagnostics = result.Diagnostics;
        }

        var match = diagnostics.FirstOrDefault(d => d.Id == hostile.Id && d.Span.Line == hostile.Line && d.Span.Column == hostile.Column);
        Assert.True(match is not null, $"{hostile.Name}: expected {hostile.Id} at ({hostile.Line},{hostile.Column}), got:\n" + string.Join("\n", diagnostics));
        Assert.All(diagnostics, d => Assert.DoesNotContain("   at ", d.Message));
        Assert.Equal(before, Snapshot(temp.Root));
    }

    /// <summary>Every file under the folder with its size and last write time.</summary>
    internal static string Snapshot(string root) => string.Join("\n", Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".", StringComparison.Ordinal))
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}
