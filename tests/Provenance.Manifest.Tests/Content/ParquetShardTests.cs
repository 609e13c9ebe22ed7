using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// Parquet written by DuckDB (not by Parquet.Net, which reads it) from the real State of the Union text split into
/// sentences: records equal DuckDB's <c>count(*)</c>; tokens equal those of the same rows exported by DuckDB to jsonl.
/// Several row groups, nulls in the text column, a dictionary-encoded column, and three page codecs.
/// </summary>
public sealed class ParquetShardTests : IDisposable
{
    private readonly TempManifest _temp = new();
    private readonly string _source;

    public ParquetShardTests()
    {
        _source = _temp.Write("sotu.jsonl", string.Join("\n", Corpus.Lines().Take(60)) + "\n");
    }

    private string Sentences => $"""
        SELECT year, president, CASE WHEN row_number() OVER () % 17 = 0 THEN NULL ELSE sentence END AS text
        FROM (SELECT year, president, unnest(string_split(text, '. ')) AS sentence FROM read_json_auto({DuckDb.Literal(_source)}))
        """;

    [Theory]
    [InlineData("snappy")]
    [InlineData("zstd")]
    [InlineData("gzip")]
    public void Records_and_tokens_equal_duckdb_count_and_the_jsonl_export(string codec)
    {
        string parquet = Path.Combine(_temp.Root, $"sentences-{codec}.parquet");
        string export = Path.Combine(_temp.Root, $"sentences-{codec}.jsonl");
        DuckDb.Query($"COPY ({Sentences}) TO {DuckDb.Literal(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION {codec})");
        var facts = DuckDb.Query(
            $"COPY (SELECT text FROM {DuckDb.Literal(parquet)}) TO {DuckDb.Literal(export)} (FORMAT json)",
            $"SELECT count(*)::INTEGER AS n, count(text)::INTEGER AS nonnull, (SELECT count(DISTINCT row_group_id) FROM parquet_metadata({DuckDb.Literal(parquet)}))::INTEGER AS groups FROM {DuckDb.Literal(parquet)}")[0];
        long rows = facts.GetProperty("n").GetInt64();
        Assert.True(facts.GetProperty("groups").GetInt64() > 1, "several row groups");
        Assert.True(facts.GetProperty("nonnull").GetInt64() < rows, "nulls in the text column");

        var amounts = ShardCounter.CountFile(parquet, ShardFormat.Parquet);
        var exported = ShardCounter.CountFile(export, ShardFormat.Jsonl, ShardCompression.None, "text");
        Assert.Equal(rows, amounts.Records);
        Assert.Equal(exported.Records, amounts.Records);
        Assert.Equal(exported.Tokens, amounts.Tokens);
        Assert.True(amounts.Tokens > 100_000, $"{amounts.Tokens} tokens");
        Assert.Equal(Tool.Sha256Sum(parquet), amounts.Digest);
    }

    [Fact]
    public void A_dictionary_encoded_column_named_by_text_field_is_read()
    {
        string parquet = Path.Combine(_temp.Root, "presidents.parquet");
        string export = Path.Combine(_temp.Root, "presidents.jsonl");
        DuckDb.Query($"COPY ({Sentences}) TO {DuckDb.Literal(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        var encodings = DuckDb.Query(
            $"COPY (SELECT president FROM {DuckDb.Literal(parquet)}) TO {DuckDb.Literal(export)} (FORMAT json)",
            $"SELECT DISTINCT encodings FROM parquet_metadata({DuckDb.Literal(parquet)}) WHERE path_in_schema = 'president'");
        Assert.Contains(encodings, e => e.GetProperty("encodings").GetString()!.Contains("DICTIONARY", StringComparison.Ordinal));

        var amounts = ShardCounter.CountFile(parquet, ShardFormat.Parquet, ShardCompression.None, "president");
        var exported = ShardCounter.CountFile(export, ShardFormat.Jsonl, ShardCompression.None, "president");
        Assert.Equal(exported.Records, amounts.Records);
        Assert.Equal(exported.Tokens, amounts.Tokens);
    }

    [Fact]
    public void Missing_column_non_text_column_and_invalid_utf8_blob_are_refused()
    {
        string parquet = Path.Combine(_temp.Root, "odd.parquet");
        DuckDb.Query($"COPY (SELECT 1 AS id, 'x'::VARCHAR AS body, '\\xFF\\xFEabc'::BLOB AS text) TO {DuckDb.Literal(parquet)} (FORMAT parquet)");
        Assert.Equal("PROV1027", Assert.Throws<ShardContentException>(() => ShardCounter.CountFile(parquet, ShardFormat.Parquet)).Descriptor.Id);
        var missing = Assert.Throws<ShardContentException>(() => ShardCounter.CountFile(parquet, ShardFormat.Parquet, ShardCompression.None, "content"));
        Assert.Equal("PROV1026", missing.Descriptor.Id);
        Assert.Contains("'body'", missing.Message);
        Assert.Equal("PROV1026", Assert.Throws<ShardContentException>(() => ShardCounter.CountFile(parquet, ShardFormat.Parquet, ShardCompression.None, "id")).Descriptor.Id);
    }

    public void Dispose() => _temp.Dispose();
}
