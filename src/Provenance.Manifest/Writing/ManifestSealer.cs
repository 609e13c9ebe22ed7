using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Internal;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Writing;

/// <summary>
/// <c>provenance seal</c>: computes <c>records</c>, <c>tokens</c>, <c>bytes</c> and <c>digest</c> of every local shard
/// with <see cref="ShardCounter"/> (in parallel, one pass per file) and writes them into the manifest by editing its
/// text in place, so comments, order and formatting survive. Only the manifest is written (atomically); shard files
/// are opened read-only. Refuses to seal a manifest with syntax or schema errors, or shards with unsafe paths.
/// </summary>
public static class ManifestSealer
{
    /// <summary>Seals the manifest at <paramref name="manifestPath"/>.</summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="progress">Receives bytes counted so far and bytes in all (optional).</param>
    public static SealResult Seal(string manifestPath, IProgress<(long Done, long Total)>? progress = null)
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
            if (shard.Path is null)
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

        var amounts = new ShardAmounts[work.Count];
        long total = work.Sum(w => new FileInfo(w.Path).Length), done = 0;
        var failures = new ManifestDiagnostic?[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                amounts[i] = ShardCounter.CountFile(work[i].Path, work[i].Shard.Format);
                progress?.Report((Interlocked.Add(ref done, amounts[i].Bytes), total));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures[i] = new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, full, work[i].Shard.ValueSpan("path"), $"Shard '{work[i].Shard.Id}': '{work[i].Shard.Path}' cannot be read: {ex.Message}");
            }
        });
        diagnostics.AddRange(failures.Where(f => f is not null)!);
        if (diagnostics.Count > 0)
        {
            return new SealResult(full, diagnostics, 0, 0);
        }

        var text = new ManifestText(File.ReadAllBytes(full));
        var edits = new List<(int Offset, int Length, string Text)>();
        int changed = 0;
        for (int i = 0; i < work.Count; i++)
        {
            var shard = work[i].Shard;
            var a = amounts[i];
            var values = new List<(string Key, string Value)>();
            if (a.Records >= 0)
            {
                values.Add(("records", a.Records.ToString(CultureInfo.InvariantCulture)));
                values.Add(("tokens", a.Tokens.ToString(CultureInfo.InvariantCulture)));
            }

            values.Add(("bytes", a.Bytes.ToString(CultureInfo.InvariantCulture)));
            values.Add(("digest", a.Digest));
            if (AddEdits(shard.Node!, values, text, edits))
            {
                changed++;
            }
        }

        if (edits.Count > 0)
        {
            text.Save(full, text.Apply(edits));
        }

        return new SealResult(full, diagnostics, work.Count, changed);
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
    internal SealResult(string manifestPath, IReadOnlyList<ManifestDiagnostic> diagnostics, int shardsSealed, int shardsChanged)
    {
        ManifestPath = manifestPath;
        Diagnostics = diagnostics;
        ShardsSealed = shardsSealed;
        ShardsChanged = shardsChanged;
    }

    /// <summary>The manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>Why sealing was refused; empty on success.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    /// <summary>Local shards counted.</summary>
    public int ShardsSealed { get; }

    /// <summary>Shards whose values changed in the manifest.</summary>
    public int ShardsChanged { get; }

    /// <summary>True when sealing succeeded.</summary>
    public bool Succeeded => Diagnostics.Count == 0;
}
