using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers;

/// <summary>
/// The ids of the Provenance analyzers (<c>PROV3xxx</c>) and the one function that builds their help links. The ids, titles and
/// default severities come from the engine's registry (<c>src/Provenance.Manifest/Diagnostics/DiagnosticRegistry.Analyzers.cs</c>,
/// compiled into this assembly as a linked file). Every rule has a page <c>docs/rules/&lt;ID&gt;.md</c>.
/// </summary>
public static class RuleIdentifiers
{
    /// <summary>PROV3001: an overwriting write (truncate, create, overwrite-copy) to a protected shard, a manifest or a lock file.</summary>
    public const string OverwriteTrainingData = DiagnosticRegistry.OverwriteTrainingDataId;

    /// <summary>PROV3002: deleting training data.</summary>
    public const string DeleteTrainingData = DiagnosticRegistry.DeleteTrainingDataId;

    /// <summary>PROV3003: replacing a training collection instead of adding to it.</summary>
    public const string ReplaceTrainingCollection = DiagnosticRegistry.ReplaceTrainingCollectionId;

    /// <summary>PROV3004: a self-consuming loop (data replaced each generation by the output of a model trained on it).</summary>
    public const string SelfConsumingLoop = DiagnosticRegistry.SelfConsumingLoopId;

    /// <summary>PROV3005: a derived file under a data root (no manifest lists it) is rebuilt.</summary>
    public const string DerivedDataRebuilt = DiagnosticRegistry.DerivedDataRebuiltId;

    /// <summary>The category every PROV3xxx rule reports under.</summary>
    public const string Category = "Provenance";

    /// <summary>Where the rule pages live; <see cref="GetHelpUri"/> appends <c>&lt;ID&gt;.md</c>.</summary>
    public const string HelpUriBase = "https://github.com/provenance-dev/provenance/blob/main/docs/rules/";

    /// <summary>The help link of a rule: <c>https://github.com/provenance-dev/provenance/blob/main/docs/rules/&lt;ID&gt;.md</c>.</summary>
    public static string GetHelpUri(string identifier) => HelpUriBase + identifier + ".md";
}
