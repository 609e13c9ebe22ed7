using System;
using System.Collections.Generic;
using System.Text;

namespace Provenance.Analyzers.Internal;

/// <summary>
/// Pure string path arithmetic. The analyzers run inside the compiler and must not touch the file system
/// (RS1035), and a build may analyze Windows paths on Linux, so paths are handled as text: both separators
/// are accepted, the result always uses <c>/</c>, <c>.</c> and <c>..</c> are folded, nothing is looked up on disk.
/// </summary>
internal static class PathText
{
    /// <summary>Forward slashes, no duplicate or trailing separators, <c>.</c> and <c>..</c> folded (a leading <c>..</c> of a relative path is kept).</summary>
    public static string Normalize(string path)
    {
        if (path.Length == 0)
        {
            return path;
        }

        var text = path.Replace('\\', '/');
        var prefix = RootPrefix(text);
        var rest = text.Substring(prefix.Length);
        var segments = new List<string>();
        foreach (var segment in rest.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment == ".." && prefix.Length > 0)
            {
                continue; // cannot climb above the root
            }

            segments.Add(segment);
        }

        var builder = new StringBuilder(prefix);
        for (var i = 0; i < segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(segments[i]);
        }

        return builder.ToString();
    }

    /// <summary>True for <c>/x</c>, <c>\x</c>, <c>C:\x</c>, <c>C:/x</c> and UNC paths.</summary>
    public static bool IsRooted(string path) => RootPrefix(path.Replace('\\', '/')).Length > 0;

    /// <summary>Joins like <c>Path.Combine</c>: a rooted <paramref name="right"/> replaces <paramref name="left"/>.</summary>
    public static string Combine(string left, string right)
    {
        if (left.Length == 0 || IsRooted(right))
        {
            return right;
        }

        if (right.Length == 0)
        {
            return left;
        }

        var last = left[left.Length - 1];
        return last == '/' || last == '\\' ? left + right : left + "/" + right;
    }

    /// <summary>The folder part of a normalized path (<c>/a/b/c.cs</c> → <c>/a/b</c>); empty when there is none.</summary>
    public static string GetDirectory(string path)
    {
        var text = path.Replace('\\', '/');
        var index = text.LastIndexOf('/');
        if (index < 0)
        {
            return string.Empty;
        }

        return index == 0 ? "/" : text.Substring(0, index);
    }

    /// <summary>The segments of a normalized path, without the root prefix.</summary>
    public static string[] Segments(string normalized)
    {
        var rest = normalized.Substring(RootPrefix(normalized).Length);
        return rest.Length == 0 ? Array.Empty<string>() : rest.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The extension of the last segment, lower case, with the dot (<c>.jsonl</c>); empty when there is none.</summary>
    public static string GetExtension(string path)
    {
        var text = path.Replace('\\', '/');
        var slash = text.LastIndexOf('/');
        var dot = text.LastIndexOf('.');
        if (dot <= slash + 1 || dot == text.Length - 1)
        {
            return string.Empty;
        }

        return text.Substring(dot).ToLowerInvariant();
    }

    /// <summary>
    /// When <paramref name="path"/> equals <paramref name="root"/> or lies under it, the relative rest (empty for equal).
    /// Both must be normalized. <paramref name="comparison"/> is the file system's case rule (<see cref="ProvenanceOptions.PathComparison"/>).
    /// </summary>
    public static string? RelativeTo(string path, string root, StringComparison comparison)
    {
        if (path.Equals(root, comparison))
        {
            return string.Empty;
        }

        var withSlash = root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/";
        return path.StartsWith(withSlash, comparison) ? path.Substring(withSlash.Length) : null;
    }

    /// <summary>A Windows path (<c>C:\x</c>, <c>C:/x</c>, <c>\\server\share</c>): its file system ignores case.</summary>
    public static bool IsWindowsPath(string path) =>
        (path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0])) || path.StartsWith("\\\\", StringComparison.Ordinal);

    private static string RootPrefix(string text)
    {
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            return "//";
        }

        if (text.StartsWith("/", StringComparison.Ordinal))
        {
            return "/";
        }

        if (text.Length >= 2 && text[1] == ':' && char.IsLetter(text[0]))
        {
            return text.Length >= 3 && text[2] == '/' ? text.Substring(0, 3) : text.Substring(0, 2);
        }

        return string.Empty;
    }
}
