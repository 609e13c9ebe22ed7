using System.Collections;
using Microsoft.Build.Framework;

namespace Provenance.Build.Tests.Infrastructure;

/// <summary>A hand-written <see cref="IBuildEngine"/> that records every event with its code, file and position.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public FakeBuildEngine(string projectFile) => ProjectFileOfTaskNode = projectFile;

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode { get; }

    public IEnumerable<BuildMessageEventArgs> HighMessages => Messages.Where(m => m.Importance == MessageImportance.High);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    /// <summary>Everything logged, one line each, for assertion messages.</summary>
    public string Transcript() => string.Join(Environment.NewLine,
        Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber},{e.EndLineNumber},{e.EndColumnNumber}): error {e.Code}: {e.Message}")
            .Concat(Warnings.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber},{e.EndLineNumber},{e.EndColumnNumber}): warning {e.Code}: {e.Message}"))
            .Concat(Messages.Select(m => $"[{m.Importance}] {m.Message}")));
}
