using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provenance.Manifest.Export;

/// <summary>JSON output shared by the JSON exporters: two-space indentation, LF line endings, keys in insertion order, no escaping of non-ASCII text.</summary>
internal static class ExportJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of <paramref name="root"/>, ending with a newline.</summary>
    public static string Write(JsonNode root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Adds <paramref name="key"/> when <paramref name="value"/> is not null (or empty text).</summary>
    public static JsonObject Set(this JsonObject obj, string key, JsonNode? value)
    {
        if (value is not null)
        {
            obj[key] = value;
        }

        return obj;
    }

    /// <summary>Adds a string when it is not null or blank.</summary>
    public static JsonObject Set(this JsonObject obj, string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? obj : obj.Set(key, JsonValue.Create(value));

    /// <summary>Adds a number when it has a value.</summary>
    public static JsonObject Set(this JsonObject obj, string key, long? value) =>
        value is { } v ? obj.Set(key, JsonValue.Create(v)) : obj;

    /// <summary>A fraction rounded to 6 decimals, as a decimal: the same text on every target framework (a double prints 0.10000000000000001 on netstandard2.0).</summary>
    public static JsonValue Fraction(double value) => JsonValue.Create(Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero));

    /// <summary>A fraction as text ("0.731234"), for string-valued properties.</summary>
    public static string FractionText(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 UTC timestamp to the second: <c>2026-11-20T00:00:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(params string[] values)
    {
        var array = new JsonArray();
        foreach (string value in values)
        {
            array.Add(JsonValue.Create(value));
        }

        return array;
    }
}
