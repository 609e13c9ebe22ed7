using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>PROV2013: verification claims checked against the shard's records and its reject log.</summary>
public sealed class VerificationClaimRuleTests
{
    private static string Manifest(string verification) => Scenario.ThreeShards + "\n    verification:\n" + string.Concat(verification.Split('\n').Select(l => "      " + l + "\n"));

    [Fact]
    public void The_issue_case_900_accepted_of_5_records_and_a_missing_log_is_two_PROV2013()
    {
        using var temp = Scenario.Create(Manifest("method: human-review\naccepted: 900\nrejected: 5\nrejectLog: logs/missing.jsonl"));
        var result = Scenario.Check(temp.ManifestPath);
        int accepted = SampleCopy.LineOf(temp.ManifestPath, "  - id: s1", "      accepted:"), log = SampleCopy.LineOf(temp.ManifestPath, "  - id: s1", "      rejectLog:");
        var errors = result.Diagnostics.Where(d => d.Id == "PROV2013").ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, d => d.Message.Contains("900 records accepted, but the shard holds 5", StringComparison.Ordinal) && d.Span.Line == accepted);
        Assert.Contains(errors, d => d.Message.Contains("rejectLog 'logs/missing.jsonl' does not exist", StringComparison.Ordinal) && d.Span.Line == log);
    }

    [Fact]
    public void A_true_claim_with_a_log_holding_the_rejected_records_passes()
    {
        using var temp = Scenario.Create(Manifest("method: human-review\naccepted: 5\nrejected: 2\nrejectLog: logs/rejected.jsonl"));
        temp.Write("logs/rejected.jsonl", "{\"shard\": \"s1\", \"reason\": \"too short\"}\n{\"shard\": \"s1\", \"reason\": \"copied\"}\n");
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath).Diagnostics);
    }

    [Fact]
    public void A_log_with_fewer_records_than_declared_rejected_is_PROV2013()
    {
        using var temp = Scenario.Create(Manifest("method: human-review\naccepted: 5\nrejected: 3\nrejectLog: logs/rejected.jsonl"));
        temp.Write("logs/rejected.jsonl", "{\"shard\": \"s1\", \"reason\": \"too short\"}\n");
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2013");
        Assert.Contains("holds 1 records, but 3 is declared rejected", d.Message);
    }

    [Fact]
    public void A_sampled_review_says_its_sample_size_and_must_fit_in_it()
    {
        using var temp = Scenario.Create(Manifest("method: human-review\naccepted: 4\nrejected: 1\nsampled: 5"));
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath).Diagnostics);

        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("sampled: 5", "sampled: 3"));
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2013");
        Assert.Contains("a sample of 3 records cannot hold 4 accepted and 1 rejected records", d.Message);
    }

    [Fact]
    public void A_reject_log_outside_the_manifests_folder_is_PROV2013()
    {
        using var temp = Scenario.Create(Manifest("method: human-review\nrejected: 1\nrejectLog: ../outside.jsonl"));
        var d = DiagnosticAssert.Single(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2013");
        Assert.Contains("is not a safe path inside the manifest's folder", d.Message);
    }

    [Fact]
    public void Rejected_records_that_reappear_in_the_mix_are_PROV2013_naming_where()
    {
        string yaml = Scenario.ThreeShards.Replace("    origin: synthetic\n", "    origin: synthetic\n    textField: text\n") + "\n    verification:\n      method: human-review\n      accepted: 5\n      rejected: 2\n      rejectLog: logs/rejected.jsonl\n";
        using var temp = Scenario.Create(yaml);
        // The reviewer rejected two records; one of them is still in the shard (the log records its text and why).
        string kept = File.ReadLines(Path.Combine(temp.Root, "data", "synthetic", "s1.jsonl")).First();
        string text = System.Text.Json.JsonDocument.Parse(kept).RootElement.GetProperty("text").GetString()!;
        temp.Write("logs/rejected.jsonl",
            "{\"shard\": \"s1\", \"reason\": \"copied from a speech\", \"text\": " + System.Text.Json.JsonSerializer.Serialize(text) + "}\n" +
            "{\"shard\": \"s1\", \"reason\": \"too short\", \"text\": \"Thank you.\"}\n");

        var d = DiagnosticAssert.At(Scenario.Check(temp.ManifestPath).Diagnostics, "PROV2013", SampleCopy.LineOf(temp.ManifestPath, "  - id: s1", "      rejectLog:"), 18);
        Assert.Contains("1 records that rejectLog 'logs/rejected.jsonl' records as rejected are in the mix (1 in 's1')", d.Message);

        temp.Write("logs/rejected.jsonl", "{\"shard\": \"s1\", \"reason\": \"off topic\", \"text\": \"Not a record of this mix.\"}\n{\"shard\": \"s1\", \"reason\": \"too short\", \"text\": \"Thank you.\"}\n");
        DiagnosticAssert.None(Scenario.Check(temp.ManifestPath).Diagnostics);
    }
}
