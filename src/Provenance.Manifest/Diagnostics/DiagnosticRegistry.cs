using System;
using System.Collections.Generic;
using System.Linq;

namespace Provenance.Manifest.Diagnostics;

/// <summary>
/// The one registry of diagnostic ids. Every producer (engine, MSBuild task, CLI, SARIF writer) takes ids,
/// titles and help links from here; every id has a page <c>docs/rules/&lt;ID&gt;.md</c>.
/// <c>PROV1xxx</c>: manifest syntax, schema, files and lineage. <c>PROV2xxx</c>: data policy.
/// <c>PROV3xxx</c>: the Roslyn analyzers, in <c>DiagnosticRegistry.Analyzers.cs</c>, which is linked into <c>Provenance.Analyzers</c>.
/// </summary>
public static partial class DiagnosticRegistry
{
    /// <summary>Where the rule pages live; <see cref="HelpLink"/> appends <c>&lt;ID&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/provenance-dev/provenance/blob/main/docs/rules/";

    private const string Manifest = "Manifest";
    private const string Policy = "Policy";
    private const string Build = "Build";

    /// <summary>The manifest is not well-formed YAML (or not UTF-8, or empty, or several documents).</summary>
    public static readonly DiagnosticDescriptor InvalidYaml = new("PROV1001", "Manifest is not valid YAML", DiagnosticSeverity.Error, Manifest);

    /// <summary>A key that manifest version 1 does not define.</summary>
    public static readonly DiagnosticDescriptor UnknownKey = new("PROV1002", "Unknown key", DiagnosticSeverity.Error, Manifest);

    /// <summary>A value of the wrong YAML type (a mapping where a number is expected, and so on).</summary>
    public static readonly DiagnosticDescriptor WrongType = new("PROV1003", "Value has the wrong type", DiagnosticSeverity.Error, Manifest);

    /// <summary>A required key is absent.</summary>
    public static readonly DiagnosticDescriptor MissingKey = new("PROV1004", "Required key is missing", DiagnosticSeverity.Error, Manifest);

    /// <summary>A value of the right type but outside its range or enumeration.</summary>
    public static readonly DiagnosticDescriptor InvalidValue = new("PROV1005", "Value is out of range", DiagnosticSeverity.Error, Manifest);

    /// <summary>The same key twice in one mapping.</summary>
    public static readonly DiagnosticDescriptor DuplicateKey = new("PROV1006", "Duplicate key", DiagnosticSeverity.Error, Manifest);

    /// <summary>Two shards with the same id.</summary>
    public static readonly DiagnosticDescriptor DuplicateShardId = new("PROV1007", "Duplicate shard id", DiagnosticSeverity.Error, Manifest);

    /// <summary>A digest that is not <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    public static readonly DiagnosticDescriptor InvalidDigest = new("PROV1008", "Digest has an invalid format", DiagnosticSeverity.Error, Manifest);

