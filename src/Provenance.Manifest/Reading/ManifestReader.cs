using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Provenance.Manifest.Diagnostics;
using Provenance.Manifest.Diversity;
using Provenance.Manifest.Model;
using Provenance.Manifest.Yaml;

namespace Provenance.Manifest.Reading;

/// <summary>
/// Reads a manifest file into a <see cref="ShardManifest"/> and reports every syntax and schema problem
/// (<c>PROV1001</c>–<c>PROV1008</c>, <c>PROV1018</c>–<c>PROV1020</c>) at its 1-based line and column.
/// Never throws for bad input: the result carries the diagnostics and, when the file could be read at all,
/// the parts of the model that were valid.
/// </summary>
public static class ManifestReader
{
    /// <summary>Manifests larger than this (64 MiB) are refused before reading.</summary>
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    /// <summary>From this many shards on, shards are read and their files checked on all cores.</summary>
    internal const int ParallelThreshold = 2000;

    internal static readonly Dictionary<string, ShardOrigin> Origins = new(StringComparer.Ordinal)
    {
        ["human"] = ShardOrigin.Human, ["synthetic"] = ShardOrigin.Synthetic, ["mixed"] = ShardOrigin.Mixed, ["unknown"] = ShardOrigin.Unknown,
    };


    internal static readonly Dictionary<string, Measure> Measures = new(StringComparer.Ordinal)
    {
        ["tokens"] = Measure.Tokens, ["records"] = Measure.Records, ["bytes"] = Measure.Bytes,
    };

    internal static readonly Dictionary<string, AccumulateMode> AccumulateModes = new(StringComparer.Ordinal)
    {
        ["required"] = AccumulateMode.Required, ["warn"] = AccumulateMode.Warn, ["off"] = AccumulateMode.Off,
    };

    internal static readonly Dictionary<string, DiversityMetric> DiversityMetricNames = new(StringComparer.Ordinal)
    {
        ["distinct-2"] = DiversityMetric.Distinct2, ["tail-survival"] = DiversityMetric.TailSurvival,
    };

    internal static readonly Dictionary<string, VerificationMethod> Methods = new(StringComparer.Ordinal)
    {
        ["human-review"] = VerificationMethod.HumanReview, ["ground-truth"] = VerificationMethod.GroundTruth,
        ["reward-model"] = VerificationMethod.RewardModel, ["llm-judge"] = VerificationMethod.LlmJudge, ["none"] = VerificationMethod.None,
    };

    /// <summary>True when <paramref name="digest"/> has the form <c>sha256:</c> + 64 lowercase hex digits.</summary>
    public static bool IsValidDigest(string digest)
    {
        if (digest.Length != 71 || !digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 7; i < digest.Length; i++)
        {
            char c = digest[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs the YAML parser's one-time set-up now (see <see cref="ManifestChecker.Prepare"/>): the first document
    /// YamlDotNet parses runs its <c>TagDirective</c> static constructor, which builds a <c>Regex</c> with
    /// <c>RegexOptions.Compiled</c> (Reflection.Emit and a JIT compilation, about 15 ms).
    /// </summary>
    internal static void PrepareParser() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(YamlDotNet.Core.Constants).TypeHandle);

    /// <summary>Reads and parses the manifest at <paramref name="path"/>.</summary>
    /// <param name="path">A manifest file; made absolute.</param>
    /// <returns>The model (null when the file is unreadable or not a YAML mapping) and every diagnostic found.</returns>
    public static ManifestReadResult ReadFile(string path)
    {
        string full = Path.GetFullPath(path);
        var diagnostics = new List<ManifestDiagnostic>();
        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ManifestUnreadable, full, SourceSpan.FileStart,
                    Directory.Exists(full) ? "The manifest path is a directory, not a file." : "The manifest file does not exist." + OtherManifestsBeside(full)));
                return new ManifestReadResult(null, diagnostics);
            }

