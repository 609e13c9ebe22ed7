using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Tests.Helpers;

/// <summary>
/// Metadata references for test compilations, taken from the running runtime's <c>TRUSTED_PLATFORM_ASSEMBLIES</c>
/// (no reference-assembly download at test time). Built once per test run.
/// </summary>
internal static class RuntimeReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ImmutableArray<MetadataReference> Get() => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var list = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
                   ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set: tests must run on .NET (Core).");
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            // The platform only: the test's own dependencies (xunit, Roslyn, Provenance.*) would leak types into test code.
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" ||
                name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal) || name == "Microsoft.CSharp" || name == "Microsoft.VisualBasic")
            {
                builder.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return builder.ToImmutable();
    }
}
