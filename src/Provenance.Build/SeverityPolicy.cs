using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Build;

/// <summary>
/// Maps the engine's per-occurrence severities onto what the project asks for, the way the C# compiler and NuGet audit
/// do: <c>ProvenanceSuppress</c> items (id + required <c>Justification</c>) drop a diagnostic of any severity;
/// <c>NoWarn</c> drops warnings and infos (never errors); <c>WarningsAsErrors</c> and <c>TreatWarningsAsErrors</c>
/// (minus <c>WarningsNotAsErrors</c>) turn warnings into errors.
/// </summary>
internal sealed class SeverityPolicy
{
    private readonly Dictionary<string, string> _suppressed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _noWarn;
    private readonly HashSet<string> _warningsAsErrors;
    private readonly HashSet<string> _warningsNotAsErrors;
    private readonly bool _treatWarningsAsErrors;

    /// <summary>Creates the policy; ids in the strings are separated by <c>;</c> or <c>,</c> (as MSBuild and csc accept).</summary>
    public SeverityPolicy(ITaskItem[]? suppressions, string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors, List<string> problems)
    {
        foreach (var item in suppressions ?? Array.Empty<ITaskItem>())
        {
            string id = item.ItemSpec.Trim();
            string justification = item.GetMetadata("Justification").Trim();
            if (id.Length == 0)
            {
                continue;
            }

            if (justification.Length == 0)
            {
                problems.Add(id);
                continue;
            }

            _suppressed[id] = justification;
        }

        _noWarn = Split(noWarn);
        _warningsAsErrors = Split(warningsAsErrors);
        _warningsNotAsErrors = Split(warningsNotAsErrors);
        _treatWarningsAsErrors = treatWarningsAsErrors;
    }

    /// <summary>The justification when <paramref name="id"/> is suppressed by a <c>ProvenanceSuppress</c> item.</summary>
    public string? SuppressionOf(string id) => _suppressed.TryGetValue(id, out var j) ? j : null;

    /// <summary>The severity to report <paramref name="diagnostic"/> with, or null to drop it.</summary>
    public DiagnosticSeverity? Map(ManifestDiagnostic diagnostic)
    {
        string id = diagnostic.Id;
        if (_suppressed.ContainsKey(id))
        {
            return null;
        }

        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                return DiagnosticSeverity.Error;
            case DiagnosticSeverity.Warning:
                if (_noWarn.Contains(id))
                {
                    return null;
                }

                if (_warningsAsErrors.Contains(id) || (_treatWarningsAsErrors && !_warningsNotAsErrors.Contains(id)))
                {
                    return DiagnosticSeverity.Error;
                }

                return DiagnosticSeverity.Warning;
            default:
                return _noWarn.Contains(id) ? null : DiagnosticSeverity.Info;
        }
    }

    private static HashSet<string> Split(string? list)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in (list ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string id = part.Trim();
            if (id.Length > 0)
            {
                set.Add(id);
            }
        }

        return set;
    }
}
