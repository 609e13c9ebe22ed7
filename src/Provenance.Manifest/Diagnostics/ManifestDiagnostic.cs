namespace Provenance.Manifest.Diagnostics;

/// <summary>
/// One finding about a manifest: which rule, how severe, a message, and where (file and 1-based span).
/// Produced only by the engine; the MSBuild task and the CLI only render it.
/// </summary>
public sealed class ManifestDiagnostic
{
    /// <summary>Creates a diagnostic with the descriptor's default severity.</summary>
    public ManifestDiagnostic(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, string message)
        : this(descriptor, descriptor.DefaultSeverity, filePath, span, message)
    {
    }

    /// <summary>Creates a diagnostic with an explicit severity.</summary>
    public ManifestDiagnostic(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, string filePath, SourceSpan span, string message)
    {
        Descriptor = descriptor;
        Severity = severity;
        FilePath = filePath;
        Span = span.IsEmpty ? SourceSpan.FileStart : span;
        Message = message;
    }

    /// <summary>The registry entry.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The id, e.g. <c>PROV2003</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The severity of this occurrence.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Full path of the file the span refers to (a manifest, or a lock file).</summary>
    public string FilePath { get; }

    /// <summary>Where in <see cref="FilePath"/>; 1-based.</summary>
    public SourceSpan Span { get; }

    /// <summary>What is wrong and how to fix it, one sentence or two.</summary>
    public string Message { get; }

    /// <summary>The help page of the id.</summary>
    public string HelpLink => Descriptor.HelpLink;

    /// <summary>Returns a copy with another severity.</summary>
    public ManifestDiagnostic WithSeverity(DiagnosticSeverity severity) => new(Descriptor, severity, FilePath, Span, Message);

    /// <summary>The canonical compiler form: <c>file(l,c,el,ec): error PROV2001: message</c>.</summary>
    public override string ToString()
    {
        string severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{FilePath}{Span}: {severity} {Id}: {Message}";
    }
}
