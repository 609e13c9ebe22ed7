using System.Text.Json;
using CollapseLab;
using Provenance.Cli;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Diversity;

namespace CollapseLab.Tests;

public sealed class CollapseLabTests : IClassFixture<LabFixture>
{
    private readonly LabFixture _lab;

    public CollapseLabTests(LabFixture lab) => _lab = lab;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void Tail_survival_under_replace_matches_the_closed_form_within_0_05(int generation)
    {
        // The population the closed form is about: word types by their count c in generation 0's training data, under
        // replace, where every generation samples as many words as its model was trained on. Prediction 1 − q_t^c;
        // the tail (c ≤ 2) is the mix of c = 1 and c = 2 weighted by how many types each has.
        var b = _lab.Result.At(Mode.Replace, generation).SurvivalByCount;
        Assert.True(b[1].Types > 1000 && b[2].Types > 300, $"too few rare types for a sound comparison: c=1 {b[1].Types}, c=2 {b[2].Types}");
        for (int c = 1; c <= 2; c++)
        {
            double measured = (double)b[c].Survived / b[c].Types, predicted = DiversityMetrics.PredictedSurvival(c, generation);
            Assert.True(Math.Abs(measured - predicted) <= 0.05, $"generation {generation}, c={c}: measured {measured:0.000}, predicted {predicted:0.000}");
        }

        double tail = _lab.Result.At(Mode.Replace, generation).TailSurvival;
        double expected = ((b[1].Types * DiversityMetrics.PredictedSurvival(1, generation)) + (b[2].Types * DiversityMetrics.PredictedSurvival(2, generation))) / (b[1].Types + b[2].Types);
        Assert.True(Math.Abs(tail - expected) <= 0.05, $"generation {generation}: tail survival {tail:0.000}, predicted {expected:0.000}");
    }

    [Fact]
    public void Closed_form_is_the_Galton_Watson_extinction_recursion()
    {
        Assert.Equal(1, DiversityMetrics.PredictedSurvival(1, 0)); // q_0 = 0: every type present in generation 0 is there
        Assert.Equal(1 - Math.Exp(-1), DiversityMetrics.PredictedSurvival(1, 1), 12);
        Assert.Equal(1 - Math.Exp(-2), DiversityMetrics.PredictedSurvival(2, 1), 12);
        double q2 = Math.Exp(Math.Exp(-1) - 1);
        Assert.Equal(1 - (q2 * q2 * q2), DiversityMetrics.PredictedSurvival(3, 2), 12);
    }

    [Fact]
    public void Replace_collapses_accumulate_keeps_the_tail_and_fixedfrac_sits_between()
    {
        var r = _lab.Result;
        Assert.True(r.At(Mode.Replace, 10).Distinct2 < 0.5 * r.At(Mode.Replace, 0).Distinct2, "distinct-2 under replace should fall by more than half");
        Assert.True(r.At(Mode.Replace, 10).TailSurvival < 0.3);
        Assert.All(r.Of(Mode.Accumulate), g => Assert.Equal(1.0, g.TailSurvival));
        var fixedfrac = r.At(Mode.FixedFrac, 10);
        Assert.InRange(fixedfrac.TailSurvival, r.At(Mode.Replace, 10).TailSurvival + 0.05, 0.95);
        Assert.InRange(fixedfrac.Distinct2, r.At(Mode.Replace, 10).Distinct2, r.At(Mode.Accumulate, 10).Distinct2);
        Assert.True(Math.Abs(fixedfrac.HumanShare - r.At(Mode.Accumulate, 10).HumanShare) < 0.03, "fixedfrac's human share should be about accumulate's at generation 10");
        Assert.True(r.At(Mode.Replace, 10).CrossEntropyBits > r.At(Mode.Accumulate, 10).CrossEntropyBits);
    }

    [Fact]
    public void Check_fails_every_replace_generation_with_corpus_dropped_and_below_floor_and_passes_accumulate()
    {
        for (int t = 1; t <= _lab.Options.Generations; t++)
        {
            var replace = ManifestChecker.Check(_lab.ManifestPath(Mode.Replace, t), new CheckOptions { Verify = VerifyMode.All });
            var errors = replace.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToHashSet();
            Assert.True(errors.IsSupersetOf(new[] { "PROV2003", "PROV2001", "PROV2004" }), $"replace generation {t}: " + string.Join(", ", errors));
            Assert.DoesNotContain(errors, id => id.StartsWith("PROV1", StringComparison.Ordinal));

            var accumulate = ManifestChecker.Check(_lab.ManifestPath(Mode.Accumulate, t), new CheckOptions { Verify = VerifyMode.All });
            Assert.False(accumulate.HasErrors, $"accumulate generation {t}:\n" + string.Join("\n", accumulate.Diagnostics));
            Assert.Equal(t, accumulate.Lineage!.MaxGeneration);
        }
    }

    [Fact]
    public void Diversity_gate_trips_replace_and_not_accumulate_with_the_default_tail_survival_metric()
    {
        var options = new CheckOptions { Verify = VerifyMode.None, Diversity = true };
        var replace = ManifestChecker.Check(_lab.ManifestPath(Mode.Replace, 10), options);
        var d = Assert.Single(replace.Diagnostics, x => x.Id == "PROV2010");
        Assert.Contains("tail-survival", d.Message);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.InRange(replace.Diversity!.Mix!.TailSurvival, 0, 0.3);

        foreach (var mode in new[] { Mode.Accumulate, Mode.FixedFrac })
        {
            var result = ManifestChecker.Check(_lab.ManifestPath(mode, 10), options);
            Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV2010");
            Assert.Equal(1.0, result.Diversity!.Mix!.TailSurvival);
        }

        // Not asked for, not read: the same manifest passes the gate silently.
        Assert.DoesNotContain(ManifestChecker.Check(_lab.ManifestPath(Mode.Replace, 10), new CheckOptions { Verify = VerifyMode.None }).Diagnostics, x => x.Id == "PROV2010");
    }

