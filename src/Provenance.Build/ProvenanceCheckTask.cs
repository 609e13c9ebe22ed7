using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Lineage;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Model;
using Provenance.Manifest.Policy;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Reporting;

namespace Provenance.Build;

/// <summary>
/// Checks the project's training-data manifests with <see cref="ManifestChecker.Check"/> and logs every diagnostic in
/// the compiler form <c>provenance.yaml(12,5,12,19): error PROV2003: message</c>, with the id as code and a help link to
/// <c>docs/rules/&lt;ID&gt;.md</c>. A manifest without errors logs its one-line summary as a high-importance message:
/// <c>Provenance: provenance.yaml: human 41.3% of tokens (floor 10%), 12 shards, max generation 2</c>.
/// A thin adapter: MSBuild properties in, diagnostics out; it never lets an exception escape (an unexpected failure is
/// logged as <c>PROV1020</c> at the manifest). Invoked in MSBuild as <c>ProvenanceCheck</c> (see <see cref="ProvenanceCheck"/>).
/// </summary>
public class ProvenanceCheckTask : Task
{
    /// <summary>The manifests to check (<c>@(ProvenanceManifest)</c>); relative paths are relative to the project folder.</summary>
    [Required]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project folder: diagnostics under it are logged with relative paths. Defaults to the folder of the project file.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>
    /// The project file (<c>$(MSBuildProjectFullPath)</c>), where the gate's own diagnostics about its settings point
    /// (PROV1031–PROV1033). Default: the file of the task node, which in a real build is the package's <c>.targets</c>.
    /// </summary>
    public string? ProjectFile { get; set; }

    /// <summary><c>none</c>, <c>changed</c> (default: re-hash files whose size or mtime changed since the digest cache) or <c>all</c>.</summary>
    public string? VerifyDigests { get; set; }

    /// <summary>
    /// <c>ProvenanceLfs</c>: <c>auto</c> (default: a git-lfs pointer in place of a shard is verified against the manifest
    /// by its oid and size, content is hashed when present) or <c>content</c> (a pointer is PROV1030: run <c>git lfs pull</c>).
    /// </summary>
    public string? Lfs { get; set; }

    /// <summary>Locked mode (<c>ProvenanceLockedMode</c>): never write the lock file; human shards it lacks are <c>PROV2009</c> errors.</summary>
    public bool LockedMode { get; set; }

    /// <summary>Overrides every manifest's <c>policy.humanFloor</c>: a fraction 0–1 (<c>0.25</c>) or a percentage (<c>25%</c>). Empty: the manifest decides.</summary>
    public string? HumanFloor { get; set; }

    /// <summary>The digest cache for <c>changed</c> mode (JSON, under <c>obj/</c>). Empty: no cache, every file is hashed.</summary>
    public string? DigestCacheFile { get; set; }

    /// <summary>
    /// <c>ProvenanceDiversity</c>: when true, also runs the diversity audit and the <c>policy.diversity</c> gate (PROV2010),
    /// which reads every byte of the text shards (counts are cached by digest in <see cref="DiversityCacheDirectory"/>). Default false.
    /// </summary>
    public bool Diversity { get; set; }

    /// <summary>Folder of the per-shard diversity cache (default <c>obj/provenance/diversity/</c>).</summary>
    public string? DiversityCacheDirectory { get; set; }

    /// <summary><c>ProvenanceSuppress</c> items: <c>Include</c> = a diagnostic id, <c>Justification</c> metadata required.</summary>
    public ITaskItem[]? Suppressions { get; set; }

    /// <summary>The project's <c>NoWarn</c>: listed PROV warnings and infos are not reported.</summary>
    public string? NoWarn { get; set; }

    /// <summary>The project's <c>WarningsAsErrors</c>: listed PROV warnings are reported as errors.</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>The project's <c>WarningsNotAsErrors</c>: exceptions to <see cref="TreatWarningsAsErrors"/>.</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>The project's <c>TreatWarningsAsErrors</c>: every PROV warning is reported as an error.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>When set, a SARIF 2.1.0 log of every reported diagnostic is written here (<c>ProvenanceSarifFile</c>).</summary>
    public string? SarifFile { get; set; }

