using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// The types the rules look for, resolved once per compilation. A missing optional library (Microsoft.Data.Analysis,
/// Parquet.Net, CsvHelper, ML.NET) leaves its entry null and the checks for it off.
/// <para>
/// Resolved with <see cref="Compilation.GetTypesByMetadataName"/>, not <c>GetTypeByMetadataName</c>, which returns null as soon
/// as two assemblies define the name (a vendored copy of a type, a polyfill package, a test stub beside the real library):
/// of the candidates, the ones accessible from the compilation count; a referenced assembly's type is preferred over one
/// in the compilation's own source, and among several, the first by assembly name (deterministic). <see cref="Is"/> then
/// accepts a symbol of any candidate with the same metadata name, so calls bound to either copy are analysed.
/// </para>
/// </summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        File = Resolve(compilation, "System.IO.File");
        Directory = Resolve(compilation, "System.IO.Directory");
        FileInfo = Resolve(compilation, "System.IO.FileInfo");
        DirectoryInfo = Resolve(compilation, "System.IO.DirectoryInfo");
        FileStream = Resolve(compilation, "System.IO.FileStream");
        FileMode = Resolve(compilation, "System.IO.FileMode");
        FileAccess = Resolve(compilation, "System.IO.FileAccess");
        SeekOrigin = Resolve(compilation, "System.IO.SeekOrigin");
        Path = Resolve(compilation, "System.IO.Path");
        StreamWriter = Resolve(compilation, "System.IO.StreamWriter");
        Enumerable = Resolve(compilation, "System.Linq.Enumerable");
        IEnumerable = Resolve(compilation, "System.Collections.IEnumerable");
        DataFrame = Resolve(compilation, "Microsoft.Data.Analysis.DataFrame");
        ParquetWriter = Resolve(compilation, "Parquet.ParquetWriter");
        CsvWriter = Resolve(compilation, "CsvHelper.CsvWriter");
    }

    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? Directory { get; }
    public INamedTypeSymbol? FileInfo { get; }
    public INamedTypeSymbol? DirectoryInfo { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? FileMode { get; }
    public INamedTypeSymbol? FileAccess { get; }
    public INamedTypeSymbol? SeekOrigin { get; }
    public INamedTypeSymbol? Path { get; }
    public INamedTypeSymbol? StreamWriter { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? IEnumerable { get; }
    public INamedTypeSymbol? DataFrame { get; }
    public INamedTypeSymbol? ParquetWriter { get; }
    public INamedTypeSymbol? CsvWriter { get; }

    /// <summary>True when the compilation has <c>System.IO.File</c> at all; without it no file rule can fire.</summary>
    public bool HasFileSystem => File is not null && Path is not null;

    public static WellKnownTypes Create(Compilation compilation) => new(compilation);

    /// <summary>The type of that metadata name the compilation sees (see the class remarks), or null.</summary>
    public static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        INamedTypeSymbol? best = null;
        foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
        {
            if (!compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
            {
                continue;
            }

            if (best is null || Rank(candidate, compilation) < Rank(best, compilation) ||
                (Rank(candidate, compilation) == Rank(best, compilation) &&
                 string.CompareOrdinal(candidate.ContainingAssembly.Name, best.ContainingAssembly.Name) < 0))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="wellKnown"/>, or a type of the same metadata name in another assembly.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? wellKnown)
    {
        if (wellKnown is null || type is null)
        {
            return false;
        }

        var definition = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, wellKnown))
        {
            return true;
        }

        return definition is INamedTypeSymbol named &&
               named.Name == wellKnown.Name &&
               named.Arity == wellKnown.Arity &&
               named.MetadataName == wellKnown.MetadataName &&
               named.ContainingNamespace?.ToDisplayString() == wellKnown.ContainingNamespace?.ToDisplayString() &&
               named.ContainingType is null == wellKnown.ContainingType is null;
    }

    private static int Rank(INamedTypeSymbol candidate, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly) ? 1 : 0;
}
