using System.Linq;
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
        if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation || OperationHelpers.References(value, target) ||
            (value is ILocalReferenceOperation source && IsBuiltFrom(source.Local, target, assignment)))
        {
            return; // a projection or relabelling of the same rows, not a replacement by other data
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

    /// <summary>
    /// True when <paramref name="local"/> was filled from <paramref name="target"/> earlier in the method: its initializer, an
    /// element assignment (<c>new_dataset[i] = ...</c>) or an <c>Add</c>/<c>AddRange</c> on it uses the target, directly or through
    /// locals computed from it. dotnet/machinelearning-samples MovieRecommender relabels every rating into <c>new_dataset</c>
    /// and then writes <c>dataset = new_dataset;</c>: the same rows, so neither a replacement nor a case for <c>AddRange</c>.
    /// </summary>
    private static bool IsBuiltFrom(ILocalSymbol local, ISymbol target, IOperation assignment)
    {
        var root = OperationHelpers.Root(assignment);
        var derived = new System.Collections.Generic.HashSet<ISymbol>(SymbolEqualityComparer.Default) { target };
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation.Syntax.SpanStart >= assignment.Syntax.SpanStart)
                {
                    continue;
                }

                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when ReferencesAny(initializer.Value, derived):
                        derived.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned } simple when ReferencesAny(simple.Value, derived):
                        derived.Add(assigned.Local);
                        break;
                    case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } filled
                        when OperationHelpers.ReferencedSymbol(element.ArrayReference) is ILocalSymbol array && ReferencesAny(filled.Value, derived):
                        derived.Add(array);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert" or "InsertRange" } add
                        when add.Instance is not null && OperationHelpers.ReferencedSymbol(add.Instance) is ILocalSymbol list &&
                             add.Arguments.Any(a => ReferencesAny(a.Value, derived)):
                        derived.Add(list);
                        break;
                }
            }
        }

        return derived.Contains(local);
    }

    private static bool ReferencesAny(IOperation value, System.Collections.Generic.HashSet<ISymbol> symbols)
    {
        foreach (var symbol in symbols)
        {
            if (OperationHelpers.References(value, symbol))
            {
                return true;
            }
        }

        return false;
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
