using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

public sealed class DeleteTrainingDataAnalyzerTests
{
    private sealed class Test : ProvenanceTest<DeleteTrainingDataAnalyzer>
    {
    }

    [Fact]
    public Task File_Delete_Directory_Delete_FileInfo_Delete_and_DirectoryInfo_Delete_on_data_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Cleanup
                {
                    void Run()
                    {
                        [|File.Delete("data/human/sotu.jsonl")|];
                        [|Directory.Delete("/proj/data/synthetic", recursive: true)|];
                        [|new FileInfo(Path.Combine("data", "synthetic", "g1.jsonl")).Delete()|];
                        var folder = new DirectoryInfo("/proj/data/human");
                        [|folder.Delete(true)|];
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Deleting_a_folder_that_contains_a_data_root_fires() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Cleanup
                {
                    void Reset() => [|Directory.Delete("/proj", true)|];
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Deleting_every_file_listed_from_the_data_root_fires() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Cleanup
                {
                    void Regenerate()
                    {
                        foreach (var file in Directory.GetFiles("/proj/data/synthetic", "*.jsonl"))
                        {
                            [|File.Delete(file)|];
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Deleting_temp_files_caches_logs_and_files_outside_the_roots_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Cleanup
                {
                    void Run(string downloaded)
                    {
                        File.Delete("data/human/sotu.jsonl.tmp");
                        File.Delete("data/human/sotu.jsonl.partial");
                        Directory.Delete("data/cache", true);
                        Directory.Delete("/proj/data/tmp", true);
                        File.Delete("data/logs/run.jsonl");
                        File.Delete("/proj/bin/out.jsonl");
                        File.Delete(Path.GetTempFileName());
                        File.Delete(downloaded);
                        foreach (var file in Directory.GetFiles("/proj/artifacts"))
                        {
                            File.Delete(file);
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task A_marked_parameter_is_training_data() =>
        new ProvenanceTest<DeleteTrainingDataAnalyzer>
        {
            GlobalConfig = "",
            TestCode = """
                using System.IO;
                sealed class HumanCorpusAttribute : System.Attribute { }
                class Cleanup
                {
                    void Run([HumanCorpus] string corpusDir, string scratch)
                    {
                        [|Directory.Delete(corpusDir, true)|];
                        Directory.Delete(scratch, true);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public async Task Message_points_to_the_manifest_removed_list()
    {
        var diagnostics = await new Test
        {
            TestCode = """
                class Cleanup { void Run() => [|System.IO.File.Delete("data/human/sotu.jsonl")|]; }
                """,
        }.GetDiagnosticsAsync();
        Assert.Contains("'removed:'", Assert.Single(diagnostics).GetMessage());
    }
}
