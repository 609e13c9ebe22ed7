using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Internal;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Writing;

/// <summary>
/// <c>provenance group</c>: converts the single-file shard entries of a manifest whose paths match some globs into one
/// shard set (<c>files:</c>). The entries must share one origin and lineage (origin, format, compression, textField,
/// generation, generator, derivedFrom, verification, source, weight, humanFraction) and be sealed; the set's index is
/// built from their own sealed values (path, bytes, digest, records, tokens), so no data file is read or hashed and the
/// conversion works where the data is absent (git-lfs on CI). Nothing is written unless everything checks: the set id
/// is free, no other shard's <c>derivedFrom</c> names a grouped id, the globs match no file on disk that is not among
/// the grouped entries (the set's check would report it, PROV1047), and the edited manifest reads back with the set in
/// their place. Then the index is written (atomically) at <see cref="ShardSetIndex.DefaultPath"/> and the manifest's
/// text is edited in place (atomically): the grouped entries are replaced by one set entry at the position of the first,
/// whose shared keys are copied from the first entry's text (comments within them kept); comments elsewhere survive.
/// </summary>
public static class ShardGrouper
{
    private static readonly Regex PlainScalar = new(@"^[A-Za-z0-9_][A-Za-z0-9_./*?+-]*$", RegexOptions.CultureInvariant);

    /// <summary>How many unsealed entries are named before the rest are counted.</summary>
    private const int MaxNamed = 20;

    private static readonly HashSet<string> AmountKeys = new(StringComparer.Ordinal) { "records", "tokens", "bytes", "digest" };

