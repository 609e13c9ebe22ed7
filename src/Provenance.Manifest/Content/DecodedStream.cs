using System;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Content;

/// <summary>
/// The decoded content of a shard, read from its <see cref="StoredBytes"/> through the decompressor its
/// <see cref="ShardCompression"/> names (the BCL's <see cref="GZipStream"/>, ZstdSharp's decompression stream). It
/// enforces the decompression bound: content larger than <see cref="MaxExpansion"/> times the stored size is refused
/// (PROV1025) as soon as it is read, which bounds both time and memory against a decompression bomb. Decoder failures
/// (truncated or corrupt data) become PROV1024. It also keeps the CRC-32 and length of the decoded bytes, which
/// <see cref="GzipIntegrity"/> compares with the gzip trailer.
/// </summary>
internal sealed class DecodedStream : ReadOnlyStream
{
    /// <summary>Decoded content may be at most this many times the stored size (real text compresses 3–10×).</summary>
    public const long MaxExpansion = 1000;

    private readonly Stream _decoder;
    private readonly long _limit;
    private readonly Crc32? _crc;
    private readonly string _what;

    public DecodedStream(StoredBytes stored, ShardCompression compression)
    {
        Compression = compression;
        _what = ShardFormats.Name(compression);
        _limit = compression == ShardCompression.None ? long.MaxValue : checked(Math.Max(stored.StoredLength, 1) * MaxExpansion);
        _decoder = compression switch
        {
            ShardCompression.Gzip => new GZipStream(stored, CompressionMode.Decompress, leaveOpen: true),
            ShardCompression.Zstd => new ZstdSharp.DecompressionStream(stored, leaveOpen: true),
            _ => stored,
        };
        _crc = compression == ShardCompression.Gzip ? new Crc32() : null;
    }

    /// <summary>The compression decoded.</summary>
    public ShardCompression Compression { get; }

    /// <summary>Decoded bytes read so far.</summary>
    public long DecodedLength { get; private set; }

    /// <summary>CRC-32 (IEEE, as gzip) of the decoded bytes, for gzip.</summary>
    public uint DecodedCrc => _crc is null ? 0 : _crc.GetCurrentHashAsUInt32();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n;
        try
        {
            n = _decoder.Read(buffer, offset, count);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
        catch (ZstdSharp.ZstdException ex)
        {
            throw Corrupt(ex);
        }
        catch (EndOfStreamException ex) when (Compression != ShardCompression.None)
        {
            // ZstdSharp's word for a truncated frame.
            throw Corrupt(ex);
        }

        if (n > 0)
        {
            DecodedLength += n;
            if (DecodedLength > _limit)
            {
                throw new ShardContentException(DiagnosticRegistry.DecompressionBound,
                    $"its {_what} content expands to more than {MaxExpansion:N0} times its stored size (over {_limit:N0} bytes); refused as a decompression bomb");
            }

            _crc?.Append(new ReadOnlySpan<byte>(buffer, offset, n));
        }

        return n;
    }

    private ShardContentException Corrupt(Exception ex) =>
        new(DiagnosticRegistry.ContentUndecodable, $"its {_what} data is corrupt or truncated after {DecodedLength:N0} decoded bytes ({ex.Message.TrimEnd('.')})", ex);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _decoder is not StoredBytes)
        {
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }
}
