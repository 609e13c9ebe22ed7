using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Sets;

/// <summary>One partition of N (0-based): the files at sorted positions p with p mod <see cref="Count"/> = <see cref="Index"/>.</summary>
/// <param name="Index">0 ≤ Index &lt; Count.</param>
/// <param name="Count">The number of partitions, ≥ 1.</param>
public readonly record struct SealPartition(int Index, int Count)
{
    /// <summary>Parses <c>I/N</c>; null when it is not two whole numbers with 0 ≤ I &lt; N ≤ 100000.</summary>
    public static SealPartition? Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && n <= 100_000 && i < n ? new SealPartition(i, n) : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// Seals shard sets: finds each set's files (<see cref="FileGlob"/>), measures them on all cores with
/// <see cref="ShardMeasure"/> (digest, bytes, records, tokens; a git-lfs pointer gives digest and bytes), keeps the
/// <c>uri</c> entries of the existing index (counted from the storage's record, never fetched), and makes the index.
/// Across machines: <see cref="SealPartition"/> measures one deterministic partition into a partial index, and
/// <see cref="Merge"/> joins the partials into exactly the index one machine would write. Data files are only read.
/// </summary>
public static class ShardSetSealer
{
    /// <summary>
    /// Measures the files of <paramref name="set"/> (all, or one <paramref name="partition"/>) and returns its index (a
    /// partial index for a partition), or null with diagnostics (PROV1009, PROV1010, PROV1023–PROV1028, PROV1046).
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="set">The set.</param>
    /// <param name="partition">The partition to measure, or null for all files.</param>
    /// <param name="diagnostics">Receives why the set could not be sealed.</param>
    /// <param name="onBlock">Receives the bytes of each block read (progress).</param>
    /// <param name="fingerprints">Where the records' fingerprints are saved (per file digest), or null.</param>
    public static ShardSetIndex? Measure(ShardManifest manifest, Shard set, SealPartition? partition, List<ManifestDiagnostic> diagnostics, Action<int>? onBlock = null, FingerprintStore? fingerprints = null)
    {
        var found = Find(manifest, set, diagnostics);
        if (found is null)
        {
            return null;
        }

        var mine = partition is { } p ? found.Where((_, i) => i % p.Count == p.Index).ToList() : found;
        var entries = new IndexEntry?[mine.Count];
        var problems = new ManifestDiagnostic?[mine.Count];
        Parallel.For(0, mine.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = mine[i];
            string full = Path.Combine(manifest.Directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            var (format, compression) = MemberFormat(set, file.Path);
            var member = new Shard { Id = $"{set.Id}: {file.Path}", Path = file.Path, Format = format, Compression = compression, TextField = set.TextField, Node = set.Node };
            var m = ShardMeasure.Measure(full, member, manifest.FilePath, onBlock, fingerprints is not null);
            if (m.Problem is not null)
            {
                problems[i] = new ManifestDiagnostic(m.Problem.Descriptor, m.Problem.Severity, m.Problem.FilePath, set.ValueSpan("files"), m.Problem.Message);
                return;
            }

            if (fingerprints is not null && m.Amounts is { Fingerprints: { } records } amounts)
            {
                fingerprints.Save(amounts.Digest, set.TextField, records);
            }

            bool counted = m.Amounts is { Records: >= 0 };
            entries[i] = new IndexEntry(file.Path, m.Bytes!.Value, m.Digest!, counted ? m.Amounts!.Records : null, counted ? m.Amounts!.Tokens : null);
        });
        diagnostics.AddRange(problems.Where(d => d is not null).Select(d => d!));
        if (problems.Any(d => d is not null))
        {
            return null;
        }

        if (partition is { } part)
        {
            return new ShardSetIndex(entries.Select(e => e!)) { Partition = (part.Index, part.Count, found.Count) };
        }

        return new ShardSetIndex(entries.Select(e => e!).Concat(RemoteEntries(manifest, set)));
    }

    /// <summary>
    /// Joins the partial indexes of <paramref name="set"/> (<see cref="ShardSetIndex.PartialPath"/>) into its index, with the
    /// <c>uri</c> entries of the existing index; null with PROV1048 when a partition is missing, two disagree on N or on the
    /// number of files, a file is in two, or they do not add up. <paramref name="partials"/> receives the files merged.
    /// </summary>
    public static ShardSetIndex? Merge(ShardManifest manifest, Shard set, List<ManifestDiagnostic> diagnostics, out IReadOnlyList<string> partials)
    {
        partials = Array.Empty<string>();
        string indexPath = ShardSetIndex.PathOf(manifest, set);
        string? full = ShardPaths.Resolve(manifest.Directory, indexPath, out string? problem);
        if (full is null)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, manifest.FilePath, set.ValueSpan("index"), $"Index '{indexPath}' of shard set '{set.Id}' is unsafe: {problem}."));
            return null;
        }

        string folder = Path.GetDirectoryName(full)!;
        string stem = Path.GetFileName(full);
        stem = stem.EndsWith(".tsv", StringComparison.Ordinal) ? stem.Substring(0, stem.Length - 4) : stem;
        var pattern = new Regex("^" + Regex.Escape(stem) + @"\.part-(\d+)-of-(\d+)\.tsv$", RegexOptions.CultureInvariant);
        var found = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => pattern.IsMatch(Path.GetFileName(f))).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : new List<string>();
        ManifestDiagnostic Fail(string message) => new(DiagnosticRegistry.PartitionsIncomplete, manifest.FilePath, set.ValueSpan("files"), $"Shard set '{set.Id}': {message}");
        if (found.Count == 0)
        {
            diagnostics.Add(Fail($"no partial index ({stem}.part-I-of-N.tsv beside {indexPath}) to merge. Run 'provenance seal --partition I/N' for every I first, and gather their outputs here."));
            return null;
        }

        var parts = new List<ShardSetIndex>();
        foreach (string path in found)
        {
            var read = ShardSetIndex.Read(path, diagnostics, out _);
            if (read?.Partition is not { } p)
            {
                if (read is not null)
                {
                    diagnostics.Add(Fail($"{Path.GetFileName(path)} has no '# partition I/N of F files' line."));
                }

                return null;
            }

            var name = pattern.Match(Path.GetFileName(path));
            if (name.Groups[1].Value != p.Index.ToString(CultureInfo.InvariantCulture) || name.Groups[2].Value != p.Count.ToString(CultureInfo.InvariantCulture))
            {
                diagnostics.Add(Fail($"{Path.GetFileName(path)} holds partition {p.Index}/{p.Count}, not the one its name says."));
                return null;
            }

            parts.Add(read);
        }

        var counts = parts.Select(p => p.Partition!.Value.Count).Distinct().ToList();
        var totals = parts.Select(p => p.Partition!.Value.Files).Distinct().ToList();
        if (counts.Count > 1)
        {
            diagnostics.Add(Fail($"its partial indexes come from runs with different numbers of partitions ({string.Join(", ", counts)}); delete the stale ones and merge the partials of one run."));
            return null;
        }

        int n = counts[0];
        var missing = Enumerable.Range(0, n).Where(i => parts.All(p => p.Partition!.Value.Index != i)).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(Fail($"partition{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Take(10).Select(i => $"{i}/{n}"))}{(missing.Count > 10 ? ", ..." : string.Empty)} of {n} {(missing.Count == 1 ? "is" : "are")} missing. Run 'provenance seal --partition I/{n}' for {(missing.Count == 1 ? "it" : "them")} and gather the outputs here."));
            return null;
        }

        if (totals.Count > 1)
        {
            diagnostics.Add(Fail($"its partitions saw different numbers of files ({string.Join(", ", totals)}): the jobs did not see the same file tree. Re-run them on one checkout."));
            return null;
        }

        var entries = parts.SelectMany(p => p.Entries).ToList();
        var duplicate = entries.GroupBy(e => e.Location, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null || entries.Count != totals[0])
        {
            diagnostics.Add(Fail(duplicate is not null
                ? $"'{duplicate.Key}' is in more than one partition: the jobs did not see the same file tree. Re-run them on one checkout."
                : $"its partitions hold {entries.Count} files but each saw {totals[0]}: the jobs did not see the same file tree. Re-run them on one checkout."));
            return null;
        }

        partials = found;
        return new ShardSetIndex(entries.Concat(RemoteEntries(manifest, set)));
    }

    /// <summary>
    /// The format and compression one file of <paramref name="set"/> is read by: the set's <c>format:</c> and
    /// <c>compression:</c> where the manifest declares them, else what the file's own name says, as for a single shard (so
    /// one set can hold <c>.jsonl</c> and <c>.jsonl.gz</c> files); a name that says no known format takes the set's.
    /// </summary>
    private static (ShardFormat Format, ShardCompression Compression) MemberFormat(Shard set, string path)
    {
        var inferred = ShardFormats.Infer(path);
        var format = set.Node?.Get("format") is null && inferred.Format is { } named ? named : set.Format;
        var compression = set.Node?.Get("compression") is not null ? set.Compression
            : ShardFormats.IsStreamed(format) ? inferred.Compression : ShardCompression.None;
        return (format, compression);
    }

    /// <summary>The set's files, sorted, or null with PROV1009/PROV1010 when one is a link or none matches.</summary>
    private static List<FoundFile>? Find(ShardManifest manifest, Shard set, List<ManifestDiagnostic> diagnostics)
    {
        List<FoundFile> found;
        try
        {
            found = FileGlob.Find(manifest.Directory, set.Files);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, manifest.FilePath, set.ValueSpan("files"), $"Shard set '{set.Id}': its files cannot be listed: {ex.Message}"));
            return null;
        }

        RemoveIndexes(manifest, set, found);
        var links = found.Where(f => f.IsLink).ToList();
        if (links.Count > 0)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, manifest.FilePath, set.ValueSpan("files"),
                $"Shard set '{set.Id}': '{links[0].Path}'{(links.Count > 1 ? $" and {links.Count - 1} more" : string.Empty)} {(links.Count > 1 ? "are symbolic links" : "is a symbolic link")}, which could point outside the manifest's folder; copy the files instead."));
            return null;
        }

        if (found.Count == 0 && RemoteEntries(manifest, set).Count == 0)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, manifest.FilePath, set.ValueSpan("files"),
                $"Shard set '{set.Id}': its globs ({string.Join(", ", set.Files)}) match no file under the manifest's folder."));
            return null;
        }

        return found;
    }

    /// <summary>Takes the set's index and its partial indexes out of <paramref name="found"/>: they never belong to the set, even where a glob matches them (seal and check alike).</summary>
    internal static void RemoveIndexes(ShardManifest manifest, Shard set, List<FoundFile> found)
    {
        string index = ShardSetIndex.PathOf(manifest, set).Replace('\\', '/');
        string stem = index.EndsWith(".tsv", StringComparison.Ordinal) ? index.Substring(0, index.Length - 4) : index;
        string part = stem + ".part-";
        found.RemoveAll(f => f.Path == index || (f.Path.StartsWith(part, StringComparison.Ordinal) && f.Path.EndsWith(".tsv", StringComparison.Ordinal)));
    }

    /// <summary>The <c>uri</c> entries of the set's existing index (kept by every seal), or none when it has no usable index.</summary>
    private static List<IndexEntry> RemoteEntries(ShardManifest manifest, Shard set)
    {
        string? full = ShardPaths.Resolve(manifest.Directory, ShardSetIndex.PathOf(manifest, set), out _);
        if (full is null || !File.Exists(full))
        {
            return new List<IndexEntry>();
        }

        var index = ShardSetIndex.Read(full, new List<ManifestDiagnostic>(), out _);
        return index?.Entries.Where(e => e.IsRemote).ToList() ?? new List<IndexEntry>();
    }
}
