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

    private static string Install()
    {
        string source = Path.Combine(Corpus.RepoRoot(), "tests", "tools", "duckdb");
        string folder = Path.Combine(Corpus.RepoRoot(), "artifacts", "tools", "duckdb");
        Directory.CreateDirectory(folder);
        foreach (string name in new[] { "package.json", "package-lock.json", "duckdb-sql.mjs" })
        {
            File.Copy(Path.Combine(source, name), Path.Combine(folder, name), overwrite: true);
        }

        if (!File.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api", "package.json")))
        {
            using var mutex = new Mutex(false, "provenance-duckdb-install");
            mutex.WaitOne();
            try
            {
                if (!File.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api", "package.json")))
                {
                    Tool.Run("npm", folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
                }
            }
            finally
            {
                mutex.ReleaseMutex();
            }
        }

        return folder;
    }
}
