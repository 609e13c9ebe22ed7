using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Tests.Hostile;

namespace Provenance.Cli.Tests.Hardening;

/// <summary>Every hostile shard case through the whole CLI (seal or check): exit 1 or 2, the diagnostic at file(line,col), no stack trace, nothing written.</summary>
public sealed class HostileShardCliTests
{
    public static TheoryData<HostileShardCase> Cases()
    {
        var data = new TheoryData<HostileShardCase>();
        foreach (var c in HostileShardCorpus.All())
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_shard_exits_1_or_2_with_its_diagnostic_at_file_line_col_no_stack_trace_and_nothing_written(HostileShardCase hostile)
    {
        using var temp = HostileCase.PrepareFolder();
        hostile.Arrange(temp);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Path.Combine(temp.Root, ".home"),
            ["XDG_CACHE_HOME"] = Path.Combine(temp.Root, ".cache-home"),
        };
        string before = Snapshot(temp.Root);
        var args = new List<string> { hostile.Command };
        if (hostile.Command == "check")
        {
            args.AddRange(new[] { "--verify", "all", "--locked", "false" });
        }

        args.AddRange(hostile.Options);
        var result = CliRunner.RunIn(temp.Root, variables, args.ToArray());
        Assert.True(result.ExitCode is 1 or 2, $"{hostile.Name}: {result}");
        Assert.Contains($"provenance.yaml({hostile.Line},{hostile.Column},", result.Out + result.Error);
        Assert.Contains($"{hostile.Id}:", result.Out + result.Error);
        result.AssertNoStackTrace();
        Assert.Equal(before, Snapshot(temp.Root));
    }

    private static string Snapshot(string root) => string.Join("\n", Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".", StringComparison.Ordinal))
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}
