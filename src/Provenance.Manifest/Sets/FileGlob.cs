using System;
using System.Collections.Generic;
using System.IO;
#if NET
using System.IO.Enumeration;
#endif
using System.Linq;

namespace Provenance.Manifest.Sets;

/// <summary>One file found by a shard set's globs: its path relative to the manifest's folder (with <c>/</c>), size in bytes and modification time (UTC ticks).</summary>
/// <param name="Path">Relative path, <c>/</c>-separated.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="MtimeTicks">Last write time, UTC ticks.</param>
/// <param name="IsLink">True when the entry is a symbolic link (refused: a set's files must be regular files under the manifest's folder).</param>
/// <remarks>
/// A class, not a struct: lists and sorts of a million found files then run the framework's shared, ahead-of-time
/// compiled code for reference types instead of code JIT-compiled for one struct while the check runs.
/// </remarks>
public sealed record FoundFile(string Path, long Bytes, long MtimeTicks, bool IsLink);

/// <summary>
/// The globs of a shard set (<c>files:</c>): relative to the manifest's folder, <c>/</c>-separated; <c>*</c> (any run of
/// characters) and <c>?</c> (one character) match within one name, <c>**</c> as a whole segment matches any number of
/// folders (the subset of POSIX/gitignore globs every glob library agrees on; no character classes). Matching is
/// case-sensitive and ordinal. Files are found by one walk per glob root from the longest folder prefix without wildcards;
/// on .NET the walk is a <c>FileSystemEnumerable</c> that reads each entry's size and time from the one <c>stat</c> it makes
/// (as <c>find -printf</c> does). Symbolic links to folders are not followed; hidden names are matched like any other.
/// </summary>
public static class FileGlob
{
    /// <summary>Why <paramref name="glob"/> cannot be used (absolute, <c>..</c>, empty, a tab or newline), or null when it can.</summary>
    public static string? Problem(string glob)
    {
        if (glob.Trim().Length == 0)
        {
            return "it is empty";
        }

        if (glob.IndexOfAny(new[] { '\0', '\t', '\n', '\r' }) >= 0)
        {
            return "it contains a NUL, tab or line break";
        }

        if (glob.StartsWith("/", StringComparison.Ordinal) || glob.StartsWith("\\", StringComparison.Ordinal) || (glob.Length > 1 && glob[1] == ':'))
        {
            return "an absolute path is not allowed; globs are relative to the manifest's folder";
        }

        if (Segments(glob).Any(s => s == ".."))
        {
            return "'..' is not allowed; a set's files must be under the manifest's folder";
        }

        return null;
    }

    /// <summary>
    /// Whether an index path is a safe relative path: not empty, not absolute, no <c>..</c> segment, no NUL, tab or line
    /// break. The same rule as <see cref="Problem"/>, without allocating (an index has a million of them).
    /// </summary>
    public static bool IsSafeRelative(string path)
    {
        if (path.Length == 0 || path[0] == '/' || path[0] == '\\' || (path.Length > 1 && path[1] == ':'))
        {
            return false;
        }

        int segment = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            char c = i < path.Length ? path[i] : '/';
            if (c is '\0' or '\t' or '\n' or '\r')
            {
                return false;
            }

            if (c is '/' or '\\')
            {
                if (i - segment == 2 && path[segment] == '.' && path[segment + 1] == '.')
                {
                    return false;
                }

                segment = i + 1;
            }
        }

        return path.Trim().Length > 0;
    }

    /// <summary>Whether <paramref name="path"/> (relative, <c>/</c>-separated) matches <paramref name="glob"/>.</summary>
    public static bool IsMatch(string glob, string path)
    {
        var g = Segments(glob);
        var p = path.Split('/');
        return Match(g, 0, p, 0);
    }

    /// <summary>
    /// The regular files (and links, flagged) under <paramref name="root"/> that match any of <paramref name="globs"/>, each
    /// once, sorted by path (ordinal) unless <paramref name="sort"/> is false (then in the folders' own order). A glob root
    /// that does not exist yields nothing.
    /// </summary>
    /// <exception cref="IOException">A folder cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A folder is not readable.</exception>
    public static List<FoundFile> Find(string root, IReadOnlyList<string> globs, bool sort = true)
    {
        var found = new Dictionary<string, FoundFile>(StringComparer.Ordinal);
        foreach (string glob in globs)
        {
            var segments = Segments(glob);
            int literal = 0;
            while (literal < segments.Length - 1 && !HasWildcard(segments[literal]))
            {
                literal++;
            }

            string prefix = string.Join("/", segments.Take(literal));
            string start = prefix.Length == 0 ? root : Path.Combine(root, prefix.Replace('/', Path.DirectorySeparatorChar));
            var rest = segments.Skip(literal).ToArray();
            if (!HasWildcard(string.Join("/", rest)))
            {
                // A glob without wildcards names one file.
                var info = new FileInfo(Path.Combine(root, glob.Replace('/', Path.DirectorySeparatorChar)));
                if (info.Exists)
                {
                    string rel = Normalize(glob);
                    found[rel] = new FoundFile(rel, info.Length, info.LastWriteTimeUtc.Ticks, (info.Attributes & FileAttributes.ReparsePoint) != 0);
                }

                continue;
            }

            if (!Directory.Exists(start))
            {
                continue;
            }

            string basePrefix = prefix.Length == 0 ? string.Empty : prefix + "/";
            if (globs.Count == 1)
            {
                // One glob: each file once already, no need to merge by path.
                var single = Walk(start, rest, basePrefix).ToList();
                if (sort)
                {
                    Sort(single);
                }

                return single;
            }

            foreach (var file in Walk(start, rest, basePrefix))
            {
                found[file.Path] = file;
            }
        }

        var list = found.Values.ToList();
        if (sort)
        {
            Sort(list);
        }

        return list;
    }

