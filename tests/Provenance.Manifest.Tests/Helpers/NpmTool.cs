namespace Provenance.Manifest.Tests.Helpers;

/// <summary>
/// An npm tool of the tests (tests/tools/NAME: package.json, package-lock.json and its scripts), installed on first use
/// with <c>npm ci</c> into artifacts/tools/NAME (ignored by git), so a clean clone needs only Node.js and the npm registry.
/// </summary>
public static class NpmTool
{
    /// <summary>Copies tests/tools/<paramref name="name"/> to artifacts/tools/<paramref name="name"/>, runs <c>npm ci</c> there unless <paramref name="marker"/> (relative) exists, and returns the folder.</summary>
    public static string Install(string name, string marker)
    {
        string source = Path.Combine(Corpus.RepoRoot(), "tests", "tools", name);
        string folder = Path.Combine(Corpus.RepoRoot(), "artifacts", "tools", name);
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        string markerPath = Path.Combine(folder, marker);
        if (!File.Exists(markerPath))
        {
            using var mutex = new Mutex(false, "provenance-npm-install-" + name);
            mutex.WaitOne();
            try
            {
                if (!File.Exists(markerPath))
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