    /// <summary>
    /// The CI job summary to append the markdown audit of each checked manifest to (<c>ProvenanceStepSummaryFile</c>,
    /// default <c>$(GITHUB_STEP_SUMMARY)</c> unless <c>ProvenanceStepSummary</c> is <c>false</c>). Empty: none.
    /// </summary>
    public string? StepSummaryFile { get; set; }

    /// <summary>True when no manifest reported an error (after suppression and severity mapping).</summary>
    [Output]
    public bool Passed { get; private set; }

    /// <summary>
    /// The files the outcome depends on beyond the manifests themselves: lock files, local shard files, and the manifests
    /// reached through <c>parent:</c> and <c>generator.trainedOn</c>. The targets record them so that an incremental build
    /// re-runs the check when one of them changes.
    /// </summary>
    [Output]
    public ITaskItem[] TrackedInputs { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        string projectDirectory = ResolveProjectDirectory();
        Log.LogMessage(MessageImportance.Low, $"Provenance.Build {typeof(ProvenanceCheckTask).Assembly.GetName().Version} from {typeof(ProvenanceCheckTask).Assembly.Location}; "
            + $"engine {typeof(ManifestChecker).Assembly.Location}; System.Text.Json {typeof(System.Text.Json.JsonDocument).Assembly.GetName().Version} from {typeof(System.Text.Json.JsonDocument).Assembly.Location}; "
            + $"Span<T> from {typeof(Span<byte>).Assembly.Location}.");
        var options = new CheckOptions { LockedMode = LockedMode, UpdateLock = !LockedMode };
        bool settingsValid = true;

        if (!TryParseVerify(VerifyDigests, out var verify))
        {
            LogSetting("ProvenanceVerifyDigests", $"ProvenanceVerifyDigests is '{VerifyDigests}'; expected none, changed or all.");
            settingsValid = false;
        }

        options.Verify = verify;
        switch ((Lfs ?? string.Empty).Trim().ToLowerInvariant())
        {
            case "":
            case "auto":
                options.Lfs = Manifest.Content.LfsMode.Auto;
                break;
            case "content":
                options.Lfs = Manifest.Content.LfsMode.Content;
                break;
            default:
                LogSetting("ProvenanceLfs", $"ProvenanceLfs is '{Lfs}'; expected auto or content.");
                settingsValid = false;
                break;
        }

        if (!string.IsNullOrWhiteSpace(HumanFloor))
        {
            if (Fraction.TryParse(HumanFloor, out double floor))
            {
                options.HumanFloor = floor;
            }
            else
            {
                LogSetting("ProvenanceHumanFloor", $"ProvenanceHumanFloor is '{HumanFloor}'; expected {Fraction.Expected}.");
                settingsValid = false;
            }
        }

        options.Diversity = Diversity;
        if (Diversity && !string.IsNullOrWhiteSpace(DiversityCacheDirectory))
        {
            options.DiversityCachePath = Path.GetFullPath(Path.Combine(projectDirectory, DiversityCacheDirectory));
        }

        if (verify == VerifyMode.Changed && !string.IsNullOrWhiteSpace(DigestCacheFile))
        {
            options.DigestCachePath = Path.GetFullPath(Path.Combine(projectDirectory, DigestCacheFile));
        }

        var unjustified = new List<string>();
        var policy = new SeverityPolicy(Suppressions, NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors, unjustified);
        foreach (string id in unjustified)
        {
            LogAtProject(DiagnosticRegistry.UnjustifiedSuppression, projectDirectory, "ProvenanceSuppress", $"\"{id}\"",
                $"ProvenanceSuppress '{id}' has no Justification metadata, so it is not applied. Say why the diagnostic does not apply: <ProvenanceSuppress Include=\"{id}\" Justification=\"...\" />.");
        }

        if (!settingsValid)
        {
            Passed = false;
            return false;
        }

        var reported = new List<ManifestDiagnostic>();
        var summary = string.IsNullOrWhiteSpace(StepSummaryFile) ? null : new StringWriter { NewLine = "\n" };
        var tracked = new SortedSet<string>(StringComparer.Ordinal);
        bool anyError = false;
        foreach (var item in Manifests.OrderBy(m => m.ItemSpec, StringComparer.Ordinal))
        {
            string manifestPath = Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec));
            try
            {
                var result = ManifestChecker.Check(manifestPath, options);
                bool manifestError = false;
                int firstReported = reported.Count;
                foreach (var diagnostic in result.Diagnostics)
                {
                    var severity = policy.Map(diagnostic);
                    if (severity is null)
                    {
                        string? justification = policy.SuppressionOf(diagnostic.Id);
                        Log.LogMessage(MessageImportance.Low, $"Provenance: {diagnostic.Id} at {Display(diagnostic.FilePath, projectDirectory)}{diagnostic.Span} suppressed{(justification is null ? " (NoWarn)" : ": " + justification)}.");
                        continue;
                    }

                    var shown = severity.Value == diagnostic.Severity ? diagnostic : diagnostic.WithSeverity(severity.Value);
                    reported.Add(shown);
                    manifestError |= shown.Severity == DiagnosticSeverity.Error;
                    LogDiagnostic(shown, projectDirectory);
                }

                if (!manifestError && result.Summary is { } summaryLine)
                {
                    Log.LogMessage(MessageImportance.High, "Provenance: " + summaryLine);
                }

                if (summary is not null)
                {
                    AppendAudit(summary, result, reported.GetRange(firstReported, reported.Count - firstReported), projectDirectory);
                }

                if (result.LockWritten)
                {
                    // High importance: the default (minimal) verbosity shows it, and the user must commit the lock.
                    string lockShown = Display(LockFile.PathFor(manifestPath), projectDirectory);
                    Log.LogMessage(MessageImportance.High, $"Provenance: updated {lockShown}: it protects the human shards admitted by this build; commit it with the manifest (a CI build in locked mode fails without it).");
                }

                anyError |= manifestError;
                tracked.UnionWith(result.Inputs);
            }
            catch (Exception ex)
            {
                // The engine promises never to throw for bad input; anything else must still read as a diagnostic, not a stack trace.
                anyError = true;
                var diagnostic = new ManifestDiagnostic(DiagnosticRegistry.ManifestUnreadable, manifestPath, SourceSpan.FileStart,
                    $"The manifest could not be checked: {ex.GetType().Name}: {ex.Message}");
                reported.Add(diagnostic);
                LogDiagnostic(diagnostic, projectDirectory);
            }
        }

        if (summary is not null)
        {
            WriteStepSummary(summary.ToString(), projectDirectory);
        }

        if (!string.IsNullOrWhiteSpace(SarifFile))
        {
            WriteSarif(Path.Combine(projectDirectory, SarifFile), reported, projectDirectory);
        }

        TrackedInputs = tracked.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
        Passed = !anyError && !Log.HasLoggedErrors;
        return Passed;
    }

    /// <summary>The markdown audit of one manifest, as the build reported it, for the CI job summary.</summary>
    private static void AppendAudit(StringWriter summary, CheckResult result, IReadOnlyList<ManifestDiagnostic> reported, string projectDirectory)
    {
        string shown = Display(result.ManifestPath, projectDirectory);
        string DisplayPath(string path) => Display(path, projectDirectory);
        if (AuditReport.From(result, shown, reported) is { } report)
        {
            MarkdownAudit.Write(summary, report, DisplayPath);
        }
        else
        {
            MarkdownAudit.WriteUnreadable(summary, shown, reported, DisplayPath);
        }

        summary.WriteLine();
    }

    /// <summary>Appends to the job summary (GitHub Actions gives each step its own file and renders it as markdown).</summary>
    private void WriteStepSummary(string markdown, string projectDirectory)
    {
        string path = StepSummaryFile!;
        try
        {
            path = Path.GetFullPath(Path.Combine(projectDirectory, path));
            using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                byte[] bytes = new System.Text.UTF8Encoding(false).GetBytes(markdown);
                stream.Write(bytes, 0, bytes.Length);
            }

            Log.LogMessage(MessageImportance.Normal, $"Provenance: appended the audit to the job summary {path}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            LogAtProject(DiagnosticRegistry.BuildOutputNotWritten, projectDirectory, "ProvenanceStepSummaryFile", null,
                $"The job summary {path} (GITHUB_STEP_SUMMARY) could not be written: {ex.Message}. Set ProvenanceStepSummary to false to turn it off.");
        }
    }

    private void WriteSarif(string path, IReadOnlyList<ManifestDiagnostic> diagnostics, string projectDirectory)
    {
        try
        {
            path = Path.GetFullPath(path);
            string version = typeof(ProvenanceCheckTask).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            SarifWriter.Write(path, diagnostics, "Provenance.Build", version, projectDirectory);
            Log.LogMessage(MessageImportance.Normal, $"Provenance: wrote SARIF log {path}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            LogAtProject(DiagnosticRegistry.BuildOutputNotWritten, projectDirectory, "ProvenanceSarifFile", null,
                $"The SARIF log {path} (ProvenanceSarifFile) could not be written: {ex.Message}");
        }
    }

    private void LogDiagnostic(ManifestDiagnostic d, string projectDirectory)
    {
        string file = Display(d.FilePath, projectDirectory);
        var s = d.Span;
        switch (d.Severity)
        {
            case DiagnosticSeverity.Error:
                Log.LogError(null, d.Id, d.Id, d.HelpLink, file, s.Line, s.Column, s.EndLine, s.EndColumn, d.Message);
                break;
            case DiagnosticSeverity.Warning:
                Log.LogWarning(null, d.Id, d.Id, d.HelpLink, file, s.Line, s.Column, s.EndLine, s.EndColumn, d.Message);
                break;
            default:
                Log.LogMessage(null, d.Id, d.Id, file, s.Line, s.Column, s.EndLine, s.EndColumn, MessageImportance.High,
                    $"{file}{s}: info {d.Id}: {d.Message}");
                break;
        }
    }

    private void LogSetting(string property, string message) =>
        LogAtProject(DiagnosticRegistry.InvalidBuildSetting, ResolveProjectDirectory(), property, null, message);

    /// <summary>Logs one of the gate's own diagnostics at the project file, at the element that sets it when the project file does.</summary>
    private void LogAtProject(DiagnosticDescriptor descriptor, string projectDirectory, string element, string? attributeText, string message)
    {
        string? projectFile = !string.IsNullOrWhiteSpace(ProjectFile) ? Path.GetFullPath(ProjectFile) : BuildEngine?.ProjectFileOfTaskNode;
        var at = ProjectFileLocation.Find(projectFile, element, attributeText) ?? (0, 0, 0, 0);
        string? file = projectFile is null ? null : Display(projectFile, projectDirectory);
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            Log.LogError(null, descriptor.Id, descriptor.Id, descriptor.HelpLink, file, at.Line, at.Column, at.EndLine, at.EndColumn, message);
        }
        else
        {
            Log.LogWarning(null, descriptor.Id, descriptor.Id, descriptor.HelpLink, file, at.Line, at.Column, at.EndLine, at.EndColumn, message);
        }
    }

    private string ResolveProjectDirectory()
    {
        if (!string.IsNullOrWhiteSpace(ProjectDirectory))
        {
            return Path.GetFullPath(ProjectDirectory);
        }

        string? projectFile = !string.IsNullOrWhiteSpace(ProjectFile) ? ProjectFile : BuildEngine?.ProjectFileOfTaskNode;
        return !string.IsNullOrEmpty(projectFile) ? Path.GetDirectoryName(Path.GetFullPath(projectFile))! : Directory.GetCurrentDirectory();
    }

    /// <summary>The path as logged: relative to the project folder when under it, else full.</summary>
    internal static string Display(string path, string projectDirectory)
    {
        string full = Path.GetFullPath(path);
        string root = projectDirectory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? projectDirectory : projectDirectory + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.StartsWith(root, comparison) ? full.Substring(root.Length) : full;
    }

    internal static bool TryParseVerify(string? value, out VerifyMode mode)
    {
        switch ((value ?? string.Empty).Trim().ToLowerInvariant())
        {
            case "":
            case "changed":
                mode = VerifyMode.Changed;
                return true;
            case "all":
                mode = VerifyMode.All;
                return true;
            case "none":
                mode = VerifyMode.None;
                return true;
            default:
                mode = VerifyMode.Changed;
                return false;
        }
    }
}

/// <summary>
/// The MSBuild name of <see cref="ProvenanceCheckTask"/>: <c>&lt;ProvenanceCheck Manifests="@(ProvenanceManifest)" ... /&gt;</c>.
/// </summary>
public sealed class ProvenanceCheck : ProvenanceCheckTask
{
}
