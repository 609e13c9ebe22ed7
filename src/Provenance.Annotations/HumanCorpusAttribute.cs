using System;

namespace Provenance;

/// <summary>
/// Marks a field, property or parameter that holds the protected human corpus (origin <c>human</c>, generation 0).
/// The analyzers treat it like <see cref="TrainingDataAttribute"/>; the distinct name documents that this data must never be
/// dropped or diluted to nothing (BRIEF section 1: keep a floor of human data in every mix).
/// </summary>
[AttributeUsage(
    AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.ReturnValue,
    AllowMultiple = false,
    Inherited = true)]
public sealed class HumanCorpusAttribute : Attribute
{
}
