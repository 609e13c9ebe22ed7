using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// The shapes in which a write that looks overwriting is in fact safe: guarded by a <c>File.Exists</c> check on the same path,
/// a temporary file later renamed into place, a stream positioned at its end, a Parquet.Net append.
/// </summary>
internal static class WriteSafety
{
    /// <summary>
    /// True when the write only runs when the file does not exist yet:
    /// inside <c>if (!File.Exists(p) ...)</c> (also in an <c>&amp;&amp;</c> chain), in the <c>else</c> of <c>if (File.Exists(p))</c>,
    /// or after <c>if (File.Exists(p)) return;</c> (or throw/continue/break) in an enclosing block.
    /// </summary>
    public static bool IsGuardedByExists(IOperation write, IOperation path, WellKnownTypes types)
    {
        IOperation child = write;
        for (var parent = write.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (parent is IConditionalOperation conditional)
            {
                if (conditional.WhenTrue == child && ConditionRequires(conditional.Condition, path, types, exists: false))
                {
                    return true;
                }

                if (conditional.WhenFalse == child && ConditionRequires(conditional.Condition, path, types, exists: true))
                {
                    return true;
                }
            }

            if (parent is IBlockOperation block)
            {
                foreach (var statement in block.Operations)
                {
                    if (statement == child)
                    {
                        break;
                    }

                    if (statement is IConditionalOperation { WhenFalse: null } early &&
                        ExitsUnconditionally(early.WhenTrue) &&
                        ConditionRequires(early.Condition, path, types, exists: true))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>True when the path is a local or parameter that is later the source of <c>File.Move</c>/<c>File.Replace</c>/<c>File.Copy</c> in the same body (temp-then-rename).</summary>
    public static bool IsRenamedAfterwards(IOperation write, IOperation path, WellKnownTypes types)
    {
        var symbol = OperationHelpers.ReferencedSymbol(path);
        if (symbol is not ILocalSymbol and not IParameterSymbol)
        {
            return false;
        }

        foreach (var operation in OperationHelpers.Root(write).Descendants())
        {
            if (operation is IInvocationOperation invocation &&
                WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.File) &&
                invocation.TargetMethod.Name is "Move" or "Replace" or "Copy" &&
                invocation.Arguments.Length > 0 &&
                operation.Syntax.SpanStart > write.Syntax.SpanStart &&
                SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(invocation.Arguments[0].Value), symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the stream created by <paramref name="creation"/> is stored in a local that is then positioned at its end
    /// (<c>s.Seek(0, SeekOrigin.End)</c> or <c>s.Position = s.Length</c>): an append in effect.
    /// </summary>
    public static bool IsSeekedToEnd(IOperation creation, WellKnownTypes types)
    {
        var local = StoredInLocal(creation);
        if (local is null)
        {
            return false;
        }

        foreach (var operation in OperationHelpers.Root(creation).Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Seek" } seek
                    when seek.Instance is not null &&
                         SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(seek.Instance), local) &&
                         seek.Arguments.Length == 2 &&
                         WellKnownTypes.Is(seek.Arguments[1].Value.Type, types.SeekOrigin) &&
                         OperationHelpers.EnumConstant(seek.Arguments[1].Value) == 2: // SeekOrigin.End
                    return true;

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Position" } position } assignment
                    when position.Instance is not null &&
                         SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(position.Instance), local) &&
                         OperationHelpers.Unwrap(assignment.Value) is IPropertyReferenceOperation { Property.Name: "Length" }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The <c>ParquetWriter.CreateAsync</c> call the stream flows into (directly or through a local), or null.
    /// </summary>
    public static IInvocationOperation? ParquetWriterConsumer(IOperation creation, WellKnownTypes types)
    {
        if (types.ParquetWriter is null)
        {
            return null;
        }

        var local = StoredInLocal(creation);
        foreach (var operation in OperationHelpers.Root(creation).Descendants())
        {
            if (operation is not IInvocationOperation invocation ||
                !WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.ParquetWriter))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                var value = OperationHelpers.Unwrap(argument.Value);
                if (value == creation || (local is not null && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(value), local)))
                {
                    return invocation;
                }
            }
        }

        return null;
    }

    /// <summary>True when the stream flows into a <c>CsvHelper.CsvWriter</c> (directly or through a local).</summary>
    public static bool FlowsIntoCsvWriter(IOperation creation, WellKnownTypes types)
    {
        if (types.CsvWriter is null)
        {
            return false;
        }

        var local = StoredInLocal(creation);
        foreach (var operation in OperationHelpers.Root(creation).Descendants())
        {
            if (operation is IObjectCreationOperation csv && WellKnownTypes.Is(csv.Type, types.CsvWriter) && csv.Arguments.Length > 0)
            {
                var value = OperationHelpers.Unwrap(csv.Arguments[0].Value);
                if (value == creation || (local is not null && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(value), local)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// When the method that writes (or a source method it calls, two levels down) reads files, a name for where: the content
    /// written is then most likely rebuilt from data (a split, a pivot, re-ingested seed data), and appending it would
    /// duplicate every row. Reads are <c>File.Read*</c>/<c>OpenRead</c>/<c>OpenText</c>, <c>Directory.GetFiles</c>/<c>EnumerateFiles</c>, <c>new StreamReader(path)</c>, a
    /// <c>FileStream</c> opened for reading, and library loaders: a method named <c>Load*</c>/<c>Read*</c> taking a path.
    /// </summary>
    public static string? ContentReadFromData(IOperation write, IOperation writtenPath, WellKnownTypes types)
    {
        var method = OperationHelpers.ContainingMethod(write);
        return FindRead(OperationHelpers.Root(write), types, depth: 0, method?.Name ?? "this method", write, writtenPath);
    }

    /// <summary>A read before the write, of another path (in the writing method), or any read (in a callee).</summary>
    private static string? FindRead(IOperation body, WellKnownTypes types, int depth, string where, IOperation? write = null, IOperation? writtenPath = null)
    {
        foreach (var operation in body.Descendants())
        {
            if (write is not null &&
                (operation.Syntax.SpanStart >= write.Syntax.SpanStart || (writtenPath is not null && ReadsSamePath(operation, writtenPath))))
            {
                continue;
            }

            switch (operation)
            {
                case IInvocationOperation invocation when IsRead(invocation, types):
                    return $"'{Shorten(invocation.Syntax.ToString())}' in {where}";
                case IObjectCreationOperation creation when IsReaderCreation(creation, types):
                    return $"'{Shorten(creation.Syntax.ToString())}' in {where}";
                case IInvocationOperation call when depth < 2 && !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty &&
                                                    call.SemanticModel is { } model:
                    foreach (var reference in call.TargetMethod.OriginalDefinition.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == model.SyntaxTree && model.GetOperation(reference.GetSyntax()) is { } callee &&
                            FindRead(callee, types, depth + 1, call.TargetMethod.Name) is { } found)
                        {
                            return found;
                        }
                    }

                    break;
            }
        }

        return null;
    }

    private static bool ReadsSamePath(IOperation operation, IOperation writtenPath)
    {
        var arguments = operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        return !arguments.IsDefaultOrEmpty && arguments[0].Value.Type?.SpecialType == SpecialType.System_String &&
               OperationHelpers.SamePath(arguments[0].Value, writtenPath);
    }

    private static bool IsRead(IInvocationOperation invocation, WellKnownTypes types)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        if (WellKnownTypes.Is(method.ContainingType, types.File))
        {
            return name.StartsWith("Read", System.StringComparison.Ordinal) || name is "OpenRead" or "OpenText";
        }

        if (WellKnownTypes.Is(method.ContainingType, types.Directory))
        {
            // Enumerating the source files to convert (eShopSupport's ManualIngestor reads every PDF of a folder).
            return name is "GetFiles" or "EnumerateFiles";
        }

        if (WellKnownTypes.Is(method.ContainingType, types.Path))
        {
            return false;
        }

        return (name.StartsWith("Load", System.StringComparison.Ordinal) || name.StartsWith("Read", System.StringComparison.Ordinal)) &&
               HasStringPath(invocation);
    }

    private static bool HasStringPath(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.Type?.SpecialType == SpecialType.System_String &&
                argument.Parameter?.Name is { } parameter &&
                (parameter.IndexOf("path", System.StringComparison.OrdinalIgnoreCase) >= 0 || parameter.IndexOf("file", System.StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReaderCreation(IObjectCreationOperation creation, WellKnownTypes types)
    {
        if (creation.Type?.Name == "StreamReader" && creation.Arguments.Length > 0 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        if (WellKnownTypes.Is(creation.Type, types.FileStream))
        {
            var mode = OperationHelpers.EnumConstant(OperationHelpers.GetArgument(creation.Arguments, "mode"));
            var access = OperationHelpers.EnumConstant(OperationHelpers.GetArgument(creation.Arguments, "access"));
            return mode == 3 && (access is null or 1); // FileMode.Open, read
        }

        return false;
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", string.Empty).Replace("\n", " ");
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    /// <summary>The local a value is stored in (<c>var s = value;</c>, <c>using var s = value;</c>, <c>using (var s = value)</c>), or null.</summary>
    public static ILocalSymbol? StoredInLocal(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return declarator.Symbol;
        }

        if (parent is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local })
        {
            return local.Local;
        }

        return null;
    }

    private static bool ConditionRequires(IOperation condition, IOperation path, WellKnownTypes types, bool exists)
    {
        var value = OperationHelpers.Unwrap(condition);
        if (value is IBinaryOperation binary &&
            binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And && !exists)
        {
            return ConditionRequires(binary.LeftOperand, path, types, exists) || ConditionRequires(binary.RightOperand, path, types, exists);
        }

        if (value is IBinaryOperation either &&
            either.OperatorKind is BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or && exists)
        {
            return ConditionRequires(either.LeftOperand, path, types, exists) || ConditionRequires(either.RightOperand, path, types, exists);
        }

        if (value is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return IsExistsCall(not.Operand, path, types) && !exists;
        }

        return IsExistsCall(value, path, types) && exists;
    }

    private static bool IsExistsCall(IOperation operation, IOperation path, WellKnownTypes types)
    {
        return OperationHelpers.Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "Exists" } invocation &&
               (WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.File) ||
                WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.Directory)) &&
               invocation.Arguments.Length == 1 &&
               OperationHelpers.SamePath(invocation.Arguments[0].Value, path);
    }

    private static bool ExitsUnconditionally(IOperation operation)
    {
        var value = operation is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : operation;
        return value is IReturnOperation or IThrowOperation or IBranchOperation ||
               value is IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
