using System.Collections.Generic;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Yaml;

/// <summary>A YAML node with its position in the source file. The tree holds no aliases (they are refused).</summary>
public abstract class YNode
{
    /// <summary>Where the node is, 1-based.</summary>
    public SourceSpan Span { get; internal set; }

    /// <summary>A short name of the node's kind for messages: "a scalar", "a mapping", "a sequence".</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar: its text and whether it was written plain (unquoted), which decides if it may be a number.</summary>
public sealed class YScalar : YNode
{
    internal YScalar(string value, bool isPlain)
    {
        Value = value;
        IsPlain = isPlain;
    }

    /// <summary>The scalar's text after YAML unescaping.</summary>
    public string Value { get; }

    /// <summary>True when the scalar was unquoted (plain style): only those are read as numbers, booleans or null.</summary>
    public bool IsPlain { get; }

    /// <summary>True for a plain <c>~</c>, <c>null</c> or empty scalar.</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    /// <inheritdoc />
    public override string KindName => IsNull ? "null" : "a scalar";
}

/// <summary>A mapping; keys are scalars, in source order, without duplicates (duplicates are reported and dropped).</summary>
public sealed class YMapping : YNode
{
    /// <summary>The entries in source order.</summary>
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = new();

    /// <summary>True for flow style (<c>{ a: 1 }</c>).</summary>
    public bool IsFlow { get; internal set; }

    /// <inheritdoc />
    public override string KindName => "a mapping";

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The key node of <paramref name="key"/>, or null.</summary>
    public YScalar? GetKey(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }
}

/// <summary>A sequence, in source order.</summary>
public sealed class YSequence : YNode
{
    /// <summary>The items.</summary>
    public List<YNode> Items { get; } = new();

    /// <summary>True for flow style (<c>[a, b]</c>).</summary>
    public bool IsFlow { get; internal set; }

    /// <inheritdoc />
    public override string KindName => "a sequence";
}
