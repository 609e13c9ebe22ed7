using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Provenance.Analyzers.Internal;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Analyzers.Rules;

/// <summary>
/// PROV3001: an overwriting write to training data. Replacing data instead of accumulating it is what collapses models
/// trained on their own output (Gerstgrasser et al. 2024, arXiv 2404.01413); see <c>docs/rules/PROV3001.md</c>.
/// Flags <c>File.WriteAll*</c>, <c>File.Create</c>/<c>CreateText</c>, <c>File.OpenWrite</c>, <c>FileMode.Create</c>/<c>Truncate</c>
/// (and <c>Open</c>/<c>OpenOrCreate</c> for writing without seeking to the end), <c>new StreamWriter(path)</c> without append,
/// <c>File.Copy</c>/<c>File.Move</c> with <c>overwrite: true</c> into data, <c>FileInfo.Create</c>/<c>CreateText</c>/<c>OpenWrite</c>,
/// and <c>Microsoft.Data.Analysis.DataFrame.SaveCsv(df, path)</c> (which always opens with <c>FileMode.Create</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OverwriteTrainingDataAnalyzer : DiagnosticAnalyzer
{
    private const long FileModeCreateNew = 1;
    private const long FileModeCreate = 2;
    private const long FileModeOpen = 3;
    private const long FileModeOpenOrCreate = 4;
    private const long FileModeTruncate = 5;
    private const long FileAccessRead = 1;
    private const long FileAccessWrite = 2;

    internal static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.OverwriteTrainingData,
        title: DiagnosticRegistry.OverwriteTrainingDataTitle,
        messageFormat: "{0} overwrites training data {1}; accumulate instead: append to it or write a new shard{2}",
        RuleIdentifiers.Category,
        DiagnosticRegistry.OverwriteTrainingDataSeverity,
        isEnabledByDefault: true,
        description: "Writing over a training data file replaces what earlier generations of the data set held. Models trained on replaced data collapse; models trained on accumulated data do not. Append to the file, or write a new shard and add it to the manifest.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.OverwriteTrainingData));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, DerivedDataRebuiltRule.Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = WellKnownTypes.Create(start.Compilation);
            if (!types.HasFileSystem)
            {
                return;
            }

            var options = new ProvenanceOptionsCache(start.Options.AnalyzerConfigOptionsProvider);
            var flow = PathFlow.Register(start);
            var deferred = new DeferredWrites();
            start.RegisterOperationAction(c => AnalyzeInvocation(new Scope(c.ReportDiagnostic, deferred, flow), c.Operation, types, options), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeObjectCreation(new Scope(c.ReportDiagnostic, deferred, flow), c.Operation, types, options), OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(c => deferred.Run(c.ReportDiagnostic));
        });
    }

    private static void AnalyzeInvocation(Scope context, IOperation operation, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var invocation = (IInvocationOperation)operation;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        if (WellKnownTypes.Is(type, types.File))
        {
            AnalyzeFileCall(context, invocation, types, cache);
        }
        else if (WellKnownTypes.Is(type, types.FileInfo))
        {
            AnalyzeFileInfoCall(context, invocation, types, cache);
        }
        else if (WellKnownTypes.Is(type, types.DataFrame) && method.Name == "SaveCsv" && method.IsStatic)
        {
            var path = OperationHelpers.GetArgument(invocation.Arguments, 1);
            if (path is not null && path.Value.Type?.SpecialType == SpecialType.System_String)
            {
                Check(context, invocation, path.Value, "DataFrame.SaveCsv", types, cache,
                    ImmutableDictionary<string, string?>.Empty,
                    "; DataFrame.SaveCsv always opens the file with FileMode.Create");
            }
        }
    }

    private static void AnalyzeFileCall(Scope context, IInvocationOperation invocation, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var name = invocation.TargetMethod.Name;
        switch (name)
        {
            case "WriteAllText":
            case "WriteAllLines":
            case "WriteAllBytes":
            case "WriteAllTextAsync":
            case "WriteAllLinesAsync":
            case "WriteAllBytesAsync":
            {
                var path = OperationHelpers.GetArgument(invocation.Arguments, "path");
                if (path is null)
                {
                    return;
                }

                var replacement = "Append" + name.Substring("Write".Length);
                var properties = HasMethod(types.File!, replacement)
                    ? Fix(FixKinds.RenameMethod).Add(DiagnosticPropertyNames.ReplacementMethod, replacement)
                    : ImmutableDictionary<string, string?>.Empty;
                Check(context, invocation, path, "File." + name, types, cache, properties, string.Empty);
                return;
            }

            case "CreateText":
            {
                var path = OperationHelpers.GetArgument(invocation.Arguments, "path");
                if (path is not null)
                {
                    Check(context, invocation, path, "File.CreateText", types, cache,
                        Fix(FixKinds.RenameMethod).Add(DiagnosticPropertyNames.ReplacementMethod, "AppendText"), string.Empty);
                }

                return;
            }

            case "Create":
            case "OpenWrite":
            {
                var path = OperationHelpers.GetArgument(invocation.Arguments, "path");
                if (path is null)
                {
                    return;
                }

                var hint = name == "OpenWrite" ? "; File.OpenWrite does not truncate and can leave a stale tail" : string.Empty;
                StreamCheck(context, invocation, path, "File." + name, types, cache, Fix(FixKinds.OpenAppend), hint,
                    isAppendInDisguise: name == "OpenWrite");
                return;
            }

            case "Open":
            {
                var path = OperationHelpers.GetArgument(invocation.Arguments, "path");
                var mode = OperationHelpers.GetArgument(invocation.Arguments, "mode");
                if (path is null || mode is null)
                {
                    return;
                }

                AnalyzeMode(context, invocation, path, mode, OperationHelpers.GetArgument(invocation.Arguments, "access"), "File.Open", types, cache);
                return;
            }

            case "Copy":
            case "Move":
            {
                var overwrite = OperationHelpers.BoolConstant(OperationHelpers.GetArgument(invocation.Arguments, "overwrite"));
                var source = OperationHelpers.GetArgument(invocation.Arguments, "sourceFileName");
                var destination = OperationHelpers.GetArgument(invocation.Arguments, "destFileName");
                if (overwrite != true || source is null || destination is null || IsTemporarySource(source, types))
                {
                    return;
                }

                Check(context, invocation, destination, $"File.{name}(..., overwrite: true)", types, cache,
                    ImmutableDictionary<string, string?>.Empty, string.Empty);
                return;
            }
        }
    }

    private static void AnalyzeFileInfoCall(Scope context, IInvocationOperation invocation, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var name = invocation.TargetMethod.Name;
        if (name is not ("Create" or "CreateText" or "OpenWrite") || invocation.Arguments.Length != 0)
        {
            return;
        }

        var path = PathResolver.InfoPathOperation(invocation.Instance);
        if (path is null)
        {
            return;
        }

        var properties = name == "CreateText"
            ? Fix(FixKinds.RenameMethod).Add(DiagnosticPropertyNames.ReplacementMethod, "AppendText")
            : ImmutableDictionary<string, string?>.Empty;
        Check(context, invocation, path, "FileInfo." + name, types, cache, properties, string.Empty);
    }

    private static void AnalyzeObjectCreation(Scope context, IOperation operation, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var creation = (IObjectCreationOperation)operation;
        var constructor = creation.Constructor;
        if (constructor is null || constructor.Parameters.Length == 0 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        if (WellKnownTypes.Is(creation.Type, types.FileStream))
        {
            var path = OperationHelpers.GetArgument(creation.Arguments, "path");
            var mode = OperationHelpers.GetArgument(creation.Arguments, "mode");
            if (path is not null && mode is not null)
            {
                AnalyzeMode(context, creation, path, mode, OperationHelpers.GetArgument(creation.Arguments, "access"), "new FileStream", types, cache);
            }
        }
        else if (WellKnownTypes.Is(creation.Type, types.StreamWriter))
        {
            var path = OperationHelpers.GetArgument(creation.Arguments, "path");
            if (path is null || HasParameter(constructor, "options"))
            {
                return; // FileStreamOptions decide the mode; not analyzed
            }

            var append = OperationHelpers.GetArgument(creation.Arguments, "append");
            if (append is not null && OperationHelpers.BoolConstant(append) != false)
            {
                return;
            }

            var hint = WriteSafety.FlowsIntoCsvWriter(creation, types)
                ? "; for CsvHelper use new StreamWriter(path, append: true) and HasHeaderRecord = false"
                : string.Empty;
            Check(context, creation, path, "new StreamWriter", types, cache, Fix(FixKinds.StreamWriterAppend), hint);
        }
    }

    private static void AnalyzeMode(Scope context, IOperation call, IOperation path, IOperation mode, IOperation? access, string api, WellKnownTypes types, ProvenanceOptionsCache cache)
    {
        var modeValue = OperationHelpers.EnumConstant(mode);
        var accessValue = OperationHelpers.EnumConstant(access);
        switch (modeValue)
        {
            case FileModeCreate:
            case FileModeTruncate:
                StreamCheck(context, call, path, $"{api} with FileMode.{(modeValue == FileModeCreate ? "Create" : "Truncate")}", types, cache, Fix(FixKinds.FileModeAppend), string.Empty);
                return;

            case FileModeOpenOrCreate when accessValue != FileAccessRead:
            case FileModeOpen when accessValue == FileAccessWrite:
                StreamCheck(context, call, path, $"{api} with FileMode.{(modeValue == FileModeOpen ? "Open" : "OpenOrCreate")} (writes from the start, no Seek to the end)",
                    types, cache, Fix(FixKinds.FileModeAppend), "; it does not truncate and can leave a stale tail", isAppendInDisguise: true);
                return;

            case FileModeCreateNew:
            default:
                return; // CreateNew fails on an existing file; Append appends; Open for reading reads
        }
    }

    /// <summary>
    /// A write that opens a stream. Checked after the (cheaper, usually negative) path classification: a stream positioned at
    /// its end or used for a Parquet.Net append is an append; a stream handed to Parquet.Net cannot be fixed with FileMode.Append.
    /// </summary>
    private static void StreamCheck(Scope context, IOperation call, IOperation path, string api, WellKnownTypes types, ProvenanceOptionsCache cache, ImmutableDictionary<string, string?> properties, string hint, bool isAppendInDisguise = false)
    {
        if (isAppendInDisguise && (WriteSafety.IsSeekedToEnd(call, types) || IsParquetAppend(call, types)))
        {
            return;
        }

        if (WriteSafety.ParquetWriterConsumer(call, types) is not null)
        {
            properties = ImmutableDictionary<string, string?>.Empty;
            hint = "; Parquet.Net appends only to an existing file opened with FileMode.Open and FileAccess.ReadWrite and ParquetWriter.CreateAsync(..., append: true), or write a new shard";
        }

        Check(context, call, path, api, types, cache, properties, hint);
    }

    /// <summary>
    /// Classifies the written path and reports: PROV3001 for a listed shard, a manifest or lock file (or any file under a root
    /// when no manifest information is configured), PROV3005 for a derived file. A path that depends on parameters, helpers or
    /// constructor-set fields the per-operation pass cannot see is decided at compilation end (<see cref="PathFlow"/>).
    /// </summary>
    private static void Check(Scope context, IOperation call, IOperation path, string api, WellKnownTypes types, ProvenanceOptionsCache cache, ImmutableDictionary<string, string?> properties, string hint)
    {
        // The path classification first: cheap and usually negative; the guards scan the whole method.
        var options = cache.Get(call.Syntax.SyntaxTree);
        var verdict = TrainingDataClassifier.Classify(path, PathKind.File, options, types, null, null, out var value);
        if ((verdict.IsTrainingData || value.CanFollow) &&
            (WriteSafety.IsGuardedByExists(call, path, types) || WriteSafety.IsRenamedAfterwards(call, path, types)))
        {
            return;
        }

        if (verdict.IsTrainingData)
        {
            Report(context.Report, call, path, api, verdict, properties, hint, types);
        }
        else if (value.CanFollow && context.Flow is { } flow)
        {
            var report = context.Report;
            context.Deferred.Add(sink =>
            {
                var followed = flow.ClassifyThroughCallers(path, PathKind.File, options, types, out var callers);
                if (followed.IsTrainingData)
                {
                    Report(sink, call, path, api, followed, properties, hint, types, callers);
                }
            });
        }
    }

    private static void Report(System.Action<Diagnostic> report, IOperation call, IOperation path, string api, Classification verdict, ImmutableDictionary<string, string?> properties, string hint, WellKnownTypes types, System.Collections.Generic.List<IOperation>? callers = null)
    {
        if (verdict.IsDerived)
        {
            report(Diagnostic.Create(DerivedDataRebuiltRule.Rule, call.Syntax.GetLocation(), api, verdict.Description));
            return;
        }

        if (properties.ContainsKey(DiagnosticPropertyNames.FixKind) &&
            (WriteSafety.ContentReadFromData(call, path, types) ?? callers?.Select(c => WriteSafety.ContentReadFromData(c, c, types)).FirstOrDefault(r => r is not null)) is { } source)
        {
            // Appending a rebuilt file would keep the old rows and add them again: no automatic fix.
            properties = ImmutableDictionary<string, string?>.Empty;
            hint = $"; its content is rebuilt from data read by {source}, so appending would duplicate it: write a new shard and list it in the manifest, or move a derived file out of the data root";
        }

        report(Diagnostic.Create(Rule, call.Syntax.GetLocation(), properties, api, verdict.Description, hint));
    }

    private static bool IsParquetAppend(IOperation creation, WellKnownTypes types)
    {
        var consumer = WriteSafety.ParquetWriterConsumer(creation, types);
        return consumer is not null && OperationHelpers.BoolConstant(OperationHelpers.GetArgument(consumer.Arguments, "append")) == true;
    }

    private static bool IsTemporarySource(IOperation source, WellKnownTypes types)
    {
        var value = PathResolver.Resolve(source, types);
        return value.IsTemporary || TrainingDataClassifier.IsTemporaryExtension(PathText.GetExtension(value.Text));
    }

    private static bool HasMethod(INamedTypeSymbol type, string name) => !type.GetMembers(name).IsEmpty;

    private static bool HasParameter(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableDictionary<string, string?> Fix(string kind) =>
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.FixKind, kind);

    /// <summary>Where a finding goes: reported now, or kept for the compilation-end pass.</summary>
    private readonly struct Scope
    {
        public Scope(System.Action<Diagnostic> report, DeferredWrites deferred, PathFlow? flow)
        {
            Report = report;
            Deferred = deferred;
            Flow = flow;
        }

        public System.Action<Diagnostic> Report { get; }

        public DeferredWrites Deferred { get; }

        public PathFlow? Flow { get; }
    }
}
