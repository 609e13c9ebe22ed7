using System.Collections.Generic;
using System.Linq;
using System.Text;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Writing;

/// <summary>
/// A manifest's text for editing in place: UTF-8 without the byte-order mark (remembered), its newline convention,
/// and line starts so that the engine's 1-based spans turn into offsets. Edits keep comments and formatting; the
/// result is written atomically with the original byte-order mark.
/// </summary>
internal sealed class ManifestText
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly List<int> _lineStarts = new() { 0 };

    public ManifestText(byte[] bytes)
    {
        Bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        Text = Utf8.GetString(bytes, Bom ? 3 : 0, bytes.Length - (Bom ? 3 : 0));
        Newline = Text.Contains("\r\n") ? "\r\n" : "\n";
        for (int i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The text, without the byte-order mark.</summary>
    public string Text { get; }

    /// <summary>True when the file began with a UTF-8 byte-order mark.</summary>
    public bool Bom { get; }

    /// <summary><c>\r\n</c> when the file uses it, else <c>\n</c>.</summary>
    public string Newline { get; }

    /// <summary>The character offset of a 1-based line and column (the end of the text past the last line).</summary>
    public int Offset(int line, int column) =>
        line - 1 < _lineStarts.Count ? _lineStarts[line - 1] + column - 1 : Text.Length;

    /// <summary>The offset where a new line goes after a block node ending at <paramref name="endLine"/>/<paramref name="endColumn"/>.</summary>
    public int LineAfter(int line, int endLine, int endColumn)
    {
        int insertLine = endColumn == 1 && endLine > line ? endLine : endLine + 1;
        return insertLine - 1 < _lineStarts.Count ? _lineStarts[insertLine - 1] : Text.Length;
    }

    /// <summary>The text of line <paramref name="line"/> (1-based), without its newline.</summary>
    public string Line(int line)
    {
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Count ? _lineStarts[line] : Text.Length;
        return Text.Substring(start, end - start).TrimEnd('\n', '\r');
    }

    /// <summary>A newline to put before text inserted at the very end of a file that lacks a final newline.</summary>
    public string PrefixAt(int offset) => offset == Text.Length && Text.Length > 0 && Text[Text.Length - 1] != '\n' ? Newline : string.Empty;

    /// <summary>Applies non-overlapping edits (offset, length removed, text inserted) and returns the new text.</summary>
    public string Apply(IEnumerable<(int Offset, int Length, string Text)> edits)
    {
        var sb = new StringBuilder(Text);
        foreach (var edit in edits.OrderByDescending(e => e.Offset))
        {
            sb.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.Text);
        }

        return sb.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically, with the original byte-order mark.</summary>
    public void Save(string path, string text)
    {
        byte[] body = Utf8.GetBytes(text);
        AtomicFile.WriteAllBytes(path, Bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body);
    }
}
