using Provenance.Cli.Tests.Helpers;

namespace Provenance.Cli.Tests.Commands;

/// <summary>Bad manifests each get their own diagnostic at the exact file(line,col), exit 1 or 2, and never a stack trace.</summary>
public sealed class ManifestErrorTests
{
    private const string Head = "provenance: 1\ndataset: bad-inputs\nshards:\n";
    private const string ShardA = "  - id: a\n    path: data/a.jsonl\n    origin: human\n";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "malformed YAML", Head + "  - id: a\n    path: \"data/a.jsonl\n    origin: human\n", "PROV1001", "(5,11,6,5)" },
        { "unknown key", Head + ShardA + "    colour: blue\n", "PROV1002", "(7,5,7,11)" },
        { "wrong type", Head + ShardA + "    generator: gpt-4\n", "PROV1003", "(7,16,7,21)" },
        { "duplicate id", Head + ShardA + "  - id: a\n    path: data/b.jsonl\n    origin: synthetic\n", "PROV1007", "(7,9,7,10)" },
        { "path escapes the folder", Head + "  - id: a\n    path: ../../etc/passwd\n    origin: human\n", "PROV1009", "(5,11,5,27)" },
        { "absolute path", Head + "  - id: a\n    path: /etc/passwd\n    origin: human\n", "PROV1009", "(5,11,5,22)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadManifest_GetsItsOwnDiagnostic_AtTheExactPosition_WithoutAStackTrace(string what, string yaml, string id, string span)
    {
        using var folder = new TempFolder();
        folder.Write("data/a.jsonl", Corpus.SotuLines(0, 1));
        folder.Write("data/b.jsonl", Corpus.SotuLines(1, 1));
        folder.Write("provenance.yaml", yaml);

        var result = CliRunner.Run(folder, "check", "--verify", "none", "--locked", "false");

        Assert.True(result.ExitCode is 1 or 2, what + ": " + result);
        Assert.Contains(result.OutLines, l => l.StartsWith($"provenance.yaml{span}: error {id}: ", StringComparison.Ordinal));
        result.AssertNoStackTrace();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadManifest_InJson_CarriesTheSamePosition(string what, string yaml, string id, string span)
    {
        using var folder = new TempFolder();
        folder.Write("data/a.jsonl", Corpus.SotuLines(0, 1));
        folder.Write("provenance.yaml", yaml);

        var result = CliRunner.Run(folder, "check", "--verify", "none", "--locked", "false", "--format", "json");

        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var positions = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("id").GetString() == id)
            .Select(d => $"({d.GetProperty("line").GetInt32()},{d.GetProperty("column").GetInt32()},{d.GetProperty("endLine").GetInt32()},{d.GetProperty("endColumn").GetInt32()})");
        Assert.True(positions.Contains(span), what + ": " + result);
        Assert.True(result.ExitCode is 1 or 2);
    }

    [Fact]
    public void BadManifest_IsNeverChanged_BySeal()
    {
        using var folder = new TempFolder();
        folder.Write("data/a.jsonl", Corpus.SotuLines(0, 1));
        string yaml = Head + "  - id: a\n    path: ../../etc/passwd\n    origin: human\n";
        folder.Write("provenance.yaml", yaml);

        var result = CliRunner.Run(folder, "seal");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("provenance.yaml(5,11,5,27): error PROV1009: ", result.Out);
        Assert.Equal(yaml, folder.Read("provenance.yaml"));
        result.AssertNoStackTrace();
    }
}
