using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

public sealed class OverwriteTrainingDataAnalyzerTests
{
    private sealed class Test : ProvenanceTest<OverwriteTrainingDataAnalyzer, OverwriteTrainingDataCodeFixProvider>
    {
        public Test()
        {
            Stubs.Add(ApiStubs.Source);
        }
    }

    [Fact]
    public Task WriteAllText_to_a_shard_under_the_data_root_is_fixed_to_AppendAllText() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(string json) => [|File.WriteAllText("/proj/data/synthetic/g1.jsonl", json)|];
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(string json) => File.AppendAllText("/proj/data/synthetic/g1.jsonl", json);
                }
                """,
        }.RunAsync();

    [Fact]
    public Task WriteAllLines_and_WriteAllBytes_and_async_forms_are_all_fixed_by_fix_all() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                class Pipeline
                {
                    const string Train = "data/human/sotu.jsonl";
                    async Task Save(string[] lines, byte[] bytes)
                    {
                        [|File.WriteAllLines(Train, lines)|];
                        [|File.WriteAllBytes("data/train.bin.jsonl", bytes)|];
                        await [|File.WriteAllTextAsync($"data/synthetic/{"g2"}.jsonl", "x")|];
                        await [|File.WriteAllLinesAsync(Path.Combine("data", "synthetic", "g3.jsonl"), lines)|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;
                class Pipeline
                {
                    const string Train = "data/human/sotu.jsonl";
                    async Task Save(string[] lines, byte[] bytes)
                    {
                        File.AppendAllLines(Train, lines);
                        File.AppendAllBytes("data/train.bin.jsonl", bytes);
                        await File.AppendAllTextAsync($"data/synthetic/{"g2"}.jsonl", "x");
                        await File.AppendAllLinesAsync(Path.Combine("data", "synthetic", "g3.jsonl"), lines);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task File_Create_of_a_shard_is_fixed_to_File_Open_with_FileMode_Append() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var stream = [|File.Create("/proj/data/human/sotu.jsonl")|];
                        stream.Write(b);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var stream = File.Open("/proj/data/human/sotu.jsonl", FileMode.Append);
                        stream.Write(b);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task File_CreateText_is_fixed_to_File_AppendText() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var writer = [|File.CreateText("data/synthetic/g1.jsonl")|];
                        writer.WriteLine("{}");
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var writer = File.AppendText("data/synthetic/g1.jsonl");
                        writer.WriteLine("{}");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task FileMode_Create_and_Truncate_are_fixed_to_Append_with_write_access() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var a = [|new FileStream("data/a.jsonl", FileMode.Create)|];
                        using var b = [|new FileStream("data/b.jsonl", FileMode.Truncate, FileAccess.ReadWrite, FileShare.None)|];
                        using var c = [|File.Open("data/c.csv", FileMode.Create, FileAccess.Write)|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var a = new FileStream("data/a.jsonl", FileMode.Append);
                        using var b = new FileStream("data/b.jsonl", FileMode.Append, FileAccess.Write, FileShare.None);
                        using var c = File.Open("data/c.csv", FileMode.Append, FileAccess.Write);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task StreamWriter_without_append_is_fixed_to_append_true() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var a = [|new StreamWriter("data/a.jsonl")|];
                        using var b = [|new StreamWriter("data/b.jsonl", false)|];
                        using var c = [|new StreamWriter("data/c.jsonl", append: false, System.Text.Encoding.UTF8)|];
                        using var ok = new StreamWriter("data/d.jsonl", append: true);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save()
                    {
                        using var a = new StreamWriter("data/a.jsonl", append: true);
                        using var b = new StreamWriter("data/b.jsonl", true);
                        using var c = new StreamWriter("data/c.jsonl", append: true, System.Text.Encoding.UTF8);
                        using var ok = new StreamWriter("data/d.jsonl", append: true);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task File_OpenWrite_overwrites_without_truncating_and_is_fixed_to_append() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var s = [|File.OpenWrite("data/human/sotu.jsonl")|];
                        s.Write(b);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var s = File.Open("data/human/sotu.jsonl", FileMode.Append);
                        s.Write(b);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public async Task File_OpenWrite_message_warns_about_the_stale_tail()
    {
        var diagnostics = await new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline { void Save() { using var s = [|File.OpenWrite("data/human/sotu.jsonl")|]; } }
                """,
        }.GetDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("stale tail", diagnostic.GetMessage());
        Assert.Contains("shard '/proj/data/human/sotu.jsonl'", diagnostic.GetMessage());
    }

    [Fact]
    public Task OpenOrCreate_then_Seek_to_End_is_an_append_and_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var s = new FileStream("data/human/sotu.jsonl", FileMode.OpenOrCreate, FileAccess.Write);
                        s.Seek(0, SeekOrigin.End);
                        s.Write(b);
                        using var t = File.OpenWrite("data/synthetic/g1.jsonl");
                        t.Position = t.Length;
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task OpenOrCreate_without_Seek_writes_from_the_start_and_fires() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var s = [|new FileStream("data/human/sotu.jsonl", FileMode.OpenOrCreate)|];
                        s.Write(b);
                        using var r = new FileStream("data/human/sotu.jsonl", FileMode.Open, FileAccess.Read);
                        using var q = new FileStream("data/human/sotu.jsonl", FileMode.OpenOrCreate, FileAccess.Read);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Save(byte[] b)
                    {
                        using var s = new FileStream("data/human/sotu.jsonl", FileMode.Append);
                        s.Write(b);
                        using var r = new FileStream("data/human/sotu.jsonl", FileMode.Open, FileAccess.Read);
                        using var q = new FileStream("data/human/sotu.jsonl", FileMode.OpenOrCreate, FileAccess.Read);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Copy_and_Move_with_overwrite_into_data_fire_but_without_overwrite_do_not() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Import(string downloaded)
                    {
                        [|File.Copy(downloaded, "data/human/sotu.jsonl", overwrite: true)|];
                        [|File.Move(downloaded, "data/synthetic/g1.jsonl", true)|];
                        File.Copy(downloaded, "data/synthetic/g2.jsonl");
                        File.Move(downloaded, "data/synthetic/g3.jsonl", overwrite: false);
                        File.Copy("data/human/sotu.jsonl", "backup/sotu.jsonl", overwrite: true);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task DataFrame_SaveCsv_always_truncates_and_fires_without_a_fix() =>
        new Test
        {
            TestCode = """
                using Microsoft.Data.Analysis;
                class Pipeline
                {
                    void Save(DataFrame frame)
                    {
                        [|DataFrame.SaveCsv(frame, "data/synthetic/g1.csv")|];
                        using var stream = new System.IO.FileStream("data/synthetic/g2.csv", System.IO.FileMode.Append);
                        DataFrame.SaveCsv(frame, stream, header: false);
                    }
                }
                """,
            FixedCode = """
                using Microsoft.Data.Analysis;
                class Pipeline
                {
                    void Save(DataFrame frame)
                    {
                        [|DataFrame.SaveCsv(frame, "data/synthetic/g1.csv")|];
                        using var stream = new System.IO.FileStream("data/synthetic/g2.csv", System.IO.FileMode.Append);
                        DataFrame.SaveCsv(frame, stream, header: false);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Parquet_stream_opened_with_Create_fires_but_is_not_fixed_with_FileMode_Append() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                using Parquet;
                using Parquet.Schema;
                class Pipeline
                {
                    async Task Save(ParquetSchema schema)
                    {
                        using var stream = [|File.Create("data/synthetic/g1.parquet")|];
                        using var writer = await ParquetWriter.CreateAsync(schema, stream);
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Threading.Tasks;
                using Parquet;
                using Parquet.Schema;
                class Pipeline
                {
                    async Task Save(ParquetSchema schema)
                    {
                        using var stream = [|File.Create("data/synthetic/g1.parquet")|];
                        using var writer = await ParquetWriter.CreateAsync(schema, stream);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public async Task Parquet_message_names_the_Parquet_append_idiom()
    {
        var diagnostics = await new Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                using Parquet;
                using Parquet.Schema;
                class Pipeline
                {
                    async Task Save(ParquetSchema schema)
                    {
                        using var stream = [|new FileStream("data/synthetic/g1.parquet", FileMode.Create)|];
                        using var writer = await ParquetWriter.CreateAsync(schema, stream);
                    }
                }
                """,
        }.GetDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("append: true", diagnostic.GetMessage());
        Assert.False(diagnostic.Properties.ContainsKey("ProvenanceFixKind"));
    }

    [Fact]
    public Task Parquet_append_idiom_Open_ReadWrite_with_append_true_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;
                using Parquet;
                using Parquet.Schema;
                class Pipeline
                {
                    async Task Save(ParquetSchema schema)
                    {
                        using var stream = new FileStream("data/synthetic/g1.parquet", FileMode.Open, FileAccess.ReadWrite);
                        using var writer = await ParquetWriter.CreateAsync(schema, stream, append: true);
                        using var other = new FileStream("data/synthetic/g2.parquet", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                        using var otherWriter = await ParquetWriter.CreateAsync(schema, other, null, true);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public async Task CsvHelper_over_a_truncating_StreamWriter_fires_and_names_the_CsvHelper_idiom()
    {
        var builder = new Test
        {
            TestCode = """
                using System.Globalization;
                using System.IO;
                using CsvHelper;
                class Pipeline
                {
                    void Save(object[] rows)
                    {
                        using var writer = [|new StreamWriter("data/synthetic/g1.csv")|];
                        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                        csv.WriteRecords(rows);
                    }
                }
                """,
            FixedCode = """
                using System.Globalization;
                using System.IO;
                using CsvHelper;
                class Pipeline
                {
                    void Save(object[] rows)
                    {
                        using var writer = new StreamWriter("data/synthetic/g1.csv", append: true);
                        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                        csv.WriteRecords(rows);
                    }
                }
                """,
        };
        var diagnostic = Assert.Single(await builder.GetDiagnosticsAsync());
        Assert.Contains("HasHeaderRecord = false", diagnostic.GetMessage());
    }

    [Fact]
    public Task CsvHelper_with_append_true_and_no_header_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.Globalization;
                using System.IO;
                using CsvHelper;
                using CsvHelper.Configuration;
                class Pipeline
                {
                    void Save(object[] rows)
                    {
                        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false };
                        using var writer = new StreamWriter("data/synthetic/g1.csv", append: true);
                        using var csv = new CsvWriter(writer, config);
                        csv.WriteRecords(rows);
                    }
                }
                """,
        }.RunAsync();

    // Modelled on dotnet/machinelearning-samples CCFraudDetection.Trainer/Program.cs (PrepDatasets):
    // the split is saved with mlContext.Data.SaveAsText into File.Create streams. SaveAsText takes a Stream, so the
    // rule looks at how the stream was opened; there the writes sit under if (!File.Exists(train) && !File.Exists(test)).
    [Fact]
    public Task MLNet_SaveAsText_into_a_File_Create_stream_fires_on_the_stream() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using Microsoft.ML;
                class Trainer
                {
                    static void PrepDatasets(MLContext mlContext, IDataView trainData)
                    {
                        string trainDataSetFilePath = Path.Combine("data", "output", "trainData.csv");
                        using (var fileStream = [|File.Create(trainDataSetFilePath)|])
                        {
                            mlContext.Data.SaveAsText(trainData, fileStream, separatorChar: ',', headerRow: true, schema: true);
                        }

                        using (var binary = [|new FileStream("data/output/train.idv.csv", FileMode.Create, FileAccess.Write, FileShare.Write)|])
                        {
                            mlContext.Data.SaveAsBinary(trainData, binary);
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task MLNet_guarded_split_like_the_CreditCardFraud_sample_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using Microsoft.ML;
                class Trainer
                {
                    static void PrepDatasets(MLContext mlContext, IDataView trainData, IDataView testData)
                    {
                        string trainDataSetFilePath = Path.Combine("data", "output", "trainData.csv");
                        string testDataSetFilePath = Path.Combine("data", "output", "testData.csv");
                        if (!File.Exists(trainDataSetFilePath) &&
                            !File.Exists(testDataSetFilePath))
                        {
                            using (var fileStream = File.Create(trainDataSetFilePath))
                            {
                                mlContext.Data.SaveAsText(trainData, fileStream, separatorChar: ',', headerRow: true, schema: true);
                            }

                            using (var fileStream = File.Create(testDataSetFilePath))
                            {
                                mlContext.Data.SaveAsText(testData, fileStream, separatorChar: ',', headerRow: true, schema: true);
                            }
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task MLNet_model_save_and_model_files_do_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using Microsoft.ML;
                class Trainer
                {
                    static void SaveModel(MLContext mlContext, ITransformer model, DataViewSchema schema, byte[] weights)
                    {
                        mlContext.Model.Save(model, schema, Path.Combine("data", "output", "fastTree.zip"));
                        File.WriteAllBytes("data/model.onnx", weights);
                        File.WriteAllBytes("/proj/data/gen2/model.safetensors", weights);
                        using var s = File.Create("data/checkpoints/epoch-3.jsonl");
                        File.WriteAllText("data/models/g2/config.json", "{}");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Logs_reports_caches_and_paths_outside_the_data_roots_do_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Write(string text)
                    {
                        File.WriteAllText("data/logs/run.jsonl", text);
                        File.WriteAllText("/proj/data/run.log", text);
                        File.WriteAllText("data/reports/eval.csv", text);
                        File.WriteAllText("/proj/data/report.html", text);
                        File.WriteAllText("data/cache/tokens.json", text);
                        File.WriteAllText("/proj/out/metrics.csv", text);
                        File.WriteAllText("/proj/database/rows.csv", text);
                        File.WriteAllText("results.jsonl", text);
                        File.WriteAllText(Path.Combine(Path.GetTempPath(), "data", "x.jsonl"), text);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Temp_then_rename_download_does_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;
                class Downloader
                {
                    static readonly HttpClient Http = new();
                    static async Task Fetch(string url)
                    {
                        const string dest = "data/human/sotu.jsonl";
                        var tmp = dest + ".download";
                        using (var fs = File.Create(tmp))
                        {
                            await (await Http.GetStreamAsync(url)).CopyToAsync(fs);
                        }
                        File.Move(tmp, dest, overwrite: true);

                        var staging = Path.GetTempFileName();
                        File.WriteAllText(staging, "x");
                        File.Copy(staging, "data/synthetic/g1.jsonl", true);
                    }

                    static void Stage(string staged)
                    {
                        File.WriteAllText(staged, "x");
                        File.Replace(staged, "data/synthetic/g2.jsonl", null);
                    }
                }
                """,
        }.RunAsync();

    // Modelled on dotnet/TorchSharp src/Examples/Decompress.cs (ExtractTGZ): an early return when the marker file exists,
    // then File.Create of that marker; and on dotnet/machinelearning-samples samples/csharp/common/Web.cs (DownloadBigFile),
    // which copies into the data folder only when the destination does not exist.
    [Fact]
    public Task Writes_guarded_by_File_Exists_do_not_fire() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Datasets
                {
                    static void ExtractTGZ(string flag, string text)
                    {
                        const string destFolder = "data/human";
                        if (File.Exists(Path.Combine(destFolder, flag))) return;
                        File.WriteAllText(Path.Combine(destFolder, flag), text);
                    }

                    static void DownloadBigFile(string commonFullPath)
                    {
                        const string destFullPath = "/proj/data/human/sotu.jsonl";
                        if (!File.Exists(destFullPath) && File.Exists(commonFullPath))
                        {
                            File.Copy(commonFullPath, destFullPath, true);
                        }

                        if (File.Exists(destFullPath))
                        {
                        }
                        else
                        {
                            File.WriteAllText(destFullPath, "x");
                        }

                        using var created = new FileStream("data/synthetic/new.jsonl", FileMode.CreateNew);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task A_guard_on_another_path_does_not_count() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    static void Save(string other)
                    {
                        if (!File.Exists(other))
                        {
                            [|File.WriteAllText("data/human/sotu.jsonl", "x")|];
                        }
                    }
                }
                """,
        }.RunAsync();

    // Modelled on SciSharp/LLamaSharp LLama/ChatSession.cs: SaveSession(path) writes the session state (ChatHistory.json,
    // ExecutorState.json, ...) into a folder given as a parameter: state, not data, and not fired. A distillation pipeline that
    // exports the chat transcripts as a synthetic shard with WriteAllLines is fired.
    [Fact]
    public Task Session_state_is_not_data_but_a_transcript_shard_written_with_WriteAllLines_is() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.IO;
                using System.Text.Json;
                class ChatSession
                {
                    public const string HISTORY_STATE_FILENAME = "ChatHistory.json";
                    public List<string> History { get; } = new();

                    public void SaveSession(string path)
                    {
                        Directory.CreateDirectory(path);
                        File.WriteAllText(Path.Combine(path, HISTORY_STATE_FILENAME), JsonSerializer.Serialize(History));
                    }

                    public void ExportTranscripts(int round)
                    {
                        SaveSession(Path.Combine("sessions", $"round-{round}"));
                        [|File.WriteAllLines(Path.Combine("data", "synthetic", $"chat-round-{round}.jsonl"), History)|];
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.IO;
                using System.Text.Json;
                class ChatSession
                {
                    public const string HISTORY_STATE_FILENAME = "ChatHistory.json";
                    public List<string> History { get; } = new();

                    public void SaveSession(string path)
                    {
                        Directory.CreateDirectory(path);
                        File.WriteAllText(Path.Combine(path, HISTORY_STATE_FILENAME), JsonSerializer.Serialize(History));
                    }

                    public void ExportTranscripts(int round)
                    {
                        SaveSession(Path.Combine("sessions", $"round-{round}"));
                        File.AppendAllLines(Path.Combine("data", "synthetic", $"chat-round-{round}.jsonl"), History);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Attributes_mark_training_data_in_any_namespace_without_data_roots() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "",
            TestCode = """
                using System;
                using System.IO;
                namespace MyCompany.Ml { [AttributeUsage(AttributeTargets.All)] sealed class HumanCorpusAttribute : Attribute { } }
                namespace Provenance { [AttributeUsage(AttributeTargets.All)] sealed class TrainingDataAttribute : Attribute { } }
                class Settings
                {
                    [MyCompany.Ml.HumanCorpus] public string HumanDir { get; set; } = "";
                    [Provenance.TrainingData] public static string TrainFile = "";
                    public string ReportDir { get; set; } = "";
                }
                class Pipeline
                {
                    void Run(Settings settings, [Provenance.TrainingData] string shard, string other)
                    {
                        [|File.WriteAllText(Path.Combine(settings.HumanDir, "sotu.jsonl"), "x")|];
                        [|File.WriteAllText(Settings.TrainFile, "x")|];
                        [|File.WriteAllText(shard, "x")|];
                        var local = $"{settings.HumanDir}/extra.jsonl";
                        [|File.WriteAllText(local, "x")|];
                        File.WriteAllText(Path.Combine(settings.ReportDir, "sotu.jsonl"), "x");
                        File.WriteAllText(other, "x");
                        File.WriteAllText("data/human/sotu.jsonl", "x");
                        File.WriteAllText(Path.Combine(settings.HumanDir, "train.log"), "x");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Annotations_package_attributes_are_recognised() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "",
            TestCode = """
                using System.IO;
                using Provenance;
                class Pipeline
                {
                    [HumanCorpus] const string Human = "corpus/sotu.jsonl";
                    void Run() => [|File.WriteAllText(Human, "x")|];
                }
                """,
            Stubs = { File.ReadAllText(FindRepoFile("src/Provenance.Annotations/HumanCorpusAttribute.cs")), File.ReadAllText(FindRepoFile("src/Provenance.Annotations/TrainingDataAttribute.cs")) },
        }.RunAsync();

    [Fact]
    public Task Relative_paths_resolve_against_the_source_folder_and_the_data_root_segment() =>
        new Test
        {
            GlobalConfig = "provenance.data_roots = /repo/samples/sotu/data\nprovenance.shard_paths = /repo/samples/sotu/data/human/sotu.jsonl",
            TestCode = """
                using System;
                using System.IO;
                class Pipeline
                {
                    void Run(string baseDir)
                    {
                        [|File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "data", "human", "sotu.jsonl"), "x")|];
                        [|File.WriteAllText($"{baseDir}/data/synthetic/g1.jsonl", "x")|];
                        [|File.WriteAllText(baseDir + "/data/human", "x")|];
                        File.WriteAllText($"{baseDir}/data/synthetic/g1.bin", "x");
                        File.WriteAllText($"{baseDir}/metadata/synthetic/g1.jsonl", "x");
                        File.WriteAllText($"{baseDir}bigdata/g1.jsonl", "x");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Editorconfig_data_roots_are_relative_to_the_source_file() =>
        new ProvenanceTest<OverwriteTrainingDataAnalyzer>
        {
            GlobalConfig = "",
            EditorConfigs = { ("/proj/.editorconfig", "root = true\n[*.cs]\nprovenance.data_roots = corpus\n") },
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run()
                    {
                        [|File.WriteAllText("/proj/corpus/a.txt", "x")|];
                        [|File.WriteAllText("corpus/b.jsonl", "x")|];
                        File.WriteAllText("/proj/data/c.jsonl", "x");
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Nothing_fires_without_data_roots_or_attributes() =>
        new Test
        {
            GlobalConfig = "",
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run() => File.WriteAllText("data/human/sotu.jsonl", "x");
                }
                """,
        }.RunAsync();

    [Fact]
    public Task FileInfo_Create_and_CreateText_fire_and_CreateText_is_fixed_to_AppendText() =>
        new Test
        {
            TestCode = """
                using System.IO;
                class Pipeline
                {
                    void Run()
                    {
                        var info = new FileInfo("data/synthetic/g1.jsonl");
                        using var writer = [|info.CreateText()|];
                        using var stream = [|new FileInfo("data/synthetic/g2.jsonl").Create()|];
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                class Pipeline
                {
                    void Run()
                    {
                        var info = new FileInfo("data/synthetic/g1.jsonl");
                        using var writer = info.AppendText();
                        using var stream = [|new FileInfo("data/synthetic/g2.jsonl").Create()|];
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_every_document_of_the_project_and_the_solution()
    {
        // Two documents: fix-all in document scope leaves the other file, in project and solution scope it fixes both;
        // the library checks each scope against BatchFixedState (= FixedState here).
        var test = new Test();
        test.TestState.Sources.Add(("/proj/Generation.cs", """
            using System.IO;
            static class Generation
            {
                public static void Save(string json) => [|File.WriteAllText("data/synthetic/g1.jsonl", json)|];
            }
            """));
        test.TestState.Sources.Add(("/proj/Seeds.cs", """
            using System.IO;
            static class Seeds
            {
                public static void Save(string[] lines) => [|File.WriteAllLines("data/human/sotu.jsonl", lines)|];
            }
            """));
        test.FixedState.Sources.Add(("/proj/Generation.cs", """
            using System.IO;
            static class Generation
            {
                public static void Save(string json) => File.AppendAllText("data/synthetic/g1.jsonl", json);
            }
            """));
        test.FixedState.Sources.Add(("/proj/Seeds.cs", """
            using System.IO;
            static class Seeds
            {
                public static void Save(string[] lines) => File.AppendAllLines("data/human/sotu.jsonl", lines);
            }
            """));
        test.NumberOfFixAllInDocumentIterations = 2;
        return test.RunAsync();
    }

    internal static string FindRepoFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provenance.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Provenance.sln not found above the test folder."), relative);
    }
}
