#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Text;
using Provenance.Manifest.Sets;

namespace Provenance.Manifest.Internal;

/// <summary>
/// Lists one folder's files with their size and modification time the way <c>find -printf</c> does on Linux: names
/// from <c>readdir</c> (through <see cref="FileSystemEnumerable{TResult}"/>), then one <c>statx(2)</c> per file relative
/// to the folder's descriptor, so the kernel resolves one name instead of the whole path for each of a million files.
/// <c>statx</c>'s layout is the same on every architecture. Returns null where it is not available (not Linux, no
/// <c>statx</c>, the folder cannot be opened) and callers fall back to .NET's enumeration.
/// </summary>
internal static class DirectoryStat
{
    private const int ODirectory = 0x10000;
    private const int OCloexec = 0x80000;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint Mask = 0x1 | 0x2 | 0x40 | 0x200; // STATX_TYPE | MODE | MTIME | SIZE
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// The files (not folders) of <paramref name="folder"/> whose names <paramref name="include"/> accepts, sorted by name
    /// (ordinal), each with its path as <paramref name="prefix"/> + name; or null when this way of listing is not available.
    /// </summary>
    public static List<FoundFile>? List(string folder, string prefix, Func<string, bool> include)
    {
        if (_unavailable)
        {
            return null;
        }

        int fd;
        try
        {
            fd = open(folder, ODirectory | OCloexec);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        if (fd < 0)
        {
            return null;
        }

        try
        {
            var names = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry e) => e.FileName.ToString(), new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false })
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory,
            };
            var sorted = new List<string>();
            foreach (string file in names)
            {
                if (include(file))
                {
                    sorted.Add(file);
                }
            }

            sorted.Sort(StringComparer.Ordinal);
            var list = new List<FoundFile>(sorted.Count);
            Span<byte> name = stackalloc byte[1024];
            Span<byte> status = stackalloc byte[256];
            foreach (string file in sorted)
            {
                int length = Encoding.UTF8.GetBytes(file, name.Slice(0, name.Length - 1));
                name[length] = 0;
                int result;
                try
                {
                    result = statx(fd, ref MemoryMarshal.GetReference(name), AtSymlinkNoFollow, Mask, ref MemoryMarshal.GetReference(status));
                }
                catch (EntryPointNotFoundException)
                {
                    _unavailable = true;
                    return null;
                }

                if (result != 0)
                {
                    continue; // gone since it was listed
                }

                int mode = MemoryMarshal.Read<ushort>(status.Slice(28)) & 0xF000;
                if (mode == 0x4000)
                {
                    continue; // a folder after all (d_type unknown)
                }

                long seconds = MemoryMarshal.Read<long>(status.Slice(112));
                uint nanoseconds = MemoryMarshal.Read<uint>(status.Slice(120));
                long ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
                list.Add(new FoundFile(prefix + file, (long)MemoryMarshal.Read<ulong>(status.Slice(40)), ticks, mode == 0xA000));
            }

            return list;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            close(fd);
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open(string path, int flags);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, ref byte pathname, int flags, uint mask, ref byte statxbuf);
}
#endif
