using Microsoft.CodeAnalysis;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers.Rules;

/// <summary>
/// PROV3005: an overwrite or delete of a file under a data root that no manifest lists (a derived file: split, pivot, cache).
/// Reported by <see cref="OverwriteTrainingDataAnalyzer"/> and <see cref="DeleteTrainingDataAnalyzer"/> in place of
/// PROV3001/PROV3002 when the build has said which files the manifests list. Info, never fixed automatically: rebuilding a
/// derived file is how it is made, and appending would corrupt it. See <c>docs/rules/PROV3005.md</c>.
/// </summary>
internal static class DerivedDataRebuiltRule
{
    public static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.DerivedDataRebuilt,
        title: DiagnosticRegistry.DerivedDataRebuiltTitle,
        messageFormat: "{0} changes derived data {1}: no manifest lists it as a shard; if it is training data, list it in the manifest, otherwise no action is needed",
        RuleIdentifiers.Category,
        DiagnosticRegistry.DerivedDataRebuiltSeverity,
        isEnabledByDefault: true,
        description: "A file under a data root that no manifest lists is derived data (a split, a pivot, a cache) rebuilt from the shards. Overwriting it is normal and appending would corrupt it, so there is no fix; list it in the manifest if it is training data.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.DerivedDataRebuilt));
}
