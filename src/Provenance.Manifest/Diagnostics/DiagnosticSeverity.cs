namespace Provenance.Manifest.Diagnostics;

/// <summary>How a diagnostic affects the outcome of a check.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Reported for information; never fails a check.</summary>
    Info = 0,

    /// <summary>Reported as a warning; fails a check only when warnings are treated as errors.</summary>
    Warning = 1,

    /// <summary>Fails the check (CLI exit code 1, MSBuild error).</summary>
    Error = 2,
}
