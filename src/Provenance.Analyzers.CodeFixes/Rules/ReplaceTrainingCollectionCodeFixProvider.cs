using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Provenance.Analyzers;
using Provenance.Analyzers.CodeFixes.Internal;
using Provenance.Analyzers.Internal;

namespace Provenance.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes PROV3003: <c>train = synthetic;</c> → <c>train.AddRange(synthetic);</c> or <c>train = train.Concat(synthetic).ToList();</c>
/// (see <see cref="AccumulateRewriter"/>); <c>train.Clear();</c> before refilling → the statement is removed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceTrainingCollectionCodeFixProvider)), Shared]
public sealed class ReplaceTrainingCollectionCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ReplaceTrainingCollection);

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
            diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.FixKind, out var kind);
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (kind == FixKinds.Accumulate && node is AssignmentExpressionSyntax assignment &&
                AccumulateRewriter.CanFix(model, assignment, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add to the collection instead of replacing it",
                        ct => AccumulateRewriter.ApplyAsync(context.Document, assignment, ct), equivalenceKey: FixKinds.Accumulate),
                    diagnostic);
            }
            else if (kind == FixKinds.RemoveClear && node.Parent is ExpressionStatementSyntax statement)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove Clear() so that the additions accumulate",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)),
                        equivalenceKey: FixKinds.RemoveClear),
                    diagnostic);
            }
        }
    }
}
