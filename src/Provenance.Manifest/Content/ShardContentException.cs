using System;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Content;

/// <summary>
/// A shard's stored bytes cannot be read as the format and compression it declares: corrupt or truncated compression
/// (PROV1024), a decompression bomb (PROV1025), a missing text field (PROV1026), text that is not UTF-8 (PROV1027).
/// Callers report it as a diagnostic at the shard's node; nothing is written.
/// </summary>
public sealed class ShardContentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ShardContentException(DiagnosticDescriptor descriptor, string message, Exception? inner = null)
        : base(message, inner)
    {
        Descriptor = descriptor;
    }

    /// <summary>The diagnostic to report.</summary>
    public DiagnosticDescriptor Descriptor { get; }
}
