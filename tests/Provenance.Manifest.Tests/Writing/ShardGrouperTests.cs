using System.Globalization;
using System.IO.Compression;
using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Writing;

/// <summary>
/// <see cref="ShardGrouper"/> (<c>provenance group</c>) on real text: 30 files of State of the Union addresses, listed one
/// entry per file and sealed, then grouped into one shard set.
/// </summary>
public class ShardGrouperTests
{
    private const int Parts = 30;

    private const string Glob = "data/sotu/part-*.jsonl";

    /// <summary>A manifest with a preface shard, 30 sealed SOTU parts (comments in and around them) and a synthetic shard derived from the preface.</summary>
    private static TempManifest PerFile(Func<int, string>? extra = null)
    {
        var temp = new TempManifest();
        temp.Shard("data/preface.jsonl", 2, skip: 200);
        for (int i = 0; i < Parts; i++)
        {
            temp.Shard($"data/sotu/part-{i:00}.jsonl", 2 + (i % 3), skip: i * 6);
        }

        temp.Write("data/synth.jsonl", "{\"text\": \"Fellow citizens, the state of the union is generated.\"}\n");
        var yaml = new StringBuilder();
        yaml.Append("# The mix: the addresses, cut in parts.\nprovenance: 1\ndataset: sotu-parts\nshards:\n");
        yaml.Append("- id: preface          # stays as it is\n  path: data/preface.jsonl\n  origin: human\n");
        for (int i = 0; i < Parts; i++)
        {
            yaml.Append($"- id: part-{i:00}\n  path: data/sotu/part-{i:00}.jsonl\n  origin: human\n  textField: text\n");
            yaml.Append("  source: {name: U.S. State of the Union addresses, license: CC0-1.0}   # where from\n");
            yaml.Append(extra?.Invoke(i) ?? string.Empty);
            if (i == 14)
            {
                yaml.Append("# the second half\n");
            }
        }

        yaml.Append("- id: synth\n  path: data/synth.jsonl\n  origin: synthetic\n  generation: 1\n  generator:\n    model: bigram@1\n  derivedFrom: [preface]\n");
        temp.Manifest(yaml.ToString());
        var sealedResult = ManifestSealer.Seal(temp.ManifestPath);
        Assert.True(sealedResult.Succeeded, string.Join("\n", sealedResult.Diagnostics));
        return temp;
    }

    private static CheckOptions VerifyAll(TempManifest temp) => new() { Verify = VerifyMode.All, FingerprintDirectory = Path.Combine(temp.Root, ".fingerprints") };

    [Fact]
    public void Group_replaces_the_entries_with_one_set_whose_index_holds_their_sealed_values_and_check_passes()
    {
        using var temp = PerFile();
        var before = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;
        var parts = before.Shards.Where(s => s.Id.StartsWith("part-", StringComparison.Ordinal)).ToList();

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(Parts, result.Grouped);
        Assert.Equal("provenance.index/sotu.tsv", result.IndexPath);

        // The index: one row per old entry, with the entry's own sealed values; its SHA-256 is the set digest.
        byte[] indexBytes = File.ReadAllBytes(Path.Combine(temp.Root, "provenance.index", "sotu.tsv"));
        string[] rows = Encoding.UTF8.GetString(indexBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ShardSetIndex.Header, rows[0]);
        Assert.Equal(
            parts.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => $"{p.Path}\t{p.Bytes}\t{p.Digest}\t{p.Records}\t{p.Tokens}"),
            rows.Skip(1));
        Assert.Equal(ShardSetIndex.DigestOf(indexBytes), result.Digest);

        // The manifest: the set in place of the first part, shared keys and their comments copied, the rest untouched.
        string text = File.ReadAllText(temp.ManifestPath);
        string expectedSet =
            "- id: sotu\n  files: data/sotu/part-*.jsonl\n  index: provenance.index/sotu.tsv\n  fileCount: 30\n  origin: human\n  textField: text\n"
            + "  source: {name: U.S. State of the Union addresses, license: CC0-1.0}   # where from\n"
            + $"  records: {parts.Sum(p => p.Records)}\n  tokens: {parts.Sum(p => p.Tokens)}\n  bytes: {parts.Sum(p => p.Bytes)}\n  digest: {result.Digest}\n";
        Assert.StartsWith("# The mix: the addresses, cut in parts.\nprovenance: 1\ndataset: sotu-parts\nshards:\n- id: preface          # stays as it is\n", text);
        Assert.Contains("  digest: " + before.Shards[0].Digest + "\n" + expectedSet + "# the second half\n- id: synth\n", text);
        Assert.DoesNotContain("part-", text.Replace("data/sotu/part-*.jsonl", string.Empty));

