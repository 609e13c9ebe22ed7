using System;
using System.Buffers.Text;

namespace Provenance.Manifest.Content;

/// <summary>
/// JSON string escapes (RFC 8259 §7) around <see cref="System.Text.Json.Utf8JsonReader"/>, so that a record whose text
/// holds a few escapes is still read at the reader's vectorised speed. Once a string holds a backslash, the reader
/// validates the rest of that string one byte at a time (dotnet/runtime#27848, closed unfixed): on State of the Union
/// jsonl, where most speeches hold an escaped quote, that is 1.0 GB/s against 36 GB/s for the same lines without
/// escapes. So a line with a backslash is given to the reader <see cref="TryMask">masked</see>: every escape's backslash
/// and the character after it become <c>xx</c>, which keeps every offset, token and error of a valid line and leaves an
/// invalid line invalid (a backslash outside a string becomes a bare <c>x</c>, which no JSON allows); the escapes
/// themselves are checked here. A string's text is then <see cref="TryUnescape">unescaped</see> from the original
/// line, copying the plain runs between escapes.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>
    /// Copies <paramref name="line"/> into <paramref name="masked"/> (at least as long) with each escape sequence's
    /// first two bytes replaced by <c>xx</c>. False when an escape is not one JSON allows (<c>\" \\ \/ \b \f \n \r \t</c>
    /// or <c>\u</c> with four hex digits): such a line is not JSON.
    /// </summary>
    public static bool TryMask(ReadOnlySpan<byte> line, Span<byte> masked)
    {
        line.CopyTo(masked);
        int at = 0;
        while (true)
        {
            int found = line.Slice(at).IndexOf((byte)'\\');
            if (found < 0)
            {
                return true;
            }

            at += found;
            if (at + 1 >= line.Length)
            {
                return false;
            }

            byte kind = line[at + 1];
            int length = 2;
            if (kind == (byte)'u')
            {
                if (at + 6 > line.Length || !IsHex(line.Slice(at + 2, 4)))
                {
                    return false;
                }

                length = 6;
            }
            else if (Simple(kind) < 0)
            {
                return false;
            }

            masked[at] = (byte)'x';
            masked[at + 1] = (byte)'x';
            at += length;
        }
    }

    /// <summary>
    /// Unescapes the raw content of a JSON string (between its quotes, escapes already checked by <see cref="TryMask"/>)
    /// into <paramref name="destination"/> (at least as long as <paramref name="raw"/>: unescaping never lengthens).
    /// False when a <c>\u</c> escape is half of a surrogate pair without its other half, which
    /// <see cref="System.Text.Json.Utf8JsonReader.CopyString(Span{byte})"/> refuses too.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
    {
        written = 0;
        while (true)
        {
            int found = raw.IndexOf((byte)'\\');
            var run = found < 0 ? raw : raw.Slice(0, found);
            run.CopyTo(destination.Slice(written));
            written += run.Length;
            if (found < 0)
            {
                return true;
            }

            raw = raw.Slice(found);
            byte kind = raw[1];
            if (kind != (byte)'u')
            {
                destination[written++] = (byte)Simple(kind);
                raw = raw.Slice(2);
                continue;
            }

            int unit = Hex(raw.Slice(2, 4));
            raw = raw.Slice(6);
            int scalar = unit;
            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                int low = unit <= 0xDBFF && raw.Length >= 6 && raw[0] == (byte)'\\' && raw[1] == (byte)'u' ? Hex(raw.Slice(2, 4)) : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    return false; // a lone or reversed surrogate is not text
                }

                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                raw = raw.Slice(6);
            }

            written += Utf8(scalar, destination.Slice(written));
        }
    }

    /// <summary>True when <paramref name="raw"/> (a string's content or a property name) holds an escape.</summary>
    public static bool HasEscape(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') >= 0;

    private static int Simple(byte kind) => kind switch
    {
        (byte)'"' => '"',
        (byte)'\\' => '\\',
        (byte)'/' => '/',
        (byte)'b' => '\b',
        (byte)'f' => '\f',
        (byte)'n' => '\n',
        (byte)'r' => '\r',
        (byte)'t' => '\t',
        _ => -1,
    };

    /// <summary>Writes a Unicode scalar value as UTF-8 (1 to 4 bytes); the BCL's <c>Rune</c> is not in netstandard2.0.</summary>
    private static int Utf8(int scalar, Span<byte> into)
    {
        if (scalar < 0x80)
        {
            into[0] = (byte)scalar;
            return 1;
        }

        if (scalar < 0x800)
        {
            into[0] = (byte)(0xC0 | (scalar >> 6));
            into[1] = (byte)(0x80 | (scalar & 0x3F));
            return 2;
        }

        if (scalar < 0x10000)
        {
            into[0] = (byte)(0xE0 | (scalar >> 12));
            into[1] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
            into[2] = (byte)(0x80 | (scalar & 0x3F));
            return 3;
        }

        into[0] = (byte)(0xF0 | (scalar >> 18));
        into[1] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
        into[2] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
        into[3] = (byte)(0x80 | (scalar & 0x3F));
        return 4;
    }

    private static bool IsHex(ReadOnlySpan<byte> four)
    {
        foreach (byte b in four)
        {
            if (!Uri.IsHexDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static int Hex(ReadOnlySpan<byte> four) =>
        Utf8Parser.TryParse(four, out ushort value, out _, 'X') ? value : -1;
}
