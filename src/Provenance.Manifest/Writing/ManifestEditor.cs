using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Writing;

/// <summary>
/// Adds a shard to an existing manifest (<c>provenance add</c>) by inserting its YAML after the last item of the block
/// <c>shards:</c> list, so comments and formatting survive; an empty flow list (<c>shards: []</c>) becomes a block list
/// in place. A manifest whose list is in flow style with items is re-written through <see cref="ManifestWriter"/>, but
/// only when it has no comments to lose. The edited text must read back with one more shard and no errors, and the new
/// shard's lineage must resolve (PROV1014–PROV1017, as <c>check</c> reports them), before it replaces the file (atomically).
/// </summary>
public static class ManifestEditor
{
    /// <summary>Appends <paramref name="shard"/> to <paramref name="manifest"/> (read from its file); returns null on success, else why nothing was changed.</summary>
    public static string? AddShard(ShardManifest manifest, Shard shard)
    {
        var text = new ManifestText(File.ReadAllBytes(manifest.FilePath));
        string? updated;
        if (manifest.Node?.Get("shards") is YSequence { IsFlow: false, Items.Count: > 0 } sequence && sequence.Items[sequence.Items.Count - 1] is YMapping last)
        {
            string indent = new(' ', DashColumn(text, sequence.Items[0]) - 1);
            int offset = text.LineAfter(last.Span.Line, last.Span.EndLine, last.Span.EndColumn);
            string block = string.Concat(ShardBlock(shard).Select(line => indent + line + text.Newline));
            updated = text.Text.Insert(offset, text.PrefixAt(offset) + block);
        }
        else if (manifest.Node?.Get("shards") is YSequence { IsFlow: true, Items.Count: 0 } empty && manifest.Node.GetKey("shards") is { Span.Column: 1 })
        {
            // 'shards: []' (what a starter manifest or a schema-lined template holds): replace the empty flow list with a
            // block list holding the new shard, so comments survive here too.
            int start = text.Offset(empty.Span.Line, empty.Span.Column);
            int end = text.Text.IndexOf(']', start) + 1; // the reader's span of a flow list ends at its ']', not past it
            while (start > 0 && text.Text[start - 1] == ' ')
            {
                start--;
            }

            int lineEnd = text.Text.IndexOf('\n', end) is int newline and >= 0 ? newline + 1 : text.Text.Length;
            string block = string.Concat(ShardBlock(shard).Select(line => line + text.Newline));
            updated = text.Apply(new[] { (start, end - start, string.Empty), (lineEnd, 0, text.PrefixAt(lineEnd) + block) });
        }
        else if (HasComments(text.Text))
        {
            return "its 'shards:' list is empty or in flow style, and re-writing it would lose the manifest's comments. Write 'shards:' as a block list (one '- id: ...' item) and try again.";
        }
        else
        {
            manifest.Shards.Add(shard);
            string yaml = ManifestWriter.ToYaml(manifest);
            manifest.Shards.Remove(shard);
            updated = text.Newline == "\n" ? yaml : yaml.Replace("\n", text.Newline);
        }

        var reread = ManifestReader.ReadText(updated, manifest.FilePath);
        if (reread.Manifest is null || reread.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
            || reread.Manifest.Shards.Count != manifest.Shards.Count + 1 || reread.Manifest.Shards.All(s => s.Id != shard.Id))
        {
            return "the edited manifest did not read back cleanly; add the shard by hand.";
        }

        // What 'check' would refuse in the new shard's lineage (an unknown derivedFrom id, an unreadable trainedOn, a
        // cycle, a declared generation below the computed one) is refused now, before anything is written.
        var added = reread.Manifest.Shards.First(s => s.Id == shard.Id);
        var loader = new ManifestLoader();
        loader.Add(reread.Manifest, reread.Diagnostics);
        var lineage = new LineageResolver(loader).Resolve(reread.Manifest);
        if (lineage.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && added.Span.Contains(d.Span)) is { } problem)
        {
            return $"{problem.Id}: {problem.Message}";
        }

        text.Save(manifest.FilePath, updated);
        return null;
    }

    /// <summary>The YAML lines of one shard as a block-list item (<c>- id: …</c>, then the keys indented by two).</summary>
    private static List<string> ShardBlock(Shard shard)
    {
        var single = new ShardManifest { Dataset = "x" };
        single.Shards.Add(shard);
        string[] all = ManifestWriter.ToYaml(single).Split('\n');
        int start = Array.FindIndex(all, l => l.StartsWith("shards:", StringComparison.Ordinal)) + 1;
        return all.Skip(start).TakeWhile(line => line.Length > 0 && (line[0] == ' ' || line[0] == '-')).ToList();
    }

    /// <summary>The 1-based column of the '-' that opens <paramref name="item"/> (on its line or up to three lines above).</summary>
    private static int DashColumn(ManifestText text, YNode item)
    {
        for (int line = item.Span.Line; line >= 1 && line >= item.Span.Line - 3; line--)
        {
            string content = text.Line(line);
            string before = line == item.Span.Line ? content.Substring(0, Math.Min(content.Length, item.Span.Column - 1)) : content;
            int dash = before.LastIndexOf('-');
            if (dash >= 0 && before.Substring(0, dash).Trim().Length == 0)
            {
                return dash + 1;
            }
        }

        return Math.Max(1, item.Span.Column - 2);
    }

    private static bool HasComments(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Any(l => l != ManifestWriter.SchemaComment && (l.TrimStart().StartsWith("#", StringComparison.Ordinal) || l.Contains(" #")));
}
