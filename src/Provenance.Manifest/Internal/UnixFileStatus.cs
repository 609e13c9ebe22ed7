using System;
using System.Runtime.InteropServices;

namespace Provenance.Manifest.Internal;

/// <summary>
/// File type and link count from Linux <c>statx(2)</c>, whose result layout is the same on every architecture (unlike
/// <c>struct stat</c>). Elsewhere, or where the call is missing, <see cref="TryGet"/> returns false and callers fall back
/// to what .NET reports.
/// </summary>
internal static class UnixFileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxTypeModeNlink = 0x7;
    private const int AtSymlinkNoFollow = 0x100;
    private static bool _unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>The kind of file a path names (symbolic links followed).</summary>
    public enum Kind
    {
        /// <summary>A regular file.</summary>
        Regular,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A character or block device.</summary>
        Device,

        /// <summary>A FIFO (named pipe).</summary>
        Fifo,

        /// <summary>A socket.</summary>
        Socket,

        /// <summary>A symbolic link (only when links are not followed).</summary>
        SymbolicLink,

        /// <summary>Anything else.</summary>
        Other,
    }

    [ThreadStatic]
    private static byte[]? _buffer;

    /// <summary>Reads the kind and hard-link count of <paramref name="path"/> (of a symbolic link itself unless <paramref name="followLinks"/>); false when not available.</summary>
    public static bool TryGet(string path, bool followLinks, out Kind kind, out uint links)
    {
        kind = Kind.Other;
        links = 0;
        if (_unavailable)
        {
            return false;
        }

        byte[] buffer = _buffer ??= new byte[256];
        try
        {
            if (statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxTypeModeNlink, buffer) != 0)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return false;
        }

        links = BitConverter.ToUInt32(buffer, 16);
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        kind = mode switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x2000 or 0x6000 => Kind.Device,
            0x1000 => Kind.Fifo,
            0xC000 => Kind.Socket,
            0xA000 => Kind.SymbolicLink,
            _ => Kind.Other,
        };
        return true;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] statxbuf);
}
