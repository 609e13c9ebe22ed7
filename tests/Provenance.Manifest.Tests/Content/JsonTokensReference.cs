using System.Buffers;
using System.Text.Json;
using Provenance.Manifest.Content;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Tests.Content;

/// <summary>
/// The tokens of a JSON Lines record as <c>LineRecords</c> counted them before <see cref="JsonEscapes"/> (verbatim,
/// 2026-12-02): <see cref="Utf8JsonReader"/> over the line as it is, each escaped string copied out with
/// <see cref="Utf8JsonReader.CopyString(Span{byte})"/>. The reference of <see cref="JsonEscapesTests"/>.
/// </summary>
internal static class JsonTokensReference
{
    private static readonly JsonReaderOptions JsonOptions = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    public static long JsonTokens(ReadOnlySpan<byte> line, byte[]? field, RecordTally? fingerprints, out bool isJson, out bool fieldSeen, out bool fingerprinted)
    {
        long tokens = 0;
        fieldSeen = false;
        fingerprinted = false;
        byte[]? scratch = null;
        try
        {
            var reader = new Utf8JsonReader(line, JsonOptions);
            while (reader.Read())
            {
                if (field is not null)
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals(field))
                    {
                        continue;
                    }

                    fieldSeen = true;
                    reader.Read();
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    long count;
                    int at;
                    bool valid;
                    if (reader.ValueIsEscaped)
                    {
                        int length = reader.ValueSpan.Length;
                        if (scratch is null || scratch.Length < length)
                        {
                            if (scratch is not null)
                            {
                                ArrayPool<byte>.Shared.Return(scratch);
                            }

                            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
                        }

                        int written = reader.CopyString(scratch);
                        var value = new ReadOnlySpan<byte>(scratch, 0, written);
                        valid = WordTokens.TryCountUtf8(value, out count, out at);
                        if (valid && field is not null && fingerprints is not null && !fingerprinted)
                        {
                            fingerprints.Fingerprint(value);
                            fingerprinted = true;
                        }
                    }
                    else
                    {
                        valid = WordTokens.TryCountUtf8(reader.ValueSpan, out count, out at);
                        if (valid && field is not null && fingerprints is not null && !fingerprinted)
                        {
                            fingerprints.Fingerprint(reader.ValueSpan);
                            fingerprinted = true;
                        }
                    }

                    if (!valid)
                    {
                        if (fingerprinted)
                        {
                            fingerprints!.Fingerprints!.RemoveAt(fingerprints.Fingerprints.Count - 1);
                            fingerprinted = false;
                        }

                        isJson = false;
                        return 0;
                    }

                    tokens += count;
                }
            }

            isJson = true;
            return tokens;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            if (fingerprinted)
            {
                fingerprints!.Fingerprints!.RemoveAt(fingerprints.Fingerprints.Count - 1);
                fingerprinted = false;
            }

            isJson = false;
            return 0;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }
}
