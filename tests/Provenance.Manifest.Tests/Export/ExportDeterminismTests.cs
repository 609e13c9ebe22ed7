using Provenance.Manifest.Digests;
using Provenance.Manifest.Export;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Export;

/// <summary>Exports are deterministic, and the examples committed under docs/interop/examples are what the exporters write today.</summary>
public sealed class ExportDeterminismTests : IClassFixture<SampleExports>
{
    private readonly SampleExports _exports;

    public ExportDeterminismTests(SampleExports exports) => _exports = exports;

    public static TheoryData<string> Formats() => new(ManifestExporters.Names);

    [Theory]
    [MemberData(nameof(Formats))]
    public void SameManifest_GivesTheSameBytes_FromAFreshCheck(string format)
    {
        var again = ExportModel.From(ManifestChecker.Check(_exports.ManifestPath, new CheckOptions { Verify = VerifyMode.None }), SampleExports.Created)!;
        Assert.Equal(_exports.Text(format), ManifestExporters.Find(format)!.Export(again));
        Assert.DoesNotContain("\r", _exports.Text(format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void CommittedExamples_MatchWhatTheExportersWriteToday(string format)
    {
        foreach (string manifest in new[] { "gen0.provenance.yaml", "gen1.provenance.yaml", "provenance.yaml" })
        {
            string path = Path.Combine(Corpus.RepoRoot(), "samples", "SotuAssistant", manifest);
            var model = ExportModel.From(ManifestChecker.Check(path, new CheckOptions { Verify = VerifyMode.None }), SampleExports.Created)!;
            var exporter = ManifestExporters.Find(format)!;
            string committed = ManifestExporters.FileFor(path, exporter, Path.Combine(Corpus.RepoRoot(), "docs", "interop", "examples"));
            Assert.True(File.Exists(committed), $"{committed} is missing; regenerate the examples (docs/interop.md, 'Examples').");
            Assert.True(File.ReadAllText(committed) == exporter.Export(model), $"{committed} is out of date; regenerate the examples (docs/interop.md, 'Examples').");
        }
    }

    [Fact]
    public void ResolveCreated_PrefersSourceDateEpoch()
    {
        Assert.Equal(SampleExports.Created, ManifestExporters.ResolveCreated(_exports.ManifestPath, "1795132800"));
        Assert.Equal(0, ManifestExporters.ResolveCreated(_exports.ManifestPath, null).Millisecond);
    }
}
