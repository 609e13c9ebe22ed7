using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// Issue 14.3: the packed Provenance.Build ships the task for both MSBuild runtimes, as dotnet/sourcelink does —
/// tasks/net8.0 for MSBuild on .NET (dotnet build), tasks/net472 for MSBuild on .NET Framework (Visual Studio,
/// msbuild.exe), chosen by $(MSBuildRuntimeType) — and the net472 folder carries nothing that Visual Studio's MSBuild
/// already loads: every assembly the task needs from there resolves through MSBuild's binding redirects to MSBuild's
/// own copy, so each reference must be no newer than that copy. What cannot run here (no Windows, no Visual Studio) is
/// said in docs/msbuild.md.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class TaskPackageTests
{
    /// <summary>
    /// What MSBuild 18 (Visual Studio 2026) loads itself, with the highest version its binding redirects accept
    /// (dotnet/msbuild src/MSBuild/app.config: "Redirects for assemblies redistributed by MSBuild"; Microsoft.Build.*
    /// are redirected from any version to 15.1.0.0).
    /// </summary>
    private static readonly Dictionary<string, Version> LoadedByVisualStudioMSBuild = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Build"] = new(99, 9, 9, 9),
        ["Microsoft.Build.Framework"] = new(99, 9, 9, 9),
        ["Microsoft.Build.Tasks.Core"] = new(99, 9, 9, 9),
        ["Microsoft.Build.Utilities.Core"] = new(99, 9, 9, 9),
        ["Microsoft.Bcl.AsyncInterfaces"] = new(9, 0, 0, 11),
        ["Microsoft.Bcl.HashCode"] = new(1, 0, 0, 0),
        ["Microsoft.IO.Redist"] = new(6, 1, 0, 0),
        ["Microsoft.NET.StringTools"] = new(1, 0, 0, 0),
        ["System.Buffers"] = new(4, 0, 4, 0),
        ["System.Collections.Immutable"] = new(9, 0, 0, 11),
        ["System.Formats.Nrbf"] = new(9, 0, 0, 11),
        ["System.IO.Pipelines"] = new(9, 0, 0, 11),
        ["System.Memory"] = new(4, 0, 2, 0),
        ["System.Numerics.Vectors"] = new(4, 1, 5, 0),
        ["System.Reflection.Metadata"] = new(9, 0, 0, 11),
        ["System.Reflection.MetadataLoadContext"] = new(9, 0, 0, 11),
        ["System.Resources.Extensions"] = new(9, 0, 0, 11),
        ["System.Runtime.CompilerServices.Unsafe"] = new(6, 0, 1, 0),
        ["System.Text.Encodings.Web"] = new(9, 0, 0, 11),
        ["System.Text.Json"] = new(9, 0, 0, 11),
        ["System.Threading.Tasks.Dataflow"] = new(9, 0, 0, 11),
        ["System.Threading.Tasks.Extensions"] = new(4, 2, 1, 0),
        ["System.ValueTuple"] = new(4, 0, 3, 0),
    };

    private readonly PackageFeedFixture _feed;

    public TaskPackageTests(PackageFeedFixture feed) => _feed = feed;

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [Fact]
    public void Package_ShipsTheTaskForBothRuntimes_BesideBuildAssetsAndAnalyzers()
    {
        var entries = Entries();

        foreach (string folder in new[] { "tasks/net472/", "tasks/net8.0/" })
        {
            foreach (string file in new[] { "Provenance.Build.dll", "Provenance.Manifest.dll", "YamlDotNet.dll", "System.IO.Hashing.dll" })
            {
                Assert.Contains(folder + file, entries);
            }
        }

        foreach (string folder in new[] { "build/", "buildMultiTargeting/", "buildTransitive/" })
        {
            Assert.Contains(folder + "Provenance.Build.props", entries);
            Assert.Contains(folder + "Provenance.Build.targets", entries);
        }

        Assert.Contains("analyzers/dotnet/cs/Provenance.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Provenance.Analyzers.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("tasks/netstandard2.0/", StringComparison.Ordinal));
    }

    [Fact]
    public void Net472TaskFolder_HoldsNoAssemblyThatVisualStudiosMSBuildLoads()
    {
        var shipped = Entries().Where(e => e.StartsWith("tasks/net472/", StringComparison.Ordinal)).Select(e => Path.GetFileNameWithoutExtension(e)).ToList();

        Assert.NotEmpty(shipped);
        Assert.DoesNotContain(shipped, LoadedByVisualStudioMSBuild.ContainsKey);
        Assert.DoesNotContain(shipped, name => name.StartsWith("Microsoft.Build", StringComparison.Ordinal));
    }

    [Fact]
    public void Net472TaskAssemblies_ReferenceOnlyTheirFolderTheFrameworkOrMSBuildsOwnVersions()
    {
        string folder = Path.Combine(_feed.Root, "net472-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        using (var zip = ZipFile.OpenRead(_feed.PackagePath))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/net472/", StringComparison.Ordinal)))
            {
                Directory.CreateDirectory(folder);
                entry.ExtractToFile(Path.Combine(folder, entry.Name));
            }
        }

        var shipped = Directory.GetFiles(folder, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Identity(f).Version!, StringComparer.OrdinalIgnoreCase);
        var framework = FrameworkAssemblies();
        var problems = new List<string>();
        foreach (string file in Directory.GetFiles(folder, "*.dll"))
        {
            foreach (var (name, version) in References(file))
            {
                string where = $"{Path.GetFileName(file)} -> {name} {version}";
                if (shipped.TryGetValue(name, out var own))
                {
                    if (version > own)
                    {
                        problems.Add($"{where}: the folder has {own}");
                    }
                }
                else if (LoadedByVisualStudioMSBuild.TryGetValue(name, out var redirected))
                {
                    if (version > redirected)
                    {
                        problems.Add($"{where}: Visual Studio's MSBuild redirects only up to {redirected}, so this would not load");
                    }
                }
                else if (!framework.TryGetValue(name, out var inFramework) || version > inFramework)
                {
                    problems.Add($"{where}: not in the folder, not loaded by MSBuild, not in .NET Framework 4.7.2{(inFramework is null ? string.Empty : " (which has " + inFramework + ")")}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(References(Path.Combine(folder, "Provenance.Build.dll")), r => r.Name == "mscorlib");
        Assert.Contains(References(Path.Combine(folder, "Provenance.Build.dll")), r => r.Name == "Microsoft.Build.Utilities.Core" && r.Version == new Version(15, 1, 0, 0));
    }

    [Fact]
    public void Targets_ChooseTheTaskFolderByMSBuildRuntimeType()
    {
        XDocument targets;
        using (var zip = ZipFile.OpenRead(_feed.PackagePath))
        using (var stream = zip.GetEntry("build/Provenance.Build.targets")!.Open())
        {
            targets = XDocument.Load(stream);
        }

        XNamespace ns = targets.Root!.Name.Namespace;
        var choices = targets.Descendants(ns + "ProvenanceTaskAssembly").ToDictionary(e => (string)e.Attribute("Condition")!, e => e.Value);
        Assert.Equal(2, choices.Count);
        Assert.Equal("$(MSBuildThisFileDirectory)../tasks/net8.0/Provenance.Build.dll",
            Assert.Single(choices, c => c.Key.Contains("'$(MSBuildRuntimeType)' == 'Core'", StringComparison.Ordinal)).Value);
        Assert.Equal("$(MSBuildThisFileDirectory)../tasks/net472/Provenance.Build.dll",
            Assert.Single(choices, c => c.Key.Contains("'$(MSBuildRuntimeType)' != 'Core'", StringComparison.Ordinal)).Value);
        Assert.All(choices.Keys, condition => Assert.Contains("'$(ProvenanceTaskAssembly)' == ''", condition, StringComparison.Ordinal));
        var usingTasks = targets.Descendants(ns + "UsingTask").ToList();
        Assert.Equal(new[] { "Provenance.Build.ProvenanceCheck", "Provenance.Build.ProvenanceExport", "Provenance.Build.ProvenanceWriteGlobalConfig" },
            usingTasks.Select(u => (string)u.Attribute("TaskName")!).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(usingTasks, u => Assert.Equal("$(ProvenanceTaskAssembly)", (string)u.Attribute("AssemblyFile")!));
    }

    [Fact]
    public void DotnetBuild_TheCoreMSBuild_ResolvesTheNet80TaskOfTheRestoredPackage()
    {
        var project = new ConsumerProject(_feed, "RuntimeChoice");
        var restore = DotNet.Run(project.Directory, _feed.PackagesFolder, null, "restore", project.ProjectPath);
        Assert.True(restore.ExitCode == 0, restore.Output);

        var evaluated = DotNet.Run(project.Directory, _feed.PackagesFolder, null, "msbuild", project.ProjectPath, "-getProperty:ProvenanceTaskAssembly", "-getProperty:MSBuildRuntimeType");

        Assert.True(evaluated.ExitCode == 0, evaluated.Output);
        Assert.Contains("\"MSBuildRuntimeType\": \"Core\"", evaluated.Output, StringComparison.Ordinal);
        string path = System.Text.RegularExpressions.Regex.Match(evaluated.Output, "\"ProvenanceTaskAssembly\": \"([^\"]+)\"").Groups[1].Value;
        Assert.EndsWith(Path.Combine("tasks", "net8.0", "Provenance.Build.dll"), Path.GetFullPath(path), StringComparison.Ordinal);
        Assert.StartsWith(Path.GetFullPath(_feed.PackagesFolder), Path.GetFullPath(path), StringComparison.Ordinal);
        Assert.True(File.Exists(path), path);
    }

    /// <summary>The assemblies of .NET Framework 4.7.2 (and its facades), from the reference pack the net472 task was built against.</summary>
    private Dictionary<string, Version> FrameworkAssemblies()
    {
        string pack = Directory.GetDirectories(Path.Combine(_feed.PackagesFolder, "microsoft.netframework.referenceassemblies.net472")).Single();
        string root = Path.Combine(pack, "build", ".NETFramework", "v4.7.2");
        return Directory.GetFiles(root, "*.dll").Concat(Directory.GetFiles(Path.Combine(root, "Facades"), "*.dll"))
            .Where(IsAssembly)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Identity(f).Version!, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsAssembly(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
    }

    private static AssemblyName Identity(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        return new AssemblyName(reader.GetString(definition.Name)) { Version = definition.Version };
    }

    private static List<(string Name, Version Version)> References(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Select(r => (reader.GetString(r.Name), r.Version)).ToList();
    }
}
