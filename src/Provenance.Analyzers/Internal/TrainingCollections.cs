using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// Which in-memory values hold training data (PROV3003, PROV3004):
/// a field, property or parameter marked <c>[TrainingData]</c>/<c>[HumanCorpus]</c>; or a local or field whose initializer
/// reads training data (a marked member, or a call with a path argument that names training data, such as
/// <c>File.ReadAllLines("data/human/a.jsonl").ToList()</c>). Strings and value types are never collections.
/// </summary>
internal static class TrainingCollections
{
    public static bool IsTrainingCollection(ISymbol symbol, IOperation context, ProvenanceOptions options, WellKnownTypes types, out string reason)
    {
        reason = string.Empty;
        var type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        if (type is null || type.SpecialType == SpecialType.System_String || type.IsValueType)
        {
            return false;
        }

        if (OperationHelpers.TryGetMarker(symbol, out var marker))
        {
            reason = $"marked [{marker}]";
            return true;
        }

        if (symbol is not (ILocalSymbol or IFieldSymbol))
        {
            return false;
        }

        var initializer = PathResolver.InitializerOf(symbol, context);
        if (initializer is null)
        {
            return false;
        }

        return IsBuiltFromTrainingData(initializer, options, types, out reason);
    }

    private static bool IsBuiltFromTrainingData(IOperation value, ProvenanceOptions options, WellKnownTypes types, out string reason)
    {
        reason = string.Empty;
        foreach (var operation in Self(value))
        {
            var symbol = OperationHelpers.ReferencedSymbol(operation);
            if (symbol is not null && OperationHelpers.TryGetMarker(symbol, out var marker))
            {
                reason = $"loaded from '{symbol.Name}', marked [{marker}]";
                return true;
            }

            if (operation is IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.Type?.SpecialType != SpecialType.System_String || argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    var verdict = TrainingDataClassifier.Classify(argument.Value, PathKind.File, options, types);
                    if (verdict.IsTrainingData)
                    {
                        reason = "loaded from " + verdict.Description;
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static System.Collections.Generic.IEnumerable<IOperation> Self(IOperation value)
    {
        yield return value;
        foreach (var descendant in value.Descendants())
        {
            yield return descendant;
        }
    }
}

/// <summary>
/// PROV3004's pattern: inside a loop, <c>data = expr</c> where <c>expr</c> uses a model trained on <c>data</c> in the same loop body
/// (<c>var model = Train(data); data = model.Generate(n);</c> or <c>data = Generate(Train(data));</c>), and <c>expr</c> does not
/// itself keep <c>data</c> (<c>data.Concat(...)</c>, <c>[.. data, .. more]</c>). A training call is a call whose name starts with
/// one of <see cref="ProvenanceOptions.TrainingMethods"/> (default Train, Fit, FineTune, Learn, followed by a non-lowercase
/// character or the end) and that takes <c>data</c> as an argument or receiver.
/// </summary>
internal static class SelfConsumingLoopDetector
{
    public static bool IsSelfConsuming(ISimpleAssignmentOperation assignment, ProvenanceOptions options, out ISymbol? target, out string model)
    {
        model = string.Empty;
        target = OperationHelpers.ReferencedSymbol(assignment.Target);
        if (target is null || target is IPropertySymbol { IsIndexer: true })
        {
            return false;
        }

        ILoopOperation? loop = null;
        for (var parent = assignment.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (parent is ILoopOperation found)
            {
                loop = found;
                break;
            }
        }

        if (loop?.Body is null || IsAccumulating(assignment.Value, target))
        {
            return false;
        }

        var value = UnwrapAwait(assignment.Value);
        if (value is IInvocationOperation direct && IsTrainingCall(direct, target, options))
        {
            return false; // the data is assigned a model, not generated data
        }

        // Models trained on the target earlier in this loop body.
        var models = new System.Collections.Generic.List<(ILocalSymbol Local, string Call)>();
        foreach (var operation in loop.Body.Descendants())
        {
            if (operation.Syntax.SpanStart >= assignment.Syntax.SpanStart)
            {
                continue;
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator
                    when FindTrainingCall(initializer.Value, target, options) is { } call:
                    models.Add((declarator.Symbol, call.Syntax.ToString()));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } modelAssignment
                    when modelAssignment != assignment && FindTrainingCall(modelAssignment.Value, target, options) is { } call:
                    models.Add((local.Local, call.Syntax.ToString()));
                    break;
            }
        }

        if (FindTrainingCall(value, target, options) is { } nested)
        {
            model = $"a model trained by '{Shorten(nested.Syntax.ToString())}'";
            return true;
        }

        foreach (var (local, call) in models)
        {
            if (OperationHelpers.References(value, local))
            {
                model = $"model '{local.Name}' trained by '{Shorten(call)}'";
                return true;
            }
        }

        return IsReplacedByModelOutput(assignment, loop.Body, target, value, out model);
    }

    /// <summary>
    /// The loops of real LLM and model code (issue 13.5): the data is consumed by a model call in the loop (passed to a chat
    /// completion, a transformer, a module's forward, or a training call, directly or through locals and <c>foreach</c>
    /// variables), and is then assigned a value built from a model call's output in the same loop body: the next iteration
    /// prompts or trains on the previous one's output only.
    /// </summary>
    private static bool IsReplacedByModelOutput(ISimpleAssignmentOperation assignment, IOperation body, ISymbol target, IOperation value, out string model)
    {
        model = string.Empty;
        if (ModelCalls.FindGeneration(body) is null)
        {
            return false; // no model call in the loop at all: the common case, one scan
        }

        var outputs = ModelCalls.Flow(body, null, seedIsOutput: true);
        if (!ModelCalls.Carries(value, outputs, orGeneration: true))
        {
            return false;
        }

        var inputs = ModelCalls.Flow(body, target, seedIsOutput: false);
        IInvocationOperation? consumer = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation call && ModelCalls.IsGeneration(call) &&
                ((call.Instance is not null && ModelCalls.Carries(call.Instance, inputs, false)) || Any(call, inputs)))
            {
                consumer = call;
                break;
            }
        }

        if (consumer is null)
        {
            return false;
        }

        var generation = ModelCalls.FindGeneration(value) ?? consumer;
        model = $"'{Shorten(generation.Syntax.ToString())}'";
        return true;

        static bool Any(IInvocationOperation call, System.Collections.Generic.HashSet<ISymbol> set)
        {
            foreach (var argument in call.Arguments)
            {
                if (ModelCalls.Carries(argument.Value, set, false))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when the value keeps the old data: <c>data.Concat(x)</c>, <c>x.Union(data)</c>, <c>[.. data, .. x]</c>.</summary>
    public static bool IsAccumulating(IOperation value, ISymbol target)
    {
        foreach (var operation in SelfAndDescendants(value))
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Concat" or "Union" or "Append" or "Prepend" or "AddRange" } invocation)
            {
                if (invocation.Instance is not null && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(invocation.Instance), target))
                {
                    return true;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(argument.Value), target))
                    {
                        return true;
                    }
                }
            }

            if (operation is ISpreadOperation spread && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(spread.Operand), target))
            {
                return true;
            }
        }

