using System.Security.Cryptography;
using System.Text;

namespace Provenance.Cli.Tests.Helpers;

/// <summary>A temporary folder holding a manifest and its shard files; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "provenance-cli-tests", Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The XDG cache folder the tests use (under this folder).</summary>
    public string CacheHome => System.IO.Path.Combine(Path, ".cache-home");

    public string Manifest => File("provenance.yaml");

    public string LockPath => File("provenance.lock.json");

    public string File(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The environment variables of a test run: HOME and XDG_CACHE_HOME inside this folder, no CI.</summary>
    public Dictionary<string, string> Variables() => new(StringComparer.Ordinal)
    {
        ["HOME"] = System.IO.Path.Combine(Path, ".home"),
        ["XDG_CACHE_HOME"] = CacheHome,
    };

    public string Write(string relative, string text)
    {
        string full = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text, new UTF8Encoding(false));
        return full;
    }

    public string Read(string relative) => System.IO.File.ReadAllText(File(relative));

    public static string Sha256(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
