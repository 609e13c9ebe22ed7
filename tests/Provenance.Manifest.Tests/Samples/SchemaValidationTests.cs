using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Provenance.Manifest.Tests.Samples;

/// <summary>
/// <c>docs/schema/provenance.schema.json</c> is what editors check manifests against; it must accept every manifest the
/// repository ships (<c>samples/**/provenance*.yaml</c>, <c>samples/**/*.provenance.yaml</c>) and every whole manifest
/// shown in <c>docs/*.md</c>, validated by an independent implementation (JsonSchema.Net, draft-07), not by our reader.
/// A docs example that is part of a manifest (a <c>policy:</c> block, a <c>shards:</c> list, shard items) is validated
/// inside a minimal manifest; YAML that is no manifest at all (CI workflows) and a bare comment line are left out.
/// YAML is turned into JSON with the YAML 1.2 core schema (plain <c>1</c> is an integer, <c>0.10</c> a number,
/// <c>true</c> a boolean, quoted text a string), as the yaml-language-server does.
/// </summary>
public sealed class SchemaValidationTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Root, "docs", "schema", "provenance.schema.json"))));

    public static TheoryData<string> SampleManifests()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(Root, "samples"), "*.yaml", SearchOption.AllDirectories)
                     .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("provenance", StringComparison.Ordinal) || name.EndsWith(".provenance.yaml", StringComparison.Ordinal)))
                     .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "out"))
                     .OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, path).Replace('\\', '/'));
        }

        return data;
    }

    public static TheoryData<string, int> DocExamples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (doc, line, _) in YamlBlocks().Where(b => AsManifest(b.Yaml) is not null))
        {
            data.Add(doc, line);
        }

        return data;
    }

    [Fact]
    public void TheSamplesHoldManifests_AndTheDocsShowWholeManifests()
    {
        int samples = SampleManifests().Count, examples = DocExamples().Count;
        Assert.True(samples >= 4, "too few sample manifests found: " + samples);
        Assert.True(examples >= 5, "too few manifest examples found in docs/*.md: " + examples);
    }

    [Theory]
    [MemberData(nameof(SampleManifests))]
    public void SampleManifest_IsValidAgainstTheSchema(string relative)
    {
        AssertValid(File.ReadAllText(Path.Combine(Root, relative)), relative);
    }

    [Theory]
    [MemberData(nameof(DocExamples))]
    public void DocsYamlExample_IsValidAgainstTheSchema(string doc, int line)
    {
        string yaml = YamlBlocks().Single(b => b.Doc == doc && b.Line == line).Yaml;
        AssertValid(AsManifest(yaml)!, $"{doc}:{line}");
    }

    [Fact]
    public void TheSchemaRejectsWhatTheReaderRejects_SoTheseTestsCanFail()
    {
        var misspelt = Schema.Value.Evaluate(ToJson("provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    orgin: human\n"), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(misspelt.IsValid);

        var percentFloor = Schema.Value.Evaluate(ToJson("provenance: 1\ndataset: d\npolicy:\n  humanFloor: 10\nshards: []\n"), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(percentFloor.IsValid);

        var quotedVersion = Schema.Value.Evaluate(ToJson("provenance: \"1\"\ndataset: d\nshards: []\n"), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(quotedVersion.IsValid);
    }

    private static void AssertValid(string yaml, string where)
    {
        var result = Schema.Value.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? Array.Empty<EvaluationResults>()).Append(result)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Distinct()
            .ToList();
        Assert.True(result.IsValid, $"{where} is not valid against docs/schema/provenance.schema.json:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    /// <summary>Every <c>```yaml</c> block of <c>docs/*.md</c>: the file, the line of its first YAML line, the text.</summary>
    private static IEnumerable<(string Doc, int Line, string Yaml)> YamlBlocks()
    {
        foreach (string path in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```yaml")
                {
                    continue;
                }

                int start = i + 1;
                int end = start;
                while (end < lines.Length && lines[end].Trim() != "```")
                {
                    end++;
                }

                yield return ("docs/" + Path.GetFileName(path), start + 1, string.Join("\n", lines[start..end]) + "\n");
                i = end;
            }
        }
    }

    /// <summary>
    /// The manifest a docs example stands for: the example itself when it has a top-level <c>provenance:</c> key; a
    /// fragment of top-level manifest keys or a list of shard items inside the smallest manifest around it; else null.
    /// </summary>
    private static string? AsManifest(string yaml)
    {
        string first = yaml.Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) ?? string.Empty;
        if (Regex.IsMatch(yaml, "^provenance:", RegexOptions.Multiline))
        {
            return yaml;
        }

        if (first.StartsWith("- id:", StringComparison.Ordinal))
        {
            return "provenance: 1\ndataset: example\nshards:\n" + yaml;
        }

        if (Regex.IsMatch(first, "^(dataset|description|parent|policy|shards|removed):"))
        {
            string head = "provenance: 1\n" + (Regex.IsMatch(yaml, "^dataset:", RegexOptions.Multiline) ? string.Empty : "dataset: example\n");
            return head + yaml + (Regex.IsMatch(yaml, "^shards:", RegexOptions.Multiline) ? string.Empty : "shards: []\n");
        }

        return null;
    }

    internal static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, Convert(e.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException("Unexpected YAML node " + node.NodeType),
    };

    /// <summary>YAML 1.2 core schema resolution of a scalar.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (Regex.IsMatch(value, "^[-+]?[0-9]+$") && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (Regex.IsMatch(value, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"))
        {
            return JsonValue.Create(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(value);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Provenance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder containing Provenance.sln above {AppContext.BaseDirectory}.");
    }
}
