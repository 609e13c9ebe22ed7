namespace Provenance.Analyzers.Tests.Helpers;

/// <summary>
/// Minimal declarations of third-party APIs that are not on the test runtime, with their real namespaces and signatures
/// (checked against the public API docs): Microsoft.Data.Analysis <c>DataFrame.SaveCsv</c>, Parquet.Net <c>ParquetWriter.CreateAsync</c>,
/// CsvHelper <c>CsvWriter</c>/<c>CsvConfiguration</c>, ML.NET <c>MLContext</c>, <c>DataOperationsCatalog</c> (<c>LoadFromTextFile</c>,
/// <c>SaveAsText</c>/<c>SaveAsBinary</c> taking a <c>Stream</c>) and <c>ModelOperationsCatalog.Save</c>. Bodies throw: only the shapes matter.
/// </summary>
internal static class ApiStubs
{
    public const string Source = """
        #nullable disable
        namespace Microsoft.Data.Analysis
        {
            public class DataFrame
            {
                public static void SaveCsv(DataFrame dataFrame, string path, char separator = ',', bool header = true,
                    System.Text.Encoding encoding = null, System.Globalization.CultureInfo cultureInfo = null) => throw null;
                public static void SaveCsv(DataFrame dataFrame, System.IO.Stream csvStream, char separator = ',', bool header = true,
                    System.Text.Encoding encoding = null, System.Globalization.CultureInfo cultureInfo = null) => throw null;
                public static DataFrame LoadCsv(string filename, char separator = ',', bool header = true) => throw null;
                public DataFrame Append(System.Collections.Generic.IEnumerable<DataFrameRow> rows, bool inPlace = false) => throw null;
            }

            public class DataFrameRow { }
        }

        namespace Parquet.Schema
        {
            public class ParquetSchema { }
        }

        namespace Parquet
        {
            public class ParquetOptions { }

            public sealed class ParquetWriter : System.IDisposable
            {
                public static System.Threading.Tasks.Task<ParquetWriter> CreateAsync(Parquet.Schema.ParquetSchema schema, System.IO.Stream output,
                    ParquetOptions formatOptions = null, bool append = false, System.Threading.CancellationToken cancellationToken = default) => throw null;
                public void Dispose() { }
            }
        }

        namespace CsvHelper.Configuration
        {
            public interface IWriterConfiguration { }

            public record CsvConfiguration(System.Globalization.CultureInfo CultureInfo) : IWriterConfiguration
            {
                public bool HasHeaderRecord { get; init; } = true;
            }
        }

        namespace CsvHelper
        {
            public class CsvWriter : System.IDisposable
            {
                public CsvWriter(System.IO.TextWriter writer, System.Globalization.CultureInfo culture, bool leaveOpen = false) { }
                public CsvWriter(System.IO.TextWriter writer, CsvHelper.Configuration.IWriterConfiguration configuration, bool leaveOpen = false) { }
                public void WriteRecords(System.Collections.IEnumerable records) { }
                public void Dispose() { }
            }
        }

        namespace Microsoft.ML
        {
            public interface IDataView { DataViewSchema Schema { get; } }
            public interface ITransformer { IDataView Transform(IDataView input); }
            public interface IEstimator<out TTransformer> where TTransformer : ITransformer { TTransformer Fit(IDataView input); }
            public sealed class DataViewSchema { }

            public sealed class MLContext
            {
                public MLContext(int? seed = null) { }
                public DataOperationsCatalog Data { get; } = new DataOperationsCatalog();
                public ModelOperationsCatalog Model { get; } = new ModelOperationsCatalog();
            }

            public sealed class DataOperationsCatalog
            {
                public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = '\t', bool hasHeader = false,
                    bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false) => throw null;
                public IDataView LoadFromEnumerable<TRow>(System.Collections.Generic.IEnumerable<TRow> data) where TRow : class => throw null;
            }

            public sealed class ModelOperationsCatalog
            {
                public void Save(ITransformer model, DataViewSchema inputSchema, string filePath) { }
                public void Save(ITransformer model, DataViewSchema inputSchema, System.IO.Stream stream) { }
            }

            public static class TextLoaderSaverCatalog
            {
                public static void SaveAsText(this DataOperationsCatalog catalog, IDataView data, System.IO.Stream stream,
                    char separatorChar = '\t', bool headerRow = true, bool schema = true, bool keepHidden = false, bool forceDense = false) { }
            }

            public static class BinaryLoaderSaverCatalog
            {
                public static void SaveAsBinary(this DataOperationsCatalog catalog, IDataView data, System.IO.Stream stream, bool keepHidden = false) { }
            }
        }
        """;
}
