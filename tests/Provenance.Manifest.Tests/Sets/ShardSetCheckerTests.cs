using System.Collections.Concurrent;
using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Sets;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// <c>provenance check</c> on shard sets: the index against the manifest (PROV1046), the files against the index
/// (PROV1010 missing, PROV1047 added or renamed, PROV1011 changed), remote entries (PROV1022), at most 20 files named
/// per kind, and <c>--verify none</c> reading only the indexes.
/// </summary>
public sealed class ShardSetCheckerTests
{
    [Fact]
    public void A_sealed_set_passes_and_every_file_is_hashed_under_verify_all()
    {
        using var s = SetScenario.Create();
        var hashed = new ConcurrentBag<string>();

        var result = s.Check(VerifyMode.All, hashed);

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(s.Plain.Concat(s.Gzip).Select(s.Full).OrderBy(p => p, StringComparer.Ordinal), hashed.OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(1.0, result.Mix!.HumanShare, 6);
    }

    [Fact]
    public void A_deleted_file_is_PROV1010_naming_it_at_the_sets_files()
    {
        using var s = SetScenario.Create();
        string gone = s.Plain[7];
        File.Delete(s.Full(gone));

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1010", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal($"Shard set 'sotu': '{gone}' is in its index but does not exist (deleted, moved, or not pulled); restore it, or re-seal to record the removal.", diagnostic.Message);
        Assert.Equal(new SourceSpan(5, 12, 5, 29), diagnostic.Span); // files: data/sotu/*.jsonl
        Assert.Equal(s.ManifestPath, diagnostic.FilePath);
    }

    [Fact]
    public void A_file_added_under_the_globs_is_a_PROV1047_error_naming_it()
    {
        using var s = SetScenario.Create();
        SetCorpus.WriteFile(s.Full("data/gz/1800/part-9999.jsonl.gz"), SetCorpus.FileText(500));
        SetCorpus.WriteFile(s.Full("data/gz/1800/notes.txt"), SetCorpus.FileText(501)); // not under the globs

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1047", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Shard set 'sotu-gz': 'data/gz/1800/part-9999.jsonl.gz' matches its globs but is not in its index", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(s.Set("sotu-gz").ValueSpan("files"), diagnostic.Span);
    }

    [Fact]
    public void A_renamed_file_with_the_same_bytes_is_only_a_PROV1047_warning_and_the_check_passes()
    {
        using var s = SetScenario.Create();
        string from = s.Plain[3];
        const string To = "data/sotu/renamed-0003.jsonl";
        File.Move(s.Full(from), s.Full(To));

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1047", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains($"'{To}' is '{from}' renamed since the set was sealed (same bytes)", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_file_moved_with_other_bytes_of_the_same_size_is_a_deletion_and_an_addition()
    {
        using var s = SetScenario.Create();
        string from = s.Plain[3];
        byte[] bytes = File.ReadAllBytes(s.Full(from));
        File.Delete(s.Full(from));
        File.WriteAllBytes(s.Full("data/sotu/renamed-0003.jsonl"), Upcased(bytes));

        var result = s.Check();

        Assert.Equal(new[] { ("PROV1010", DiagnosticSeverity.Error), ("PROV1047", DiagnosticSeverity.Error) }, result.Diagnostics.Select(d => (d.Id, d.Severity)).OrderBy(d => d.Id));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains($"'{from}' is in its index but does not exist", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'data/sotu/renamed-0003.jsonl' matches its globs but is not in its index", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_changed_in_place_with_its_size_and_time_kept_is_PROV1011_naming_it_under_verify_all()
    {
        using var s = SetScenario.Create();
        string changed = s.Plain[11];
        string full = s.Full(changed);
        var time = File.GetLastWriteTimeUtc(full);
        byte[] before = File.ReadAllBytes(full);
        byte[] after = Upcased(before);
        Assert.Equal(before.Length, after.Length);
        File.WriteAllBytes(full, after);
        File.SetLastWriteTimeUtc(full, time);
        var entry = ReadIndex(s, "sotu").Entries.Single(e => e.Location == changed);

        var result = s.Check(VerifyMode.All);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1011", diagnostic.Id);
        Assert.Equal($"Shard set 'sotu': '{changed}' hashes to {TestSha(after)}, not the {entry.Digest} of the index; it changed since the set was sealed. Restore it, or re-seal if the change is intended.", diagnostic.Message);
    }

    [Fact]
    public void A_file_of_another_size_is_PROV1011_without_hashing()
    {
        using var s = SetScenario.Create();
        string changed = s.Gzip[2];
        File.AppendAllText(s.Full(changed), "x");
        var hashed = new ConcurrentBag<string>();

        var result = s.Check(VerifyMode.Changed, hashed);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1011", diagnostic.Id);
        Assert.Contains($"'{changed}' has {new FileInfo(s.Full(changed)).Length:N0} bytes, not the", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Full(changed), hashed);
    }

    [Fact]
    public void A_gzip_file_recompressed_to_other_bytes_is_PROV1011_because_the_digest_is_of_the_stored_bytes()
    {
        using var s = SetScenario.Create();
        string file = s.Gzip[5];
        string text = string.Join("\n", SetCorpus.ReadLines(s.Full(file))) + "\n";
        using (var stream = File.Create(s.Full(file)))
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.NoCompression))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        var result = s.Check();

        Assert.Equal("PROV1011", Assert.Single(result.Diagnostics).Id);
        Assert.Contains(file, result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_index_is_PROV1046_at_the_sets_digest()
    {
        using var s = SetScenario.Create();
        string index = s.Full("provenance.index/sotu.tsv");
        var lines = File.ReadAllLines(index);
        var fields = lines[4].Split('\t');
        fields[4] = (long.Parse(fields[4]) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lines[4] = string.Join('\t', fields);
        File.WriteAllText(index, string.Join("\n", lines) + "\n");

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1046", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var (line, column) = s.ValueOf("sotu", "digest");
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains($"its index provenance.index/sotu.tsv hashes to {ShardSetIndex.DigestOf(File.ReadAllBytes(index))}, not the set digest {s.Set("sotu").Digest}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_index_is_PROV1046_at_the_sets_index_path()
    {
        using var s = SetScenario.Create();
        File.Delete(s.Full("provenance.index/sotu-gz.tsv"));

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1046", diagnostic.Id);
        Assert.Equal(s.ValueOf("sotu-gz", "index"), (diagnostic.Span.Line, diagnostic.Span.Column)); // seal wrote 'index:'; without it, the digest
        Assert.Contains("does not exist", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("provenance.index/sotu-gz.tsv", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tokens")]
    [InlineData("records")]
    [InlineData("bytes")]
    [InlineData("fileCount")]
    public void A_total_edited_in_the_manifest_is_PROV1046_at_that_total(string key)
    {
        using var s = SetScenario.Create();
        var (line, column) = s.ValueOf("sotu", key);
        var lines = s.Text.Split('\n');
        long declared = long.Parse(lines[line - 1].Substring(column - 1));
        lines[line - 1] = lines[line - 1].Substring(0, column - 1) + (declared + 1);
        File.WriteAllText(s.ManifestPath, string.Join("\n", lines));

        var result = s.Check(VerifyMode.All);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PROV1046");
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal($"Shard set 'sotu' declares {key} {declared + 1}, but its index provenance.index/sotu.tsv totals {declared}. Run 'provenance seal' to write the totals.", diagnostic.Message);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "PROV1046");
    }

    [Fact]
    public void A_remote_entry_in_the_index_is_PROV1022_info_and_counted_in_the_totals()
    {
        using var s = SetScenario.Create(seal: false);
        const string Uri = "hf://datasets/example-org/sotu-extra/data/sotu-2017.jsonl";
        string digest = "sha256:" + new string('5', 64);
        s.Temp.Write("provenance.index/sotu.tsv", $"path\tbytes\tdigest\trecords\ttokens\n{Uri}\t48213\t{digest}\t1\t5963\n");
        s.Seal();
        var local = s.Plain.Sum(p => new FileInfo(s.Full(p)).Length);

        var result = s.Check();

        var info = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1022", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(new SourceSpan(5, 12, 5, 29), info.Span);
        Assert.Contains($"Shard set 'sotu' has 1 remote entry in its index ({Uri})", info.Message, StringComparison.Ordinal);
        var set = s.Set("sotu");
        Assert.Equal(s.Plain.Count + 1, set.FileCount);
        Assert.Equal(local + 48213, set.Bytes);
        Assert.Equal(s.Plain.Sum(p => SetCorpus.ReadLines(s.Full(p)).Length) + 1, set.Records);
        Assert.Contains(ReadIndex(s, "sotu").Entries, e => e.Location == Uri && e.IsRemote && e.Digest == digest);

        // --verify none does not parse an index for its files, but still for its remote rows.
        var none = Assert.Single(s.Check(VerifyMode.None).Diagnostics);
        Assert.Equal("PROV1022", none.Id);
    }

    [Fact]
    public void More_than_20_missing_files_name_20_and_count_the_rest()
    {
        using var s = SetScenario.Create(plain: 40);
        var gone = s.Plain.Skip(5).Take(25).ToList();
        foreach (string file in gone)
        {
            File.Delete(s.Full(file));
        }

        var result = s.Check();

        var missing = result.Diagnostics.Where(d => d.Id == "PROV1010").ToList();
        Assert.Equal(result.Diagnostics.Count, missing.Count);
        Assert.Equal(ShardSetChecker.MaxNamedPerKind + 1, missing.Count);
        var named = missing.Where(d => d.Message.Contains("is in its index but does not exist", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, named.Count);
        Assert.Equal(gone.Take(20).Select(g => $"'{g}'"), named.Select(d => d.Message.Split(' ')[3]));
        var count = Assert.Single(missing.Except(named));
        Assert.Equal("Shard set 'sotu': 5 more files in the index do not exist (25 in all; the first 20 are named above).", count.Message);
        Assert.All(missing, d => Assert.Equal(new SourceSpan(5, 12, 5, 29), d.Span));
    }

    [Fact]
    public void Twenty_missing_files_are_all_named_without_a_count_line()
    {
        using var s = SetScenario.Create(plain: 25);
        foreach (string file in s.Plain.Take(20))
        {
            File.Delete(s.Full(file));
        }

        var result = s.Check();

        Assert.Equal(20, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Contains("is in its index but does not exist", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_none_reads_only_the_indexes_so_deleting_every_file_still_passes()
    {
        using var s = SetScenario.Create();
        Directory.Delete(s.Full("data"), recursive: true);
        var hashed = new ConcurrentBag<string>();

        var none = s.Check(VerifyMode.None, hashed);
        var all = s.Check(VerifyMode.All);

        Assert.True(none.Diagnostics.Count == 0, string.Join("\n", none.Diagnostics));
        Assert.Empty(hashed);
        Assert.All(all.Diagnostics, d => Assert.Equal("PROV1010", d.Id)); // the files are gone: verify all sees it
        Assert.Equal(ShardSetChecker.MaxNamedPerKind + 1 + s.Gzip.Count, all.Diagnostics.Count);
    }

    [Fact]
    public void Verify_none_still_checks_the_index_against_the_set_digest()
    {
        using var s = SetScenario.Create();
        File.AppendAllText(s.Full("provenance.index/sotu.tsv"), $"data/sotu/zz-extra.jsonl\t10\tsha256:{new string('0', 64)}\t1\t1\n");

        var result = s.Check(VerifyMode.None);

        Assert.Equal("PROV1046", Assert.Single(result.Diagnostics).Id);
        Assert.Equal(s.ValueOf("sotu", "digest"), (result.Diagnostics[0].Span.Line, result.Diagnostics[0].Span.Column));
    }

    [Fact]
    public void An_unsealed_human_set_is_a_PROV1012_error()
    {
        using var s = SetScenario.Create(seal: false);

        var result = s.Check();

        var unsealed = result.Diagnostics.Where(d => d.Id == "PROV1012").ToList();
        Assert.Equal(2, unsealed.Count);
        Assert.All(unsealed, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains(unsealed, d => d.Message.StartsWith("Shard set 'sotu' is not sealed", StringComparison.Ordinal) && d.Span.Line == 4);
    }

    [Fact]
    public void A_symbolic_link_among_a_sets_files_is_PROV1009()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var outside = new Helpers.TempManifest();
        using var s = SetScenario.Create();
        outside.Write("secret.jsonl", SetCorpus.FileText(900));
        File.CreateSymbolicLink(s.Full("data/sotu/zz-link.jsonl"), Path.Combine(outside.Root, "secret.jsonl"));

        var result = s.Check();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PROV1009", diagnostic.Id);
        Assert.Contains("'data/sotu/zz-link.jsonl' is a symbolic link", diagnostic.Message, StringComparison.Ordinal);
    }

    /// <summary>The same bytes with ASCII lowercase letters made uppercase: same size, other content.</summary>
    [Fact]
    public void A_clean_changed_check_records_each_sets_listing_and_the_next_check_hashes_nothing()
    {
        using var s = SetScenario.Create();
        var first = new ConcurrentBag<string>();
        Assert.Empty(s.CheckCached(first).Diagnostics);
        Assert.Equal(s.Plain.Count + s.Gzip.Count, first.Count);
        Assert.True(ListingRecorded(s, "sotu") && ListingRecorded(s, "sotu-gz"));

        var second = new ConcurrentBag<string>();
        Assert.Empty(s.CheckCached(second).Diagnostics);
        Assert.Empty(second);
    }

    [Fact]
    public void After_a_recorded_listing_a_deleted_added_or_changed_file_is_still_reported()
    {
        using var s = SetScenario.Create();
        Assert.Empty(s.CheckCached().Diagnostics);

        File.Delete(s.Full(s.Plain[3]));
        Assert.Equal("PROV1010", Assert.Single(s.CheckCached().Diagnostics).Id);
        Assert.False(ListingRecorded(s, "sotu")); // a check with problems records nothing

        SetCorpus.WriteFile(s.Full(s.Plain[3]), SetCorpus.FileText(3));
        SetCorpus.WriteFile(s.Full("data/sotu/part-9999.jsonl"), SetCorpus.FileText(900));
        var added = Assert.Single(s.CheckCached().Diagnostics);
        Assert.Equal("PROV1047", added.Id);
        Assert.Contains("part-9999.jsonl", added.Message, StringComparison.Ordinal);
        File.Delete(s.Full("data/sotu/part-9999.jsonl"));

        string changed = s.Full(s.Plain[5]);
        File.WriteAllBytes(changed, Upcased(File.ReadAllBytes(changed)));
        var diagnostic = Assert.Single(s.CheckCached().Diagnostics);
        Assert.Equal("PROV1011", diagnostic.Id);
        Assert.Contains(s.Plain[5], diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_recorded_listing_a_file_touched_but_unchanged_is_hashed_again_and_passes()
    {
        using var s = SetScenario.Create();
        Assert.Empty(s.CheckCached().Diagnostics);
        string touched = s.Full(s.Gzip[2]);
        File.SetLastWriteTimeUtc(touched, File.GetLastWriteTimeUtc(touched).AddMinutes(5));

        var hashed = new ConcurrentBag<string>();
        Assert.Empty(s.CheckCached(hashed).Diagnostics);
        Assert.Equal(touched, Assert.Single(hashed));
        Assert.True(ListingRecorded(s, "sotu-gz"));
    }

    [Fact]
    public void After_a_recorded_listing_an_edited_total_or_index_is_still_PROV1046()
    {
        using var s = SetScenario.Create();
        Assert.Empty(s.CheckCached().Diagnostics);
        string manifest = File.ReadAllText(s.ManifestPath);
        var (line, column) = s.ValueOf("sotu", "tokens");
        var lines = manifest.Split('\n');
        lines[line - 1] = lines[line - 1].Substring(0, column - 1) + (long.Parse(lines[line - 1].Substring(column - 1)) + 1);
        File.WriteAllText(s.ManifestPath, string.Join("\n", lines));

        var total = Assert.Single(s.CheckCached().Diagnostics, d => d.Id == "PROV1046");
        Assert.Equal((line, column), (total.Span.Line, total.Span.Column));

        File.WriteAllText(s.ManifestPath, manifest);
        Assert.Empty(s.CheckCached().Diagnostics);
        string index = s.Full("provenance.index/sotu.tsv");
        File.AppendAllText(index, "data/sotu/zz.jsonl\t1\tsha256:" + new string('0', 64) + "\t1\t1\n");
        var edited = Assert.Single(s.CheckCached().Diagnostics);
        Assert.Equal("PROV1046", edited.Id);
        Assert.Contains("not the set digest", edited.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether the digest cache holds set <paramref name="id"/>'s listing as its files are now.</summary>
    private static bool ListingRecorded(SetScenario s, string id)
    {
        var set = s.Set(id);
        var found = FileGlob.Find(s.Root, set.Files);
        return DigestCache.Load(s.CachePath).ListingMatches(Path.Combine(s.Root, "provenance.index", id + ".tsv"), ShardSetChecker.Listing(set, found));
    }

    private static byte[] Upcased(byte[] bytes) => bytes.Select(b => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b).ToArray();

    private static string TestSha(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static ShardSetIndex ReadIndex(SetScenario s, string id)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var index = ShardSetIndex.Read(s.Full($"provenance.index/{id}.tsv"), diagnostics, out _);
        Assert.Empty(diagnostics);
        return index!;
    }
}
