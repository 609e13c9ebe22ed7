using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Hostile;

/// <summary>
/// One hostile input: how to lay it out in a fresh folder (beside two sealed, locked human shards h1, h2 and a
/// synthetic shard s1), and the exact diagnostic id and 1-based position it must produce.
/// </summary>
public sealed record HostileCase(string Name, string Id, int Line, int Column, Action<TempManifest> Arrange)
{
    public override string ToString() => Name;

    /// <summary>Writes a manifest whose shards: list is the valid base plus <paramref name="extra"/> (already indented).</summary>
    public static Action<TempManifest> Shards(string extra) => t => t.Manifest(BaseManifest(t) + extra);

    /// <summary>Writes the given manifest text verbatim.</summary>
    public static Action<TempManifest> Text(string yaml) => t => t.Manifest(yaml);

    /// <summary>Writes raw bytes as the manifest.</summary>
    public static Action<TempManifest> Bytes(byte[] bytes) => t => File.WriteAllBytes(t.ManifestPath, bytes);

    /// <summary>The sealed base manifest of the folder (17 lines; shards: at line 3).</summary>
    public static string BaseManifest(TempManifest t) => File.ReadAllText(Path.Combine(t.Root, "base.yaml"));
}
