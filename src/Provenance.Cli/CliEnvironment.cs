using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Provenance.Cli;

/// <summary>
/// What the CLI reads from its process: the current directory, environment variables and whether stdout/stderr are
/// interactive terminals. Tests build one explicitly, so a run does not depend on the machine (for example <c>CI=true</c>).
/// </summary>
public sealed class CliEnvironment
{
    private readonly Func<string, string?> _getVariable;

    /// <summary>Creates an environment.</summary>
    /// <param name="currentDirectory">Relative paths resolve against this folder; displayed paths are relative to it.</param>
    /// <param name="getVariable">Looks up an environment variable (null when unset).</param>
    /// <param name="isOutputInteractive">stdout is a terminal: <c>audit</c> draws tables with Spectre.Console.</param>
    /// <param name="isErrorInteractive">stderr is a terminal: long work shows a progress bar there.</param>
    public CliEnvironment(string currentDirectory, Func<string, string?> getVariable, bool isOutputInteractive = false, bool isErrorInteractive = false)
    {
        CurrentDirectory = Path.GetFullPath(currentDirectory);
        _getVariable = getVariable;
        IsOutputInteractive = isOutputInteractive;
        IsErrorInteractive = isErrorInteractive;
    }

    /// <summary>The folder relative paths resolve against.</summary>
    public string CurrentDirectory { get; }

    /// <summary>True when stdout is an interactive terminal.</summary>
    public bool IsOutputInteractive { get; }

    /// <summary>True when stderr is an interactive terminal.</summary>
    public bool IsErrorInteractive { get; }

    /// <summary>True when <c>CI</c> is <c>true</c> or <c>1</c> (GitHub Actions, Azure Pipelines, GitLab and most CI systems set it).</summary>
    public bool IsCI => GetVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess() =>
        new(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>An environment with exactly <paramref name="variables"/> (tests).</summary>
    public static CliEnvironment ForTest(string currentDirectory, IReadOnlyDictionary<string, string>? variables = null) =>
        new(currentDirectory, name => variables is not null && variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>Looks up an environment variable; null when unset or empty.</summary>
    public string? GetVariable(string name) => _getVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Resolves a path given on the command line against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(CurrentDirectory, path));

    /// <summary>How a path is shown: relative to <see cref="CurrentDirectory"/> when under it, else in full.</summary>
    public string DisplayPath(string fullPath)
    {
        if (fullPath.Length == 0)
        {
            return fullPath;
        }

        string relative = Path.GetRelativePath(CurrentDirectory, fullPath);
        bool outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? fullPath : relative;
    }

    /// <summary>
    /// The digest cache of a manifest for <c>--verify changed</c>:
    /// <c>$XDG_CACHE_HOME/provenance/digests-&lt;first 16 hex digits of the SHA-256 of the manifest's full path&gt;.bin</c>,
    /// with <c>~/.cache</c> when <c>XDG_CACHE_HOME</c> is unset. Null when no home folder is known.
    /// </summary>
    public string? DigestCachePath(string manifestFullPath)
    {
        if (CacheDirectory(null) is not { } root)
        {
            return null;
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(manifestFullPath));
        string key = Convert.ToHexStringLower(hash).Substring(0, 16);
        return Path.Combine(root, "digests-" + key + ".bin");
    }

    /// <summary>
    /// The tool's cache folder, <c>$XDG_CACHE_HOME/provenance</c> (<c>~/.cache/provenance</c> when unset), or the
    /// subfolder <paramref name="name"/> of it; null when no home folder is known.
    /// </summary>
    public string? CacheDirectory(string? name)
    {
        string? root = GetVariable("XDG_CACHE_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg : null;
        if (root is null)
        {
            string? home = GetVariable("HOME") ?? GetVariable("USERPROFILE");
            if (home is null)
            {
                return null;
            }

            root = Path.Combine(home, ".cache");
        }

        string folder = Path.Combine(root, "provenance");
        return name is null ? folder : Path.Combine(folder, name);
    }
}
