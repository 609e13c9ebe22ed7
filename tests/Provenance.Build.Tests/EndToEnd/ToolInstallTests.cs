using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Packs <c>src/Provenance.Cli</c> once into a temporary folder feed (a version of its own, an isolated NuGet packages
/// folder), the way README and docs/cli.md tell users to build <c>artifacts/packages</c>.
/// </summary>
public sealed class ToolFeedFixture : IDisposable
{
    public ToolFeedFixture()
    {
        Root = TestData.NewTempDirectory("tool");
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "packages");
        Version = PackageFeedFixture.UniqueVersion("tool");
        PackageFeedFixture.Pack(Root, "Provenance.Cli", Feed, PackagesFolder, Version);

        // No source but the ones a command adds: the tool comes from --add-source or nowhere.
        File.WriteAllText(Path.Combine(Root, "nuget.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n  </packageSources>\n</configuration>\n");
    }

    public string Root { get; }

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    /// <summary>HOME, the caches and DOTNET_ROOT of a user's shell, all under <see cref="Root"/> (DOTNET_ROOT: the SDK running the tests).</summary>
    public Dictionary<string, string?> UserEnvironment()
    {
        string home = Path.Combine(Root, "home");
        Directory.CreateDirectory(home);
        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["DOTNET_CLI_HOME"] = home,
            ["DOTNET_ROOT"] = DotNetRoot(),
            ["CI"] = null,
        };
    }

    private static string DotNetRoot()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (host is null)
        {
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(folder, "dotnet");
                if (File.Exists(candidate))
                {
                    host = candidate;
                    break;
                }
            }
        }

        var file = new FileInfo(host ?? throw new InvalidOperationException("dotnet is not on the PATH"));
        return Path.GetDirectoryName(file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// Issue 14.3: <c>provenance</c> installs from the packed feed as users install it (README, docs/cli.md) — into a tool
/// folder with <c>--tool-path</c>, and as a local tool of another repository with a tool manifest — and runs:
/// <c>provenance --version</c> and <c>provenance check</c> on the State of the Union sample.
/// </summary>
public sealed class ToolInstallTests : IClassFixture<ToolFeedFixture>
{
    private static readonly string Sample = Path.Combine(TestData.RepositoryRoot, "samples", "SotuAssistant", "provenance.yaml");
    private readonly ToolFeedFixture _feed;

    public ToolInstallTests(ToolFeedFixture feed) => _feed = feed;

    [Fact]
    public void ToolPathInstall_FromTheFeed_RunsVersionAndChecksTheSample()
    {
        string tools = Path.Combine(_feed.Root, "tools-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var env = _feed.UserEnvironment();

        var install = DotNet.Run(_feed.Root, _feed.PackagesFolder, env,
            "tool", "install", "--tool-path", tools, "Provenance.Cli", "--add-source", _feed.Feed, "--version", _feed.Version);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("provenance", install.Output, StringComparison.Ordinal);
        string provenance = Path.Combine(tools, OperatingSystem.IsWindows() ? "provenance.exe" : "provenance");
        Assert.True(File.Exists(provenance), install.Output);

        var version = DotNet.RunProgram(provenance, TestData.RepositoryRoot, _feed.PackagesFolder, env, "--version");
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.Contains("\n" + _feed.Version, version.Output, StringComparison.Ordinal);

        var check = DotNet.RunProgram(provenance, TestData.RepositoryRoot, _feed.PackagesFolder, env, "check", Sample, "--locked", "true");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("human 73% of tokens (floor 10%), 16 shards, max generation 2. Passed: 0 errors, 0 warnings.", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalToolInstall_WithAToolManifest_RunsThroughDotnetToolRun()
    {
        string repo = Path.Combine(_feed.Root, "user-repo-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(repo);
        var env = _feed.UserEnvironment();

        var manifest = DotNet.Run(repo, _feed.PackagesFolder, env, "new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.Output);
        var install = DotNet.Run(repo, _feed.PackagesFolder, env, "tool", "install", "Provenance.Cli", "--add-source", _feed.Feed, "--version", _feed.Version);
        Assert.True(install.ExitCode == 0, install.Output);
        // The tool manifest, to commit with the repository: dotnet-tools.json at the root (.NET 10), or .config/dotnet-tools.json (earlier SDKs).
        string toolManifest = new[] { Path.Combine(repo, "dotnet-tools.json"), Path.Combine(repo, ".config", "dotnet-tools.json") }.First(File.Exists);
        Assert.Contains("\"provenance.cli\"", File.ReadAllText(toolManifest).ToLowerInvariant(), StringComparison.Ordinal);

        var version = DotNet.Run(repo, _feed.PackagesFolder, env, "tool", "run", "provenance", "--", "--version");
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.Contains(_feed.Version, version.Output, StringComparison.Ordinal);

        var check = DotNet.Run(repo, _feed.PackagesFolder, env, "provenance", "check", Sample, "--locked", "true");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("16 shards, max generation 2. Passed: 0 errors, 0 warnings.", check.Output, StringComparison.Ordinal);
    }
}
