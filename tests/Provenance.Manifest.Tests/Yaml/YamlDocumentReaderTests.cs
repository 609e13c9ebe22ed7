using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Tests.Yaml;

public class YamlDocumentReaderTests
{
    private static (YNode? Root, List<ManifestDiagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        return (YamlDocumentReader.Read(text, "m.yaml", diagnostics), diagnostics);
    }

    [Fact]
    public void Every_node_carries_its_one_based_line_and_column()
    {
        var (root, diagnostics) = Read("a: 1\nshards:\n  - id: x\n    path: data/x.jsonl\n");
        Assert.Empty(diagnostics);
        var mapping = Assert.IsType<YMapping>(root);
        var shards = Assert.IsType<YSequence>(mapping.Get("shards"));
        var shard = Assert.IsType<YMapping>(shards.Items[0]);
        Assert.Equal(new SourceSpan(3, 5, 3, 7), shard.GetKey("id")!.Span);
        var path = shard.Get("path")!;
        Assert.Equal((4, 11, 4, 23), (path.Span.Line, path.Span.Column, path.Span.EndLine, path.Span.EndColumn));
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key()
    {
        var (_, diagnostics) = Read("dataset: a\nshards: []\ndataset: b\n");
        DiagnosticAssert.At(diagnostics, "PROV1006", 3, 1);
    }

    [Fact]
    public void Alias_is_refused_at_its_position()
    {
        var (root, diagnostics) = Read("a: &x 1\nb: *x\n");
        Assert.Null(root);
        DiagnosticAssert.At(diagnostics, "PROV1019", 2, 4);
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_refused_without_expansion()
    {
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++)
        {
            char p = (char)(c - 1);
            sb.Append($"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n");
        }

        var (root, diagnostics) = Read(sb.ToString());
        Assert.Null(root);
        DiagnosticAssert.At(diagnostics, "PROV1019", 2, 8);
    }

    [Fact]
    public void Syntax_error_reports_PROV1001_with_a_position_and_no_exception()
    {
        var (root, diagnostics) = Read("dataset: x\nshards:\n  - id: [unclosed\n");
        Assert.Null(root);
        var d = DiagnosticAssert.Single(diagnostics, "PROV1001");
        Assert.True(d.Span.Line >= 3, d.ToString());
        Assert.DoesNotContain("   at ", d.Message);
    }

    [Fact]
    public void Tab_indentation_is_a_syntax_error_at_its_line()
    {
        var (_, diagnostics) = Read("dataset: x\nshards:\n\t- id: a\n");
        var d = DiagnosticAssert.Single(diagnostics, "PROV1001");
        Assert.True(d.Span.Line == 3, d.ToString());
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);
        var (root, diagnostics) = Read("a: " + deep + "\n");
        Assert.Null(root);
        Assert.Contains(diagnostics, d => d.Id == "PROV1001" && d.Message.Contains("deeper"));
    }

    [Fact]
    public void Empty_file_and_several_documents_are_refused()
    {
        Assert.Contains(Read("").Diagnostics, d => d.Id == "PROV1001" && d.Message.Contains("empty"));
        DiagnosticAssert.At(Read("a: 1\n---\nb: 2\n").Diagnostics, "PROV1001", 2, 1);
    }

    [Fact]
    public void Invalid_utf8_nul_and_utf16_are_reported_with_positions()
    {
        var diagnostics = new List<ManifestDiagnostic>();
        Assert.Null(YamlDocumentReader.Read(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n' }, "m.yaml", diagnostics));
        DiagnosticAssert.At(diagnostics, "PROV1001", 1, 4);

        diagnostics.Clear();
        Assert.Null(YamlDocumentReader.Read(Encoding.UTF8.GetBytes("a: 1\nb: x\0y\n"), "m.yaml", diagnostics));
        DiagnosticAssert.At(diagnostics, "PROV1001", 2, 5);

        diagnostics.Clear();
        Assert.Null(YamlDocumentReader.Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a: 1\n")).ToArray(), "m.yaml", diagnostics));
        Assert.Contains("UTF-16", DiagnosticAssert.Single(diagnostics, "PROV1001").Message);
    }

    [Fact]
    public void Utf8_bom_and_crlf_are_accepted()
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var root = YamlDocumentReader.Read(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a: 1\r\nb: 2\r\n")).ToArray(), "m.yaml", diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(2, Assert.IsType<YMapping>(root).Get("b")!.Span.Line);
    }
}

public class YamlDocumentReaderUnclosedTests
{
    [Theory]
    [InlineData("provenance: 1\ndataset: [unclosed\n", 3, 1)]
    [InlineData("provenance: 1\ndataset: [unclosed", 3, 1)]
    [InlineData("provenance: 1\ndataset: [unclosed\nshards: []\n", 2, 10)]
    [InlineData("dataset: [unclosed\n", 2, 1)]
    [InlineData("provenance: 1\ndataset: [unclosed\nshards:\n  - id: a\n", 2, 10)]
    [InlineData("provenance: 1\ndataset: {a: 1\n", 3, 1)]
    public void Unclosed_flow_collection_reports_a_syntax_error_at_the_bracket_or_where_the_input_ends(string text, int line, int column)
    {
        var diagnostics = new List<Provenance.Manifest.Diagnostics.ManifestDiagnostic>();
        Assert.Null(Provenance.Manifest.Yaml.YamlDocumentReader.Read(text, "m.yaml", diagnostics));
        var d = Provenance.Manifest.Tests.Helpers.DiagnosticAssert.Single(diagnostics, "PROV1001");
        Assert.True((d.Span.Line, d.Span.Column) == (line, column), d.ToString());
        Assert.DoesNotContain("current state", d.Message);
    }
}
