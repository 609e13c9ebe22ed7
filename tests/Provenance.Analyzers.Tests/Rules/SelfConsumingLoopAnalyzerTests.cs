using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

public sealed class SelfConsumingLoopAnalyzerTests
{
    private const string Model = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        public sealed class TextModel
        {
            public List<string> Generate(int count) => new();
            public IEnumerable<string> Sample(IEnumerable<string> prompts) => prompts;
        }
        public static class Trainer
        {
            public static TextModel Train(IEnumerable<string> data) => new();
            public static Task<TextModel> FineTuneAsync(TextModel baseModel, IEnumerable<string> data) => Task.FromResult(new TextModel());
            public static List<string> Generate(TextModel model, int count) => new();
            public static List<string> Deduplicate(List<string> data) => data;
        }
        """;

    private sealed class Test : ProvenanceTest<SelfConsumingLoopAnalyzer, SelfConsumingLoopCodeFixProvider>
    {
        public Test()
        {
            Stubs.Add(Model);
        }
    }

    [Fact]
    public Task Data_replaced_by_the_output_of_a_model_trained_on_it_is_fixed_to_AddRange() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                class Loop
                {
                    void Run(List<string> data)
                    {
                        for (var generation = 1; generation <= 5; generation++)
                        {
                            var model = Trainer.Train(data);
                            [|data = model.Generate(1000)|];
                        }
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                class Loop
                {
                    void Run(List<string> data)
                    {
                        for (var generation = 1; generation <= 5; generation++)
                        {
                            var model = Trainer.Train(data);
                            data.AddRange(model.Generate(1000));
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Nested_train_call_in_a_while_loop_with_a_value_reading_the_data_is_fixed_with_Concat() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                class Loop
                {
                    IEnumerable<string> Run(IEnumerable<string> data, int generations)
                    {
                        while (generations-- > 0)
                        {
                            [|data = Trainer.Train(data).Sample(data)|];
                        }

                        return data;
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;

                class Loop
                {
                    IEnumerable<string> Run(IEnumerable<string> data, int generations)
                    {
                        while (generations-- > 0)
                        {
                            data = data.Concat(Trainer.Train(data).Sample(data)).ToList();
                        }

                        return data;
                    }
                }
                """,
        }.RunAsync();

    // Shape of a fine-tuning loop (LLamaSharp-style async executor calls): the model is fine-tuned on the pool, then the pool
    // is regenerated from it.
    [Fact]
    public Task Async_fine_tune_then_generate_in_a_foreach_fires() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                class Loop
                {
                    async Task Run(TextModel baseModel, List<string> pool, int[] seeds)
                    {
                        foreach (var seed in seeds)
                        {
                            TextModel tuned;
                            tuned = await Trainer.FineTuneAsync(baseModel, pool);
                            [|pool = Trainer.Generate(tuned, seed)|];
                        }
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                class Loop
                {
                    async Task Run(TextModel baseModel, List<string> pool, int[] seeds)
                    {
                        foreach (var seed in seeds)
                        {
                            TextModel tuned;
                            tuned = await Trainer.FineTuneAsync(baseModel, pool);
                            pool.AddRange(Trainer.Generate(tuned, seed));
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Accumulating_loops_filters_and_models_trained_outside_the_loop_do_not_fire() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                class Loop
                {
                    void Run(List<string> data, List<string> other)
                    {
                        var frozen = Trainer.Train(data);
                        for (var g = 0; g < 3; g++)
                        {
                            var model = Trainer.Train(data);
                            data = data.Concat(model.Generate(10)).ToList();
                            data = [.. data, .. model.Generate(10)];
                            data.AddRange(model.Generate(10));
                            data = Trainer.Deduplicate(data);
                            data = frozen.Generate(10);
                            other = model.Generate(10);
                        }

                        var once = Trainer.Train(data);
                        data = once.Generate(10);
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Training_method_names_are_configurable() =>
        new ProvenanceTest<SelfConsumingLoopAnalyzer>
        {
            GlobalConfig = "provenance.PROV3004.training_methods = Distill",
            TestCode = """
                using System.Collections.Generic;
                class Student { public List<string> Generate() => new(); }
                static class Teacher
                {
                    public static Student Distill(List<string> data) => new();
                    public static Student Train(List<string> data) => new();
                }
                class Loop
                {
                    void Run(List<string> data)
                    {
                        for (var g = 0; g < 3; g++)
                        {
                            var student = Teacher.Distill(data);
                            [|data = student.Generate()|];
                            var other = Teacher.Train(data);
                            data = other.Generate();
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task PROV3003_leaves_a_self_consuming_assignment_to_PROV3004() =>
        new ProvenanceTest<SelfConsumingLoopAnalyzer>
        {
            OtherAnalyzers = { new ReplaceTrainingCollectionAnalyzer() },
            TestCode = """
                using System.Collections.Generic;
                sealed class TrainingDataAttribute : System.Attribute { }
                class Loop
                {
                    [TrainingData] List<string> _pool = new();
                    void Run()
                    {
                        for (var g = 0; g < 3; g++)
                        {
                            var model = Trainer.Train(_pool);
                            {|PROV3004:_pool = model.Generate(5)|};
                        }
                    }
                }
                """,
            Stubs = { Model },
        }.RunAsync();
}
