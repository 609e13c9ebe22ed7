using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Tests.Digests;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// <c>provenance seal</c> on shard sets: the index and the totals it writes, the <c>uri</c> entries every seal keeps,
/// and the partitioned seal: <c>--partition I/N</c> in each job, then <c>--merge</c>, whose result must be byte for byte
/// what one seal writes (PROV1048 when the partials do not make a whole set).
/// </summary>
public sealed class ShardSetSealerTests
{
    private const string Header = "path\tbytes\tdigest\trecords\ttokens\n";

    [Fact]
    public void Seal_writes_the_index_and_the_sets_count_totals_and_digest_into_the_manifest()
    {
        using var s = SetScenario.Create(seal: false);

        var result = s.Seal();

        Assert.Equal(2, result.ShardsSealed);
        Assert.Equal(2, result.ShardsChanged);
        byte[] index = File.ReadAllBytes(s.Full("provenance.index/sotu.tsv"));
        var rows = Encoding.UTF8.GetString(index).TrimEnd('\n').Split('\n');
        Assert.Equal(Header.TrimEnd('\n'), rows[0]);
        Assert.Equal(s.Plain, rows.Skip(1).Select(r => r.Split('\t')[0]));
        long records = 0, tokens = 0, bytes = 0;
        foreach (var (row, file) in rows.Skip(1).Zip(s.Plain))
        {
            var expected = Measure(s.Full(file));
            Assert.Equal($"{file}\t{expected.Bytes}\t{expected.Digest}\t{expected.Records}\t{expected.Tokens}", row);
            (records, tokens, bytes) = (records + expected.Records, tokens + expected.Tokens, bytes + expected.Bytes);
        }

        string block = "  - id: sotu\n    files: data/sotu/*.jsonl\n    origin: human\n    textField: text\n" +
            $"    index: provenance.index/sotu.tsv\n    fileCount: {s.Plain.Count}\n    records: {records}\n    tokens: {tokens}\n    bytes: {bytes}\n" +
            $"    digest: sha256:{Convert.ToHexStringLower(SHA256.HashData(index))}\n  - id: sotu-gz\n";
        Assert.Contains(block, s.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_counts_gzip_files_from_their_decoded_content_and_digests_their_stored_bytes()
    {
        using var s = SetScenario.Create();

        var set = s.Set("sotu-gz");
        var entries = ReadIndex(s.Full("provenance.index/sotu-gz.tsv")).Entries;

        Assert.Equal(s.Gzip, entries.Select(e => e.Location));
        foreach (var entry in entries)
        {
            var expected = Measure(s.Full(entry.Location));
            Assert.Equal((expected.Bytes, expected.Digest, expected.Records, expected.Tokens), (entry.Bytes, entry.Digest, entry.Records!.Value, entry.Tokens!.Value));
        }

        Assert.Equal(entries.Sum(e => e.Records), set.Records);
        Assert.Equal(entries.Sum(e => e.Bytes), set.Bytes);
        Assert.Equal(s.Gzip.Count, set.FileCount);
    }

    [Fact]
    public void A_set_may_mix_plain_and_gzip_files_each_read_by_its_own_name()
    {
        const string Yaml = """
            provenance: 1
            dataset: mixed
            shards:
              - id: all
                files: [data/sotu/*.jsonl, data/gz/**/*.jsonl.gz]
                origin: human
                textField: text
            """;
        using var s = SetScenario.Create(plain: 9, gzip: 9, seal: false, yaml: Yaml);

        s.Seal();

        var entries = ReadIndex(s.Full("provenance.index/all.tsv")).Entries;
        Assert.Equal(s.Gzip.Concat(s.Plain).OrderBy(p => p, StringComparer.Ordinal), entries.Select(e => e.Location));
        Assert.All(entries, e => Assert.Equal(Measure(s.Full(e.Location)).Records, e.Records));
        Assert.Empty(s.Check().Diagnostics);
    }

    [Fact]
    public void A_second_seal_changes_nothing_and_leaves_the_index_file_alone()
    {
        using var s = SetScenario.Create();
        string yaml = s.Text;
        string index = s.Full("provenance.index/sotu.tsv");
        byte[] bytes = File.ReadAllBytes(index);
        var time = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(index, time);

        var again = s.Seal();

        Assert.Equal(0, again.ShardsChanged);
        Assert.Equal(yaml, s.Text);
        Assert.Equal(bytes, File.ReadAllBytes(index));
        Assert.Equal(time, File.GetLastWriteTimeUtc(index));
    }

    [Fact]
    public void Resealing_after_files_are_added_removed_and_renamed_records_the_new_set()
    {
        using var s = SetScenario.Create();
        string before = s.Set("sotu").Digest!;
        File.Delete(s.Full(s.Plain[0]));
        File.Move(s.Full(s.Plain[1]), s.Full("data/sotu/renamed.jsonl"));
        SetCorpus.WriteFile(s.Full("data/sotu/part-9000.jsonl"), SetCorpus.FileText(9000));
        Assert.Contains(s.Check().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        s.Seal();

        var set = s.Set("sotu");
        Assert.NotEqual(before, set.Digest);
        Assert.Equal(s.Plain.Count, set.FileCount); // one removed, one added, one renamed
        var paths = ReadIndex(s.Full("provenance.index/sotu.tsv")).Entries.Select(e => e.Location).ToList();
        Assert.Contains("data/sotu/renamed.jsonl", paths);
        Assert.Contains("data/sotu/part-9000.jsonl", paths);
        Assert.DoesNotContain(s.Plain[0], paths);
        Assert.DoesNotContain(s.Plain[1], paths);
        Assert.Empty(s.Check().Diagnostics);
    }

    [Fact]
    public void A_declared_index_path_is_used_and_not_rewritten()
    {
        const string Yaml = """
            provenance: 1
            dataset: declared
            shards:
              - id: sotu
                files: data/sotu/*.jsonl
                origin: human
                index: indexes/sotu-speeches.tsv
            """;
        using var s = SetScenario.Create(gzip: 0, seal: false, yaml: Yaml);

        s.Seal();

        Assert.True(File.Exists(s.Full("indexes/sotu-speeches.tsv")));
        Assert.False(Directory.Exists(s.Full("provenance.index")));
        Assert.Single(s.Text.Split('\n'), l => l.Contains("index:", StringComparison.Ordinal));
        Assert.Equal(ShardSetIndex.DigestOf(File.ReadAllBytes(s.Full("indexes/sotu-speeches.tsv"))), s.Set("sotu").Digest);
        Assert.Empty(s.Check().Diagnostics);
    }

    [Fact]
    public void The_default_index_of_a_named_manifest_is_beside_it()
    {
        using var temp = new TempManifest();
        SetCorpus.Write(temp.Root, 5, i => $"data/p-{i}.jsonl");
        string manifest = temp.Write("sft.provenance.yaml", "provenance: 1\ndataset: sft\nshards:\n- id: sotu\n  files: data/*.jsonl\n  origin: human\n");

        Assert.True(ManifestSealer.Seal(manifest).Succeeded);

        Assert.True(File.Exists(Path.Combine(temp.Root, "sft.provenance.index", "sotu.tsv")));
        Assert.Contains("  index: sft.provenance.index/sotu.tsv\n  fileCount: 5\n", File.ReadAllText(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_seal_keeps_the_uri_entries_of_the_existing_index()
    {
        using var s = SetScenario.Create(seal: false);
        string remote = $"s3://sotu-archive/2017/address.jsonl\t48213\tsha256:{new string('7', 64)}\t-\t-\n";
        s.Temp.Write("provenance.index/sotu.tsv", Header + remote);

        s.Seal();
        SetCorpus.WriteFile(s.Full("data/sotu/part-8000.jsonl"), SetCorpus.FileText(8000));
        s.Seal();

        string index = File.ReadAllText(s.Full("provenance.index/sotu.tsv"));
        Assert.EndsWith("\n" + remote, index, StringComparison.Ordinal); // 's3://' sorts after 'data/'
        var set = s.Set("sotu");
        Assert.Equal(s.Plain.Count + 2, set.FileCount);
        Assert.Null(set.Records); // the remote entry's amounts are unknown, so the set's are
        Assert.Null(set.Tokens);
        Assert.Equal(s.Plain.Append("data/sotu/part-8000.jsonl").Sum(p => new FileInfo(s.Full(p)).Length) + 48213, set.Bytes);
    }

    [Fact]
    public void The_index_and_partial_indexes_never_belong_to_the_set_even_when_a_glob_matches_them()
    {
        using var temp = new TempManifest();
        var lines = SetCorpus.Records.Take(60).Select(r => JsonDocument.Parse(r).RootElement).ToList(); // quotes taken out: a TSV field may be quoted
        for (int i = 0; i < 6; i++)
        {
            temp.Write($"tables/t-{i}.tsv", "year\ttext\n" + string.Concat(lines.Skip(i * 10).Take(10).Select(l => $"{l.GetProperty("year").GetInt32()}\t{l.GetProperty("text").GetString()!.Replace('"', '\'')}\n")));
        }

        temp.Manifest("provenance: 1\ndataset: tables\nshards:\n- id: tables\n  files: '**/*.tsv'\n  origin: human\n  textField: text\n");

        Assert.True(ManifestSealer.Seal(temp.ManifestPath, partition: new SealPartition(0, 2)).Succeeded);
        Assert.True(ManifestSealer.Seal(temp.ManifestPath, partition: new SealPartition(1, 2)).Succeeded);
        Assert.True(ManifestSealer.Seal(temp.ManifestPath, merge: true).Succeeded);
        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);

        var entries = ReadIndex(Path.Combine(temp.Root, "provenance.index", "tables.tsv")).Entries;
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"tables/t-{i}.tsv"), entries.Select(e => e.Location));
        Assert.All(entries, e => Assert.Equal(10, e.Records));
        var check = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, FingerprintDirectory = Path.Combine(temp.Root, ".fingerprints") });
        Assert.True(check.Diagnostics.Count == 0, string.Join("\n", check.Diagnostics)); // nor does check count the index as an added file
    }

    [Fact]
    public void Globs_that_match_no_file_are_PROV1010_and_nothing_is_written()
    {
        using var s = SetScenario.Create(seal: false, yaml: SetScenario.TwoSets.Replace("data/sotu/*.jsonl", "data/sotu/*.parquet", StringComparison.Ordinal));
        string yaml = s.Text;

        var result = ManifestSealer.Seal(s.ManifestPath);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1010", diagnostic.Id);
        Assert.Equal("Shard set 'sotu': its globs (data/sotu/*.parquet) match no file under the manifest's folder.", diagnostic.Message);
        Assert.Equal(yaml, s.Text);
        Assert.False(Directory.Exists(s.Full("provenance.index")));
    }

    [Fact]
    public void A_partition_seals_the_files_at_sorted_positions_p_mod_N_into_a_partial_index_and_leaves_the_manifest_alone()
    {
        using var s = SetScenario.Create(plain: 10, gzip: 3, seal: false);
        string yaml = s.Text;

        for (int i = 0; i < 3; i++)
        {
            var result = ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(i, 3));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.Equal(2, result.ShardsSealed);
        }

        Assert.Equal(yaml, s.Text);
        Assert.False(File.Exists(s.Full("provenance.index/sotu.tsv")));
        for (int i = 0; i < 3; i++)
        {
            byte[] bytes = File.ReadAllBytes(s.Full($"provenance.index/sotu.part-{i}-of-3.tsv"));
            Assert.StartsWith($"# partition {i}/3 of 10 files\n{Header}", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            var partial = ShardSetIndex.Parse(bytes, "p", new List<ManifestDiagnostic>())!;
            Assert.Equal(s.Plain.Where((_, p) => p % 3 == i), partial.Entries.Select(e => e.Location));
            Assert.Equal((i, 3, 10L), partial.Partition);
        }

        // Three gzip files over three partitions: one each.
        Assert.Equal(s.Gzip[2], Assert.Single(ReadIndex(s.Full("provenance.index/sotu-gz.part-2-of-3.tsv")).Entries).Location);
    }

    /// <summary>The test the shard-set issue asks for: thousands of files, two sets, a remote entry, four partitions.</summary>
    [Fact]
    public void Four_partitions_merged_equal_one_seal_byte_for_byte_on_sets_with_thousands_of_files_and_a_uri_entry()
    {
        using var temp = new TempManifest();
        var speeches = SetCorpus.Write(temp.Root, 1_800, i => $"data/speeches/{1790 + (10 * (i % 23))}s/part-{i:00000}.jsonl");
        var compressed = SetCorpus.Write(temp.Root, 1_300, i => $"data/gz/part-{i:00000}.jsonl.gz", first: 1_800, skip: 7);
        temp.Write("data/whole/sotu-opening.jsonl", string.Concat(Corpus.Lines().Take(2).Select(l => l + "\n")));
        string unsealed = """
            # Two shard sets of real State of the Union sentences, and one single-file shard.
            provenance: 1
            dataset: sotu-partitioned
            shards:
              - id: speeches                 # 1,800 plain JSON Lines files in decade folders
                files:
                  - data/speeches/**/*.jsonl
                origin: human
                textField: text
                source: {name: U.S. State of the Union addresses, license: CC0-1.0}
              - id: speeches-gz
                files: data/gz/part-*.jsonl.gz
                origin: human
                textField: text
              - id: sotu-opening
                path: data/whole/sotu-opening.jsonl
                origin: human
                textField: text

            """.Replace("\r\n", "\n");
        string remoteOnly = Header + $"hf://datasets/example-org/sotu-extra/data/sotu-2017.jsonl\t48213\tsha256:{new string('e', 64)}\t1\t5963\n";
        string speechesIndex = Path.Combine(temp.Root, "provenance.index", "speeches.tsv");
        string compressedIndex = Path.Combine(temp.Root, "provenance.index", "speeches-gz.tsv");
        void Restore()
        {
            temp.Manifest(unsealed);
            temp.Write("provenance.index/speeches.tsv", remoteOnly);
            File.Delete(compressedIndex);
        }

        Restore();
        var single = ManifestSealer.Seal(temp.ManifestPath);
        Assert.True(single.Succeeded, string.Join("\n", single.Diagnostics));
        byte[] yaml = File.ReadAllBytes(temp.ManifestPath), first = File.ReadAllBytes(speechesIndex), second = File.ReadAllBytes(compressedIndex);

        Restore();
        for (int i = 0; i < 4; i++)
        {
            var part = ManifestSealer.Seal(temp.ManifestPath, partition: new SealPartition(i, 4));
            Assert.True(part.Succeeded, string.Join("\n", part.Diagnostics));
            Assert.Equal(unsealed, File.ReadAllText(temp.ManifestPath));
            Assert.Equal(remoteOnly, File.ReadAllText(speechesIndex));
        }

        Assert.Equal(8, Directory.GetFiles(Path.GetDirectoryName(speechesIndex)!, "*.part-*-of-4.tsv").Length);
        var merged = ManifestSealer.Seal(temp.ManifestPath, merge: true);

        Assert.True(merged.Succeeded, string.Join("\n", merged.Diagnostics));
        Assert.Equal(yaml, File.ReadAllBytes(temp.ManifestPath));
        Assert.Equal(first, File.ReadAllBytes(speechesIndex));
        Assert.Equal(second, File.ReadAllBytes(compressedIndex));
        Assert.Equal(new[] { "speeches-gz.tsv", "speeches.tsv" }, Directory.GetFiles(Path.GetDirectoryName(speechesIndex)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // What both wrote is the whole set: every file and the remote row, the totals, a passing check.
        string text = Encoding.UTF8.GetString(yaml);
        Assert.Contains($"    fileCount: {speeches.Count + 1}\n", text, StringComparison.Ordinal);
        Assert.Contains($"    fileCount: {compressed.Count}\n", text, StringComparison.Ordinal);
        Assert.Contains("  - id: sotu-opening\n    path: data/whole/sotu-opening.jsonl\n    origin: human\n    textField: text\n    records: 2\n", text, StringComparison.Ordinal);
        var index = ShardSetIndex.Parse(first, speechesIndex, new List<ManifestDiagnostic>())!;
        Assert.Equal(speeches.Order(StringComparer.Ordinal).Append("hf://datasets/example-org/sotu-extra/data/sotu-2017.jsonl"), index.Entries.Select(e => e.Location));
        var check = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.All, FingerprintDirectory = Path.Combine(temp.Root, ".fingerprints") });
        Assert.Equal("PROV1022", Assert.Single(check.Diagnostics).Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)] // more partitions than files: some are empty
    public void Any_number_of_partitions_merges_to_the_single_seal(int n)
    {
        using var s = SetScenario.Create(plain: 23, gzip: 9, seal: false);
        string unsealed = s.Text;
        s.Seal();
        byte[] yaml = File.ReadAllBytes(s.ManifestPath), plain = File.ReadAllBytes(s.Full("provenance.index/sotu.tsv")), gzip = File.ReadAllBytes(s.Full("provenance.index/sotu-gz.tsv"));
        File.WriteAllText(s.ManifestPath, unsealed);
        Directory.Delete(s.Full("provenance.index"), recursive: true);

        for (int i = n - 1; i >= 0; i--) // the order the jobs finish in does not matter
        {
            Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(i, n)).Succeeded);
        }

        Assert.True(ManifestSealer.Seal(s.ManifestPath, merge: true).Succeeded);
        Assert.Equal(yaml, File.ReadAllBytes(s.ManifestPath));
        Assert.Equal(plain, File.ReadAllBytes(s.Full("provenance.index/sotu.tsv")));
        Assert.Equal(gzip, File.ReadAllBytes(s.Full("provenance.index/sotu-gz.tsv")));
        Assert.Equal(2, Directory.GetFiles(s.Full("provenance.index")).Length);
    }

