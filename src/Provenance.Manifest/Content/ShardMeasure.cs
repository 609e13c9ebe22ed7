using System;
using System.IO;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Content;

/// <summary>
/// What sealing learns of one shard file, the one place <c>seal</c>, <c>init --seal</c> and <c>add</c> measure a file:
/// its <see cref="ShardAmounts"/> (<see cref="ShardCounter"/>), or, for a git-lfs pointer in place of the content, the
/// pointer's digest and size (records and tokens are left to be declared or sealed where the content exists), or the
/// diagnostic that says why neither could be had (PROV1010, PROV1023–PROV1028), located at the shard's node.
/// </summary>
public sealed class ShardMeasure
{
    private ShardMeasure(ShardAmounts? amounts, LfsPointer? pointer, ManifestDiagnostic? problem)
    {
        Amounts = amounts;
        Pointer = pointer;
        Problem = problem;
    }

    /// <summary>The counted amounts, when the content was read.</summary>
    public ShardAmounts? Amounts { get; }

    /// <summary>The git-lfs pointer found in place of the content, when it was one.</summary>
    public LfsPointer? Pointer { get; }

    /// <summary>Why the file could not be measured.</summary>
    public ManifestDiagnostic? Problem { get; }

    /// <summary>The digest, from the content or its pointer.</summary>
    public string? Digest => Amounts?.Digest ?? Pointer?.Digest;

    /// <summary>The size in bytes, from the content or its pointer.</summary>
    public long? Bytes => Amounts?.Bytes ?? Pointer?.Size;

    /// <summary>Measures the file of <paramref name="shard"/> at <paramref name="path"/>; never throws for a bad file.</summary>
    /// <param name="path">The shard's full path.</param>
    /// <param name="shard">The shard (format, compression, text field; its node locates diagnostics).</param>
    /// <param name="manifestFile">The manifest, for diagnostics.</param>
    /// <param name="onBlock">Receives the stored bytes of each block read (progress), optional.</param>
    /// <param name="fingerprints">Also compute the records' fingerprints (<see cref="ShardAmounts.Fingerprints"/>).</param>
    public static ShardMeasure Measure(string path, Shard shard, string manifestFile, Action<int>? onBlock = null, bool fingerprints = false)
    {
        try
        {
            if (LfsPointer.InPlaceOf(path, new FileInfo(path).Length, shard.Bytes, out string? problem) is { } pointer)
            {
                return new ShardMeasure(null, pointer, null);
            }

            if (problem is not null)
            {
                return Fail(DiagnosticRegistry.InvalidLfsPointer, shard.ValueSpan("path"),
                    $"Shard '{shard.Id}': '{shard.Path}' begins like a git-lfs pointer but is not a valid one: {problem}.");
            }

            return new ShardMeasure(ShardCounter.CountFile(path, shard.Format, shard.Compression, shard.TextField, onBlock, fingerprints), null, null);
        }
        catch (ShardContentException ex)
        {
            var span = ex.Descriptor == DiagnosticRegistry.TextFieldNotFound && shard.Node?.Get("textField") is not null
                ? shard.ValueSpan("textField")
                : shard.ValueSpan("path");
            string how = ShardFormats.Name(shard.Format) + (shard.Compression == ShardCompression.None ? string.Empty : ", " + ShardFormats.Name(shard.Compression));
            return Fail(ex.Descriptor, span, $"Shard '{shard.Id}' ({how}): '{shard.Path}' cannot be counted: {ex.Message}.");
        }
        catch (ShardChangedException)
        {
            return Fail(DiagnosticRegistry.ShardChangedDuringHash, shard.ValueSpan("path"),
                $"Shard '{shard.Id}': '{shard.Path}' changed while it was being read; nothing was recorded. Seal again when writers are done.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(DiagnosticRegistry.ShardFileNotFound, shard.ValueSpan("path"), $"Shard '{shard.Id}': '{shard.Path}' cannot be read: {ex.Message}");
        }

        ShardMeasure Fail(DiagnosticDescriptor descriptor, Diagnostics.SourceSpan span, string message) =>
            new(null, null, new ManifestDiagnostic(descriptor, manifestFile, span, message));
    }
}
