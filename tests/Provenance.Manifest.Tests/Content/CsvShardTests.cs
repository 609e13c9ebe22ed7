using System.Text;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Tests.Content;

/// <summary>csv and tsv through CsvHelper: the header is not a record, quoted fields may span lines.</summary>
public sealed class CsvShardTests
{
    private static ShardAmounts Count(string text, ShardFormat format = ShardFormat.Csv, string? field = null, ShardCompression compression = ShardCompression.None) =>
        ShardCounter.Count(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, compression, field);

    [Fact]
    public void A_quoted_field_with_a_newline_is_one_record_and_the_header_none()
    {
        var amounts = Count("id,text\n1,\"Fellow citizens\nof the Senate\"\n2,\"and House of Representatives\"\n");
        Assert.Equal(2, amounts.Records);
        Assert.Equal(1 + 5 + 1 + 4, amounts.Tokens);
    }

    [Fact]
    public void Text_field_counts_only_its_column()
    {
        var amounts = Count("id,year,text\n1,1790,\"Fellow citizens, of the Senate\"\n2,1791,\"\"\"quoted\"\" words\"\n", field: "text");
        Assert.Equal(2, amounts.Records);
        Assert.Equal(5 + 2, amounts.Tokens);
    }

    [Fact]
    public void Tsv_uses_tabs_and_keeps_commas_inside_fields()
    {
        var amounts = Count("id\ttext\n1\tone, two, three\n2\tfour\n", ShardFormat.Tsv, "text");
        Assert.Equal(2, amounts.Records);
        Assert.Equal(4, amounts.Tokens);
    }

    [Fact]
    public void Crlf_lines_and_a_missing_final_newline_are_records_all_the_same()
    {
        Assert.Equal(3, Count("a,b\r\n1,2\r\n3,4\r\n5,6").Records);
    }

    [Fact]
    public void An_unterminated_quote_is_prov1024_and_a_missing_column_prov1026()
    {
        var quote = Assert.Throws<ShardContentException>(() => Count("id,text\n1,\"never closed\n2,x\n"));
        Assert.Equal("PROV1024", quote.Descriptor.Id);
        var column = Assert.Throws<ShardContentException>(() => Count("id,body\n1,x\n", field: "text"));
        Assert.Equal("PROV1026", column.Descriptor.Id);
        Assert.Contains("'body'", column.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_cell_is_prov1027()
    {
        var bytes = Encoding.UTF8.GetBytes("id,text\n1,abc\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var ex = Assert.Throws<ShardContentException>(() => ShardCounter.Count(new MemoryStream(bytes), ShardFormat.Csv));
        Assert.Equal("PROV1027", ex.Descriptor.Id);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_and_empty_lines_are_not_records()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("text,year\n\"Fellow citizens\",1790\n\n\"of the Senate\",1791\n\n")).ToArray();
        var amounts = ShardCounter.Count(new MemoryStream(bytes), ShardFormat.Csv, ShardCompression.None, "text", fingerprints: true);
        Assert.Equal(2, amounts.Records);
        Assert.Equal(5, amounts.Tokens);
        Assert.Contains(RecordFingerprint.Of("Fellow citizens".AsSpan()), amounts.Fingerprints!);
    }

    [Fact]
    public void Without_a_text_field_a_record_is_fingerprinted_as_its_cells_joined_by_the_unit_separator()
    {
        var amounts = ShardCounter.Count(new MemoryStream(Encoding.UTF8.GetBytes("id,text\n1,\"caf\u00e9, au lait\"\n")), ShardFormat.Csv, fingerprints: true);
        Assert.Equal(RecordFingerprint.Of("1\u001Fcafe\u0301, au lait".AsSpan()), Assert.Single(amounts.Fingerprints!));
    }
}