    [Fact]
    public void Merge_with_a_partition_missing_is_PROV1048_and_writes_nothing()
    {
        using var s = SetScenario.Create(plain: 12, gzip: 4, seal: false);
        string yaml = s.Text;
        foreach (int i in new[] { 0, 1, 3 })
        {
            Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(i, 4)).Succeeded);
        }

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Diagnostics.Count); // one per set
        Assert.All(result.Diagnostics, d => Assert.Equal("PROV1048", d.Id));
        Assert.Equal("Shard set 'sotu': partition 2/4 of 4 is missing. Run 'provenance seal --partition I/4' for it and gather the outputs here.", result.Diagnostics[0].Message);
        Assert.Equal(new SourceSpan(5, 12, 5, 29), result.Diagnostics[0].Span);
        Assert.Equal(yaml, s.Text);
        Assert.False(File.Exists(s.Full("provenance.index/sotu.tsv")));
        Assert.Equal(6, Directory.GetFiles(s.Full("provenance.index"), "*.part-*").Length); // the partials stay for the rerun
    }

    [Fact]
    public void Merge_of_partials_from_runs_with_different_N_is_PROV1048()
    {
        using var s = SetScenario.Create(plain: 12, gzip: 4, seal: false);
        string yaml = s.Text;
        for (int i = 0; i < 2; i++)
        {
            Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(i, 2)).Succeeded);
        }

        Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(0, 3)).Succeeded);

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        Assert.All(result.Diagnostics, d => Assert.Equal("PROV1048", d.Id));
        Assert.Contains(result.Diagnostics, d => d.Message == "Shard set 'sotu': its partial indexes come from runs with different numbers of partitions (2, 3); delete the stale ones and merge the partials of one run.");
        Assert.Equal(yaml, s.Text);
        Assert.False(File.Exists(s.Full("provenance.index/sotu.tsv")));
    }

    [Fact]
    public void Merge_without_any_partial_is_PROV1048()
    {
        using var s = SetScenario.Create(plain: 5, gzip: 2, seal: false);

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "PROV1048"));
        Assert.Contains("no partial index (sotu.part-I-of-N.tsv beside provenance.index/sotu.tsv) to merge", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_of_partitions_that_saw_different_trees_is_PROV1048()
    {
        using var s = SetScenario.Create(plain: 12, gzip: 4, seal: false);
        Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(0, 2)).Succeeded);
        SetCorpus.WriteFile(s.Full("data/sotu/part-0500.jsonl"), SetCorpus.FileText(500)); // a file arrives between the jobs
        Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(1, 2)).Succeeded);

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1048", diagnostic.Id);
        Assert.Equal("Shard set 'sotu': its partitions saw different numbers of files (12, 13): the jobs did not see the same file tree. Re-run them on one checkout.", diagnostic.Message);
    }

    [Fact]
    public void Merge_of_a_partial_renamed_to_another_partition_is_PROV1048()
    {
        using var s = SetScenario.Create(plain: 6, gzip: 2, seal: false);
        Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(0, 2)).Succeeded);
        File.Copy(s.Full("provenance.index/sotu.part-0-of-2.tsv"), s.Full("provenance.index/sotu.part-1-of-2.tsv"));
        File.Copy(s.Full("provenance.index/sotu-gz.part-0-of-2.tsv"), s.Full("provenance.index/sotu-gz.part-1-of-2.tsv"));

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        Assert.Contains(result.Diagnostics, d => d.Id == "PROV1048" && d.Message == "Shard set 'sotu': sotu.part-1-of-2.tsv holds partition 0/2, not the one its name says.");
    }

    [Fact]
    public void Merge_of_a_corrupt_partial_is_PROV1046_at_its_line()
    {
        using var s = SetScenario.Create(plain: 6, gzip: 2, seal: false);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(i, 2)).Succeeded);
        }

        string partial = s.Full("provenance.index/sotu.part-1-of-2.tsv");
        File.WriteAllText(partial, File.ReadAllText(partial).TrimEnd('\n')); // truncated

        var result = ManifestSealer.Seal(s.ManifestPath, merge: true);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1046", diagnostic.Id);
        Assert.Equal(partial, diagnostic.FilePath);
        Assert.Equal(5, diagnostic.Span.Line); // partition line, header, three files
    }

    [Fact]
    public void Partials_of_a_set_with_a_declared_index_sit_beside_it()
    {
        const string Yaml = """
            provenance: 1
            dataset: declared
            shards:
              - id: sotu
                files: data/sotu/*.jsonl
                origin: human
                index: indexes/speeches.tsv
            """;
        using var s = SetScenario.Create(plain: 8, gzip: 0, seal: false, yaml: Yaml);

        Assert.True(ManifestSealer.Seal(s.ManifestPath, partition: new SealPartition(1, 2)).Succeeded);

        Assert.Equal(new[] { "speeches.part-1-of-2.tsv" }, Directory.GetFiles(s.Full("indexes")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    [InlineData("99999/100000", 99999, 100000)]
    public void SealPartition_parses_I_of_N(string text, int i, int n)
    {
        Assert.Equal(new SealPartition(i, n), SealPartition.Parse(text));
        Assert.Equal(text, SealPartition.Parse(text)!.Value.ToString());
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("0/100001")]
    [InlineData("1/4/8")]
    [InlineData(" 1/4")]
    [InlineData("a/b")]
    [InlineData("1")]
    [InlineData("")]
    public void SealPartition_refuses_anything_else(string text)
    {
        Assert.Null(SealPartition.Parse(text));
    }

    /// <summary>A file's bytes, digest, records and word tokens of its <c>text</c> fields, computed here without the engine's counter.</summary>
    private static (long Bytes, string Digest, long Records, long Tokens) Measure(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var lines = SetCorpus.ReadLines(path);
        long tokens = lines.Sum(l => WordTokensReference.Count(JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!));
        return (bytes.Length, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), lines.Length, tokens);
    }

    private static ShardSetIndex ReadIndex(string path)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var index = ShardSetIndex.Read(path, diagnostics, out _);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        return index!;
    }
}
