using System;
using System.Collections.Generic;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Content;

/// <summary>
/// Format and compression from a file name, the way corpora name their shards: <c>train-00000-of-00010.parquet</c>
/// (Hugging Face), <c>c4-train.00000-of-01024.json.gz</c> (C4, Dolma), <c>part-0001.jsonl.zst</c> (The Pile).
/// <c>init</c> and <c>add</c> write what it infers; the reader uses it when a shard declares no <c>format:</c> or
/// <c>compression:</c>.
/// </summary>
public static class ShardFormats
{
    /// <summary>The manifest's names of the formats.</summary>
    public static readonly IReadOnlyDictionary<string, ShardFormat> Names = new Dictionary<string, ShardFormat>(StringComparer.Ordinal)
    {
        ["jsonl"] = ShardFormat.Jsonl, ["text"] = ShardFormat.Text, ["csv"] = ShardFormat.Csv, ["tsv"] = ShardFormat.Tsv,
        ["parquet"] = ShardFormat.Parquet, ["other"] = ShardFormat.Other,
    };

    /// <summary>The manifest's names of the compressions.</summary>
    public static readonly IReadOnlyDictionary<string, ShardCompression> CompressionNames = new Dictionary<string, ShardCompression>(StringComparer.Ordinal)
    {
        ["none"] = ShardCompression.None, ["gzip"] = ShardCompression.Gzip, ["zstd"] = ShardCompression.Zstd,
    };

    /// <summary>The manifest's name of <paramref name="format"/> (<c>jsonl</c>, <c>parquet</c>, ...).</summary>
    public static string Name(ShardFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The manifest's name of <paramref name="compression"/> (<c>none</c>, <c>gzip</c>, <c>zstd</c>).</summary>
    public static string Name(ShardCompression compression) => compression.ToString().ToLowerInvariant();

    /// <summary>True when <paramref name="format"/> is read as a stream of decoded bytes that may be compressed.</summary>
    public static bool IsStreamed(ShardFormat format) => format is ShardFormat.Jsonl or ShardFormat.Text or ShardFormat.Csv or ShardFormat.Tsv;

    /// <summary>True when <c>seal</c> counts records and tokens of <paramref name="format"/> (all but <see cref="ShardFormat.Other"/>).</summary>
    public static bool IsCounted(ShardFormat format) => format != ShardFormat.Other;

    /// <summary>
    /// What is wrong with a shard's <c>compression</c> and <c>textField</c> for its <paramref name="format"/>, or null: the
    /// one rule the manifest reader (PROV1005 at the key) and <c>provenance add</c> apply. Compression applies to the
    /// streamed formats only (Parquet compresses its own pages); a text field needs fields or columns (not text, not other)
    /// and a name.
    /// </summary>
    /// <returns>The key at fault (<c>compression</c> or <c>textField</c>) and a sentence saying why; null when both fit.</returns>
    public static (string Key, string Message)? KeyProblem(ShardFormat format, ShardCompression compression, string? textField)
    {
        if (compression != ShardCompression.None && !IsStreamed(format))
        {
            return ("compression", $"'compression' applies to jsonl, text, csv and tsv shards, not to format {Name(format)} (Parquet compresses its own pages).");
        }

        if (textField is { Length: 0 })
        {
            return ("textField", "'textField' is empty; name a field or column, or leave it out.");
        }

        if (textField is not null && format is ShardFormat.Text or ShardFormat.Other)
        {
            return ("textField", $"'textField' names a JSON field, CSV column or Parquet column; a {Name(format)} shard has none.");
        }

        return null;
    }

    /// <summary>
    /// Infers format and compression from the file name (case-insensitive): a compression suffix (<c>.gz</c>,
    /// <c>.gzip</c>, <c>.zst</c>, <c>.zstd</c>) is taken off first, then <c>.jsonl</c>, <c>.ndjson</c> and <c>.json</c> are
    /// jsonl (corpora name JSON Lines <c>.json.gz</c>), <c>.txt</c>, <c>.text</c> and <c>.md</c> text, <c>.csv</c> csv,
    /// <c>.tsv</c> tsv, <c>.parquet</c> and <c>.pq</c> Parquet. Null format when the name says nothing known.
    /// </summary>
    public static (ShardFormat? Format, ShardCompression Compression) Infer(string fileName)
    {
        string name = fileName.Replace('\\', '/');
        int slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name.Substring(slash + 1);
        }

        name = name.ToLowerInvariant();
        var compression = ShardCompression.None;
        foreach (var (suffix, kind) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                compression = kind;
                name = name.Substring(0, name.Length - suffix.Length);
                break;
            }
        }

        int dot = name.LastIndexOf('.');
        string extension = dot < 0 ? string.Empty : name.Substring(dot);
        ShardFormat? format = extension switch
        {
            ".jsonl" or ".ndjson" or ".json" => ShardFormat.Jsonl,
            ".txt" or ".text" or ".md" => ShardFormat.Text,
            ".csv" => ShardFormat.Csv,
            ".tsv" => ShardFormat.Tsv,
            ".parquet" or ".pq" => ShardFormat.Parquet,
            _ => null,
        };
        if (format == ShardFormat.Parquet)
        {
            compression = ShardCompression.None;
        }

        return (format, compression);
    }

    private static readonly (string Suffix, ShardCompression Kind)[] Suffixes =
    {
        (".gz", ShardCompression.Gzip), (".gzip", ShardCompression.Gzip), (".zst", ShardCompression.Zstd), (".zstd", ShardCompression.Zstd),
    };
}
