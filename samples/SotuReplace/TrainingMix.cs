namespace SotuReplace;

/// <summary>
/// Where the training job reads its data: <see cref="Manifest"/>, a generation-2 mix that holds only generation 1's
/// synthetic shards. Provenance.Build stops the build before this code compiles (PROV2001, PROV2003, PROV2004).
/// </summary>
public static class TrainingMix
{
    /// <summary>The generation-2 training mix, replaced instead of accumulated.</summary>
    public const string Manifest = "provenance.yaml";
}
