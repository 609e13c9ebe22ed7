using System;
using System.Collections.Generic;
using System.Linq;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Cli;

/// <summary>The exit codes of every command (BRIEF section 8).</summary>
public static class ExitCodes
{
    /// <summary>Passed; warnings and infos allowed.</summary>
    public const int Passed = 0;

    /// <summary>Policy or validation errors.</summary>
    public const int Failed = 1;

    /// <summary>Usage error (unknown option, bad value) or unreadable input (manifest missing or unreadable, PROV1020).</summary>
    public const int UsageError = 2;

    /// <summary>The exit code of a set of diagnostics: 2 for an unreadable manifest (PROV1020), 1 for any other error, else 0.</summary>
    public static int For(IEnumerable<ManifestDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Any(d => d.Descriptor == DiagnosticRegistry.ManifestUnreadable))
        {
            return UsageError;
        }

        return errors.Count > 0 ? Failed : Passed;
    }
}
