using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

public sealed class ReplaceTrainingCollectionAnalyzerTests
{
    private const string Attributes = """
        namespace Provenance
        {
            [System.AttributeUsage(System.AttributeTargets.All)] public sealed class TrainingDataAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.All)] public sealed class HumanCorpusAttribute : System.Attribute { }
        }
        """;

    private sealed class Test : ProvenanceTest<ReplaceTrainingCollectionAnalyzer, ReplaceTrainingCollectionCodeFixProvider>
    {
        public Test()
        {
            Stubs.Add(Attributes);
        }
    }

    [Fact]
    public Task Assigning_synthetic_data_to_a_marked_list_is_fixed_to_AddRange() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using Provenance;
                class Mix
                {
                    [TrainingData] List<string> _train = new();
                    void NextGeneration(List<string> synthetic)
                    {
                        [|_train = synthetic|];
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using Provenance;
                class Mix
                {
                    [TrainingData] List<string> _train = new();
                    void NextGeneration(List<string> synthetic)
                    {
                        _train.AddRange(synthetic);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Assigning_to_an_IEnumerable_or_array_is_fixed_with_Concat_and_adds_using_System_Linq() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using Provenance;
                class Mix
                {
                    [HumanCorpus] public IReadOnlyList<string> Train { get; set; } = new List<string>();
                    [TrainingData] string[] _pool = new string[0];
                    void NextGeneration(IEnumerable<string> synthetic, string[] more)
                    {
                        [|Train = new List<string>(synthetic)|];
                        [|_pool = more|];
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using Provenance;
                using System.Linq;

                class Mix
                {
                    [HumanCorpus] public IReadOnlyList<string> Train { get; set; } = new List<string>();
                    [TrainingData] string[] _pool = new string[0];
                    void NextGeneration(IEnumerable<string> synthetic, string[] more)
                    {
                        Train = Train.Concat(new List<string>(synthetic)).ToList();
                        _pool = _pool.Concat(more).ToArray();
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task A_local_loaded_from_a_data_file_is_a_training_collection() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                class Mix
                {
                    List<string> Build(IEnumerable<string> synthetic)
                    {
                        var train = File.ReadAllLines("data/human/sotu.jsonl").ToList();
                        [|train = synthetic.ToList()|];
                        return train;
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                class Mix
                {
                    List<string> Build(IEnumerable<string> synthetic)
                    {
                        var train = File.ReadAllLines("data/human/sotu.jsonl").ToList();
                        train.AddRange(synthetic.ToList());
                        return train;
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Clear_then_AddRange_is_fixed_by_removing_Clear() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using Provenance;
                class Mix
                {
                    [TrainingData] readonly List<string> _train = new();
                    void NextGeneration(IEnumerable<string> synthetic)
                    {
                        [|_train.Clear()|];
                        _train.AddRange(synthetic);
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using Provenance;
                class Mix
                {
                    [TrainingData] readonly List<string> _train = new();
                    void NextGeneration(IEnumerable<string> synthetic)
                    {
                        _train.AddRange(synthetic);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Accumulating_initialising_and_unmarked_collections_do_not_fire() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using Provenance;
                class Mix
                {
                    [TrainingData] List<string> _train;
                    [TrainingData] string _trainPath = "data/human/sotu.jsonl";
                    List<string> _buffer = new();
                    Mix(List<string> initial) { _train = initial; }
                    void NextGeneration(List<string> synthetic)
                    {
                        _train = _train.Concat(synthetic).ToList();
                        _train = [.. _train, .. synthetic];
                        _train.AddRange(synthetic);
                        _train = _train.Where(s => s.Length > 0).ToList();
                        _buffer = synthetic;
                        _buffer.Clear();
                        _buffer.AddRange(synthetic);
                        _trainPath = "data/human/other.jsonl";
                        _train.Clear();
                        var clone = new List<string> { "a" };
                        clone = synthetic;
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Replacing_with_an_IDataView_fires_but_has_no_fix() =>
        new Test
        {
            TestCode = """
                using Microsoft.ML;
                using Provenance;
                class Mix
                {
                    [TrainingData] IDataView? _train;
                    void NextGeneration(IDataView synthetic) { [|_train = synthetic|]; }
                }
                """,
            FixedCode = """
                using Microsoft.ML;
                using Provenance;
                class Mix
                {
                    [TrainingData] IDataView? _train;
                    void NextGeneration(IDataView synthetic) { [|_train = synthetic|]; }
                }
                """,
            Stubs = { ApiStubs.Source },
        }.RunAsync();
}
