using System;
using System.Collections.Concurrent;
using System.IO;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Content;

/// <summary>
/// The record fingerprints of shards, for the record-level rules (reshard, record-level loss, leakage, overlap): from the
/// shard's sidecar in the <see cref="FingerprintStore"/> when it is there and sound, else computed from the shard's file
/// when the file is present and still has the manifest's digest (then saved as its sidecar). A sidecar that is corrupt,
/// truncated or another shard's is never trusted: it is regenerated from the data, or, without the data, reported in
/// <see cref="Problems"/>. Results are kept per digest for the life of this object. Thread-safe.
/// </summary>
public sealed class ShardFingerprints
{
    private readonly FingerprintStore? _store;
    private readonly string _manifestDirectory;
    private readonly ConcurrentDictionary<string, RecordFingerprint[]?> _byDigest = new(StringComparer.Ordinal);

    /// <summary>Fingerprints of the shards of the manifest in <paramref name="manifestDirectory"/>, through <paramref name="store"/> (null: compute, never save).</summary>
    public ShardFingerprints(FingerprintStore? store, string manifestDirectory)
    {
        _store = store;
        _manifestDirectory = manifestDirectory;
    }

    /// <summary>Whether fingerprints missing from the store are computed from the shards' files (false: sidecars only, as <c>--verify none</c> reads no data).</summary>
    public bool ComputeMissing { get; set; } = true;

    /// <summary>Sidecars found unsound and not regenerated (no data to regenerate them from), by digest.</summary>
    public ConcurrentDictionary<string, SidecarProblem> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary>The sorted fingerprints of a shard of the manifest, or null when neither a sound sidecar nor its data is at hand.</summary>
    public RecordFingerprint[]? Of(Shard shard) => Of(shard, _manifestDirectory);

    /// <summary>As <see cref="Of(Shard)"/>, for a shard of another manifest (of the lineage) in <paramref name="manifestDirectory"/>.</summary>
    public RecordFingerprint[]? Of(Shard shard, string manifestDirectory) =>
        shard.Digest is not { } digest ? null : _byDigest.GetOrAdd(Key(digest, shard.TextField), _ => Load(digest, shard.TextField) ?? Compute(shard, digest, manifestDirectory));

    /// <summary>The sorted fingerprints of shard content known only by its digest and text field (a dropped shard), from its sidecar alone.</summary>
    public RecordFingerprint[]? Of(string digest, string? textField) => _byDigest.TryGetValue(Key(digest, textField), out var known) && known is not null ? known : Load(digest, textField);

    private static string Key(string digest, string? textField) => textField is null ? digest : digest + "\n" + textField;

    private RecordFingerprint[]? Load(string digest, string? textField)
    {
        if (_store is null)
        {
            return null;
        }

        var sidecar = _store.Load(digest, textField, out string? problem);
        if (problem is not null)
        {
            Problems[digest] = new SidecarProblem(_store.PathFor(digest, textField), problem);
        }

        return sidecar;
    }

    private RecordFingerprint[]? Compute(Shard shard, string digest, string manifestDirectory)
    {
        if (!ComputeMissing || shard.Path is null || !ShardFormats.IsCounted(shard.Format) || ShardPaths.Resolve(manifestDirectory, shard.Path, out _) is not { } path || !File.Exists(path))
        {
            return null;
        }

        try
        {
            long length = new FileInfo(path).Length;
            if (LfsPointer.InPlaceOf(path, length, shard.Bytes, out _) is not null)
            {
                return null; // content not pulled from git-lfs
            }

            var amounts = ShardCounter.CountFile(path, shard.Format, shard.Compression, shard.TextField, fingerprints: true);
            if (!string.Equals(amounts.Digest, digest, StringComparison.Ordinal) || amounts.Fingerprints is null)
            {
                return null; // the file is not the sealed content (PROV1011 says so)
            }

            Problems.TryRemove(digest, out _);
            _store?.Save(digest, shard.TextField, amounts.Fingerprints);
            return amounts.Fingerprints;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ShardContentException or ShardChangedException)
        {
            return null; // the file checks report why the content cannot be read
        }
    }
}

/// <summary>A fingerprint sidecar that was not trusted (see <see cref="FingerprintStore.Load"/>).</summary>
/// <param name="Path">The sidecar's full path.</param>
/// <param name="Reason">Why it is not trusted: corrupt, truncated, unsorted, another shard's or another text field's.</param>
public sealed record SidecarProblem(string Path, string Reason);
