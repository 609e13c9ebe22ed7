using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// What the analyzer could learn about a path expression without running it.
/// <see cref="Text"/> is the whole path when <see cref="HasUnknownPrefix"/> is false, otherwise only the
/// constant tail that follows the last part it could not resolve (a parameter, <c>AppContext.BaseDirectory</c>, ...).
/// </summary>
internal sealed class PathValue
{
    public string Text { get; set; } = string.Empty;

    /// <summary>Some unresolved text precedes <see cref="Text"/>.</summary>
    public bool HasUnknownPrefix { get; set; }

    /// <summary>The tail starts at a segment boundary (the unresolved part was a whole <c>Path.Combine</c> argument or was followed by a separator).</summary>
    public bool TailAtBoundary { get; set; } = true;

    /// <summary>The path is some entry under the folder <see cref="Text"/> (an iteration variable over <c>Directory.GetFiles(dir)</c>).</summary>
    public bool IsChildOfText { get; set; }

    /// <summary>A symbol marked <c>[TrainingData]</c>/<c>[HumanCorpus]</c> the path was built from.</summary>
    public ISymbol? MarkedSymbol { get; set; }

    public string MarkerName { get; set; } = string.Empty;

    /// <summary>Built from <c>Path.GetTempFileName()</c> or <c>Path.GetTempPath()</c>.</summary>
    public bool IsTemporary { get; set; }

    /// <summary>Parameters the path depends on that no binding resolved (what the call sites pass decides).</summary>
    public System.Collections.Generic.List<IParameterSymbol> FreeParameters { get; set; } = new();

    /// <summary>The path depends on a source helper or a constructor-set field that only the compilation-wide record can resolve.</summary>
    public bool NeedsFlow { get; set; }

    /// <summary>Whether the compilation-end pass (<see cref="PathFlow"/>) could learn more about this path.</summary>
    public bool CanFollow => NeedsFlow || FreeParameters.Count > 0;
}

/// <summary>
/// Resolves path expressions: constants, interpolated strings, <c>+</c> concatenation, <c>Path.Combine</c>/<c>Path.Join</c>
/// and <c>Path.GetFullPath</c> of those, and locals, fields and properties initialised from them (followed a few levels,
/// in the same syntax tree; a later reassignment is not seen, which is the documented heuristic). With a
/// <see cref="PathFlow"/> (the compilation-wide record) it also follows, bounded by <see cref="MaxDepth"/>:
/// <list type="bullet">
/// <item>calls of source helpers that return a string (<c>GetAbsolutePath(rel)</c>): the helper's (last) <c>return</c>
/// expression, with its parameters bound to the call's arguments;</item>
/// <item>fields without an initializer that a constructor of their type assigns (<c>_outputDir = outputDir;</c>);</item>
/// <item>parameters, through a <see cref="PathBinding"/> to the arguments of one call site.</item>
/// </list>
/// Same-file helpers and constructors are followed without the record, too.
/// </summary>
internal static class PathResolver
{
    private const int MaxDepth = 8;

    public static PathValue Resolve(IOperation operation, WellKnownTypes types, PathFlow? flow = null, PathBinding? binding = null)
    {
        var state = new State { Flow = flow, Binding = binding };
        Append(operation, types, state, 0, boundary: false);
        return new PathValue
        {
            Text = state.Text.ToString().Replace(Hole, 'x'),
            HasUnknownPrefix = state.Unknown,
            TailAtBoundary = state.Boundary,
            IsChildOfText = state.ChildOf,
            MarkedSymbol = state.Marked,
            MarkerName = state.MarkerName,
            IsTemporary = state.Temporary,
            FreeParameters = state.FreeParameters,
            NeedsFlow = state.NeedsFlow,
        };
    }

