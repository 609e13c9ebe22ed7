using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Provenance.Cli.Output;
using Provenance.Manifest.Locking;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Writing;

namespace Provenance.Cli.Commands;

/// <summary>
/// <c>provenance group SET-ID GLOB... [--manifest M]</c>: turns the single-file shard entries whose paths match the globs
/// (one origin and lineage, all sealed) into one shard set with <c>files:</c> = the globs, its index built from the
/// entries' sealed values (no data file is read), and the manifest edited in place (<see cref="ShardGrouper.Group"/>).
/// </summary>
internal static class GroupCommand
{
    public static Command Create(CliContext context)
    {
        var setId = CommonOptions.RejectOptionLike(new Argument<string>("SET-ID") { Description = "The id of the new shard set; must not be the id of a shard the globs leave out." });
        var globs = CommonOptions.RejectOptionLike(new Argument<string[]>("GLOB")
        {
            Description = "Globs relative to the manifest's folder ('*' and '?' within a name, '**' any number of folders), quoted so the shell leaves them alone; they become the set's files:.",
            Arity = ArgumentArity.OneOrMore,
        });
        var manifestOption = new Option<string?>("--manifest", "-m") { Description = "The manifest. Default: ./provenance.yaml.", HelpName = "file" };
        var command = new Command("group", "Turn the sealed single-file shards whose paths match the globs (one origin and lineage) into one shard set: its index is built from their sealed values, the manifest is edited in place (comments kept).")
        {
            setId, globs, manifestOption,
        };
        command.SetAction(parseResult =>
        {
            string manifest = CommonOptions.ResolveManifest(context, parseResult.GetValue(manifestOption));
            string id = parseResult.GetRequiredValue(setId);
            var patterns = parseResult.GetValue(globs) ?? Array.Empty<string>();
            foreach (string glob in patterns)
            {
                if (FileGlob.Problem(glob) is { } problem)
                {
                    return context.Fail($"Glob '{glob}' is not usable: {problem}.");
                }
            }

            var result = ShardGrouper.Group(manifest, id, patterns);
            string shown = context.Environment.DisplayPath(result.ManifestPath);
            if (!result.Succeeded)
            {
                DiagnosticFormatter.WriteText(context.Out, result.Diagnostics, context.Environment);
                context.Out.WriteLine($"{shown}: not changed. Failed: {DiagnosticFormatter.Counts(result.Diagnostics)}.");
                return ExitCodes.For(result.Diagnostics);
            }

            string count = result.Grouped.ToString("N0", CultureInfo.InvariantCulture);
            context.Out.WriteLine($"{shown}: {count} shard{(result.Grouped == 1 ? string.Empty : "s")} grouped into set '{result.SetId}' (index {result.IndexPath}).");
            string lockPath = LockFile.PathFor(result.ManifestPath);
            if (File.Exists(lockPath))
            {
                // The lock still protects every grouped file by its digest; locked mode (CI) wants the set itself recorded (PROV2009).
                string lockName = Path.GetFileName(lockPath);
                context.Out.WriteLine($"Next: 'provenance lock' to record the set in {lockName} (locked mode asks for it), then commit {lockName}, the manifest and the index.");
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
