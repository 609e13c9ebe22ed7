using System.Diagnostics;

namespace Provenance.Manifest.Tests.Helpers;

/// <summary>Runs a real command-line tool (gzip, zstd, sha256sum, node) as a reference implementation.</summary>
public static class Tool
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(string program, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{program}' is not installed ({ex.Message}); .ci/run installs it (Debian package).", ex);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
            return output;
        }
    }

    /// <summary>The digest of a file as <c>sha256sum</c> computes it, written as a manifest digest.</summary>
    public static string Sha256Sum(string path) => "sha256:" + Run("sha256sum", null, path).Split(' ')[0];
}
