using System.Text;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Tests.Sets;

namespace Provenance.Cli.Tests.Commands;

/// <summary>
/// <c>provenance seal --partition I/N</c> in each job and <c>provenance seal --merge</c> once, on shard sets of real
/// State of the Union sentences: the merge writes byte for byte what one <c>seal</c> writes, and refuses (PROV1048,
/// nothing written) when the partials do not make a whole set.
/// </summary>
public sealed class SealPartitionCommandTests
{
    private const string Header = "path\tbytes\tdigest\trecords\ttokens\n";

    private const string Remote = "hf://datasets/example-org/sotu-extra/data/sotu-2017.jsonl";

    /// <summary>Set <c>sotu</c>'s <c>files:</c> value is at line 5, columns 12–29.</summary>
    private const string TwoSets =
        "provenance: 1\n" +
        "dataset: sotu-sets\n" +
        "shards:\n" +
        "  - id: sotu\n" +
        "    files: data/sotu/*.jsonl\n" +
        "    origin: human\n" +
        "    textField: text\n" +
        "  - id: sotu-gz                      # gzip JSON Lines in decade folders\n" +
        "    files:\n" +
        "      - data/gz/**/*.jsonl.gz\n" +
        "    origin: human\n" +
        "    textField: text\n" +
        "    source: {name: U.S. State of the Union addresses, license: CC0-1.0}\n";

