using System.Diagnostics;
using System.Text.RegularExpressions;
using Provenance.Analyzers.Tests.Rules;

namespace Provenance.Analyzers.Tests;

/// <summary>
/// End to end: real <c>dotnet build</c> runs of samples/DataPipeline (every rule fires) and samples/DataPipeline.Fixed
/// (builds clean with warnings as errors). Slow (two builds), so one test per sample.
/// </summary>
public sealed class SampleBuildTests
{
    [Fact]
    public void Broken_sample_build_reports_every_rule()
    {
        var (exitCode, output) = Build("samples/DataPipeline/DataPipeline.csproj");
        Assert.True(exitCode == 0, "the broken sample keeps warnings as warnings and must still build:\n" + output);
        var ids = Regex.Matches(output, @"warning (PROV\d{4})").Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x).ToList();
        Assert.Equal(new[] { "PROV3001", "PROV3002", "PROV3003", "PROV3004" }, ids);
        Assert.Contains("Program.cs(31,13): warning PROV3001", output);
    }

    [Fact]
    public void Fixed_sample_builds_clean_with_warnings_as_errors()
    {
        var (exitCode, output) = Build("samples/DataPipeline.Fixed/DataPipeline.Fixed.csproj");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("PROV300", output);
    }

    private static (int ExitCode, string Output) Build(string project)
    {
        var path = OverwriteTrainingDataAnalyzerTests.FindRepoFile(project);
        var info = new ProcessStartInfo("dotnet", $"build \"{path}\" --no-incremental -nologo -v:m -tl:off")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        info.Environment["MSBUILDNOINPROCNODE"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of " + project + " took more than 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
