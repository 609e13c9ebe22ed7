using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Provenance.Manifest.Internal;
using Provenance.Manifest.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Provenance.Manifest.Writing;

/// <summary>
/// Writes a <see cref="ShardManifest"/> built in code (by a generator recording its lineage, by <c>provenance init</c>)
/// as canonical manifest YAML through YamlDotNet's emitter: keys in the order of <c>docs/manifest.md</c>, defaults
/// omitted, small mappings (source, decoding) in flow style. To change an existing hand-written manifest without
/// losing its comments, use <see cref="ManifestSealer"/>.
/// </summary>
public static class ManifestWriter
{
    /// <summary>The schema line that lets YAML editors validate and complete manifests.</summary>
    public const string SchemaComment = "# yaml-language-server: $schema=https://raw.githubusercontent.com/provenance-dev/provenance/main/docs/schema/provenance.schema.json";

    /// <summary>The YAML text of <paramref name="manifest"/> (LF line endings, schema comment first).</summary>
    public static string ToYaml(ShardManifest manifest)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.WriteLine(SchemaComment);
        var emitter = new Emitter(text, 2, int.MaxValue, false);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        emitter.Emit(new MappingStart());
        Pair(emitter, "provenance", manifest.Version.ToString(CultureInfo.InvariantCulture));
        Pair(emitter, "dataset", manifest.Dataset);
        Pair(emitter, "description", manifest.Description);
        Pair(emitter, "parent", manifest.Parent);
        WritePolicy(emitter, manifest.Policy);
        Key(emitter, "shards");
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        foreach (var shard in manifest.Shards)
        {
            WriteShard(emitter, shard);
        }

