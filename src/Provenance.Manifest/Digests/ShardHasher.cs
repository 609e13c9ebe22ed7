using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Provenance.Manifest.Digests;

/// <summary>
/// SHA-256 over the exact bytes of a file, with the BCL's hardware-accelerated <see cref="SHA256"/>,
/// read sequentially in 1 MiB blocks; written <c>sha256:</c> + 64 lowercase hex digits.
/// </summary>
public static class ShardHasher
{
    /// <summary>The read block size, 1 MiB.</summary>
    public const int BufferSize = 1 << 20;

    /// <summary>The digest prefix.</summary>
    public const string Prefix = "sha256:";

    /// <summary>
    /// Hashes a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read,
    /// and <see cref="ShardChangedException"/> when it grows while it is read.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="onBlock">Called with the byte count of each block after it is hashed (progress), optional.</param>
    public static string HashFile(string path, Action<int>? onBlock = null)
    {
        using var stream = OpenRead(path);
        return HashStream(stream, onBlock);
    }

    /// <summary>Hashes a stream from its current position to its end; see <see cref="HashFile"/>.</summary>
    public static string HashStream(Stream stream, Action<int>? onBlock = null)
    {
        using var sha = SHA256.Create();
        ReadBlocks(stream, (buffer, count) =>
        {
            sha.TransformBlock(buffer, 0, count, null, 0);
            onBlock?.Invoke(count);
        });
        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Format(sha.Hash!);
    }

    /// <summary>
    /// Reads a stream in <see cref="BufferSize"/> blocks. A seekable stream is read for exactly the length it had when
    /// reading began, and must then be at its end: a file that grows meanwhile, or a device that never ends
    /// (<c>/dev/zero</c>), raises <see cref="IOException"/> instead of being read forever.
    /// </summary>
    public static void ReadBlocks(Stream stream, Action<byte[], int> block)
    {
        long remaining = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferSize, Math.Max(remaining + 1, 4096)));
        try
        {
            int read;
            while (remaining > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining))) > 0)
            {
                block(buffer, read);
                remaining -= read;
            }

            if (stream.CanSeek && stream.Read(buffer, 0, 1) > 0)
            {
                throw new ShardChangedException("the file grew while it was being read, or it is a device rather than a regular file");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Formats a 32-byte hash as <c>sha256:…</c>.</summary>
    public static string Format(byte[] hash)
    {
        var sb = new StringBuilder(Prefix.Length + hash.Length * 2);
        sb.Append(Prefix);
        foreach (byte b in hash)
        {
            sb.Append(b.ToString("x2"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Opens a file for reading only (never for writing), sequentially, sharing reads and writes. On Unix it opens with
    /// <c>O_NONBLOCK</c> so that a FIFO cannot hang the build, and refuses anything that is not seekable (FIFO, socket,
    /// terminal) with an <see cref="IOException"/>.
    /// </summary>
    public static FileStream OpenRead(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        }

        int nonBlock = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 0x4 : 0x800;
        int fd = open(path, nonBlock);
        if (fd < 0)
        {
            int errno = Marshal.GetLastWin32Error();
            throw errno switch
            {
                2 => new FileNotFoundException("the file does not exist", path),
                13 => new UnauthorizedAccessException("permission denied"),
                _ => new IOException($"the file cannot be opened (errno {errno})"),
            };
        }

        var handle = new SafeFileHandle((IntPtr)fd, true);
        FileStream stream;
        try
        {
            stream = new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new IOException("it is not a regular file (a FIFO, socket or device)");
        }

        return stream;
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open(string path, int flags);
}

/// <summary>Raised when a file changes (grows) while it is being read, so its digest would describe no real state of it.</summary>
public sealed class ShardChangedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ShardChangedException(string message)
        : base(message)
    {
    }
}
