using Provenance.Analyzers.CodeFixes.Rules;
using Provenance.Analyzers.Rules;
using Provenance.Analyzers.Tests.Helpers;
using Provenance.Analyzers.Tests.Verifiers;

namespace Provenance.Analyzers.Tests.Rules;

/// <summary>
/// PROV3004 on the loops teams write with real model APIs (issue 13.5). The stubs reproduce the public shapes (namespaces,
/// type and method names, parameter names) of:
/// Semantic Kernel 1.x (microsoft/semantic-kernel dotnet/src/SemanticKernel.Abstractions/AI/ChatCompletion:
/// <c>IChatCompletionService</c>, <c>ChatCompletionServiceExtensions.GetChatMessageContentAsync(this IChatCompletionService, string prompt, ...)</c>,
/// <c>ChatMessageContent.Content</c>); OpenAI .NET 2.x (openai/openai-dotnet src/Custom/Chat: <c>ChatClient.CompleteChatAsync(params ChatMessage[])</c>
/// returning <c>ClientResult&lt;ChatCompletion&gt;</c> of System.ClientModel, <c>ChatCompletion.Content[0].Text</c>, <c>UserChatMessage</c>);
/// ML.NET (dotnet/machinelearning src/Microsoft.ML.Core/Data/IEstimator.cs: <c>IEstimator&lt;TTransformer&gt;.Fit</c>, <c>ITransformer.Transform</c>;
/// <c>DataOperationsCatalog.LoadFromTextFile</c>, <c>SaveAsText(data, stream)</c>); TorchSharp (dotnet/TorchSharp src/TorchSharp/NN/Module.cs:
/// <c>torch.nn.Module&lt;T, TResult&gt;.forward</c>/<c>call</c>, <c>torch.Tensor.detach</c>, <c>torch.optim.Optimizer.step</c>). Bodies throw.
/// </summary>
public sealed class ModelLoopTests
{
    internal const string LoopStubs = """
        #nullable disable
        namespace Microsoft.SemanticKernel
        {
            public class Kernel { }
            public class PromptExecutionSettings { }
            public class ChatMessageContent { public string Content { get; set; } }
        }

        namespace Microsoft.SemanticKernel.ChatCompletion
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            public class ChatHistory : List<Microsoft.SemanticKernel.ChatMessageContent> { public void AddUserMessage(string content) { } }
            public interface IChatCompletionService
            {
                Task<IReadOnlyList<Microsoft.SemanticKernel.ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory,
                    Microsoft.SemanticKernel.PromptExecutionSettings executionSettings = null, Microsoft.SemanticKernel.Kernel kernel = null, CancellationToken cancellationToken = default);
            }
            public static class ChatCompletionServiceExtensions
            {
                public static Task<Microsoft.SemanticKernel.ChatMessageContent> GetChatMessageContentAsync(this IChatCompletionService chatCompletionService, string prompt,
                    Microsoft.SemanticKernel.PromptExecutionSettings executionSettings = null, Microsoft.SemanticKernel.Kernel kernel = null, CancellationToken cancellationToken = default) => throw null;
            }
        }

        namespace System.ClientModel
        {
            public class ClientResult<T> { public T Value => throw null; public static implicit operator T(ClientResult<T> result) => throw null; }
        }

        namespace OpenAI.Chat
        {
            using System.Collections.ObjectModel;
            using System.Threading.Tasks;
            public abstract class ChatMessage { }
            public class UserChatMessage : ChatMessage { public UserChatMessage(string content) { } }
            public class ChatMessageContentPart { public string Text => throw null; }
            public class ChatMessageContent : Collection<ChatMessageContentPart> { }
            public class ChatCompletion { public ChatMessageContent Content => throw null; }
            public class ChatClient
            {
                public ChatClient(string model, string apiKey) { }
                public virtual Task<System.ClientModel.ClientResult<ChatCompletion>> CompleteChatAsync(params ChatMessage[] messages) => throw null;
            }
        }

        namespace TorchSharp
        {
            public static partial class torch
            {
                public class Tensor : System.IDisposable { public Tensor detach() => throw null; public void backward() { } public void Dispose() { } }
                public static partial class nn
                {
                    public abstract class Module { }
                    public abstract class Module<T, TResult> : Module { public abstract TResult forward(T input); public TResult call(T input) => forward(input); }
                }
                public static partial class optim
                {
                    public abstract class Optimizer { public void step() { } public void zero_grad() { } }
                }
            }
        }
        """;