        return false;
    }

    private static IInvocationOperation? FindTrainingCall(IOperation value, ISymbol target, ProvenanceOptions options)
    {
        foreach (var operation in SelfAndDescendants(value))
        {
            if (operation is IInvocationOperation invocation && IsTrainingCall(invocation, target, options))
            {
                return invocation;
            }
        }

        return null;
    }

    private static bool IsTrainingCall(IInvocationOperation invocation, ISymbol target, ProvenanceOptions options)
    {
        var name = invocation.TargetMethod.Name;
        var named = false;
        foreach (var prefix in options.TrainingMethods)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
                (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])))
            {
                named = true;
                break;
            }
        }

        if (!named)
        {
            return false;
        }

        if (invocation.Instance is not null && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(invocation.Instance), target))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (OperationHelpers.References(argument.Value, target))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation UnwrapAwait(IOperation value)
    {
        var current = OperationHelpers.Unwrap(value);
        while (current is IAwaitOperation awaited)
        {
            current = OperationHelpers.Unwrap(awaited.Operation);
        }

        return current;
    }

    private static System.Collections.Generic.IEnumerable<IOperation> SelfAndDescendants(IOperation value)
    {
        yield return value;
        foreach (var descendant in value.Descendants())
        {
            yield return descendant;
        }
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", string.Empty).Replace("\n", " ");
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }
}