    /// <summary>An absolute path, a drive or UNC path, or a path that escapes the manifest's folder (also through a symbolic link).</summary>
    public static readonly DiagnosticDescriptor UnsafePath = new("PROV1009", "Shard path is unsafe", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard file that does not exist or is not a regular file.</summary>
    public static readonly DiagnosticDescriptor ShardFileNotFound = new("PROV1010", "Shard file not found", DiagnosticSeverity.Error, Manifest);

    /// <summary>The file's SHA-256 (or size) differs from what the manifest declares.</summary>
    public static readonly DiagnosticDescriptor DigestMismatch = new("PROV1011", "Digest mismatch", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard without a digest or without amounts: run <c>provenance seal</c>.</summary>
    public static readonly DiagnosticDescriptor ShardNotSealed = new("PROV1012", "Shard is not sealed", DiagnosticSeverity.Warning, Manifest);

    /// <summary>A shard lacks the amount that <c>policy.measure</c> needs, so the human share cannot be computed.</summary>
    public static readonly DiagnosticDescriptor MissingAmount = new("PROV1013", "Amount for the policy measure is missing", DiagnosticSeverity.Error, Manifest);

    /// <summary>A <c>derivedFrom</c> entry that names no shard of the manifest (nor of its <c>trainedOn</c> or parent manifests).</summary>
    public static readonly DiagnosticDescriptor UnknownDerivedFrom = new("PROV1014", "Unknown derivedFrom shard", DiagnosticSeverity.Error, Manifest);

    /// <summary>A cycle through <c>parent</c> or <c>generator.trainedOn</c>.</summary>
    public static readonly DiagnosticDescriptor LineageCycle = new("PROV1015", "Lineage cycle", DiagnosticSeverity.Error, Manifest);

    /// <summary>A <c>parent</c> or <c>generator.trainedOn</c> manifest that cannot be found or read.</summary>
    public static readonly DiagnosticDescriptor UnknownManifest = new("PROV1016", "Referenced manifest not found", DiagnosticSeverity.Error, Manifest);

    /// <summary>A declared generation lower than the one computed from the lineage.</summary>
    public static readonly DiagnosticDescriptor GenerationTooLow = new("PROV1017", "Declared generation is lower than computed", DiagnosticSeverity.Error, Manifest);

    /// <summary>A <c>provenance:</c> format version this engine does not read.</summary>
    public static readonly DiagnosticDescriptor UnsupportedVersion = new("PROV1018", "Unsupported manifest version", DiagnosticSeverity.Error, Manifest);

    /// <summary>YAML aliases (<c>*name</c>) are refused: manifests have no use for them and they allow expansion bombs.</summary>
    public static readonly DiagnosticDescriptor AliasNotAllowed = new("PROV1019", "YAML aliases are not allowed", DiagnosticSeverity.Error, Manifest);

    /// <summary>The manifest file cannot be read (missing, too large, I/O error).</summary>
    public static readonly DiagnosticDescriptor ManifestUnreadable = new("PROV1020", "Manifest cannot be read", DiagnosticSeverity.Error, Manifest);

    /// <summary>The lock file is malformed or from a newer version of the tool.</summary>
    public static readonly DiagnosticDescriptor InvalidLockFile = new("PROV1021", "Lock file is invalid", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard given by <c>uri:</c> is counted from its declared amounts but never fetched or verified.</summary>
    public static readonly DiagnosticDescriptor RemoteShardUnverified = new("PROV1022", "Remote shard is not verified", DiagnosticSeverity.Info, Manifest);

    /// <summary>A shard file changed (size or modification time) while it was being hashed; its digest is not recorded.</summary>
    public static readonly DiagnosticDescriptor ShardChangedDuringHash = new("PROV1023", "Shard changed while being hashed", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard's stored bytes cannot be decoded as its format and compression say: truncated or corrupt gzip or zstd, an unreadable Parquet footer, an unterminated CSV quote, a record over 256 MiB.</summary>
    public static readonly DiagnosticDescriptor ContentUndecodable = new("PROV1024", "Shard content cannot be decoded", DiagnosticSeverity.Error, Manifest);

    /// <summary>A compressed shard decodes to more than 1,000 times its stored size (a decompression bomb); reading stops at the bound.</summary>
    public static readonly DiagnosticDescriptor DecompressionBound = new("PROV1025", "Shard exceeds the decompression bound", DiagnosticSeverity.Error, Manifest);

    /// <summary>The <c>textField</c> (or Parquet's default <c>text</c> column) is not in the shard, or holds no text.</summary>
    public static readonly DiagnosticDescriptor TextFieldNotFound = new("PROV1026", "Text field not found", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard's text is not valid UTF-8, so its tokens are not defined.</summary>
    public static readonly DiagnosticDescriptor InvalidUtf8 = new("PROV1027", "Shard text is not valid UTF-8", DiagnosticSeverity.Error, Manifest);

    /// <summary>A file that begins like a git-lfs pointer is not a valid spec v1 pointer (bad oid or size, extension keys).</summary>
    public static readonly DiagnosticDescriptor InvalidLfsPointer = new("PROV1028", "Invalid git-lfs pointer", DiagnosticSeverity.Error, Manifest);

    /// <summary>A shard's file is a git-lfs pointer whose oid and size match the manifest: verified by git's record, not by its bytes.</summary>
    public static readonly DiagnosticDescriptor VerifiedByLfsPointer = new("PROV1029", "Shard verified by its git-lfs pointer", DiagnosticSeverity.Info, Manifest);

    /// <summary>With <c>ProvenanceLfs=content</c> (<c>--lfs content</c>), a shard's file is a git-lfs pointer: run <c>git lfs pull</c>.</summary>
    public static readonly DiagnosticDescriptor LfsContentMissing = new("PROV1030", "Shard content not pulled from git-lfs", DiagnosticSeverity.Error, Manifest);

    /// <summary>
    /// An MSBuild property of the gate has a value it does not accept (<c>ProvenanceHumanFloor=1.5</c>,
    /// <c>ProvenanceVerifyDigests=sometimes</c>); reported at the project file, where the property is set when it is set there.
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidBuildSetting = new("PROV1031", "Invalid Provenance build setting", DiagnosticSeverity.Error, Build);

    /// <summary>A <c>ProvenanceSuppress</c> item without <c>Justification</c> metadata: not applied.</summary>
    public static readonly DiagnosticDescriptor UnjustifiedSuppression = new("PROV1032", "Suppression without a justification", DiagnosticSeverity.Warning, Build);

    /// <summary>A file the build writes beside the check (SARIF log, analyzer globalconfig, CI job summary) could not be written.</summary>
    public static readonly DiagnosticDescriptor BuildOutputNotWritten = new("PROV1033", "Build output cannot be written", DiagnosticSeverity.Warning, Build);

    /// <summary>The <c>ProvenanceExport</c> target could not write an export of a manifest (Croissant, SPDX 3, CycloneDX, dataset card).</summary>
    public static readonly DiagnosticDescriptor ExportNotWritten = new("PROV1035", "Manifest export cannot be written", DiagnosticSeverity.Error, Build);

    /// <summary>The gate is enabled but the project has no manifest (<c>provenance.yaml</c>, <c>**/*.provenance.yaml</c>, <c>ProvenanceManifest</c> items).</summary>
    public static readonly DiagnosticDescriptor NoManifest = new("PROV1034", "No training-data manifest found", DiagnosticSeverity.Info, Build);

    /// <summary>
    /// A record-fingerprint sidecar in the fingerprint cache is corrupt, truncated, unsorted or another shard's, and the
    /// shard's data is not at hand to regenerate it: its records were not compared (reshard, record-level loss, leakage).
    /// A sidecar is never trusted on its own word; with the data present it is regenerated silently.
    /// </summary>
    public static readonly DiagnosticDescriptor FingerprintSidecarUntrusted = new("PROV1036", "Fingerprint sidecar not trusted", DiagnosticSeverity.Warning, Manifest);

    /// <summary>
    /// <c>provenance import hf-card</c>: the dataset card cannot be used: unreadable, no YAML front matter between <c>---</c>
    /// lines, a YAML error in it, or a key of the wrong shape (<c>configs</c>, <c>data_files</c>, <c>dataset_info</c>).
    /// </summary>
    public static readonly DiagnosticDescriptor CardUnreadable = new("PROV1040", "Dataset card cannot be read", DiagnosticSeverity.Error, Manifest);

    /// <summary>A card's <c>language_creators</c> or <c>annotations_creators</c> holds a value the Hub does not define.</summary>
    public static readonly DiagnosticDescriptor UnknownCreator = new("PROV1041", "Unknown creators value", DiagnosticSeverity.Error, Manifest);

    /// <summary>A card's <c>data_files</c> pattern (or <c>--data</c> folder) points outside the card's folder: absolute, <c>..</c>, a remote URL, or through a symbolic link.</summary>
    public static readonly DiagnosticDescriptor CardPathOutside = new("PROV1042", "Card data files outside the card's folder", DiagnosticSeverity.Error, Manifest);

    /// <summary>A card names no data files (no <c>configs[].data_files</c>, no <c>dataset_info</c> splits) and <c>--data</c> found none.</summary>
    public static readonly DiagnosticDescriptor CardWithoutData = new("PROV1043", "Dataset card names no data files", DiagnosticSeverity.Error, Manifest);

    /// <summary>A card's <c>dataset_info.splits[].num_examples</c> differs from the records counted in that split's files.</summary>
    public static readonly DiagnosticDescriptor NumExamplesMismatch = new("PROV1044", "Card's num_examples differs from the records counted", DiagnosticSeverity.Warning, Manifest);

    /// <summary>A card's <c>data_files</c> pattern matches no file next to the card (the data is not downloaded, or the pattern is wrong).</summary>
    public static readonly DiagnosticDescriptor CardDataFileMissing = new("PROV1045", "Card data file not found", DiagnosticSeverity.Warning, Manifest);

    /// <summary>
    /// A shard set's index (<c>files:</c>, <see cref="Sets.ShardSetIndex"/>) cannot be used: missing, unreadable or malformed
    /// (at its line and column), or it does not hash to the set's <c>digest</c>, or the manifest's <c>fileCount</c> and totals
    /// are not the index's: the index or the manifest was edited, or the set was not sealed.
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidSetIndex = new("PROV1046", "Shard set index invalid", DiagnosticSeverity.Error, Manifest);

    /// <summary>A file matches a shard set's globs but is not in its index: it was added since the set was sealed, so the set's totals leave it out.</summary>
    public static readonly DiagnosticDescriptor SetFileAdded = new("PROV1047", "File added to a shard set since it was sealed", DiagnosticSeverity.Error, Manifest);

    /// <summary><c>seal --merge</c>: the partial indexes of a set (<c>seal --partition I/N</c>) are missing, of different N, overlapping, or do not add up to the files the set has.</summary>
    public static readonly DiagnosticDescriptor PartitionsIncomplete = new("PROV1048", "Partial indexes do not make a whole set", DiagnosticSeverity.Error, Manifest);

    /// <summary>Human share below <c>policy.humanFloor</c> (Bertrand et al., ICLR 2024; Shumailov et al., Nature 2024).</summary>
    public static readonly DiagnosticDescriptor BelowHumanFloor = new("PROV2001", "Human share below the floor", DiagnosticSeverity.Error, Policy);

    /// <summary>Human share below <c>policy.humanFloorWarn</c>.</summary>
    public static readonly DiagnosticDescriptor BelowHumanFloorWarn = new("PROV2002", "Human share below the warning floor", DiagnosticSeverity.Warning, Policy);

    /// <summary>A human shard recorded in the lock file is gone from the manifest without an approved <c>removed:</c> entry.</summary>
    public static readonly DiagnosticDescriptor CorpusDropped = new("PROV2003", "Original human corpus dropped", DiagnosticSeverity.Error, Policy);

    /// <summary>The manifest replaces its <c>parent:</c> instead of accumulating on it (Gerstgrasser et al. 2024, arXiv 2404.01413).</summary>
    public static readonly DiagnosticDescriptor NotAccumulated = new("PROV2004", "Data replaced instead of accumulated", DiagnosticSeverity.Error, Policy);

    /// <summary>Synthetic shards of the parent are no longer in the mix (allowed; reported).</summary>
    public static readonly DiagnosticDescriptor SyntheticDropped = new("PROV2005", "Parent synthetic shards dropped", DiagnosticSeverity.Info, Policy);

    /// <summary>A shard's generation exceeds <c>policy.maxGeneration</c>.</summary>
    public static readonly DiagnosticDescriptor GenerationTooDeep = new("PROV2006", "Generation above the maximum", DiagnosticSeverity.Error, Policy);

    /// <summary>A synthetic shard without verification while <c>policy.requireVerification</c> is true.</summary>
    public static readonly DiagnosticDescriptor Unverified = new("PROV2007", "Synthetic shard is not verified", DiagnosticSeverity.Error, Policy);

    /// <summary>An <c>llm-judge</c> or <c>reward-model</c> verifier that is the generator or in its lineage (Yi et al. 2025, arXiv 2510.16657).</summary>
    public static readonly DiagnosticDescriptor VerifierInLineage = new("PROV2008", "Verifier shares the generator's lineage", DiagnosticSeverity.Warning, Policy);

    /// <summary>Locked mode: the manifest admits human shards the lock file lacks.</summary>
    public static readonly DiagnosticDescriptor LockOutOfDate = new("PROV2009", "Lock file needs an update", DiagnosticSeverity.Error, Policy);

    /// <summary>
    /// The mix's diversity (<c>policy.diversity.metric</c>) fell by more than <c>policy.diversity.maxDrop</c> relative to
    /// generation 0; checked only on request, because it reads every byte (Shumailov et al., Nature 631, 2024).
    /// </summary>
    public static readonly DiagnosticDescriptor DiversityDropped = new("PROV2010", "Diversity dropped", DiagnosticSeverity.Error, Policy);

    /// <summary>
    /// Laundering: a shard labelled human whose bytes the lineage (the manifest, its parents, its generators' trainedOn
    /// manifests) or the lock's origin history records as synthetic, unknown or mixed. Such bytes count as synthetic.
    /// </summary>
    public static readonly DiagnosticDescriptor SyntheticLabelledHuman = new("PROV2011", "Synthetic data labelled human", DiagnosticSeverity.Error, Policy);

    /// <summary>A shard's <c>derivedFrom</c> names an approved removal: the removal's reason (PII, licence) applies to the derived data too.</summary>
    public static readonly DiagnosticDescriptor DerivedFromRemoved = new("PROV2012", "Derived from removed data", DiagnosticSeverity.Warning, Policy);

    /// <summary>A <c>verification:</c> claim the data contradicts: more accepted records than the shard holds, a missing or escaping <c>rejectLog</c>, or a log that does not hold the rejected records.</summary>
    public static readonly DiagnosticDescriptor VerificationClaimInvalid = new("PROV2013", "Verification claim contradicts the data", DiagnosticSeverity.Error, Policy);

    /// <summary>Protected human shards whose files are gone while every one of their records is in the manifest's new human shards: a reshard, not a drop.</summary>
    public static readonly DiagnosticDescriptor CorpusResharded = new("PROV2014", "Human corpus resharded", DiagnosticSeverity.Info, Policy);

    /// <summary>A human shard shares records with synthetic shards of the mix or its lineage, more than <c>policy.maxLeakedRecords</c> (default 0).</summary>
    public static readonly DiagnosticDescriptor SyntheticLeakage = new("PROV2015", "Synthetic records in human data", DiagnosticSeverity.Error, Policy);

    // Lazy: the descriptors of the other part (DiagnosticRegistry.Analyzers.cs) may be initialised after this file's fields.
    private static readonly Lazy<DiagnosticDescriptor[]> LazyAll = new(() =>
        typeof(DiagnosticRegistry).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray());

    private static DiagnosticDescriptor[] AllDescriptors => LazyAll.Value;

    /// <summary>Every registered descriptor, ordered by id.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors;

    /// <summary>The descriptor of <paramref name="id"/>, or null when the id is not registered.</summary>
    public static DiagnosticDescriptor? Find(string id) =>
        AllDescriptors.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The help page of an id: <c>{HelpLinkBase}{id}.md</c>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
