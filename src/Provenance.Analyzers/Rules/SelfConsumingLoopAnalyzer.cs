using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Provenance.Analyzers.Internal;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers.Rules;

/// <summary>
/// PROV3004: a self-consuming loop. Inside a loop, the data is reassigned from the output of a model trained on that data in
/// the same iteration, so each generation replaces the last: the "replace" setting in which every study of model collapse
/// sees collapse (Shumailov et al. 2024; Gerstgrasser et al. 2024). The fix accumulates into the pool.
/// Pattern details: <see cref="SelfConsumingLoopDetector"/>. Option <c>provenance.PROV3004.training_methods</c>.
/// See <c>docs/rules/PROV3004.md</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SelfConsumingLoopAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.SelfConsumingLoop,
        title: DiagnosticRegistry.SelfConsumingLoopTitle,
        messageFormat: "'{0}' is replaced in each iteration by the output of {1} (a self-consuming loop); accumulate into the pool instead",
        RuleIdentifiers.Category,
        DiagnosticRegistry.SelfConsumingLoopSeverity,
        isEnabledByDefault: true,
        description: "A loop that trains a model on the data and then replaces the data with that model's output trains every generation on the previous generation's samples only. The tails of the distribution disappear within a few generations. Keep the original data and add the generated data to it.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.SelfConsumingLoop));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var cache = new ProvenanceOptionsCache(start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterOperationAction(c => Analyze(c, cache), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzeWrite, OperationKind.Invocation);
        });
    }

    /// <summary>
    /// The file form of the loop: in a loop that reads a file for the model (<c>LoadFromTextFile(trainPath)</c>,
    /// <c>File.ReadAllLines(trainPath)</c>), the model's output is written back over that file (<c>SaveAsText</c> into a stream
    /// opened on it, <c>File.WriteAll*</c>), so the next iteration trains on it. No fix: accumulate into a new shard instead.
    /// </summary>
    private static void AnalyzeWrite(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var name = invocation.TargetMethod.Name;
        IOperation? content;
        IOperation? path;
        if (name is "SaveAsText" or "SaveAsBinary" && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.ML")
        {
            content = OperationHelpers.GetArgument(invocation.Arguments, "data");
            path = StreamPath(OperationHelpers.GetArgument(invocation.Arguments, "stream"));
        }
        else if (name.StartsWith("WriteAll", System.StringComparison.Ordinal) && invocation.TargetMethod.ContainingType?.ToDisplayString() == "System.IO.File")
        {
            path = OperationHelpers.GetArgument(invocation.Arguments, "path");
            content = invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value : null;
        }
        else
        {
            return;
        }

        if (content is null || path is null || LoopOf(invocation) is not { Body: { } body })
        {
            return;
        }

        if (ModelCalls.FindGeneration(body) is null || !ReadsForModel(body, path))
        {
            return;
        }

        var outputs = ModelCalls.Flow(body, null, seedIsOutput: true);
        if (!ModelCalls.Carries(content, outputs, orGeneration: true))
        {
            return;
        }

        var model = ModelCalls.FindGeneration(body);
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(),
            TrainingDataClassifier.Display(path), $"'{(model?.Syntax.ToString() ?? name)}', written back over the file the loop reads"));
    }

    private static ILoopOperation? LoopOf(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (parent is ILoopOperation loop)
            {
                return loop;
            }
        }

        return null;
    }

    /// <summary>The path a stream was opened on: <c>File.Create(p)</c>, <c>File.OpenWrite(p)</c>, <c>new FileStream(p, ...)</c>, directly or through a local.</summary>
    private static IOperation? StreamPath(IOperation? stream)
    {
        if (stream is null)
        {
            return null;
        }

        var value = OperationHelpers.Unwrap(stream);
        if (value is ILocalReferenceOperation local)
        {
            value = PathResolver.InitializerOf(local.Local, value) is { } initializer ? OperationHelpers.Unwrap(initializer) : value;
        }

        return value switch
        {
            IInvocationOperation { TargetMethod.Name: "Create" or "OpenWrite" or "Open" } open when open.Arguments.Length > 0 => open.Arguments[0].Value,
            IObjectCreationOperation creation when creation.Arguments.Length > 0 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String => creation.Arguments[0].Value,
            _ => null,
        };
    }

    private static bool ReadsForModel(IOperation body, IOperation path)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation read &&
                (read.TargetMethod.Name.StartsWith("Load", System.StringComparison.Ordinal) || read.TargetMethod.Name.StartsWith("Read", System.StringComparison.Ordinal)))
            {
                foreach (var argument in read.Arguments)
                {
                    if (argument.Value.Type?.SpecialType == SpecialType.System_String && OperationHelpers.SamePath(argument.Value, path))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static void Analyze(OperationAnalysisContext context, ProvenanceOptionsCache cache)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (!SelfConsumingLoopDetector.IsSelfConsuming(assignment, cache.Get(assignment.Syntax.SyntaxTree), out var target, out var model) || target is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.FixKind, FixKinds.Accumulate);
        context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), properties, target.Name, model));
    }
}
