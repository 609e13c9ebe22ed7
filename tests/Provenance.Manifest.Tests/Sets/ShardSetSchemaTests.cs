using Json.Schema;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Samples;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// The shard-set keys in <c>docs/schema/provenance.schema.json</c> (what editors check) agree with the reader (what the
/// build checks): <c>files</c> a glob or a non-empty list of globs, <c>index</c> a path, <c>fileCount</c> an integer ≥ 0,
/// exactly one of <c>path</c>, <c>files</c> and <c>uri</c>, and <c>index</c>/<c>fileCount</c> only on a set.
/// </summary>
public sealed class ShardSetSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Helpers.Corpus.RepoRoot(), "docs", "schema", "provenance.schema.json"))));

    [Theory]
    [InlineData("files: data/c4/en/c4-train.*.json.gz")]
    [InlineData("files: [data/a/*.jsonl, data/b/**/*.jsonl.gz]")]
    [InlineData("files:\n      - data/fineweb/CC-MAIN-2024-10/*.parquet\n      - data/fineweb/CC-MAIN-2024-18/*.parquet\n    index: indexes/fineweb.tsv")]
    [InlineData("files: data/*.jsonl\n    index: provenance.index/s.tsv\n    fileCount: 0\n    records: 0\n    tokens: 0\n    bytes: 0\n    digest: sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("files: data/*.jsonl\n    fileCount: 1000000")]
    public void A_valid_set_entry_is_valid_for_the_schema_and_the_reader(string keys)
    {
        string yaml = Manifest(keys);

        Assert.True(Evaluate(yaml), "the schema refuses:\n" + yaml);
        var read = ManifestReader.ReadText(yaml, "provenance.yaml");
        Assert.True(read.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error), string.Join("\n", read.Diagnostics));
        Assert.True(read.Manifest!.Shards[0].IsSet);
    }

    [Theory]
    [InlineData("path: data/a.jsonl\n    files: data/*.jsonl", "PROV1005")]      // two locations
    [InlineData("uri: hf://datasets/o/d/a.jsonl\n    files: data/*.jsonl", "PROV1005")]
    [InlineData("files: []", "PROV1005")]                                      // no glob
    [InlineData("files: {glob: data/*.jsonl}", "PROV1003")]                     // not a glob
    [InlineData("files: data/*.jsonl\n    fileCount: -1", "PROV1005")]
    [InlineData("files: data/*.jsonl\n    fileCount: many", "PROV1003")]
    [InlineData("path: data/a.jsonl\n    index: provenance.index/a.tsv", "PROV1005")] // index only on a set
    [InlineData("path: data/a.jsonl\n    fileCount: 1", "PROV1005")]
    [InlineData("files: data/*.jsonl\n    filecount: 1", "PROV1002")]             // keys are case-sensitive
    public void An_invalid_set_entry_is_refused_by_the_schema_and_by_the_reader(string keys, string id)
    {
        string yaml = Manifest(keys);

        Assert.False(Evaluate(yaml), "the schema accepts:\n" + yaml);
        var read = ManifestReader.ReadText(yaml, "provenance.yaml");
        Assert.Contains(read.Diagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("/data/*.jsonl")]
    [InlineData("../data/*.jsonl")]
    public void An_unsafe_glob_is_PROV1009_for_the_reader(string glob)
    {
        var read = ManifestReader.ReadText(Manifest($"files: '{glob}'"), "provenance.yaml");

        var diagnostic = Assert.Single(read.Diagnostics, d => d.Id == "PROV1009");
        Assert.Equal((5, 12), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    private static string Manifest(string keys) => $"provenance: 1\ndataset: d\nshards:\n  - id: s\n    {keys}\n    origin: human\n";

    private static bool Evaluate(string yaml) => Schema.Value.Evaluate(SchemaValidationTests.ToJson(yaml)).IsValid;
}
