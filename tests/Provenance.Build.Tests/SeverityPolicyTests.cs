using Microsoft.Build.Utilities;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Build.Tests;

/// <summary>Suppression and warning-level mapping, as the compiler and NuGet audit behave.</summary>
public sealed class SeverityPolicyTests
{
    private static ManifestDiagnostic Warning(string id = "PROV2002") =>
        new(DiagnosticRegistry.Find(id)!, DiagnosticSeverity.Warning, "/m/provenance.yaml", new SourceSpan(3, 1, 3, 7), "m");

    private static ManifestDiagnostic Error(string id = "PROV2001") =>
        new(DiagnosticRegistry.Find(id)!, DiagnosticSeverity.Error, "/m/provenance.yaml", new SourceSpan(3, 1, 3, 7), "m");

    [Fact]
    public void NoWarn_DropsWarnings_ButNeverErrors()
    {
        var policy = new SeverityPolicy(null, "CS1591;PROV2002,PROV2001", null, null, false, new List<string>());

        Assert.Null(policy.Map(Warning()));
        Assert.Equal(DiagnosticSeverity.Error, policy.Map(Error()));
    }

    [Fact]
    public void TreatWarningsAsErrors_HonoursWarningsNotAsErrors()
    {
        var all = new SeverityPolicy(null, null, null, null, true, new List<string>());
        var except = new SeverityPolicy(null, null, null, "PROV2002", true, new List<string>());
        var listed = new SeverityPolicy(null, null, "prov2002", null, false, new List<string>());

        Assert.Equal(DiagnosticSeverity.Error, all.Map(Warning()));
        Assert.Equal(DiagnosticSeverity.Warning, except.Map(Warning()));
        Assert.Equal(DiagnosticSeverity.Error, listed.Map(Warning()));
    }

    [Fact]
    public void ProvenanceSuppress_NeedsAJustification()
    {
        var problems = new List<string>();
        var item = new TaskItem("PROV2001");
        item.SetMetadata("Justification", "Distillation mix");
        var policy = new SeverityPolicy(new[] { item, new TaskItem("PROV2008") }, null, null, null, false, problems);

        Assert.Null(policy.Map(Error()));
        Assert.Equal("Distillation mix", policy.SuppressionOf("PROV2001"));
        Assert.Equal(new[] { "PROV2008" }, problems);
        Assert.Equal(DiagnosticSeverity.Warning, policy.Map(Warning("PROV2008")));
    }
}
