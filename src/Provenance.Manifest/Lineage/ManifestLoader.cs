using System;
using System.Collections.Generic;
using System.IO;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;

namespace Provenance.Manifest.Lineage;

/// <summary>Reads manifests referenced through <c>parent:</c> and <c>generator.trainedOn</c>, each file once.</summary>
public sealed class ManifestLoader
{
    private readonly Dictionary<string, ManifestReadResult> _cache = new(StringComparer.Ordinal);

    /// <summary>Resolves <paramref name="reference"/> against the folder of <paramref name="from"/> (references may leave the folder).</summary>
    public static string? ResolveReference(ShardManifest from, string reference)
    {
        if (reference.Trim().Length == 0 || reference.IndexOf('\0') >= 0)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(Path.Combine(from.Directory, reference.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>Full paths of every manifest read or registered so far (missing ones included).</summary>
    public IEnumerable<string> Paths => _cache.Keys;

    /// <summary>Registers a manifest that is already read (the one being checked).</summary>
    public void Add(ShardManifest manifest, IReadOnlyList<Diagnostics.ManifestDiagnostic> diagnostics)
    {
        _cache[manifest.FilePath] = new ManifestReadResult(manifest, new List<Diagnostics.ManifestDiagnostic>(diagnostics));
    }

    /// <summary>Reads (or returns the cached) manifest at <paramref name="fullPath"/>; null when missing or unusable.</summary>
    public ShardManifest? Load(string fullPath) => LoadResult(fullPath).Manifest;

    /// <summary>The whole read result, with its diagnostics.</summary>
    public ManifestReadResult LoadResult(string fullPath)
    {
        if (!_cache.TryGetValue(fullPath, out var result))
        {
            result = ManifestReader.ReadFile(fullPath);
            _cache[fullPath] = result;
        }

        return result;
    }
}
