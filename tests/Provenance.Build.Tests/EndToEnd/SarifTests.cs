using System.Diagnostics;
using System.Text.Json;
using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Issue 3, item 5: the task writes SARIF 2.1.0 (ProvenanceSarifFile) that Microsoft's SARIF validator accepts.
/// The validator is the npm package <c>@microsoft/sarif-multitool</c> (pinned), installed once into
/// <c>artifacts/test-tools/</c> (git-ignored) and reused offline afterwards.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class SarifTests
{
    private const string MultitoolVersion = "5.7.0";
    private readonly PackageFeedFixture _feed;

    public SarifTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void FailingBuild_WritesSarifWithRuleMetadataAndRegions_ThatTheSarifValidatorAccepts()
    {
        var project = new ConsumerProject(_feed, "Sarif", extraProperties: "<ProvenanceSarifFile>$(BaseIntermediateOutputPath)provenance.sarif</ProvenanceSarifFile>");
        TestData.WriteMix(project.Directory, humanRecords: 1, syntheticRecords: 12, humanFloor: 0.5);
        TestData.Lock(project.ManifestPath);
        int line = TestData.LineOf(project.ManifestPath, "shards:");

        var result = project.Build();

        Assert.True(result.ExitCode != 0, result.Output);
        string sarif = Path.Combine(project.Directory, "obj", "provenance.sarif");
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(sarif)))
        {
            var run = doc.RootElement.GetProperty("runs")[0];
            Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
            var rule = Assert.Single(rules, r => r.GetProperty("id").GetString() == "PROV2001");
            Assert.EndsWith("docs/rules/PROV2001.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
            var finding = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "PROV2001");
            Assert.Equal("error", finding.GetProperty("level").GetString());
            var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("provenance.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(line, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(1, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        }

        Assert.Empty(Validate(sarif));

        // The validator can fail: a line number below the schema's minimum of 1 is reported.
        string broken = Path.Combine(project.Directory, "obj", "broken.sarif");
        File.WriteAllText(broken, File.ReadAllText(sarif).Replace($"\"startLine\": {line}", "\"startLine\": 0", StringComparison.Ordinal));
        Assert.Contains(Validate(broken), f => f.StartsWith("JSON1008", StringComparison.Ordinal));
    }

    /// <summary>Runs <c>Sarif.Multitool validate</c> and returns its error and warning findings as "ruleId: arguments".</summary>
    private static List<string> Validate(string sarifPath)
    {
        string tool = EnsureMultitool();
        string output = sarifPath + ".validation.sarif";
        File.Delete(output);
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "validate", sarifPath, "--output", output })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(info)!;
        string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(File.Exists(output), "Sarif.Multitool wrote no output:" + Environment.NewLine + log);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(output));
        return doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => !r.TryGetProperty("level", out var level) || level.GetString() is "error" or "warning")
            .Select(r => r.GetProperty("ruleId").GetString() + ": " + r.GetProperty("message").GetRawText())
            .ToList();
    }

    private static readonly object InstallGate = new();

    private static string EnsureMultitool()
    {
        string folder = Path.Combine(TestData.RepositoryRoot, "artifacts", "test-tools", "sarif-multitool-" + MultitoolVersion);
        string platform = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string binary = Path.Combine(folder, "node_modules", "@microsoft", "sarif-multitool-" + platform, OperatingSystem.IsWindows() ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        lock (InstallGate)
        {
            if (!File.Exists(binary))
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "package.json"), "{ \"name\": \"provenance-test-tools\", \"private\": true }\n");
                var info = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (string arg in new[] { "install", "--no-audit", "--no-fund", "--ignore-scripts", "@microsoft/sarif-multitool@" + MultitoolVersion })
                {
                    info.ArgumentList.Add(arg);
                }

                using var npm = Process.Start(info)!;
                string log = npm.StandardOutput.ReadToEnd() + npm.StandardError.ReadToEnd();
                npm.WaitForExit();
                Assert.True(npm.ExitCode == 0 && File.Exists(binary), "npm install @microsoft/sarif-multitool failed (the SARIF test needs npm and the npm registry once):" + Environment.NewLine + log);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
            }
        }

        return binary;
    }
}
