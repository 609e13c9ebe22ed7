using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;
using System.Text;
using Provenance.Cli.Commands;
using Provenance.Cli.Output;

namespace Provenance.Cli;

/// <summary>
/// The <c>provenance</c> dotnet tool: <c>init</c>, <c>add</c>, <c>seal</c>, <c>group</c>, <c>check</c>, <c>lock</c>, <c>audit</c> and
/// <c>diff</c>, <c>export</c> and <c>import</c>. Every command is a thin adapter over the engine (<c>Provenance.Manifest</c>). Exit codes: 0 passed,
/// 1 policy or validation errors, 2 usage error or unreadable input (<see cref="ExitCodes"/>). Never prints a stack trace.
/// </summary>
public static class Program
{
    /// <summary>The process entry point.</summary>
    public static int Main(string[] args)
    {
        Manifest.ManifestChecker.Prepare(); // the YAML parser's and SHA-256's one-time set-up, on the other core while the arguments are parsed

        // Redirected (CI logs, pipes, files), output goes as UTF-8 straight to the standard streams, without the set-up of
        // System.Console's encoding and terminal handling (about 10 ms of a 0.3 s check). The streams are the console's,
        // so a reader that goes away (| head) is ignored as before. A terminal gets Console.Out and Console.Error.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // Both flush after every write, as Console's own writers do.
        var stdout = Console.IsOutputRedirected ? new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true } : Console.Out;
        var stderr = Console.IsErrorRedirected ? new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true } : Console.Error;
        return Run(args, stdout, stderr, CliEnvironment.FromProcess());
    }

    /// <summary>Runs one command line in-process and returns its exit code.</summary>
    /// <param name="args">The arguments, without the tool name.</param>
    /// <param name="stdout">Receives results: diagnostics, reports, JSON.</param>
    /// <param name="stderr">Receives the tool's own errors and, on a terminal, progress.</param>
    /// <param name="environment">Current directory, environment variables and terminal detection; default: this process's.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null)
    {
        var context = new CliContext(stdout, stderr, environment ?? CliEnvironment.FromProcess());
        try
        {
            var root = CreateRootCommand(context, args);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                foreach (var error in parseResult.Errors)
                {
                    context.Fail(error.Message);
                }

                string command = parseResult.CommandResult.Command is RootCommand ? "provenance" : "provenance " + parseResult.CommandResult.Command.Name;
                stderr.WriteLine($"Run '{command} --help' for usage.");
                return ExitCodes.UsageError;
            }

            if (parseResult.CommandResult.Command is RootCommand && parseResult.Action is HelpAction)
            {
                var help = new StringWriter();
                int code = parseResult.Invoke(new InvocationConfiguration { Output = help, Error = stderr, EnableDefaultExceptionHandler = false });
                stdout.Write(RootHelp.MarkOptionalArguments(help.ToString(), root));
                return code;
            }

            return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            // A bug or an environment problem (disk full, permissions): one line, never a stack trace.
            return context.Fail(Describe(ex));
        }
    }

    /// <summary>The commands, by name, in the order help lists them.</summary>
    private static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    {
        ("init", InitCommand.Create), ("add", AddCommand.Create), ("seal", SealCommand.Create), ("group", GroupCommand.Create),
        ("check", CheckCommand.Create), ("lock", LockCommand.Create), ("audit", AuditCommand.Create), ("diff", DiffCommand.Create),
        ("export", ExportCommand.Create), ("import", ImportCommand.Create),
    };

    /// <summary>
    /// The command tree for <paramref name="args"/>. A command line that starts with a command's name gets a tree with that
    /// command only: System.CommandLine builds every option of every command it is given, about 10 ms for all ten, a
    /// twentieth of a check of 100,000 files. Anything else (help, <c>--version</c>, a mistyped command, which is answered
    /// with the names it may have meant) gets them all.
    /// </summary>
    private static RootCommand CreateRootCommand(CliContext context, string[] args)
    {
        var root = new RootCommand("Provenance: seal, check and audit training-data manifests so that a training mix keeps its human data (model collapse guard).");
        string? named = args.Length > 0 && Array.Exists(Commands, c => c.Name == args[0]) ? args[0] : null;
        foreach (var (name, create) in Commands)
        {
            if (named is null || name == named)
            {
                root.Subcommands.Add(create(context));
            }
        }

        return root;
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner is AggregateException { InnerException: { } next })
        {
            inner = next;
        }

        return inner.Message.Length > 0 ? inner.Message : inner.GetType().Name;
    }
}
