using System.Text.RegularExpressions;
using Provenance.Cli;

namespace Provenance.Cli.Tests.Helpers;

/// <summary>The outcome of one in-process run of the CLI.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    /// <summary>Asserts that neither stream holds a stack trace or an exception type name.</summary>
    public void AssertNoStackTrace()
    {
        foreach (var text in new[] { Out, Error })
        {
            Assert.DoesNotMatch(new Regex(@"^\s+at \S+\(", RegexOptions.Multiline), text);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs <see cref="Program.Run"/> in-process with an explicit environment, so a test does not depend on the machine's
/// CI, HOME or XDG_CACHE_HOME (CI runs this suite with CI=true).
/// </summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> in <paramref name="folder"/> with CI unset and the digest cache under <paramref name="folder"/>/.cache-home.</summary>
    public static CliResult Run(TempFolder folder, params string[] args) => RunIn(folder.Path, folder.Variables(), args);

    /// <summary>Runs with CI=true.</summary>
    public static CliResult RunCI(TempFolder folder, params string[] args)
    {
        var variables = folder.Variables();
        variables["CI"] = "true";
        return RunIn(folder.Path, variables, args);
    }

    public static CliResult RunIn(string currentDirectory, Dictionary<string, string> variables, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Program.Run(args, stdout, stderr, CliEnvironment.ForTest(currentDirectory, variables));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