    /// <summary>Groups the entries of <paramref name="manifestPath"/> matched by <paramref name="globs"/> into the set <paramref name="setId"/>.</summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="setId">The id of the new set; must not be the id of an entry that is not grouped.</param>
    /// <param name="globs">Globs relative to the manifest's folder (<see cref="FileGlob"/>); they become the set's <c>files:</c>.</param>
    public static GroupResult Group(string manifestPath, string setId, IReadOnlyList<string> globs)
    {
        string full = Path.GetFullPath(manifestPath);
        var read = ManifestReader.ReadFile(full);
        var diagnostics = read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (read.Manifest is null || diagnostics.Count > 0)
        {
            return GroupResult.Refused(full, setId, diagnostics);
        }

        var manifest = read.Manifest;
        ManifestDiagnostic Error(DiagnosticDescriptor descriptor, SourceSpan span, string message) => new(descriptor, DiagnosticSeverity.Error, full, span, message);

        // The arguments: an id that YAML and the index path can carry, and usable globs.
        if (setId.Trim().Length == 0 || setId.Any(char.IsControl))
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, manifest.KeySpan("shards"), $"'{setId}' cannot be a shard id: it is empty or holds a control character."));
        }

        if (globs.Count == 0)
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, manifest.KeySpan("shards"), "No glob given: name the files of the set, for example data/c4/en/c4-train.*.json.gz."));
        }

        foreach (string glob in globs)
        {
            if (FileGlob.Problem(glob) is { } problem)
            {
                diagnostics.Add(Error(DiagnosticRegistry.UnsafePath, manifest.KeySpan("shards"), $"Glob '{glob}' is not usable: {problem}."));
            }
        }

        if (diagnostics.Count > 0)
        {
            return GroupResult.Refused(full, setId, diagnostics);
        }

        if (manifest.Node?.Get("shards") is not YSequence { IsFlow: false })
        {
            diagnostics.Add(Error(DiagnosticRegistry.WrongType, manifest.KeySpan("shards"), "'shards:' is not a block list ('- id: ...' items); write it as one so that entries can be grouped in place."));
            return GroupResult.Refused(full, setId, diagnostics);
        }

        // The entries: single files (path:, not uri:, not sets) whose normalised path matches a glob.
        var matched = manifest.Shards.Where(s => !s.IsSet && s.Path is not null && s.Uri is null && globs.Any(g => FileGlob.IsMatch(g, Normalize(s.Path)))).ToList();
        string shown = string.Join(", ", globs.Select(g => $"'{g}'"));
        if (matched.Count == 0)
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, manifest.KeySpan("shards"),
                $"No single-file shard's path matches {shown}; nothing to group into set '{setId}'. Globs are relative to the manifest's folder, '*' and '?' match within one name and '**' any number of folders."));
            return GroupResult.Refused(full, setId, diagnostics);
        }

        var first = matched[0];
        var paths = new Dictionary<string, Shard>(StringComparer.Ordinal);
        var unsealed = new List<Shard>();
        foreach (var shard in matched)
        {
            string path = Normalize(shard.Path!);
            if (shard.Node is null || shard.Node.IsFlow)
            {
                diagnostics.Add(Error(DiagnosticRegistry.WrongType, shard.Span, $"Shard '{shard.Id}' is written in flow style ({{ ... }}); write it as a block mapping so it can be grouped."));
            }
            else if ((ShardPaths.Resolve(manifest.Directory, shard.Path!, out string? resolveProblem) is null ? resolveProblem ?? "it is outside the manifest's folder" : FileGlob.Problem(path)) is { } unsafePath)
            {
                diagnostics.Add(Error(DiagnosticRegistry.UnsafePath, shard.ValueSpan("path"), $"Path '{shard.Path}' of shard '{shard.Id}' is unsafe: {unsafePath}."));
            }
            else if (paths.TryGetValue(path, out var same))
            {
                diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, shard.ValueSpan("path"), $"Shards '{same.Id}' and '{shard.Id}' both name '{path}'; a set lists each file once. Remove one of them first."));
            }
            else
            {
                paths[path] = shard;
            }

            if (shard.Digest is null || shard.Bytes is null)
            {
                unsealed.Add(shard);
            }
        }

        foreach (var shard in unsealed.Take(MaxNamed))
        {
            diagnostics.Add(Error(DiagnosticRegistry.ShardNotSealed, shard.ValueSpan("id"),
                $"Shard '{shard.Id}' is not sealed (no {(shard.Digest is null ? "digest" : "bytes")}); the set's index is built from the entries' sealed values. Run 'provenance seal' first."));
        }

        if (unsealed.Count > MaxNamed)
        {
            diagnostics.Add(Error(DiagnosticRegistry.ShardNotSealed, unsealed[MaxNamed].ValueSpan("id"),
                $"{unsealed.Count - MaxNamed:N0} more of the matched shards are not sealed ({unsealed.Count:N0} in all; the first {MaxNamed} are named above). Run 'provenance seal' first."));
        }

        // One origin and lineage: every key the set would share must be the same in every entry.
        foreach (var (key, describe) in SharedKeys)
        {
            string expected = describe(first);
            var other = matched.FirstOrDefault(s => describe(s) != expected);
            if (other is not null)
            {
                string found = describe(other);
                diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, SpanOf(other, key),
                    $"Shards '{first.Id}' and '{other.Id}' differ in {key} ({Shown(expected)} and {Shown(found)}); a shard set has one {key} for all its files. Narrow the globs to entries of one origin and lineage."));
            }
        }

        // The set's id is free, and the lineage of the rest of the manifest still resolves.
        var grouped = new HashSet<Shard>(matched);
        foreach (var clash in manifest.Shards.Where(s => !grouped.Contains(s) && s.Id == setId))
        {
            diagnostics.Add(Error(DiagnosticRegistry.DuplicateShardId, clash.ValueSpan("id"), $"Shard id '{setId}' is already used by {(clash.IsSet ? "shard set" : "shard")} '{clash.Id}', which the globs do not match; choose another set id."));
        }

        var groupedIds = new HashSet<string>(matched.Select(s => s.Id).Where(id => id != setId), StringComparer.Ordinal);
        foreach (var shard in manifest.Shards.Where(s => !grouped.Contains(s)))
        {
            var dangling = shard.DerivedFrom.Where(groupedIds.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (dangling.Count > 0)
            {
                diagnostics.Add(Error(DiagnosticRegistry.UnknownDerivedFrom, shard.ValueSpan("derivedFrom"),
                    $"Shard '{shard.Id}' is derived from {Names(dangling)}, which grouping into set '{setId}' would remove: its lineage would dangle. Name the set instead (derivedFrom: [{setId}], derived from all its files) or leave {(dangling.Count == 1 ? "that shard" : "those shards")} out of the globs, then group again."));
            }
        }

        var selfReferences = first.DerivedFrom.Where(id => groupedIds.Contains(id) || id == setId).Distinct(StringComparer.Ordinal).ToList();
        if (selfReferences.Count > 0)
        {
            diagnostics.Add(Error(DiagnosticRegistry.LineageCycle, first.ValueSpan("derivedFrom"),
                $"The grouped shards are derived from {Names(selfReferences)}, which {(selfReferences.Count == 1 ? "is" : "are")} grouped too: set '{setId}' would be derived from itself."));
        }

        // The index goes to the default path, which no other set may use.
        string indexPath = ShardSetIndex.DefaultPath(full, setId);
        string? indexFull = ShardPaths.Resolve(manifest.Directory, indexPath, out string? indexProblem);
        if (indexFull is null)
        {
            diagnostics.Add(Error(DiagnosticRegistry.UnsafePath, first.ValueSpan("id"), $"The index path '{indexPath}' of set '{setId}' is unsafe: {indexProblem}."));
        }

        foreach (var set in manifest.Shards.Where(s => s.IsSet && string.Equals(ShardSetIndex.PathOf(manifest, s).Replace('\\', '/'), indexPath, StringComparison.Ordinal)))
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, set.ValueSpan(set.Index is null ? "id" : "index"), $"Shard set '{set.Id}' already has its index at {indexPath}, where set '{setId}' would write its own; choose another set id."));
        }

        if (diagnostics.Count > 0)
        {
            return GroupResult.Refused(full, setId, diagnostics);
        }

        // Where the data is present, the globs must match exactly the grouped files (else check reports PROV1047 or PROV1009).
        diagnostics.AddRange(CompareWithDisk(manifest, first, indexPath, globs, paths, setId));
        if (diagnostics.Count > 0)
        {
            return GroupResult.Refused(full, setId, diagnostics);
        }

        var index = new ShardSetIndex(paths.Select(p => new IndexEntry(p.Key, p.Value.Bytes!.Value, p.Value.Digest!, p.Value.Records, p.Value.Tokens)));
        byte[] indexBytes = index.ToBytes();
        string digest = ShardSetIndex.DigestOf(indexBytes);

        var text = new ManifestText(File.ReadAllBytes(full));
        string? updated = Edit(text, matched, setId, globs, indexPath, index, digest, out string? editProblem);
        if (updated is null)
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, first.ValueSpan("id"), $"Shard '{first.Id}' cannot be edited in place: {editProblem}. Group the entries by hand."));
            return GroupResult.Refused(full, setId, diagnostics);
        }

        if (ReadBack(updated, full, manifest, matched, setId, globs, indexPath, index, digest) is { } readBackProblem)
        {
            diagnostics.Add(Error(DiagnosticRegistry.InvalidValue, first.ValueSpan("id"), $"The edited manifest did not read back as expected ({readBackProblem}); nothing was written. Group the entries by hand."));
            return GroupResult.Refused(full, setId, diagnostics);
        }

        bool existed = File.Exists(indexFull!);
        AtomicFile.WriteAllBytes(indexFull!, indexBytes);
        try
        {
            text.Save(full, updated);
        }
        catch when (!existed)
        {
            TryDelete(indexFull!);
            throw;
        }

        return new GroupResult(full, setId, diagnostics, matched.Count, indexPath, index, digest);
    }

    /// <summary>The keys the entries of a set must share, each with a canonical text of its value in one shard.</summary>
    private static readonly (string Key, Func<Shard, string> Describe)[] SharedKeys =
    {
        ("origin", s => s.Origin.ToString().ToLowerInvariant()),
        ("format", s => ShardFormats.Name(s.Format)),
        ("compression", s => ShardFormats.Name(s.Compression)),
        ("textField", s => s.TextField ?? string.Empty),
        ("generation", s => s.Generation?.ToString(CultureInfo.InvariantCulture) ?? string.Empty),
        ("generator.model", s => s.Generator?.Model ?? string.Empty),
        ("generator.trainedOn", s => s.Generator?.TrainedOn?.Replace('\\', '/') ?? string.Empty),
        ("generator.decoding", s => string.Join(", ", s.Generator?.Decoding.Select(p => p.Key + ": " + p.Value) ?? Enumerable.Empty<string>())),
        ("derivedFrom", s => string.Join(", ", s.DerivedFrom.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal))),
        ("verification", s => s.Verification is { } v
            ? string.Join(", ", new[] { "method: " + v.Method, "verifier: " + v.Verifier, "accepted: " + v.Accepted, "rejected: " + v.Rejected, "rejectLog: " + v.RejectLog, "sampled: " + v.Sampled })
            : string.Empty),
        ("source", s => s.Source is { } src ? string.Join(", ", new[] { "name: " + src.Name, "license: " + src.License, "url: " + src.Url }) : string.Empty),
        ("weight", s => s.Weight.ToString("R", CultureInfo.InvariantCulture)),
        ("humanFraction", s => s.HumanFraction?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static SourceSpan SpanOf(Shard shard, string key)
    {
        int dot = key.IndexOf('.');
        if (dot < 0)
        {
            return shard.ValueSpan(key);
        }

        return shard.Generator?.Node?.Get(key.Substring(dot + 1)) is { } node ? node.Span : shard.ValueSpan(key.Substring(0, dot));
    }

    private static string Shown(string value) => value.Length == 0 ? "none" : $"'{value}'";

    private static string Names(IReadOnlyList<string> ids) => string.Join(", ", ids.Take(5).Select(id => $"'{id}'")) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);

    /// <summary>A path as the index and the globs see it: <c>/</c>-separated, without empty and <c>.</c> segments.</summary>
    private static string Normalize(string path) => string.Join("/", path.Replace('\\', '/').Split('/').Where(s => s.Length > 0 && s != "."));

    /// <summary>PROV1047 for files the globs match that are not grouped, PROV1009 for grouped files that are links; nothing where the data is absent.</summary>
    private static IEnumerable<ManifestDiagnostic> CompareWithDisk(ShardManifest manifest, Shard first, string indexPath, IReadOnlyList<string> globs, Dictionary<string, Shard> paths, string setId)
    {
        List<FoundFile> found;
        try
        {
            found = FileGlob.Find(manifest.Directory, globs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new[] { new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, manifest.FilePath, first.ValueSpan("path"), $"The files the globs match cannot be listed: {ex.Message}") };
        }

        string stem = indexPath.Substring(0, indexPath.Length - 4);
        found.RemoveAll(f => f.Path == indexPath || (f.Path.StartsWith(stem + ".part-", StringComparison.Ordinal) && f.Path.EndsWith(".tsv", StringComparison.Ordinal)));
        var result = new List<ManifestDiagnostic>();
        var extra = found.Where(f => !paths.ContainsKey(f.Path)).ToList();
        if (extra.Count > 0)
        {
            var holders = manifest.Shards.Where(s => s.IsSet && extra.Any(f => s.Files.Any(g => FileGlob.IsMatch(g, f.Path)))).Select(s => s.Id).ToList();
            result.Add(new ManifestDiagnostic(DiagnosticRegistry.SetFileAdded, DiagnosticSeverity.Error, manifest.FilePath, first.ValueSpan("path"),
                $"The globs also match {string.Join(", ", extra.Take(5).Select(f => $"'{f.Path}'"))}{(extra.Count > 5 ? $" and {extra.Count - 5:N0} more" : string.Empty)}, "
                + $"{(extra.Count == 1 ? "which is" : "which are")} not among the grouped shards{(holders.Count > 0 ? $" (files of set {Names(holders)})" : string.Empty)}: "
                + $"set '{setId}' would not match its index, and check would report {(extra.Count == 1 ? "it" : "them")} as added to the set. Narrow the globs, or add the files with 'provenance add' first."));
        }

        var links = found.Where(f => f.IsLink && paths.ContainsKey(f.Path)).ToList();
        if (links.Count > 0)
        {
            result.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, manifest.FilePath, paths[links[0].Path].ValueSpan("path"),
                $"'{links[0].Path}'{(links.Count > 1 ? $" and {links.Count - 1} more" : string.Empty)} {(links.Count > 1 ? "are symbolic links" : "is a symbolic link")}, which a shard set refuses (it could point outside the manifest's folder); copy the files instead."));
        }

        return result;
    }

    /// <summary>
    /// The manifest's text with the grouped entries removed and the set entry in place of the first, or null (with
    /// <paramref name="problem"/>) when an entry's text cannot be cut out as whole lines.
    /// </summary>
    private static string? Edit(ManifestText text, List<Shard> matched, string setId, IReadOnlyList<string> globs,
        string indexPath, ShardSetIndex index, string digest, out string? problem)
    {
        problem = null;
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var shard in matched)
        {
            var node = shard.Node!;
            if (ItemRange(text, node) is not { } range)
            {
                problem = "the '-' of its list item is not alone before its first key";
                return null;
            }

            edits.Add((range.Start, range.End, shard == matched[0] ? SetEntry(text, node, range, matched[0], setId, globs, indexPath, index, digest) : string.Empty));
        }

        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(text.Text.Length);
        int at = 0;
        foreach (var (start, end, replacement) in edits)
        {
            if (start < at)
            {
                problem = "two entries share a line";
                return null;
            }

            sb.Append(text.Text, at, start - at).Append(replacement);
            at = end;
        }

        sb.Append(text.Text, at, text.Text.Length - at);
        return sb.ToString();
    }

    /// <summary>The text range of a block-list item: from the start of the line of its '-' to the line after its last value.</summary>
    private static (int Start, int KeyOffset, int End)? ItemRange(ManifestText text, YMapping node)
    {
        var firstKey = node.KeySpanAt(0);
        int keyOffset = text.Offset(firstKey.Line, firstKey.Column);
        int dash = keyOffset - 1;
        while (dash >= 0 && text.Text[dash] is ' ' or '\t' or '\r' or '\n')
        {
            dash--;
        }

        if (dash < 0 || text.Text[dash] != '-')
        {
            return null;
        }

        int lineStart = dash;
        while (lineStart > 0 && text.Text[lineStart - 1] != '\n')
        {
            lineStart--;
        }

        if (text.Text.Substring(lineStart, dash - lineStart).Trim().Length > 0)
        {
            return null;
        }

        var last = node.ValueAt(node.Count - 1).Span;
        int end = text.LineAfter(last.Line, last.EndLine, last.EndColumn);
        return (lineStart, keyOffset, end);
    }

    /// <summary>
    /// The text of the set entry: the first entry's keys in its order, each copied as written (comments within kept), except
    /// <c>id</c> (the set's), <c>path</c> (becomes <c>files</c>, <c>index</c>, <c>fileCount</c>, and <c>format</c> or
    /// <c>compression</c> where the globs would not imply the entries' ones) and the amounts (the index's totals, at the
    /// place of the first amount key).
    /// </summary>
    private static string SetEntry(ManifestText text, YMapping node, (int Start, int KeyOffset, int End) range, Shard first, string setId, IReadOnlyList<string> globs,
        string indexPath, ShardSetIndex index, string digest)
    {
        string nl = text.Newline;
        string indent = new(' ', node.KeySpanAt(0).Column - 1);
        string Line(string key, string value) => indent + key + ": " + value + nl;
        var body = new StringBuilder();
        bool amountsWritten = false;
        for (int i = 0; i < node.Count; i++)
        {
            string key = node.KeyAt(i);
            int chunkStart = i == 0 ? range.KeyOffset : text.Offset(node.KeySpanAt(i).Line, 1);
            int chunkEnd = i + 1 < node.Count ? text.Offset(node.KeySpanAt(i + 1).Line, 1) : range.End;
            string chunk = (i == 0 ? indent : string.Empty) + text.Text.Substring(chunkStart, chunkEnd - chunkStart);
            if (chunk.Length > 0 && chunk[chunk.Length - 1] != '\n')
            {
                chunk += nl;
            }

            // What follows a replaced key's value within its chunk (comment lines before the next key) is kept.
            var value = node.ValueAt(i).Span;
            int valueEnd = Math.Min(chunkEnd, Math.Max(chunkStart, text.LineAfter(value.Line, value.EndLine, value.EndColumn)));
            string after = text.Text.Substring(valueEnd, chunkEnd - valueEnd);
            if (after.Length > 0 && after[after.Length - 1] != '\n')
            {
                after += nl;
            }

            switch (key)
            {
                case "id":
                    body.Append(Line("id", Scalar(setId))).Append(after);
                    break;
                case "path":
                    if (globs.Count == 1)
                    {
                        body.Append(Line("files", Scalar(globs[0])));
                    }
                    else
                    {
                        body.Append(indent).Append("files:").Append(nl);
                        foreach (string glob in globs)
                        {
                            body.Append(indent).Append("  - ").Append(Scalar(glob)).Append(nl);
                        }
                    }

                    body.Append(Line("index", Scalar(indexPath)));
                    body.Append(Line("fileCount", index.Entries.Count.ToString(CultureInfo.InvariantCulture)));
                    var inferred = ShardFormats.Infer(globs[0]);
                    var format = node.Get("format") is null ? inferred.Format ?? ShardFormat.Jsonl : first.Format;
                    if (format != first.Format)
                    {
                        body.Append(Line("format", ShardFormats.Name(first.Format)));
                    }

                    var compression = ShardFormats.IsStreamed(first.Format) ? inferred.Compression : ShardCompression.None;
                    if (node.Get("compression") is null && compression != first.Compression)
                    {
                        body.Append(Line("compression", ShardFormats.Name(first.Compression)));
                    }

                    body.Append(after);
                    break;
                case var amount when AmountKeys.Contains(amount):
                    if (!amountsWritten)
                    {
                        amountsWritten = true;
                        AppendAmounts(body, Line, index, digest);
                    }

                    body.Append(after);
                    break;
                default:
                    body.Append(chunk);
                    break;
            }
        }

        if (!amountsWritten)
        {
            AppendAmounts(body, Line, index, digest);
        }

        string head = text.Text.Substring(range.Start, range.KeyOffset - range.Start);
        return head + body.ToString().Substring(indent.Length);
    }

    private static void AppendAmounts(StringBuilder body, Func<string, string, string> line, ShardSetIndex index, string digest)
    {
        if (index.Records is { } records)
        {
            body.Append(line("records", records.ToString(CultureInfo.InvariantCulture)));
        }

        if (index.Tokens is { } tokens)
        {
            body.Append(line("tokens", tokens.ToString(CultureInfo.InvariantCulture)));
        }

        body.Append(line("bytes", index.Bytes.ToString(CultureInfo.InvariantCulture)));
        body.Append(line("digest", digest));
    }

    /// <summary>A YAML scalar for <paramref name="value"/>: plain when it cannot be read as anything else, else single-quoted.</summary>
    private static string Scalar(string value)
    {
        bool plain = PlainScalar.IsMatch(value)
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
            && !new[] { "true", "false", "yes", "no", "on", "off", "null", "y", "n" }.Contains(value.ToLowerInvariant());
        return plain ? value : "'" + value.Replace("'", "''") + "'";
    }

    /// <summary>Why <paramref name="updated"/> is not the manifest with the set in place of the entries, or null when it is.</summary>
    private static string? ReadBack(string updated, string full, ShardManifest before, List<Shard> matched, string setId, IReadOnlyList<string> globs,
        string indexPath, ShardSetIndex index, string digest)
    {
        var reread = ManifestReader.ReadText(updated, full);
        var error = reread.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (reread.Manifest is null || error is not null)
        {
            return error is null ? "it cannot be read" : $"{error.Id}: {error.Message}";
        }

        var after = reread.Manifest;
        var grouped = new HashSet<Shard>(matched);
        var expectedIds = before.Shards.Select(s => grouped.Contains(s) ? (s == matched[0] ? setId : null) : s.Id).Where(id => id is not null).ToList();
        if (!after.Shards.Select(s => s.Id).SequenceEqual(expectedIds))
        {
            return "its shards are not the others plus the set";
        }

        var set = after.Shards.Single(s => s.Id == setId);
        var first = matched[0];
        if (!set.IsSet || !set.Files.SequenceEqual(globs) || set.Index != indexPath || set.FileCount != index.Entries.Count || set.Digest != digest
            || set.Bytes != index.Bytes || set.Records != index.Records || set.Tokens != index.Tokens)
        {
            return "the set's files, index or totals differ from those computed";
        }

        var different = SharedKeys.FirstOrDefault(k => k.Describe(set) != k.Describe(first));
        if (different.Key is not null)
        {
            return $"the set's {different.Key} is '{different.Describe(set)}', not '{different.Describe(first)}'";
        }

        // The lineage must resolve as before: no new error (an unknown id, a cycle, a generation too low).
        var loaderBefore = new ManifestLoader();
        loaderBefore.Add(before, Array.Empty<ManifestDiagnostic>());
        var loaderAfter = new ManifestLoader();
        loaderAfter.Add(after, reread.Diagnostics);
        var errorsBefore = new LineageResolver(loaderBefore).Resolve(before).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        var errorsAfter = new LineageResolver(loaderAfter).Resolve(after).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var id in errorsBefore)
        {
            int at = errorsAfter.FindIndex(d => d.Id == id);
            if (at >= 0)
            {
                errorsAfter.RemoveAt(at);
            }
        }

        return errorsAfter.Count > 0 ? $"{errorsAfter[0].Id}: {errorsAfter[0].Message}" : null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The outcome of <see cref="ShardGrouper.Group"/>.</summary>
