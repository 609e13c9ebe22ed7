using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// A table of an audit: headers, rows of cells and which columns hold numbers (right-aligned). Each renderer draws it
/// its own way: <see cref="Write"/> as aligned plain text (deterministic: no colour, no box drawing), the markdown audit
/// as a pipe table, the CLI as Spectre.Console tables on a terminal.
/// </summary>
public sealed class ReportTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    /// <summary>Creates a table with these column headers.</summary>
    public ReportTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>The rows, one cell per header.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Right-aligns the columns at <paramref name="columns"/> (numbers).</summary>
    public ReportTable AlignRight(params int[] columns)
    {
        foreach (int c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    /// <summary>Adds a row.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>True when column <paramref name="column"/> is right-aligned.</summary>
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
