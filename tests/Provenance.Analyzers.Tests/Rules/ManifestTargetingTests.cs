using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

/// <summary>
/// What the manifests say decides the rule (issue 13.1, 13.3): the build hands the analyzers the shards each manifest lists by
/// origin, and the manifests and lock files. Writing or deleting a protected human shard, a listed synthetic shard, a manifest
/// or a lock is PROV3001/PROV3002; rebuilding or deleting any other file under a data root is PROV3005 (info, no fix).
/// Root matching is confined to the project and follows the file system's case rule.
/// </summary>
public sealed class ManifestTargetingTests
{
    /// <summary>What <c>ProvenanceWriteGlobalConfig</c> writes for a project with one manifest (paths joined by '|').</summary>
    internal const string ManifestConfig =
        "provenance.project_dir = /proj\n" +
        "provenance.data_roots = /proj/Data\n" +
        "provenance.human_shards = /proj/Data/human/reviews.tsv|/proj/Data/human/sotu.jsonl\n" +
        "provenance.synthetic_shards = /proj/Data/synthetic/g1.tsv\n" +
        "provenance.manifest_files = /proj/provenance.yaml|/proj/provenance.lock.json";

    private sealed class Overwrite : ProvenanceTest<OverwriteTrainingDataAnalyzer, OverwriteTrainingDataCodeFixProvider>
    {
        public Overwrite()
        {
            GlobalConfig = ManifestConfig;
        }
    }

    private sealed class Delete : ProvenanceTest<DeleteTrainingDataAnalyzer>
    {
        public Delete()
        {
            GlobalConfig = ManifestConfig;
        }
    }

    [Fact]
    public async Task Listed_shards_manifests_and_locks_are_PROV3001_and_other_files_under_the_root_are_PROV3005()
    {
        var test = new Overwrite
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run(string[] rows, string yaml)
                    {
                        [|File.WriteAllLines("Data/human/reviews.tsv", rows)|];
                        [|File.WriteAllLines("Data/synthetic/g1.tsv", rows)|];
                        [|File.WriteAllText("provenance.yaml", yaml)|];
                        [|File.WriteAllText("/proj/provenance.lock.json", "{}")|];
                        {|PROV3005:File.WriteAllLines("Data/splits/train.tsv", rows)|};
                        File.WriteAllLines("Data/cache/features.tsv", rows);
                        File.WriteAllLines("reports/metrics.tsv", rows);
                    }
                }
                """,
        };
        var diagnostics = await test.GetDiagnosticsAsync();
        Assert.Contains("protected human shard '/proj/Data/human/reviews.tsv'", diagnostics.First(d => d.Id == "PROV3001").GetMessage());
        Assert.Contains("manifest or lock file '/proj/provenance.yaml'", string.Join("\n", diagnostics.Select(d => d.GetMessage())));
        var derived = Assert.Single(diagnostics, d => d.Id == "PROV3005");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, derived.Severity);
        Assert.Contains("no manifest lists it", derived.GetMessage());
        Assert.Empty(derived.Properties);
    }

    [Fact]
    public Task PROV3005_has_no_fix_while_the_listed_shard_is_fixed_to_append() =>
        new Overwrite
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run(string row)
                    {
                        [|File.WriteAllText("Data/synthetic/g1.tsv", row)|];
                        {|PROV3005:File.WriteAllText("Data/pivot.csv", row)|};
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Run(string row)
                    {
                        File.AppendAllText("Data/synthetic/g1.tsv", row);
                        {|PROV3005:File.WriteAllText("Data/pivot.csv", row)|};
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Deleting_a_human_shard_or_its_folder_is_PROV3002_and_a_derived_file_PROV3005() =>
        new Delete
        {
            TestCode = """
                using System.IO;
                class Cleanup
                {
                    void Run()
                    {
                        [|File.Delete("Data/human/sotu.jsonl")|];
                        [|Directory.Delete("Data/human", true)|];
                        [|File.Delete("provenance.lock.json")|];
                        {|PROV3005:File.Delete("Data/splits/test.tsv")|};
                        File.Delete("Data/tmp/partial.tsv");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Without_manifest_keys_every_file_under_a_root_is_data_as_before() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "provenance.data_roots = /proj/Data",
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run(string[] rows) => [|File.WriteAllLines("Data/splits/train.tsv", rows)|];
                }
                """,
        }.RunAsync();

    /// <summary>
    /// LLamaSharp's and similar repositories hold Unity projects whose code writes under <c>Assets/</c>; a data root named
    /// <c>assets</c> of another project (or this one, in another case) must not match them.
    /// </summary>
    [Fact]
    public async Task A_root_named_assets_matches_neither_another_projects_Unity_Assets_folder_nor_another_case()
    {
        var test = new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/assets\nprovenance.human_shards = /proj/assets/corpus.txt\nprovenance.manifest_files = /proj/provenance.yaml",
        };
        test.TestState.Sources.Add(("/proj/Program.cs", """
            using System.IO;
            static class Pipeline
            {
                public static void Save(string root, string text)
                {
                    [|File.WriteAllText(Path.Combine(root, "assets", "corpus.txt"), text)|];
                    File.WriteAllText(Path.Combine(root, "Assets", "corpus.txt"), text);
                }
            }
            """));
        test.TestState.Sources.Add(("/unity/Assets/Scripts/SaveGame.cs", """
            using System.IO;
            static class SaveGame
            {
                // Unity: Application.dataPath points at the project's Assets folder.
                public static void Save(string dataPath, string json) => File.WriteAllText(Path.Combine(dataPath, "assets", "corpus.txt"), json);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public Task Windows_roots_compare_ignoring_case() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "provenance.data_roots = C:/repo/Data",
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run(string text) => [|File.WriteAllText(@"C:\repo\data\train.jsonl", text)|];
                }
                """,
        }.RunAsync();

    /// <summary>A type defined in two referenced assemblies still resolves (GetTypesByMetadataName).</summary>
    [Fact]
    public Task A_type_defined_in_two_assemblies_still_resolves() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            // A second assembly with its own (internal) copy of the type: GetTypeByMetadataName returns null for such a name.
            Stubs = { ApiStubs.Source, "namespace Microsoft.Data.Analysis { internal class DataFrame { } }" },
            TestCode = """
                using Microsoft.Data.Analysis;
                class Pipeline
                {
                    void Save(DataFrame frame) => [|DataFrame.SaveCsv(frame, "data/synthetic/g1.csv")|];
                }
                """,
        }.RunAsync();
}
