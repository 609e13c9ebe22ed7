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
        var command = new Command("seal", "Compute records, tokens, bytes and sha256 digest of every local shard and write them into the manifest (comments kept); record fingerprints go to the fingerprint cache.")
        {
            manifestArgument, noFingerprints,
        };
        command.SetAction(parseResult =>
        {
            string manifest = CommonOptions.ResolveManifest(context, parseResult.GetValue(manifestArgument));
            var store = parseResult.GetValue(noFingerprints) ? null : CommonOptions.FingerprintStore(context);
            var result = ProgressDisplay.Run(context, "Sealing shards", progress => ManifestSealer.Seal(manifest, progress, store));
            string shown = context.Environment.DisplayPath(result.ManifestPath);
            if (!result.Succeeded)
            {
                DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
                context.Out.WriteLine($"{shown}: not sealed. Failed: {DiagnosticFormatter.Counts(result.Diagnostics)}.");
                return ExitCodes.For(result.Diagnostics);
            }

            DiagnosticFormatter.WriteText(context.Out, result.Notes, context.Environment);
            context.Out.WriteLine(result.ShardsChanged == 0
                ? $"{shown}: {DiagnosticFormatter.Plural(result.ShardsSealed, "shard")} sealed, all up to date."
                : $"{shown}: {DiagnosticFormatter.Plural(result.ShardsSealed, "shard")} sealed, {result.ShardsChanged} updated.");
            return ExitCodes.Passed;
        });
        return command;
    }
}
