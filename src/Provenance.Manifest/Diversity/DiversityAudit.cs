using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Diversity;

/// <summary>
/// <c>provenance audit --diversity</c>: the diversity of a manifest's text, generation by generation, and of its whole
/// mix, against generation 0's human data. Reads every byte of every local jsonl and text shard (each file once; counts
/// cached by digest in <see cref="DiversityCache"/>), so callers run it only when asked.
/// <para>
/// Generations come from the lineage (<see cref="LineageResolver"/>). The shards of generation g are those of the
/// manifest and of every manifest upstream of it (through <c>generator.trainedOn</c> and <c>parent</c>), each file once
/// (by digest, else by path): a manifest that replaced its data still finds its generation-0 human data upstream.
/// The mix is the manifest's own shards, each counted with its <c>weight</c>: what the next model trains on.
/// </para>
/// <para>
/// Metrics (<see cref="DiversityMetrics"/>): distinct-1 and distinct-2 at a common sample size (generation 0's tokens
/// and bigrams), unigram entropy in bits, and tail survival: the share of generation 0's word types of count ≤ 2 in
/// the row's support. Source: Shumailov et al., Nature 631 (2024); Li et al., NAACL 2016 (distinct-n).
/// </para>
/// </summary>
public static class DiversityAudit
{
    /// <summary>Reads the manifest at <paramref name="manifestPath"/>, resolves its lineage and audits it.</summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="cacheDirectory">The <see cref="DiversityCache"/> folder, or null to count every shard.</param>
    /// <returns>The report, or null when the manifest cannot be read.</returns>
    public static DiversityReport? Run(string manifestPath, string? cacheDirectory = null)
    {
        var read = ManifestReader.ReadFile(Path.GetFullPath(manifestPath));
        if (read.Manifest is null)
        {
            return null;
        }

        var loader = new ManifestLoader();
        loader.Add(read.Manifest, read.Diagnostics);
        var lineage = new LineageResolver(loader).Resolve(read.Manifest);
        return Run(read.Manifest, lineage, loader, cacheDirectory);
    }

    /// <summary>Audits a manifest that is already read, with its lineage and the loader that resolved it.</summary>
    public static DiversityReport Run(ShardManifest manifest, LineageResult lineage, ManifestLoader loader, string? cacheDirectory)
    {
        var session = new Session(new DiversityCache(cacheDirectory));
        var own = new List<(Shard Shard, int Generation, TextCounts Counts)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shard in manifest.Shards)
        {
            if (session.Read(manifest, shard) is { } entry && seen.Add(entry.Key))
            {
                own.Add((shard, lineage.Generations.TryGetValue(shard, out int g) ? g : 0, entry.Counts));
            }
        }

        var upstream = new List<(Shard Shard, int Generation, TextCounts Counts)>();
        var resolver = new LineageResolver(loader);
        foreach (var other in Upstream(manifest, loader))
        {
            var otherLineage = resolver.Resolve(other);
            foreach (var shard in other.Shards)
            {
                if (session.Read(other, shard) is { } entry && seen.Add(entry.Key))
                {
                    upstream.Add((shard, otherLineage.Generations.TryGetValue(shard, out int g) ? g : 0, entry.Counts));
                }
            }
        }

        var groups = own.Select(x => (x.Shard, x.Generation, x.Counts, Upstream: false))
            .Concat(upstream.Select(x => (x.Shard, x.Generation, x.Counts, Upstream: true)))
            .GroupBy(x => x.Generation)
            .OrderBy(g => g.Key)
            .ToList();
        var rowCounts = groups.Select(g =>
        {
            var counts = new TextCounts();
            foreach (var item in g)
            {
                counts.Add(item.Counts);
            }

            return (Generation: g.Key, Ids: (IReadOnlyList<string>)g.Select(x => x.Shard.Id).ToList(), Upstream: g.All(x => x.Upstream), Counts: counts);
        }).ToList();

        TextCounts? mixCounts = null;
        if (own.Count > 0)
        {
            mixCounts = new TextCounts();
            foreach (var item in own)
            {
                mixCounts.Add(item.Counts, item.Shard.Weight);
            }
        }

