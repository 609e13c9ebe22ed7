#if PROVENANCE_ANALYZERS
using RuleSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
#else
using RuleSeverity = Provenance.Manifest.Diagnostics.DiagnosticSeverity;
#endif

namespace Provenance.Manifest.Diagnostics;

/// <summary>
/// The <c>PROV3xxx</c> part of the one registry of ids: the Roslyn analyzers. This file is compiled into the engine and,
/// linked (<c>&lt;Compile Include=... Link=...&gt;</c>), into <c>Provenance.Analyzers</c>, which the compiler loads on its own and
/// which therefore cannot reference the engine assembly. Both compile the same ids, titles and default severities; the
/// analyzers' <c>RuleIdentifiers</c> and Roslyn descriptors take them from here (ids must be constants for RS1017), and
/// <c>DiagnosticIdRegistryTests</c> checks every id used in <c>src/</c> against its <c>docs/rules/&lt;ID&gt;.md</c> title.
/// </summary>
#if PROVENANCE_ANALYZERS
internal
#else
public
#endif
static partial class DiagnosticRegistry
{
    /// <summary>PROV3001: an overwriting write (truncate, create, overwrite-copy) to training data.</summary>
    public const string OverwriteTrainingDataId = "PROV3001";

    /// <summary>The title of PROV3001 (its page's heading).</summary>
    public const string OverwriteTrainingDataTitle = "Do not overwrite training data";

    /// <summary>PROV3002: deleting training data.</summary>
    public const string DeleteTrainingDataId = "PROV3002";

    /// <summary>The title of PROV3002.</summary>
    public const string DeleteTrainingDataTitle = "Do not delete training data";

    /// <summary>PROV3003: replacing a training collection instead of adding to it.</summary>
    public const string ReplaceTrainingCollectionId = "PROV3003";

    /// <summary>The title of PROV3003.</summary>
    public const string ReplaceTrainingCollectionTitle = "Do not replace a training collection";

    /// <summary>PROV3004: a self-consuming loop (data replaced each generation by the output of a model trained on it).</summary>
    public const string SelfConsumingLoopId = "PROV3004";

    /// <summary>The title of PROV3004.</summary>
    public const string SelfConsumingLoopTitle = "Do not replace data with the output of a model trained on it";

    /// <summary>
    /// PROV3005: a file under a data root that no manifest lists as a shard (a split, pivot or cache derived from the data)
    /// is rebuilt. Not the protected corpus, so a lower default severity than PROV3001/PROV3002.
    /// </summary>
    public const string DerivedDataRebuiltId = "PROV3005";

    /// <summary>The title of PROV3005.</summary>
    public const string DerivedDataRebuiltTitle = "Derived data under a data root is rebuilt";

    /// <summary>The default severities of the analyzer rules.</summary>
    public const RuleSeverity OverwriteTrainingDataSeverity = RuleSeverity.Warning;

    /// <summary>Default severity of PROV3002.</summary>
    public const RuleSeverity DeleteTrainingDataSeverity = RuleSeverity.Warning;

    /// <summary>Default severity of PROV3003.</summary>
    public const RuleSeverity ReplaceTrainingCollectionSeverity = RuleSeverity.Warning;

    /// <summary>Default severity of PROV3004.</summary>
    public const RuleSeverity SelfConsumingLoopSeverity = RuleSeverity.Warning;

    /// <summary>Default severity of PROV3005.</summary>
    public const RuleSeverity DerivedDataRebuiltSeverity = RuleSeverity.Info;

#if !PROVENANCE_ANALYZERS
    private const string Analyzers = "Analyzers";

    /// <summary>PROV3001, as an engine descriptor (SARIF rule lists, docs checks).</summary>
    public static readonly DiagnosticDescriptor OverwriteTrainingData = new(OverwriteTrainingDataId, OverwriteTrainingDataTitle, OverwriteTrainingDataSeverity, Analyzers);

    /// <summary>PROV3002.</summary>
    public static readonly DiagnosticDescriptor DeleteTrainingData = new(DeleteTrainingDataId, DeleteTrainingDataTitle, DeleteTrainingDataSeverity, Analyzers);

    /// <summary>PROV3003.</summary>
    public static readonly DiagnosticDescriptor ReplaceTrainingCollection = new(ReplaceTrainingCollectionId, ReplaceTrainingCollectionTitle, ReplaceTrainingCollectionSeverity, Analyzers);

    /// <summary>PROV3004.</summary>
    public static readonly DiagnosticDescriptor SelfConsumingLoop = new(SelfConsumingLoopId, SelfConsumingLoopTitle, SelfConsumingLoopSeverity, Analyzers);

    /// <summary>PROV3005.</summary>
    public static readonly DiagnosticDescriptor DerivedDataRebuilt = new(DerivedDataRebuiltId, DerivedDataRebuiltTitle, DerivedDataRebuiltSeverity, Analyzers);
#endif
}
