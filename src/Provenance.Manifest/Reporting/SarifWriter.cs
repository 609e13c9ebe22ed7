using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Provenance.Manifest.Diagnostics;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// Writes diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format,
/// https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, the tool's rules taken from <see cref="DiagnosticRegistry"/>
/// (id, name, title, help link, default level, category), and one result per diagnostic with its 1-based region in the
/// manifest. Paths under <c>baseDirectory</c> are written relative to the <c>SRCROOT</c> base id, others as absolute
/// <c>file://</c> URIs. Used by the MSBuild task (<c>ProvenanceSarifFile</c>) and the CLI (<c>--format sarif</c>).
/// </summary>
public static class SarifWriter
{
    /// <summary>The schema URI written as <c>$schema</c>.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The base id for paths relative to the base directory.</summary>
    public const string SourceRootBaseId = "SRCROOT";

    /// <summary>Writes the log to <paramref name="path"/> atomically (creating its folder).</summary>
    public static void Write(string path, IEnumerable<ManifestDiagnostic> diagnostics, string toolName, string toolVersion, string? baseDirectory = null)
    {
        Internal.AtomicFile.WriteAllBytes(path, ToBytes(diagnostics, toolName, toolVersion, baseDirectory));
    }

    /// <summary>Writes the log to <paramref name="stream"/> (UTF-8, indented).</summary>
    public static void Write(Stream stream, IEnumerable<ManifestDiagnostic> diagnostics, string toolName, string toolVersion, string? baseDirectory = null)
    {
        byte[] bytes = ToBytes(diagnostics, toolName, toolVersion, baseDirectory);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The log as UTF-8 JSON bytes.</summary>
    /// <param name="diagnostics">The diagnostics to report, with the severities they were reported with.</param>
    /// <param name="toolName">The driver name, e.g. <c>Provenance.Build</c> or <c>provenance</c>.</param>
    /// <param name="toolVersion">The driver version, e.g. <c>0.1.0</c>.</param>
    /// <param name="baseDirectory">Folder that relative artifact URIs are relative to (<c>SRCROOT</c>); null writes absolute URIs.</param>
    public static byte[] ToBytes(IEnumerable<ManifestDiagnostic> diagnostics, string toolName, string toolVersion, string? baseDirectory = null)
    {
        var list = diagnostics.ToList();
        // The gate's and the CLI's rules; the PROV3xxx analyzers report through the compiler's own SARIF log.
        var rules = DiagnosticRegistry.All.Where(d => d.Category != "Analyzers").ToList();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        string? root = baseDirectory is null ? null : EnsureTrailingSeparator(Path.GetFullPath(baseDirectory));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", toolName);
            w.WriteString("version", toolVersion);
            w.WriteString("informationUri", "https://github.com/provenance-dev/provenance");
            w.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteString("name", PascalName(rule.Title));
                w.WriteStartObject("shortDescription");
                w.WriteString("text", rule.Title);
                w.WriteEndObject();
                w.WriteString("helpUri", rule.HelpLink);
                w.WriteStartObject("help");
                w.WriteString("text", $"See {rule.HelpLink}");
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(rule.DefaultSeverity));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", rule.Category);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            if (root is not null)
            {
                w.WriteStartObject("originalUriBaseIds");
                w.WriteStartObject(SourceRootBaseId);
                w.WriteString("uri", new Uri(root).AbsoluteUri);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteStartArray("results");
            foreach (var d in list)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", d.Id);
                if (ruleIndex.TryGetValue(d.Id, out int index))
                {
                    w.WriteNumber("ruleIndex", index);
                }

                w.WriteString("level", Level(d.Severity));
                w.WriteStartObject("message");
                w.WriteString("text", d.Message);
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                string full = Path.GetFullPath(d.FilePath);
                if (root is not null && full.StartsWith(root, StringComparison.Ordinal))
                {
                    w.WriteString("uri", RelativeUri(full.Substring(root.Length)));
                    w.WriteString("uriBaseId", SourceRootBaseId);
                }
                else
                {
                    w.WriteString("uri", new Uri(full).AbsoluteUri);
                }

                w.WriteEndObject();
                var s = d.Span;
                w.WriteStartObject("region");
                w.WriteNumber("startLine", Math.Max(1, s.Line));
                w.WriteNumber("startColumn", Math.Max(1, s.Column));
                if (s.EndLine >= s.Line && s.EndLine > 0)
                {
                    w.WriteNumber("endLine", s.EndLine);
                    if (s.EndLine > s.Line || s.EndColumn >= s.Column)
                    {
                        w.WriteNumber("endColumn", Math.Max(1, s.EndColumn));
                    }
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The SARIF level of a severity: <c>error</c>, <c>warning</c> or <c>note</c>.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static string EnsureTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;

    private static string RelativeUri(string relative)
    {
        var sb = new StringBuilder();
        foreach (string segment in relative.Replace('\\', '/').Split('/'))
        {
            if (sb.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(Uri.EscapeDataString(segment));
        }

        return sb.ToString();
    }

    private static string PascalName(string title)
    {
        var sb = new StringBuilder();
        foreach (string word in title.Split(new[] { ' ', '-', '\'' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(letters[0])).Append(letters.Substring(1));
            }
        }

        return sb.ToString();
    }
}
