using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>Lineage through removals and renames: PROV2012, and no PROV1014 for an id the engine knows.</summary>
public sealed class DerivedFromRemovedRuleTests
{
    private const string Derived = Scenario.ThreeShards + "\n    derivedFrom: [h1, h2]";

    [Fact]
    public void An_approved_removal_named_in_derivedFrom_passes_with_the_taint_warning_on_the_derived_shard()
    {
        using var temp = Scenario.Create(Derived);
        ManifestChecker.Lock(temp.ManifestPath);
        string h2 = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards[1].Digest!;
        string text = File.ReadAllText(temp.ManifestPath);
        int start = text.IndexOf("  - id: h2", StringComparison.Ordinal);
        int end = text.IndexOf("  - id: s1", StringComparison.Ordinal);
        File.WriteAllText(temp.ManifestPath, text.Remove(start, end - start) + $"removed:\n  - digest: {h2}\n    id: h2\n    reason: personal data found\n    approvedBy: privacy@example.org\n");
        int line = SampleCopy.LineOf(temp.ManifestPath, "  - id: s1", "    derivedFrom:");

        var result = Scenario.Check(temp.ManifestPath);

        DiagnosticAssert.None(result.Diagnostics);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PROV1014");
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV2012", line, 23);
        Assert.Contains("Shard 's1' is derived from 'h2'", d.Message);
        Assert.Contains("\"personal data found\" (approved by privacy@example.org)", d.Message);

        // Once the lock records the removal, it keeps its lineage meaning even after the entry is gone.
        ManifestChecker.Lock(temp.ManifestPath);
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Substring(0, File.ReadAllText(temp.ManifestPath).IndexOf("removed:", StringComparison.Ordinal)));
        DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2012");
    }

    [Fact]
    public void A_derivedFrom_id_renamed_since_the_lock_resolves_through_the_locks_digest()
    {
        using var temp = Scenario.Create(Derived);
        ManifestChecker.Lock(temp.ManifestPath);
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("  - id: h2\n", "  - id: adams\n"));

        var result = Scenario.Check(temp.ManifestPath);

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PROV1014");
        DiagnosticAssert.None(result.Diagnostics);
    }

    [Fact]
    public void A_derivedFrom_id_nobody_knows_is_still_PROV1014()
    {
        using var temp = Scenario.Create(Derived.Replace("derivedFrom: [h1, h2]", "derivedFrom: [h1, nosuch]"));
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV1014");
        Assert.Contains("nor an approved removal", d.Message);
    }
}
