using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Tests.Yaml;

/// <summary>The parallel parse of the shards list must equal the sequential parse, node for node and span for span.</summary>
public class ShardsSplitReaderTests
{
    [Fact]
    public void Large_generated_manifest_splits_and_equals_the_sequential_parse()
    {
        var sb = new StringBuilder("# yaml-language-server: $schema=x\nprovenance: 1\ndataset: big\npolicy:\n  humanFloor: 0.2\nshards:\n");
        for (int i = 0; i < 5000; i++)
        {
            sb.Append($"  - id: s{i}\n    path: data/s{i}.jsonl   # comment\n    origin: {(i % 3 == 0 ? "human" : "synthetic")}\n");
            if (i % 7 == 0)
            {
                sb.Append("    generator:\n      model: m@1\n      decoding: { temperature: 1.0 }\n    derivedFrom:\n      - s0\n      - \"s1\"\n");
            }

            if (i % 11 == 0)
            {
                sb.Append("    source: {name: 'x, y', license: CC0-1.0}\n\n    # a comment line inside an item\n");
            }
        }

        sb.Append("removed:\n  - digest: sha256:" + new string('0', 64) + "\n    reason: r\n    approvedBy: a\n");
        AssertSameAsSequential(sb.ToString(), expectSplit: true);
        AssertSameAsSequential(sb.ToString().Replace("\n", "\r\n"), expectSplit: true);
    }

    [Fact]
    public void Real_sample_manifests_split_and_equal_the_sequential_parse()
    {
        string samples = Path.Combine(Corpus.RepoRoot(), "samples", "SotuAssistant");
        foreach (var manifest in Directory.GetFiles(samples, "*provenance.yaml"))
        {
            string text = File.ReadAllText(manifest);
            AssertSameAsSequential(text, expectSplit: text.Split('\n').Count(l => l.StartsWith("- ") || l.StartsWith("  - ")) >= 4);
        }
    }

    [Fact]
    public void Mutated_manifests_never_split_into_a_different_tree()
    {
        string text = File.ReadAllText(Path.Combine(Corpus.RepoRoot(), "samples", "SotuAssistant", "provenance.yaml"));
        var random = new Random(7);
        int split = 0;
        string[] inserts = { "\"", "'", "[", "{", "|\n", ">\n", "  - ", "- ", "\n  - id: x\n", "#", "\t", "---\n", "&a ", "*a", ":", "\n" };
        for (int i = 0; i < 3000; i++)
        {
            var mutated = new StringBuilder(text);
            for (int m = 0; m < 1 + random.Next(3); m++)
            {
                int at = random.Next(mutated.Length);
                if (random.Next(2) == 0)
                {
                    mutated.Insert(at, inserts[random.Next(inserts.Length)]);
                }
                else
                {
                    mutated.Remove(at, Math.Min(mutated.Length - at, 1 + random.Next(10)));
                }
            }

            if (AssertSameAsSequential(mutated.ToString(), expectSplit: null))
            {
                split++;
            }
        }

        Assert.True(split > 100, $"only {split} mutated inputs took the split path");
    }

    /// <summary>Returns whether the split path was taken; when it was, asserts the trees are identical and the sequential parse had no diagnostics.</summary>
    private static bool AssertSameAsSequential(string text, bool? expectSplit)
    {
        var sequentialDiagnostics = new List<ManifestDiagnostic>();
        var sequential = YamlDocumentReader.ReadSequential(text, "m.yaml", sequentialDiagnostics, 1);
        bool took = ShardsSplitReader.TryRead(text, "m.yaml", out var split);
        if (expectSplit is { } expected)
        {
            Assert.Equal(expected, took);
        }

        if (took)
        {
            Assert.True(sequentialDiagnostics.Count == 0, "split accepted an input the sequential parser reports:\n" + string.Join("\n", sequentialDiagnostics) + "\n---\n" + text);
            Assert.Equal(Dump(sequential), Dump(split));
        }

        return took;
    }

    private static string Dump(YNode? node)
    {
        var sb = new StringBuilder();
        void Walk(YNode? n, int depth)
        {
            sb.Append(' ', depth).Append(n?.GetType().Name).Append(' ').Append(n?.Span.ToString());
            switch (n)
            {
                case YScalar s:
                    sb.Append(' ').Append(s.IsPlain).Append(' ').Append(s.Value).Append('\n');
                    break;
                case YMapping m:
                    sb.Append(' ').Append(m.IsFlow).Append('\n');
                    foreach (var e in m.Entries)
                    {
                        Walk(e.Key, depth + 1);
                        Walk(e.Value, depth + 2);
                    }

                    break;
                case YSequence q:
                    sb.Append(' ').Append(q.IsFlow).Append('\n');
                    foreach (var item in q.Items)
                    {
                        Walk(item, depth + 1);
                    }

                    break;
                default:
                    sb.Append('\n');
                    break;
            }
        }

        Walk(node, 0);
        return sb.ToString();
    }
}
