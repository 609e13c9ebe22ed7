#if NET
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Provenance.Manifest.Sets;

namespace Provenance.Manifest.Internal;

/// <summary>
/// Lists one folder's files with their size and modification time the way <c>find -printf</c> does on Linux: names
/// from <c>getdents64(2)</c> (hundreds per call, as UTF-8 ready for the next call), then one <c>statx(2)</c> per file
/// relative to the folder's descriptor, so the kernel resolves one name instead of the whole path for each of a million
/// files. Both layouts (<c>linux_dirent64</c>, <c>struct statx</c>) are the same on every architecture. Returns null
/// where this is not available (not Linux, a C library without <c>getdents64</c> or <c>statx</c>, a folder that cannot
/// be opened) and callers fall back to .NET's enumeration.
/// </summary>
internal static class DirectoryStat
{
    private const int OCloexec = 0x80000;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint Mask = 0x1 | 0x2 | 0x40 | 0x200; // STATX_TYPE | MODE | MTIME | SIZE
    private const byte DtDir = 4;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Whether a file name (decoded from the folder's UTF-8) belongs in the listing.</summary>
    public delegate bool NameFilter(ReadOnlySpan<char> name);

    /// <summary>
    /// The files (not folders) of <paramref name="folder"/> whose names <paramref name="include"/> accepts, in the
    /// folder's order, each with its path as <paramref name="prefix"/> + name; or null when this way of listing is not available.
    /// </summary>
    public static List<FoundFile>? List(string folder, string prefix, NameFilter include)
    {
        if (_unavailable)
        {
            return null;
        }

        int fd;
        try
        {
            fd = open(folder, OCloexec); // read-only; getdents64 refuses anything but a folder (ENOTDIR)
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

        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 << 10);
        char[] chars = ArrayPool<char>.Shared.Rent(1024);
        try
        {
            var list = new List<FoundFile>();
            Span<byte> status = stackalloc byte[256];
            while (true)
            {
                nint read;
                try
                {
                    read = getdents64(fd, ref buffer[0], (nuint)buffer.Length);
                }
                catch (EntryPointNotFoundException)
                {
                    _unavailable = true;
                    return null;
                }

                if (read < 0)
                {
                    return null; // not a folder, or unreadable: let .NET's enumeration report it
                }

                if (read == 0)
                {
                    return list;
                }

                // linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).
                for (int at = 0; at < read;)
                {
                    int length = MemoryMarshal.Read<ushort>(buffer.AsSpan(at + 16));
                    byte type = buffer[at + 18];
                    var name = buffer.AsSpan(at + 19, length - 19);
                    name = name.Slice(0, name.IndexOf((byte)0));
                    var entry = buffer.AsSpan(at + 19);
                    at += length;
                    if (type == DtDir || (name.Length <= 2 && name.TrimStart((byte)'.').Length == 0))
                    {
                        continue; // a folder, "." or ".."
                    }

                    if (name.Length > 1000)
                    {
                        return null; // longer than the names this fast path decodes; .NET's enumeration takes it
                    }

                    int count = Encoding.UTF8.GetChars(name, chars);
                    if (!include(chars.AsSpan(0, count)))
                    {
                        continue;
                    }

                    int result;
                    try
                    {
                        result = statx(fd, ref MemoryMarshal.GetReference(entry), AtSymlinkNoFollow, Mask, ref MemoryMarshal.GetReference(status));
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
                    list.Add(new FoundFile(string.Concat(prefix.AsSpan(), chars.AsSpan(0, count)), (long)MemoryMarshal.Read<ulong>(status.Slice(40)), ticks, mode == 0xA000));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
            close(fd);
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open(string path, int flags);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint getdents64(int fd, ref byte buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, ref byte pathname, int flags, uint mask, ref byte statxbuf);
}
#endif
