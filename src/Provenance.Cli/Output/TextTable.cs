using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Provenance.Cli.Output;

/// <summary>A plain-text table with aligned columns (deterministic: no colour, no box drawing), for redirected output.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the columns at <paramref name="columns"/> (numbers).</summary>
    public TextTable AlignRight(params int[] columns)
    {
        foreach (int c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public IReadOnlyList<string> Headers => _headers;

    public IReadOnlyList<string[]> Rows => _rows;

    public bool IsRightAligned(int column) => _rightAligned[column];

    /// <summary>Writes the table, each line indented by <paramref name="indent"/>, columns separated by two spaces.</summary>
    public void Write(TextWriter output, string indent = "  ")
    {
        var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(indent + Line(_headers, widths));
        output.WriteLine(indent + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            output.WriteLine(indent + Line(row, widths));
        }
    }

    private string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
