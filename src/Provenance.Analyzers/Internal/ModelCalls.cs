using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// Calls that run a model on data and return its output (PROV3004), recognised by the real APIs' names and namespaces:
/// <list type="bullet">
/// <item>Semantic Kernel: <c>IChatCompletionService.GetChatMessageContentAsync</c>/<c>GetChatMessageContentsAsync</c>/
/// <c>GetStreamingChatMessageContentsAsync</c>, <c>Kernel.InvokePromptAsync</c> (namespace <c>Microsoft.SemanticKernel</c>);</item>
/// <item>OpenAI .NET: <c>ChatClient.CompleteChat</c>/<c>CompleteChatAsync</c> (namespace <c>OpenAI.Chat</c>);</item>
/// <item>Microsoft.Extensions.AI: <c>IChatClient.GetResponseAsync</c>;</item>
/// <item>ML.NET: <c>ITransformer.Transform</c>, <c>PredictionEngine.Predict</c> (namespace <c>Microsoft.ML</c>);</item>
/// <item>TorchSharp: <c>forward</c>/<c>call</c> of a module (namespace <c>TorchSharp</c>).</item>
/// </list>
/// </summary>
internal static class ModelCalls
{
    public static bool IsGeneration(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        switch (method.Name)
        {
            case "GetChatMessageContentAsync":
            case "GetChatMessageContentsAsync":
            case "GetStreamingChatMessageContentsAsync":
            case "InvokePromptAsync":
                return ns.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal);
            case "CompleteChat":
            case "CompleteChatAsync":
            case "CompleteChatStreamingAsync":
                return ns.StartsWith("OpenAI", StringComparison.Ordinal);
            case "GetResponseAsync":
            case "GetResponse":
                return ns.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal);
            case "Transform":
            case "Predict":
                return ns.StartsWith("Microsoft.ML", StringComparison.Ordinal);
            case "forward":
            case "call":
                return ns.StartsWith("TorchSharp", StringComparison.Ordinal);
            default:
                return false;
        }
    }

    /// <summary>The first generation call in <paramref name="value"/> (itself included), or null.</summary>
    public static IInvocationOperation? FindGeneration(IOperation value)
    {
        if (value is IInvocationOperation self && IsGeneration(self))
        {
            return self;
        }

        foreach (var operation in value.Descendants())
        {
            if (operation is IInvocationOperation invocation && IsGeneration(invocation))
            {
                return invocation;
            }
        }

        return null;
    }

    /// <summary>
    /// The symbols that carry what <paramref name="seed"/> holds through the loop body: locals initialised or assigned from
    /// them, locals filled from them with <c>Add</c>/<c>AddRange</c>, and <c>foreach</c> variables over them (three passes).
    /// With <paramref name="seedIsOutput"/>, a local initialised from a generation call is a seed too.
    /// </summary>
    public static HashSet<ISymbol> Flow(IOperation loopBody, ISymbol? seed, bool seedIsOutput)
    {
        var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (seed is not null)
        {
            set.Add(seed);
        }

        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var operation in loopBody.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator
                        when Carries(initializer.Value, set, seedIsOutput):
                        set.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when Carries(assignment.Value, set, seedIsOutput):
                        set.Add(local.Local);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "AddAssistantMessage" or "Insert" } add
                        when add.Instance is not null && OperationHelpers.ReferencedSymbol(add.Instance) is ILocalSymbol list &&
                             Any(add.Arguments, set, seedIsOutput):
                        set.Add(list);
                        break;
                    case IForEachLoopOperation forEach when Carries(forEach.Collection, set, seedIsOutput):
                        foreach (var local in forEach.Locals)
                        {
                            set.Add(local);
                        }

                        break;
                }
            }
        }

        return set;
    }

    /// <summary>True when <paramref name="value"/> reads a symbol of <paramref name="set"/> (or, for outputs, calls a model).</summary>
    public static bool Carries(IOperation value, HashSet<ISymbol> set, bool orGeneration)
    {
        if (orGeneration && FindGeneration(value) is not null)
        {
            return true;
        }

        foreach (var symbol in set)
        {
            if (OperationHelpers.References(value, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Any(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, HashSet<ISymbol> set, bool orGeneration)
    {
        foreach (var argument in arguments)
        {
            if (Carries(argument.Value, set, orGeneration))
            {
                return true;
            }
        }

        return false;
    }
}
