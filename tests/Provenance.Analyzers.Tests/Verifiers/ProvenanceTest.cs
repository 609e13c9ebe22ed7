using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Provenance.Analyzers.Tests.Verifiers;

/// <summary>
/// A Microsoft.CodeAnalysis.Testing test of one PROV3xxx analyzer (and its code fix, or <see cref="EmptyCodeFixProvider"/>):
/// <code>
/// new ProvenanceTest&lt;OverwriteTrainingDataAnalyzer, OverwriteTrainingDataCodeFixProvider&gt;
/// {
///     TestCode = "... [|File.WriteAllText(\"data/a.jsonl\", s)|] ...",
///     FixedCode = "... File.AppendAllText(\"data/a.jsonl\", s) ...",
/// }.RunAsync();
/// </code>
/// What it adds to <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>:
/// <list type="bullet">
/// <item>the test source is <c>/proj/Program0.cs</c>, and <see cref="GlobalConfig"/> (default
/// <c>provenance.data_roots = /proj/data</c>, <c>provenance.shard_paths = /proj/data/human/sotu.jsonl</c>, what the build gate
/// writes) is passed as <c>/proj/obj/Provenance.globalconfig</c> through <c>AnalyzerConfigFiles</c>; <c>.editorconfig</c> files
/// go there too;</item>
/// <item>reference assemblies: <c>Microsoft.NETCore.App.Ref</c> from the local SDK's <c>packs</c> folder (no download);</item>
/// <item><see cref="Stubs"/>: sources of third-party APIs, compiled once into a library that the test references;</item>
/// <item>on failure, the test source printed with <c>^^^ ID: message</c> under each actual diagnostic.</item>
/// </list>
/// The library checks the markup, that the source and the fixed code compile, and fix-all at document, project and
/// solution scope.
/// </summary>
public class ProvenanceTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public const string DefaultGlobalConfig = "provenance.data_roots = /proj/data\nprovenance.shard_paths = /proj/data/human/sotu.jsonl";

    private Solution? _testSolution;

    public ProvenanceTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(LocalReferenceAssemblies.Get());
        SolutionTransforms.Add((solution, projectId) =>
        {
            _testSolution ??= solution;
            var project = solution.GetProject(projectId)!;
            return solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest))
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable));
        });
    }

    /// <summary>The keys of the build's generated global config (without <c>is_global</c>); empty: no data roots.</summary>
    public string GlobalConfig { get; set; } = DefaultGlobalConfig;

    /// <summary><c>.editorconfig</c> files: (path, text).</summary>
    public List<(string Path, string Text)> EditorConfigs { get; } = new();

    /// <summary>Sources of third-party API shapes (Microsoft.Data.Analysis, Parquet.Net, ML.NET, ...) the test code calls.</summary>
    public List<string> Stubs { get; } = new();

    /// <summary>Analyzers that run beside <typeparamref name="TAnalyzer"/> (a test that one rule leaves a case to another).</summary>
    public List<DiagnosticAnalyzer> OtherAnalyzers { get; } = new();

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(OtherAnalyzers);

    /// <summary><c>[|...|]</c> stands for the analyzer's first rule (PROV3001 for the overwrite analyzer, which also reports PROV3005).</summary>
    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => analyzers[0].SupportedDiagnostics[0];

    protected override string DefaultFilePathPrefix => "/proj/Program";

    protected override string DefaultTestProjectName => "TestProject";

    /// <summary>Runs the test, then returns the analyzer's diagnostics on the test source (for assertions on messages and properties).</summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync()
    {
        await RunAsync();
        return (await ComputeAsync()).Where(d => d.Id != "CS8019").ToImmutableArray();
    }

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        TestState.AnalyzerConfigFiles.Add(("/proj/obj/Provenance.globalconfig", "is_global = true\n" + GlobalConfig + "\n"));
        foreach (var (path, text) in EditorConfigs)
        {
            TestState.AnalyzerConfigFiles.Add((path, text));
        }

        if (FixedState.Sources.Count > 0)
        {
            // A diagnostic the fix leaves (no safe fix for it) is marked in FixedCode as in TestCode.
            FixedState.MarkupHandling ??= MarkupMode.Allow;
        }

        foreach (var stub in Stubs)
        {
            TestState.AdditionalReferences.Add(StubLibraries.Get(stub));
        }

        try
        {
            await base.RunImplAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && _testSolution is not null)
        {
            string rendered;
            try
            {
                rendered = Render(await ComputeAsync());
            }
            catch (Exception renderFailure)
            {
                rendered = "(could not render the actual diagnostics: " + renderFailure.Message + ")";
            }

            throw new XunitException(failure.Message + "\n\nActual diagnostics in the test source:\n" + rendered, failure);
        }
    }

    private async Task<ImmutableArray<Diagnostic>> ComputeAsync()
    {
        var project = _testSolution!.Projects.Single(p => p.Name == DefaultTestProjectName);
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(GetDiagnosticAnalyzers().ToImmutableArray(), project.AnalyzerOptions);
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        return all.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("PROV", StringComparison.Ordinal) || d.Id == "AD0001")
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private string Render(ImmutableArray<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        var document = _testSolution!.Projects.Single(p => p.Name == DefaultTestProjectName).Documents.First(d => d.FilePath == DefaultFilePath);
        var tree = document.GetSyntaxTreeAsync().Result!;
        builder.Append(RenderSource(tree.GetText(), diagnostics.Where(d => d.Location.SourceTree == tree)));
        foreach (var other in diagnostics.Where(d => d.Location.SourceTree != tree))
        {
            builder.AppendLine(other.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The source with <c>^^^ ID: message</c> under each diagnostic (Meziantou's ProjectBuilder output is the model).</summary>
    internal static string RenderSource(SourceText text, IEnumerable<Diagnostic> diagnostics)
    {
        var byLine = diagnostics.GroupBy(d => text.Lines.GetLinePosition(d.Location.SourceSpan.Start).Line).ToDictionary(g => g.Key, g => g.ToList());
        var builder = new StringBuilder();
        foreach (var line in text.Lines)
        {
            builder.Append(line.LineNumber + 1).Append(": ").AppendLine(line.ToString());
            if (!byLine.TryGetValue(line.LineNumber, out var list))
            {
                continue;
            }

            foreach (var diagnostic in list)
            {
                var span = diagnostic.Location.SourceSpan;
                var start = span.Start - line.Start;
                var length = Math.Max(1, Math.Min(span.End, line.End) - span.Start);
                var gutter = new string(' ', (line.LineNumber + 1).ToString().Length + 2);
                builder.Append(gutter).Append(new string(' ', start)).Append(new string('^', length))
                    .Append(' ').Append(diagnostic.Id).Append(": ").AppendLine(diagnostic.GetMessage());
            }
        }

        if (byLine.Count == 0)
        {
            builder.AppendLine("(no diagnostics)");
        }

        return builder.ToString();
    }
}

/// <summary>An analyzer-only test (no code fix).</summary>
public class ProvenanceTest<TAnalyzer> : ProvenanceTest<TAnalyzer, EmptyCodeFixProvider>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
}

/// <summary>
/// <c>Microsoft.NETCore.App.Ref</c> of the SDK that runs the tests (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net*</c>
/// beside the running shared framework), so reference assemblies resolve without network access. Falls back to the running
/// runtime's platform assemblies when no targeting pack is installed.
/// </summary>
internal static class LocalReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ImmutableArray<MetadataReference> Get() => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <root>
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtimeVersion = Path.GetFileName(runtimeDirectory);
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var major = runtimeVersion.Split('.')[0];
        if (Directory.Exists(packs))
        {
            var version = Directory.GetDirectories(packs)
                .Select(Path.GetFileName)
                .Where(v => v!.StartsWith(major + ".", StringComparison.Ordinal))
                .OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version(0, 0))
                .FirstOrDefault();
            var refDirectory = version is null ? null : Directory.GetDirectories(Path.Combine(packs, version, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
            if (refDirectory is not null)
            {
                return Directory.GetFiles(refDirectory, "*.dll").OrderBy(p => p, StringComparer.Ordinal)
                    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
            }
        }

        var list = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}

/// <summary>Test stubs of third-party APIs compiled into in-memory libraries, once per distinct source.</summary>
internal static class StubLibraries
{
    private static readonly ConcurrentDictionary<string, Lazy<MetadataReference>> Cache = new();

    public static MetadataReference Get(string source) => Cache.GetOrAdd(source, s => new Lazy<MetadataReference>(() => Compile(s))).Value;

    private static MetadataReference Compile(string source)
    {
        var name = "Stubs" + Cache.Count + "_" + (uint)StringComparer.Ordinal.GetHashCode(source);
        var compilation = CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            LocalReferenceAssemblies.Get(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("A test stub does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
