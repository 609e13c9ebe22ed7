using System.Diagnostics;

namespace Provenance.Cli.Tests.Browser;

/// <summary>
/// Headless Chromium (Debian package <c>chromium</c>, installed by <c>.ci/run</c>) driven from the command line: the DOM
/// after the page's scripts ran (<c>--dump-dom</c>), a screenshot and a printed PDF. Network access is blocked (every
/// host resolves to nothing) and the browser's console goes to stderr, so a test can assert that a page loads nothing
/// and logs no error.
/// </summary>
public static class Chromium
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The browser on the PATH, or null.</summary>
    public static string? Executable => Found.Value;

    /// <summary>Why a browser test cannot run here, or null when it can (on CI, CI=true, a missing browser is a failure, not a skip).</summary>
    public static string? SkipReason =>
        Executable is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it); skipped locally, a failure when CI=true";

    /// <summary>The DOM of <paramref name="url"/> after its scripts ran.</summary>
    public static ChromiumRun DumpDom(string url) => Run(null, "--dump-dom", url);

    /// <summary>A PNG screenshot of <paramref name="url"/> at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static ChromiumRun Screenshot(string url, string png, int width = 1280, int height = 1600) =>
        Run(png, "--hide-scrollbars", $"--window-size={width},{height}", "--screenshot=" + png, url);

    /// <summary>The page printed to PDF (its <c>@media print</c> styles).</summary>
    public static ChromiumRun PrintToPdf(string url, string pdf) => Run(pdf, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, url);

    private static ChromiumRun Run(string? outputFile, params string[] args)
    {
        string executable = Executable ?? throw new InvalidOperationException(
            "chromium is not installed but CI=true: the HTML audit must be checked in a real browser. .ci/run installs it (apt-get install chromium).");
        string profile = Path.Combine(Path.GetTempPath(), "provenance-chromium", Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
        }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish in 180 s");
        }

        watch.Stop();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }

        var run = new ChromiumRun(process.ExitCode, output.Result, error.Result, watch.Elapsed);
        Assert.True(run.ExitCode == 0 && (outputFile is null || File.Exists(outputFile)), $"chromium {string.Join(' ', args)} exited {run.ExitCode}:\n{run.Stderr}");
        return run;
    }

    private static string? Find()
    {
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>One browser run: its exit code, stdout (the DOM for <c>--dump-dom</c>), stderr (the console log) and wall time.</summary>
public sealed record ChromiumRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Lines the page's console wrote (errors, warnings, logs, CSP violations).</summary>
    public IReadOnlyList<string> ConsoleLines => Stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
}

/// <summary>A fact that needs Chromium: skipped with a clear message when it is absent locally; run (and failing) when CI=true.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
