using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Provenance.Analyzers;
using Provenance.Analyzers.CodeFixes.Internal;

namespace Provenance.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes PROV3004 by accumulating into the pool: <c>data = model.Generate(n);</c> → <c>data.AddRange(model.Generate(n));</c>
/// or <c>data = data.Concat(model.Generate(n)).ToList();</c> (see <see cref="AccumulateRewriter"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SelfConsumingLoopCodeFixProvider)), Shared]
public sealed class SelfConsumingLoopCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SelfConsumingLoop);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is AssignmentExpressionSyntax assignment &&
                AccumulateRewriter.CanFix(model, assignment, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Accumulate into the pool instead of replacing it",
                        ct => AccumulateRewriter.ApplyAsync(context.Document, assignment, ct), equivalenceKey: "Accumulate"),
                    diagnostic);
            }
        }
    }
}
