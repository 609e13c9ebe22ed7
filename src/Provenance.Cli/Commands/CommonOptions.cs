using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using Provenance.Manifest;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Policy;

namespace Provenance.Cli.Commands;

/// <summary>Arguments and options shared by <c>check</c>, <c>lock</c>, <c>seal</c> and <c>audit</c>, and their mapping onto <see cref="CheckOptions"/>.</summary>
internal sealed class CommonOptions
{
    /// <summary>The default manifest name.</summary>
    public const string DefaultManifest = "provenance.yaml";

    private readonly CliContext _context;

    public CommonOptions(CliContext context)
    {
        _context = context;
        Manifest = ManifestArgument();
        // No DefaultValueFactory where the default depends on CI: help would print the one this machine computes as
        // "[default: changed]" beside the description's "all when CI=true", two defaults that contradict each other.
        Verify = new Option<string?>("--verify")
        {
            Description = "How much to hash: 'changed' re-hashes files whose size or mtime changed (digest cache), 'all' hashes every file, 'none' trusts declared digests. Default: all when CI=true, else changed.",
            HelpName = "changed|all|none",
        };
        Verify.AcceptOnlyFromAmong("changed", "all", "none");
        Lfs = new Option<string>("--lfs")
        {
            Description = "A git-lfs pointer where a shard's content should be: 'auto' verifies it against the manifest by its oid and size (content when present); 'content' refuses pointers (run 'git lfs pull').",
            HelpName = "auto|content",
            DefaultValueFactory = _ => "auto",
        };
        Lfs.AcceptOnlyFromAmong("auto", "content");
        Locked = new Option<bool?>("--locked")
        {
            Description = "Locked mode: human shards missing from the lock file are errors (PROV2009). Default: on when CI=true. '--locked false' turns it off.",
        };
        HumanFloor = FractionOption("--human-floor", "Overrides policy.humanFloor: a fraction 0-1 (0.25) or a percentage (25%), as MSBuild's ProvenanceHumanFloor.");
        DigestCache = new Option<string?>("--digest-cache")
        {
            Description = "The digest cache file for --verify changed. Default: $XDG_CACHE_HOME/provenance/digests-<hash of the manifest path>.json (~/.cache when XDG_CACHE_HOME is unset).",
            HelpName = "file",
        };
    }

    public Argument<string?> Manifest { get; }

    public Option<string?> Verify { get; }

    public Option<string> Lfs { get; }

    public Option<bool?> Locked { get; }

    public Option<double?> HumanFloor { get; }

    public Option<string?> DigestCache { get; }

    /// <summary>The <c>MANIFEST</c> argument (zero or one).</summary>
    public static Argument<string?> ManifestArgument() => RejectOptionLike(new Argument<string?>("MANIFEST")
    {
        Description = "The manifest; a folder means its provenance.yaml. Default: ./provenance.yaml.",
        Arity = ArgumentArity.ZeroOrOne,
    });

    /// <summary>
    /// An option whose value is a fraction, parsed by the engine's <see cref="Fraction"/> so that the CLI accepts what
    /// MSBuild accepts (<c>0.25</c> or <c>25%</c>); anything else is a usage error that names the option and the forms.
    /// </summary>
    public static Option<double?> FractionOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "fraction",
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Fraction.TryParse(value, out double fraction))
            {
                return fraction;
            }

            result.AddError($"{name} is '{value}'; expected {Fraction.Expected}.");
            return null;
        },
    };

    /// <summary>
    /// Makes an unknown option (<c>--bogus</c>) a usage error instead of a file name: System.CommandLine hands tokens it
    /// does not know to an open argument slot. A file whose name starts with '-' can still be named as <c>./-name</c>.
    /// </summary>
    public static Argument<T> RejectOptionLike<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        return argument;
    }

    /// <summary>Adds <see cref="Manifest"/> and the check options to <paramref name="command"/>.</summary>
    public void AddCheckOptionsTo(Command command, bool includeLocked)
    {
        command.Arguments.Add(Manifest);
        command.Options.Add(Verify);
        command.Options.Add(Lfs);
        if (includeLocked)
        {
            command.Options.Add(Locked);
        }

        command.Options.Add(HumanFloor);
        command.Options.Add(DigestCache);
    }

    /// <summary>The full path of the manifest named by <paramref name="argument"/> (a folder means its provenance.yaml).</summary>
    public string ResolveManifest(ParseResult parseResult) => ResolveManifest(_context, parseResult.GetValue(Manifest));

    /// <summary>The full path of <paramref name="value"/>, or ./provenance.yaml when null; a folder means its provenance.yaml.</summary>
    public static string ResolveManifest(CliContext context, string? value)
    {
        string full = context.Environment.ResolvePath(value ?? DefaultManifest);
        return Directory.Exists(full) ? Path.Combine(full, DefaultManifest) : full;
    }

    /// <summary>The engine options for a check of <paramref name="manifestPath"/>.</summary>
    public CheckOptions ToCheckOptions(ParseResult parseResult, string manifestPath, bool includeLocked)
    {
        var verify = (parseResult.GetValue(Verify) ?? (_context.Environment.IsCI ? "all" : "changed")) switch
        {
            "all" => VerifyMode.All,
            "none" => VerifyMode.None,
            _ => VerifyMode.Changed,
        };
        string? cache = null;
        if (verify == VerifyMode.Changed)
        {
            cache = parseResult.GetValue(DigestCache) is { } explicitCache
                ? _context.Environment.ResolvePath(explicitCache)
                : _context.Environment.DigestCachePath(manifestPath);
        }

        return new CheckOptions
        {
            Verify = verify,
            DigestCachePath = cache,
            LockedMode = includeLocked && (parseResult.GetValue(Locked) ?? _context.Environment.IsCI),
            UpdateLock = false,
            HumanFloor = parseResult.GetValue(HumanFloor),
            Lfs = parseResult.GetValue(Lfs) == "content" ? Provenance.Manifest.Content.LfsMode.Content : Provenance.Manifest.Content.LfsMode.Auto,
            FingerprintDirectory = FingerprintStore(_context)?.Directory,
        };
    }

    /// <summary>The fingerprint cache, <c>$XDG_CACHE_HOME/provenance/fingerprints</c>; null when no home folder is known.</summary>
    public static Provenance.Manifest.Content.FingerprintStore? FingerprintStore(CliContext context) =>
        context.Environment.CacheDirectory("fingerprints") is { } directory ? new Provenance.Manifest.Content.FingerprintStore(directory) : null;
}
