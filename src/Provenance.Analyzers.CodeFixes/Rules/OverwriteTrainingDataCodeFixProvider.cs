using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Provenance.Analyzers;
using Provenance.Analyzers.Internal;

namespace Provenance.Analyzers.CodeFixes.Rules;

/// <summary>
/// Fixes PROV3001 by appending with the idiom of each API: <c>File.WriteAll*</c> → <c>File.AppendAll*</c>,
/// <c>File.CreateText</c>/<c>FileInfo.CreateText</c> → <c>AppendText</c>, <c>File.Create</c>/<c>File.OpenWrite</c> →
/// <c>File.Open(path, FileMode.Append)</c>, <c>FileMode.Create</c>/<c>Truncate</c>/<c>OpenOrCreate</c> → <c>FileMode.Append</c>
/// (with <c>FileAccess.Write</c>, which Append requires), <c>new StreamWriter(path)</c> → <c>new StreamWriter(path, append: true)</c>.
/// The analyzer offers no fix for streams handed to Parquet.Net (FileMode.Append is wrong there), <c>DataFrame.SaveCsv</c>,
/// and overwriting copies and moves.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OverwriteTrainingDataCodeFixProvider)), Shared]
public sealed class OverwriteTrainingDataCodeFixProvider : CodeFixProvider
{
    private const string Title = "Append instead of overwriting";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.OverwriteTrainingData);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.FixKind, out var kind) || kind is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var title = kind switch
            {
                FixKinds.RenameMethod => $"Use {diagnostic.Properties[DiagnosticPropertyNames.ReplacementMethod]}",
                FixKinds.OpenAppend => "Open with FileMode.Append",
                FixKinds.FileModeAppend => "Use FileMode.Append",
                FixKinds.StreamWriterAppend => "Pass append: true",
                _ => Title,
            };

            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, node, kind, diagnostic, ct), equivalenceKey: kind),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, SyntaxNode node, string kind, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var compilation = editor.SemanticModel.Compilation;
        switch (kind)
        {
            case FixKinds.RenameMethod when node is InvocationExpressionSyntax invocation &&
                                             diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.ReplacementMethod, out var replacement) &&
                                             replacement is not null:
                editor.ReplaceNode(invocation.Expression, Rename(invocation.Expression, replacement));
                break;

            case FixKinds.OpenAppend when node is InvocationExpressionSyntax invocation &&
                                           invocation.ArgumentList.Arguments.Count > 0 &&
                                           WellKnownTypes.Resolve(compilation, "System.IO.FileMode") is { } fileMode:
            {
                var path = PathArgument(editor.SemanticModel, invocation, cancellationToken) ?? invocation.ArgumentList.Arguments[0];
                var append = SyntaxFactory.Argument((ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(fileMode), "Append"));
                var newInvocation = invocation
                    .WithExpression(Rename(invocation.Expression, "Open"))
                    .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { path.WithNameColon(null).WithoutTrivia(), append })));
                editor.ReplaceNode(invocation, newInvocation);
                break;
            }

            case FixKinds.FileModeAppend:
            {
                if (editor.SemanticModel.GetOperation(node, cancellationToken) is not { } operation ||
                    WellKnownTypes.Resolve(compilation, "System.IO.FileMode") is not { } fileMode)
                {
                    return document;
                }

                var arguments = operation switch
                {
                    IObjectCreationOperation creation => creation.Arguments,
                    IInvocationOperation call => call.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };

                var mode = arguments.FirstOrDefault(a => a.Parameter?.Name == "mode" && a.ArgumentKind == ArgumentKind.Explicit);
                if (mode?.Syntax is not ArgumentSyntax modeSyntax)
                {
                    return document;
                }

                editor.ReplaceNode(modeSyntax.Expression,
                    generator.MemberAccessExpression(generator.TypeExpression(fileMode), "Append").WithTriviaFrom(modeSyntax.Expression));

                var access = arguments.FirstOrDefault(a => a.Parameter?.Name == "access" && a.ArgumentKind == ArgumentKind.Explicit);
                if (access?.Syntax is ArgumentSyntax accessSyntax &&
                    OperationHelpers.EnumConstant(access.Value) != 2 &&
                    WellKnownTypes.Resolve(compilation, "System.IO.FileAccess") is { } fileAccess)
                {
                    editor.ReplaceNode(accessSyntax.Expression,
                        generator.MemberAccessExpression(generator.TypeExpression(fileAccess), "Write").WithTriviaFrom(accessSyntax.Expression));
                }

                break;
            }

            case FixKinds.StreamWriterAppend when node is BaseObjectCreationExpressionSyntax creation && creation.ArgumentList is { } argumentList:
            {
                var operation = editor.SemanticModel.GetOperation(creation, cancellationToken) as IObjectCreationOperation;
                var append = operation?.Arguments.FirstOrDefault(a => a.Parameter?.Name == "append" && a.ArgumentKind == ArgumentKind.Explicit);
                var trueLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
                if (append?.Syntax is ArgumentSyntax appendSyntax)
                {
                    editor.ReplaceNode(appendSyntax.Expression, trueLiteral.WithTriviaFrom(appendSyntax.Expression));
                }
                else
                {
                    var named = SyntaxFactory.Argument(SyntaxFactory.NameColon("append"), default, trueLiteral);
                    editor.ReplaceNode(argumentList, argumentList.AddArguments(named));
                }

                break;
            }

            default:
                return document;
        }

        return editor.GetChangedDocument();
    }

    private static ArgumentSyntax? PathArgument(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation)
        {
            return operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "path")?.Syntax as ArgumentSyntax;
        }

        return null;
    }

    private static ExpressionSyntax Rename(ExpressionSyntax expression, string name) => expression switch
    {
        MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(member.Name)),
        IdentifierNameSyntax identifier => SyntaxFactory.IdentifierName(name).WithTriviaFrom(identifier),
        _ => expression,
    };
}
