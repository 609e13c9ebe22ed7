using System;
using System.Globalization;
using System.IO;
using System.Text;
using Provenance.Manifest.Digests;

namespace Provenance.Manifest.Content;

/// <summary>
/// A git-lfs pointer file, which a checkout without <c>git lfs pull</c> holds where the content should be
/// (git-lfs spec v1, docs/spec.md of git-lfs/git-lfs): under 1024 bytes, UTF-8, lines <c>key value</c> ending in
/// <c>\n</c>, first <c>version https://git-lfs.github.com/spec/v1</c> (or the pre-release <c>hawser</c> and
/// <c>git-media</c> URLs), then <c>oid sha256:&lt;64 hex&gt;</c> and <c>size &lt;bytes&gt;</c>. The oid is the SHA-256 of the
/// content, which is exactly a shard's digest, so a pointer verifies a shard's identity without its bytes. A pointer
/// with <c>ext-N-…</c> keys is refused: its oid is the digest of the content after extensions ran, not of the content.
/// </summary>
public sealed class LfsPointer
{
    /// <summary>Files at or above this size are never pointers (the spec's bound).</summary>
    public const int MaxPointerBytes = 1024;

    private static readonly string[] Versions =
    {
        "https://git-lfs.github.com/spec/v1", "https://hawser.github.com/spec/v1", "http://git-media.io/v/2",
    };

    private LfsPointer(string digest, long size)
    {
        Digest = digest;
        Size = size;
    }

    /// <summary>The content's digest, written as a manifest digest (<c>sha256:</c> + 64 lowercase hex digits).</summary>
    public string Digest { get; }

    /// <summary>The content's size in bytes.</summary>
    public long Size { get; }

    /// <summary>
    /// True when <paramref name="bytes"/> begin like a git-lfs pointer (a <c>version</c> line naming a known spec URL),
    /// whether or not the rest is valid.
    /// </summary>
    public static bool LooksLikePointer(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= MaxPointerBytes || !bytes.StartsWith("version "u8))
        {
            return false;
        }

        foreach (string version in Versions)
        {
            var line = Encoding.ASCII.GetBytes("version " + version);
            if (bytes.StartsWith(line) && (bytes.Length == line.Length || bytes[line.Length] is (byte)'\n' or (byte)'\r'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> as a pointer when it is one: null when it does not look like a pointer
    /// (<see cref="LooksLikePointer"/>); otherwise the pointer, or <paramref name="problem"/> saying why it is not a valid one.
    /// </summary>
    private static LfsPointer? TryRead(string path, out string? problem)
    {
        problem = null;
        byte[] bytes;
        using (var stream = ShardHasher.OpenRead(path))
        {
            if (stream.Length >= MaxPointerBytes)
            {
                return null;
            }

            bytes = new byte[stream.Length];
            int read = 0, n;
            while (read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += n;
            }

            if (read != bytes.Length)
            {
                return null;
            }
        }

        return LooksLikePointer(bytes) ? Parse(bytes, out problem) : null;
    }

    /// <summary>
    /// The one rule for "a pointer stands where a shard's content should be": a file under
    /// <see cref="MaxPointerBytes"/> whose size is not the shard's declared <paramref name="declaredBytes"/> (a sealed
    /// shard whose bytes match is its content, whatever it looks like) and that begins like a pointer. Returns the
    /// pointer; null with <paramref name="problem"/> set when it begins like one but is not valid; null, problem null,
    /// when the file is content. Callers check this before hashing, counting or reading text.
    /// </summary>
    /// <param name="path">The shard's file.</param>
    /// <param name="length">Its size in bytes (from the caller's stat).</param>
    /// <param name="declaredBytes">The manifest's <c>bytes</c>, or null when unsealed.</param>
    /// <param name="problem">Why a pointer-like file is not a valid pointer.</param>
    public static LfsPointer? InPlaceOf(string path, long length, long? declaredBytes, out string? problem)
    {
        problem = null;
        return length < MaxPointerBytes && declaredBytes != length ? TryRead(path, out problem) : null;
    }

    /// <summary>Parses pointer text; null with <paramref name="problem"/> when it is not a valid spec v1 pointer.</summary>
    public static LfsPointer? Parse(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            problem = "it is not UTF-8";
            return null;
        }

        string? oid = null;
        long? size = null;
        string[] lines = text.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                if (i != lines.Length - 1)
                {
                    problem = $"line {i + 1} is empty";
                    return null;
                }

                continue;
            }

            int space = line.IndexOf(' ');
            string key = space < 0 ? line : line.Substring(0, space);
            string value = space < 0 ? string.Empty : line.Substring(space + 1);
            if (key.StartsWith("ext-", StringComparison.Ordinal))
            {
                problem = $"it names the extension '{key}', so its oid is the digest of the content after that extension ran, not of the content itself";
                return null;
            }

            switch (key)
            {
                case "oid":
                    if (!value.StartsWith("sha256:", StringComparison.Ordinal) || !ManifestReaderDigest(value))
                    {
                        problem = $"its oid '{Shorten(value)}' is not sha256: followed by 64 lowercase hex digits";
                        return null;
                    }

                    oid = value;
                    break;
                case "size":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long s))
                    {
                        problem = $"its size '{Shorten(value)}' is not a number of bytes";
                        return null;
                    }

                    size = s;
                    break;
                default:
                    problem = $"line {i + 1} has the key '{Shorten(key)}', which spec v1 does not define";
                    return null;
            }
        }

        if (oid is null || size is null)
        {
            problem = oid is null ? "it has no oid line" : "it has no size line";
            return null;
        }

        return new LfsPointer(oid, size.Value);
    }

    private static bool ManifestReaderDigest(string value) => Reading.ManifestReader.IsValidDigest(value);

    private static string Shorten(string value) => value.Length <= 80 ? value : value.Substring(0, 77) + "...";
}

/// <summary>How the check treats a git-lfs pointer found where a shard's content should be.</summary>
public enum LfsMode
{
    /// <summary>Content when present; a pointer is verified against the manifest by its oid and size (default).</summary>
    Auto,

    /// <summary>Content only: a pointer is an error that says to run <c>git lfs pull</c>.</summary>
    Content,
}
