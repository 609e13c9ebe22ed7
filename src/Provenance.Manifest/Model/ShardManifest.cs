using System.Collections.Generic;

namespace Provenance.Manifest.Model;

/// <summary>
/// A manifest (format version 1): one training mix, described shard by shard.
/// See <c>docs/manifest.md</c> for every key; <see cref="Reading.ManifestReader"/> reads it and
/// <see cref="Writing.ManifestWriter"/> writes it.
/// </summary>
public sealed class ShardManifest : ModelNode
{
    /// <summary>The manifest format version this engine reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Full path of the manifest file (empty for a manifest built in code and not yet written).</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>The <c>provenance:</c> format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The dataset (training mix) name.</summary>
    public string Dataset { get; set; } = string.Empty;

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Path of the previous generation's manifest, relative to this manifest's folder; enables the accumulate check.</summary>
    public string? Parent { get; set; }

    /// <summary>The policy; defaults apply to every key not written.</summary>
    public ManifestPolicy Policy { get; set; } = new();

    /// <summary>The shards, in file order.</summary>
    public List<Shard> Shards { get; } = new();

    /// <summary>Approved removals from the protected human corpus.</summary>
    public List<RemovedShard> Removed { get; } = new();

    /// <summary>The folder the manifest's relative paths resolve against.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(FilePath) ?? string.Empty;
}
