namespace Provenance.Cli.Tests.Helpers;

/// <summary>Builds small, real manifests on disk: two human shards and one synthetic shard, sealed by the CLI.</summary>
public static class Mixes
{
    /// <summary>
    /// The standard mix: <c>sotu-a</c> (human, 5 lines), <c>sotu-b</c> (human, 3 lines), <c>synth-g1</c> (synthetic, 3 lines).
    /// <paramref name="extraPolicy"/> is inserted into a <c>policy:</c> block when given.
    /// </summary>
    public static void WriteStandard(TempFolder folder, string? extraPolicy = null, bool seal = true)
    {
        folder.Write("data/human/sotu-a.jsonl", Corpus.SotuLines(0, 5));
        folder.Write("data/human/sotu-b.jsonl", Corpus.SotuLines(5, 3));
        folder.Write("data/synthetic/g1.jsonl", Corpus.MobyLines(0, 3));
        string policy = extraPolicy is null ? string.Empty : "policy:\n" + extraPolicy;
        folder.Write("provenance.yaml",
            "# A small mix of human speeches and a synthetic stand-in.\n" +
            "provenance: 1\n" +
            "dataset: cli-test\n" +
            policy +
            "shards:\n" +
            "  - id: sotu-a\n" +
            "    path: data/human/sotu-a.jsonl\n" +
            "    origin: human\n" +
            "  - id: sotu-b\n" +
            "    path: data/human/sotu-b.jsonl\n" +
            "    origin: human\n" +
            "  - id: synth-g1\n" +
            "    path: data/synthetic/g1.jsonl\n" +
            "    origin: synthetic\n" +
            "    generator: { model: demo-bigram@1 }\n");
        if (seal)
        {
            var result = CliRunner.Run(folder, "seal");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }
}
