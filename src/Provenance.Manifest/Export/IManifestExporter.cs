namespace Provenance.Manifest.Export;

/// <summary>
/// One export format (the shape of BenchmarkDotNet's <c>IExporter</c>): one class per format, each fed by the same
/// <see cref="ExportModel"/>, none reading another's output. Output is deterministic: the same model gives the same
/// bytes (UTF-8, LF line endings, stable key order).
/// </summary>
public interface IManifestExporter
{
    /// <summary>The format name on the command line and in <c>ProvenanceExportFormats</c>, e.g. <c>croissant</c>.</summary>
    string Format { get; }

    /// <summary>The suffix of the file the build writes, appended to the manifest's name without <c>.yaml</c>, e.g. <c>.croissant.json</c>.</summary>
    string FileSuffix { get; }

    /// <summary>The document for <paramref name="model"/>.</summary>
    string Export(ExportModel model);
}
