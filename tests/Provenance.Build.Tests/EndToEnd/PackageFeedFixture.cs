using System.Diagnostics;
using System.Globalization;
using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Packs <c>src/Provenance.Build</c> once per test run into a temporary folder feed, with a version of its own
/// (<c>0.1.0-e2e.&lt;timestamp&gt;</c>) and an isolated NuGet global packages folder, so no earlier package is ever used.
/// The pack builds into its own artifacts folder, so it never touches the repository's bin/ and obj/.
/// </summary>
public sealed class PackageFeedFixture : IDisposable
{
    public PackageFeedFixture()
    {
        Root = TestData.NewTempDirectory("e2e");
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "packages");
        Version = UniqueVersion("e2e");
        Pack(Root, "Provenance.Build", Feed, PackagesFolder, Version);
    }

    /// <summary><c>0.1.0-&lt;label&gt;.&lt;timestamp&gt;.&lt;process&gt;</c>: a version no earlier run produced.</summary>
    public static string UniqueVersion(string label) =>
        $"0.1.0-{label}." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>dotnet pack src/&lt;project&gt;</c> into <paramref name="feed"/> at <paramref name="version"/>, building under
    /// <paramref name="root"/>/artifacts (never the repository's bin/ and obj/); returns the .nupkg.
    /// </summary>
    public static string Pack(string root, string project, string feed, string packagesFolder, string version)
    {
        string path = Path.Combine(TestData.RepositoryRoot, "src", project, project + ".csproj");
        var result = DotNet.Run(root, packagesFolder, null,
            "pack", path, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(root, "artifacts"), $"-p:Version={version}");
        string package = Path.Combine(feed, $"{project}.{version}.nupkg");
        if (result.ExitCode != 0 || !File.Exists(package))
        {
            throw new InvalidOperationException($"dotnet pack of {project} failed:" + Environment.NewLine + result.Output);
        }

        return package;
    }

    /// <summary>A temp folder holding the feed, the packages folder and every test project.</summary>
    public string Root { get; }

    /// <summary>The local folder feed with the packed Provenance.Build.</summary>
    public string Feed { get; }

    /// <summary>The isolated NuGet global packages folder (NUGET_PACKAGES) of every build the tests run.</summary>
    public string PackagesFolder { get; }

    /// <summary>The unique version of this run's package.</summary>
    public string Version { get; }

    /// <summary>A new folder for a test project under <see cref="Root"/>, removed with the fixture.</summary>
    public string NewDirectory(string prefix)
    {
        string path = Path.Combine(Root, "projects", prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The .nupkg.</summary>
    public string PackagePath => Path.Combine(Feed, $"Provenance.Build.{Version}.nupkg");

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("PROVENANCE_KEEP_E2E") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The collection of end-to-end tests that share one packed package.</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeedFixture>
{
    public const string Name = "Provenance.Build package";
}

/// <summary>Runs the dotnet CLI with a quiet, isolated environment and returns its exit code and output.</summary>
public static class DotNet
{
    /// <summary>The outcome of one dotnet command.</summary>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>
    /// Runs <c>dotnet args</c> in <paramref name="workingDirectory"/>. <paramref name="environment"/> entries with a null value
    /// are removed from the child's environment (e.g. <c>CI</c>), others set.
    /// </summary>
    public static Result Run(string workingDirectory, string packagesFolder, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunProgram("dotnet", workingDirectory, packagesFolder, environment, args);

    /// <summary>As <see cref="Run"/>, for another program (an installed tool's command) in the same environment.</summary>
    public static Result RunProgram(string program, string workingDirectory, string packagesFolder, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["NUGET_PACKAGES"] = packagesFolder;
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        foreach (var pair in environment ?? new Dictionary<string, string?>())
        {
            if (pair.Value is null)
            {
                info.Environment.Remove(pair.Key);
            }
            else
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        var output = new System.Text.StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 5 minutes:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        watch.Stop();
        lock (output)
        {
            return new Result(process.ExitCode, $"> {program} {string.Join(' ', args)}{Environment.NewLine}{output}", watch.Elapsed);
        }
    }
}
