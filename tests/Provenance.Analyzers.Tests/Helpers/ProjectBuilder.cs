using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Provenance.Analyzers.Tests.Helpers;

/// <summary>
/// A small analyzer and code-fix verifier (Microsoft.CodeAnalysis.Testing is not available here):
/// <code>
/// await new ProjectBuilder()
///     .WithAnalyzer&lt;OverwriteTrainingDataAnalyzer&gt;()
///     .WithCodeFix&lt;OverwriteTrainingDataCodeFixProvider&gt;()
///     .WithSourceCode("... [|File.WriteAllText(\"data/a.jsonl\", s)|] ...")
///     .ShouldFixCodeWith("... File.AppendAllText(\"data/a.jsonl\", s) ...")
///     .ValidateAsync();
/// </code>
/// The test source is <c>/proj/Program.cs</c>; by default the global analyzer config says
/// <c>provenance.data_roots = /proj/data</c> and <c>provenance.shard_paths = /proj/data/human/sotu.jsonl</c>, as the build gate would.
/// It asserts that the source compiles, that the analyzer reports exactly the marked diagnostics, that fixing them one at a time
/// and with fix-all (document scope, <see cref="WellKnownFixAllProviders.BatchFixer"/>) both give the expected text, and that the
/// fixed code compiles. On failure it prints the source with <c>^^^ ID: message</c> under each diagnostic.
/// </summary>
internal sealed class ProjectBuilder
{
    public const string ProjectDirectory = "/proj";
    public const string SourcePath = "/proj/Program.cs";

    private readonly List<DiagnosticAnalyzer> _analyzers = new();
    private readonly List<(string Path, string Text)> _extraSources = new();
    private readonly List<(string Path, string Text)> _configs = new();
    private CodeFixProvider? _codeFix;
    private string? _markup;
    private string? _fixedCode;
    private string _globalConfig = "is_global = true\nprovenance.data_roots = /proj/data\nprovenance.shard_paths = /proj/data/human/sotu.jsonl\n";

    public ProjectBuilder WithAnalyzer<T>() where T : DiagnosticAnalyzer, new()
    {
        _analyzers.Add(new T());
        return this;
    }

    public ProjectBuilder WithCodeFix<T>() where T : CodeFixProvider, new()
    {
        _codeFix = new T();
        return this;
    }

    public ProjectBuilder WithSourceCode(string markup)
    {
        _markup = markup;
        return this;
    }

    /// <summary>Another file without markup (stubs of Microsoft.Data.Analysis, Parquet.Net, ML.NET, ...).</summary>
    public ProjectBuilder WithStubs(string source, string? path = null)
    {
        _extraSources.Add((path ?? $"/proj/Stubs{_extraSources.Count}.cs", source));
        return this;
    }

    /// <summary>Replaces the build's generated global config (the <c>is_global = true</c> line is added).</summary>
    public ProjectBuilder WithGlobalConfig(string keys)
    {
        _globalConfig = "is_global = true\n" + keys + "\n";
        return this;
    }

    /// <summary>No data roots, no shard paths: only the attributes identify training data.</summary>
    public ProjectBuilder WithoutDataRoots() => WithGlobalConfig(string.Empty);

    public ProjectBuilder WithEditorConfig(string text, string path = "/proj/.editorconfig")
    {
        _configs.Add((path, text));
        return this;
    }

    public ProjectBuilder ShouldFixCodeWith(string fixedCode)
    {
        _fixedCode = fixedCode;
        return this;
    }

    public async Task ValidateAsync()
    {
        if (_markup is null || _analyzers.Count == 0)
        {
            throw new InvalidOperationException("Call WithSourceCode and WithAnalyzer first.");
        }

        var (source, expected) = TestMarkup.Parse(_markup);
        var document = CreateDocument(source);
        await AssertCompilesAsync(document, "The test source");

        var actual = await GetDiagnosticsAsync(document);
        var defaultId = _analyzers.Count == 1 && _analyzers[0].SupportedDiagnostics.Length == 1 ? _analyzers[0].SupportedDiagnostics[0].Id : null;
        var expectedSet = expected.Select(e => (Id: e.Id ?? defaultId ?? throw new InvalidOperationException("[|...|] needs a single-rule analyzer; use {|ID:...|}."), e.Span)).ToList();
        var actualSet = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        if (!expectedSet.OrderBy(x => x.Span.Start).ThenBy(x => x.Id).SequenceEqual(actualSet.OrderBy(x => x.SourceSpan.Start).ThenBy(x => x.Id)))
        {
            throw new XunitException(
                "Diagnostics differ from the markup.\n" +
                "Expected:\n" + string.Join("\n", expectedSet.Select(e => $"  {e.Id} at {Describe(source, e.Span)}")) + "\n" +
                "Actual:\n" + Render(source, actual));
        }

        foreach (var diagnostic in actual)
        {
            var descriptor = diagnostic.Descriptor;
            Assert.False(string.IsNullOrEmpty(descriptor.HelpLinkUri), $"{descriptor.Id} has no help link");
        }

        if (_fixedCode is not null)
        {
            if (_codeFix is null)
            {
                throw new InvalidOperationException("ShouldFixCodeWith needs WithCodeFix.");
            }

            var oneByOne = await FixOneByOneAsync(document);
            await AssertFixedAsync(oneByOne, "Fixing one diagnostic at a time");

            if (actual.Length > 0)
            {
                var all = await FixAllAsync(document, actual);
                await AssertFixedAsync(all, "Fix-all (document scope)");
            }
        }
    }