            if (info.Length > MaxManifestBytes)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ManifestUnreadable, full, SourceSpan.FileStart,
                    $"The manifest is {info.Length} bytes, larger than the limit of {MaxManifestBytes} bytes; split the mix into several manifests."));
                return new ManifestReadResult(null, diagnostics);
            }

            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.ManifestUnreadable, full, SourceSpan.FileStart,
                "The manifest cannot be read: " + ex.Message));
            return new ManifestReadResult(null, diagnostics);
        }

        var root = YamlDocumentReader.Read(bytes, full, diagnostics);
        return new ManifestReadResult(root is null ? null : FromNode(root, full, diagnostics), diagnostics);
    }

    /// <summary>
    /// For a manifest that does not exist: the manifests its folder does hold (<c>provenance.yaml</c>, <c>*.provenance.yaml</c>),
    /// so that <c>check</c> in a folder with only <c>gen2.provenance.yaml</c> names it instead of only saying what is missing.
    /// </summary>
    private static string OtherManifestsBeside(string full)
    {
        try
        {
            string? folder = Path.GetDirectoryName(full);
            if (folder is null || !Directory.Exists(folder))
            {
                return " Its folder does not exist either.";
            }

            var found = Directory.EnumerateFiles(folder, "*.yaml")
                .Select(Path.GetFileName)
                .Where(name => name == "provenance.yaml" || name!.EndsWith(".provenance.yaml", StringComparison.Ordinal))
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();
            return found.Count switch
            {
                0 => string.Empty,
                1 => $" Its folder holds the manifest {found[0]}: did you mean that one?",
                _ => $" Its folder holds the manifests {string.Join(", ", found.Take(5))}{(found.Count > 5 ? $" and {found.Count - 5} more" : string.Empty)}: name one of them.",
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return string.Empty;
        }
    }

    /// <summary>Parses manifest text (for tests and editors); <paramref name="filePath"/> is used for diagnostics and relative paths.</summary>
    public static ManifestReadResult ReadText(string text, string filePath)
    {
        var diagnostics = new List<ManifestDiagnostic>();
        var root = YamlDocumentReader.Read(text, filePath, diagnostics);
        return new ManifestReadResult(root is null ? null : FromNode(root, filePath, diagnostics), diagnostics);
    }

    private static ShardManifest? FromNode(YNode root, string file, List<ManifestDiagnostic> diagnostics)
    {
        if (root is not YMapping rootMapping)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, root.Span,
                $"The manifest must be a YAML mapping with the keys provenance, dataset and shards, not {MappingReader.Describe(root)}."));
            return null;
        }

        var r = new MappingReader(rootMapping, "the manifest", file, diagnostics);
        r.ReportUnknownKeys("provenance", "dataset", "description", "parent", "policy", "shards", "removed");
        var manifest = new ShardManifest { Node = rootMapping, FilePath = file };

        long? version = r.Integer("provenance", 0, required: true);
        if (version is { } v)
        {
            if (v != ShardManifest.CurrentVersion)
            {
                r.Report(DiagnosticRegistry.UnsupportedVersion, r.Node("provenance")!,
                    $"Manifest format version {v} is not supported; this version of Provenance reads version {ShardManifest.CurrentVersion}.");
                return null;
            }
        }

        manifest.Dataset = r.String("dataset", required: true) ?? string.Empty;
        manifest.Description = r.String("description");
        manifest.Parent = r.String("parent");
        if (manifest.Parent is { Length: 0 })
        {
            manifest.Parent = null;
        }

        if (r.Mapping("policy") is { } policyNode)
        {
            manifest.Policy = ReadPolicy(policyNode, file, diagnostics);
        }

        if (r.Sequence("shards", required: true) is { } shards)
        {
            var ids = new Dictionary<string, Shard>(StringComparer.Ordinal);
            // Shards are independent: read them on all cores when there are many, then merge in file order.
            var read = new (Shard? Shard, List<ManifestDiagnostic> Diagnostics)[shards.Items.Count];
            void ReadAt(int i)
            {
                var local = new List<ManifestDiagnostic>();
                var item = shards.Items[i];
                if (item is YMapping shardNode)
                {
                    read[i] = (ReadShard(shardNode, i, file, local), local);
                }
                else
                {
                    local.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, item.Span,
                        $"Shard {i + 1} must be a mapping with at least id, origin and path, not {MappingReader.Describe(item)}."));
                    read[i] = (null, local);
                }
            }

            if (shards.Items.Count >= ParallelThreshold)
            {
                System.Threading.Tasks.Parallel.For(0, shards.Items.Count, ReadAt);
            }
            else
            {
                for (int i = 0; i < shards.Items.Count; i++)
                {
                    ReadAt(i);
                }
            }

            foreach (var (shard, shardDiagnostics) in read)
            {
                diagnostics.AddRange(shardDiagnostics);
                if (shard is null)
                {
                    continue;
                }

                if (shard.Id.Length > 0 && ids.TryGetValue(shard.Id, out var first))
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.DuplicateShardId, file, shard.ValueSpan("id"),
                        $"Shard id '{shard.Id}' is already used by the shard at line {first.ValueSpan("id").Line}; shard ids must be unique."));
                    continue;
                }

                ids[shard.Id] = shard;
                manifest.Shards.Add(shard);
            }
        }

        if (r.Sequence("removed") is { } removed)
        {
            foreach (var item in removed.Items)
            {
                if (item is not YMapping removedNode)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, item.Span,
                        $"A removed entry must be a mapping with digest, reason and approvedBy, not {MappingReader.Describe(item)}."));
                    continue;
                }

                var rr = new MappingReader(removedNode, "a removed entry", file, diagnostics);
                rr.ReportUnknownKeys("digest", "id", "reason", "approvedBy");
                var entry = new RemovedShard
                {
                    Node = removedNode,
                    Digest = ReadDigest(rr, "digest", required: true),
                    Id = rr.String("id"),
                    Reason = rr.String("reason", required: true),
                    ApprovedBy = rr.String("approvedBy", required: true),
                };
                manifest.Removed.Add(entry);
            }
        }

        return manifest;
    }

    private static ManifestPolicy ReadPolicy(YMapping node, string file, List<ManifestDiagnostic> diagnostics)
    {
        var r = new MappingReader(node, "policy", file, diagnostics);
        r.ReportUnknownKeys("measure", "humanFloor", "humanFloorWarn", "accumulate", "maxGeneration", "requireVerification", "humanEpochCap", "maxLeakedRecords", "diversity");
        var policy = new ManifestPolicy { Node = node };
        policy.Measure = r.Enum("measure", Measures) ?? policy.Measure;
        policy.HumanFloor = r.Number("humanFloor", 0, 1) ?? policy.HumanFloor;
        policy.HumanFloorWarn = r.Number("humanFloorWarn", 0, 1) ?? policy.HumanFloorWarn;
        policy.Accumulate = r.Enum("accumulate", AccumulateModes) ?? policy.Accumulate;
        long? maxGeneration = r.Integer("maxGeneration", 0);
        if (maxGeneration > 1_000_000)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node("maxGeneration")!, $"'maxGeneration' in policy is implausibly large ({maxGeneration}); use at most 1000000, or leave it out for no limit.");
            maxGeneration = null;
        }

        policy.MaxGeneration = (int?)maxGeneration;
        policy.RequireVerification = r.Boolean("requireVerification") ?? false;
        policy.HumanEpochCap = r.Number("humanEpochCap", 0, 1e6, minExclusive: true) ?? policy.HumanEpochCap;
        policy.MaxLeakedRecords = r.Integer("maxLeakedRecords", 0) ?? 0;
        if (r.Has("diversity"))
        {
            policy.Diversity = r.Mapping("diversity") is { } diversityNode ? ReadDiversity(diversityNode, file, diagnostics) : null;
        }

        return policy;
    }

    private static DiversityPolicy ReadDiversity(YMapping node, string file, List<ManifestDiagnostic> diagnostics)
    {
        var r = new MappingReader(node, "policy.diversity", file, diagnostics);
        r.ReportUnknownKeys("metric", "maxDrop");
        var diversity = new DiversityPolicy { Node = node };
        diversity.Metric = r.Enum("metric", DiversityMetricNames) ?? diversity.Metric;
        diversity.MaxDrop = r.Number("maxDrop", 0, 1) ?? diversity.MaxDrop;
        return diversity;
    }

    private static Shard ReadShard(YMapping node, int index, string file, List<ManifestDiagnostic> diagnostics)
    {
        var idNode = node.Get("id") as YScalar;
        string where = idNode is { IsNull: false } ? $"shard '{idNode.Value}'" : $"shard {index + 1}";
        var r = new MappingReader(node, where, file, diagnostics);
        r.ReportUnknownKeys("id", "path", "uri", "files", "index", "fileCount", "origin", "format", "compression", "textField", "records", "tokens", "bytes", "digest", "weight",
            "humanFraction", "generation", "generator", "derivedFrom", "verification", "source");
        var shard = new Shard { Node = node };
        shard.Id = r.String("id", required: true) ?? string.Empty;
        shard.Path = r.String("path");
        shard.Uri = r.String("uri");
        ReadFiles(r, node, shard, where, file, diagnostics);
        int locations = (shard.Path is null ? 0 : 1) + (shard.Uri is null ? 0 : 1) + (r.Has("files") ? 1 : 0);
        if (locations == 0)
        {
            diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.MissingKey, file, r.Node("id")?.Span ?? node.Span,
                $"{Capital(where)} needs a 'path' (a file under the manifest's folder), 'files' (globs naming a shard set) or a 'uri'."));
        }
        else if (locations > 1)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node(shard.Uri is not null ? "uri" : "files")!, $"{Capital(where)} has more than one of 'path', 'files' and 'uri'; give one.");
        }

        if (!shard.IsSet)
        {
            foreach (string setKey in new[] { "index", "fileCount" })
            {
                if (r.Has(setKey))
                {
                    r.Report(DiagnosticRegistry.InvalidValue, r.Node(setKey)!, $"'{setKey}' applies only to a shard set (an entry with 'files:').");
                }
            }
        }
        else
        {
            shard.Index = r.String("index");
            shard.FileCount = r.Integer("fileCount");
        }

        shard.Origin = r.Enum("origin", Origins, required: true) ?? ShardOrigin.Unknown;
        var inferred = Content.ShardFormats.Infer(shard.Path ?? shard.Uri ?? (shard.IsSet ? shard.Files[0] : string.Empty));
        shard.Format = r.Enum("format", Content.ShardFormats.Names) ?? inferred.Format ?? ShardFormat.Jsonl;
        var compression = r.Enum("compression", Content.ShardFormats.CompressionNames);
        shard.Compression = compression ?? (Content.ShardFormats.IsStreamed(shard.Format) ? inferred.Compression : ShardCompression.None);
        shard.TextField = r.String("textField");
        if (Content.ShardFormats.KeyProblem(shard.Format, compression ?? ShardCompression.None, shard.TextField) is { } keyProblem)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node(keyProblem.Key)!, keyProblem.Message);
            shard.TextField = keyProblem.Key == "textField" ? null : shard.TextField;
        }

        shard.Records = r.Integer("records");
        shard.Tokens = r.Integer("tokens");
        shard.Bytes = r.Integer("bytes");
        shard.Digest = ReadDigest(r, "digest", required: false);
        shard.Weight = r.Number("weight", 0, 1e6) ?? 1;
        shard.HumanFraction = r.Number("humanFraction", 0, 1);
        if (shard.HumanFraction is not null && shard.Origin != ShardOrigin.Mixed)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node("humanFraction")!, $"'humanFraction' applies only to shards with origin 'mixed'.");
        }

        long? generation = r.Integer("generation", 0);
        if (generation > 1_000_000)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node("generation")!, $"'generation' in {where} is implausibly large ({generation}).");
            generation = null;
        }

        shard.Generation = (int?)generation;
        if (shard.Origin == ShardOrigin.Human && shard.Generation is > 0)
        {
            r.Report(DiagnosticRegistry.InvalidValue, r.Node("generation")!, $"A human shard is generation 0, not {shard.Generation}.");
        }

        if (r.Mapping("generator") is { } generatorNode)
        {
            var g = new MappingReader(generatorNode, where + " generator", file, diagnostics);
            g.ReportUnknownKeys("model", "trainedOn", "decoding");
            var generator = new GeneratorInfo { Node = generatorNode, Model = g.String("model"), TrainedOn = g.String("trainedOn") };
            if (g.Mapping("decoding") is { } decoding)
            {
                foreach (var entry in decoding.Entries)
                {
                    if (entry.Value is YScalar value)
                    {
                        generator.Decoding[entry.Key.Value] = value.Value;
                    }
                    else
                    {
                        diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, entry.Value.Span,
                            $"Decoding setting '{entry.Key.Value}' must be a scalar, not {entry.Value.KindName}."));
                    }
                }
            }

            shard.Generator = generator;
        }

        if (r.Sequence("derivedFrom") is { } derived)
        {
            foreach (var item in derived.Items)
            {
                if (item is YScalar { IsNull: false } id)
                {
                    shard.DerivedFrom.Add(id.Value);
                }
                else
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, item.Span,
                        $"Each 'derivedFrom' entry must be a shard id, not {MappingReader.Describe(item)}."));
                }
            }
        }

        if (r.Mapping("verification") is { } verificationNode)
        {
            var v = new MappingReader(verificationNode, where + " verification", file, diagnostics);
            v.ReportUnknownKeys("method", "verifier", "accepted", "rejected", "rejectLog", "sampled");
            shard.Verification = new VerificationInfo
            {
                Node = verificationNode,
                Method = v.Enum("method", Methods, required: true) ?? VerificationMethod.None,
                Verifier = v.String("verifier"),
                Accepted = v.Integer("accepted"),
                Rejected = v.Integer("rejected"),
                RejectLog = v.String("rejectLog"),
                Sampled = v.Integer("sampled"),
            };
        }

        if (r.Mapping("source") is { } sourceNode)
        {
            var s = new MappingReader(sourceNode, where + " source", file, diagnostics);
            s.ReportUnknownKeys("name", "license", "url");
            shard.Source = new SourceInfo { Node = sourceNode, Name = s.String("name"), License = s.String("license"), Url = s.String("url") };
        }

        return shard;
    }

    /// <summary>Reads <c>files:</c>, one glob or a sequence of globs; each must be a relative path (PROV1009 for an unsafe one is reported when the set is checked).</summary>
    private static void ReadFiles(MappingReader r, YMapping node, Shard shard, string where, string file, List<ManifestDiagnostic> diagnostics)
    {
        switch (r.Node("files"))
        {
            case null:
                return;
            case YScalar { IsNull: false } one:
                Add(one);
                break;
            case YSequence globs:
                foreach (var item in globs.Items)
                {
                    if (item is YScalar { IsNull: false } glob)
                    {
                        Add(glob);
                    }
                    else
                    {
                        diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, item.Span,
                            $"Each 'files' entry of {where} must be a glob such as data/c4/en/c4-train.*.json.gz, not {MappingReader.Describe(item)}."));
                    }
                }

                if (globs.Items.Count == 0)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.InvalidValue, file, globs.Span, $"'files' of {where} is empty; name at least one glob."));
                }

                break;
            case { } other:
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.WrongType, file, other.Span,
                    $"'files' of {where} must be a glob or a list of globs, not {MappingReader.Describe(other)}."));
                break;
        }

        void Add(YScalar glob)
        {
            if (Sets.FileGlob.Problem(glob.Value) is { } problem)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticRegistry.UnsafePath, file, glob.Span, $"Glob '{glob.Value}' of {where} is not usable: {problem}."));
                return;
            }

            shard.Files.Add(glob.Value);
        }
    }

    private static string? ReadDigest(MappingReader r, string key, bool required)
    {
        string? digest = r.String(key, required);
        if (digest is null)
        {
            return null;
        }

        if (!IsValidDigest(digest))
        {
            string hint = digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)
                ? "sha256: must be followed by 64 lowercase hexadecimal digits"
                : "only sha256 is supported, written sha256:<64 lowercase hex digits>";
            r.Report(DiagnosticRegistry.InvalidDigest, r.Node(key)!, $"Digest {MappingReader.Show(digest)} is not valid: {hint}.");
            return null;
        }

        return digest;
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);
}

/// <summary>The result of reading a manifest: the model (null when unusable) and the diagnostics, in file order.</summary>
public sealed class ManifestReadResult
{
    internal ManifestReadResult(ShardManifest? manifest, List<ManifestDiagnostic> diagnostics)
    {
        Manifest = manifest;
        Diagnostics = diagnostics;
    }

    /// <summary>The manifest, or null when the file is unreadable, not YAML, or not a mapping.</summary>
    public ShardManifest? Manifest { get; }

    /// <summary>Syntax and schema diagnostics.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }
}
