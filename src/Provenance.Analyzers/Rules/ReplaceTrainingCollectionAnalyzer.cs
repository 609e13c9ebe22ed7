using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Provenance.Analyzers.Internal;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers.Rules;

/// <summary>
/// PROV3003: replacing a training collection: <c>train = synthetic;</c> (an assignment whose value does not keep the old
/// contents), or <c>train.Clear()</c> followed by refilling it (<c>Add</c>, <c>AddRange</c>, ...). What a training collection is:
/// see <see cref="TrainingCollections"/>. Assignments in constructors (initialisation) and self-consuming loops (reported as
/// PROV3004) are left out. See <c>docs/rules/PROV3003.md</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplaceTrainingCollectionAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.ReplaceTrainingCollection,
        title: DiagnosticRegistry.ReplaceTrainingCollectionTitle,
        messageFormat: "{0} replaces training collection '{1}' ({2}); add to it instead ({3})",
        RuleIdentifiers.Category,
        DiagnosticRegistry.ReplaceTrainingCollectionSeverity,
        isEnabledByDefault: true,
        description: "Replacing the contents of a training collection drops the data it held (often the human corpus) in favour of new, frequently synthetic, data. Accumulate: AddRange, or Concat onto the existing contents.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ReplaceTrainingCollection));

    private static readonly ImmutableHashSet<string> RefillMethods =
        ImmutableHashSet.Create("Add", "AddRange", "Insert", "InsertRange", "Enqueue", "Push", "UnionWith");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Create(start.Compilation);
            var cache = new ProvenanceOptionsCache(start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types, cache), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeClear(c, types, cache), OperationKind.Invocation);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        var target = OperationHelpers.ReferencedSymbol(assignment.Target);
        if (target is null || assignment.Parent is IObjectOrCollectionInitializerOperation)
        {
            return;
        }

        var value = OperationHelpers.Unwrap(assignment.Value);
        if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation || OperationHelpers.References(value, target))
        {
            return;
        }

        if (target is IFieldSymbol or IPropertySymbol &&
            OperationHelpers.ContainingMethod(assignment) is { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor })
        {
            return;
        }

        var options = cache.Get(assignment.Syntax.SyntaxTree);
        if (!TrainingCollections.IsTrainingCollection(target, assignment, options, types, out var reason) ||
            SelfConsumingLoopDetector.IsSelfConsuming(assignment, options, out _, out _))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.FixKind, FixKinds.Accumulate);
        context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), properties,
            "Assignment", target.Name, reason, $"{target.Name}.AddRange(...) or {target.Name} = {target.Name}.Concat(...).ToList()"));
    }

    private static void AnalyzeClear(OperationAnalysisContext context, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Clear" || invocation.Arguments.Length != 0 || invocation.Instance is null)
        {
            return;
        }

        var target = OperationHelpers.ReferencedSymbol(invocation.Instance);
        if (target is null)
        {
            return;
        }

        var refilled = false;
        foreach (var operation in OperationHelpers.Root(invocation).Descendants())
        {
            if (operation is IInvocationOperation refill &&
                refill.Syntax.SpanStart > invocation.Syntax.SpanStart &&
                RefillMethods.Contains(refill.TargetMethod.Name) &&
                refill.Instance is not null &&
                SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(refill.Instance), target))
            {
                refilled = true;
                break;
            }
        }

        if (!refilled ||
            !TrainingCollections.IsTrainingCollection(target, invocation, cache.Get(invocation.Syntax.SyntaxTree), types, out var reason))
        {
            return;
        }

        var properties = invocation.Parent is IExpressionStatementOperation
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.FixKind, FixKinds.RemoveClear)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties,
            $"'{target.Name}.Clear()' followed by refilling", target.Name, reason, "remove the Clear() so that the additions accumulate"));
    }
}
