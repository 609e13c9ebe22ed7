using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Provenance.Analyzers.Internal;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers.Rules;

/// <summary>
/// PROV3002: deleting training data (<c>File.Delete</c>, <c>Directory.Delete</c>, <c>FileInfo.Delete</c>, <c>DirectoryInfo.Delete</c>).
/// A folder that contains a data root counts too. There is no code fix: an approved removal belongs in the manifest's
/// <c>removed:</c> list (with reason and approver), not in code. See <c>docs/rules/PROV3002.md</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeleteTrainingDataAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.DeleteTrainingData,
        title: DiagnosticRegistry.DeleteTrainingDataTitle,
        messageFormat: "{0} deletes training data {1}; record an approved removal in the manifest's 'removed:' list instead",
        RuleIdentifiers.Category,
        DiagnosticRegistry.DeleteTrainingDataSeverity,
        isEnabledByDefault: true,
        description: "Deleting a training data file from code drops data that later generations need; a dropped human corpus is the first step to model collapse. Removals must be approved and recorded in the manifest ('removed:' with reason and approvedBy).",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.DeleteTrainingData));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, DerivedDataRebuiltRule.Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Create(start.Compilation);
            if (!types.HasFileSystem)
            {
                return;
            }

            var cache = new ProvenanceOptionsCache(start.Options.AnalyzerConfigOptionsProvider);
            var flow = PathFlow.Register(start);
            var deferred = new DeferredWrites();
            start.RegisterOperationAction(c => Analyze(c, types, cache, flow, deferred), OperationKind.Invocation);
            start.RegisterCompilationEndAction(c => deferred.Run(c.ReportDiagnostic));
        });
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownTypes types, ProvenanceOptionsCache cache, PathFlow flow, DeferredWrites deferred)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "Delete")
        {
            return;
        }

        IOperation? path;
        PathKind kind;
        string api;
        var type = method.ContainingType;
        if (WellKnownTypes.Is(type, types.File))
        {
            path = OperationHelpers.GetArgument(invocation.Arguments, "path");
            kind = PathKind.File;
            api = "File.Delete";
        }
        else if (WellKnownTypes.Is(type, types.Directory))
        {
            path = OperationHelpers.GetArgument(invocation.Arguments, "path");
            kind = PathKind.Directory;
            api = "Directory.Delete";
        }
        else if (WellKnownTypes.Is(type, types.FileInfo))
        {
            path = PathResolver.InfoPathOperation(invocation.Instance);
            kind = PathKind.File;
            api = "FileInfo.Delete";
        }
        else if (WellKnownTypes.Is(type, types.DirectoryInfo))
        {
            path = PathResolver.InfoPathOperation(invocation.Instance);
            kind = PathKind.Directory;
            api = "DirectoryInfo.Delete";
        }
        else
        {
            return;
        }

        if (path is null)
        {
            return;
        }

        var options = cache.Get(invocation.Syntax.SyntaxTree);
        var verdict = TrainingDataClassifier.Classify(path, kind, options, types, null, null, out var value);
        if (verdict.IsTrainingData)
        {
            context.ReportDiagnostic(Create(invocation, api, verdict));
        }
        else if (value.CanFollow)
        {
            deferred.Add(report =>
            {
                var followed = flow.ClassifyThroughCallers(path, kind, options, types);
                if (followed.IsTrainingData)
                {
                    report(Create(invocation, api, followed));
                }
            });
        }
    }

    private static Diagnostic Create(IOperation invocation, string api, Classification verdict) =>
        verdict.IsDerived
            ? Diagnostic.Create(DerivedDataRebuiltRule.Rule, invocation.Syntax.GetLocation(), api, verdict.Description)
            : Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), api, verdict.Description);
}
