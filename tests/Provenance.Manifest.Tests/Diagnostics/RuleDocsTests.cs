using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Tests.Diagnostics;

/// <summary>
/// Keeps the diagnostic registry and <c>docs/rules/</c> in step: every registered id has a page whose heading is
/// <c># ID: Title</c>, every help link points at that page, every PROV1xxx/PROV2xxx page belongs to a registered id,
/// and the rules index lists every id. PROV3xxx pages belong to the analyzers and are not checked here.
/// </summary>
public sealed class RuleDocsTests
{
    private static readonly string RulesDirectory = Path.Combine(FindRepositoryRoot(), "docs", "rules");

    public static TheoryData<string> RegisteredIds()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in DiagnosticRegistry.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void RulePage_Exists_AndStartsWithIdAndTitleHeading(string id)
    {
        DiagnosticDescriptor descriptor = Describe(id);
        string page = Path.Combine(RulesDirectory, id + ".md");

        Assert.True(File.Exists(page), $"{id} has no rule page; expected {page}.");
        string firstLine = File.ReadLines(page).FirstOrDefault() ?? string.Empty;
        Assert.StartsWith($"# {id}: ", firstLine, StringComparison.Ordinal);
        Assert.Equal($"# {id}: {descriptor.Title}", firstLine);
    }

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void HelpLink_PointsAtTheRulePage(string id)
    {
        DiagnosticDescriptor descriptor = Describe(id);

        // The link is what an IDE opens: the repository's own URL (PackageProjectUrl, where the package points users),
        // then blob/main/, then the path of a page that exists in this checkout.
        string projectUrl = System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(Path.Combine(FindRepositoryRoot(), "Directory.Build.props")), "<PackageProjectUrl>([^<]+)</PackageProjectUrl>").Groups[1].Value;
        Assert.StartsWith("https://", projectUrl, StringComparison.Ordinal);
        string prefix = projectUrl.TrimEnd('/') + "/blob/main/";
        Assert.StartsWith(prefix, descriptor.HelpLink, StringComparison.Ordinal);
        string page = descriptor.HelpLink.Substring(prefix.Length);
        Assert.Equal($"docs/rules/{id}.md", page);
        Assert.True(File.Exists(Path.Combine(FindRepositoryRoot(), page)), $"{descriptor.HelpLink} names {page}, which is not in the repository.");
        Assert.True(Uri.TryCreate(descriptor.HelpLink, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, descriptor.HelpLink);
    }

    [Fact]
    public void EveryManifestAndPolicyRulePage_BelongsToARegisteredId()
    {
        string[] pageIds = Directory.GetFiles(RulesDirectory, "PROV*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name.StartsWith("PROV1", StringComparison.Ordinal) || name.StartsWith("PROV2", StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        Assert.NotEmpty(pageIds);
        string[] orphans = pageIds
            .Where(pageId => !DiagnosticRegistry.All.Any(d => string.Equals(d.Id, pageId, StringComparison.Ordinal)))
            .ToArray();
        Assert.True(orphans.Length == 0, "Rule pages without a registered id: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(RegisteredIds))]
    public void RulesIndex_LinksEveryId(string id)
    {
        string index = File.ReadAllText(Path.Combine(RulesDirectory, "README.md"));

        Assert.Contains(id, index, StringComparison.Ordinal);
        Assert.Contains($"({id}.md)", index, StringComparison.Ordinal);
    }

    private static DiagnosticDescriptor Describe(string id) =>
        DiagnosticRegistry.Find(id) ?? throw new InvalidOperationException($"{id} is not registered.");

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Provenance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing Provenance.sln above {AppContext.BaseDirectory}.");
    }
}
