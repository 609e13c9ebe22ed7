using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>Hashes a file. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.</summary>
    public static string HashFile(string path)
    {
        using var stream = OpenRead(path);
        return HashStream(stream);
    }

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static string HashStream(Stream stream)
    {
        using var sha = SHA256.Create();
        byte[] buffer = new byte[BufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha.TransformBlock(buffer, 0, read, null, 0);
        }

        sha.TransformFinalBlock(buffer, 0, 0);
        return Format(sha.Hash!);
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

    /// <summary>Opens a file for reading only, sequentially, sharing reads and writes (never for writing).</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
}
