using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Reading;

/// <summary>
/// Typed access to one YAML mapping that reports wrong types (PROV1003), out-of-range values (PROV1005),
/// missing keys (PROV1004) and, through <see cref="ReportUnknownKeys"/>, unknown keys (PROV1002).
/// </summary>
internal sealed class MappingReader
{
    private readonly YMapping _mapping;
    private readonly string _file;
    private readonly List<ManifestDiagnostic> _diagnostics;
    private readonly string _where;
    private readonly HashSet<string> _misspelt = new(StringComparer.Ordinal);

    public MappingReader(YMapping mapping, string where, string file, List<ManifestDiagnostic> diagnostics)
    {
        _mapping = mapping;
        _where = where;
        _file = file;
        _diagnostics = diagnostics;
    }

    public YMapping Source => _mapping;

    /// <summary>
    /// Reports every key not in <paramref name="known"/> (PROV1002). A key within a small edit distance of a known key that
    /// the mapping lacks (<c>orgin</c> for <c>origin</c>) is named in the message as the key meant, and that key's own
    /// "required key is missing" (PROV1004) is not reported again: one typo, one diagnostic.
    /// </summary>
    public void ReportUnknownKeys(params string[] known)
    {
        for (int i = 0; i < _mapping.Count; i++)
        {
            string key = _mapping.KeyAt(i);
            if (Array.IndexOf(known, key) >= 0)
            {
                continue;
            }

            string? meant = KeyNames.Closest(key, known.Where(k => _mapping.Get(k) is null));
            if (meant is not null)
            {
                _misspelt.Add(meant);
            }

            string expected = (meant is null ? "; expected" : $"; did you mean '{meant}'? Expected") + " one of: " + string.Join(", ", known) + ".";
            _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnknownKey, _file, _mapping.KeySpanAt(i), $"Unknown key '{key}' in {_where}{expected}"));
        }
    }

    public YNode? Node(string key) => _mapping.Get(key);

    public bool Has(string key) => _mapping.Get(key) is { } n && !(n is YScalar s && s.IsNull);

    public string? String(string key, bool required = false)
    {
        var node = _mapping.Get(key);
        if (node is null || (node is YScalar nul && nul.IsNull))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is not YScalar scalar)
        {
            WrongType(key, node, "a string");
            return null;
        }

        if (required && scalar.Value.Trim().Length == 0)
        {
            Report(DiagnosticRegistry.InvalidValue, node, $"'{key}' in {_where} must not be empty.");
            return null;
        }

        return scalar.Value;
    }

    public long? Integer(string key, long min = 0, bool required = false)
    {
        var scalar = Scalar(key, "an integer", required);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsPlain || !long.TryParse(scalar.Value.Replace("_", string.Empty), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            if (scalar.IsPlain && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                Report(DiagnosticRegistry.InvalidValue, scalar, $"'{key}' in {_where} must be a whole number between {min} and {long.MaxValue}, not {Show(scalar.Value)}.");
            }
            else
            {
                WrongType(key, scalar, "an integer");
            }

            return null;
        }

        if (value < min)
        {
            Report(DiagnosticRegistry.InvalidValue, scalar, $"'{key}' in {_where} must be at least {min}, not {value}.");
            return null;
        }

        return value;
    }

    public double? Number(string key, double min, double max, bool minExclusive = false)
    {
        var scalar = Scalar(key, "a number", false);
        if (scalar is null)
        {
            return null;
        }

        string text = scalar.Value;
        bool special = text is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "-.inf" or "-.Inf" or "-.INF" or "+.inf";
        if (!scalar.IsPlain || (!special && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            WrongType(key, scalar, "a number");
            return null;
        }

        double value = special ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool belowMin = minExclusive ? !(value > min) : !(value >= min);
        if (double.IsNaN(value) || double.IsInfinity(value) || belowMin || value > max)
        {
            string range = minExclusive ? $"greater than {Fmt(min)} and at most {Fmt(max)}" : $"between {Fmt(min)} and {Fmt(max)}";
            Report(DiagnosticRegistry.InvalidValue, scalar, $"'{key}' in {_where} must be a finite number {range}, not {Show(text)}.");
            return null;
        }

        return value;
    }

    public bool? Boolean(string key)
    {
        var scalar = Scalar(key, "true or false", false);
        if (scalar is null)
        {
            return null;
        }

        switch (scalar.IsPlain ? scalar.Value : string.Empty)
        {
            case "true": case "True": case "TRUE": return true;
            case "false": case "False": case "FALSE": return false;
            default:
                WrongType(key, scalar, "true or false");
                return null;
        }
    }

    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> values, bool required = false)
        where T : struct
    {
        var scalar = Scalar(key, "a string", required);
        if (scalar is null)
        {
            return null;
        }

        if (values.TryGetValue(scalar.Value, out var value))
        {
            return value;
        }

        Report(DiagnosticRegistry.InvalidValue, scalar,
            $"'{key}' in {_where} must be one of {string.Join(", ", values.Keys)}, not {Show(scalar.Value)}.");
        return null;
    }

    public YMapping? Mapping(string key)
    {
        var node = _mapping.Get(key);
        if (node is null || (node is YScalar s && s.IsNull))
        {
            return null;
        }

        if (node is YMapping m)
        {
            return m;
        }

        WrongType(key, node, "a mapping");
        return null;
    }

    public YSequence? Sequence(string key, bool required = false)
    {
        var node = _mapping.Get(key);
        if (node is null || (node is YScalar s && s.IsNull))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is YSequence seq)
        {
            return seq;
        }

        WrongType(key, node, "a sequence");
        return null;
    }

    public void Report(DiagnosticDescriptor descriptor, YNode node, string message) =>
        _diagnostics.Add(new ManifestDiagnostic(descriptor, _file, node.Span, message));

    private YScalar? Scalar(string key, string expected, bool required)
    {
        var node = _mapping.Get(key);
        if (node is null || (node is YScalar nul && nul.IsNull))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is not YScalar scalar)
        {
            WrongType(key, node, expected);
            return null;
        }

        return scalar;
    }

    private void Missing(string key)
    {
        if (_misspelt.Contains(key))
        {
            return; // PROV1002 already names it as the key meant
        }

        _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.MissingKey, _file, KeyOrMappingStart(),
            $"Required key '{key}' is missing in {_where}."));
    }

    private SourceSpan KeyOrMappingStart()
    {
        var span = _mapping.Span;
        if (_mapping.Count > 0)
        {
            span = _mapping.KeySpanAt(0);
        }

        return span;
    }

    private void WrongType(string key, YNode node, string expected) =>
        Report(DiagnosticRegistry.WrongType, node, $"'{key}' in {_where} must be {expected}, not {Describe(node)}.");

    internal static string Describe(YNode node) => node is YScalar s && !s.IsNull ? Show(s.Value) : node.KindName;

    internal static string Show(string value) => value.Length > 40 ? "'" + value.Substring(0, 40) + "…'" : "'" + value + "'";

    private static string Fmt(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
