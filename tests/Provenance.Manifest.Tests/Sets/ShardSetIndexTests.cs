using System.Security.Cryptography;
using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// The canonical index of a shard set: a UTF-8, LF, tab-separated file with the header
/// <c>path bytes digest records tokens</c>, <c>-</c> for an unknown amount, lines sorted by path (ordinal) and unique;
/// its SHA-256 is the set digest. Malformed indexes are PROV1046 at the line and column of the first problem.
/// </summary>
public sealed class ShardSetIndexTests
{
    private const string Header = "path\tbytes\tdigest\trecords\ttokens\n";

    private const string Remote = "hf://datasets/example-org/sotu-extra/data/sotu-2017.jsonl";

    [Fact]
    public void ToBytes_and_Parse_round_trip_entries_of_real_files_and_a_remote_entry()
    {
        var entries = RealEntries(12);
        entries.Add(new IndexEntry(Remote, 41_270, Sha("remote"), null, null));
        entries.Add(new IndexEntry("data/sotu/café-1790.jsonl", 210, Sha("café"), 1, null)); // UTF-8 path, tokens unknown
        var index = new ShardSetIndex(entries.OrderByDescending(e => e.Location, StringComparer.Ordinal)); // sorted by the constructor

        byte[] bytes = index.ToBytes();
        var diagnostics = new List<ManifestDiagnostic>();
        var parsed = ShardSetIndex.Parse(bytes, "x.tsv", diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(parsed);
        Assert.Equal(entries.OrderBy(e => e.Location, StringComparer.Ordinal), parsed!.Entries);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Null(parsed.Partition);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith(Header, text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Contains($"{Remote}\t41270\t{Sha("remote")}\t-\t-\n", text, StringComparison.Ordinal);
        Assert.Contains("data/sotu/café-1790.jsonl\t210\t", text, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes); // UTF-8, no byte-order mark
        Assert.NotEqual(0xEF, bytes[0]);
        var lines = text.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split('\t')[0]).ToList();
        Assert.Equal(lines.OrderBy(l => l, StringComparer.Ordinal), lines);
    }

    [Fact]
    public void The_set_digest_is_the_sha256_of_the_index_bytes_and_the_totals_add_up()
    {
        var entries = RealEntries(5);
        var index = new ShardSetIndex(entries);
        byte[] bytes = index.ToBytes();

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), ShardSetIndex.DigestOf(bytes));
        Assert.Equal(entries.Sum(e => e.Bytes), index.Bytes);
        Assert.Equal(entries.Sum(e => e.Records), index.Records);
        Assert.Equal(entries.Sum(e => e.Tokens), index.Tokens);

