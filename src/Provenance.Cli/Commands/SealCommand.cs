using System.CommandLine;
using Provenance.Cli.Output;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance seal [MANIFEST]</c>: computes <c>records</c>, <c>tokens</c>, <c>bytes</c> and <c>digest</c> of every local
/// shard and writes them into the manifest in place, keeping its comments (<see cref="ManifestSealer.Seal"/>); in the same
/// pass, each record's fingerprint, into the fingerprint cache (<c>--no-fingerprints</c> for a digest-only seal).
/// </summary>
internal static class SealCommand
{
    public static Command Create(CliContext context)
    {
        var manifestArgument = CommonOptions.ManifestArgument();
        var noFingerprints = new Option<bool>("--no-fingerprints")
        {
            Description = "Digest and amounts only: do not compute the records' fingerprints (written by default to the fingerprint cache, $XDG_CACHE_HOME/provenance/fingerprints).",
        };
        var partition = new Option<string?>("--partition")
        {
            Description = "Seal only partition I of N (0-based, e.g. 0/4) of every shard set into partial indexes beside the set's index; the manifest is not changed. Run one per job, then --merge.",
            HelpName = "I/N",
        };
        var merge = new Option<bool>("--merge")
        {
            Description = "Join the partial indexes written by --partition into each set's index and seal the manifest (the result is what one seal writes); the partials are deleted.",
        };
        var command = new Command("seal", "Compute records, tokens, bytes and sha256 digest of every local shard and write them into the manifest (comments kept); a shard set's files go to its index. Record fingerprints go to the fingerprint cache.")
        {
            manifestArgument, noFingerprints, partition, merge,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(partition) is { } text && Provenance.Manifest.Sets.SealPartition.Parse(text) is null)
            {
                result.AddError($"--partition takes I/N with 0 <= I < N, for example 0/4; '{text}' is not one.");
            }

            if (result.GetValue(partition) is not null && result.GetValue(merge))
            {
                result.AddError("--partition and --merge are separate steps: run --partition I/N in each job, then --merge once.");
            }
        });
        command.SetAction(parseResult =>
        {
            string manifest = CommonOptions.ResolveManifest(context, parseResult.GetValue(manifestArgument));
            var store = parseResult.GetValue(noFingerprints) ? null : CommonOptions.FingerprintStore(context);
            var part = parseResult.GetValue(partition) is { } text ? Provenance.Manifest.Sets.SealPartition.Parse(text) : null;
            bool merging = parseResult.GetValue(merge);
            var result = ProgressDisplay.Run(context, part is null ? "Sealing shards" : $"Sealing partition {part}", progress => ManifestSealer.Seal(manifest, progress, store, part, merging));
            string shown = context.Environment.DisplayPath(result.ManifestPath);
            if (!result.Succeeded)
            {
                DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
                context.Out.WriteLine($"{shown}: not sealed. Failed: {DiagnosticFormatter.Counts(result.Diagnostics)}.");
                return ExitCodes.For(result.Diagnostics);
            }

            DiagnosticFormatter.WriteText(context.Out, result.Notes, context.Environment);
            if (part is not null)
            {
                context.Out.WriteLine($"{shown}: partition {part} of {DiagnosticFormatter.Plural(result.ShardsSealed, "shard set")} sealed into partial indexes; run 'provenance seal --merge' once every partition is done.");
                return ExitCodes.Passed;
            }

            context.Out.WriteLine(result.ShardsChanged == 0
                ? $"{shown}: {DiagnosticFormatter.Plural(result.ShardsSealed, "shard")} sealed, all up to date."
                : $"{shown}: {DiagnosticFormatter.Plural(result.ShardsSealed, "shard")} sealed, {result.ShardsChanged} updated.");
            return ExitCodes.Passed;
        });
        return command;
    }
}
