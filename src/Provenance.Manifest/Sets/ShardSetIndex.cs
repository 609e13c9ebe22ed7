using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Sets;

/// <summary>
/// One entry of a shard set's index: a file (path relative to the manifest's folder, <c>/</c>-separated) or a remote
/// object (<c>hf://</c>, <c>s3://</c>, <c>https://</c>, counted but never fetched), with its size in bytes, its
/// <c>sha256:</c> digest and, when known, its records and word tokens.
/// </summary>
/// <param name="Location">The relative path or the URI.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Digest"><c>sha256:</c> + 64 lowercase hex digits over the exact bytes.</param>
/// <param name="Records">Records, or null when unknown (a remote object's storage record seldom has them).</param>
/// <param name="Tokens">Word tokens, or null when unknown.</param>
public sealed record IndexEntry(string Location, long Bytes, string Digest, long? Records, long? Tokens)
{
    /// <summary>True for a remote object (<c>scheme://</c>), which is counted but not fetched (PROV1022).</summary>
    public bool IsRemote => Location.IndexOf("://", StringComparison.Ordinal) >= 0;
}

/// <summary>
/// The index of a shard set (<c>files:</c>): every file's relative path, bytes, digest, records and tokens, one per line,
/// sorted by path (ordinal: UTF-16 code units, which is byte-wise UTF-8 order below U+10000). Format (documented in docs/manifest.md): UTF-8 text, LF line ends, tab-separated,
/// the header line <c>path	bytes	digest	records	tokens</c>, then one line per entry; an unknown amount is <c>-</c>. It is a
/// TSV that DuckDB, pandas, <c>cut</c> and <c>git diff</c> read as it is, and it is canonical: the same files give the same
/// bytes on every machine (no times, no absolute paths), so its SHA-256 is the set digest the manifest records
/// (<see cref="Shard.Digest"/>), in the spirit of DVC's <c>.dir</c> digest. A partial index written by
/// <c>seal --partition I/N</c> starts with one comment line <c># partition I/N of F files</c>.
/// Malformed indexes are reported as PROV1046 at their line and column; this reader never throws for bad input.
/// </summary>
public sealed class ShardSetIndex
{
    /// <summary>The header line (without its line end).</summary>
    public const string Header = "path\tbytes\tdigest\trecords\ttokens";

    /// <summary>Indexes larger than this (2 GiB) are refused.</summary>
    public const long MaxBytes = int.MaxValue;

    private static readonly byte[] HeaderBytes = Encoding.UTF8.GetBytes(Header + "\n");

    private static readonly byte[] PartitionPrefix = Encoding.UTF8.GetBytes("# partition ");

    private static readonly byte[] SchemeSeparator = Encoding.UTF8.GetBytes("://");

