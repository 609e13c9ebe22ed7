using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Provenance.Analyzers.Tests.Rules;

namespace Provenance.Analyzers.Tests;

public sealed class RuleHelpUriTests
{
    public static TheoryData<string> Analyzers()
    {
        var data = new TheoryData<string>();
        foreach (var type in AnalyzerTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void Every_rule_links_to_its_docs_page_and_the_page_exists(string analyzerTypeName)
    {
        var type = AnalyzerTypes().Single(t => t.FullName == analyzerTypeName);
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
        Assert.NotEmpty(analyzer.SupportedDiagnostics);
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            Assert.Equal($"https://github.com/provenance-dev/provenance/blob/main/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = OverwriteTrainingDataAnalyzerTests.FindRepoFile($"docs/rules/{descriptor.Id}.md");
            Assert.True(File.Exists(page), $"{descriptor.Id}: {page} does not exist");
            var text = File.ReadAllText(page);
            foreach (var section in new[] { "## Severity", "## Cause", "## Example", "## How to fix", "## How to suppress", "## Options" })
            {
                Assert.Contains(section, text);
            }
        }
    }

    [Fact]
    public void Every_rule_id_is_tracked_in_the_release_files_and_the_catalogue()
    {
        var unshipped = File.ReadAllText(OverwriteTrainingDataAnalyzerTests.FindRepoFile("src/Provenance.Analyzers/AnalyzerReleases.Unshipped.md")) +
                        File.ReadAllText(OverwriteTrainingDataAnalyzerTests.FindRepoFile("src/Provenance.Analyzers/AnalyzerReleases.Shipped.md"));
        var catalogue = File.ReadAllText(OverwriteTrainingDataAnalyzerTests.FindRepoFile("docs/analyzers.md"));
        var ids = AnalyzerTypes()
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .ToList();
        Assert.Equal(5, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Contains(id + " |", unshipped);
            Assert.Contains(id, catalogue);
        }
    }

    private static IEnumerable<Type> AnalyzerTypes() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
