using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// The compilation-wide pass that lets a path be followed through parameters and helpers (issue 13.2), bounded:
/// <list type="bullet">
/// <item>every call in the compilation to a method or constructor declared in source that takes a <c>string</c> is recorded
/// (its arguments), so a parameter can be bound to what its call sites pass;</item>
/// <item>the bodies of source methods that return a <c>string</c> (helpers such as <c>GetAbsolutePath(rel)</c>) and of
/// constructors (fields assigned there) are recorded, so a call can be inlined across files.</item>
/// </list>
/// A write whose path the per-operation pass cannot classify but that depends on a parameter, a source helper or a field
/// set in a constructor is kept and decided at compilation end (<c>ClassifyThroughCallers</c>), when the record is
/// complete: it is reported when <em>every</em> call chain (up to <see cref="MaxChain"/> methods up, at most
/// <see cref="MaxScenarios"/> chains, at most <see cref="MaxCallSites"/> call sites per method) makes it training data.
/// Compilation-end diagnostics appear in a build and in the IDE's full-solution analysis.
/// </summary>
internal sealed class PathFlow
{
    public const int MaxChain = 3;
    public const int MaxScenarios = 32;
    public const int MaxCallSites = 8;

    private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentQueue<ImmutableArray<IArgumentOperation>>> _callSites = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation> _bodies = new(SymbolEqualityComparer.Default);

    /// <summary>Registers the recording actions on a compilation and returns the record they fill.</summary>
    public static PathFlow Register(CompilationStartAnalysisContext start)
    {
        var flow = new PathFlow();
        start.RegisterOperationAction(c => flow.RecordCall(((IInvocationOperation)c.Operation).TargetMethod, ((IInvocationOperation)c.Operation).Arguments), OperationKind.Invocation);
        start.RegisterOperationAction(c =>
        {
            var creation = (IObjectCreationOperation)c.Operation;
            if (creation.Constructor is { } constructor)
            {
                flow.RecordCall(constructor, creation.Arguments);
            }
        }, OperationKind.ObjectCreation);
        start.RegisterOperationBlockAction(c =>
        {
            if (c.OwningSymbol is IMethodSymbol method && (method.MethodKind == MethodKind.Constructor || method.ReturnType.SpecialType == SpecialType.System_String))
            {
                foreach (var block in c.OperationBlocks)
                {
                    if (block is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)
                    {
                        flow._bodies.TryAdd(method.OriginalDefinition, block);
                    }
                }
            }
        });
        return flow;
    }

    private void RecordCall(IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments)
    {
        var method = target.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.IsEmpty || !method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String))
        {
            return;
        }

        _callSites.GetOrAdd(method, _ => new ConcurrentQueue<ImmutableArray<IArgumentOperation>>()).Enqueue(arguments);
    }

    /// <summary>The recorded call sites of a method (in a stable order: by file and position).</summary>
    public IReadOnlyList<ImmutableArray<IArgumentOperation>> CallSitesOf(IMethodSymbol method) =>
        _callSites.TryGetValue(method.OriginalDefinition, out var queue)
            ? queue.OrderBy(a => a.IsEmpty ? string.Empty : a[0].Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                   .ThenBy(a => a.IsEmpty ? 0 : a[0].Syntax.SpanStart).ToList()
            : new List<ImmutableArray<IArgumentOperation>>();

    /// <summary>The body of a source method returning string, or of a constructor, when recorded.</summary>
    public IOperation? BodyOf(IMethodSymbol method) => _bodies.TryGetValue(method.OriginalDefinition, out var body) ? body : null;

    /// <summary>
    /// Classifies a path in every call chain that binds the parameters it depends on, and returns the weakest verdict (so a
    /// report needs every chain to reach training data). <see cref="Classification.No"/> when a chain does not, or when no
    /// call site binds a parameter at all.
    /// </summary>
    public Classification ClassifyThroughCallers(IOperation path, PathKind kind, ProvenanceOptions options, WellKnownTypes types) =>
        ClassifyThroughCallers(path, kind, options, types, out _);

    /// <summary>As the overload without <paramref name="callers"/>, which also returns the calls through which the path was followed (where the data may have been read).</summary>
    /// <param name="path">The path expression.</param>
    /// <param name="kind">File or folder.</param>
    /// <param name="options">The options of the path's file.</param>
    /// <param name="types">The compilation's well-known types.</param>
    /// <param name="callers">The calls through which the path was followed.</param>
    public Classification ClassifyThroughCallers(IOperation path, PathKind kind, ProvenanceOptions options, WellKnownTypes types, out List<IOperation> callers)
    {
        callers = new List<IOperation>();
        var queue = new Queue<PathBinding?>();
        queue.Enqueue(null);
        Classification? weakest = null;
        var scenarios = 0;
        while (queue.Count > 0 && scenarios < MaxScenarios)
        {
            var binding = queue.Dequeue();
            var verdict = TrainingDataClassifier.Classify(path, kind, options, types, this, binding, out var value);
            var free = value.FreeParameters.FirstOrDefault(p => p.ContainingSymbol is IMethodSymbol m && (binding is null || !binding.Binds(m)));
            if (!verdict.IsTrainingData && free is not null && (binding?.Depth ?? 0) < MaxChain)
            {
                var method = (IMethodSymbol)free.ContainingSymbol;
                var sites = CallSitesOf(method);
                if (sites.Count > 0)
                {
                    foreach (var site in sites.Take(MaxCallSites))
                    {
                        queue.Enqueue(new PathBinding(method, site, binding));
                    }

                    continue;
                }
            }

            scenarios++;
            if (!verdict.IsTrainingData)
            {
                return Classification.No;
            }

            if (weakest is null || verdict.Kind < weakest.Value.Kind)
            {
                weakest = verdict;
            }

            for (var frame = binding; frame is not null; frame = frame.Parent)
            {
                if (!frame.Arguments.IsEmpty && frame.Arguments[0].Parent is { } call)
                {
                    callers.Add(call);
                }
            }
        }

        return weakest ?? Classification.No;
    }
}

/// <summary>Parameters bound to the arguments of one call site, chained to the caller's own binding.</summary>
internal sealed class PathBinding
{
    public PathBinding(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, PathBinding? parent)
    {
        Method = method.OriginalDefinition;
        Arguments = arguments;
        Parent = parent;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public IMethodSymbol Method { get; }

    public ImmutableArray<IArgumentOperation> Arguments { get; }

    public PathBinding? Parent { get; }

    public int Depth { get; }

    public bool Binds(IMethodSymbol method)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (SymbolEqualityComparer.Default.Equals(frame.Method, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The argument bound to <paramref name="parameter"/> (the innermost frame of its method), and the binding to resolve it in:
    /// the whole chain, since the frames of the callers (which bind what the argument refers to) may sit on either side.
    /// </summary>
    public bool TryGet(IParameterSymbol parameter, out IOperation? value, out PathBinding? context)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (!SymbolEqualityComparer.Default.Equals(frame.Method, (parameter.ContainingSymbol as IMethodSymbol)?.OriginalDefinition))
            {
                continue;
            }

            foreach (var argument in frame.Arguments)
            {
                if (argument.Parameter is not null && argument.Parameter.Ordinal == parameter.Ordinal)
                {
                    value = argument.Value;
                    context = this;
                    return true;
                }
            }

            value = null;
            context = null;
            return false;
        }

        value = null;
        context = null;
        return false;
    }
}
