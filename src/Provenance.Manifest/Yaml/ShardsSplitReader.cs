using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Yaml;

/// <summary>
/// Parses a large manifest's <c>shards:</c> list on all cores. A 100,000-shard manifest is ~24 MB of YAML, and
/// YamlDotNet's parser is sequential; but the items of the top-level <c>shards:</c> block sequence are independent
/// documents in all but name. The text is cut at item starts (lines that begin with the list's own indentation and
/// <c>- </c>) into one chunk per core; each chunk is parsed as a YAML document of its own, its spans shifted back to
/// the lines they came from, and the rest of the manifest is parsed with the list emptied out (line numbers kept).
/// <para>
/// The result must equal the sequential parse node for node, span for span. Anything unusual (no such list, a chunk
/// or the rest with any diagnostic, a cut inside a multi-line scalar, which then fails to parse) returns false, and
/// the caller parses the whole text sequentially, so diagnostics always come from the sequential parser.
/// </para>
/// </summary>
internal static class ShardsSplitReader
{
    /// <summary>Tries the split parse; false means "parse sequentially".</summary>
    public static bool TryRead(string text, string filePath, out YNode? root)
    {
        root = null;
        int cores = Math.Min(Environment.ProcessorCount, 8);
        if (cores < 2)
        {
            return false;
        }

        string[] lines = text.Split('\n');
        int shardsLine = Array.FindIndex(lines, l => l.TrimEnd('\r', ' ') == "shards:");
        if (shardsLine < 0)
        {
            return false;
        }

        int first = shardsLine + 1;
        while (first < lines.Length && IsBlankOrComment(lines[first]))
        {
            first++;
        }

        if (first >= lines.Length)
        {
            return false;
        }

        int indent = lines[first].Length - lines[first].TrimStart(' ').Length;
        string itemPrefix = new string(' ', indent) + "- ";
        if (!lines[first].StartsWith(itemPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var starts = new List<int>();
        int end = first;
        for (; end < lines.Length; end++)
        {
            string line = lines[end];
            if (line.StartsWith(itemPrefix, StringComparison.Ordinal))
            {
                starts.Add(end);
            }
            else if (line.Length > 0 && line[0] != ' ' && line[0] != '#' && line[0] != '\r')
            {
                break; // the next top-level key, a document marker, or something unusual: the list ends here
            }
        }

        if (starts.Count < cores * 2)
        {
            return false;
        }

        var cuts = Enumerable.Range(0, cores).Select(i => starts[i * starts.Count / cores]).Concat(new[] { end }).ToArray();
        var chunks = new YNode?[cores];
        var chunkDiagnostics = new List<ManifestDiagnostic>[cores];
        var skeletonDiagnostics = new List<ManifestDiagnostic>();
        YNode? skeleton = null;
        Parallel.For(0, cores + 1, i =>
        {
            if (i == cores)
            {
                skeleton = YamlDocumentReader.ReadSequential(Skeleton(lines, shardsLine, end), filePath, skeletonDiagnostics, 1);
                return;
            }

            chunkDiagnostics[i] = new List<ManifestDiagnostic>();
            string chunk = string.Join("\n", lines, cuts[i], cuts[i + 1] - cuts[i]);
            chunks[i] = YamlDocumentReader.ReadSequential(chunk, filePath, chunkDiagnostics[i], 2);
        });

        if (skeletonDiagnostics.Count > 0 || chunkDiagnostics.Any(d => d.Count > 0)
            || skeleton is not YMapping mapping || chunks.Any(c => c is not YSequence { IsFlow: false }))
        {
            return false;
        }

        int index = mapping.Entries.FindIndex(e => e.Key.Value == "shards");
        if (index < 0 || mapping.Entries[index].Value is not YSequence { Items.Count: 0 } || mapping.Entries[index].Key.Span.Line != shardsLine + 1)
        {
            return false;
        }

        var merged = new YSequence();
        for (int i = 0; i < cores; i++)
        {
            foreach (var item in ((YSequence)chunks[i]!).Items)
            {
                Shift(item, cuts[i]);
                merged.Items.Add(item);
            }
        }

        var start = chunks[0]!.Span; // the first '-', in chunk coordinates
        var lastItem = merged.Items[merged.Items.Count - 1].Span;
        merged.Span = new SourceSpan(start.Line + cuts[0], start.Column, lastItem.EndLine, lastItem.EndColumn);
        mapping.Entries[index] = new KeyValuePair<YScalar, YNode>(mapping.Entries[index].Key, merged);
        if (index == mapping.Entries.Count - 1)
        {
            mapping.Span = new SourceSpan(mapping.Span.Line, mapping.Span.Column, merged.Span.EndLine, merged.Span.EndColumn);
        }

        root = mapping;
        return true;
    }

    /// <summary>The text with the list replaced by <c>shards: []</c> and blank lines, so every other line keeps its number.</summary>
    private static string Skeleton(string[] lines, int shardsLine, int end)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            if (i == shardsLine)
            {
                sb.Append("shards: []");
            }
            else if (i < shardsLine || i >= end)
            {
                sb.Append(lines[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsBlankOrComment(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    private static void Shift(YNode node, int lines)
    {
        var s = node.Span;
        node.Span = new SourceSpan(s.Line + lines, s.Column, s.EndLine + lines, s.EndColumn);
        switch (node)
        {
            case YMapping m:
                foreach (var entry in m.Entries)
                {
                    Shift(entry.Key, lines);
                    Shift(entry.Value, lines);
                }

                break;
            case YSequence q:
                foreach (var item in q.Items)
                {
                    Shift(item, lines);
                }

                break;
        }
    }
}
