using System;

namespace Provenance.Manifest.Diagnostics;

/// <summary>
/// A region of a text file. Lines and columns are 1-based, as MSBuild, SARIF and every IDE expect;
/// <see cref="EndLine"/>/<see cref="EndColumn"/> point just past the last character of the region.
/// </summary>
public readonly struct SourceSpan : IEquatable<SourceSpan>
{
    /// <summary>Creates a span; all values are 1-based.</summary>
    public SourceSpan(int line, int column, int endLine, int endColumn)
    {
        Line = line;
        Column = column;
        EndLine = endLine;
        EndColumn = endColumn;
    }

    /// <summary>The start of a file: line 1, column 1.</summary>
    public static SourceSpan FileStart => new(1, 1, 1, 1);

    /// <summary>1-based start line.</summary>
    public int Line { get; }

    /// <summary>1-based start column.</summary>
    public int Column { get; }

    /// <summary>1-based end line.</summary>
    public int EndLine { get; }

    /// <summary>1-based column just past the end of the region.</summary>
    public int EndColumn { get; }

    /// <summary>True for a span that was never set (a model built in code rather than read from a file).</summary>
    public bool IsEmpty => Line == 0;

    /// <summary>True when <paramref name="inner"/> starts and ends within this span.</summary>
    public bool Contains(SourceSpan inner) =>
        (inner.Line, inner.Column).CompareTo((Line, Column)) >= 0 && (inner.EndLine, inner.EndColumn).CompareTo((EndLine, EndColumn)) <= 0;

    /// <inheritdoc />
    public bool Equals(SourceSpan other) =>
        Line == other.Line && Column == other.Column && EndLine == other.EndLine && EndColumn == other.EndColumn;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((Line * 397 ^ Column) * 397 ^ EndLine) * 397 ^ EndColumn;

    /// <summary>The MSBuild form <c>(line,col,endLine,endCol)</c>.</summary>
    public override string ToString() => $"({Line},{Column},{EndLine},{EndColumn})";
}
