using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Provenance.Manifest.Content;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Digests;

/// <summary>
/// Checks each shard's file: safe path (PROV1009), existing regular file (PROV1010), sealed (PROV1012),
/// remote shards (PROV1022), size and digest against the declaration (PROV1011), and a file that changes while
/// it is hashed (PROV1023). Hashing runs in parallel on all cores; <see cref="VerifyMode.Changed"/> uses a
/// <see cref="DigestCache"/> keyed by size and modification time.
/// </summary>
public static class ShardFileChecker
{
    /// <summary>Checks the shards of <paramref name="manifest"/> and returns the diagnostics in shard order.</summary>
    /// <param name="manifest">A manifest read from a file.</param>
    /// <param name="mode">How much to hash.</param>
    /// <param name="cache">The digest cache for <see cref="VerifyMode.Changed"/> (may be null: then every file is hashed).</param>
    /// <param name="progress">Receives the bytes hashed so far and the bytes to hash in all, after every 1 MiB block (optional); files whose cached digest is used are not counted.</param>
    /// <param name="hashedFiles">Receives the full path of every file actually hashed (optional; for tests and benchmarks).</param>
    /// <param name="lfs">
    /// How a git-lfs pointer in place of a shard is checked: <see cref="LfsMode.Auto"/> compares its oid and size with the
    /// manifest's digest and bytes (PROV1011 when they differ, PROV1029 when they match); <see cref="LfsMode.Content"/>
    /// refuses it (PROV1030). Only files under 1024 bytes whose size differs from the declared bytes are read for this.
    /// </param>
    public static IReadOnlyList<ManifestDiagnostic> Check(
        ShardManifest manifest,
        VerifyMode mode,
        DigestCache? cache,
        IProgress<(long Done, long Total)>? progress = null,
        ConcurrentBag<string>? hashedFiles = null,
        LfsMode lfs = LfsMode.Auto)
    {
        var perShard = new List<ManifestDiagnostic>[manifest.Shards.Count];
        var toHash = new List<(int Index, string Path, FileInfo Info)>();
        string file = manifest.FilePath;
        var hashWork = new (int Index, string Path, FileInfo Info)?[manifest.Shards.Count];
        void CheckAt(int i)
        {
            var shard = manifest.Shards[i];
            var list = perShard[i] = new List<ManifestDiagnostic>();
            if (shard.IsSet)
            {
                return; // checked by Sets.ShardSetChecker
            }

            var missing = MissingSeal(shard);
            if (missing.Count > 0 && shard.Path is not null)
            {
                bool fatal = shard.Origin == ShardOrigin.Human && shard.Digest is null;
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardNotSealed, fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, file, shard.ValueSpan("id"),
                    $"Shard '{shard.Id}' is not sealed ({string.Join(", ", missing)} missing){(fatal ? "; a human shard is protected by its digest, so it must have one" : string.Empty)}. Run 'provenance seal'."));
            }

