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

    /// <summary>A folder with real shards h1, h2 (human), s1 (synthetic), sealed into base.yaml (25 lines) and locked.</summary>
    public static TempManifest PrepareFolder()
    {
        var temp = Scenario.Create();
        File.Copy(temp.ManifestPath, Path.Combine(temp.Root, "base.yaml"));
        var locked = ManifestChecker.Lock(temp.ManifestPath, new CheckOptions { Verify = Provenance.Manifest.Digests.VerifyMode.None });
        Assert.False(locked.HasErrors, string.Join("\n", locked.Diagnostics));
        Assert.Equal(25, File.ReadAllLines(temp.ManifestPath).Length);
        return temp;
    }

    /// <summary>The sealed base manifest of the folder (25 lines; shards: at line 3).</summary>
    public static string BaseManifest(TempManifest t) => File.ReadAllText(Path.Combine(t.Root, "base.yaml"));
}
