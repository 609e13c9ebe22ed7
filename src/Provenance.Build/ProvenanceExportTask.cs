using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Provenance.Manifest;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Export;

namespace Provenance.Build;

/// <summary>
/// Writes the data bill of materials of a passing build: every manifest in every format of
/// <c>ProvenanceExportFormats</c> (croissant, spdx3, cyclonedx, hf-card), through the engine's exporters
/// (<see cref="ManifestExporters"/>), into <see cref="OutputDirectory"/> as <c>&lt;manifest&gt;&lt;suffix&gt;</c>
/// (<c>provenance.cdx.json</c>, <c>gen1.provenance.spdx3.json</c>, ...), atomically, rewriting only changed files.
/// The check has already verified the digests in this build, so the manifests are read without hashing. A thin adapter:
/// an unknown format is <c>PROV1031</c> at the project file; a manifest with errors is not exported. Invoked in MSBuild as
/// <c>ProvenanceExport</c>.
/// </summary>
public class ProvenanceExportTask : Task
{
    /// <summary>The manifests (<c>@(ProvenanceManifest)</c>); relative paths are relative to the project folder.</summary>
    [Required]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>ProvenanceExportFormats</c>: format names separated by ';' or ','.</summary>
    [Required]
    public string Formats { get; set; } = string.Empty;

    /// <summary>The folder the exports go to (default: the build output folder, <c>$(OutDir)</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The project folder (default: the folder of the project file).</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary><c>SOURCE_DATE_EPOCH</c>: the creation time the exports record; empty: each manifest's modification time.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>Every export file of this build (written or already up to date).</summary>
    [Output]
    public ITaskItem[] Files { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        var exporters = new List<IManifestExporter>();
        foreach (string name in Formats.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (ManifestExporters.Find(name) is { } exporter)
            {
                exporters.Add(exporter);
            }
            else
            {
                string? project = BuildEngine?.ProjectFileOfTaskNode;
                var at = ProjectFileLocation.Find(project, "ProvenanceExportFormats") ?? (0, 0, 0, 0);
                string id = DiagnosticRegistry.InvalidBuildSetting.Id;
                Log.LogError(null, id, id, DiagnosticRegistry.HelpLink(id), project, at.Line, at.Column, at.EndLine, at.EndColumn,
                    $"ProvenanceExportFormats has '{name}'; expected {string.Join(", ", ManifestExporters.Names)}.");
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        string projectDirectory = !string.IsNullOrWhiteSpace(ProjectDirectory) ? Path.GetFullPath(ProjectDirectory)
            : Path.GetDirectoryName(Path.GetFullPath(BuildEngine?.ProjectFileOfTaskNode ?? "project"))!;
        string outputDirectory = Path.GetFullPath(Path.Combine(projectDirectory, OutputDirectory));
        var files = new List<ITaskItem>();
        foreach (var item in Manifests.OrderBy(m => m.ItemSpec, StringComparer.Ordinal))
        {
            string manifestPath = Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec));
            try
            {
                var result = ManifestChecker.Check(manifestPath, new CheckOptions { Verify = VerifyMode.None });
                var model = result.HasErrors ? null : ExportModel.From(result, ManifestExporters.ResolveCreated(manifestPath, SourceDateEpoch));
                if (model is null)
                {
                    Log.LogMessage(MessageImportance.Normal, $"Provenance: {item.ItemSpec} has errors; not exported.");
                    continue;
                }

                foreach (var exporter in exporters)
                {
                    string target = ManifestExporters.FileFor(manifestPath, exporter, outputDirectory);
                    bool written = ManifestExporters.WriteIfChanged(target, exporter.Export(model));
                    Log.LogMessage(written ? MessageImportance.Normal : MessageImportance.Low, $"Provenance: {exporter.Format} export of {item.ItemSpec} -> {target}{(written ? string.Empty : " (unchanged)")}");
                    files.Add(new TaskItem(target));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Log.LogError(null, DiagnosticRegistry.ExportNotWritten.Id, DiagnosticRegistry.ExportNotWritten.Id, DiagnosticRegistry.ExportNotWritten.HelpLink, manifestPath, 0, 0, 0, 0,
                    $"The exports of the manifest could not be written: {ex.Message}");
            }
        }

        Files = files.ToArray();
        return !Log.HasLoggedErrors;
    }
}

/// <summary>The MSBuild name of <see cref="ProvenanceExportTask"/>: <c>&lt;ProvenanceExport Manifests="@(ProvenanceManifest)" Formats="$(ProvenanceExportFormats)" ... /&gt;</c>.</summary>
public sealed class ProvenanceExport : ProvenanceExportTask
{
}