    /// <summary>The test the shard-set issue asks for, through the command: thousands of files, two sets, a remote entry, four jobs.</summary>
    [Fact]
    public void Four_partitions_merged_equal_one_seal_byte_for_byte_on_thousands_of_files_with_a_uri_entry()
    {
        using var folder = new TempFolder();
        Write(folder, plain: 1_700, gzip: 1_400);
        string remoteOnly = Header + $"{Remote}\t48213\tsha256:{new string('e', 64)}\t1\t5963\n";
        folder.Write("provenance.index/sotu.tsv", remoteOnly);

        // Digests and amounts only: a record fingerprint sidecar per file (3,100 synced writes to the cache) would make
        // this test slow without touching what is compared; the smaller tests below seal with fingerprints.
        var single = CliRunner.Run(folder, "seal", "--no-fingerprints");

        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Equal("provenance.yaml: 2 shards sealed, 2 updated.", single.Out.TrimEnd('\n'));
        byte[] yaml = File.ReadAllBytes(folder.Manifest), plain = File.ReadAllBytes(folder.File("provenance.index/sotu.tsv")), gzip = File.ReadAllBytes(folder.File("provenance.index/sotu-gz.tsv"));

        folder.Write("provenance.yaml", TwoSets);
        folder.Write("provenance.index/sotu.tsv", remoteOnly);
        File.Delete(folder.File("provenance.index/sotu-gz.tsv"));
        for (int i = 0; i < 4; i++)
        {
            var job = CliRunner.Run(folder, "seal", "--partition", $"{i}/4", "--no-fingerprints");
            Assert.True(job.ExitCode == 0, job.ToString());
            Assert.Equal($"provenance.yaml: partition {i}/4 of 2 shard sets sealed into partial indexes; run 'provenance seal --merge' once every partition is done.", job.Out.TrimEnd('\n'));
            Assert.Equal(TwoSets, folder.Read("provenance.yaml"));
        }

        var merge = CliRunner.Run(folder, "seal", "--merge", "--no-fingerprints");

        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal("provenance.yaml: 2 shards sealed, 2 updated.", merge.Out.TrimEnd('\n'));
        Assert.Equal(yaml, File.ReadAllBytes(folder.Manifest));
        Assert.Equal(plain, File.ReadAllBytes(folder.File("provenance.index/sotu.tsv")));
        Assert.Equal(gzip, File.ReadAllBytes(folder.File("provenance.index/sotu-gz.tsv")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.part-*", SearchOption.AllDirectories));
        Assert.Contains("    fileCount: 1701\n", Encoding.UTF8.GetString(yaml), StringComparison.Ordinal);
        Assert.EndsWith($"\n{Remote}\t48213\tsha256:{new string('e', 64)}\t1\t5963\n", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);

        var check = CliRunner.Run(folder, "check", "--verify", "all");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal($"provenance.yaml(5,12,5,29): info PROV1022: Shard set 'sotu' has 1 remote entry in its index ({Remote}); it is counted from the storage's record of digest and bytes but not fetched or verified.", check.OutLines[0]);
    }

    [Fact]
    public void A_partition_job_writes_partial_indexes_and_leaves_the_manifest_unchanged()
    {
        using var folder = new TempFolder();
        Write(folder, plain: 10, gzip: 6);

        var result = CliRunner.Run(folder, "seal", "--partition", "1/3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(TwoSets, folder.Read("provenance.yaml"));
        Assert.Equal(new[] { "sotu-gz.part-1-of-3.tsv", "sotu.part-1-of-3.tsv" }, Directory.GetFiles(folder.File("provenance.index")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("# partition 1/3 of 10 files\n" + Header + "data/sotu/part-0001.jsonl\t", folder.Read("provenance.index/sotu.part-1-of-3.tsv"), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_with_a_partition_missing_exits_1_with_PROV1048_and_writes_nothing()
    {
        using var folder = new TempFolder();
        Write(folder, plain: 12, gzip: 4);
        foreach (string part in new[] { "0/4", "1/4", "3/4" })
        {
            Assert.Equal(0, CliRunner.Run(folder, "seal", "--partition", part).ExitCode);
        }

        var result = CliRunner.Run(folder, "seal", "--merge");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(
            new[]
            {
                "provenance.yaml(5,12,5,29): error PROV1048: Shard set 'sotu': partition 2/4 of 4 is missing. Run 'provenance seal --partition I/4' for it and gather the outputs here.",
                "provenance.yaml(10,7,10,30): error PROV1048: Shard set 'sotu-gz': partition 2/4 of 4 is missing. Run 'provenance seal --partition I/4' for it and gather the outputs here.",
                "provenance.yaml: not sealed. Failed: 2 errors, 0 warnings.",
            },
            result.OutLines);
        Assert.Equal(TwoSets, folder.Read("provenance.yaml"));
        Assert.False(File.Exists(folder.File("provenance.index/sotu.tsv")));
        Assert.Equal(6, Directory.GetFiles(folder.File("provenance.index"), "*.part-*-of-4.tsv").Length);

        Assert.Equal(0, CliRunner.Run(folder, "seal", "--partition", "2/4").ExitCode); // the missing job, rerun
        Assert.Equal(0, CliRunner.Run(folder, "seal", "--merge").ExitCode);
        Assert.Equal(0, CliRunner.Run(folder, "check", "--verify", "all").ExitCode);
    }

    [Fact]
    public void Merge_of_partials_from_runs_with_different_N_exits_1_with_PROV1048()
    {
        using var folder = new TempFolder();
        Write(folder, plain: 12, gzip: 4);
        foreach (string part in new[] { "0/2", "1/2", "2/3" })
        {
            Assert.Equal(0, CliRunner.Run(folder, "seal", "--partition", part).ExitCode);
        }

        var result = CliRunner.Run(folder, "seal", "--merge");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("provenance.yaml(5,12,5,29): error PROV1048: Shard set 'sotu': its partial indexes come from runs with different numbers of partitions (2, 3); delete the stale ones and merge the partials of one run.", result.OutLines);
        Assert.Equal(TwoSets, folder.Read("provenance.yaml"));
    }

    [Theory]
    [InlineData("--partition", "4/4")]
    [InlineData("--partition", "1/0")]
    [InlineData("--partition", "one/4")]
    [InlineData("--partition", "-1/4")]
    [InlineData("--partition", "0/4", "--merge")]
    public void A_bad_partition_or_partition_with_merge_is_a_usage_error(params string[] options)
    {
        using var folder = new TempFolder();
        Write(folder, plain: 4, gzip: 2);

        var result = CliRunner.Run(folder, new[] { "seal" }.Concat(options).ToArray());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("provenance: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--partition", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(TwoSets, folder.Read("provenance.yaml"));
        Assert.False(Directory.Exists(folder.File("provenance.index")));
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Seal_help_lists_partition_and_merge()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "seal", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--partition <I/N>", result.Out, StringComparison.Ordinal);
        Assert.Contains("--merge", result.Out, StringComparison.Ordinal);
    }

    /// <summary>The two sets' files (<paramref name="plain"/> JSON Lines, <paramref name="gzip"/> gzip JSON Lines in decade folders) and the manifest <see cref="TwoSets"/>.</summary>
    private static void Write(TempFolder folder, int plain, int gzip)
    {
        SetCorpus.Write(folder.Path, plain, i => $"data/sotu/part-{i:0000}.jsonl");
        SetCorpus.Write(folder.Path, gzip, i => $"data/gz/{1790 + (10 * (i % 23))}s/part-{i:0000}.jsonl.gz", first: plain, skip: 3);
        folder.Write("provenance.yaml", TwoSets);
    }
}
