using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

/// <summary>
/// Regression tests for the patterns the real-code measurement found (docs/analyzers.md#real-code-measurement), written in
/// the style of the code they come from, with the source named. Paths flow through helpers, parameters and constructor-set
/// fields (issue 13.2), and no fix is offered where it would corrupt a rebuilt file (issue 13.4).
/// </summary>
public sealed class RealCodePatternTests
{
    private sealed class Overwrite : ProvenanceTest<OverwriteTrainingDataAnalyzer, OverwriteTrainingDataCodeFixProvider>
    {
    }

    /// <summary>
    /// dotnet/machinelearning-samples (49 files), e.g. samples/csharp/getting-started/Clustering_CustomerSegmentation/
    /// CustomerSegmentation.Train/Program.cs at 427ccb68: data paths are built with a <c>GetAbsolutePath</c> helper that
    /// combines the running assembly's folder (bin/&lt;configuration&gt;/&lt;tfm&gt;) with <c>../../../assets</c>, and the pivot table
    /// is written two calls down (DataHelpers.PreProcessAndSave -> PivotData.SaveToCsv) from data read in between.
    /// </summary>
    [Fact]
    public Task GetAbsolutePath_helper_and_a_path_passed_two_calls_down_are_followed_and_the_rebuilt_pivot_gets_no_fix()
    {
        var test = new Overwrite
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/assets/inputs\n" +
                           "provenance.human_shards = /proj/assets/inputs/offers.csv|/proj/assets/inputs/transactions.csv|/proj/assets/inputs/pivot.csv\n" +
                           "provenance.manifest_files = /proj/provenance.yaml",
        };
        test.TestState.Sources.Add(("/proj/Program.cs", """
            using System.IO;
            using CustomerSegmentation.DataStructures;
            namespace CustomerSegmentation
            {
                public class Program
                {
                    static void Main(string[] args)
                    {
                        string assetsRelativePath = @"../../../assets";
                        string assetsPath = GetAbsolutePath(assetsRelativePath);
                        string transactionsCsv = Path.Combine(assetsPath, "inputs", "transactions.csv");
                        string offersCsv = Path.Combine(assetsPath, "inputs", "offers.csv");
                        string pivotCsv = Path.Combine(assetsPath, "inputs", "pivot.csv");
                        DataHelpers.PreProcessAndSave(offersCsv, transactionsCsv, pivotCsv);
                    }

                    public static string GetAbsolutePath(string relativePath)
                    {
                        FileInfo _dataRoot = new FileInfo(typeof(Program).Assembly.Location);
                        string assemblyFolderPath = _dataRoot.Directory.FullName;
                        string fullPath = Path.Combine(assemblyFolderPath, relativePath);
                        return fullPath;
                    }
                }
            }
            """));
        test.TestState.Sources.Add(("/proj/DataStructures/DataHelpers.cs", """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            namespace CustomerSegmentation.DataStructures
            {
                public class DataHelpers
                {
                    public static IEnumerable<string> PreProcessAndSave(string offersDataLocation, string transactionsDataLocation, string pivotDataLocation)
                    {
                        var offers = File.ReadAllLines(offersDataLocation);
                        var transactions = File.ReadAllLines(transactionsDataLocation);
                        var pivot = offers.Zip(transactions, (o, t) => o + "," + t).ToArray();
                        PivotData.SaveToCsv(pivot, pivotDataLocation);
                        return pivot;
                    }
                }
            }
            """));
        test.TestState.Sources.Add(("/proj/DataStructures/PivotData.cs", """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            namespace CustomerSegmentation.DataStructures
            {
                public class PivotData
                {
                    public static void SaveToCsv(IEnumerable<string> salesData, string file)
                    {
                        {|#0:File.WriteAllLines(file, salesData.Prepend("C1,C2,LastName"))|};
                    }
                }
            }
            """));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(OverwriteTrainingDataAnalyzer.Rule).WithLocation(0)
            .WithArguments("File.WriteAllLines", "'file' (protected human shard '/proj/assets/inputs/pivot.csv')",
                "; its content is rebuilt from data read by 'File.ReadAllLines(offersDataLocation)' in PreProcessAndSave, so appending would duplicate it: write a new shard and list it in the manifest, or move a derived file out of the data root"));
        return test.RunAsync();
    }

    /// <summary>
    /// dotnet/eShopSupport src/DataIngestor at 1a772ff8: Program.cs passes <c>outputDir = Path.Combine(solutionDir, "seeddata",
    /// "dev")</c> to each ingestor's <c>RunAsync(generatedDataPath, outputDir)</c>, whose body rebuilds
    /// <c>Path.Combine(outputDir, "products.json")</c> from the generated files it reads.
    /// </summary>
    [Fact]
    public Task OutputDir_parameter_whose_call_sites_pass_a_data_folder_is_followed()
    {
        var test = new Overwrite
        {
            GlobalConfig = "provenance.project_dir = /repo/src/DataIngestor\nprovenance.data_roots = /repo/seeddata/dev\n" +
                           "provenance.synthetic_shards = /repo/seeddata/dev/products.json|/repo/seeddata/dev/tickets.json\n" +
                           "provenance.manifest_files = /repo/seeddata/provenance.yaml",
        };
        test.TestState.Sources.Add(("/repo/src/DataIngestor/Program.cs", """
            using System.IO;
            var generatedDataPath = args[0];
            var solutionDir = PathUtils.FindAncestorDirectoryContaining("*.sln");
            var outputDir = Path.Combine(solutionDir, "seeddata", "dev");
            Directory.CreateDirectory(outputDir);
            await new ProductIngestor().RunAsync(generatedDataPath, outputDir);

            static class PathUtils
            {
                public static string FindAncestorDirectoryContaining(string pattern) => Directory.GetCurrentDirectory();
            }
            """));
        test.TestState.Sources.Add(("/repo/src/DataIngestor/ProductIngestor.cs", """
            using System.Collections.Generic;
            using System.IO;
            using System.Text.Json;
            using System.Threading.Tasks;
            class ProductIngestor
            {
                public async Task RunAsync(string generatedDataPath, string outputDir)
                {
                    var products = new List<string>();
                    foreach (var filename in Directory.GetFiles(Path.Combine(generatedDataPath, "products"), "*.json"))
                    {
                        products.Add(await File.ReadAllTextAsync(filename));
                    }

                    await [|File.WriteAllTextAsync(Path.Combine(outputDir, "products.json"), JsonSerializer.Serialize(products))|];
                }
            }
            """));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task A_parameter_is_not_followed_when_one_call_site_passes_something_else()
    {
        var test = new Overwrite
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/data\nprovenance.human_shards = /proj/data/train.jsonl\nprovenance.manifest_files = /proj/provenance.yaml",
        };
        test.TestState.Sources.Add(("/proj/Exporter.cs", """
            using System.IO;
            static class Exporter
            {
                public static void Save(string folder, string text) => File.WriteAllText(Path.Combine(folder, "train.jsonl"), text);
                public static void Both(string text)
                {
                    Save("data", text);
                    Save("out", text);
                }
            }
            """));
        return test.RunAsync();
    }

    /// <summary>A path held in a field that the constructor sets from its parameter (a common shape in kernel-memory and LLamaSharp).</summary>
    [Fact]
    public Task A_field_set_in_the_constructor_is_followed_to_the_constructor_call()
    {
        var test = new Overwrite
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/data\nprovenance.human_shards = /proj/data/human/sotu.jsonl\nprovenance.manifest_files = /proj/provenance.yaml",
        };
        test.TestState.Sources.Add(("/proj/CorpusStore.cs", """
            using System.IO;
            sealed class CorpusStore
            {
                private readonly string _directory;
                public CorpusStore(string directory) { _directory = directory; }
                public void Save(string[] lines) => [|File.WriteAllLines(Path.Combine(_directory, "sotu.jsonl"), lines)|];
            }
            """));
        test.TestState.Sources.Add(("/proj/Program.cs", """
            static class Program
            {
                static void Main() => new CorpusStore("data/human").Save(new[] { "{}" });
            }
            """));
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    /// <summary>
    /// dotnet/machinelearning-samples end-to-end-apps/Recommendation-MovieRecommender/MovieRecommender_Model/Program.cs at
    /// 427ccb68: the train/test split is rewritten from the ratings read a few lines earlier. Appending would add a second
    /// copy of every row, so there is no fix, and the message says what to do instead.
    /// </summary>
    [Fact]
    public Task A_split_rebuilt_from_data_read_in_the_same_method_is_flagged_without_an_append_fix()
    {
        const string Source = """
            using System.IO;
            using System.Linq;
            class Program
            {
                static void DataPrep()
                {
                    string[] dataset = File.ReadAllLines(@"../../../Data\ratings.csv");
                    string[] new_dataset = new string[dataset.Length];
                    new_dataset[0] = dataset[0];
                    var sorted = dataset.Skip(1).OrderBy(x => x.Split(',')[3]);
                    int numLines = new_dataset.Length;
                    [|File.WriteAllLines(@"../../../Data\ratings_train.csv", dataset.Take(1).Concat(sorted.Take((int)(numLines * 0.9))))|];
                }
            }
            """;
        return new Overwrite
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/Data\nprovenance.human_shards = /proj/Data/ratings.csv|/proj/Data/ratings_train.csv\nprovenance.manifest_files = /proj/provenance.yaml",
            TestCode = Source,
            FixedCode = Source,
        }.RunAsync();
    }

    /// <summary>
    /// dotnet/machinelearning-samples MovieRecommender_Model/Program.cs DataPrep at 427ccb68: every rating is relabelled into
    /// <c>new_dataset</c>, then <c>dataset = new_dataset;</c>. The same rows: not a replacement, and <c>AddRange</c> would
    /// duplicate every row. A collection of other data assigned to the training set is still flagged.
    /// </summary>
    [Fact]
    public Task Relabelling_the_same_rows_into_new_dataset_is_not_a_replacement() =>
        new ProvenanceTest<ReplaceTrainingCollectionAnalyzer, ReplaceTrainingCollectionCodeFixProvider>
        {
            GlobalConfig = "provenance.project_dir = /proj\nprovenance.data_roots = /proj/Data\nprovenance.human_shards = /proj/Data/ratings.csv\nprovenance.manifest_files = /proj/provenance.yaml",
            TestCode = """
                using System;
                using System.IO;
                class Program
                {
                    public static void DataPrep(string[] synthetic)
                    {
                        string[] dataset = File.ReadAllLines(@".\Data\ratings.csv");
                        string[] new_dataset = new string[dataset.Length];
                        new_dataset[0] = dataset[0];
                        for (int i = 1; i < dataset.Length; i++)
                        {
                            string line = dataset[i];
                            string[] lineSplit = line.Split(',');
                            double rating = Double.Parse(lineSplit[2]);
                            rating = rating > 3 ? 1 : 0;
                            lineSplit[2] = rating.ToString();
                            string new_line = string.Join(',', lineSplit);
                            new_dataset[i] = new_line;
                        }
                        dataset = new_dataset;
                        Console.WriteLine(dataset.Length);
                        [|dataset = synthetic|];
                        Console.WriteLine(dataset.Length);
                    }
                }
                """,
        }.RunAsync();
}
