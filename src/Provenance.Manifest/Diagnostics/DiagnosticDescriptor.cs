namespace Provenance.Manifest.Diagnostics;

/// <summary>
/// One entry of the diagnostic registry (<see cref="DiagnosticRegistry"/>): an id such as <c>PROV2001</c>,
/// a short title, a default severity and the help page <c>docs/rules/&lt;ID&gt;.md</c>.
/// </summary>
public sealed class DiagnosticDescriptor
{
    internal DiagnosticDescriptor(string id, string title, DiagnosticSeverity defaultSeverity, string category)
    {
        Id = id;
        Title = title;
        DefaultSeverity = defaultSeverity;
        Category = category;
    }

    /// <summary>The stable id, <c>PROV1xxx</c> (manifest, build), <c>PROV2xxx</c> (policy) or <c>PROV3xxx</c> (analyzers).</summary>
    public string Id { get; }

    /// <summary>A short, sentence-case title, used as the SARIF rule name and docs heading.</summary>
    public string Title { get; }

    /// <summary>The severity unless a caller changes it (suppression, warnings as errors).</summary>
    public DiagnosticSeverity DefaultSeverity { get; }

    /// <summary><c>Manifest</c> for PROV1xxx, <c>Policy</c> for PROV2xxx, <c>Build</c> for the MSBuild gate's own settings and outputs (PROV1031–PROV1035), <c>Analyzers</c> for PROV3xxx.</summary>
    public string Category { get; }

    /// <summary>The help page of this id: <see cref="DiagnosticRegistry.HelpLink"/>.</summary>
    public string HelpLink => DiagnosticRegistry.HelpLink(Id);

    /// <inheritdoc />
    public override string ToString() => Id;
}