    /// <summary>Creates an index of <paramref name="entries"/>, which are sorted by location here.</summary>
    public ShardSetIndex(IEnumerable<IndexEntry> entries)
    {
        var list = entries.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Location, b.Location));
        Entries = list;
    }

    /// <summary>The entries, sorted by location (ordinal).</summary>
    public IReadOnlyList<IndexEntry> Entries { get; }

    /// <summary>For a partial index (<c>seal --partition</c>): its partition, the number of partitions, and the files the whole set had when it was written.</summary>
    public (int Index, int Count, long Files)? Partition { get; init; }

    /// <summary>Total bytes.</summary>
    public long Bytes => Entries.Sum(e => e.Bytes);

    /// <summary>Total records, or null when an entry's are unknown.</summary>
    public long? Records => Entries.All(e => e.Records is not null) ? Entries.Sum(e => e.Records!.Value) : null;

    /// <summary>Total tokens, or null when an entry's are unknown.</summary>
    public long? Tokens => Entries.All(e => e.Tokens is not null) ? Entries.Sum(e => e.Tokens!.Value) : null;

    /// <summary>
    /// The default index path of set <paramref name="setId"/> in the manifest <paramref name="manifestPath"/>, relative to the
    /// manifest's folder: <c>provenance.yaml</c> → <c>provenance.index/&lt;id&gt;.tsv</c>, <c>x.provenance.yaml</c> →
    /// <c>x.provenance.index/&lt;id&gt;.tsv</c>; characters of the id outside <c>A–Z a–z 0–9 . _ -</c> become <c>_</c>.
    /// </summary>
    public static string DefaultPath(string manifestPath, string setId)
    {
        string name = Path.GetFileName(manifestPath);
        string stem = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 5)
            : name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
        var safe = new StringBuilder(setId.Length);
        foreach (char c in setId)
        {
            safe.Append(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || c is '.' or '_' or '-' ? c : '_');
        }

        return stem + ".index/" + (safe.Length == 0 || safe.ToString().Trim('.').Length == 0 ? "_" : safe.ToString()) + ".tsv";
    }

    /// <summary>The index path of <paramref name="set"/>, relative to the manifest's folder (its <c>index:</c>, else <see cref="DefaultPath"/>).</summary>
    public static string PathOf(ShardManifest manifest, Shard set) => set.Index ?? DefaultPath(manifest.FilePath, set.Id);

    /// <summary>The path of the partial index of partition <paramref name="index"/> of <paramref name="count"/>: <c>x.tsv</c> → <c>x.part-I-of-N.tsv</c>.</summary>
    public static string PartialPath(string indexPath, int index, int count)
    {
        string stem = indexPath.EndsWith(".tsv", StringComparison.Ordinal) ? indexPath.Substring(0, indexPath.Length - 4) : indexPath;
        return $"{stem}.part-{index}-of-{count}.tsv";
    }

    /// <summary>The set digest of canonical index bytes: <c>sha256:</c> + hex.</summary>
    public static string DigestOf(byte[] canonical)
    {
        using var sha = SHA256.Create();
        return Digests.ShardHasher.Format(sha.ComputeHash(canonical));
    }

    /// <summary>The canonical bytes: header and one line per entry (a partial index adds its comment line first).</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream(64 + (Entries.Count * 120));
        if (Partition is { } p)
        {
            byte[] comment = Encoding.UTF8.GetBytes($"# partition {p.Index}/{p.Count} of {p.Files} files\n");
            buffer.Write(comment, 0, comment.Length);
        }

        buffer.Write(HeaderBytes, 0, HeaderBytes.Length);
        var line = new StringBuilder(256);
        foreach (var e in Entries)
        {
            line.Clear();
            line.Append(e.Location).Append('\t')
                .Append(e.Bytes.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(e.Digest).Append('\t')
                .Append(e.Records?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\t')
                .Append(e.Tokens?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
            byte[] bytes = Encoding.UTF8.GetBytes(line.ToString());
            buffer.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the index at <paramref name="fullPath"/>. Returns null, with a PROV1046 diagnostic in <paramref name="diagnostics"/>,
    /// when it is missing, unreadable or malformed. <paramref name="digest"/> receives the SHA-256 of its bytes (null when unread).
    /// </summary>
    public static ShardSetIndex? Read(string fullPath, List<ManifestDiagnostic> diagnostics, out string? digest, bool parse = true)
    {
        digest = null;
        byte[]? bytes = null;
        int length;
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, fullPath, SourceSpan.FileStart, "The shard set's index does not exist; run 'provenance seal' to write it."));
                return null;
            }

            if (info.Length > MaxBytes)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, fullPath, SourceSpan.FileStart, $"The index is {info.Length} bytes, larger than the limit of {MaxBytes}; split the set."));
                return null;
            }

            // Pooled, not File.ReadAllBytes: a thousand indexes of 100 KB each would be a thousand large-object allocations.
            bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(1, info.Length));
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            length = 0;
            int n;
            while (length < bytes.Length && (n = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += n;
            }

            if (length != info.Length || stream.ReadByte() >= 0)
            {
                throw new IOException("the index changed while it was read");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (bytes is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
            }

            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, fullPath, SourceSpan.FileStart, "The index cannot be read: " + ex.Message));
            return null;
        }

        try
        {
            using (var sha = SHA256.Create())
            {
                digest = Digests.ShardHasher.Format(sha.ComputeHash(bytes, 0, length));
            }

            // Unparsed (verify none), an index is still parsed when it holds a remote row, so that PROV1022 names it.
            bool remote = new ReadOnlySpan<byte>(bytes, 0, length).IndexOf(SchemeSeparator) >= 0;
            return parse || remote ? Parse(bytes, length, fullPath, diagnostics) : new ShardSetIndex(Array.Empty<IndexEntry>());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Parses index bytes; null (with PROV1046 at the line and column of the first problem) when malformed.</summary>
    public static ShardSetIndex? Parse(byte[] data, string file, List<ManifestDiagnostic> diagnostics) => Parse(data, data.Length, file, diagnostics);

    /// <summary>Parses the first <paramref name="dataLength"/> bytes of <paramref name="data"/>; see <see cref="Parse(byte[], string, List{ManifestDiagnostic})"/>.</summary>
    public static ShardSetIndex? Parse(byte[] data, int dataLength, string file, List<ManifestDiagnostic> diagnostics)
    {
        ReadOnlySpan<byte> bytes = new ReadOnlySpan<byte>(data, 0, dataLength);
        int line = 1;
        (int, int, long)? partition = null;
        ShardSetIndex? Fail(int column, string message)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidSetIndex, file, new SourceSpan(line, column, line, column), message));
            return null;
        }

        if (bytes.StartsWith(PartitionPrefix))
        {
            int end = bytes.IndexOf((byte)'\n');
            string comment = Encoding.UTF8.GetString(data, 0, end < 0 ? dataLength : end);
            var parts = comment.Split(' ');
            var ofN = parts.Length == 6 ? parts[2].Split('/') : Array.Empty<string>();
            if (ofN.Length != 2 || !int.TryParse(ofN[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pi) || !int.TryParse(ofN[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pn)
                || parts[3] != "of" || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out long files) || parts[5] != "files" || pn < 1 || pi >= pn)
            {
                return Fail(1, $"The partition line '{comment}' is not '# partition I/N of F files'.");
            }

            partition = (pi, pn, files);
            bytes = end < 0 ? ReadOnlySpan<byte>.Empty : bytes.Slice(end + 1);
            line++;
        }

        if (!bytes.StartsWith(HeaderBytes))
        {
            return Fail(1, $"The index must begin with the header line '{Header.Replace("\t", "\\t")}' (tab-separated, LF line ends).");
        }

        bytes = bytes.Slice(HeaderBytes.Length);
        line++;
        var entries = new List<IndexEntry>(Math.Max(16, bytes.Length / 110));
        string? previous = null;
        int offset = dataLength - bytes.Length;
        while (offset < dataLength)
        {
            int end = Array.IndexOf(data, (byte)'\n', offset, dataLength - offset);
            if (end < 0)
            {
                return Fail(1, "The last line has no line end (LF); the index is truncated or was not written by 'provenance seal'.");
            }

            // Five tab-separated fields: the four tabs' positions.
            int t1 = Array.IndexOf(data, (byte)'\t', offset, end - offset);
            int t2 = t1 < 0 ? -1 : Array.IndexOf(data, (byte)'\t', t1 + 1, end - t1 - 1);
            int t3 = t2 < 0 ? -1 : Array.IndexOf(data, (byte)'\t', t2 + 1, end - t2 - 1);
            int t4 = t3 < 0 ? -1 : Array.IndexOf(data, (byte)'\t', t3 + 1, end - t3 - 1);
            if (t4 < 0 || Array.IndexOf(data, (byte)'\t', t4 + 1, end - t4 - 1) >= 0)
            {
                return Fail(1, "A line of the index does not have 5 tab-separated fields (path, bytes, digest, records, tokens).");
            }

            if (t1 == offset || Array.IndexOf(data, (byte)'\r', offset, t1 - offset) >= 0)
            {
                return Fail(1, "The path is empty or holds a carriage return.");
            }

            string path = Encoding.UTF8.GetString(data, offset, t1 - offset);
            if (path.IndexOf("://", StringComparison.Ordinal) < 0 && !FileGlob.IsSafeRelative(path))
            {
                return Fail(1, $"The path '{path}' is not usable: {FileGlob.Problem(path) ?? "it is not a relative path under the manifest's folder"}.");
            }

            if (previous is not null && string.CompareOrdinal(previous, path) >= 0)
            {
                return Fail(1, $"The path '{path}' is not after '{previous}': the lines must be sorted by path (ordinal) and unique.");
            }

            long? size = Amount(data, t1 + 1, t2, out bool sizeOk);
            if (!sizeOk || size is null)
            {
                return Fail(t1 - offset + 2, "The bytes field must be a whole number of bytes.");
            }

            string digest = Encoding.ASCII.GetString(data, t2 + 1, t3 - t2 - 1);
            if (!Reading.ManifestReader.IsValidDigest(digest))
            {
                return Fail(t2 - offset + 2, $"'{digest}' is not a digest: write sha256: and 64 lowercase hex digits.");
            }

            long? records = Amount(data, t3 + 1, t4, out bool recordsOk), tokens = Amount(data, t4 + 1, end, out bool tokensOk);
            if (!recordsOk || !tokensOk)
            {
                return Fail((recordsOk ? t4 : t3) - offset + 2, "Records and tokens must be whole numbers, or - when unknown.");
            }

            entries.Add(new IndexEntry(path, size.Value, digest, records, tokens));
            previous = path;
            offset = end + 1;
            line++;
        }

        return new ShardSetIndex(entries) { Partition = partition };
    }

    /// <summary>A whole number in <c>data[start..end)</c>, or null for <c>-</c>; <paramref name="ok"/> is false for anything else.</summary>
    private static long? Amount(byte[] data, int start, int end, out bool ok)
    {
        ok = true;
        if (end - start == 1 && data[start] == (byte)'-')
        {
            return null;
        }

        ok = Utf8Parser.TryParse(new ReadOnlySpan<byte>(data, start, end - start), out long value, out int used) && used == end - start && value >= 0 && end > start;
        return ok ? value : null;
    }
}
