using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Locking;

/// <summary>
/// <c>provenance.lock.json</c>: every human shard ever admitted to a manifest (the protected corpus), and every
/// approved removal. Committed to version control like NuGet's <c>packages.lock.json</c>. Deterministic: entries
/// sorted by id then digest, stable formatting, LF line endings; written atomically (<see cref="AtomicFile"/>).
/// For <c>provenance.yaml</c> the lock is <c>provenance.lock.json</c>; for <c>X.provenance.yaml</c> it is <c>X.provenance.lock.json</c>.
/// </summary>
public sealed class LockFile
{
    /// <summary>The lock format version this engine reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Full path of the lock file.</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>File name of the manifest this lock belongs to.</summary>
    public string Manifest { get; set; } = string.Empty;

    /// <summary>The protected human shards.</summary>
    public List<LockedShard> Protected { get; } = new();

    /// <summary>Approved removals; what is removed stays removed.</summary>
    public List<LockedRemoval> Removed { get; } = new();

    /// <summary>
    /// Every digest the manifest has labelled synthetic, unknown or mixed (the origin history): bytes once recorded as not
    /// human never count as human again (PROV2011). Written only when not empty.
    /// </summary>
    public List<LockedSynthetic> Synthetic { get; } = new();

    /// <summary>The lock path of a manifest: <c>a/provenance.yaml</c> → <c>a/provenance.lock.json</c>, <c>a/x.provenance.yaml</c> → <c>a/x.provenance.lock.json</c>.</summary>
    public static string PathFor(string manifestPath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? string.Empty;
        string name = Path.GetFileName(manifestPath);
        string stem = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 5)
            : name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
        return Path.Combine(directory, stem + ".lock.json");
    }

    /// <summary>
    /// Reads a lock file. Returns null when it does not exist; when it is malformed or from a newer version, returns null
    /// and adds a PROV1021 diagnostic at the line and column of the problem.
    /// </summary>
    public static LockFile? Load(string path, List<ManifestDiagnostic> diagnostics)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (info.Length > 256L * 1024 * 1024)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLockFile, full, SourceSpan.FileStart, "The lock file is larger than 256 MiB."));
                return null;
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLockFile, full, SourceSpan.FileStart, "The lock file cannot be read: " + ex.Message));
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the lock file must be a JSON object");
            }

            int version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : -1;
            if (version > CurrentVersion)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLockFile, full, SourceSpan.FileStart,
                    $"The lock file has version {version}, written by a newer Provenance; this version reads version {CurrentVersion}. Update the tool."));
                return null;
            }

            if (version != CurrentVersion)
            {
                throw new InvalidDataException("'version' must be " + CurrentVersion);
            }

            var lockFile = new LockFile { FilePath = full, Manifest = root.TryGetProperty("manifest", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty };
            foreach (var e in Array(root, "protected"))
            {
                lockFile.Protected.Add(new LockedShard
                {
                    Id = Str(e, "id", true)!,
                    Digest = Digest(e),
                    Records = Num(e, "records"),
                    Tokens = Num(e, "tokens"),
                    Bytes = Num(e, "bytes"),
                    FirstAdmitted = Str(e, "firstAdmitted", false) ?? string.Empty,
                    RecordSet = Str(e, "recordSet", false),
                    TextField = Str(e, "textField", false),
                    Files = Num(e, "files"),
                });
                foreach (var target in e.TryGetProperty("reshardedInto", out var into) && into.ValueKind == JsonValueKind.Array ? into.EnumerateArray() : default(JsonElement.ArrayEnumerator))
                {
                    string digest = target.ValueKind == JsonValueKind.String ? target.GetString()! : throw new InvalidDataException("'reshardedInto' must hold digests");
                    lockFile.Protected[lockFile.Protected.Count - 1].ReshardedInto.Add(Reading.ManifestReader.IsValidDigest(digest) ? digest : throw new InvalidDataException($"'{digest}' is not a sha256 digest"));
                }
            }

            foreach (var e in Array(root, "removed"))
            {
                lockFile.Removed.Add(new LockedRemoval
                {
                    Id = Str(e, "id", false) ?? string.Empty,
                    Digest = Digest(e),
                    Reason = Str(e, "reason", true)!,
                    ApprovedBy = Str(e, "approvedBy", true)!,
                    RemovedOn = Str(e, "removedOn", false) ?? string.Empty,
                });
            }

            foreach (var e in Array(root, "synthetic"))
            {
                lockFile.Synthetic.Add(new LockedSynthetic
                {
                    Id = Str(e, "id", true)!,
                    Digest = Digest(e),
                    Origin = Str(e, "origin", true)!,
                    FirstSeen = Str(e, "firstSeen", false) ?? string.Empty,
                    Files = Num(e, "files"),
                });
            }

            return lockFile;
        }
        catch (JsonException ex)
        {
            var span = ex.LineNumber is long line ? new SourceSpan((int)line + 1, (int)(ex.BytePositionInLine ?? 0) + 1, (int)line + 1, (int)(ex.BytePositionInLine ?? 0) + 2) : SourceSpan.FileStart;
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLockFile, full, span,
                "The lock file is not valid JSON: " + FirstSentence(ex.Message) + " Restore it from version control; deleting it would forget every human shard it protects."));
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FormatException)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidLockFile, full, SourceSpan.FileStart,
                "The lock file is malformed: " + ex.Message + ". Restore it from version control; deleting it would forget every human shard it protects."));
            return null;
        }
    }

    /// <summary>The deterministic JSON text of the lock (UTF-8, 2-space indent, LF, trailing newline).</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteString("manifest", Manifest);
            writer.WriteStartArray("protected");
            foreach (var s in Protected.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Digest, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", s.Id);
                writer.WriteString("digest", s.Digest);
                if (s.Records is { } r)
                {
                    writer.WriteNumber("records", r);
                }

                if (s.Tokens is { } t)
                {
                    writer.WriteNumber("tokens", t);
                }

                if (s.Bytes is { } b)
                {
                    writer.WriteNumber("bytes", b);
                }

                writer.WriteString("firstAdmitted", s.FirstAdmitted);
                if (s.Files is { } files)
                {
                    writer.WriteNumber("files", files);
                }

                if (s.RecordSet is { } recordSet)
                {
                    writer.WriteString("recordSet", recordSet);
                }

                if (s.TextField is { } textField)
                {
                    writer.WriteString("textField", textField);
                }

                if (s.ReshardedInto.Count > 0)
                {
                    writer.WriteStartArray("reshardedInto");
                    s.ReshardedInto.OrderBy(d => d, StringComparer.Ordinal).ToList().ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("removed");
            foreach (var s in Removed.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Digest, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", s.Id);
                writer.WriteString("digest", s.Digest);
                writer.WriteString("reason", s.Reason);
                writer.WriteString("approvedBy", s.ApprovedBy);
                writer.WriteString("removedOn", s.RemovedOn);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (Synthetic.Count > 0)
            {
                writer.WriteStartArray("synthetic");
                foreach (var s in Synthetic.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Digest, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", s.Id);
                    writer.WriteString("digest", s.Digest);
                    writer.WriteString("origin", s.Origin);
                    writer.WriteString("firstSeen", s.FirstSeen);
                    if (s.Files is { } files)
                    {
                        writer.WriteNumber("files", files);
                    }
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        string text = Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
        return new UTF8Encoding(false).GetBytes(text);
    }

    /// <summary>
    /// Writes the lock atomically to <see cref="FilePath"/>, with the copies of its shard sets' indexes
    /// (<see cref="IndexCopyPath"/>) that are not on disk yet, taken from <see cref="LockedShard.IndexSource"/> and checked
    /// against the set digest; copies no entry names any more are deleted.
    /// </summary>
    public void Save()
    {
        SaveIndexCopies();
        AtomicFile.WriteAllBytes(FilePath, ToBytes());
    }

    /// <summary>
    /// The locked copy of a shard set's index: the lock protects every file of a human set by keeping the index it admitted,
    /// named by the set digest (its SHA-256), beside the lock: <c>provenance.lock.json</c> → <c>provenance.lock.index/&lt;hex&gt;.tsv</c>.
    /// Committed with the lock; a copy whose bytes do not hash to its name is not trusted (PROV1021).
    /// </summary>
    public static string IndexCopyPath(string lockPath, string setDigest)
    {
        string folder = lockPath.EndsWith(".json", StringComparison.Ordinal) ? lockPath.Substring(0, lockPath.Length - 5) + ".index" : lockPath + ".index";
        return Path.Combine(folder, setDigest.Substring("sha256:".Length) + ".tsv");
    }

    /// <summary>The locked copy of the index of the set with <paramref name="setDigest"/>, or null when missing or not hashing to that digest.</summary>
    public static Sets.ShardSetIndex? IndexCopy(LockFile lockFile, string setDigest)
    {
        string copy = IndexCopyPath(lockFile.FilePath, setDigest);
        if (!File.Exists(copy))
        {
            return null;
        }

        var index = Sets.ShardSetIndex.Read(copy, new List<ManifestDiagnostic>(), out string? digest);
        return digest == setDigest ? index : null;
    }

    private void SaveIndexCopies()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var sets = Protected.Where(p => p.Files is not null).Select(p => (p.Digest, p.IndexSource))
            .Concat(Synthetic.Where(p => p.Files is not null).Select(p => (p.Digest, p.IndexSource)));
        foreach (var set in sets)
        {
            string copy = IndexCopyPath(FilePath, set.Digest);
            wanted.Add(Path.GetFullPath(copy));
            if (File.Exists(copy) || set.IndexSource is not { } source || !File.Exists(source))
            {
                continue;
            }

            byte[] bytes = File.ReadAllBytes(source);
            if (Sets.ShardSetIndex.DigestOf(bytes) == set.Digest)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                AtomicFile.WriteAllBytes(copy, bytes);
            }
        }

        string folder = Path.GetDirectoryName(IndexCopyPath(FilePath, "sha256:x"))!;
        if (Directory.Exists(folder))
        {
            foreach (string stale in Directory.EnumerateFiles(folder, "*.tsv").Where(f => !wanted.Contains(Path.GetFullPath(f))).ToList())
            {
                File.Delete(stale);
            }
        }
    }

    /// <summary>Today's date (UTC, <c>yyyy-MM-dd</c>), or the date of <c>SOURCE_DATE_EPOCH</c> when set, for reproducible locks.</summary>
    public static string Today()
    {
        string? epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        var now = long.TryParse(epoch, out long seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
        return now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array))
        {
            return System.Array.Empty<JsonElement>();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{name}' must be an array");
        }

        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? e : throw new InvalidDataException($"each '{name}' entry must be an object")).ToList();
    }

    private static string? Str(JsonElement e, string name, bool required)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        return required ? throw new InvalidDataException($"an entry lacks the string '{name}'") : null;
    }

    private static long? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) && n >= 0 ? n : null;

    private static string Digest(JsonElement e)
    {
        string digest = Str(e, "digest", true)!;
        return Reading.ManifestReader.IsValidDigest(digest) ? digest : throw new InvalidDataException($"'{digest}' is not a sha256 digest");
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message.Substring(0, dot + 1) : message;
    }
}

