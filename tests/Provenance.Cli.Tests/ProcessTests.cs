using System.Diagnostics;
using System.Text.Json;
using Provenance.Cli.Tests.Helpers;

namespace Provenance.Cli.Tests;

/// <summary>The built tool as a real process: exit code, JSON on stdout, and nothing on stderr when it is redirected.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task BuiltTool_CheckJson_Exits1OnAViolation_AndStaysQuietWhenRedirected()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloor: 0.95\n");
        string tool = Path.Combine(AppContext.BaseDirectory, "provenance.dll");
        Assert.True(File.Exists(tool), "the CLI is not next to the tests: " + tool);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { tool, "check", "--format", "json", "--verify", "all" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CI");
        start.Environment["XDG_CACHE_HOME"] = folder.CacheHome;
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        string stderr = await stderrTask;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Contains(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "PROV2001");
        Assert.Equal(3, json.RootElement.GetProperty("summary").GetProperty("shards").GetInt32());
    }
}
