using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Reading;

public class ManifestReaderTests
{
    private const string Valid = """
        provenance: 1
        dataset: sotu
        policy:
          measure: records
          humanFloor: 0.2
          maxGeneration: 3
        shards:
          - id: h1
            path: data/h1.jsonl
            origin: human
            weight: 2
            source: { name: SOTU, license: CC0-1.0 }
          - id: s1
            path: data/s1.jsonl
            origin: mixed
            humanFraction: 0.25
            generator:
              model: bigram@1
              trainedOn: ../gen0/provenance.yaml
              decoding: { temperature: 1.0 }
            derivedFrom: [h1]
            verification: { method: llm-judge, verifier: judge-7b, accepted: 9, rejected: 1 }
        removed:
          - digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
            reason: licence withdrawn
            approvedBy: governance@example.org
        """;

    private static ManifestReadResult Read(string yaml) => ManifestReader.ReadText(yaml.Replace("\r\n", "\n") + "\n", "/tmp/x/provenance.yaml");

    [Fact]
    public void Reads_every_key_of_a_valid_manifest()
    {
        var result = Read(Valid);
        Assert.Empty(result.Diagnostics);
        var m = result.Manifest!;
        Assert.Equal("sotu", m.Dataset);
        Assert.Equal(Measure.Records, m.Policy.Measure);
        Assert.Equal(0.2, m.Policy.HumanFloor);
        Assert.Equal(3, m.Policy.MaxGeneration);
        Assert.Equal(2, m.Shards.Count);
        Assert.Equal(2, m.Shards[0].Weight);
        Assert.Equal("CC0-1.0", m.Shards[0].Source!.License);
        var s = m.Shards[1];
        Assert.Equal(ShardOrigin.Mixed, s.Origin);
        Assert.Equal(0.25, s.HumanFraction);
        Assert.Equal("../gen0/provenance.yaml", s.Generator!.TrainedOn);
        Assert.Equal("1.0", s.Generator.Decoding["temperature"]);
        Assert.Equal(new[] { "h1" }, s.DerivedFrom);
        Assert.Equal(VerificationMethod.LlmJudge, s.Verification!.Method);
        Assert.Single(m.Removed);
        Assert.Equal((9, 11), (m.Shards[0].ValueSpan("path").Line, m.Shards[0].ValueSpan("path").Column));
    }

    [Fact]
    public void Unknown_key_is_reported_at_the_key()
    {
        var result = Read("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n    orgin: human\n");
        DiagnosticAssert.At(result.Diagnostics, "PROV1002", 7, 5);
    }

    [Theory]
    [InlineData("orgin: human", "origin")]
    [InlineData("oirgin: human", "origin")]
    [InlineData("dgiest: sha256:00", "digest")]
    [InlineData("derivedfrom: [a]", "derivedFrom")]
    public void A_misspelt_key_names_the_key_meant_once_without_a_second_missing_key_error(string line, string meant)
    {
        var result = Read($"provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    {line}\n" + (meant == "origin" ? string.Empty : "    origin: human\n"));

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1002", 6, 5);
        Assert.Contains($"; did you mean '{meant}'? Expected one of: id, path,", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV1004");
    }

    [Fact]
    public void An_unknown_key_far_from_every_key_or_close_to_one_already_present_gets_no_suggestion()
    {
        var far = Read("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n    colour: red\n");
        Assert.EndsWith("in shard 'a'; expected one of: id, path, uri, files, index, fileCount, origin, format, compression, textField, records, tokens, bytes, digest, weight, humanFraction, generation, generator, derivedFrom, verification, source.",
            DiagnosticAssert.At(far.Diagnostics, "PROV1002", 7, 5).Message);

        var present = Read("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n    orgin: human\n");
        Assert.DoesNotContain("did you mean", DiagnosticAssert.At(present.Diagnostics, "PROV1002", 7, 5).Message);
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_value()
    {
        var result = Read("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n    records: many\n");
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1003", 7, 14);
        Assert.Contains("integer", d.Message);
    }

    [Fact]
    public void Quoted_number_is_a_wrong_type()
    {
        DiagnosticAssert.At(Read("provenance: 1\ndataset: d\npolicy:\n  humanFloor: \"0.1\"\nshards: []\n").Diagnostics, "PROV1003", 4, 15);
    }

    [Theory]
    [InlineData("humanFloor: 1.5")]
    [InlineData("humanFloor: -0.1")]
    [InlineData("humanFloor: .nan")]
    [InlineData("humanEpochCap: 0")]
    [InlineData("measure: words")]
    [InlineData("accumulate: sometimes")]
    public void Out_of_range_policy_values_are_PROV1005_at_the_value(string line)
    {
        var result = Read($"provenance: 1\ndataset: d\npolicy:\n  {line}\nshards: []\n");
        int column = line.IndexOf(": ", StringComparison.Ordinal) + 5;
        DiagnosticAssert.At(result.Diagnostics, "PROV1005", 4, column);
    }

    [Theory]
    [InlineData("records: -5", "PROV1005")]
    [InlineData("weight: 1e308", "PROV1005")]
    [InlineData("weight: .inf", "PROV1005")]
    [InlineData("generation: 1.5", "PROV1005")]
    [InlineData("origin: robot", "PROV1005")]
    public void Out_of_range_shard_values(string line, string id)
    {
        string yaml = "provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n" + (line.StartsWith("origin") ? "" : "    origin: synthetic\n") + "    " + line + "\n";
        var result = Read(yaml);
        var d = DiagnosticAssert.Single(result.Diagnostics, id);
        Assert.Equal(line.StartsWith("origin") ? 6 : 7, d.Span.Line);
    }

    [Fact]
    public void Duplicate_shard_id_is_reported_at_the_second_id()
    {
        var result = Read("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n  - id: a\n    path: b.jsonl\n    origin: human\n");
        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1007", 7, 9);
        Assert.Contains("line 4", d.Message);
    }

    [Theory]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:ABCDEF")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public void Bad_digest_is_PROV1008(string digest)
    {
        var result = Read($"provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n    digest: {digest}\n");
        DiagnosticAssert.At(result.Diagnostics, "PROV1008", 7, 13);
    }

    [Fact]
    public void Missing_required_keys_are_PROV1004()
    {
        var result = Read("provenance: 1\nshards:\n  - path: a.jsonl\n");
        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1004" && d.Message.Contains("'dataset'"));
        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1004" && d.Message.Contains("'id'") && d.Span.Line == 3);
        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1004" && d.Message.Contains("'origin'"));
    }

    [Fact]
    public void Future_version_is_PROV1018()
    {
        DiagnosticAssert.At(Read("provenance: 2\ndataset: d\nshards: []\n").Diagnostics, "PROV1018", 1, 13);
    }

    [Fact]
    public void Root_that_is_not_a_mapping_is_PROV1003()
    {
        var result = Read("- a\n- b\n");
        Assert.Null(result.Manifest);
        DiagnosticAssert.At(result.Diagnostics, "PROV1003", 1, 1);
    }

    [Fact]
    public void Removed_entry_needs_reason_and_approver()
    {
        var result = Read("provenance: 1\ndataset: d\nshards: []\nremoved:\n  - digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n");
        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1004" && d.Message.Contains("'reason'"));
        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1004" && d.Message.Contains("'approvedBy'"));
    }

    [Fact]
    public void Missing_manifest_file_is_PROV1020()
    {
        var result = ManifestReader.ReadFile(Path.Combine(Path.GetTempPath(), "nope-" + Guid.NewGuid(), "provenance.yaml"));
        DiagnosticAssert.Single(result.Diagnostics, "PROV1020");
    }
}