        emitter.Emit(new SequenceEnd());
        if (manifest.Removed.Count > 0)
        {
            Key(emitter, "removed");
            emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
            foreach (var removed in manifest.Removed)
            {
                emitter.Emit(new MappingStart());
                Pair(emitter, "digest", removed.Digest);
                Pair(emitter, "id", removed.Id);
                Pair(emitter, "reason", removed.Reason);
                Pair(emitter, "approvedBy", removed.ApprovedBy);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString().Replace("\r\n", "\n");
    }

    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/> atomically (UTF-8, no BOM) and sets its <see cref="ShardManifest.FilePath"/>.</summary>
    public static void Save(ShardManifest manifest, string path)
    {
        manifest.FilePath = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(manifest.FilePath, new UTF8Encoding(false).GetBytes(ToYaml(manifest)));
    }

    private static void WritePolicy(IEmitter emitter, ManifestPolicy policy)
    {
        var defaults = new ManifestPolicy();
        var entries = new List<(string, string)>();
        if (policy.Measure != defaults.Measure)
        {
            entries.Add(("measure", policy.Measure.ToString().ToLowerInvariant()));
        }

        if (policy.HumanFloor != defaults.HumanFloor)
        {
            entries.Add(("humanFloor", Num(policy.HumanFloor)));
        }

        if (policy.HumanFloorWarn != defaults.HumanFloorWarn)
        {
            entries.Add(("humanFloorWarn", Num(policy.HumanFloorWarn)));
        }

        if (policy.Accumulate != defaults.Accumulate)
        {
            entries.Add(("accumulate", policy.Accumulate.ToString().ToLowerInvariant()));
        }

        if (policy.MaxGeneration is { } max)
        {
            entries.Add(("maxGeneration", max.ToString(CultureInfo.InvariantCulture)));
        }

        if (policy.RequireVerification)
        {
            entries.Add(("requireVerification", "true"));
        }

        if (policy.HumanEpochCap != defaults.HumanEpochCap)
        {
            entries.Add(("humanEpochCap", Num(policy.HumanEpochCap)));
        }

        if (policy.MaxLeakedRecords != defaults.MaxLeakedRecords)
        {
            entries.Add(("maxLeakedRecords", policy.MaxLeakedRecords.ToString(CultureInfo.InvariantCulture)));
        }

        if (entries.Count == 0 && policy.Diversity is null)
        {
            return;
        }

        Key(emitter, "policy");
        emitter.Emit(new MappingStart());
        foreach (var (key, value) in entries)
        {
            Pair(emitter, key, value);
        }

        if (policy.Diversity is { } diversity)
        {
            Key(emitter, "diversity");
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            Pair(emitter, "metric", Diversity.DiversityPolicy.Name(diversity.Metric));
            Pair(emitter, "maxDrop", Num(diversity.MaxDrop));
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
    }

    private static void WriteShard(IEmitter emitter, Shard shard)
    {
        emitter.Emit(new MappingStart());
        Pair(emitter, "id", shard.Id);
        Pair(emitter, "path", shard.Path);
        Pair(emitter, "uri", shard.Uri);
        Pair(emitter, "origin", Name(shard.Origin.ToString()));
        var inferred = Content.ShardFormats.Infer(shard.Path ?? shard.Uri ?? string.Empty);
        if (shard.Format != ShardFormat.Jsonl || inferred.Format is not (null or ShardFormat.Jsonl))
        {
            Pair(emitter, "format", Content.ShardFormats.Name(shard.Format));
        }

        if (shard.Compression != ShardCompression.None || inferred.Compression != ShardCompression.None)
        {
            Pair(emitter, "compression", Content.ShardFormats.Name(shard.Compression));
        }

        Pair(emitter, "textField", shard.TextField);

        Pair(emitter, "records", shard.Records?.ToString(CultureInfo.InvariantCulture));
        Pair(emitter, "tokens", shard.Tokens?.ToString(CultureInfo.InvariantCulture));
        Pair(emitter, "bytes", shard.Bytes?.ToString(CultureInfo.InvariantCulture));
        Pair(emitter, "digest", shard.Digest);
        if (shard.Weight != 1)
        {
            Pair(emitter, "weight", Num(shard.Weight));
        }

        Pair(emitter, "humanFraction", shard.HumanFraction is { } hf ? Num(hf) : null);
        Pair(emitter, "generation", shard.Generation?.ToString(CultureInfo.InvariantCulture));
        if (shard.Generator is { } generator)
        {
            Key(emitter, "generator");
            emitter.Emit(new MappingStart());
            Pair(emitter, "model", generator.Model);
            Pair(emitter, "trainedOn", generator.TrainedOn);
            if (generator.Decoding.Count > 0)
            {
                Key(emitter, "decoding");
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                foreach (var pair in generator.Decoding)
                {
                    Pair(emitter, pair.Key, pair.Value);
                }

                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new MappingEnd());
        }

        if (shard.DerivedFrom.Count > 0)
        {
            Key(emitter, "derivedFrom");
            emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Flow));
            foreach (var id in shard.DerivedFrom)
            {
                Scalar(emitter, id);
            }

            emitter.Emit(new SequenceEnd());
        }

        if (shard.Verification is { } v)
        {
            Key(emitter, "verification");
            emitter.Emit(new MappingStart());
            Pair(emitter, "method", v.Method switch
            {
                VerificationMethod.HumanReview => "human-review",
                VerificationMethod.GroundTruth => "ground-truth",
                VerificationMethod.RewardModel => "reward-model",
                VerificationMethod.LlmJudge => "llm-judge",
                _ => "none",
            });
            Pair(emitter, "verifier", v.Verifier);
            Pair(emitter, "accepted", v.Accepted?.ToString(CultureInfo.InvariantCulture));
            Pair(emitter, "rejected", v.Rejected?.ToString(CultureInfo.InvariantCulture));
            Pair(emitter, "rejectLog", v.RejectLog);
            Pair(emitter, "sampled", v.Sampled?.ToString(CultureInfo.InvariantCulture));
            emitter.Emit(new MappingEnd());
        }

        if (shard.Source is { } source)
        {
            Key(emitter, "source");
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            Pair(emitter, "name", source.Name);
            Pair(emitter, "license", source.License);
            Pair(emitter, "url", source.Url);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
    }

    private static string Name(string enumName) => enumName.ToLowerInvariant();

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Key(IEmitter emitter, string key) => Scalar(emitter, key);

    private static void Pair(IEmitter emitter, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        Key(emitter, key);
        Scalar(emitter, value);
    }

    private static void Scalar(IEmitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Any, true, true));
}
