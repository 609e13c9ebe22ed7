namespace Provenance.Analyzers;

/// <summary>
/// The ids of the Provenance analyzers (<c>PROV3xxx</c>) and the one function that builds their help links.
/// Every rule has a page <c>docs/rules/&lt;ID&gt;.md</c>; <c>RuleHelpUriTests</c> checks that it exists.
/// </summary>
public static class RuleIdentifiers
{
    /// <summary>PROV3001: an overwriting write (truncate, create, overwrite-copy) to training data.</summary>
    public const string OverwriteTrainingData = "PROV3001";

    /// <summary>PROV3002: deleting training data.</summary>
    public const string DeleteTrainingData = "PROV3002";

    /// <summary>PROV3003: replacing a training collection instead of adding to it.</summary>
    public const string ReplaceTrainingCollection = "PROV3003";

    /// <summary>PROV3004: a self-consuming loop (data replaced each generation by the output of a model trained on it).</summary>
    public const string SelfConsumingLoop = "PROV3004";

    /// <summary>The category every PROV3xxx rule reports under.</summary>
    public const string Category = "Provenance";

    /// <summary>Where the rule pages live; <see cref="GetHelpUri"/> appends <c>&lt;ID&gt;.md</c>.</summary>
    public const string HelpUriBase = "https://github.com/provenance-dev/provenance/blob/main/docs/rules/";

    /// <summary>The help link of a rule: <c>https://github.com/provenance-dev/provenance/blob/main/docs/rules/&lt;ID&gt;.md</c>.</summary>
    public static string GetHelpUri(string identifier) => HelpUriBase + identifier + ".md";
}
