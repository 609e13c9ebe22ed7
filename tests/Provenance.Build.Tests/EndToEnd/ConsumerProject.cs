using System.Text.RegularExpressions;
using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// A throw-away project that consumes the packed Provenance.Build by PackageReference, in its own folder with its own
/// nuget.config (the test feed, then nuget.org) and empty Directory.Build.props/targets so nothing of the repository leaks in.
/// </summary>
public sealed class ConsumerProject
{
    private readonly PackageFeedFixture _feed;

    public ConsumerProject(PackageFeedFixture feed, string name, string targetFrameworks = "net10.0", string extraProperties = "", string extraItems = "", string? directory = null)
    {
        _feed = feed;
        Name = name;
        Directory = directory ?? feed.NewDirectory(name);
        System.IO.Directory.CreateDirectory(Directory);
        string root = directory is null ? Directory : Path.GetDirectoryName(Directory)!;
        WriteRootFiles(feed, root);
        string tfm = targetFrameworks.Contains(';', StringComparison.Ordinal) ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>" : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        File.WriteAllText(ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {tfm}
                <OutputType>Library</OutputType>
                <Nullable>enable</Nullable>
                <UseSharedCompilation>false</UseSharedCompilation>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Provenance.Build" Version="{feed.Version}" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Model.cs"), "namespace Consumer;\n\npublic static class Model\n{\n    public static int Generation => 1;\n}\n");
    }

    public string Name { get; }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, Name + ".csproj");

    public string ManifestPath => Path.Combine(Directory, "provenance.yaml");

    /// <summary>Writes the nuget.config and the empty Directory.Build.* files of a test folder.</summary>
    public static void WriteRootFiles(PackageFeedFixture feed, string root)
    {
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="provenance-e2e" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />\n");
    }

    /// <summary>
    /// Runs <c>dotnet build</c> on the project (or on <paramref name="target"/>) with the console logger, no summary, minimal
    /// verbosity. <paramref name="ci"/>: true sets CI=true, false removes CI, null inherits the test run's environment.
    /// </summary>
    public DotNet.Result Build(bool? ci = null, string? target = null, params string[] extra) => BuildWith(ci, null, target, extra);

    /// <summary>As <see cref="Build(bool?, string?, string[])"/>, with more environment variables for the build (null removes one).</summary>
    public DotNet.Result BuildWith(bool? ci, IReadOnlyDictionary<string, string?>? environment, string? target = null, params string[] extra)
    {
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        if (ci is not null)
        {
            env["CI"] = ci.Value ? "true" : null;
        }

        var args = new List<string> { "build", target ?? ProjectPath, "-nodeReuse:false", "-tl:off", "-v:m", "-clp:NoSummary", "-p:UseSharedCompilation=false" };
        args.AddRange(extra);
        return DotNet.Run(Directory, _feed.PackagesFolder, env, args.ToArray());
    }

    /// <summary>
    /// Number of lines of <paramref name="output"/> that match <paramref name="pattern"/>, before the console logger's
    /// closing summary (which repeats every error and warning; the CLI does not honour -clp:NoSummary).
    /// </summary>
    public static int CountLines(string output, string pattern) =>
        output.Split('\n').Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => l != "Build FAILED." && l != "Build succeeded.")
            .Count(l => Regex.IsMatch(l, pattern));
}
