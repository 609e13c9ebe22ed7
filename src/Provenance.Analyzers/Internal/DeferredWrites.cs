using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Internal;

/// <summary>Writes and deletes whose path only the compilation-wide record can resolve (<see cref="PathFlow"/>), decided at compilation end.</summary>
internal sealed class DeferredWrites
{
    private readonly ConcurrentQueue<Action<Action<Diagnostic>>> _pending = new();

    public void Add(Action<Action<Diagnostic>> decide) => _pending.Enqueue(decide);

    public void Run(Action<Diagnostic> report)
    {
        while (_pending.TryDequeue(out var decide))
        {
            decide(report);
        }
    }
}