    /// <summary>The path a <c>FileInfo</c>/<c>DirectoryInfo</c> receiver was created from (<c>new FileInfo(path)</c>, directly or through a local).</summary>
    public static IOperation? InfoPathOperation(IOperation? receiver, int depth = 0)
    {
        if (receiver is null || depth > MaxDepth)
        {
            return null;
        }

        var value = OperationHelpers.Unwrap(receiver);
        if (value is IObjectCreationOperation creation && creation.Arguments.Length > 0)
        {
            return creation.Arguments[0].Value;
        }

        if (value is ILocalReferenceOperation local)
        {
            var initializer = InitializerOf(local.Local, value);
            return InfoPathOperation(initializer, depth + 1);
        }

        if (value is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation)
        {
            return value; // classify the symbol itself (attributes)
        }

        return null;
    }

    /// <summary>The initializer expression of a local, field or auto-property declared in the same syntax tree, or null.</summary>
    public static IOperation? InitializerOf(ISymbol symbol, IOperation context)
    {
        var model = context.SemanticModel;
        if (model is null)
        {
            return null;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
            {
                continue;
            }

            var syntax = reference.GetSyntax();
            ExpressionSyntax? value = syntax switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                _ => null,
            };

            if (value is not null)
            {
                return model.GetOperation(value);
            }
        }

