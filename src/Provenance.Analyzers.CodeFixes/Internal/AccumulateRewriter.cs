using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Provenance.Analyzers.Internal;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Provenance.Analyzers.CodeFixes.Internal;

/// <summary>
/// Turns a replacing assignment <c>x = y</c> into an accumulating one (PROV3003, PROV3004):
/// <c>x.AddRange(y);</c> when <c>x</c> is a <c>List&lt;T&gt;</c>, the assignment is a statement and <c>y</c> does not read <c>x</c>
/// (List.AddRange over a lazy sequence that enumerates <c>x</c> would throw); otherwise <c>x = x.Concat(y).ToList()</c>
/// (<c>.ToArray()</c> for arrays), adding <c>using System.Linq;</c> when needed.
/// No fix when the types are not sequences of compatible elements (an ML.NET <c>IDataView</c>, say).
/// </summary>
internal static class AccumulateRewriter
{
    public static bool CanFix(SemanticModel model, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken) =>
        Plan(model, assignment, cancellationToken) != Shape.None;

    public static async Task<Document> ApplyAsync(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var shape = Plan(model, assignment, cancellationToken);
        var target = assignment.Left.WithoutTrivia();
        var value = assignment.Right.WithoutTrivia();
        SyntaxNode newRoot;
        if (shape == Shape.AddRange)
        {
            var call = InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName("AddRange")),
                    ArgumentList(SingletonSeparatedList(Argument(value))))
                .WithTriviaFrom(assignment);
            newRoot = root.ReplaceNode(assignment, call);
        }
        else if (shape is Shape.ConcatToList or Shape.ConcatToArray)
        {
            var concat = InvocationExpression(MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName("Concat")),
                    ArgumentList(SingletonSeparatedList(Argument(value)))),
                IdentifierName(shape == Shape.ConcatToArray ? "ToArray" : "ToList")));

            newRoot = root.ReplaceNode(assignment.Right, concat.WithTriviaFrom(assignment.Right));
            if (!LinqInScope(model, assignment.SpanStart) && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = unit.AddUsings(UsingDirective(ParseName("System.Linq")).WithAdditionalAnnotations(Formatter.Annotation));
            }
        }
        else
        {
            return document;
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static Shape Plan(SemanticModel model, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        var targetType = model.GetTypeInfo(assignment.Left, cancellationToken).Type;
        var valueType = model.GetTypeInfo(assignment.Right, cancellationToken).Type;
        if (targetType is null || valueType is null)
        {
            return Shape.None;
        }

        var targetElement = ElementType(targetType);
        var valueElement = ElementType(valueType);
        if (targetElement is null || valueElement is null ||
            !model.Compilation.ClassifyConversion(valueElement, targetElement).IsImplicit)
        {
            return Shape.None;
        }

        var targetSymbol = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
        var valueReadsTarget = targetSymbol is not null && assignment.Right.DescendantNodesAndSelf()
            .OfType<IdentifierNameSyntax>()
            .Any(name => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, targetSymbol));

        if (targetType is INamedTypeSymbol named &&
            named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>" &&
            assignment.Parent is ExpressionStatementSyntax &&
            !valueReadsTarget)
        {
            return Shape.AddRange;
        }

        if (targetType is IArrayTypeSymbol)
        {
            return Shape.ConcatToArray;
        }

        var list = WellKnownTypes.Resolve(model.Compilation, "System.Collections.Generic.List`1")?.Construct(targetElement);
        if (list is not null && model.Compilation.ClassifyConversion(list, targetType).IsImplicit)
        {
            return Shape.ConcatToList; // also for IEnumerable<T>: materialise, so generations do not nest lazy Concat chains
        }

        return Shape.None;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol self && self.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return self.TypeArguments[0];
        }

        return type.AllInterfaces
            .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            ?.TypeArguments[0];
    }

    private static bool LinqInScope(SemanticModel model, int position) =>
        model.LookupNamespacesAndTypes(position, name: "Enumerable")
            .Any(symbol => symbol.ContainingNamespace?.ToDisplayString() == "System.Linq");

    private enum Shape
    {
        None,
        AddRange,
        ConcatToList,
        ConcatToArray,
    }
}
