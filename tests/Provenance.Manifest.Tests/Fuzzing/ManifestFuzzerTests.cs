using Provenance.Manifest.Tests.Hostile;
using Xunit.Abstractions;

namespace Provenance.Manifest.Tests.Fuzzing;

[Collection(Helpers.AllocationMeasured.Name)]
public class ManifestFuzzerTests
{
    private readonly ITestOutputHelper _output;

    public ManifestFuzzerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Twenty_thousand_mutated_manifests_never_crash_bloat_or_slip_past_the_protected_corpus()
    {
        using var temp = HostileInputTests.Prepare();
        var fuzzer = new ManifestFuzzer(temp.Root);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = fuzzer.Run(seed: 20261120, count: 20_000);
        watch.Stop();
        string summary = $"fuzz: {report} in {watch.Elapsed.TotalSeconds:0.0} s";
        _output.WriteLine(summary);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), summary + "\n");
        Assert.True(report.Failures.Count == 0, summary + "\n\n" + string.Join("\n\n", report.Failures.Take(3)));
        Assert.Equal(20_000, report.Inputs);
        Assert.True(report.Passing > 100, "the mutations should leave some inputs valid: " + summary);
        Assert.True(report.Ids.Count >= 15, summary);
    }
}
