using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Provenance.Manifest.Internal;

/// <summary>Resolves symbolic links in a path (POSIX <c>realpath(3)</c>); on Windows returns the normalized full path.</summary>
internal static class RealPath
{
    /// <summary>The canonical path with every symbolic link resolved, or null when the path does not exist.</summary>
    public static string? Resolve(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        IntPtr resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringAnsi(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr realpath(string path, IntPtr resolvedPath);

    [DllImport("libc")]
    private static extern void free(IntPtr ptr);
}