            if (shard.Uri is not null)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.RemoteShardUnverified, file, shard.ValueSpan("uri"),
                    $"Shard '{shard.Id}' is remote ({shard.Uri}); it is counted from its declared amounts but not fetched or verified."));
                return;
            }

            if (shard.Path is null)
            {
                return;
            }

            string? full = ShardPaths.Resolve(manifest.Directory, shard.Path, out string? problem, out var kind);
            if (full is null)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, file, shard.ValueSpan("path"),
                    $"Path '{shard.Path}' of shard '{shard.Id}' is unsafe: {problem}."));
                return;
            }

            FileInfo info;
            try
            {
                info = new FileInfo(full);
                if (!info.Exists)
                {
                    string what = Directory.Exists(full) ? "is a directory, not a file" : "does not exist";
                    list.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, file, shard.ValueSpan("path"),
                        $"Shard '{shard.Id}': '{shard.Path}' {what}."));
                    return;
                }

                string? special = kind switch
                {
                    Internal.UnixFileStatus.Kind.Device => "a device",
                    Internal.UnixFileStatus.Kind.Fifo => "a FIFO",
                    Internal.UnixFileStatus.Kind.Socket => "a socket",
                    Internal.UnixFileStatus.Kind.Other => "a special file",
                    _ => (info.Attributes & (FileAttributes.Device | FileAttributes.Directory)) != 0 ? "a special file" : null,
                };
                if (special is not null)
                {
                    list.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, file, shard.ValueSpan("path"),
                        $"Shard '{shard.Id}': '{shard.Path}' is {special}, not a regular file of data."));
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, file, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}': '{shard.Path}' cannot be read: {ex.Message}"));
                return;
            }

            if (mode == VerifyMode.None)
            {
                return;
            }

            if (CheckPointer(shard, full, info.Length, list))
            {
                return;
            }

            if (shard.Bytes is { } declaredBytes && declaredBytes != info.Length)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.DigestMismatch, file, shard.ValueSpan("bytes"),
                    $"Shard '{shard.Id}' declares {declaredBytes} bytes but '{shard.Path}' has {info.Length}; the file changed since it was sealed. Restore it, or re-seal if the change is intended."));
                return;
            }

            if (shard.Digest is null)
            {
                return;
            }

            // Changed mode: a file whose size and modification time match the cache is not read again.
            if (mode == VerifyMode.Changed && cache?.TryGet(full, info.Length, info.LastWriteTimeUtc.Ticks) is { } cached)
            {
                if (!string.Equals(cached, shard.Digest, StringComparison.Ordinal))
                {
                    list.Add(Mismatch(shard, cached));
                }

                return;
            }

            hashWork[i] = (i, full, info);
        }

        // True when the file is a git-lfs pointer (valid or not) and has been judged as one.
        bool CheckPointer(Shard shard, string full, long length, List<ManifestDiagnostic> list)
        {
            LfsPointer? pointer;
            string? problem;
            try
            {
                pointer = LfsPointer.InPlaceOf(full, length, shard.Bytes, out problem);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }

            if (pointer is null && problem is null)
            {
                return false;
            }

            if (problem is not null)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLfsPointer, file, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}': '{shard.Path}' begins like a git-lfs pointer but is not a valid one: {problem}. Restore the pointer git-lfs wrote, or the content (git lfs pull)."));
            }
            else if (lfs == LfsMode.Content)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.LfsContentMissing, file, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}': '{shard.Path}' is a git-lfs pointer ({pointer!.Size:N0} bytes of content not pulled), and the check requires content. Run 'git lfs pull', or let the pointer be verified (ProvenanceLfs=auto, --lfs auto)."));
            }
            else if (shard.Digest is not null && !string.Equals(pointer!.Digest, shard.Digest, StringComparison.Ordinal))
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.DigestMismatch, file, shard.ValueSpan("digest"),
                    $"Digest mismatch for shard '{shard.Id}': the manifest says {shard.Digest} but '{shard.Path}' is a git-lfs pointer to {pointer.Digest}. The LFS object was replaced since the shard was sealed; restore it, or re-seal if the change is intended."));
            }
            else if (shard.Bytes is { } declared && declared != pointer!.Size)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.DigestMismatch, file, shard.ValueSpan("bytes"),
                    $"Shard '{shard.Id}' declares {declared} bytes but '{shard.Path}' is a git-lfs pointer to {pointer.Size} bytes. The LFS object was replaced since the shard was sealed; restore it, or re-seal if the change is intended."));
            }
            else if (shard.Digest is not null)
            {
                list.Add(new ManifestDiagnostic(DiagnosticRegistry.VerifiedByLfsPointer, file, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}' was verified by its git-lfs pointer (oid and size match the manifest), not by its bytes; its content is not in this checkout."));
            }

            return true;
        }

        ManifestDiagnostic Mismatch(Shard shard, string actual) =>
            new(DiagnosticRegistry.DigestMismatch, file, shard.ValueSpan("digest"),
                $"Digest mismatch for shard '{shard.Id}': the manifest says {shard.Digest} but '{shard.Path}' hashes to {actual}. The file changed since it was sealed; restore it, or re-seal if the change is intended.");

        if (manifest.Shards.Count >= Reading.ManifestReader.ParallelThreshold)
        {
            Parallel.For(0, manifest.Shards.Count, CheckAt);
        }
        else
        {
            for (int i = 0; i < manifest.Shards.Count; i++)
            {
                CheckAt(i);
            }
        }

        foreach (var work in hashWork)
        {
            if (work is { } w)
            {
                toHash.Add(w);
            }
        }

        long total = toHash.Sum(h => h.Info.Length);
        long done = 0;
        // Each shard is hashed by exactly one iteration, which alone writes that shard's diagnostic list.
        Parallel.ForEach(toHash, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
        {
            var shard = manifest.Shards[item.Index];
            var list = perShard[item.Index];
            ManifestDiagnostic Changed() => new(DiagnosticRegistry.ShardChangedDuringHash, file, shard.ValueSpan("path"),
                $"Shard '{shard.Id}': '{shard.Path}' changed while it was being hashed; its digest was not recorded. Check again when writers are done.");
            long mtime = item.Info.LastWriteTimeUtc.Ticks;
            string digest;
            {
                try
                {
                    digest = ShardHasher.HashFile(item.Path, progress is null ? null : read => progress.Report((Interlocked.Add(ref done, read), total)));
                    hashedFiles?.Add(item.Path);
                    var after = new FileInfo(item.Path);
                    if (after.Length != item.Info.Length || after.LastWriteTimeUtc.Ticks != mtime)
                    {
                        list.Add(Changed());
                        return;
                    }

                    cache?.Set(item.Path, item.Info.Length, mtime, digest);
                }
                catch (ShardChangedException)
                {
                    list.Add(Changed());
                    return;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    list.Add(new ManifestDiagnostic(DiagnosticRegistry.ShardFileNotFound, file, shard.ValueSpan("path"),
                        $"Shard '{shard.Id}': '{shard.Path}' cannot be read: {ex.Message}"));
                    return;
                }
            }

            if (!string.Equals(digest, shard.Digest, StringComparison.Ordinal))
            {
                list.Add(Mismatch(shard, digest));
            }
        });

        return perShard.SelectMany(d => d).ToList();
    }

    private static readonly string[] Sealed = Array.Empty<string>();

    /// <summary>What <c>provenance seal</c> would add to a shard: its digest and bytes, and for text formats its records and tokens.</summary>
    private static IReadOnlyList<string> MissingSeal(Shard shard)
    {
        bool counted = Content.ShardFormats.IsCounted(shard.Format);
        if (shard.Digest is not null && shard.Bytes is not null && (!counted || (shard.Records is not null && shard.Tokens is not null)))
        {
            return Sealed;
        }

        var missing = new List<string>(4);
        if (shard.Digest is null)
        {
            missing.Add("digest");
        }

        if (counted && shard.Records is null)
        {
            missing.Add("records");
        }

        if (counted && shard.Tokens is null)
        {
            missing.Add("tokens");
        }

        if (shard.Bytes is null)
        {
            missing.Add("bytes");
        }

        return missing;
    }
}
