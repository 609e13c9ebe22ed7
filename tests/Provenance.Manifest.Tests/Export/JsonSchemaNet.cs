using System.Text.Json.Nodes;
using Json.Schema;

namespace Provenance.Manifest.Tests.Export;

/// <summary>JSON Schema validation in-process with JsonSchema.Net 7.4.0 (json-everything), a validator that shares no code with ajv nor with us.</summary>
public static class JsonSchemaNet
{
    /// <summary>
    /// Validates <paramref name="documentText"/> against the first of <paramref name="schemaFiles"/>; the others are
    /// registered by their <c>$id</c> so that relative <c>$ref</c>s resolve offline. Returns the errors, one line each
    /// (JSON pointer in the document: message); empty when valid. Formats are validated.
    /// </summary>
    public static IReadOnlyList<string> Errors(string documentText, params string[] schemaFiles)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        var schemas = schemaFiles.Select(JsonSchema.FromFile).ToList();
        foreach (var schema in schemas)
        {
            options.SchemaRegistry.Register(schema);
        }

        var results = schemas[0].Evaluate(JsonNode.Parse(documentText), options);
        if (results.IsValid)
        {
            return Array.Empty<string>();
        }

        var errors = results.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : new[] { "invalid (no detail)" };
    }
}
