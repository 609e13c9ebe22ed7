using Microsoft.CodeAnalysis;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// The types the rules look for, resolved once per compilation. A missing optional library (Microsoft.Data.Analysis,
/// Parquet.Net, CsvHelper, ML.NET) leaves its entry null and the checks for it off.
/// </summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        File = compilation.GetTypeByMetadataName("System.IO.File");
        Directory = compilation.GetTypeByMetadataName("System.IO.Directory");
        FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
        DirectoryInfo = compilation.GetTypeByMetadataName("System.IO.DirectoryInfo");
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
        SeekOrigin = compilation.GetTypeByMetadataName("System.IO.SeekOrigin");
        Path = compilation.GetTypeByMetadataName("System.IO.Path");
        StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        IEnumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
        DataFrame = compilation.GetTypeByMetadataName("Microsoft.Data.Analysis.DataFrame");
        ParquetWriter = compilation.GetTypeByMetadataName("Parquet.ParquetWriter");
        CsvWriter = compilation.GetTypeByMetadataName("CsvHelper.CsvWriter");
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

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? wellKnown) =>
        wellKnown is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, wellKnown);
}
