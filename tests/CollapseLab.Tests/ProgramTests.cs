using System.Diagnostics;
using CollapseLab;

namespace CollapseLab.Tests;

/// <summary>The lab as a new user runs it: <c>dotnet run --project samples/CollapseLab</c> from wherever they stand.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collapselab-cwd-" + Guid.NewGuid().ToString("N")[..10]);

    public ProgramTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Started_from_another_folder_the_lab_finds_its_corpus_through_the_project_folder()
    {
        // The README runs it from the repository root; here the current folder holds nothing at all.
        string results = Path.Combine(_folder, "results");

        var (exitCode, stdout, stderr) = Run(_folder, "--no-lineage", "--results", results, "--generations", "1");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(results, "collapse.csv")), stdout);
        Assert.Equal(Path.Combine(LabFixture.RepoRoot(), "samples", "CollapseLab"), LabOptions.ProjectDirectory);
        Assert.Equal(Path.Combine(LabOptions.ProjectDirectory, "data", "moby-dick.jsonl"), new LabOptions().CorpusPath);
        Assert.Equal(Path.Combine(LabOptions.ProjectDirectory, "out"), new LabOptions().OutDirectory);
    }

    [Theory]
    [InlineData("--corpus", "nosuch.jsonl")]
    [InlineData("--budget", "many")]
    [InlineData("--generations")]
    [InlineData("--bogus")]
    public void Bad_arguments_exit_2_with_one_line_and_no_stack_trace(params string[] args)
    {
        var (exitCode, _, stderr) = Run(_folder, args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("collapselab: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }

    private static (int ExitCode, string Out, string Error) Run(string currentDirectory, params string[] args)
    {
        string lab = typeof(Lab).Assembly.Location;
        string runtimeConfig = Path.ChangeExtension(lab, ".runtimeconfig.json");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = currentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        if (!File.Exists(runtimeConfig))
        {
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(Path.ChangeExtension(typeof(ProgramTests).Assembly.Location, ".runtimeconfig.json"));
        }

        start.ArgumentList.Add(lab);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
