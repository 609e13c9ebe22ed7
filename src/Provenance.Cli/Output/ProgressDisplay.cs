using System;
using Spectre.Console;

namespace Provenance.Cli.Output;

/// <summary>
/// Shows a Spectre.Console progress bar on stderr while long work runs (hashing gigabytes), only when stderr is an
/// interactive terminal; when it is redirected (CI logs, pipes, tests) the work runs silently.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, handing it a progress sink (bytes done, bytes in all) or null when quiet.</summary>
    public static T Run<T>(CliContext context, string description, Func<IProgress<(long Done, long Total)>?, T> work)
    {
        if (!context.Environment.IsErrorInteractive || !ReferenceEquals(context.Error, Console.Error))
        {
            return work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(progressContext =>
            {
                var task = progressContext.AddTask(description, autoStart: true, maxValue: 1);
                result = work(new TaskProgress(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class TaskProgress : IProgress<(long Done, long Total)>
    {
        private readonly ProgressTask _task;
        private readonly object _gate = new();

        public TaskProgress(ProgressTask task) => _task = task;

        public void Report((long Done, long Total) value)
        {
            lock (_gate)
            {
                _task.MaxValue = Math.Max(1, value.Total);
                _task.Value = Math.Max(_task.Value, value.Done);
            }
        }
    }
}
