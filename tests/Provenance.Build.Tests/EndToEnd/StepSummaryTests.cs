using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// What a build tells the user beyond pass or fail (issue 14): the markdown audit appended to the CI job summary that
/// GitHub Actions names in <c>GITHUB_STEP_SUMMARY</c>, the lock file a local build rewrote, and a project with no
/// manifest at all. Real <c>dotnet build</c> of the packed package.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class StepSummaryTests
{
    private readonly PackageFeedFixture _feed;

    public StepSummaryTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void GitHubStepSummary_ReceivesTheMarkdownAudit_AfterWhatEarlierStepsWrote_AndTheLockUpdateIsSaid()
    {
        var project = new ConsumerProject(_feed, "Summary");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        string summary = Path.Combine(project.Directory, "step-summary.md");
        File.WriteAllText(summary, "## Tests\n\nall green\n");

        var result = project.BuildWith(false, new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.True(result.ExitCode == 0, result.Output);
        string markdown = File.ReadAllText(summary);
        Assert.StartsWith("## Tests\n\nall green\n# Provenance audit: ", markdown, StringComparison.Ordinal);
        Assert.Contains("| Manifest | provenance.yaml |", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| Human share \| \d+(\.\d)?% \(", markdown);
        Assert.Contains("## Shards", markdown, StringComparison.Ordinal);
        Assert.Contains("| sotu-a | human | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Diagnostics", markdown, StringComparison.Ordinal);

        // A local build admitted the human shards to a new lock: the default verbosity says so, and asks for a commit.
        Assert.Contains("Provenance: updated provenance.lock.json: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("commit it", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubStepSummary_ListsTheErrorsOfAFailingBuild_AndIsOffWithProvenanceStepSummaryFalse()
    {
        var project = new ConsumerProject(_feed, "SummaryFail");
        TestData.WriteMix(project.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(project.ManifestPath);
        string summary = Path.Combine(project.Directory, "step-summary.md");

        var failing = project.BuildWith(false, new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.True(failing.ExitCode != 0, failing.Output);
        Assert.Contains("- **error** [PROV2001](https://github.com/provenance-dev/provenance/blob/main/docs/rules/PROV2001.md) at `provenance.yaml(", File.ReadAllText(summary), StringComparison.Ordinal);

        string off = Path.Combine(project.Directory, "off.md");
        var result = project.BuildWith(false, new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = off }, null, "-p:ProvenanceStepSummary=false");

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.False(File.Exists(off), "ProvenanceStepSummary=false still wrote the job summary");
    }

    [Fact]
    public void NoManifest_TheBuildSaysSo_AsAMessageNotAnError()
    {
        var project = new ConsumerProject(_feed, "NoManifest");

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, "PROV1034.*Provenance: no training-data manifest in NoManifest"));
        Assert.DoesNotContain("error PROV", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning PROV", result.Output, StringComparison.Ordinal);
    }
}
