using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// One PackageReference brings the gate and the analyzers (issue 4): the PROV3xxx rules run from the package's
/// analyzers/dotnet/cs folder and know the training data from the data roots the gate writes into obj/, with no
/// .editorconfig in the consumer.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class AnalyzerPackageTests
{
    private readonly PackageFeedFixture _feed;

    public AnalyzerPackageTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void PackagedAnalyzers_FlagAnOverwriteOfAShardUnderTheManifestsDataRoot_AndNotAnAppend()
    {
        var project = new ConsumerProject(_feed, "PipelineOverwrite");
        TestData.WriteMix(project.Directory, humanRecords: 6, syntheticRecords: 3);
        TestData.Lock(project.ManifestPath);
        File.WriteAllText(Path.Combine(project.Directory, "Pipeline.cs"), """
            using System.IO;

            namespace Consumer;

            public static class Pipeline
            {
                public static void Write(string[] lines)
                {
                    File.WriteAllLines("data/synthetic/g1.jsonl", lines);
                    File.WriteAllText("reports/summary.txt", "ok");
                }
            }
            """);

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, ConsumerProject.CountLines(result.Output, @"Pipeline\.cs\(9,\d+\): warning PROV3001"));
        Assert.Equal(0, ConsumerProject.CountLines(result.Output, @"Pipeline\.cs\(10,\d+\): warning PROV3"));

        File.WriteAllText(Path.Combine(project.Directory, "Pipeline.cs"), File.ReadAllText(Path.Combine(project.Directory, "Pipeline.cs"))
            .Replace("File.WriteAllLines(\"data/synthetic/g1.jsonl\"", "File.AppendAllLines(\"data/synthetic/g1.jsonl\"", StringComparison.Ordinal));
        var fixedResult = project.Build();

        Assert.True(fixedResult.ExitCode == 0, fixedResult.Output);
        Assert.Equal(0, ConsumerProject.CountLines(fixedResult.Output, "warning PROV3"));
    }
}
