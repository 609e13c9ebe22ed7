using Provenance.Manifest.Digests;
using Provenance.Manifest.Export;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Export;

/// <summary>
/// The four exports of the State of the Union sample's generation 2 mix (samples/SotuAssistant/provenance.yaml: 8 human
/// shards in three formats, 8 synthetic shards of two generations, two generator models), written once per test run into
/// a temporary folder with the file names the build uses. <see cref="Created"/> is fixed so that the output is reproducible.
/// </summary>
public sealed class SampleExports : IDisposable
{
    /// <summary>The creation time of the committed examples under docs/interop/examples (the sample lock's admission date).</summary>
    public static readonly DateTimeOffset Created = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public SampleExports()
    {
        ManifestPath = Path.Combine(Corpus.RepoRoot(), "samples", "SotuAssistant", "provenance.yaml");
        Result = ManifestChecker.Check(ManifestPath, new CheckOptions { Verify = VerifyMode.None });
        Model = ExportModel.From(Result, Created)!;
        Folder = Path.Combine(Path.GetTempPath(), "provenance-export-tests", Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Folder);
        foreach (var exporter in ManifestExporters.All)
        {
            System.IO.File.WriteAllText(ManifestExporters.FileFor(ManifestPath, exporter, Folder), exporter.Export(Model));
        }
    }

    public string ManifestPath { get; }

    public CheckResult Result { get; }

    public ExportModel Model { get; }

    public string Folder { get; }

    /// <summary>The path of the export in <paramref name="format"/>.</summary>
    public string File(string format) => ManifestExporters.FileFor(ManifestPath, ManifestExporters.Find(format)!, Folder);

    /// <summary>The text of the export in <paramref name="format"/>.</summary>
    public string Text(string format) => System.IO.File.ReadAllText(File(format));

    /// <summary>Writes <paramref name="text"/> beside the exports and returns its path (for negative cases).</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
