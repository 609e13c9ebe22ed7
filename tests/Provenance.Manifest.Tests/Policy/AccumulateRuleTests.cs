using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

public class AccumulateRuleTests
{
    private const string Parent = "provenance: 1\ndataset: gen1\nshards:\n  - id: h1\n    path: data/human/h1.jsonl\n    origin: human\n  - id: h2\n    path: data/human/h2.jsonl\n    origin: human\n";

    [Fact]
    public void Keeping_all_parent_human_shards_accumulates()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\nparent: gen1.provenance.yaml"));
        temp.Write("gen1.provenance.yaml", Parent);
        Provenance.Manifest.Writing.ManifestSealer.Seal(Path.Combine(temp.Root, "gen1.provenance.yaml"));
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath).Diagnostics);
    }

    [Fact]
    public void Replacing_the_parent_is_PROV2004_at_parent()
    {
        const string replace = "provenance: 1\ndataset: gen2\nparent: gen1.provenance.yaml\nshards:\n  - id: s1\n    path: data/synthetic/s1.jsonl\n    origin: synthetic\n";
        using var temp = Scenario.Create(replace);
        temp.Write("gen1.provenance.yaml", Parent);
        Provenance.Manifest.Writing.ManifestSealer.Seal(Path.Combine(temp.Root, "gen1.provenance.yaml"));
        var result = Scenario.Check(temp.ManifestPath);
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2004", 3, 9);
        Assert.Contains("replaces its parent", d.Message);
        DiagnosticAssert.Single(result.Diagnostics, "PROV2001");
    }

    [Fact]
    public void Accumulate_warn_downgrades_and_off_disables()
    {
        const string partial = "provenance: 1\ndataset: gen2\nparent: gen1.provenance.yaml\npolicy: { accumulate: warn }\nshards:\n  - id: h1\n    path: data/human/h1.jsonl\n    origin: human\n";
        using var temp = Scenario.Create(partial);
        temp.Write("gen1.provenance.yaml", Parent);
        Provenance.Manifest.Writing.ManifestSealer.Seal(Path.Combine(temp.Root, "gen1.provenance.yaml"));
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2004");
        Assert.Equal(Provenance.Manifest.Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("accumulate: warn", "accumulate: off"));
        Assert.DoesNotContain(Scenario.Check(temp.ManifestPath).Diagnostics, x => x.Id == "PROV2004");
    }
}
