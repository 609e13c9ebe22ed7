using System;
using System.Globalization;

namespace Provenance.Manifest.Policy;

/// <summary>
/// The one parser for a fraction given on a command line or in an MSBuild property (<c>--human-floor</c>,
/// <c>--human-fraction</c>, <c>ProvenanceHumanFloor</c>), so the CLI and the build accept the same forms:
/// a fraction 0–1 (<c>0.25</c>, <c>.25</c>, <c>1</c>) or a percentage 0–100 (<c>25%</c>, <c>12.5 %</c>), invariant
/// culture (a decimal point, never a comma).
/// </summary>
public static class Fraction
{
    /// <summary>The accepted forms, for error messages: <c>a fraction between 0 and 1 (0.1) or a percentage (10%)</c>.</summary>
    public const string Expected = "a fraction between 0 and 1 (0.1) or a percentage (10%)";

    /// <summary>Parses <paramref name="value"/>; false for text that is no number, NaN or infinity, or a value outside 0–1 (0–100%).</summary>
    public static bool TryParse(string? value, out double fraction)
    {
        fraction = 0;
        if (value is null)
        {
            return false;
        }

        string text = value.Trim();
        bool percent = text.EndsWith("%", StringComparison.Ordinal);
        if (percent)
        {
            text = text.Substring(0, text.Length - 1).TrimEnd();
        }

        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double parsed)
            || double.IsNaN(parsed) || double.IsInfinity(parsed))
        {
            return false;
        }

        if (percent)
        {
            parsed /= 100;
        }

        if (parsed < 0 || parsed > 1)
        {
            return false;
        }

        fraction = parsed;
        return true;
    }
}
