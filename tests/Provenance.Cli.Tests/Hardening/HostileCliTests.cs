using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Tests.Hostile;

namespace Provenance.Cli.Tests.Hardening;

/// <summary>Every case of the engine's hostile-input corpus, through the whole CLI: exit code 1 or 2, the diagnostic at file(line,col), no stack trace.</summary>
public sealed class HostileCliTests
{
    public static TheoryData<HostileCase> Cases()
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in HostileCorpus.All())
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_manifest_exits_1_or_2_with_its_diagnostic_at_file_line_col_and_no_stack_trace(HostileCase hostile)
    {
        using var temp = HostileCase.PrepareFolder();
        hostile.Arrange(temp);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Path.Combine(temp.Root, ".home"),
            ["XDG_CACHE_HOME"] = Path.Combine(temp.Root, ".cache-home"),
        };
        var result = CliRunner.RunIn(temp.Root, variables, "check", "--verify", "all", "--locked", "false");
        Assert.True(result.ExitCode is 1 or 2, $"{hostile.Name}: {result}");
        string file = hostile.Id == "PROV1021" ? "provenance.lock.json" : "provenance.yaml"; // lock problems point into the lock
        Assert.Contains($"{file}({hostile.Line},{hostile.Column},", result.Out + result.Error);
        Assert.Contains($"{hostile.Id}:", result.Out + result.Error);
        result.AssertNoStackTrace();
    }
}
