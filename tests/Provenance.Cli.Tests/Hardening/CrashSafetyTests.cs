using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest;
using Provenance.Manifest.Digests;
using Provenance.Manifest.Locking;

namespace Provenance.Cli.Tests.Hardening;

/// <summary>
/// Crash safety with real processes: a <c>provenance lock</c> killed at random moments leaves the old lock intact
/// and readable, two concurrent <c>provenance lock</c> runs end with one valid lock, and no command writes a shard.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Shards = 20_000;

    [Fact]
    public async Task Lock_killed_mid_write_leaves_the_old_or_the_new_lock_never_a_torn_one()
    {
        using var folder = new TempFolder();
        PrepareLargeMix(folder);
        byte[] oldBytes = File.ReadAllBytes(folder.LockPath);

        // One full run first: it must succeed, and its duration sets the window in which to kill the others.
        var watch = Stopwatch.StartNew();
        using (var full = StartTool(folder, "lock", "--verify", "none"))
        {
            await full.WaitForExitAsync();
            Assert.True(full.ExitCode == 0, "provenance lock failed: exit " + full.ExitCode);
        }

        byte[] newBytes = File.ReadAllBytes(folder.LockPath);
        Assert.False(newBytes.AsSpan().SequenceEqual(oldBytes), "the full run did not change the lock; the test would prove nothing");

        int fullMs = (int)watch.ElapsedMilliseconds;
        var random = new Random(20261120);
        int killedWhileRunning = 0;
        for (int attempt = 0; attempt < 12; attempt++)
        {
            File.WriteAllBytes(folder.LockPath, oldBytes);
            using var process = StartTool(folder, "lock", "--verify", "none");
            await Task.Delay(random.Next(fullMs / 4, Math.Max(fullMs / 4 + 1, fullMs * 19 / 20)));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killedWhileRunning++;
            }

            await process.WaitForExitAsync();
            var diagnostics = new List<Provenance.Manifest.Diagnostics.ManifestDiagnostic>();
            var lockFile = LockFile.Load(folder.LockPath, diagnostics);
            Assert.True(diagnostics.Count == 0 && lockFile is not null, $"attempt {attempt}: torn lock: " + string.Join("\n", diagnostics));
            Assert.Contains(lockFile!.Protected.Count, new[] { Shards / 2, Shards });
            byte[] now = File.ReadAllBytes(folder.LockPath);
            Assert.True(now.AsSpan().SequenceEqual(oldBytes) || now.AsSpan().SequenceEqual(newBytes),
                $"attempt {attempt}: the lock is neither the old one nor the complete new one, byte for byte ({now.Length} bytes; old {oldBytes.Length}, new {newBytes.Length})");
        }

        Assert.True(killedWhileRunning > 0, $"no attempt was killed while running (a full run takes {fullMs} ms); the test proved nothing");
    }

    [Fact]
    public async Task Two_concurrent_lock_processes_end_with_one_valid_complete_lock()
    {
        using var folder = new TempFolder();
        PrepareLargeMix(folder);
        using var first = StartTool(folder, "lock", "--verify", "none");
        using var second = StartTool(folder, "lock", "--verify", "none");
        await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var diagnostics = new List<Provenance.Manifest.Diagnostics.ManifestDiagnostic>();
        var lockFile = LockFile.Load(folder.LockPath, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(Shards, lockFile!.Protected.Count);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Whole_cli_over_read_only_shards_never_writes_a_shard()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        var shards = Directory.GetFiles(folder.File("data"), "*", SearchOption.AllDirectories);
        var before = shards.ToDictionary(f => f, f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));
        foreach (var shard in shards)
        {
            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(shard, FileAttributes.ReadOnly);
            }
            else
            {
                File.SetUnixFileMode(shard, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        foreach (var args in new[] { new[] { "seal" }, new[] { "lock", "--verify", "all" }, new[] { "check", "--verify", "all" }, new[] { "check", "--verify", "changed" }, new[] { "audit" } })
        {
            var result = CliRunner.Run(folder, args);
            Assert.True(result.ExitCode == 0, string.Join(" ", args) + ": " + result);
        }

        foreach (var shard in shards)
        {
            Assert.Equal(before[shard].Item1, File.ReadAllBytes(shard));
            Assert.Equal(before[shard].Item2, File.GetLastWriteTimeUtc(shard));
        }
    }

    /// <summary>A manifest of <see cref="Shards"/> sealed human shards, the first half locked (<see cref="TempFolder.LockPath"/>).</summary>
    private static void PrepareLargeMix(TempFolder folder)
    {
        var manifest = new StringBuilder("provenance: 1\ndataset: large\nshards:\n");
        var half = new StringBuilder();
        Directory.CreateDirectory(folder.File("data"));
        for (int i = 0; i < Shards; i++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes($"{{\"text\": \"record {i}\"}}\n");
            File.WriteAllBytes(folder.File($"data/s{i:D5}.jsonl"), bytes);
            string entry = $"  - id: s{i:D5}\n    path: data/s{i:D5}.jsonl\n    origin: human\n    records: 1\n    tokens: 2\n    bytes: {bytes.Length}\n    digest: sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}\n";
            manifest.Append(entry);
            if (i == Shards / 2 - 1)
            {
                half.Append(manifest);
            }
        }

        File.WriteAllText(folder.Manifest, half.ToString());
        var locked = ManifestChecker.Lock(folder.Manifest, new CheckOptions { Verify = VerifyMode.None });
        Assert.False(locked.HasErrors, string.Join("\n", locked.Diagnostics.Take(5)));
        File.WriteAllText(folder.Manifest, manifest.ToString());
        Assert.Equal(folder.LockPath, LockFile.PathFor(folder.Manifest));
    }

    private static Process StartTool(TempFolder folder, params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "provenance.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var pair in folder.Variables())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        start.Environment.Remove("CI");
        var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        return process;
    }
}
