using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Lineage;

public class LineageResolverTests
{
    private const string Gen0 = "provenance: 1\ndataset: g0\nshards:\n  - id: h1\n    path: data/human/h1.jsonl\n    origin: human\n";

    private static string Synthetic(string trainedOn, string extra = "") =>
        $"provenance: 1\ndataset: g\nshards:\n  - id: h1\n    path: data/human/h1.jsonl\n    origin: human\n  - id: s\n    path: data/synthetic/s1.jsonl\n    origin: synthetic\n{extra}    generator:\n      model: bigram\n      trainedOn: {trainedOn}\n";

    [Fact]
    public void Generation_is_one_plus_the_trainedOn_manifest_max()
    {
        using var temp = Scenario.Create(Synthetic("gen1.provenance.yaml"));
        temp.Write("gen0.provenance.yaml", Gen0);
        temp.Write("gen1.provenance.yaml", Synthetic("gen0.provenance.yaml"));
        var result = Scenario.Check(temp.ManifestPath);
        DiagnosticAssert.None(result.Diagnostics);
        Assert.Equal(2, result.Lineage!.MaxGeneration);
        Assert.EndsWith("max generation 2", result.Summary);
    }

    [Fact]
    public void Declared_generation_lower_than_computed_is_PROV1017_at_the_generation()
    {
        using var temp = Scenario.Create(Synthetic("gen1.provenance.yaml", "    generation: 1\n"));
        temp.Write("gen0.provenance.yaml", Gen0);
        temp.Write("gen1.provenance.yaml", Synthetic("gen0.provenance.yaml"));
        var d = DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1017", DiagnosticAssert.Pos(temp.ManifestPath, "generation: ", after: true));
        Assert.Contains("generation 2", d.Message);
    }

    [Fact]
    public void Cycle_across_manifests_is_PROV1015_at_trainedOn()
    {
        using var temp = Scenario.Create(Synthetic("a.provenance.yaml"));
        temp.Write("a.provenance.yaml", Synthetic("b.provenance.yaml"));
        temp.Write("b.provenance.yaml", Synthetic("a.provenance.yaml"));
        DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1015", DiagnosticAssert.Pos(temp.ManifestPath, "trainedOn: ", after: true));
    }

    [Fact]
    public void Self_reference_and_missing_manifest_are_reported()
    {
        using var self = Scenario.Create(Synthetic("provenance.yaml"));
        DiagnosticAssert.At(Scenario.Check(self.ManifestPath).Diagnostics, "PROV1015", DiagnosticAssert.Pos(self.ManifestPath, "trainedOn: ", after: true));
        using var missing = Scenario.Create(Synthetic("nowhere.provenance.yaml"));
        DiagnosticAssert.At(Scenario.Check(missing.ManifestPath).Diagnostics, "PROV1016", DiagnosticAssert.Pos(missing.ManifestPath, "trainedOn: ", after: true));
    }

    [Fact]
    public void Parent_cycle_is_PROV1015_at_parent()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("dataset: sotu", "dataset: sotu\nparent: a.provenance.yaml"));
        temp.Write("a.provenance.yaml", Gen0 + "parent: provenance.yaml\n");
        DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1015", 3, 9);
    }

    [Fact]
    public void Unknown_derivedFrom_id_is_PROV1014_at_the_item()
    {
        using var temp = Scenario.Create(Scenario.ThreeShards.Replace("generator: { model: bigram }", "generator: { model: bigram }\n    derivedFrom: [h1, h9]"));
        DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1014", DiagnosticAssert.Pos(temp.ManifestPath, "h9"));
    }

    [Fact]
    public void Long_trainedOn_chain_of_1000_manifests_resolves()
    {
        using var temp = Scenario.Create(Synthetic("chain/m999.provenance.yaml"));
        temp.Write("chain/m0.provenance.yaml", "provenance: 1\ndataset: m0\nshards: []\n");
        for (int i = 1; i < 1000; i++)
        {
            temp.Write($"chain/m{i}.provenance.yaml", $"provenance: 1\ndataset: m{i}\nshards:\n  - id: s\n    uri: s3://b/s{i}\n    origin: synthetic\n    generator: {{ model: m, trainedOn: m{i - 1}.provenance.yaml }}\n");
        }

        var result = Scenario.Check(temp.ManifestPath);
        Assert.Equal(1000, result.Lineage!.MaxGeneration);
    }

    [Fact]
    public void Check_inputs_name_the_manifest_its_lock_every_referenced_manifest_and_the_shards()
    {
        using var temp = Scenario.Create(Synthetic("gen1.provenance.yaml"));
        temp.Write("gen0.provenance.yaml", Gen0);
        temp.Write("gen1.provenance.yaml", Synthetic("gen0.provenance.yaml"));
        var inputs = Scenario.Check(temp.ManifestPath).Inputs;
        string[] expected =
        {
            temp.ManifestPath, Path.Combine(temp.Root, "provenance.lock.json"), Path.Combine(temp.Root, "gen1.provenance.yaml"),
            Path.Combine(temp.Root, "gen0.provenance.yaml"), Path.Combine(temp.Root, "data", "human", "h1.jsonl"),
            Path.Combine(temp.Root, "data", "synthetic", "s1.jsonl"),
        };
        Assert.Equal(expected.OrderBy(p => p, StringComparer.Ordinal), inputs);
    }
}
