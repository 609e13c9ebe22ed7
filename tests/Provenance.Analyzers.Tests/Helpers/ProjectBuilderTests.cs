using Provenance.Analyzers.Rules;
using Xunit.Sdk;

namespace Provenance.Analyzers.Tests.Helpers;

/// <summary>The verifier must fail loudly, and show the source with the diagnostics under it.</summary>
public sealed class ProjectBuilderTests
{
    [Fact]
    public async Task A_missing_expected_diagnostic_fails_and_prints_the_source_with_carets()
    {
        var error = await Assert.ThrowsAsync<XunitException>(() => new ProjectBuilder()
            .WithAnalyzer<DeleteTrainingDataAnalyzer>()
            .WithSourceCode("""
                class C { void M() => System.IO.File.Delete("data/human/sotu.jsonl"); }
                """)
            .ValidateAsync());
        Assert.Contains("1: class C", error.Message);
        Assert.Matches(@"\^{10,} PROV3002: File.Delete deletes training data", error.Message);
    }

    [Fact]
    public async Task An_unexpected_id_in_markup_fails()
    {
        await Assert.ThrowsAsync<XunitException>(() => new ProjectBuilder()
            .WithAnalyzer<DeleteTrainingDataAnalyzer>()
            .WithSourceCode("""
                class C { void M() => {|PROV3001:System.IO.File.Delete("data/human/sotu.jsonl")|}; }
                """)
            .ValidateAsync());
    }

    [Fact]
    public async Task Test_code_that_does_not_compile_fails()
    {
        var error = await Assert.ThrowsAsync<XunitException>(() => new ProjectBuilder()
            .WithAnalyzer<DeleteTrainingDataAnalyzer>()
            .WithSourceCode("class C { void M() => Undefined(); }")
            .ValidateAsync());
        Assert.Contains("CS0103", error.Message);
    }

    [Fact]
    public void Markup_parses_nested_and_named_spans()
    {
        var (source, expected) = TestMarkup.Parse("a[|b{|PROV3002:c|}d|]e");
        Assert.Equal("abcde", source);
        Assert.Contains(expected, e => e.Id == "PROV3002" && e.Span.Start == 2 && e.Span.Length == 1);
        Assert.Contains(expected, e => e.Id is null && e.Span.Start == 1 && e.Span.Length == 3);
    }
}
