using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Build.Tests;

/// <summary>
/// One registry of ids for engine, task and analyzers (issue 13.7). Fails when an id used anywhere in <c>src/</c> means
/// something other than the title of its page <c>docs/rules/&lt;ID&gt;.md</c>, or when an id has no page:
/// <list type="bullet">
/// <item>every registered id (PROV1xxx, PROV2xxx and, from the linked <c>DiagnosticRegistry.Analyzers.cs</c>, PROV3xxx) has a
/// page whose heading is <c># ID: Title</c>;</item>
/// <item>the analyzers' Roslyn descriptors carry exactly the registry's id, title, default severity and help link;</item>
/// <item>C# in <c>src/</c> writes no id as a bare string literal (<c>"PROV1020"</c>) outside the registry: a literal carries no
/// title, which is how PROV1020 "manifest cannot be read" came to be logged for an export that could not be written;</item>
/// <item>every id mentioned in <c>src/</c> (comments, docs, MSBuild files) is registered and has a page, and an MSBuild
/// <c>Code="PROVxxxx"</c> is a build (task) id.</item>
/// </list>
/// </summary>
public sealed class DiagnosticIdRegistryTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly Regex IdPattern = new(@"PROV\d{4}", RegexOptions.Compiled);

    [Fact]
    public void Every_registered_id_has_a_page_titled_with_its_meaning()
    {
        var problems = new List<string>();
        foreach (var descriptor in DiagnosticRegistry.All)
        {
            string page = Path.Combine(Root, "docs", "rules", descriptor.Id + ".md");
            if (!File.Exists(page))
            {
                problems.Add($"{descriptor.Id} ({descriptor.Title}) has no page docs/rules/{descriptor.Id}.md");
                continue;
            }

            string heading = File.ReadLines(page).First();
            if (heading != $"# {descriptor.Id}: {descriptor.Title}")
            {
                problems.Add($"{descriptor.Id}: the registry says '{descriptor.Title}', the page says '{heading}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(DiagnosticRegistry.All, d => d.Id == "PROV3001");
        Assert.Equal(DiagnosticRegistry.All.Count, DiagnosticRegistry.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_page_belongs_to_a_registered_id()
    {
        var orphans = Directory.GetFiles(Path.Combine(Root, "docs", "rules"), "PROV*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => DiagnosticRegistry.Find(id!) is null)
            .ToList();
        Assert.True(orphans.Count == 0, "pages without a registered id: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Analyzer_descriptors_are_the_registry_entries()
    {
        var analyzers = typeof(Provenance.Analyzers.RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        var seen = new HashSet<string>();
        foreach (var rule in analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            var entry = DiagnosticRegistry.Find(rule.Id);
            Assert.True(entry is not null, $"{rule.Id} is reported by an analyzer but not registered");
            Assert.Equal(entry!.Title, rule.Title.ToString());
            Assert.Equal(entry.HelpLink, rule.HelpLinkUri);
            Assert.Equal(entry.DefaultSeverity.ToString(), rule.DefaultSeverity.ToString());
            Assert.Equal("Analyzers", entry.Category);
            seen.Add(rule.Id);
        }

        var registered = DiagnosticRegistry.All.Where(d => d.Id.StartsWith("PROV3", StringComparison.Ordinal)).Select(d => d.Id);
        Assert.Equal(registered.OrderBy(x => x), seen.OrderBy(x => x));
    }

    [Fact]
    public void Analyzer_release_files_state_the_registry_severity()
    {
        string releases = File.ReadAllText(Path.Combine(Root, "src", "Provenance.Analyzers", "AnalyzerReleases.Unshipped.md")) +
                          File.ReadAllText(Path.Combine(Root, "src", "Provenance.Analyzers", "AnalyzerReleases.Shipped.md"));
        foreach (var entry in DiagnosticRegistry.All.Where(d => d.Category == "Analyzers"))
        {
            Assert.Matches(new Regex($@"{entry.Id} \| Provenance \| {entry.DefaultSeverity} \|"), releases);
        }
    }

    [Fact]
    public void Source_code_takes_ids_from_the_registry_and_names_only_registered_ids()
    {
        var problems = new List<string>();
        foreach (string file in SourceFiles())
        {
            string relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
            bool isRegistry = Path.GetFileName(file).StartsWith("DiagnosticRegistry", StringComparison.Ordinal);
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match match in IdPattern.Matches(lines[i]))
                {
                    string id = match.Value;
                    var entry = DiagnosticRegistry.Find(id);
                    if (entry is null || !File.Exists(Path.Combine(Root, "docs", "rules", id + ".md")))
                    {
                        problems.Add($"{relative}:{i + 1}: {id} is not registered or has no page");
                        continue;
                    }

                    if (file.EndsWith(".cs", StringComparison.Ordinal) && !isRegistry && IsBareIdLiteral(lines[i], match))
                    {
                        problems.Add($"{relative}:{i + 1}: \"{id}\" as a literal; take it from DiagnosticRegistry ({entry.Title})");
                    }

                    if (!file.EndsWith(".cs", StringComparison.Ordinal) && lines[i].Contains($"Code=\"{id}\"", StringComparison.Ordinal) && entry.Category != "Build")
                    {
                        problems.Add($"{relative}:{i + 1}: MSBuild Code=\"{id}\" is '{entry.Title}', not a build-gate id");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_task_logs_its_own_failures_under_build_ids()
    {
        // PROV1031-PROV1035 are the gate's own failures (a bad property, a suppression without Justification, an output
        // that cannot be written, no manifest, an export that cannot be written); none reuses a manifest or policy id.
        var build = DiagnosticRegistry.All.Where(d => d.Category == "Build").Select(d => d.Id).ToArray();
        Assert.Equal(new[] { "PROV1031", "PROV1032", "PROV1033", "PROV1034", "PROV1035" }, build);
        string taskSources = string.Join("\n", Directory.GetFiles(Path.Combine(Root, "src", "Provenance.Build"), "*.cs").Select(File.ReadAllText));
        foreach (string name in new[] { "InvalidBuildSetting", "UnjustifiedSuppression", "BuildOutputNotWritten", "ExportNotWritten" })
        {
            Assert.Contains("DiagnosticRegistry." + name, taskSources);
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>
    /// True for a literal that is the id alone (<c>"PROV1020"</c>): a diagnostic code written by hand, with no title. An id
    /// inside a message or help text (<c>"... (PROV2009)"</c>) is a mention, checked only for being registered.
    /// </summary>
    private static bool IsBareIdLiteral(string line, Match match)
    {
        int index = match.Index;
        bool bare = index > 0 && line[index - 1] == '"' && index + match.Length < line.Length && line[index + match.Length] == '"';
        return bare && IsInStringLiteral(line, index);
    }

    private static bool IsInStringLiteral(string line, int index)
    {
        string trimmed = line.TrimStart();
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("*", StringComparison.Ordinal))
        {
            return false;
        }

        int comment = line.IndexOf("//", StringComparison.Ordinal);
        if (comment >= 0 && comment < index && line.Take(comment).Count(c => c == '"') % 2 == 0)
        {
            return false;
        }

        return line.Take(index).Count(c => c == '"') % 2 == 1;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Provenance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Provenance.sln not found");
    }
}
