using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Internal;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Writing;

/// <summary>
/// <c>provenance seal</c>: computes <c>records</c>, <c>tokens</c>, <c>bytes</c> and <c>digest</c> of every local shard
/// with <see cref="ShardMeasure"/> (in parallel, one pass per file; a git-lfs pointer gives digest and bytes only) and writes them into the manifest by editing its
/// text in place, so comments, order and formatting survive. Only the manifest is written (atomically); shard files
/// are opened read-only. Refuses to seal a manifest with syntax or schema errors, or shards with unsafe paths.
/// </summary>
public static class ManifestSealer
{
    /// <summary>Seals the manifest at <paramref name="manifestPath"/>.</summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="progress">Receives bytes counted so far and bytes in all (optional).</param>
    /// <param name="fingerprints">
    /// Where each shard's record fingerprints are written, computed in the same pass as its digest
    /// (<see cref="FingerprintStore"/>); null for a digest-only seal.
    /// </param>
    /// <param name="partition">
    /// Seal only this partition of every shard set into partial indexes (<see cref="Sets.ShardSetIndex.PartialPath"/>); the
    /// manifest and single-file shards are left alone. Null for a whole seal.
    /// </param>
    /// <param name="merge">Take each set's index from its partial indexes (<see cref="Sets.ShardSetSealer.Merge"/>) instead of its files, then delete them.</param>
    public static SealResult Seal(string manifestPath, IProgress<(long Done, long Total)>? progress = null, FingerprintStore? fingerprints = null, Sets.SealPartition? partition = null, bool merge = false)
    {
        string full = Path.GetFullPath(manifestPath);
        var read = ManifestReader.ReadFile(full);
        var diagnostics = read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (read.Manifest is null || diagnostics.Count > 0)
        {
            return new SealResult(full, diagnostics, 0, 0);
        }

        var manifest = read.Manifest;
        var work = new List<(Shard Shard, string Path)>();
        foreach (var shard in manifest.Shards)
        {
            if (shard.IsSet && ShardPaths.Resolve(manifest.Directory, Sets.ShardSetIndex.PathOf(manifest, shard), out string? indexProblem) is null)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, full, shard.ValueSpan("index"), $"Index '{Sets.ShardSetIndex.PathOf(manifest, shard)}' of shard set '{shard.Id}' is unsafe: {indexProblem}."));
            }
            else if (shard.IsSet && shard.Node is { IsFlow: true })
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, full, shard.Span, $"Shard set '{shard.Id}' is written in flow style ({{ ... }}); write it as a block mapping so it can be sealed."));
            }

            if (shard.Path is null || partition is not null)
            {
                continue;
            }

            string? path = ShardPaths.Resolve(manifest.Directory, shard.Path, out string? problem);
            if (path is null)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, full, shard.ValueSpan("path"), $"Path '{shard.Path}' of shard '{shard.Id}' is unsafe: {problem}."));
            }
            else if (!File.Exists(path))
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, full, shard.ValueSpan("path"), $"Shard '{shard.Id}': '{shard.Path}' does not exist."));
            }
            else if (shard.Node is { IsFlow: true })
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, full, shard.Span, $"Shard '{shard.Id}' is written in flow style ({{ ... }}); write it as a block mapping so it can be sealed."));
            }
            else
            {
                work.Add((shard, path));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new SealResult(full, diagnostics, 0, 0);
        }

        var sets = manifest.Shards.Where(s => s.IsSet).ToList();
        var indexes = new Sets.ShardSetIndex?[sets.Count];
        var mergedPartials = new List<string>();
        long total = work.Sum(w => new FileInfo(w.Path).Length), done = 0;
        Action<int>? onBlock = progress is null ? null : read => progress.Report((Interlocked.Add(ref done, read), total));
        for (int i = 0; i < sets.Count; i++)
        {
            if (merge)
            {
                indexes[i] = Sets.ShardSetSealer.Merge(manifest, sets[i], diagnostics, out var partials);
                mergedPartials.AddRange(partials);
            }
            else
            {
                // No record fingerprints for a set's files yet: the record-level rules compare single shards only, and a
                // million-file set would write a million sidecars.
                indexes[i] = Sets.ShardSetSealer.Measure(manifest, sets[i], partition, diagnostics, onBlock, fingerprints: null);
            }
        }

        if (diagnostics.Count > 0)
        {
            return new SealResult(full, diagnostics, 0, 0);
        }

        if (partition is { } part)
        {
            for (int i = 0; i < sets.Count; i++)
            {
                string partial = Sets.ShardSetIndex.PartialPath(Sets.ShardSetIndex.PathOf(manifest, sets[i]), part.Index, part.Count);
                WriteIndex(manifest, partial, indexes[i]!.ToBytes());
            }

            return new SealResult(full, diagnostics, sets.Count, 0);
        }

        var measures = new ShardMeasure[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            measures[i] = ShardMeasure.Measure(work[i].Path, work[i].Shard, full, onBlock, fingerprints is not null);
            if (fingerprints is not null && measures[i].Amounts is { Fingerprints: { } records } amounts)
            {
                fingerprints.Save(amounts.Digest, work[i].Shard.TextField, records);
            }
        });
        diagnostics.AddRange(measures.Where(m => m.Problem is not null).Select(m => m.Problem!));
        if (diagnostics.Count > 0)
        {
            return new SealResult(full, diagnostics, 0, 0);
        }

        var notes = new List<ManifestDiagnostic>();
        var text = new ManifestText(File.ReadAllBytes(full));
        var edits = new List<(int Offset, int Length, string Text)>();
        int changed = 0;
        for (int i = 0; i < work.Count; i++)
        {
            var shard = work[i].Shard;
            var m = measures[i];
            var values = new List<(string Key, string Value)>();
            if (m.Amounts is { Records: >= 0 } a)
            {
                values.Add(("records", a.Records.ToString(CultureInfo.InvariantCulture)));
                values.Add(("tokens", a.Tokens.ToString(CultureInfo.InvariantCulture)));
            }

            if (m.Pointer is not null)
            {
                notes.Add(new ManifestDiagnostic(DiagnosticRegistry.VerifiedByLfsPointer, full, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}': '{shard.Path}' is a git-lfs pointer; digest and bytes were taken from it, records and tokens {(shard.Records is null || shard.Tokens is null ? "stay unsealed until the content is pulled (git lfs pull) and sealed" : "are kept as declared")}."));
            }

            values.Add(("bytes", m.Bytes!.Value.ToString(CultureInfo.InvariantCulture)));
            values.Add(("digest", m.Digest!));
            if (AddEdits(shard.Node!, values, text, edits))
            {
                changed++;
            }
        }

        for (int i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            var index = indexes[i]!;
            byte[] bytes = index.ToBytes();
            string indexPath = Sets.ShardSetIndex.PathOf(manifest, set);
            WriteIndex(manifest, indexPath, bytes);
            var values = new List<(string Key, string Value)>();
            if (set.Index is null)
            {
                values.Add(("index", indexPath));
            }

            values.Add(("fileCount", index.Entries.Count.ToString(CultureInfo.InvariantCulture)));
            if (index.Records is { } records && index.Tokens is { } tokens)
            {
                values.Add(("records", records.ToString(CultureInfo.InvariantCulture)));
                values.Add(("tokens", tokens.ToString(CultureInfo.InvariantCulture)));
            }

            values.Add(("bytes", index.Bytes.ToString(CultureInfo.InvariantCulture)));
            values.Add(("digest", Sets.ShardSetIndex.DigestOf(bytes)));
            if (AddEdits(set.Node!, values, text, edits))
            {
                changed++;
            }
        }

        if (edits.Count > 0)
        {
            text.Save(full, text.Apply(edits));
        }

        foreach (string partial in mergedPartials)
        {
            try
            {
                File.Delete(partial);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                notes.Add(new ManifestDiagnostic(DiagnosticRegistry.PartitionsIncomplete, DiagnosticSeverity.Warning, full, SourceSpan.FileStart, $"The merged partial index {partial} could not be deleted: {ex.Message}"));
            }
        }

        return new SealResult(full, diagnostics, work.Count + sets.Count, changed, notes);
    }

    /// <summary>Writes an index (or partial index) atomically, creating its folder; only when its bytes differ.</summary>
    private static void WriteIndex(ShardManifest manifest, string relative, byte[] bytes)
    {
        string path = Path.Combine(manifest.Directory, relative.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    private static bool AddEdits(YMapping node, List<(string Key, string Value)> values, ManifestText text, List<(int, int, string)> edits)
    {
        bool changed = false;
        var inserts = new List<string>();
        foreach (var (key, value) in values)
        {
            var existing = node.Get(key);
            if (existing is YScalar scalar && !scalar.IsNull)
            {
                if (scalar.Value != value)
                {
                    int start = text.Offset(scalar.Span.Line, scalar.Span.Column);
                    int end = text.Offset(scalar.Span.EndLine, scalar.Span.EndColumn);
                    edits.Add((start, end - start, value));
                    changed = true;
                }
            }
            else if (existing is null)
            {
                inserts.Add(key + ": " + value);
                changed = true;
            }
            else
            {
                var span = existing.Span;
                int start = text.Offset(span.Line, span.Column);
                int end = text.Offset(span.EndLine, span.EndColumn);
                edits.Add((start, end - start, value));
                changed = true;
            }
        }

        if (inserts.Count > 0)
        {
            var first = node.KeySpanAt(0);
            string indent = new(' ', first.Column - 1);
            var last = node.ValueAt(node.Count - 1).Span;
            int offset = text.LineAfter(last.Line, last.EndLine, last.EndColumn);
            edits.Add((offset, 0, text.PrefixAt(offset) + string.Concat(inserts.Select(line => indent + line + text.Newline))));
        }

        return changed;
    }
}

/// <summary>The outcome of <see cref="ManifestSealer.Seal"/>.</summary>
public sealed class SealResult
{
    internal SealResult(string manifestPath, IReadOnlyList<ManifestDiagnostic> diagnostics, int shardsSealed, int shardsChanged, IReadOnlyList<ManifestDiagnostic>? notes = null)
    {
        Notes = notes ?? Array.Empty<ManifestDiagnostic>();
        ManifestPath = manifestPath;
        Diagnostics = diagnostics;
        ShardsSealed = shardsSealed;
        ShardsChanged = shardsChanged;
    }

    /// <summary>The manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>Why sealing was refused; empty on success.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    /// <summary>Information on a successful seal: shards sealed from their git-lfs pointers (PROV1029).</summary>
    public IReadOnlyList<ManifestDiagnostic> Notes { get; }

    /// <summary>Local shards counted.</summary>
    public int ShardsSealed { get; }

    /// <summary>Shards whose values changed in the manifest.</summary>
    public int ShardsChanged { get; }

    /// <summary>True when sealing succeeded.</summary>
    public bool Succeeded => Diagnostics.Count == 0;
}