        var after = ManifestReader.ReadFile(temp.ManifestPath);
        DiagnosticAssert.None(after.Diagnostics);
        Assert.Equal(new[] { "preface", "sotu", "synth" }, after.Manifest!.Shards.Select(s => s.Id));
        var set = after.Manifest.Shards[1];
        Assert.True(set.IsSet);
        Assert.Equal(Parts, set.FileCount);

        // The set's check hashes every file against the index: nothing differs, nothing was added.
        var check = ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp));
        DiagnosticAssert.None(check.Diagnostics, DiagnosticSeverity.Warning);
        Assert.Equal(before.Shards.Where(s => s.Origin == ShardOrigin.Human).Sum(s => s.Tokens), after.Manifest.Shards.Where(s => s.Origin == ShardOrigin.Human).Sum(s => s.Tokens));
    }

    [Fact]
    public void Group_reads_no_data_file_so_it_converts_where_the_data_is_absent()
    {
        using var temp = PerFile();
        Directory.Delete(Path.Combine(temp.Root, "data", "sotu"), recursive: true);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(Parts, result.Index!.Entries.Count);
        var set = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards.Single(s => s.Id == "sotu");
        Assert.Equal(result.Digest, set.Digest);

        // Without the files, a check that trusts digests reads the index only: its digest and totals agree with the manifest.
        var check = ManifestChecker.Check(temp.ManifestPath, new CheckOptions { Verify = VerifyMode.None });
        DiagnosticAssert.None(check.Diagnostics);
    }

    [Fact]
    public void Several_globs_become_a_files_list_and_a_compression_the_globs_do_not_imply_is_written()
    {
        using var temp = new TempManifest();
        var yaml = new StringBuilder("provenance: 1\ndataset: d\nshards:\n");
        for (int i = 0; i < 4; i++)
        {
            string folder = i < 2 ? "a" : "b";
            string path = $"data/{folder}/p{i}.jsonl.gz";
            using (var file = File.Create(Path.Combine(Directory.CreateDirectory(Path.Combine(temp.Root, "data", folder)).FullName, $"p{i}.jsonl.gz")))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            {
                byte[] lines = Encoding.UTF8.GetBytes(string.Join("\n", Corpus.Lines().Skip(i * 3).Take(3)) + "\n");
                gzip.Write(lines, 0, lines.Length);
            }

            yaml.Append($"  - id: p{i}\n    path: {path}\n    origin: human\n");
        }

        temp.Manifest(yaml.ToString());
        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);

        var result = ShardGrouper.Group(temp.ManifestPath, "addresses", new[] { "data/a/*", "data/b/*" });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        string text = File.ReadAllText(temp.ManifestPath);
        Assert.Contains("shards:\n  - id: addresses\n    files:\n      - data/a/*\n      - data/b/*\n    index: provenance.index/addresses.tsv\n    fileCount: 4\n    compression: gzip\n    origin: human\n", text);
        var set = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards.Single();
        Assert.Equal(ShardCompression.Gzip, set.Compression);
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp)).Diagnostics, DiagnosticSeverity.Warning);
    }

    [Fact]
    public void A_synthetic_set_keeps_the_generator_lineage_and_verification_as_written_with_their_comments()
    {
        using var temp = new TempManifest();
        temp.Shard("data/human.jsonl", 3, skip: 100);
        var yaml = new StringBuilder("provenance: 1\ndataset: d\npolicy:\n  requireVerification: true\nshards:\n- id: human\n  path: data/human.jsonl\n  origin: human\n");
        for (int i = 0; i < 3; i++)
        {
            temp.Shard($"data/g1/out-{i}.jsonl", 1, skip: 150 + i);
            yaml.Append($"- id: out-{i}\n  path: data/g1/out-{i}.jsonl\n  origin: synthetic\n  records: 0\n  tokens: 0\n  bytes: 0\n  digest: sha256:{new string('0', 64)}\n");
            yaml.Append("  # generated by the bigram model\n  generator:\n    model: bigram@1   # pinned\n    decoding: {temperature: 0.7}\n  derivedFrom: [human]\n");
            yaml.Append("  verification:\n    method: human-review\n    verifier: data-team\n");
        }

        temp.Manifest(yaml.ToString());
        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);
        var parts = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards.Skip(1).ToList();

        var result = ShardGrouper.Group(temp.ManifestPath, "g1", new[] { "data/g1/*.jsonl" });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        string expected = "- id: g1\n  files: data/g1/*.jsonl\n  index: provenance.index/g1.tsv\n  fileCount: 3\n  origin: synthetic\n"
            + $"  records: {parts.Sum(p => p.Records)}\n  tokens: {parts.Sum(p => p.Tokens)}\n  bytes: {parts.Sum(p => p.Bytes)}\n  digest: {result.Digest}\n"
            + "  # generated by the bigram model\n  generator:\n    model: bigram@1   # pinned\n    decoding: {temperature: 0.7}\n  derivedFrom: [human]\n"
            + "  verification:\n    method: human-review\n    verifier: data-team\n";
        string text = File.ReadAllText(temp.ManifestPath);
        Assert.Equal(expected, text.Substring(text.IndexOf("- id: g1", StringComparison.Ordinal)));
        var set = ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards[1];
        Assert.Equal(new[] { "human" }, set.DerivedFrom);
        Assert.Equal("0.7", set.Generator!.Decoding["temperature"]);
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp)).Diagnostics, DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Crlf_line_ends_and_the_byte_order_mark_are_kept()
    {
        using var temp = new TempManifest();
        temp.Shard("data/a.jsonl", 2);
        temp.Shard("data/b.jsonl", 2, skip: 2);
        string yaml = "# crlf\r\nprovenance: 1\r\ndataset: d\r\nshards:\r\n- id: a\r\n  path: data/a.jsonl\r\n  origin: human\r\n- id: b\r\n  path: data/b.jsonl\r\n  origin: human";
        File.WriteAllBytes(temp.ManifestPath, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(yaml)).ToArray());
        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);

        var result = ShardGrouper.Group(temp.ManifestPath, "ab", new[] { "data/*.jsonl" });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        byte[] bytes = File.ReadAllBytes(temp.ManifestPath);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("# crlf\r\nprovenance: 1\r\ndataset: d\r\nshards:\r\n- id: ab\r\n  files: data/*.jsonl\r\n  index: provenance.index/ab.tsv\r\n  fileCount: 2\r\n  origin: human\r\n  records: 4\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty));
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp)).Diagnostics, DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Mixed_origins_are_refused_at_the_second_origin_and_nothing_is_written()
    {
        using var temp = PerFile();
        string text = File.ReadAllText(temp.ManifestPath);
        File.WriteAllText(temp.ManifestPath, text.Replace("- id: part-07\n  path: data/sotu/part-07.jsonl\n  origin: human", "- id: part-07\n  path: data/sotu/part-07.jsonl\n  origin: synthetic"));
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1005", DiagnosticAssert.Pos(temp.ManifestPath, "synthetic"));
        Assert.Contains("'part-00' and 'part-07' differ in origin ('human' and 'synthetic')", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void An_unsealed_entry_is_refused_at_its_id_asking_for_seal()
    {
        using var temp = PerFile();
        string text = File.ReadAllText(temp.ManifestPath);
        int at = text.IndexOf("- id: part-03\n", StringComparison.Ordinal);
        int digest = text.IndexOf("  digest: ", at, StringComparison.Ordinal);
        File.WriteAllText(temp.ManifestPath, text.Remove(digest, text.IndexOf('\n', digest) + 1 - digest));
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1012", DiagnosticAssert.Pos(temp.ManifestPath, "part-03"));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("run 'provenance seal' first", d.Message, StringComparison.OrdinalIgnoreCase);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void A_derivedFrom_naming_a_grouped_id_is_refused_at_the_derivedFrom_that_would_dangle()
    {
        using var temp = PerFile();
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("derivedFrom: [preface]", "derivedFrom: [preface, part-12]"));
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1014", DiagnosticAssert.Pos(temp.ManifestPath, "[preface, part-12]"));
        Assert.Contains("Shard 'synth' is derived from 'part-12'", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void A_derivedFrom_that_already_names_the_set_id_resolves_once_the_set_exists()
    {
        using var temp = PerFile();
        File.WriteAllText(temp.ManifestPath, File.ReadAllText(temp.ManifestPath).Replace("derivedFrom: [preface]", "derivedFrom: [preface, sotu]"));
        Assert.Contains(ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp)).Diagnostics, d => d.Id == "PROV1014");

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp)).Diagnostics, DiagnosticSeverity.Warning);
    }

    [Fact]
    public void A_set_id_used_by_another_entry_is_refused_at_that_entry()
    {
        using var temp = PerFile();
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "preface", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1007", DiagnosticAssert.Pos(temp.ManifestPath, "preface          #"));
        Assert.Contains("already used by shard 'preface'", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void Entries_with_different_sources_or_verification_name_the_key_and_both_shards()
    {
        using var temp = PerFile(i => i == 20 ? "  weight: 2\n" : string.Empty);
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1005", DiagnosticAssert.Pos(temp.ManifestPath, "weight: ", after: true));
        Assert.Contains("'part-00' and 'part-20' differ in weight ('1' and '2')", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void A_file_on_disk_that_the_globs_match_but_no_entry_lists_is_refused()
    {
        using var temp = PerFile();
        temp.Shard("data/sotu/part-99.jsonl", 1, skip: 220);
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });

        var d = DiagnosticAssert.At(result.Diagnostics, "PROV1047", DiagnosticAssert.Pos(temp.ManifestPath, "data/sotu/part-00.jsonl"));
        Assert.Contains("'data/sotu/part-99.jsonl'", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    [Fact]
    public void Globs_that_match_no_entry_are_refused()
    {
        using var temp = PerFile();
        var unchanged = File.ReadAllBytes(temp.ManifestPath);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { "data/nothing/*.jsonl" });

        var d = DiagnosticAssert.Single(result.Diagnostics, "PROV1005");
        Assert.Contains("No single-file shard's path matches 'data/nothing/*.jsonl'", d.Message);
        AssertNothingWritten(temp, unchanged);
    }

    /// <summary>
    /// The lock protects each file by its digest; after grouping, the files are the set's (by the digests in its index),
    /// so the protected corpus is still all there: no PROV2003. In locked mode the new set must be recorded in the lock
    /// (PROV2009) by 'provenance lock', as any new human shard.
    /// </summary>
    [Fact]
    public void The_lock_written_before_grouping_is_still_satisfied_after_it()
    {
        using var temp = PerFile();
        var locked = ManifestChecker.Lock(temp.ManifestPath, VerifyAll(temp));
        DiagnosticAssert.None(locked.Diagnostics);
        Assert.True(locked.LockWritten);

        var result = ShardGrouper.Group(temp.ManifestPath, "sotu", new[] { Glob });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

        var check = ManifestChecker.Check(temp.ManifestPath, VerifyAll(temp));
        Assert.DoesNotContain(check.Diagnostics, d => d.Id == "PROV2003");

        // Locked mode (CI) asks for the set to be recorded in the lock (PROV2009), which 'provenance lock' then does.
        var ci = VerifyAll(temp);
        ci.LockedMode = true;
        DiagnosticAssert.Single(ManifestChecker.Check(temp.ManifestPath, ci).Diagnostics, "PROV2009");
        DiagnosticAssert.None(ManifestChecker.Lock(temp.ManifestPath, VerifyAll(temp)).Diagnostics);
        DiagnosticAssert.None(ManifestChecker.Check(temp.ManifestPath, ci).Diagnostics, DiagnosticSeverity.Warning);
        DiagnosticAssert.None(check.Diagnostics);
    }

    private static void AssertNothingWritten(TempManifest temp, byte[] manifest)
    {
        Assert.Equal(manifest, File.ReadAllBytes(temp.ManifestPath));
        Assert.False(Directory.Exists(Path.Combine(temp.Root, "provenance.index")));
    }
}