#if NET
    /// <summary>The files under <paramref name="start"/> matching <paramref name="glob"/> (paths relative to it): one enumeration, one stat per entry.</summary>
    private static IEnumerable<FoundFile> Walk(string start, string[] glob, string basePrefix)
    {
        bool recurse = glob.Length > 1 || glob[0] == "**";
        string last = glob[glob.Length - 1];
        if (!recurse && Internal.DirectoryStat.List(start, basePrefix, name => Wildcard(last, name)) is { } listed)
        {
            return listed; // one folder (the usual data/part-*.jsonl.gz): names from readdir, one statx per file relative to the folder
        }

        return new FileSystemEnumerable<FoundFile>(start, (ref FileSystemEntry entry) =>
            new FoundFile(recurse ? basePrefix + RelativeOf(ref entry, start) : string.Concat(basePrefix.AsSpan(), entry.FileName), entry.Length, entry.LastWriteTimeUtc.UtcTicks, (entry.Attributes & FileAttributes.ReparsePoint) != 0),
            new EnumerationOptions { RecurseSubdirectories = recurse, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory
                && (recurse ? Match(glob, 0, RelativeOf(ref entry, start).Split('/'), 0) : Wildcard(last, entry.FileName)),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0 && CanDescend(glob, RelativeOf(ref entry, start).Split('/')),
        };
    }

    private static string RelativeOf(ref FileSystemEntry entry, string start)
    {
        var directory = entry.Directory;
        string name = entry.FileName.ToString();
        if (directory.Length <= start.Length)
        {
            return name;
        }

        return directory.Slice(start.Length).TrimStart(Path.DirectorySeparatorChar).ToString().Replace(Path.DirectorySeparatorChar, '/') + "/" + name;
    }
#else
    /// <summary>The files under <paramref name="start"/> matching <paramref name="glob"/> (paths relative to the manifest's folder).</summary>
    private static IEnumerable<FoundFile> Walk(string start, string[] glob, string basePrefix)
    {
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((start, string.Empty));
        while (pending.Count > 0)
        {
            var (folder, relative) = pending.Pop();
            foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                string path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
                bool link = (info.Attributes & FileAttributes.ReparsePoint) != 0;
                if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    if (!link && CanDescend(glob, path.Split('/')))
                    {
                        pending.Push((info.FullName, path));
                    }
                }
                else if (Match(glob, 0, path.Split('/'), 0))
                {
                    var file = (FileInfo)info;
                    yield return new FoundFile(basePrefix + path, file.Length, file.LastWriteTimeUtc.Ticks, link);
                }
            }
        }
    }
#endif

    /// <summary>Whether a folder at <paramref name="folder"/> (segments below the glob root) can hold matches of <paramref name="glob"/>.</summary>
    private static bool CanDescend(string[] glob, string[] folder)
    {
        int g = 0;
        for (int f = 0; f < folder.Length; f++, g++)
        {
            if (glob[g] == "**")
            {
                return true;
            }

            if (g >= glob.Length - 1)
            {
                return false;
            }

            if (!Wildcard(glob[g], folder[f].AsSpan()))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Match(string[] glob, int g, string[] path, int p)
    {
        while (g < glob.Length)
        {
            if (glob[g] == "**")
            {
                for (int skip = p; skip <= path.Length; skip++)
                {
                    if (Match(glob, g + 1, path, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (p >= path.Length || !Wildcard(glob[g], path[p].AsSpan()))
            {
                return false;
            }

            g++;
            p++;
        }

        return p == path.Length;
    }

    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/> (<c>*</c> any run, <c>?</c> one character; ordinal).</summary>
    internal static bool Wildcard(string pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Sorts found files by path (ordinal), the order of an index.</summary>
    public static void Sort(List<FoundFile> files) => files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

    private static bool HasWildcard(string s) => s.IndexOfAny(new[] { '*', '?' }) >= 0;

    private static string Normalize(string glob) => string.Join("/", Segments(glob));

    private static string[] Segments(string glob) => glob.Replace('\\', '/').Split('/').Where(s => s.Length > 0 && s != ".").ToArray();
}