/// <summary>A protected human shard in the lock file.</summary>
public sealed class LockedShard
{
    /// <summary>The shard id when it was (last) locked.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Its digest: the identity that a rename does not change.</summary>
    public string Digest { get; set; } = string.Empty;

    /// <summary>Records when admitted.</summary>
    public long? Records { get; set; }

    /// <summary>Tokens when admitted.</summary>
    public long? Tokens { get; set; }

    /// <summary>Bytes when admitted.</summary>
    public long? Bytes { get; set; }

    /// <summary>UTC date (<c>yyyy-MM-dd</c>) the shard was first admitted.</summary>
    public string FirstAdmitted { get; set; } = string.Empty;

    /// <summary>
    /// For a shard set: its number of files, and <see cref="Digest"/> is the set digest; every file is protected through the
    /// locked copy of its index (<see cref="LockFile.IndexCopyPath"/>). Null for a single shard.
    /// </summary>
    public long? Files { get; set; }

    /// <summary>For a set admitted now: the index file to copy beside the lock when it is saved (not serialised).</summary>
    public string? IndexSource { get; set; }

    /// <summary>
    /// The order-independent digest of its records (<see cref="Content.RecordSet.Digest"/>, <c>xxh128sum:</c>...), so that a
    /// reshard is recognised without the fingerprints themselves; null when not computed.
    /// </summary>
    public string? RecordSet { get; set; }

