using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>Small IOperation utilities shared by the rules.</summary>
internal static class OperationHelpers
{
    /// <summary>Strips implicit and explicit conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The argument bound to the parameter named <paramref name="name"/>, or null when absent or defaulted.</summary>
    public static IOperation? GetArgument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The argument at parameter position <paramref name="ordinal"/>, or null when absent or defaulted.</summary>
    public static IArgumentOperation? GetArgument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The local, parameter, field or property an expression reads directly, or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
        _ => null,
    };

    /// <summary>True when both expressions name the same path: the same symbol, or equivalent syntax.</summary>
    public static bool SamePath(IOperation a, IOperation b)
    {
        var left = Unwrap(a);
        var right = Unwrap(b);
        var leftSymbol = ReferencedSymbol(left);
        var rightSymbol = ReferencedSymbol(right);
        if (leftSymbol is not null && rightSymbol is not null)
        {
            return SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol);
        }

        return SyntaxFactory.AreEquivalent(left.Syntax, right.Syntax);
    }

    /// <summary>True when <paramref name="operation"/> reads <paramref name="symbol"/> anywhere inside it.</summary>
    public static bool References(IOperation operation, ISymbol symbol)
    {
        if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), symbol))
        {
            return true;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(descendant), symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The root of the operation tree (the method, accessor, lambda-containing member or field initializer).</summary>
    public static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The method the operation belongs to (the containing symbol of its semantic model), or null.</summary>
    public static IMethodSymbol? ContainingMethod(IOperation operation)
    {
        var model = operation.SemanticModel;
        return model?.GetEnclosingSymbol(operation.Syntax.SpanStart) as IMethodSymbol;
    }

    /// <summary>True when <paramref name="symbol"/> carries an attribute named <c>TrainingDataAttribute</c> or <c>HumanCorpusAttribute</c> (any namespace).</summary>
    public static bool TryGetMarker(ISymbol? symbol, out string markerName)
    {
        markerName = string.Empty;
        if (symbol is null || symbol is ILocalSymbol)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (string.Equals(name, "TrainingDataAttribute", StringComparison.Ordinal) ||
                string.Equals(name, "HumanCorpusAttribute", StringComparison.Ordinal))
            {
                markerName = name!.Substring(0, name.Length - "Attribute".Length);
                return true;
            }
        }

        return false;
    }

    /// <summary>A constant enum field value (e.g. <c>FileMode.Create</c>) as its underlying integer, or null.</summary>
    public static long? EnumConstant(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        var constant = Unwrap(operation).ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            constant = operation.ConstantValue;
        }

        if (!constant.HasValue || constant.Value is null)
        {
            return null;
        }

        try
        {
            return Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidCastException)
        {
            return null;
        }
    }

    /// <summary>A constant bool value, or null.</summary>
    public static bool? BoolConstant(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        var constant = Unwrap(operation).ConstantValue;
        return constant.HasValue && constant.Value is bool value ? value : null;
    }
}