    [Fact]
    public void Distinct2_gate_at_0_25_trips_replace_and_fixedfrac_but_not_accumulate_and_at_0_10_trips_accumulate_too()
    {
        var drops = new Dictionary<Mode, double>();
        foreach (var mode in new[] { Mode.Replace, Mode.Accumulate, Mode.FixedFrac })
        {
            string copy = CopyWithPolicy(mode, "{metric: distinct-2, maxDrop: 0.25}");
            var result = ManifestChecker.Check(copy, new CheckOptions { Verify = VerifyMode.None, Diversity = true });
            drops[mode] = result.Diversity!.Drop(DiversityMetric.Distinct2)!.Value;
            Assert.Equal(mode != Mode.Accumulate, result.Diagnostics.Any(x => x.Id == "PROV2010"));
        }

        // The honest finding behind the default metric: accumulating keeps distinct-2 bounded, not untouched.
        Assert.InRange(drops[Mode.Accumulate], 0.10, 0.25);
        Assert.True(drops[Mode.Replace] > 0.5, $"replace drop {drops[Mode.Replace]:0.000}");
    }

    [Fact]
    public void Audit_diversity_reports_every_generation_and_exits_1_for_replace_and_0_for_accumulate()
    {
        var variables = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(_lab.Out, ".cli-cache") };
        var replace = Run(variables, "audit", _lab.ManifestPath(Mode.Replace, 10), "--diversity", "--format", "json", "--verify", "none");
        Assert.Equal(1, replace.ExitCode);
        using (var json = JsonDocument.Parse(replace.Out))
        {
            var diversity = json.RootElement.GetProperty("diversity");
            Assert.Equal("tail-survival", diversity.GetProperty("metric").GetString());
            Assert.True(diversity.GetProperty("drop").GetDouble() > 0.7);
            Assert.Equal(Enumerable.Range(0, 11), diversity.GetProperty("generations").EnumerateArray().Select(g => g.GetProperty("generation").GetInt32()));
            Assert.Contains(json.RootElement.GetProperty("diagnostics").EnumerateArray(), x => x.GetProperty("id").GetString() == "PROV2010");
        }

        var accumulate = Run(variables, "audit", _lab.ManifestPath(Mode.Accumulate, 10), "--diversity", "--verify", "none");
        Assert.True(accumulate.ExitCode == 0, accumulate.Out + accumulate.Error);
        Assert.Contains("Diversity", accumulate.Out);
        Assert.Contains("mix (gen 10)", accumulate.Out);
        Assert.DoesNotContain("PROV2010", accumulate.Out);

        // Second run: every shard's counts come from the cache (keyed by digest).
        var again = Run(variables, "audit", _lab.ManifestPath(Mode.Accumulate, 10), "--diversity", "--verify", "none");
        Assert.Contains("0 shard file(s) read, 11 from the cache.", again.Out);
    }

    [Provenance.Cli.Tests.Browser.ChromiumFact]
    public void Html_audit_of_a_replace_generation_renders_in_chromium_with_the_lineage_the_chart_and_the_diversity_curves()
    {
        var variables = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(_lab.Out, ".cli-cache") };
        string file = Path.Combine(_lab.Out, "replace-gen10.html");
        var audit = Run(variables, "audit", _lab.ManifestPath(Mode.Replace, 10), "--diversity", "--format", "html", "-o", file, "--verify", "none");
        Assert.Equal(1, audit.ExitCode); // replace fails its gate; the report is written all the same

        var dom = Provenance.Cli.Tests.Browser.Chromium.DumpDom(new Uri(file).AbsoluteUri);
        var shot = Provenance.Cli.Tests.Browser.Chromium.Screenshot(new Uri(file).AbsoluteUri, Path.Combine(_lab.Out, "replace-gen10.png"));

        Assert.True(dom.ExitCode == 0, dom.Stderr);
        Assert.Contains("<svg id=\"lineage-graph\"", dom.Stdout);
        Assert.Contains("Human share", dom.Stdout);
        Assert.Contains("tail survival", dom.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PROV2010", dom.Stdout);
        Assert.Empty(dom.ConsoleLines);
        Assert.Empty(shot.ConsoleLines);
        Assert.True(new FileInfo(Path.Combine(_lab.Out, "replace-gen10.png")).Length > 20_000, "a blank screenshot");
    }

    private (int ExitCode, string Out, string Error) Run(Dictionary<string, string> variables, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = Program.Run(args, stdout, stderr, CliEnvironment.ForTest(_lab.Out, variables));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a copy of generation 10's manifest (and its lock) beside it with another policy.diversity; returns its path.</summary>
    private string CopyWithPolicy(Mode mode, string diversity)
    {
        string original = _lab.ManifestPath(mode, 10);
        string text = File.ReadAllText(original);
        const string written = "diversity: {metric: tail-survival, maxDrop: 0.1}";
        Assert.Contains(written, text);
        string copy = Path.Combine(Path.GetDirectoryName(original)!, $"gate-{Guid.NewGuid():N}.provenance.yaml");
        File.WriteAllText(copy, text.Replace(written, "diversity: " + diversity));
        return copy;
    }
}
