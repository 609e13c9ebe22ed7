using System.Text.RegularExpressions;
using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests;

/// <summary>
/// What a new user copies from the docs must work as written (issue 14, point 5): the packages are not on nuget.org,
/// so every install line names the local feed; and a shell command line must not carry MSBuild's <c>$(...)</c>, which
/// bash expands as a command substitution and MSBuild leaves unevaluated in a global property.
/// </summary>
public sealed class DocumentationTests
{
    private static readonly string[] UserDocs = { "README.md", "docs/cli.md", "docs/msbuild.md", "docs/ci.md", "samples/README.md" };

    public static TheoryData<string> Docs()
    {
        var data = new TheoryData<string>();
        foreach (string doc in UserDocs)
        {
            data.Add(doc);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public void EveryToolInstall_NamesTheLocalFeed_BecauseProvenanceCliIsNotOnNuGetOrg(string doc)
    {
        var installs = Lines(doc).Where(l => l.Text.Contains("dotnet tool install", StringComparison.Ordinal)).ToList();

        Assert.All(installs, l => Assert.True(l.Text.Contains("--add-source", StringComparison.Ordinal), $"{doc}:{l.Number}: {l.Text}"));
    }

    [Fact]
    public void TheInstallDocs_SayHowToFillTheLocalFeed_AndHowToUseItAsASource()
    {
        string cli = Read("docs/cli.md");
        Assert.Contains("dotnet pack src/Provenance.Cli -c Release -o artifacts/packages", cli, StringComparison.Ordinal);
        Assert.Contains("dotnet new tool-manifest", cli, StringComparison.Ordinal);

        foreach (string doc in new[] { "README.md", "docs/msbuild.md" })
        {
            string text = Read(doc);
            Assert.Contains("not published on nuget.org", text, StringComparison.Ordinal);
            Assert.Contains("artifacts/packages", text, StringComparison.Ordinal);
        }

        Assert.Contains("<add key=\"provenance-local\" value=\"/path/to/provenance/artifacts/packages\" />", Read("docs/msbuild.md"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public void NoShellCommandLine_PassesAnMsBuildPropertyExpressionInAGlobalProperty(string doc)
    {
        var bad = new Regex(@"-p:\w+=\S*\$\((MSBuild|Base|Intermediate|Output|Project)", RegexOptions.CultureInvariant);

        var offenders = Lines(doc).Where(l => bad.IsMatch(l.Text)).Select(l => $"{doc}:{l.Number}: {l.Text}").ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    private static string Read(string doc) => File.ReadAllText(Path.Combine(TestData.RepositoryRoot, doc));

    private static IEnumerable<(int Number, string Text)> Lines(string doc) =>
        File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, doc)).Select((text, i) => (i + 1, text));
}
