using Provenance.Manifest.Digests;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Hostile;

[Collection(AllocationMeasured.Name)]
public class HostileInputTests
{
    public static TheoryData<HostileCase> Cases()
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in HostileCorpus.All())
        {
            data.Add(c);
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_40_cases_with_distinct_names()
    {
        var names = HostileCorpus.All().Select(c => c.Name).ToList();
        Assert.True(names.Count >= 40, $"{names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_yields_its_diagnostic_at_its_position_and_allocates_under_200_MB(HostileCase hostile)
    {
        using var temp = Prepare();
        hostile.Arrange(temp);
        var (result, allocated) = AllocationMeasured.Measure(() => ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All }));

        Assert.True(result.HasErrors, $"{hostile.Name}: no error:\n" + string.Join("\n", result.Diagnostics));
        var match = result.Diagnostics.FirstOrDefault(d => d.Id == hostile.Id && d.Span.Line == hostile.Line && d.Span.Column == hostile.Column);
        Assert.True(match is not null, $"{hostile.Name}: expected {hostile.Id} at ({hostile.Line},{hostile.Column}), got:\n" + string.Join("\n", result.Diagnostics));
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain("   at ", d.Message));
        Assert.True(allocated < 200L * 1024 * 1024, $"{hostile.Name}: allocated {allocated / (1024 * 1024)} MB");
    }

    internal static TempManifest Prepare() => HostileCase.PrepareFolder();
}