    private sealed class Test : ProvenanceTest<SelfConsumingLoopAnalyzer, SelfConsumingLoopCodeFixProvider>
    {
        public Test()
        {
            Stubs.Add(ApiStubs.Source);
            Stubs.Add(LoopStubs);
        }
    }

    [Fact]
    public Task Semantic_Kernel_prompts_replaced_by_the_replies_to_them_are_fixed_to_accumulate() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel.ChatCompletion;
                class SelfInstruct
                {
                    async Task Run(IChatCompletionService chat, List<string> prompts)
                    {
                        for (var round = 0; round < 3; round++)
                        {
                            var next = new List<string>();
                            foreach (var prompt in prompts)
                            {
                                var reply = await chat.GetChatMessageContentAsync(prompt);
                                next.Add(reply.Content);
                            }

                            [|prompts = next|];
                        }
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel.ChatCompletion;
                class SelfInstruct
                {
                    async Task Run(IChatCompletionService chat, List<string> prompts)
                    {
                        for (var round = 0; round < 3; round++)
                        {
                            var next = new List<string>();
                            foreach (var prompt in prompts)
                            {
                                var reply = await chat.GetChatMessageContentAsync(prompt);
                                next.Add(reply.Content);
                            }

                            prompts.AddRange(next);
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task OpenAI_corpus_replaced_by_a_completion_fires_and_a_chat_transcript_does_not() =>
        new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using OpenAI.Chat;
                class Distill
                {
                    async Task Run(ChatClient client, string[] corpus, List<string> transcript)
                    {
                        for (var generation = 0; generation < 5; generation++)
                        {
                            ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("Rewrite:\n" + string.Join("\n", corpus)));
                            [|corpus = completion.Content[0].Text.Split('\n')|];
                        }

                        for (var turn = 0; turn < 3; turn++)
                        {
                            ChatCompletion answer = await client.CompleteChatAsync(new UserChatMessage("next"));
                            transcript.Add(answer.Content[0].Text);
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task MLNet_Fit_Transform_then_SaveAsText_into_the_training_file_fires() =>
        new Test
        {
            TestCode = """
                using System.IO;
                using Microsoft.ML;
                class PseudoLabel
                {
                    class Row { public float Label; }
                    void Run(MLContext mlContext, IEstimator<ITransformer> pipeline, string trainPath, string reportPath)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            IDataView data = mlContext.Data.LoadFromTextFile<Row>(trainPath, hasHeader: true);
                            ITransformer model = pipeline.Fit(data);
                            IDataView labelled = model.Transform(data);
                            using (var stream = File.Create(trainPath))
                            {
                                [|mlContext.Data.SaveAsText(labelled, stream)|];
                            }

                            using var report = File.Create(reportPath);
                            mlContext.Data.SaveAsText(labelled, report);
                        }
                    }
                }
                """,
        }.RunAsync();

    [Fact]
    public Task TorchSharp_input_replaced_by_the_models_output_in_the_training_loop_fires() =>
        new Test
        {
            TestCode = """
                using TorchSharp;
                using static TorchSharp.torch;
                class Train
                {
                    void Run(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor input, int epochs)
                    {
                        for (var epoch = 0; epoch < epochs; epoch++)
                        {
                            optimizer.zero_grad();
                            Tensor output = model.forward(input);
                            output.backward();
                            optimizer.step();
                            {|#0:input = output.detach()|};
                        }
                    }
                }
                """,
            ExpectedDiagnostics = { new Microsoft.CodeAnalysis.Testing.DiagnosticResult(SelfConsumingLoopAnalyzer.Rule).WithLocation(0).WithArguments("input", "'model.forward(input)'") },
            FixedCode = """
                using TorchSharp;
                using static TorchSharp.torch;
                class Train
                {
                    void Run(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor input, int epochs)
                    {
                        for (var epoch = 0; epoch < epochs; epoch++)
                        {
                            optimizer.zero_grad();
                            Tensor output = model.forward(input);
                            output.backward();
                            optimizer.step();
                            {|#0:input = output.detach()|};
                        }
                    }
                }
                """,
        }.RunAsync();
}