        return null;
    }

    private static void Append(IOperation operation, WellKnownTypes types, State state, int depth, bool boundary)
    {
        switch (OperationHelpers.Unwrap(operation))
        {
            case IFieldReferenceOperation markedField:
                Mark(markedField.Field, state);
                break;
            case IPropertyReferenceOperation markedProperty:
                Mark(markedProperty.Property, state);
                break;
        }

        var constant = operation.ConstantValue;
        if (constant.HasValue && constant.Value is string text)
        {
            state.Text.Append(text);
            return;
        }

        var value = OperationHelpers.Unwrap(operation);
        constant = value.ConstantValue;
        if (constant.HasValue && constant.Value is string inner)
        {
            state.Text.Append(inner);
            return;
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation textPart:
                            Append(textPart.Text, types, state, depth, boundary: false);
                            break;
                        case IInterpolationOperation hole when hole.FormatString is null && hole.Alignment is null:
                            Append(hole.Expression, types, state, depth, boundary: false);
                            break;
                        default:
                            state.SetUnknown(boundary: false);
                            break;
                    }
                }

                return;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                Append(binary.LeftOperand, types, state, depth, boundary: false);
                Append(binary.RightOperand, types, state, depth, boundary: false);
                return;

            case IInvocationOperation invocation when WellKnownTypes.Is(invocation.TargetMethod.ContainingType, types.Path):
                AppendPathCall(invocation, types, state, depth, boundary);
                return;

            case ILocalReferenceOperation local when depth < MaxDepth:
                if (TryAppendIterationVariable(local, types, state, depth))
                {
                    return;
                }

                AppendInitializerOrUnknown(local.Local, value, types, state, depth, boundary);
                return;

            case IFieldReferenceOperation field:
                AppendMemberOrUnknown(field.Field, value, types, state, depth, boundary);
                return;

            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                AppendMemberOrUnknown(property.Property, value, types, state, depth, boundary);
                return;

            case IParameterReferenceOperation parameter:
                Mark(parameter.Parameter, state);
                if (state.Binding is not null && depth < MaxDepth && state.Binding.TryGet(parameter.Parameter, out var argument, out var caller) && argument is not null)
                {
                    var bound = state.Binding;
                    state.Binding = caller;
                    Append(argument, types, state, depth + 1, boundary);
                    state.Binding = bound;
                    return;
                }

                if (!state.FreeParameters.Contains(parameter.Parameter))
                {
                    state.FreeParameters.Add(parameter.Parameter);
                }

                state.SetUnknown(boundary);
                return;

            case IInvocationOperation helper when depth < MaxDepth && IsSourceHelper(helper.TargetMethod):
                if (ReturnedValue(helper.TargetMethod, helper, state.Flow) is { } returned)
                {
                    var outer = state.Binding;
                    state.Binding = new PathBinding(helper.TargetMethod, helper.Arguments, outer);
                    Append(returned, types, state, depth + 1, boundary);
                    state.Binding = outer;
                    return;
                }

                state.NeedsFlow = true;
                state.SetUnknown(boundary);
                return;

            default:
                state.SetUnknown(boundary);
                return;
        }
    }

    private static void AppendMemberOrUnknown(ISymbol member, IOperation context, WellKnownTypes types, State state, int depth, bool boundary)
    {
        Mark(member, state);
        if (depth >= MaxDepth)
        {
            state.SetUnknown(boundary);
            return;
        }

        AppendInitializerOrUnknown(member, context, types, state, depth, boundary);
    }

    private static void AppendInitializerOrUnknown(ISymbol symbol, IOperation context, WellKnownTypes types, State state, int depth, bool boundary)
    {
        var initializer = InitializerOf(symbol, context);
        if (initializer is null && symbol is IFieldSymbol or IPropertySymbol)
        {
            initializer = ConstructorAssignment(symbol, context, state);
        }

        if (initializer is null)
        {
            state.SetUnknown(boundary);
            return;
        }

        Append(initializer, types, state, depth + 1, boundary);
    }

    /// <summary>A source method returning string with a body: a helper worth inlining (not a Path/File API).</summary>
    private static bool IsSourceHelper(IMethodSymbol method) =>
        method.ReturnType.SpecialType == SpecialType.System_String && !method.DeclaringSyntaxReferences.IsEmpty && method.MethodKind == MethodKind.Ordinary;

    /// <summary>The expression a helper returns (its last <c>return</c>, or its expression body), from the same file or the record.</summary>
    private static IOperation? ReturnedValue(IMethodSymbol method, IOperation context, PathFlow? flow)
    {
        var body = SameTreeBody(method, context) ?? flow?.BodyOf(method);
        if (body is null)
        {
            return null;
        }

        IOperation? last = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } value } && !InsideLambda(operation, body))
            {
                last = value;
            }
        }

        return last;
    }

    /// <summary>The value a constructor of the member's type assigns to a field or auto-property without initializer (the first such assignment).</summary>
    private static IOperation? ConstructorAssignment(ISymbol member, IOperation context, State state)
    {
        if (member.ContainingType is null)
        {
            return null;
        }

        foreach (var constructor in member.ContainingType.InstanceConstructors.Concat(member.ContainingType.StaticConstructors))
        {
            var body = SameTreeBody(constructor, context) ?? state.Flow?.BodyOf(constructor);
            if (body is null)
            {
                if (!constructor.DeclaringSyntaxReferences.IsEmpty)
                {
                    state.NeedsFlow = true;
                }

                continue;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation assignment &&
                    SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(assignment.Target), member))
                {
                    return assignment.Value;
                }
            }
        }

        return null;
    }

    private static IOperation? SameTreeBody(IMethodSymbol method, IOperation context)
    {
        var model = context.SemanticModel;
        if (model is null)
        {
            return null;
        }

        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == model.SyntaxTree)
            {
                return model.GetOperation(reference.GetSyntax());
            }
        }

        return null;
    }

    private static bool InsideLambda(IOperation operation, IOperation root)
    {
        for (var parent = operation.Parent; parent is not null && parent != root; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendPathCall(IInvocationOperation invocation, WellKnownTypes types, State state, int depth, bool boundary)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "Combine":
            case "Join":
                var first = true;
                foreach (var argument in invocation.Arguments)
                {
                    var argumentValue = OperationHelpers.Unwrap(argument.Value);
                    if (argumentValue is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            AppendCombinePart(element, invocation.TargetMethod.Name == "Combine", types, state, depth, ref first, boundary);
                        }
                    }
                    else
                    {
                        AppendCombinePart(argument.Value, invocation.TargetMethod.Name == "Combine", types, state, depth, ref first, boundary);
                    }
                }

                return;

            case "GetFullPath" when invocation.Arguments.Length == 1:
                Append(invocation.Arguments[0].Value, types, state, depth, boundary);
                return;

            case "GetTempFileName":
            case "GetTempPath":
            case "GetRandomFileName":
                state.Temporary = true;
                state.SetUnknown(boundary);
                return;

            default:
                state.SetUnknown(boundary);
                return;
        }
    }

    private static void AppendCombinePart(IOperation part, bool rootedResets, WellKnownTypes types, State state, int depth, ref bool first, bool boundary)
    {
        var constant = OperationHelpers.Unwrap(part).ConstantValue;
        if (rootedResets && constant.HasValue && constant.Value is string text && PathText.IsRooted(text))
        {
            state.Reset();
            state.Text.Append(text);
            first = false;
            return;
        }

        if (!first && (state.Text.Length > 0 || !state.Unknown))
        {
            var current = state.Text.ToString();
            if (current.Length > 0 && current[current.Length - 1] != '/' && current[current.Length - 1] != '\\')
            {
                state.Text.Append('/');
            }
        }
        else if (!first)
        {
            state.Boundary = true; // "{unknown}/" : what follows starts a segment
        }

        Append(part, types, state, depth, boundary: true);
        first = false;
    }

    private static bool TryAppendIterationVariable(ILocalReferenceOperation local, WellKnownTypes types, State state, int depth)
    {
        foreach (var reference in local.Local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not ForEachStatementSyntax forEach || local.SemanticModel is null ||
                reference.SyntaxTree != local.SemanticModel.SyntaxTree)
            {
                continue;
            }

            if (local.SemanticModel.GetOperation(forEach.Expression) is not { } collection)
            {
                return false;
            }

            if (OperationHelpers.Unwrap(collection) is IInvocationOperation enumerate &&
                (WellKnownTypes.Is(enumerate.TargetMethod.ContainingType, types.Directory)) &&
                enumerate.TargetMethod.Name is "GetFiles" or "EnumerateFiles" or "GetDirectories" or "EnumerateDirectories" or "GetFileSystemEntries" or "EnumerateFileSystemEntries" &&
                enumerate.Arguments.Length > 0)
            {
                var inner = new State { Flow = state.Flow, Binding = state.Binding };
                Append(enumerate.Arguments[0].Value, types, inner, depth + 1, boundary: false);
                state.FreeParameters.AddRange(inner.FreeParameters);
                state.NeedsFlow |= inner.NeedsFlow;
                state.Text.Append(inner.Text.ToString());
                state.Unknown |= inner.Unknown;
                state.Boundary = inner.Boundary;
                state.Marked ??= inner.Marked;
                if (state.MarkerName.Length == 0)
                {
                    state.MarkerName = inner.MarkerName;
                }

                state.ChildOf = true;
                return true;
            }

            return false;
        }

        return false;
    }

    private static void Mark(ISymbol symbol, State state)
    {
        if (state.Marked is null && OperationHelpers.TryGetMarker(symbol, out var marker))
        {
            state.Marked = symbol;
            state.MarkerName = marker;
        }
    }

    /// <summary>Stands for an unresolved part inside a path; replaced by <c>x</c> (a plain name character) in <see cref="PathValue.Text"/>.</summary>
    private const char Hole = '\u0001';

    private sealed class State
    {
        public StringBuilder Text { get; } = new();
        public bool Unknown { get; set; }
        public bool Boundary { get; set; } = true;
        public bool ChildOf { get; set; }
        public ISymbol? Marked { get; set; }
        public string MarkerName { get; set; } = string.Empty;
        public bool Temporary { get; set; }

        public PathFlow? Flow { get; set; }

        public PathBinding? Binding { get; set; }

        public System.Collections.Generic.List<IParameterSymbol> FreeParameters { get; } = new();

        public bool NeedsFlow { get; set; }

        /// <summary>
        /// An unresolved part. At the start it makes the prefix unknown (only the tail is analysed); after known text it is
        /// kept as a hole (<see cref="Hole"/>), so that <c>Path.Combine("data", "synthetic", $"g{n}.jsonl")</c> still names
        /// a file in <c>data/synthetic</c> with extension <c>.jsonl</c>.
        /// </summary>
        public void SetUnknown(bool boundary)
        {
            if (Text.Length == 0)
            {
                Unknown = true;
                Boundary = boundary;
                return;
            }

            if (Text[Text.Length - 1] != Hole)
            {
                Text.Append(Hole);
            }
        }

        public void Reset()
        {
            Text.Clear();
            Unknown = false;
            Boundary = true;
        }
    }
}
