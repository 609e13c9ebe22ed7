using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Manifest.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Provenance.Manifest.Yaml;

/// <summary>
/// Reads one YAML document into a tree of <see cref="YNode"/> that keeps every node's 1-based line and column.
/// Built on YamlDotNet's event parser; refuses aliases (<see cref="DiagnosticRegistry.AliasNotAllowed"/>),
/// reports duplicate keys (<see cref="DiagnosticRegistry.DuplicateKey"/>), syntax errors, bad encodings,
/// several documents and nesting deeper than <see cref="MaxDepth"/> (<see cref="DiagnosticRegistry.InvalidYaml"/>).
/// Never throws for bad input.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>The deepest nesting accepted; a manifest needs 5.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest scalar accepted, in characters (16 MiB).</summary>
    public const int MaxScalarLength = 16 * 1024 * 1024;

    /// <summary>
    /// Decodes <paramref name="bytes"/> as UTF-8 (an UTF-8 byte-order mark is allowed) and parses one document.
    /// Returns the root node, or null when the input is empty or broken (then <paramref name="diagnostics"/> says why).
    /// </summary>
    public static YNode? Read(byte[] bytes, string filePath, List<ManifestDiagnostic> diagnostics)
    {
        // Validated in place and parsed through a reader: a large manifest never becomes one huge string
        // (which would land on the large-object heap and cost full garbage collections).
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, SourceSpan.FileStart,
                "The manifest is UTF-16; save it as UTF-8."));
            return null;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            int bad = ex.Index >= 0 ? offset + ex.Index : offset;
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, PositionOfByte(bytes, offset, bad),
                "The manifest is not valid UTF-8 (byte 0x" + (bad < bytes.Length ? bytes[bad].ToString("X2") : "??") + ")."));
            return null;
        }

        int nul = Array.IndexOf(bytes, (byte)0, offset);
        if (nul >= 0)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, PositionOfByte(bytes, offset, nul),
                "The manifest contains a NUL character; a manifest is UTF-8 text."));
            return null;
        }

        using var reader = new BoundedReader(new StreamReader(new MemoryStream(bytes, offset, bytes.Length - offset, false), StrictUtf8, false, Math.Max(128, Math.Min(1 << 16, bytes.Length))));
        return Parse(reader, () => StrictUtf8.GetString(bytes, offset, bytes.Length - offset), filePath, diagnostics);
    }

    /// <summary>Parses one document from text; see <see cref="Read(byte[], string, List{ManifestDiagnostic})"/>.</summary>
    public static YNode? Read(string text, string filePath, List<ManifestDiagnostic> diagnostics)
    {
        int nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var at = PositionOf(text, nul);
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, at,
                "The manifest contains a NUL character; a manifest is UTF-8 text."));
            return null;
        }

        return Parse(new BoundedReader(new StringReader(text)), () => text, filePath, diagnostics);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static YNode? Parse(BoundedReader reader, Func<string> text, string filePath, List<ManifestDiagnostic> diagnostics)
    {
        var parser = new TrackingParser(new Parser(reader), reader);
        var builder = new TreeBuilder(filePath, diagnostics);
        try
        {
            return builder.Build(parser);
        }
        catch (ScalarTooLongException)
        {
            // Refused while YamlDotNet was still reading it: the scalar is never built, so memory stays bounded.
            var at = parser.LastEnd is { } end ? Span(end, end) : SourceSpan.FileStart;
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, at,
                $"A scalar (or a stretch of text without YAML structure) after this point is longer than the limit of {MaxScalarLength} characters."));
            return null;
        }
        catch (YamlException ex)
        {
            var span = Span(ex.Start, ex.End);
            if (span.Line == 1 && span.Column == 1 && ex.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                span = FirstTabIndent(text()) ?? span;
            }

            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, span,
                "YAML syntax error: " + CleanMessage(ex.Message)));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet fails this way on some broken inputs (an unclosed [ or { followed by block content):
            // report where parsing stopped, in our own words.
            var at = parser.LastEnd is { } end ? Span(end, end) : SourceSpan.FileStart;
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, filePath, at,
                "YAML syntax error: the document cannot be parsed past this point; look for an unclosed '[', '{' or quote above it."));
            return null;
        }
    }

    internal static SourceSpan Span(Mark start, Mark end)
    {
        int line = (int)Math.Max(1, Math.Min(start.Line, int.MaxValue));
        int column = (int)Math.Max(1, Math.Min(start.Column, int.MaxValue));
        int endLine = (int)Math.Max(line, Math.Min(end.Line, int.MaxValue));
        int endColumn = (int)Math.Max(1, Math.Min(end.Column, int.MaxValue));
        if (endLine == line && endColumn < column)
        {
            endColumn = column;
        }

        return new SourceSpan(line, column, endLine, endColumn);
    }

    private static SourceSpan? FirstTabIndent(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            for (int c = 0; c < lines[i].Length && (lines[i][c] == ' ' || lines[i][c] == '\t'); c++)
            {
                if (lines[i][c] == '\t')
                {
                    return new SourceSpan(i + 1, c + 1, i + 1, c + 2);
                }
            }
        }

        return null;
    }

    private static SourceSpan PositionOf(string text, int index)
    {
        int line = 1, column = 1;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new SourceSpan(line, column, line, column + 1);
    }

    private static SourceSpan PositionOfByte(byte[] bytes, int start, int index)
    {
        int line = 1, column = 1;
        for (int i = start; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return new SourceSpan(line, column, line, column + 1);
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; the position is in the span already.
        int cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0 ? message.Substring(cut + 3) : message;
    }

    /// <summary>Remembers where the last event ended, for errors that YamlDotNet raises without a position.</summary>
    private sealed class TrackingParser : IParser
    {
        private readonly IParser _inner;
        private readonly BoundedReader _reader;

        public TrackingParser(IParser inner, BoundedReader reader)
        {
            _inner = inner;
            _reader = reader;
        }

        public Mark? LastEnd { get; private set; }

        public ParsingEvent? Current => _inner.Current;

        public bool MoveNext()
        {
            if (_inner.Current is { } current)
            {
                LastEnd = current.End;
            }

            bool moved = _inner.MoveNext();
            _reader.EventSeen();
            return moved;
        }
    }

    /// <summary>
    /// A reader that refuses to feed the YAML parser more than <see cref="MaxScalarLength"/> characters (plus slack for
    /// the parser's look-ahead) between two parsing events. A scalar is one event, so a scalar over the limit is refused
    /// while it is being read, before YamlDotNet builds it as a string: a refused 60 MB manifest costs what its bytes
    /// cost, not three times that.
    /// </summary>
    private sealed class BoundedReader : TextReader
    {
        private const int Limit = MaxScalarLength + (1 << 16);
        private readonly TextReader _inner;
        private long _sinceEvent;

        public BoundedReader(TextReader inner) => _inner = inner;

        public void EventSeen() => _sinceEvent = 0;

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            int c = _inner.Read();
            Count(c < 0 ? 0 : 1);
            return c;
        }

        public override int Read(char[] buffer, int index, int count)
        {
            int read = _inner.Read(buffer, index, count);
            Count(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Count(int read)
        {
            _sinceEvent += read;
            if (_sinceEvent > Limit)
            {
                throw new ScalarTooLongException();
            }
        }
    }

    private sealed class ScalarTooLongException : Exception
    {
    }

    /// <summary>
    /// Short scalars that recur in every shard (keys, origins, formats) share one string each, so a 100,000-shard manifest
    /// keeps a handful of them alive instead of a million copies (less for the garbage collector to promote and scan).
    /// </summary>
    private static readonly Dictionary<string, string> Pool = new[]
    {
        "provenance", "dataset", "description", "parent", "policy", "shards", "removed", "measure", "humanFloor", "humanFloorWarn",
        "accumulate", "maxGeneration", "requireVerification", "humanEpochCap", "diversity", "metric", "maxDrop", "id", "path", "uri",
        "origin", "format", "records", "tokens", "bytes", "digest", "weight", "humanFraction", "generation", "generator", "model",
        "trainedOn", "decoding", "derivedFrom", "verification", "method", "verifier", "accepted", "rejected", "rejectLog", "source",
        "name", "license", "url", "reason", "approvedBy", "human", "synthetic", "mixed", "unknown", "jsonl", "text", "csv", "parquet",
        "other", "1", "0",
    }.ToDictionary(k => k, k => k, StringComparer.Ordinal);

    private static string Pooled(string value) => value.Length <= 20 && Pool.TryGetValue(value, out string? pooled) ? pooled : value;

    private sealed class TreeBuilder
    {
        private readonly string _filePath;
        private readonly List<ManifestDiagnostic> _diagnostics;

        public TreeBuilder(string filePath, List<ManifestDiagnostic> diagnostics)
        {
            _filePath = filePath;
            _diagnostics = diagnostics;
        }

        public YNode? Build(IParser parser)
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, _filePath, SourceSpan.FileStart,
                    "The manifest is empty."));
                return null;
            }

            parser.Consume<DocumentStart>();
            YNode? root = ReadNode(parser, 1);
            if (root is null)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, _filePath, Span(second.Start, second.End),
                    "The manifest holds more than one YAML document; one manifest is one document."));
                return null;
            }

            return root;
        }

        private static bool IsDuplicate(YMapping mapping, string key, ref HashSet<string>? seen)
        {
            if (seen is null && mapping.Count < 16)
            {
                return mapping.IndexOf(key) >= 0;
            }

            if (seen is null)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < mapping.Count; i++)
                {
                    seen.Add(mapping.KeyAt(i));
                }
            }

            return !seen.Add(key);
        }

        private YNode? ReadNode(IParser parser, int depth)
        {
            if (depth > MaxDepth)
            {
                var at = parser.Current!;
                _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, _filePath, Span(at.Start, at.End),
                    $"The manifest nests deeper than {MaxDepth} levels."));
                return null;
            }

            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.AliasNotAllowed, _filePath, Span(alias.Start, alias.End),
                    $"YAML alias '*{alias.Value}' is not allowed in a manifest; write the value out."));
                return null;
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                if (scalar.Value.Length > MaxScalarLength)
                {
                    _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, _filePath, Span(scalar.Start, scalar.Start),
                        $"A scalar of {scalar.Value.Length} characters is longer than the limit of {MaxScalarLength}."));
                    return null;
                }

                return new YScalar(Pooled(scalar.Value), scalar.Style == ScalarStyle.Plain) { Span = Span(scalar.Start, scalar.End) };
            }

            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var sequence = new YSequence { IsFlow = sequenceStart.Style == SequenceStyle.Flow };
                SequenceEnd sequenceEnd;
                while (!parser.TryConsume<SequenceEnd>(out sequenceEnd!))
                {
                    var item = ReadNode(parser, depth + 1);
                    if (item is null)
                    {
                        return null;
                    }

                    sequence.Items.Add(item);
                }

                // A flow sequence ends at its ']'; a block sequence at the end of its last item.
                var start = Span(sequenceStart.Start, sequenceStart.End);
                var last = sequence.IsFlow || sequence.Items.Count == 0 ? Span(sequenceEnd.End, sequenceEnd.End) : sequence.Items[sequence.Items.Count - 1].Span;
                sequence.Span = new SourceSpan(start.Line, start.Column, last.EndLine, last.EndColumn);
                return sequence;
            }

            if (parser.TryConsume<MappingStart>(out var mappingStart))
            {
                var mapping = new YMapping { IsFlow = mappingStart.Style == MappingStyle.Flow };
                HashSet<string>? seen = null; // small mappings (every shard) are checked by a scan; large ones by a set
                MappingEnd mappingEnd;
                while (!parser.TryConsume<MappingEnd>(out mappingEnd!))
                {
                    var keyNode = ReadNode(parser, depth + 1);
                    if (keyNode is null)
                    {
                        return null;
                    }

                    var value = ReadNode(parser, depth + 1);
                    if (value is null)
                    {
                        return null;
                    }

                    if (keyNode is not YScalar key)
                    {
                        _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, _filePath, keyNode.Span,
                            $"A mapping key must be a scalar, not {keyNode.KindName}."));
                        continue;
                    }

                    if (IsDuplicate(mapping, key.Value, ref seen))
                    {
                        _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.DuplicateKey, _filePath, key.Span,
                            $"Duplicate key '{key.Value}'; each key may appear once in a mapping."));
                        continue;
                    }

                    mapping.Add(key, value);
                }

                // A flow mapping ends at its '}'; a block mapping at the end of its last value.
                var endSpan = mapping.IsFlow || mapping.Count == 0 ? Span(mappingEnd.End, mappingEnd.End) : mapping.ValueAt(mapping.Count - 1).Span;
                mapping.Span = new SourceSpan(
                    (int)mappingStart.Start.Line, (int)mappingStart.Start.Column, endSpan.EndLine, endSpan.EndColumn);
                return mapping;
            }

            var unexpected = parser.Current!;
            _diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidYaml, _filePath, Span(unexpected.Start, unexpected.End),
                "Unexpected YAML event " + unexpected.GetType().Name + "."));
            return null;
        }
    }
}
