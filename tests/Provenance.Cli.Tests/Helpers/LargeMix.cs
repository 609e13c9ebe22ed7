using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Provenance.Cli.Tests.Helpers;

/// <summary>
/// A generated mix of many small shards in three generations, as three manifests that accumulate: gen0 (human),
/// gen1 (gen0 + synthetic generation 1, trained on gen0) and provenance.yaml (gen1 + generation 2, trained on gen1).
/// Each synthetic shard is derived from one shard of the generation before; human shards come from three sources.
/// </summary>
public static class LargeMix
{
    public static void Write(TempFolder folder, int shards)
    {
        int human = shards * 4 / 10;
        int perGeneration = (shards - human) / 2;
        var gen0 = new StringBuilder();
        var gen1 = new StringBuilder();
        var gen2 = new StringBuilder();
        for (int i = 0; i < shards; i++)
        {
            int generation = i < human ? 0 : i < human + perGeneration ? 1 : 2;
            string id = "s" + i.ToString("D5", CultureInfo.InvariantCulture);
            string relative = $"data/g{generation}/{id}.jsonl";
            byte[] bytes = Encoding.UTF8.GetBytes($"{{\"text\":\"shard {i} of generation {generation}\"}}\n");
            string path = folder.File(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            var entry = new StringBuilder();
            entry.Append(CultureInfo.InvariantCulture, $"- id: {id}\n  path: {relative}\n  origin: {(generation == 0 ? "human" : "synthetic")}\n  records: 1\n  tokens: {1000 + (i % 977)}\n  bytes: {bytes.Length}\n  digest: sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}\n");
            if (generation == 0)
            {
                entry.Append(CultureInfo.InvariantCulture, $"  source: {{name: corpus-{i % 3}, license: CC0-1.0}}\n");
                gen0.Append(entry);
            }
            else
            {
                int from = generation == 1 ? (i - human) % human : i - perGeneration;
                entry.Append(CultureInfo.InvariantCulture, $"  generation: {generation}\n  generator: {{model: demo-bigram@{generation}, trainedOn: gen{generation - 1}.provenance.yaml}}\n  derivedFrom: [s{from:D5}]\n");
                (generation == 1 ? gen1 : gen2).Append(entry);
            }
        }

        folder.Write("gen0.provenance.yaml", "provenance: 1\ndataset: large-gen0\nshards:\n" + gen0);
        folder.Write("gen1.provenance.yaml", "provenance: 1\ndataset: large-gen1\nparent: gen0.provenance.yaml\nshards:\n" + gen0 + gen1);
        folder.Write("provenance.yaml", "provenance: 1\ndataset: large-gen2\nparent: gen1.provenance.yaml\nshards:\n" + gen0 + gen1 + gen2);
    }
}
