using System;

namespace Provenance;

/// <summary>
/// Marks a field, property or parameter that holds training data: a path to a shard or to a data folder, or an in-memory
/// collection of training records. The Provenance analyzers then flag code that overwrites (PROV3001), deletes (PROV3002) or
/// replaces (PROV3003, PROV3004) it instead of accumulating. Matched by name (any namespace), so a project may declare its own.
/// </summary>
[AttributeUsage(
    AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.ReturnValue,
    AllowMultiple = false,
    Inherited = true)]
public sealed class TrainingDataAttribute : Attribute
{
}