    /// <summary>The diagnostics of the analyzers on one source, for tests that inspect messages.</summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync()
    {
        var (source, _) = TestMarkup.Parse(_markup ?? throw new InvalidOperationException("No source."));
        var document = CreateDocument(source);
        await AssertCompilesAsync(document, "The test source");
        return await GetDiagnosticsAsync(document);
    }

    private Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                filePath: ProjectDirectory + "/TestProject.csproj",
                compilationOptions: compilationOptions, parseOptions: parseOptions, metadataReferences: RuntimeReferences.Get()));
        foreach (var (path, text) in _extraSources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Program.cs", SourceText.From(source), filePath: SourcePath);
        return solution.GetDocument(documentId)!;
    }

    private async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = (await document.GetSyntaxTreeAsync())!;
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, CreateOptionsProvider(compilation));
        var withAnalyzers = compilation.WithAnalyzers(_analyzers.ToImmutableArray(), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var exceptions = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (exceptions.Count > 0)
        {
            throw new XunitException("An analyzer threw:\n" + string.Join("\n", exceptions.Select(e => e.GetMessage())));
        }

        return diagnostics.Where(d => d.Location.SourceTree == tree).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private AnalyzerConfigOptionsProvider CreateOptionsProvider(Compilation compilation)
    {
        var configs = new List<AnalyzerConfig> { AnalyzerConfig.Parse(_globalConfig, ProjectDirectory + "/obj/Provenance.globalconfig") };
        configs.AddRange(_configs.Select(c => AnalyzerConfig.Parse(c.Text, c.Path)));
        var set = AnalyzerConfigSet.Create(configs);
        return new TestOptionsProvider(set, compilation);
    }

    private async Task<Document> FixOneByOneAsync(Document document)
    {
        for (var round = 0; round < 50; round++)
        {
            var diagnostics = await GetDiagnosticsAsync(document);
            Document? next = null;
            foreach (var diagnostic in diagnostics.Where(d => _codeFix!.FixableDiagnosticIds.Contains(d.Id)))
            {
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await _codeFix!.RegisterCodeFixesAsync(context);
                if (actions.Count > 0)
                {
                    next = await ApplyAsync(document, actions[0]);
                    break;
                }
            }

            if (next is null)
            {
                return document;
            }

            document = next;
        }

        throw new XunitException("The code fix did not converge in 50 rounds.");
    }

    private async Task<Document> FixAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var fixAll = _codeFix!.GetFixAllProvider() ?? throw new XunitException("The code fix has no fix-all provider.");
        var fixable = diagnostics.Where(d => _codeFix.FixableDiagnosticIds.Contains(d.Id)).ToList();
        string? equivalenceKey = null;
        foreach (var diagnostic in fixable)
        {
            var actions = new List<CodeAction>();
            await _codeFix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            if (actions.Count > 0)
            {
                equivalenceKey = actions[0].EquivalenceKey;
                break;
            }
        }

        if (equivalenceKey is null)
        {
            return document;
        }

        var provider = new FixedDiagnosticProvider(fixable);
        var context = new FixAllContext(document, _codeFix, FixAllScope.Document, equivalenceKey,
            _codeFix.FixableDiagnosticIds, provider, CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        return action is null ? document : await ApplyAsync(document, action);
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    private async Task AssertFixedAsync(Document document, string how)
    {
        var text = (await document.GetTextAsync()).ToString();
        if (Normalize(text) != Normalize(_fixedCode!))
        {
            throw new XunitException($"{how} gave different code.\n--- expected ---\n{_fixedCode}\n--- actual ---\n{text}");
        }

        await AssertCompilesAsync(document, how + ": the fixed code");
    }

    private static async Task AssertCompilesAsync(Document document, string what)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var source = (await document.GetTextAsync()).ToString();
            var tree = await document.GetSyntaxTreeAsync();
            throw new XunitException($"{what} does not compile:\n" +
                Render(source, errors.Where(e => e.Location.SourceTree == tree)) +
                string.Join("\n", errors.Where(e => e.Location.SourceTree != tree).Select(e => e.ToString())));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd();

    private static string Describe(string source, TextSpan span)
    {
        var line = SourceText.From(source).Lines.GetLinePosition(span.Start);
        return $"({line.Line + 1},{line.Character + 1}) '{source.Substring(span.Start, span.Length)}'";
    }

    /// <summary>The source with <c>^^^ ID: message</c> under each diagnostic (Meziantou's ProjectBuilder is the model).</summary>
    internal static string Render(string source, IEnumerable<Diagnostic> diagnostics)
    {
        var text = SourceText.From(source);
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

    private sealed class FixedDiagnosticProvider(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());
    }

    /// <summary>Real <c>.editorconfig</c>/global-config semantics via <see cref="AnalyzerConfigSet"/>.</summary>
    private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;

        public TestOptionsProvider(AnalyzerConfigSet set, Compilation compilation)
        {
            _set = set;
            GlobalOptions = new DictionaryOptions(set.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            new DictionaryOptions(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new DictionaryOptions(_set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            if (values.TryGetValue(key, out var found) || values.TryGetValue(key.ToLowerInvariant(), out found))
            {
                value = found;
                return true;
            }

            value = string.Empty;
            return false;
        }
    }
}
