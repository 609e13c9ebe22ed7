using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Content;

/// <summary>
/// The record fingerprint sidecars, one file per shard content and text field: <c>&lt;folder&gt;/&lt;64 hex of the shard's
/// SHA-256&gt;.fpr</c> for whole-record fingerprints, <c>&lt;64 hex&gt;.&lt;16 hex of the textField seed&gt;.fpr</c> for a
/// <c>textField</c>'s values.
/// A cache, never committed: every sidecar can be regenerated from its shard's bytes, and is keyed by them, so one folder
/// serves every manifest on the machine (like NuGet's global packages folder). The default folder is
/// <c>$XDG_CACHE_HOME/provenance/fingerprints</c> (<c>~/.cache/provenance/fingerprints</c>).
/// <para>
/// Format (version 1, 56-byte header, little-endian integers): the magic <c>PROVFPR1</c> (8 bytes); the shard's SHA-256
/// (32 bytes); the record count N (uint64); the XxHash64 of the fingerprint bytes, seeded with the text field's seed (uint64); then N fingerprints of 16
/// bytes each (<see cref="RecordFingerprint.High"/> then <see cref="RecordFingerprint.Low"/>, big-endian), sorted
/// ascending, duplicates kept: 16 bytes per record plus the header. A sidecar whose magic, digest, length, checksum or
/// order is wrong is not trusted (<see cref="Load"/> says why) and is regenerated from the data where the data is present.
/// Written atomically.
/// </para>
/// </summary>
public sealed class FingerprintStore
{
    private const int HeaderBytes = 56;
    private static readonly byte[] Magic = { (byte)'P', (byte)'R', (byte)'O', (byte)'V', (byte)'F', (byte)'P', (byte)'R', (byte)'1' };

    /// <summary>A store over <paramref name="directory"/> (created on the first save).</summary>
    public FingerprintStore(string directory) => Directory = directory;

    /// <summary>The sidecars' folder.</summary>
    public string Directory { get; }

    /// <summary>The default store (see the class summary), or null when no cache folder is known (no HOME).</summary>
    public static FingerprintStore? Default()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string? home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("USERPROFILE");
        string? root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : null;
        return root is null ? null : new FingerprintStore(Path.Combine(root, "provenance", "fingerprints"));
    }

    /// <summary>The sidecar path of the shard content with <paramref name="digest"/> (<c>sha256:</c> and 64 hex digits), fingerprinted by <paramref name="textField"/> (null: whole records).</summary>
    public string PathFor(string digest, string? textField = null) =>
        Path.Combine(Directory, Hex(digest) + (textField is null ? string.Empty : "." + FieldSeed(textField).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)) + ".fpr");

    /// <summary>
    /// The checksum seed of a sidecar: 0 for whole-record fingerprints, else the XxHash64 of the <c>textField</c> name
    /// (UTF-8). The same bytes fingerprinted by another field give other fingerprints, so a sidecar names its field in
    /// its file name and its checksum: one made for another field does not verify.
    /// </summary>
    private static long FieldSeed(string? textField) =>
        textField is null ? 0 : unchecked((long)XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(textField)));

    /// <summary>
    /// The sorted fingerprints of the shard content with <paramref name="digest"/>; null when there is no sidecar
    /// (<paramref name="problem"/> null) or when it is not to be trusted (<paramref name="problem"/> says why: corrupt,
    /// truncated, or another shard's).
    /// </summary>
    public RecordFingerprint[]? Load(string digest, string? textField, out string? problem)
    {
        problem = null;
        string path = PathFor(digest, textField);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "it cannot be read: " + ex.Message;
            return null;
        }

        return Parse(bytes, digest, textField, out problem);
    }

    /// <summary>Parses sidecar bytes for the shard content with <paramref name="digest"/>; see <see cref="Load"/>.</summary>
    public static RecordFingerprint[]? Parse(byte[] bytes, string digest, string? textField, out string? problem)
    {
        problem = null;
        var span = new ReadOnlySpan<byte>(bytes);
        if (span.Length < HeaderBytes || !span.Slice(0, 8).SequenceEqual(Magic))
        {
            problem = "it is not a version 1 fingerprint sidecar (bad magic or shorter than its header)";
            return null;
        }

        if (!span.Slice(8, 32).SequenceEqual(Raw(digest)))
        {
            problem = "it belongs to another shard (its digest differs)";
            return null;
        }

        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(40));
        var body = span.Slice(HeaderBytes);
        if ((ulong)body.Length != count * 16 || count > int.MaxValue)
        {
            problem = $"it is truncated or padded ({body.Length:N0} bytes of fingerprints for {count:N0} records)";
            return null;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(48)) != XxHash64.HashToUInt64(body, FieldSeed(textField)))
        {
            problem = "its checksum does not match its fingerprints (corrupt, or made for another textField)";
            return null;
        }

        var result = new RecordFingerprint[(int)count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new RecordFingerprint(BinaryPrimitives.ReadUInt64BigEndian(body.Slice(i * 16)), BinaryPrimitives.ReadUInt64BigEndian(body.Slice(i * 16 + 8)));
            if (i > 0 && result[i].CompareTo(result[i - 1]) < 0)
            {
                problem = "its fingerprints are not sorted";
                return null;
            }
        }

        return result;
    }

    /// <summary>Writes the sidecar of <paramref name="digest"/> atomically; <paramref name="fingerprints"/> are sorted here.</summary>
    public void Save(string digest, string? textField, RecordFingerprint[] fingerprints)
    {
        Array.Sort(fingerprints);
        var bytes = new byte[HeaderBytes + fingerprints.Length * 16];
        Magic.CopyTo(bytes, 0);
        Raw(digest).CopyTo(bytes, 8);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), (ulong)fingerprints.Length);
        for (int i = 0; i < fingerprints.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(HeaderBytes + i * 16), fingerprints[i].High);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(HeaderBytes + i * 16 + 8), fingerprints[i].Low);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(48), XxHash64.HashToUInt64(bytes.AsSpan(HeaderBytes), FieldSeed(textField)));
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllBytes(PathFor(digest, textField), bytes);
    }

    private static string Hex(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest.Substring(7) : digest;

    private static byte[] Raw(string digest)
    {
        string hex = Hex(digest);
        var raw = new byte[32];
        for (int i = 0; i < 32 && 2 * i + 1 < hex.Length; i++)
        {
            raw[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
        }

        return raw;
    }
}