public sealed class GroupResult
{
    internal GroupResult(string manifestPath, string setId, IReadOnlyList<ManifestDiagnostic> diagnostics, int grouped, string? indexPath, ShardSetIndex? index, string? digest)
    {
        ManifestPath = manifestPath;
        SetId = setId;
        Diagnostics = diagnostics;
        Grouped = grouped;
        IndexPath = indexPath;
        Index = index;
        Digest = digest;
    }

    /// <summary>The manifest (full path).</summary>
    public string ManifestPath { get; }

    /// <summary>The set's id.</summary>
    public string SetId { get; }

    /// <summary>Why grouping was refused; empty on success (then nothing else was wrong either).</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    /// <summary>How many entries were replaced by the set.</summary>
    public int Grouped { get; }

    /// <summary>The set's index, relative to the manifest's folder (<c>/</c>-separated); null when refused.</summary>
    public string? IndexPath { get; }

    /// <summary>The index written; null when refused.</summary>
    public ShardSetIndex? Index { get; }

    /// <summary>The set digest (SHA-256 of the index); null when refused.</summary>
    public string? Digest { get; }

    /// <summary>True when the manifest and the index were written.</summary>
    public bool Succeeded => Diagnostics.Count == 0 && Index is not null;

    internal static GroupResult Refused(string manifestPath, string setId, IReadOnlyList<ManifestDiagnostic> diagnostics) =>
        new(manifestPath, setId, diagnostics, 0, null, null, null);
}
