using System.Text;
using System.Text.Json;
using CsCheck;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// The lock's multiset digest of a shard's records (<see cref="RecordSet"/>: count and sum of XxHash128 fingerprints mod
/// 2^128) is order- and split-independent, and any one changed record changes it. Property tests (CsCheck) over records
/// read through the same JSONL reader as <c>seal</c>.
/// </summary>
public sealed class RecordSetTests
{
    private static readonly string[] Special = { "Union", "Congress", "café", "cafe\u0301", "naïve", "—", "1861", "\u00e9t\u00e9" };

    // Records as users write them: words of real-looking text, some non-ASCII (NFC and NFD forms), some duplicates.
    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.String[Gen.Char['a', 'z'], 1, 9],
        Gen.Int[0, Special.Length - 1].Select(i => Special[i]));

    private static readonly Gen<string> Record = Gen.Select(Word.Array[1, 12], words => string.Join(' ', words));

    private static readonly Gen<(string[] Records, int[] Cuts, int Seed)> Corpus =
        Gen.Select(Record.Array[1, 60], Gen.Int[0, 5], Gen.Int, (records, parts, seed) =>
        {
            var random = new Random(seed);
            int[] cuts = Enumerable.Range(0, parts).Select(_ => random.Next(0, records.Length + 1)).Order().ToArray();
            return (records, cuts, seed);
        });

    [Fact]
    public void Random_splits_and_reorderings_of_the_same_records_give_the_same_multiset_digest()
    {
        Corpus.Sample(c =>
        {
            var whole = RecordSet.Of(Read(c.Records));
            var shuffled = (string[])c.Records.Clone();
            new Random(c.Seed).Shuffle(shuffled);
            var parts = Split(shuffled, c.Cuts).Select(part => RecordSet.Of(Read(part)));
            var merged = parts.Aggregate(RecordSet.Of(Array.Empty<RecordFingerprint>()), (a, b) => a + b);
            return merged.Equals(whole) && merged.Digest == whole.Digest && merged.Count == c.Records.Length;
        }, iter: 300);
    }

    [Fact]
    public void Any_one_record_changed_gives_another_multiset_digest()
    {
        Gen.Select(Corpus, Gen.Int[0, int.MaxValue], Word).Sample((c, at, word) =>
        {
            var whole = RecordSet.Of(Read(c.Records));
            var changed = (string[])c.Records.Clone();
            int i = at % changed.Length;
            changed[i] = changed[i] + " " + word; // a different text, whatever its normal form
            var parts = Split(changed, c.Cuts).Select(part => RecordSet.Of(Read(part)));
            var merged = parts.Aggregate(RecordSet.Of(Array.Empty<RecordFingerprint>()), (a, b) => a + b);
            return !merged.Equals(whole) && merged.Count == whole.Count;
        }, iter: 300);
    }

    [Fact]
    public void Canonically_equivalent_text_has_one_fingerprint()
    {
        Assert.Equal(RecordSet.Of(Read(new[] { "caf\u00e9 au lait" })), RecordSet.Of(Read(new[] { "cafe\u0301 au lait" })));
        Assert.NotEqual(RecordSet.Of(Read(new[] { "cafe au lait" })), RecordSet.Of(Read(new[] { "caf\u00e9 au lait" })));
    }

    [Fact]
    public void Text_hashed_without_decoding_has_the_fingerprint_of_its_NFC_form()
    {
        // Scalars the fast path keeps (Latin, punctuation, currency) and those it hands to NFC (combining marks,
        // Hangul jamo, the Angstrom singleton), in random mixes: every fingerprint equals the hash of the NFC text.
        string[] pieces = { "Union", " ", "caf\u00e9", "\u2014", "\u201Cquoted\u201D", "\u2026", "\u20AC5", "e\u0301", "\u1100\u1161", "\u212B", "\u00C5", "na\u00EFve", "\u0301" };
        Gen.Int[0, pieces.Length - 1].Array[1, 12].Sample(picks =>
        {
            string text = string.Concat(picks.Select(p => pieces[p]));
            var expected = RecordFingerprint.Of(Encoding.UTF8.GetBytes(text.Normalize(NormalizationForm.FormC)).AsSpan());
            var viaBytes = RecordFingerprint.Of(Encoding.UTF8.GetBytes(text).AsSpan());
            var viaChars = RecordFingerprint.Of(text.AsSpan());
            return viaBytes.Equals(expected) && viaChars.Equals(expected)
                && expected.Equals(RecordFingerprint.Of(Encoding.UTF8.GetBytes(text.Normalize(NormalizationForm.FormD)).AsSpan()));
        }, iter: 1000);
    }

    private static IEnumerable<string[]> Split(string[] records, int[] cuts)
    {
        int from = 0;
        foreach (int cut in cuts.Append(records.Length))
        {
            yield return records[from..cut];
            from = cut;
        }
    }

    /// <summary>The records as a JSONL shard (<c>{"year":…,"text":…}</c> per line), fingerprinted by the reader <c>seal</c> uses.</summary>
    private static RecordFingerprint[] Read(string[] records)
    {
        var jsonl = new StringBuilder();
        for (int i = 0; i < records.Length; i++)
        {
            jsonl.Append("{\"year\":").Append(1790 + i).Append(",\"text\":").Append(JsonSerializer.Serialize(records[i])).Append("}\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl.ToString()));
        var amounts = ShardCounter.Count(stream, ShardFormat.Jsonl, textField: "text", fingerprints: true);
        Assert.Equal(records.Length, amounts.Records);
        return amounts.Fingerprints!;
    }
}
