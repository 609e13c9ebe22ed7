using System.Text.Json;

namespace Provenance.Manifest.Tests.Helpers;

/// <summary>
/// DuckDB through its Node.js API (npm <c>@duckdb/node-api</c>, pinned in tests/tools/duckdb/package-lock.json): an
/// implementation of Parquet independent of Parquet.Net, to write test files and to count them. Installed on first use
/// with <c>npm ci</c> into artifacts/tools/duckdb (ignored by git), so a clean clone needs only Node.js and the npm registry.
/// </summary>
public static class DuckDb
{
    private static readonly Lazy<string> Folder = new(Install);

    /// <summary>Runs the statements in order and returns the rows of the last one, each a JSON object.</summary>
    public static IReadOnlyList<JsonElement> Query(params string[] statements)
    {
        var args = new List<string> { Path.Combine(Folder.Value, "duckdb-sql.mjs") };
        args.AddRange(statements);
        string output = Tool.Run("node", Folder.Value, args.ToArray());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    private static string Install() => NpmTool.Install("duckdb", Path.Combine("node_modules", "@duckdb", "node-api", "package.json"));
}
