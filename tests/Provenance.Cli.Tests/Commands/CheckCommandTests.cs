using System.Text.Json;
using System.Text.RegularExpressions;
using Provenance.Cli.Tests.Helpers;

namespace Provenance.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public void CheckJson_PrintsDiagnosticsWithPositions_AndASummary_AndExits1OnAViolation()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloor: 0.95\n");

        var result = CliRunner.Run(folder, "check", "--format", "json", "--verify", "all", "--locked", "false");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.False(root.GetProperty("passed").GetBoolean());
        var floor = root.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "PROV2001");
        Assert.Equal("error", floor.GetProperty("severity").GetString());
        Assert.Contains("below the floor of 95%", floor.GetProperty("message").GetString());
        Assert.Equal("provenance.yaml", floor.GetProperty("file").GetString());
        Assert.Equal(6, floor.GetProperty("line").GetInt32());
        Assert.Equal(1, floor.GetProperty("column").GetInt32());
        Assert.Equal(6, floor.GetProperty("endLine").GetInt32());
        Assert.Equal(7, floor.GetProperty("endColumn").GetInt32());
        Assert.EndsWith("docs/rules/PROV2001.md", floor.GetProperty("helpLink").GetString());
        var summary = root.GetProperty("summary");
        double share = summary.GetProperty("humanShare").GetDouble();
        Assert.InRange(share, 0.5, 0.95);
        Assert.Equal("tokens", summary.GetProperty("measure").GetString());
        Assert.Equal(0.95, summary.GetProperty("floor").GetDouble());
        Assert.Equal(3, summary.GetProperty("shards").GetInt32());
        Assert.Equal(1, summary.GetProperty("maxGeneration").GetInt32());
        Assert.Equal(1, summary.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void CheckJson_PassingManifest_Exits0_WithEmptyDiagnostics()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--format", "json", "--locked", "false");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public void CheckText_PrintsCompilerFormLines_RelativeToTheCurrentFolder_ThenASummaryLine()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloor: 0.95\n");

        var result = CliRunner.Run(folder, "check", "--verify", "none", "--locked", "false");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            new[]
            {
                "provenance.yaml(6,1,6,7): error PROV2001: " + ExtractMessage(result.OutLines[0]),
                "provenance.yaml: human " + ExtractShare(result.OutLines[1]) + " of tokens (floor 95%), 3 shards, max generation 1. Failed: 1 error, 0 warnings.",
            },
            result.OutLines);
    }

    [Fact]
    public void CheckText_FromTheParentFolder_ShowsTheSubfolderPath_AndFromOutside_TheFullPath()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloor: 0.95\n");
        string parent = Path.GetDirectoryName(folder.Path)!;
        string name = Path.GetFileName(folder.Path);

        var fromParent = CliRunner.RunIn(parent, folder.Variables(), "check", name, "--verify", "none", "--locked", "false");
        using var elsewhere = new TempFolder();
        var fromOutside = CliRunner.RunIn(elsewhere.Path, folder.Variables(), "check", folder.Manifest, "--verify", "none", "--locked", "false");

        Assert.StartsWith(name + "/provenance.yaml(6,1,6,7): error PROV2001: ", fromParent.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith(folder.Manifest + "(6,1,6,7): error PROV2001: ", fromOutside.OutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingManifest_ReportsPROV1020_AndExits2()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder, "check");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("provenance.yaml(1,1,1,1): error PROV1020: The manifest file does not exist.", result.OutLines[0]);
        result.AssertNoStackTrace();
    }

    [Fact]
    public void Check_NeverWritesTheLockFile()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--locked", "false");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(folder.LockPath));
    }

    [Fact]
    public void Check_WarningsOnly_Exits0()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloorWarn: 0.99\n");

        var result = CliRunner.Run(folder, "check", "--locked", "false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(new Regex(@"^provenance\.yaml\(\d+,\d+,\d+,\d+\): warning PROV2002: "), result.OutLines[0]);
        Assert.EndsWith("Passed: 0 errors, 1 warning.", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HumanFloorOption_OverridesThePolicy()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--human-floor", "0.99", "--locked", "false", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0.99, json.RootElement.GetProperty("summary").GetProperty("floor").GetDouble());
    }

    [Theory]
    [InlineData("25%", 0.25)]
    [InlineData("12.5 %", 0.125)]
    [InlineData("0.25", 0.25)]
    public void Check_HumanFloorOption_AcceptsWhatMsBuildAccepts_APercentageOrAFraction(string value, double floor)
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--human-floor", value, "--locked", "false", "--format", "json");

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(floor, json.RootElement.GetProperty("summary").GetProperty("floor").GetDouble(), 12);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("250%")]
    [InlineData("1.5")]
    public void Check_HumanFloorOption_RefusesOtherValues_NamingTheFormsAndNoDotNetType(string value)
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--human-floor", value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"provenance: error: --human-floor is '{value}'; expected a fraction between 0 and 1 (0.1) or a percentage (10%).", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InAFolderWithOnlyANamedManifest_NamesTheManifestThatExists()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        File.Move(folder.Manifest, folder.File("gen2.provenance.yaml"));

        var result = CliRunner.Run(folder, "check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PROV1020: The manifest file does not exist. Its folder holds the manifest gen2.provenance.yaml: did you mean that one?", result.Out, StringComparison.Ordinal);
    }

    private static string ExtractMessage(string line) => line.Substring(line.IndexOf("PROV2001: ", StringComparison.Ordinal) + 10);

    private static string ExtractShare(string line) => Regex.Match(line, @"human (\d+(\.\d)?%)").Groups[1].Value;
}

public sealed class CheckSarifTests
{
    [Fact]
    public void CheckSarif_PrintsASarif210Log_WithTheResultAtItsRegion_RelativeToTheCurrentFolder()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder, "  humanFloor: 0.95\n");

        var result = CliRunner.Run(folder, "check", "--format", "sarif", "--verify", "none", "--locked", "false");

        Assert.Equal(1, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal("provenance", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var sarifResult = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("PROV2001", sarifResult.GetProperty("ruleId").GetString());
        Assert.Equal("error", sarifResult.GetProperty("level").GetString());
        var location = sarifResult.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("provenance.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(6, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void CheckSarif_ListsEveryRegisteredRule_WithItsTitleSeverityAndPage_IncludingTheRecordLevelRules()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);

        var result = CliRunner.Run(folder, "check", "--format", "sarif", "--verify", "none", "--locked", "false");

        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var rules = json.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var descriptor in Provenance.Manifest.Diagnostics.DiagnosticRegistry.All)
        {
            Assert.True(rules.TryGetValue(descriptor.Id, out var rule), descriptor.Id + " has no SARIF rule entry");
            Assert.Equal(descriptor.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.EndsWith($"/docs/rules/{descriptor.Id}.md", rule.GetProperty("helpUri").GetString());
        }

        foreach (string id in new[] { "PROV1036", "PROV2011", "PROV2012", "PROV2013", "PROV2014", "PROV2015" })
        {
            Assert.True(rules.ContainsKey(id), id);
        }
    }
}
