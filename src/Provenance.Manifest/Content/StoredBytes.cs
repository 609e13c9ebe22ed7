using System;
using System.IO;
using System.Security.Cryptography;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Content;

/// <summary>
/// A read-only, forward-only view of a shard file that computes the SHA-256 of every byte read through it, so that
/// the digest (always over the stored bytes, compressed as stored) and the decoding of the content take one pass. It
/// keeps the last 8 bytes read (a gzip member's trailer). <see cref="Finish"/> reads what the decoder left and returns
/// the digest; a file that grows meanwhile raises <see cref="ShardChangedException"/>.
/// </summary>
internal sealed class StoredBytes : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _length;
    private readonly byte[] _tail = new byte[8];
    private readonly Action<int>? _onBlock;
    private long _read;

    public StoredBytes(Stream inner, Action<int>? onBlock = null)
    {
        _inner = inner;
        _onBlock = onBlock;
        _length = inner.CanSeek ? inner.Length - inner.Position : long.MaxValue;
    }

    /// <summary>The size of the stored bytes when reading began.</summary>
    public long StoredLength => _length;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    /// <summary>The last up to 8 bytes read (fewer when the file is shorter), oldest first.</summary>
    public byte[] Tail()
    {
        int n = (int)Math.Min(8, _read);
        var tail = new byte[n];
        Array.Copy(_tail, 8 - n, tail, 0, n);
        return tail;
    }

    /// <summary>Reads the rest of the file and returns its digest (<c>sha256:</c> + 64 hex digits).</summary>
    public string Finish()
    {
        // Pooled: a set of a million small files must not allocate a 1 MiB buffer (large-object heap) per file.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ShardHasher.BufferSize);
        try
        {
            while (Read(buffer, 0, ShardHasher.BufferSize) > 0)
            {
            }

            if (_inner.CanSeek && _inner.Read(buffer, 0, 1) > 0)
            {
                throw new ShardChangedException("the file grew while it was being read, or it is a device rather than a regular file");
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return ShardHasher.Format(_sha.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        long remaining = _length - _read;
        if (remaining <= 0)
        {
            return 0;
        }

        int n = _inner.Read(buffer, offset, (int)Math.Min(count, remaining));
        if (n > 0)
        {
            _sha.AppendData(buffer, offset, n);
            _read += n;
            _onBlock?.Invoke(n);
            if (n >= 8)
            {
                Array.Copy(buffer, offset + n - 8, _tail, 0, 8);
            }
            else
            {
                Array.Copy(_tail, n, _tail, 0, 8 - n);
                Array.Copy(buffer, offset, _tail, 8 - n, n);
            }
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha.Dispose();
        }

        base.Dispose(disposing);
    }
}
