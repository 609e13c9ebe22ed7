using Microsoft.CodeAnalysis.Testing;
using Provenance.Analyzers.Rules;
using Xunit.Sdk;

namespace Provenance.Analyzers.Tests.Verifiers;

/// <summary>The library-based verifier must fail loudly, and show the source with the actual diagnostics under it.</summary>
public sealed class ProvenanceTestTests
{
    [Fact]
    public async Task A_missing_expected_diagnostic_fails_and_prints_the_source_with_carets()
    {
        var error = await Assert.ThrowsAsync<XunitException>(() => new ProvenanceTest<DeleteTrainingDataAnalyzer>
        {
            TestCode = """
                class C { void M() => System.IO.File.Delete("data/human/sotu.jsonl"); }
                """,
        }.RunAsync());
        Assert.Contains("1: class C", error.Message);
        Assert.Matches(@"\^{10,} PROV3002: File.Delete deletes training data", error.Message);
    }

    [Fact]
    public async Task An_unexpected_id_in_markup_fails()
    {
        await Assert.ThrowsAsync<XunitException>(() => new ProvenanceTest<DeleteTrainingDataAnalyzer>
        {
            TestCode = """
                class C { void M() => {|PROV3001:System.IO.File.Delete("data/human/sotu.jsonl")|}; }
                """,
        }.RunAsync());
    }

    [Fact]
    public async Task Test_code_that_does_not_compile_fails()
    {
        var error = await Assert.ThrowsAsync<XunitException>(() => new ProvenanceTest<DeleteTrainingDataAnalyzer>
        {
            TestCode = "class C { void M() => Undefined(); }",
        }.RunAsync());
        Assert.Contains("CS0103", error.Message);
    }

    [Fact]
    public void Reference_assemblies_come_from_the_local_targeting_pack_without_a_download()
    {
        var references = LocalReferenceAssemblies.Get();
        Assert.Contains(references, r => Path.GetFileName(r.Display) == "System.Runtime.dll");
        Assert.Contains(references, r => r.Display!.Contains(Path.Combine("packs", "Microsoft.NETCore.App.Ref"), StringComparison.Ordinal));
        Assert.Equal("net10.0", new ProvenanceTest<DeleteTrainingDataAnalyzer>().ReferenceAssemblies.TargetFramework);
        Assert.Null(new ProvenanceTest<DeleteTrainingDataAnalyzer>().ReferenceAssemblies.ReferenceAssemblyPackage);
    }
}
