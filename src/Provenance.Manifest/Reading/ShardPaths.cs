using System;
using System.IO;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Reading;

/// <summary>
/// Resolves a shard's <c>path:</c> against the manifest's folder and refuses anything that could read outside it:
/// absolute paths, Windows drive and UNC paths, <c>..</c> escapes, and symbolic links whose target lies outside
/// the folder tree (<see cref="Diagnostics.DiagnosticRegistry.UnsafePath"/>, PROV1009).
/// </summary>
public static class ShardPaths
{
    /// <summary>Resolves <paramref name="relativePath"/>; returns the full path, or null with <paramref name="problem"/> set.</summary>
    /// <param name="manifestDirectory">The manifest's folder (absolute).</param>
    /// <param name="relativePath">The path as written in the manifest; '/' or '\' separators.</param>
    /// <param name="problem">Why the path is unsafe, in words, when the result is null.</param>
    public static string? Resolve(string manifestDirectory, string relativePath, out string? problem) =>
        Resolve(manifestDirectory, relativePath, out problem, out _);

    /// <summary>As <see cref="Resolve(string, string, out string?)"/>, also giving the kind of file found (null when unknown or missing).</summary>
    internal static string? Resolve(string manifestDirectory, string relativePath, out string? problem, out UnixFileStatus.Kind? kind)
    {
        problem = null;
        kind = null;
        if (relativePath.Trim().Length == 0)
        {
            problem = "the path is empty";
            return null;
        }

        if (relativePath.IndexOf('\0') >= 0)
        {
            problem = "the path contains a NUL character";
            return null;
        }

        if (relativePath.StartsWith("\\\\", StringComparison.Ordinal) || relativePath.StartsWith("//", StringComparison.Ordinal))
        {
            problem = "a UNC or network path is not allowed; shard paths are relative to the manifest's folder";
            return null;
        }

        if (relativePath.Length >= 2 && relativePath[1] == ':' && ((relativePath[0] | 0x20) is >= 'a' and <= 'z'))
        {
            problem = "a Windows drive path is not allowed; shard paths are relative to the manifest's folder";
            return null;
        }

        if (relativePath.StartsWith("/", StringComparison.Ordinal) || relativePath.StartsWith("\\", StringComparison.Ordinal) || Path.IsPathRooted(relativePath))
        {
            problem = "an absolute path is not allowed; shard paths are relative to the manifest's folder";
            return null;
        }

        string root = Path.GetFullPath(manifestDirectory);
        string normalized = relativePath.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(root, normalized));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = "the path is not a valid file path (" + ex.Message + ")";
            return null;
        }

        if (!IsUnder(root, full))
        {
            problem = "the path leaves the manifest's folder";
            return null;
        }

        // Symbolic links: compare the canonical target with the canonical manifest folder. Canonical folders are
        // cached, so a manifest of many shards in few folders costs one realpath per folder, plus one per linked file.
        string? realRoot = RealDirectory(root);
        string? directory = Path.GetDirectoryName(full);
        string? realDirectory = directory is null ? null : RealDirectory(directory);
        bool haveStatus = UnixFileStatus.TryGet(full, followLinks: false, out var found, out uint links);
        bool isLink = haveStatus ? found == UnixFileStatus.Kind.SymbolicLink : IsSymbolicLink(full);
        string? realFull = realDirectory is null ? null
            : isLink ? RealPath.Resolve(full)
            : Path.Combine(realDirectory, Path.GetFileName(full));
        if (realRoot is not null && realFull is not null && !IsUnder(realRoot, realFull))
        {
            problem = "the path goes through a symbolic link to " + realFull + ", outside the manifest's folder";
            return null;
        }

        // Hard links: a file with several names may also be a file outside the folder, and nothing tells where the
        // other names are, so a hard-linked shard is refused (copy the file instead).
        if (isLink && haveStatus)
        {
            haveStatus = UnixFileStatus.TryGet(full, followLinks: true, out found, out links);
        }

        if (haveStatus)
        {
            kind = found;
            if (found == UnixFileStatus.Kind.Regular && links > 1)
            {
                problem = $"the file has {links} hard links, so it may also be a file outside the manifest's folder; copy it instead of linking it";
                return null;
            }
        }

        return full;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> RealDirectories = new(StringComparer.Ordinal);

    private static string? RealDirectory(string directory)
    {
        if (RealDirectories.TryGetValue(directory, out string? real))
        {
            return real;
        }

        real = RealPath.Resolve(directory);
        if (real is not null && RealDirectories.Count < 100_000)
        {
            RealDirectories[directory] = real; // only existing folders; a folder created later is resolved then
        }

        return real;
    }

    private static bool IsSymbolicLink(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it.</summary>
    public static bool IsUnder(string root, string path)
    {
        string r = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(r, comparison) && path.Length > r.Length;
    }
}
