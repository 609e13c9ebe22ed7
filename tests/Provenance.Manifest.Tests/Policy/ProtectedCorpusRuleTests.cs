using System.IO.Compression;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Policy;

/// <summary>
/// PROV2003 and PROV2014 on the State of the Union sample (generation 2, its parent and its lock with record sets):
/// the protected corpus is its records, so a reshard or a format conversion passes and one lost record fails.
/// </summary>
public sealed class ProtectedCorpusRuleTests
{
    private static readonly string[] Jsonl = { "sotu-1790-1836", "sotu-1837-1860", "sotu-1861-1876" };

    [Fact]
    public void Resplitting_three_human_shards_into_three_other_files_passes_with_the_reshard_info()
    {
        using var sample = SampleCopy.Assistant();
        var lines = Jsonl.SelectMany(id => File.ReadAllLines(Path.Combine(sample.Root, "data", "human", id + ".jsonl"))).ToList();
        Assert.Equal(87, lines.Count); // 47 + 24 + 16 addresses
        string[] parts = { "sotu-part-a", "sotu-part-b", "sotu-part-c" };
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllLines(Path.Combine(sample.Root, "data", "human", parts[i] + ".jsonl"), lines.Skip(i * 29).Take(29));
        }

        foreach (string id in Jsonl)
        {
            File.Delete(Path.Combine(sample.Root, "data", "human", id + ".jsonl"));
        }

        string text = File.ReadAllText(sample.Manifest);
        string source = SampleCopy.SourceOf(text, Jsonl[0]);
        text = SampleCopy.Without(text, Jsonl[1]);
        text = SampleCopy.Without(text, Jsonl[2]);
        text = SampleCopy.Replace(text, Jsonl[0], string.Concat(parts.Select(p => SampleCopy.Entry(p, $"data/human/{p}.jsonl", source))));
        File.WriteAllText(sample.Manifest, text);
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var d = DiagnosticAssert.Single(result.Diagnostics, "PROV2014");
        Assert.Contains("Resharded: 87 records of 'sotu-1790-1836', 'sotu-1837-1860', 'sotu-1861-1876' are now in 'sotu-part-a', 'sotu-part-b', 'sotu-part-c'", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Id is "PROV2003" or "PROV2004");
    }

    [Fact]
    public void Converting_a_human_shard_to_gzip_jsonl_passes_with_the_reshard_info()
    {
        using var sample = SampleCopy.Assistant();
        string plain = Path.Combine(sample.Root, "data", "human", "sotu-1861-1876.jsonl");
        using (var input = File.OpenRead(plain))
        using (var output = new GZipStream(File.Create(plain + ".gz"), CompressionLevel.SmallestSize))
        {
            input.CopyTo(output);
        }

        File.Delete(plain);
        string text = File.ReadAllText(sample.Manifest);
        File.WriteAllText(sample.Manifest, SampleCopy.Replace(text, "sotu-1861-1876", SampleCopy.Entry("sotu-1861-1876", "data/human/sotu-1861-1876.jsonl.gz", SampleCopy.SourceOf(text, "sotu-1861-1876"))));
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var d = DiagnosticAssert.Single(result.Diagnostics, "PROV2014");
        Assert.Contains("Resharded: 16 records of 'sotu-1861-1876' are now in 'sotu-1861-1876'", d.Message);
    }

    [Fact]
    public void Deleting_one_record_of_a_protected_shard_is_PROV2003_naming_1_of_N_protected_records_missing()
    {
        using var sample = SampleCopy.Assistant();
        string path = Path.Combine(sample.Root, "data", "human", "sotu-1837-1860.jsonl");
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(10);
        File.WriteAllLines(path, lines);
        string text = File.ReadAllText(sample.Manifest);
        File.WriteAllText(sample.Manifest, SampleCopy.Replace(text, "sotu-1837-1860", SampleCopy.Entry("sotu-1837-1860", "data/human/sotu-1837-1860.jsonl", SampleCopy.SourceOf(text, "sotu-1837-1860"))));
        sample.Seal();

        var result = ManifestChecker.Check(sample.Manifest, new CheckOptions { Verify = VerifyMode.All });

        var d = DiagnosticAssert.Single(result.Diagnostics.Where(x => x.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error), "PROV2003");
        Assert.Contains("1 of 24 protected records missing", d.Message);
        Assert.Contains("1 from 'sotu-1837-1860'", d.Message);
        Assert.Contains("provenance.lock.json", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "PROV2014");
    }
}
