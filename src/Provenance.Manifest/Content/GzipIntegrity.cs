using System;
using System.IO;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Content;

/// <summary>
/// Proves a gzip shard was decoded completely. The BCL's <c>GZipStream</c> (zlib-ng, fast) decodes concatenated members
/// but returns a truncated file's prefix without an error. So after decoding, the last 8 stored bytes are compared
/// with the gzip trailer (RFC 1952: CRC-32 and size mod 2^32) of everything decoded: equal for a complete single-member
/// file, the common case. Otherwise (several members, a truncation, trailing bytes) the file is decoded once more by
/// SharpZipLib, which checks every member's header, CRC and size and fails on a truncation; its decoded length must
/// equal the first decoding's.
/// </summary>
internal static class GzipIntegrity
{
    /// <summary>Throws PROV1024 unless the gzip data was complete and intact.</summary>
    /// <param name="tail">The last 8 stored bytes.</param>
    /// <param name="decodedLength">Bytes the first decoding produced.</param>
    /// <param name="decodedCrc">Their CRC-32.</param>
    /// <param name="reopen">Opens the stored bytes again from their start (for the second decoding).</param>
    public static void Verify(byte[] tail, long decodedLength, uint decodedCrc, Func<Stream> reopen)
    {
        if (tail.Length == 8)
        {
            uint crc = (uint)(tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24);
            uint size = (uint)(tail[4] | tail[5] << 8 | tail[6] << 16 | tail[7] << 24);
            if (crc == decodedCrc && size == unchecked((uint)decodedLength))
            {
                return;
            }
        }

        long length = 0;
        try
        {
            using var stored = reopen();
            using var gzip = new GZipInputStream(stored) { IsStreamOwner = false };
            var buffer = new byte[1 << 20];
            int n;
            while ((n = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                length += n;
                if (length > decodedLength)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SharpZipBaseException or EndOfStreamException or InvalidDataException)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"its gzip data is truncated or corrupt ({ex.Message.TrimEnd('.')}); a download or copy may have been interrupted", ex);
        }

        if (length != decodedLength)
        {
            throw new ShardContentException(DiagnosticRegistry.ContentUndecodable,
                $"its gzip data decodes inconsistently ({decodedLength:N0} bytes, then {length:N0}); it may carry trailing bytes that are not gzip");
        }
    }
}
