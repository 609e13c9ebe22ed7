using System;
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

/// <summary>
/// A mapping; keys are scalars, in source order, without duplicates (duplicates are reported and dropped). Keys and
/// scalar values are stored compactly (text and span, no node object each) and handed out as fresh nodes on request,
/// because a large manifest holds millions of them and every long-lived object is work for the garbage collector.
/// </summary>
public sealed class YMapping : YNode
{
    private Entry[] _entries = new Entry[8];

    /// <summary>How many entries.</summary>
    public int Count { get; private set; }

    /// <summary>The entries in source order (as fresh nodes).</summary>
    public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries
    {
        get
        {
            var entries = new KeyValuePair<YScalar, YNode>[Count];
            for (int i = 0; i < Count; i++)
            {
                entries[i] = new KeyValuePair<YScalar, YNode>(KeyNode(i), ValueAt(i));
            }

            return entries;
        }
    }

    /// <summary>True for flow style (<c>{ a: 1 }</c>).</summary>
    public bool IsFlow { get; internal set; }

    /// <inheritdoc />
    public override string KindName => "a mapping";

    /// <summary>The key text of entry <paramref name="index"/>.</summary>
    public string KeyAt(int index) => _entries[index].Key;

    /// <summary>The key span of entry <paramref name="index"/>.</summary>
    public SourceSpan KeySpanAt(int index) => _entries[index].KeySpan;

    /// <summary>The value of entry <paramref name="index"/>.</summary>
    public YNode ValueAt(int index)
    {
        ref readonly var e = ref _entries[index];
        return e.Node ?? new YScalar(e.Scalar!, e.Plain) { Span = e.ValueSpan };
    }

    /// <summary>The index of <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string key)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YNode? Get(string key) => IndexOf(key) is int i and >= 0 ? ValueAt(i) : null;

    /// <summary>The key node of <paramref name="key"/>, or null.</summary>
    public YScalar? GetKey(string key) => IndexOf(key) is int i and >= 0 ? KeyNode(i) : null;

    internal void Add(YScalar key, YNode value)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        _entries[Count++] = value is YScalar scalar
            ? new Entry(key.Value, key.Span, null, scalar.Value, scalar.IsPlain, scalar.Span)
            : new Entry(key.Value, key.Span, value, null, false, value.Span);
    }

    private YScalar KeyNode(int index) => new(_entries[index].Key, true) { Span = _entries[index].KeySpan };

    private readonly struct Entry
    {
        public Entry(string key, SourceSpan keySpan, YNode? node, string? scalar, bool plain, SourceSpan valueSpan)
        {
            Key = key;
            KeySpan = keySpan;
            Node = node;
            Scalar = scalar;
            Plain = plain;
            ValueSpan = valueSpan;
        }

        public string Key { get; }

        public SourceSpan KeySpan { get; }

        public YNode? Node { get; }

        public string? Scalar { get; }

        public bool Plain { get; }

        public SourceSpan ValueSpan { get; }
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