        var withRemote = new ShardSetIndex(entries.Append(new IndexEntry(Remote, 1000, Sha("r"), null, null)));
        Assert.Equal(entries.Sum(e => e.Bytes) + 1000, withRemote.Bytes); // counted in bytes
        Assert.Null(withRemote.Records);                                   // unknown amounts make the total unknown
        Assert.Null(withRemote.Tokens);
        Assert.True(withRemote.Entries.Single(e => e.Location == Remote).IsRemote);
        Assert.False(withRemote.Entries[0].IsRemote);
    }

    [Fact]
    public void Equal_entries_give_equal_bytes_whatever_their_order()
    {
        var entries = RealEntries(20);
        var shuffled = entries.OrderBy(e => e.Digest, StringComparer.Ordinal).ToList();

        Assert.Equal(new ShardSetIndex(entries).ToBytes(), new ShardSetIndex(shuffled).ToBytes());
    }

    [Fact]
    public void A_partial_index_starts_with_its_partition_line_and_parses_back()
    {
        var index = new ShardSetIndex(RealEntries(3)) { Partition = (1, 4, 3000) };
        byte[] bytes = index.ToBytes();
        string text = Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("# partition 1/4 of 3000 files\n" + Header, text, StringComparison.Ordinal);
        var diagnostics = new List<ManifestDiagnostic>();
        var parsed = ShardSetIndex.Parse(bytes, "x.part-1-of-4.tsv", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal((1, 4, 3000L), parsed!.Partition);
        Assert.Equal(index.Entries, parsed.Entries);
        Assert.Equal(bytes, parsed.ToBytes());
    }

    [Theory]
    [InlineData("# partition 4/4 of 10 files\n")]   // I must be below N
    [InlineData("# partition 0/0 of 10 files\n")]
    [InlineData("# partition 1/4 of ten files\n")]
    [InlineData("# partition 1-4 of 10 files\n")]
    [InlineData("# partition 1/4 of 10\n")]
    [InlineData("# partition 1/4 from 10 files\n")]
    public void A_malformed_partition_line_is_PROV1046_at_line_1(string comment)
    {
        var (line, column, message) = Fails(comment + Header + Row("data/a.jsonl"));

        Assert.Equal((1, 1), (line, column));
        Assert.Contains("# partition I/N of F files", message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_partition_line_problems_are_reported_one_line_further_down()
    {
        var (line, column, _) = Fails("# partition 0/2 of 4 files\n" + Header + Row("data/b.jsonl") + Row("data/a.jsonl"));

        Assert.Equal((4, 1), (line, column));
    }

    [Theory]
    [InlineData("path,bytes,digest,records,tokens\n")]
    [InlineData("path\tbytes\tdigest\trecords\n")]
    [InlineData("path\tbytes\tdigest\trecords\ttokens\r\n")]
    [InlineData("\uFEFFpath\tbytes\tdigest\trecords\ttokens\n")]
    [InlineData("")]
    public void A_wrong_header_is_PROV1046_at_line_1_column_1(string header)
    {
        var (line, column, message) = Fails(header + Row("data/a.jsonl"));

        Assert.Equal((1, 1), (line, column));
        Assert.Contains("header", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_4_fields_is_PROV1046_at_its_line()
    {
        string four = "data/b.jsonl\t100\t" + Sha("b") + "\t3\n";

        var (line, column, message) = Fails(Header + Row("data/a.jsonl") + four + Row("data/c.jsonl"));

        Assert.Equal((3, 1), (line, column));
        Assert.Contains("5 tab-separated fields", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_6_fields_is_PROV1046_at_its_line()
    {
        var (line, _, message) = Fails(Header + Row("data/a.jsonl").TrimEnd('\n') + "\textra\n");

        Assert.Equal(2, line);
        Assert.Contains("5 tab-separated fields", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:ABCDEF")]
    [InlineData("md5:0123")]
    [InlineData("-")]
    public void A_bad_digest_is_PROV1046_at_the_digest_column(string digest)
    {
        string bad = $"data/sotu/b.jsonl\t100\t{digest}\t3\t40\n";

        var (line, column, message) = Fails(Header + Row("data/sotu/a.jsonl") + bad);

        Assert.Equal(3, line);
        Assert.Equal(bad.IndexOf(digest, StringComparison.Ordinal) + 1, column);
        Assert.Contains($"'{digest}' is not a digest", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsorted_lines_are_PROV1046_at_the_first_line_out_of_order()
    {
        var (line, column, message) = Fails(Header + Row("data/a.jsonl") + Row("data/c.jsonl") + Row("data/b.jsonl") + Row("data/d.jsonl"));

        Assert.Equal((4, 1), (line, column));
        Assert.Contains("'data/b.jsonl' is not after 'data/c.jsonl'", message, StringComparison.Ordinal);
        Assert.Contains("sorted", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_sorted_by_culture_rather_than_ordinally_are_PROV1046()
    {
        // A culture-aware sort puts "data/a.jsonl" before "data/B.jsonl"; ordinally 'B' (0x42) comes first.
        var (line, _, _) = Fails(Header + Row("data/a.jsonl") + Row("data/B.jsonl"));

        Assert.Equal(3, line);
    }

    [Fact]
    public void A_duplicate_path_is_PROV1046_at_its_second_line()
    {
        var (line, column, message) = Fails(Header + Row("data/a.jsonl") + Row("data/b.jsonl") + Row("data/b.jsonl"));

        Assert.Equal((4, 1), (line, column));
        Assert.Contains("unique", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_final_line_feed_is_PROV1046_at_the_last_line()
    {
        var (line, column, message) = Fails(Header + Row("data/a.jsonl") + Row("data/b.jsonl").TrimEnd('\n'));

        Assert.Equal((3, 1), (line, column));
        Assert.Contains("no line end", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12a", "3", "40", 1)]
    [InlineData("-", "3", "40", 1)]
    [InlineData("-7", "3", "40", 1)]
    [InlineData("", "3", "40", 1)]
    [InlineData("100", "three", "40", 3)]
    [InlineData("100", "3", "4.0", 4)]
    [InlineData("100", "3", "", 4)]
    public void A_bad_number_is_PROV1046_at_its_column(string bytes, string records, string tokens, int field)
    {
        string bad = $"data/sotu/b.jsonl\t{bytes}\t{Sha("b")}\t{records}\t{tokens}\n";

        var (line, column, message) = Fails(Header + Row("data/sotu/a.jsonl") + bad);

        Assert.Equal(3, line);
        int expected = bad.Split('\t').Take(field).Sum(f => f.Length + 1) + 1;
        Assert.Equal(expected, column);
        Assert.Contains("whole number", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_amounts_are_a_dash()
    {
        var parsed = ShardSetIndex.Parse(Encoding.UTF8.GetBytes(Header + $"data/a.jsonl\t100\t{Sha("a")}\t-\t-\n"), "x.tsv", new List<ManifestDiagnostic>());

        var entry = Assert.Single(parsed!.Entries);
        Assert.Null(entry.Records);
        Assert.Null(entry.Tokens);
        Assert.Equal(100, entry.Bytes);
    }

    [Theory]
    [InlineData("../outside.jsonl")]
    [InlineData("/etc/passwd")]
    [InlineData("data/../../x.jsonl")]
    public void A_path_leaving_the_folder_is_PROV1046(string path)
    {
        var (line, column, message) = Fails(Header + Row(path));

        Assert.Equal((2, 1), (line, column));
        Assert.Contains("not usable", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_path_is_PROV1046()
    {
        var (line, _, _) = Fails(Header + $"\t100\t{Sha("a")}\t1\t2\n");

        Assert.Equal(2, line);
    }

    [Fact]
    public void Read_reports_a_missing_index_as_PROV1046_and_gives_the_digest_of_a_present_one()
    {
        using var temp = new TempManifest();
        var diagnostics = new List<ManifestDiagnostic>();

        Assert.Null(ShardSetIndex.Read(Path.Combine(temp.Root, "none.tsv"), diagnostics, out string? none));
        Assert.Null(none);
        Assert.Equal("PROV1046", Assert.Single(diagnostics).Id);
        Assert.Contains("does not exist", diagnostics[0].Message, StringComparison.Ordinal);

        byte[] bytes = new ShardSetIndex(RealEntries(4)).ToBytes();
        string path = Path.Combine(temp.Root, "set.tsv");
        File.WriteAllBytes(path, bytes);
        diagnostics.Clear();
        var read = ShardSetIndex.Read(path, diagnostics, out string? digest);
        Assert.Empty(diagnostics);
        Assert.Equal(4, read!.Entries.Count);
        Assert.Equal(ShardSetIndex.DigestOf(bytes), digest);
    }

    [Fact]
    public void DuckDB_reads_a_sealed_index_as_it_is_and_its_totals_are_the_manifests()
    {
        using var s = SetScenario.Create(seal: false);
        s.Temp.Write("provenance.index/sotu.tsv", Header + $"{Remote}\t41270\t{Sha("remote")}\t-\t-\n");
        s.Seal();
        var set = s.Set("sotu");

        // An independent TSV reader (DuckDB's CSV sniffer): tab-separated, a header, '-' for null, types inferred.
        var rows = DuckDb.Query(
            $"SELECT count(*) AS files, sum(bytes) AS bytes, count(records) AS counted, sum(records) AS records, " +
            $"bool_and(digest LIKE 'sha256:%' AND length(digest) = 71) AS digests " +
            $"FROM read_csv({DuckDb.Literal(s.Full("provenance.index/sotu.tsv"))}, delim = '\t', header = true, nullstr = '-')");

        var row = Assert.Single(rows);
        Assert.Equal(set.FileCount.ToString(), row.GetProperty("files").GetString());
        Assert.Equal(set.Bytes.ToString(), row.GetProperty("bytes").GetString());
        Assert.Equal(s.Plain.Count.ToString(), row.GetProperty("counted").GetString()); // the remote row's records are null
        Assert.Equal(s.Plain.Sum(p => SetCorpus.ReadLines(s.Full(p)).Length).ToString(), row.GetProperty("records").GetString());
        Assert.True(row.GetProperty("digests").GetBoolean());
    }

    [Theory]
    [InlineData("provenance.yaml", "c4-en", "provenance.index/c4-en.tsv")]
    [InlineData("sft.provenance.yaml", "sotu", "sft.provenance.index/sotu.tsv")]
    [InlineData("mix.yml", "sotu", "mix.index/sotu.tsv")]
    [InlineData("provenance.yaml", "fineweb/2024 (en)", "provenance.index/fineweb_2024__en_.tsv")]
    [InlineData("provenance.yaml", "..", "provenance.index/_.tsv")]
    public void The_default_index_path_is_beside_the_manifest_named_by_the_set_id(string manifest, string id, string expected)
    {
        Assert.Equal(expected, ShardSetIndex.DefaultPath(Path.Combine("/repo", manifest), id));
    }

    [Theory]
    [InlineData("provenance.index/c4-en.tsv", 0, 4, "provenance.index/c4-en.part-0-of-4.tsv")]
    [InlineData("indexes/fineweb-2024.tsv", 3, 16, "indexes/fineweb-2024.part-3-of-16.tsv")]
    [InlineData("indexes/set.index", 1, 2, "indexes/set.index.part-1-of-2.tsv")]
    public void A_partial_index_sits_beside_its_index(string index, int i, int n, string expected)
    {
        Assert.Equal(expected, ShardSetIndex.PartialPath(index, i, n));
    }

    /// <summary>Parses <paramref name="text"/>, asserts it fails with exactly one PROV1046, and returns where and why.</summary>
    private static (int Line, int Column, string Message) Fails(string text)
    {
        var diagnostics = new List<ManifestDiagnostic>();

        var parsed = ShardSetIndex.Parse(Encoding.UTF8.GetBytes(text), "set.tsv", diagnostics);

        Assert.Null(parsed);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PROV1046", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("set.tsv", diagnostic.FilePath);
        return (diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Message);
    }

    private static string Row(string path) => $"{path}\t{path.Length * 10}\t{Sha(path)}\t3\t40\n";

    private static string Sha(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Index entries of <paramref name="count"/> files of real text (bytes, digest, lines and a word count).</summary>
    private static List<IndexEntry> RealEntries(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            byte[] bytes = Encoding.UTF8.GetBytes(SetCorpus.FileText(i));
            return new IndexEntry($"data/sotu/part-{i:0000}.jsonl", bytes.Length, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), 1 + (i % 3), bytes.Length / 6);
        }).ToList();
}
