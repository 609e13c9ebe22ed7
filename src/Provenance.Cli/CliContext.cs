using System.IO;

namespace Provenance.Cli;

/// <summary>What every command writes to and reads from: stdout, stderr and the <see cref="CliEnvironment"/>.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, CliEnvironment environment)
    {
        Out = output;
        Error = error;
        Environment = environment;
    }

    /// <summary>Results (diagnostics, reports, JSON).</summary>
    public TextWriter Out { get; }

    /// <summary>Errors of the tool itself and progress.</summary>
    public TextWriter Error { get; }

    public CliEnvironment Environment { get; }

    /// <summary>Writes <c>provenance: error: message</c> to stderr and returns <see cref="ExitCodes.UsageError"/>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine("provenance: error: " + message);
        return ExitCodes.UsageError;
    }
}
