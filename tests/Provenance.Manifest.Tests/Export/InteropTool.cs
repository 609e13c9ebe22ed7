using System.Diagnostics;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Export;

/// <summary>
/// The independent validators of tests/tools/interop (npm: ajv-cli with ajv-formats, @cyclonedx/cyclonedx-library,
/// jsonld, js-yaml; pinned in its package-lock.json), installed on first use with <c>npm ci</c> into
/// artifacts/tools/interop (ignored by git), like <see cref="DuckDb"/>. Every run is offline: schemas and JSON-LD contexts
/// come from tests/interop-reference.
/// </summary>
public static class InteropTool
{
    private static readonly Lazy<string> Folder = new(Install);

    /// <summary>tests/interop-reference: the vendored official schemas, contexts, examples and cards.</summary>
    public static string Reference(params string[] parts) => Path.Combine(new[] { Corpus.RepoRoot(), "tests", "interop-reference" }.Concat(parts).ToArray());

    /// <summary>Runs ajv-cli (<c>ajv validate</c>) with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Ajv(params string[] args) =>
        Node(new[] { Path.Combine(Folder.Value, "node_modules", "ajv-cli", "dist", "index.js"), "validate" }.Concat(args).ToArray());

    /// <summary>Runs tests/tools/interop/interop-check.mjs with <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Check(params string[] args) =>
        Node(new[] { Path.Combine(Folder.Value, "interop-check.mjs") }.Concat(args).ToArray());

    /// <summary>The CycloneDX 1.6 schema check exactly as the reference pack's SOURCES.md runs it (draft-07, non-strict for <c>meta:enum</c>).</summary>
    public static (int ExitCode, string Output) AjvCycloneDx(string document) => Ajv(
        "--spec=draft7", "--strict=false", "-c", "ajv-formats", "-c", "ajv-formats-draft2019",
        "-s", Reference("cyclonedx-1.6", "bom-1.6.schema.json"), "-r", Reference("cyclonedx-1.6", "spdx.schema.json"),
        "-r", Reference("cyclonedx-1.6", "jsf-0.82.schema.json"), "-d", document, "--errors=text");

    /// <summary>The SPDX 3.0.1 schema check (draft 2020-12).</summary>
    public static (int ExitCode, string Output) AjvSpdx(string document) => Ajv(
        "--spec=draft2020", "-c", "ajv-formats", "-s", Reference("spdx-3.0.1", "spdx-json-schema.json"), "-d", document, "--errors=text");

    /// <summary>N-Quads of a JSON-LD document, expanded in safe mode with the official SPDX 3.0.1 context served from the vendored copy.</summary>
    public static (int ExitCode, string Output) Rdf(string document) =>
        Check("rdf", document, "https://spdx.org/rdf/3.0.1/spdx-context.jsonld=" + Reference("spdx-3.0.1", "spdx-context.jsonld"));

    private static (int ExitCode, string Output) Node(string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder.Value };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Install() => NpmTool.Install("interop", Path.Combine("node_modules", "@cyclonedx", "cyclonedx-library", "package.json"));
}
