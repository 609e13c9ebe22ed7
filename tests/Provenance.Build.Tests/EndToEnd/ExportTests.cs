using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>Issue 12, item 3: ProvenanceExportFormats writes the data bill of materials next to the build output on a passing build, incrementally.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ExportTests
{
    private static readonly string[] Suffixes = { ".croissant.json", ".spdx3.json", ".cdx.json", ".hf-card.md" };
    private readonly PackageFeedFixture _feed;

    public ExportTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void PassingBuild_WritesEveryFormatNextToTheOutput_AndANoOpBuildDoesNotRewriteThem()
    {
        var project = new ConsumerProject(_feed, "Exports", extraProperties: "<ProvenanceExportFormats>croissant;spdx3;cyclonedx;hf-card</ProvenanceExportFormats>");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 2);
        TestData.Lock(project.ManifestPath);
        string output = Path.Combine(project.Directory, "bin", "Debug", "net10.0");

        var first = project.Build();

        Assert.True(first.ExitCode == 0, first.Output);
        foreach (string suffix in Suffixes)
        {
            Assert.True(File.Exists(Path.Combine(output, "provenance" + suffix)), $"provenance{suffix} missing:\n{first.Output}");
        }

        Assert.Contains("\"bomFormat\": \"CycloneDX\"", File.ReadAllText(Path.Combine(output, "provenance.cdx.json")));
        var written = Suffixes.Select(s => File.GetLastWriteTimeUtc(Path.Combine(output, "provenance" + s))).ToList();

        var second = project.Build();

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("export of provenance.yaml", second.Output);
        Assert.Equal(written, Suffixes.Select(s => File.GetLastWriteTimeUtc(Path.Combine(output, "provenance" + s))).ToList());
    }

    [Fact]
    public void FailingBuild_WritesNoExport_AndAnUnknownFormatIsPROV1031()
    {
        var failing = new ConsumerProject(_feed, "ExportsFailing", extraProperties: "<ProvenanceExportFormats>cyclonedx</ProvenanceExportFormats>");
        TestData.WriteMix(failing.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(failing.ManifestPath);
        var unknown = new ConsumerProject(_feed, "ExportsUnknown", extraProperties: "<ProvenanceExportFormats>cyclonedx;rdf</ProvenanceExportFormats>");
        TestData.WriteMix(unknown.Directory, humanRecords: 6, syntheticRecords: 2);
        TestData.Lock(unknown.ManifestPath);

        var failed = failing.Build();
        var bad = unknown.Build();

        Assert.True(failed.ExitCode != 0, failed.Output);
        Assert.False(File.Exists(Path.Combine(failing.Directory, "bin", "Debug", "net10.0", "provenance.cdx.json")));
        Assert.True(bad.ExitCode != 0, bad.Output);
        Assert.Contains("error PROV1031: ProvenanceExportFormats has 'rdf'", bad.Output);
    }
}
