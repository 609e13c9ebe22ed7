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
        });
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