        var reference = rowCounts.Count > 0 && rowCounts[0].Generation == 0 ? rowCounts[0].Counts : null;
        var sizeSource = reference ?? mixCounts;
        double k1 = sizeSource?.Tokens ?? 0, k2 = sizeSource?.BigramTokens ?? 0;
        DiversityRow Row(string label, int generation, IReadOnlyList<string> ids, bool isUpstream, TextCounts counts) => new(
            label, generation, ids, isUpstream, counts,
            DiversityMetrics.ExpectedDistinctShare(counts.Unigrams.Values, k1),
            DiversityMetrics.ExpectedDistinctShare(counts.Bigrams.Values, k2),
            DiversityMetrics.Entropy(counts.Unigrams.Values),
            reference is null ? double.NaN : DiversityMetrics.TailSurvival(reference.Unigrams, w => counts.Unigrams.TryGetValue(w, out double n) && n > 0));

        var rows = rowCounts.Select(r => Row(r.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Generation, r.Ids, r.Upstream, r.Counts)).ToList();
        var mix = mixCounts is null ? null : Row("mix", lineage.MaxGeneration, own.Select(x => x.Shard.Id).ToList(), false, mixCounts);
        return new DiversityReport(manifest.FilePath, rows, mix, k1, k2, session.Skipped, session.Counted, session.Cached);
    }

    /// <summary>Every manifest upstream of <paramref name="manifest"/> through <c>generator.trainedOn</c> and <c>parent</c>, each once, nearest first.</summary>
    private static IEnumerable<ShardManifest> Upstream(ShardManifest manifest, ManifestLoader loader)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { manifest.FilePath };
        var queue = new Queue<ShardManifest>();
        queue.Enqueue(manifest);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var references = current.Shards.Select(s => s.Generator?.TrainedOn).Concat(new[] { current.Parent });
            foreach (string? reference in references)
            {
                if (reference is null || ManifestLoader.ResolveReference(current, reference) is not { } path || !visited.Add(path))
                {
                    continue;
                }

                if (loader.Load(path) is { } next)
                {
                    yield return next;
                    queue.Enqueue(next);
                }
            }
        }
    }

    private sealed class Session
    {
        private readonly DiversityCache _cache;
        private readonly Dictionary<string, (string Key, TextCounts Counts)> _byPath = new(StringComparer.Ordinal);

        public Session(DiversityCache cache) => _cache = cache;

        public List<SkippedShard> Skipped { get; } = new();

        public int Counted { get; private set; }

        public int Cached { get; private set; }

        /// <summary>The counts of a shard and its identity (digest, else full path); null (and a skip record) when it is not a readable local text shard.</summary>
        public (string Key, TextCounts Counts)? Read(ShardManifest manifest, Shard shard)
        {
            if (shard.Path is null)
            {
                Skip(shard, "a remote shard (uri) is not fetched");
                return null;
            }

            if (shard.Format is not (ShardFormat.Jsonl or ShardFormat.Text) || shard.Compression != ShardCompression.None)
            {
                Skip(shard, $"format {Content.ShardFormats.Name(shard.Format)}{(shard.Compression == ShardCompression.None ? string.Empty : " (" + Content.ShardFormats.Name(shard.Compression) + ")")} is not read (uncompressed jsonl and text are)");
                return null;
            }

            string? path = ShardPaths.Resolve(manifest.Directory, shard.Path, out string? problem);
            if (path is null)
            {
                Skip(shard, "unsafe path: " + problem);
                return null;
            }

            if (_byPath.TryGetValue(path, out var known))
            {
                return known;
            }

            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    Skip(shard, "the file does not exist");
                    return null;
                }

                bool pointer = Content.LfsPointer.InPlaceOf(path, info.Length, shard.Bytes, out string? pointerProblem) is not null;
                if (pointer || pointerProblem is not null)
                {
                    Skip(shard, "a git-lfs pointer: its content is not in this checkout (git lfs pull)");
                    return null;
                }

                long size = info.Length, mtime = info.LastWriteTimeUtc.Ticks;
                TextCounts? counts = shard.Digest is { } declared ? _cache.TryGet(declared, size, mtime) : null;
                string digest;
                if (counts is not null)
                {
                    digest = shard.Digest!;
                    Cached++;
                }
                else
                {
                    counts = ShardText.CountFile(path, shard.Format == ShardFormat.Jsonl, out digest);
                    _cache.Set(digest, size, mtime, counts);
                    Counted++;
                }

                var result = (digest, counts);
                _byPath[path] = result;
                return result;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Skip(shard, "the file cannot be read: " + ex.Message);
                return null;
            }
        }

        private void Skip(Shard shard, string reason)
        {
            if (!Skipped.Any(s => s.Id == shard.Id && s.Reason == reason))
            {
                Skipped.Add(new SkippedShard(shard.Id, reason));
            }
        }
    }
}