    /// <summary>The shard's <c>textField</c> when locked, which its record fingerprints were taken from (null: whole records).</summary>
    public string? TextField { get; set; }

    /// <summary>When its file was resharded: the digests of the shards that now hold its records (then it is not a drop while they are present).</summary>
    public List<string> ReshardedInto { get; } = new();
}

/// <summary>An approved removal recorded in the lock file.</summary>
public sealed class LockedRemoval
{
    /// <summary>The removed shard's id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The removed shard's digest.</summary>
    public string Digest { get; set; } = string.Empty;

    /// <summary>Why.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>Who approved.</summary>
    public string ApprovedBy { get; set; } = string.Empty;

    /// <summary>UTC date of the removal.</summary>
    public string RemovedOn { get; set; } = string.Empty;
}

/// <summary>Bytes the manifest once labelled synthetic, unknown or mixed, recorded in the lock file's origin history.</summary>
public sealed class LockedSynthetic
{
    /// <summary>The shard id when first seen.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Its digest.</summary>
    public string Digest { get; set; } = string.Empty;

    /// <summary>The origin it was labelled with: <c>synthetic</c>, <c>unknown</c> or <c>mixed</c>.</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>UTC date (<c>yyyy-MM-dd</c>) it was first seen.</summary>
    public string FirstSeen { get; set; } = string.Empty;

    /// <summary>For a shard set: its number of files (<see cref="Digest"/> is the set digest; its files are in the locked index copy).</summary>
    public long? Files { get; set; }

    /// <summary>For a set seen now: the index file to copy beside the lock when it is saved (not serialised).</summary>
    public string? IndexSource { get; set; }
}
