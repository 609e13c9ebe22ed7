using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Model;

/// <summary>
/// Base of every manifest model object: remembers the YAML mapping it was read from, so every diagnostic
/// can point at the exact key or value. Objects built in code have no node and report at line 1.
/// </summary>
public abstract class ModelNode
{
    /// <summary>The mapping this object was read from, or null when built in code.</summary>
    public YMapping? Node { get; internal set; }

    /// <summary>The span of the whole mapping.</summary>
    public SourceSpan Span => Node?.Span ?? default;

    /// <summary>The span of the value of <paramref name="key"/>, or of the whole mapping when the key is absent.</summary>
    public SourceSpan ValueSpan(string key) => Node?.Get(key)?.Span ?? Span;

    /// <summary>The span of the key <paramref name="key"/> itself, or of the whole mapping when absent.</summary>
    public SourceSpan KeySpan(string key) => Node?.GetKey(key)?.Span ?? Span;
}
