using CollapseLab;

namespace CollapseLab.Tests;

/// <summary>
/// Runs the lab once for the whole class, at the sample's full size (about 50,000 words per generation, ten generations;
/// the closed-form comparison needs that many rare types to be statistically sound), with its lineage in a temporary
/// folder. accsub is left out: no test here needs it, and it costs a quarter of the run.
/// </summary>
public sealed class LabFixture : IDisposable
{
    public LabFixture()
    {
        Out = Path.Combine(Path.GetTempPath(), "collapselab-test-" + Guid.NewGuid().ToString("N")[..10]);
        Options = new LabOptions
        {
            CorpusPath = Path.Combine(RepoRoot(), "samples", "CollapseLab", "data", "moby-dick.jsonl"),
            OutDirectory = Out,
            Modes = new[] { Mode.Replace, Mode.Accumulate, Mode.FixedFrac },
        };
        Result = Lab.Run(Options);
    }

    public string Out { get; }

    public LabOptions Options { get; }

    public LabResult Result { get; }

    public string ManifestPath(Mode mode, int generation) => Path.Combine(Out, Lab.Name(mode), LineageRecorder.ManifestName(generation));

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Provenance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Provenance.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Out, true);
        }
        catch (IOException)
        {
        }
    }
}
