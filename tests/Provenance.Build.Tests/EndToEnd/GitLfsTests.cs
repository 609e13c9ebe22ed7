using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Provenance.Build.Tests.Infrastructure;

namespace Provenance.Build.Tests.EndToEnd;

/// <summary>
/// The git-lfs pointer check (PROV1029, PROV1011 on a pointer, PROV1030) end to end, with the real <c>git lfs</c> client and
/// a real <c>dotnet build</c> of a project that consumes the packed package: a repository whose human shards are LFS objects
/// is pushed to a bare origin, cloned without its LFS content (<c>GIT_LFS_SKIP_SMUDGE=1</c>, as CI jobs often do), built
/// in CI locked mode on the pointers, then on a pull that replaces one LFS object, then on the content after
/// <c>git lfs pull</c>.
/// </summary>
/// <remarks>
/// Needs git and git-lfs on PATH (Debian: <c>apt-get install git-lfs</c>; <c>.ci/run</c> installs it). Every git command
/// runs with its own global config (<c>GIT_CONFIG_GLOBAL</c>, written by <c>git lfs install --skip-repo</c> plus a user
/// name) and no system config, so the test neither reads nor changes the machine's git configuration.
/// The origin is a plain path to a bare repository: git-lfs (>= 2.9, 3.3.0 in Debian bookworm) then transfers objects
/// with its built-in standalone transfer agent (<c>lfs-standalone-file</c>, objects land in <c>origin.git/lfs/objects</c>);
/// no <c>lfs.url</c>, <c>lfs.standalonetransferagent</c> or LFS server is needed (<c>git lfs env</c> shows
/// <c>Endpoint=file:///…/origin.git</c>).
/// </remarks>
[Collection(PackageFeedCollection.Name)]
public sealed class GitLfsTests
{
    private const string Summary = @"Provenance: provenance\.yaml: human ";
    private const string PointerVersion = "version https://git-lfs.github.com/spec/v1\n";
    private readonly PackageFeedFixture _feed;

    public GitLfsTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void LfsClone_PointersVerifiedInCi_AReplacedObjectIsProv1011AtItsDigest_AndPulledContentIsRehashed()
    {
        RequireGitLfs();
        string root = _feed.NewDirectory("gitlfs");
        var git = new GitRunner(Path.Combine(root, "gitconfig"));
        git.Run(root, "config", "--global", "user.name", "Provenance Tests");
        git.Run(root, "config", "--global", "user.email", "provenance-tests@example.invalid");
        git.Run(root, "config", "--global", "init.defaultBranch", "main");
        git.Run(root, "lfs", "install", "--skip-repo"); // the filter.lfs.* entries a developer's `git lfs install` writes

        // ------------------------------------------------------------ the origin and the working repository
        string origin = Path.Combine(root, "origin.git");
        git.Run(root, "init", "-q", "--bare", origin);
        string workDir = Path.Combine(root, "work");
        var work = new ConsumerProject(_feed, "LfsConsumer", directory: workDir); // nuget.config & co. in root, above both repositories
        git.Run(workDir, "init", "-q");
        git.Run(workDir, "lfs", "install", "--local");
        git.Run(workDir, "lfs", "track", "data/human/*.jsonl");
        File.WriteAllText(Path.Combine(workDir, ".gitignore"), "bin/\nobj/\n");
        TestData.WriteMix(workDir, humanRecords: 4, syntheticRecords: 3, extraHuman: "sotu-b"); // real SOTU text, sealed
        TestData.Lock(work.ManifestPath);
        Assert.True(File.Exists(Path.Combine(workDir, "provenance.lock.json")), "the lock was not written");
        string manifestText = File.ReadAllText(work.ManifestPath);
        string[] humanShards = { "data/human/sotu-a.jsonl", "data/human/sotu-b.jsonl" };
        var content = humanShards.ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(workDir, p)));
        var digests = new Dictionary<string, string> { [humanShards[0]] = DigestOf(manifestText, "sotu-a"), [humanShards[1]] = DigestOf(manifestText, "sotu-b") };

        git.Run(workDir, "add", ".");
        git.Run(workDir, "commit", "-q", "-m", "SOTU mix, human shards in LFS");
        string good = git.Run(workDir, "rev-parse", "HEAD").Trim();
        Assert.Equal(humanShards, git.Run(workDir, "lfs", "ls-files", "--name-only").Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(p => p, StringComparer.Ordinal));
        git.Run(workDir, "remote", "add", "origin", origin);
        git.Run(workDir, "push", "-q", "-u", "origin", "main");
        foreach (string path in humanShards)
        {
            // The LFS oid is the shard's sealed digest, and the pre-push hook put the object in the bare origin.
            Assert.True(File.Exists(LfsObjectPath(origin, digests[path])), $"LFS object of {path} ({digests[path]}) was not pushed to {origin}");
        }

        // ------------------------------------------------------------ a clone without LFS content: pointers
        string cloneDir = Path.Combine(root, "clone");
        git.Run(root, true, "clone", "-q", origin, cloneDir);
        string cloneProject = Path.Combine(cloneDir, "LfsConsumer.csproj");
        foreach (string path in humanShards)
        {
            AssertPointer(cloneDir, path, digests[path], content[path].Length);
        }

        var pointers = work.Build(ci: true, target: cloneProject);
        Assert.True(pointers.ExitCode == 0, pointers.Output);
        Assert.True(ConsumerProject.CountLines(pointers.Output, @"provenance\.yaml\(\d+,\d+,\d+,\d+\): info PROV1029: Shard 'sotu-[ab]' was verified by its git-lfs pointer") == 2, pointers.Output);
        Assert.True(ConsumerProject.CountLines(pointers.Output, @": (error|warning) ") == 0, pointers.Output);
        Assert.Equal(1, ConsumerProject.CountLines(pointers.Output, Summary));

        var contentOnly = work.Build(ci: true, target: cloneProject, "-p:ProvenanceLfs=content");
        Assert.True(contentOnly.ExitCode != 0, contentOnly.Output);
        Assert.True(ConsumerProject.CountLines(contentOnly.Output, @"provenance\.yaml\(\d+,\d+,\d+,\d+\): error PROV1030: Shard 'sotu-[ab]'.*Run 'git lfs pull'") == 2, contentOnly.Output);

        // ------------------------------------------------------------ one LFS object replaced upstream, manifest untouched
        File.WriteAllLines(Path.Combine(workDir, "data", "human", "sotu-b.jsonl"), TestData.SotuLines.Skip(40).Take(3));
        git.Run(workDir, "commit", "-q", "-a", "-m", "Replace the bytes of sotu-b behind the manifest's back");
        Assert.Equal("data/human/sotu-b.jsonl", git.Run(workDir, "diff", "--name-only", "HEAD~1", "HEAD").Trim());
        git.Run(workDir, "push", "-q", "origin", "main");
        git.Run(cloneDir, true, "pull", "-q", "--ff-only");
        string replacedPointer = File.ReadAllText(Path.Combine(cloneDir, "data", "human", "sotu-b.jsonl"));
        Assert.StartsWith(PointerVersion, replacedPointer, StringComparison.Ordinal);
        Assert.DoesNotContain(digests[humanShards[1]], replacedPointer, StringComparison.Ordinal);
        AssertPointer(cloneDir, humanShards[0], digests[humanShards[0]], content[humanShards[0]].Length);

        var replaced = work.Build(ci: true, target: cloneProject);
        Assert.True(replaced.ExitCode != 0, replaced.Output);
        (int line, int column) = DigestValuePosition(manifestText, "sotu-b");
        Assert.True(ConsumerProject.CountLines(replaced.Output, $@"provenance\.yaml\({line},{column},\d+,\d+\): error PROV1011: Digest mismatch for shard 'sotu-b'.*git-lfs pointer") == 1, $"expected PROV1011 at line {line}, column {column}:{Environment.NewLine}{replaced.Output}");
        Assert.True(ConsumerProject.CountLines(replaced.Output, @"error PROV") == 1, replaced.Output);

        // ------------------------------------------------------------ back to the good commit, with content this time
        git.Run(cloneDir, true, "checkout", "-q", good);
        git.Run(cloneDir, true, "lfs", "pull"); // fetches from origin.git/lfs and writes the content, GIT_LFS_SKIP_SMUDGE or not
        foreach (string path in humanShards)
        {
            Assert.Equal(content[path], File.ReadAllBytes(Path.Combine(cloneDir, path)));
        }

        Assert.Equal(string.Empty, git.Run(cloneDir, "status", "--porcelain").Trim());
        var pulled = work.Build(ci: true, target: cloneProject);
        Assert.True(pulled.ExitCode == 0, pulled.Output);
        Assert.Equal(1, ConsumerProject.CountLines(pulled.Output, Summary)); // the check ran (not skipped as up to date)
        Assert.True(ConsumerProject.CountLines(pulled.Output, "PROV1029|PROV1030|PROV1011") == 0, pulled.Output); // hashed, not taken from a pointer
    }

    /// <summary>Fails (never skips) when git-lfs is missing: CI installs it, a developer machine must too.</summary>
    private static void RequireGitLfs()
    {
        const string install = "git-lfs is required by this test: install the Debian package git-lfs (sudo apt-get install -y git-lfs; .ci/run installs it in CI).";
        GitRunner.Output result;
        try
        {
            result = new GitRunner(null).TryRun(Path.GetTempPath(), false, "lfs", "version");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"{install} git itself could not be started: {ex.Message}");
            return;
        }

        Assert.True(result.ExitCode == 0 && result.Text.Contains("git-lfs/", StringComparison.Ordinal), $"{install} `git lfs version` said:{Environment.NewLine}{result.Text}");
    }

    /// <summary>The file at <paramref name="path"/> in <paramref name="repository"/> is a git-lfs pointer to the given content.</summary>
    private static void AssertPointer(string repository, string path, string digest, long size)
    {
        var file = new FileInfo(Path.Combine(repository, path));
        Assert.True(file.Length < 200, $"{path} is {file.Length} bytes, not a pointer: the clone has its LFS content");
        string text = File.ReadAllText(file.FullName);
        Assert.Equal($"{PointerVersion}oid {digest}\nsize {size}\n", text);
    }

    private static string LfsObjectPath(string bareRepository, string digest)
    {
        string oid = digest.Substring("sha256:".Length);
        return Path.Combine(bareRepository, "lfs", "objects", oid.Substring(0, 2), oid.Substring(2, 2), oid);
    }

    /// <summary>The sealed <c>digest:</c> value of shard <paramref name="id"/> in the manifest text.</summary>
    private static string DigestOf(string manifestText, string id)
    {
        (int line, int column) = DigestValuePosition(manifestText, id);
        string value = manifestText.Split('\n')[line - 1].Substring(column - 1).Trim();
        Assert.Matches("^sha256:[0-9a-f]{64}$", value);
        return value;
    }

    /// <summary>1-based line and column of the value of shard <paramref name="id"/>'s <c>digest:</c> key.</summary>
    private static (int Line, int Column) DigestValuePosition(string manifestText, string id)
    {
        string[] lines = manifestText.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == "- id: " + id);
        Assert.True(start >= 0, $"shard '{id}' not found in the manifest");
        for (int i = start + 1; i < lines.Length && !lines[i].TrimStart().StartsWith("- ", StringComparison.Ordinal); i++)
        {
            string trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("digest:", StringComparison.Ordinal))
            {
                int key = lines[i].Length - trimmed.Length;
                int value = key + "digest:".Length;
                while (lines[i][value] == ' ')
                {
                    value++;
                }

                return (i + 1, value + 1);
            }
        }

        Assert.Fail($"shard '{id}' has no digest: line");
        return default;
    }

    /// <summary>Runs git with an isolated configuration: its own global config file, no system config, no prompts.</summary>
    private sealed class GitRunner
    {
        private readonly string? _globalConfig;

        public GitRunner(string? globalConfig) => _globalConfig = globalConfig;

        public sealed record Output(int ExitCode, string Text);

        /// <summary>Runs git and fails the test when it exits with non-zero; returns its standard output.</summary>
        public string Run(string workingDirectory, params string[] args) => Run(workingDirectory, false, args);

        /// <summary>As <see cref="Run(string, string[])"/>; <paramref name="skipSmudge"/> sets GIT_LFS_SKIP_SMUDGE=1.</summary>
        public string Run(string workingDirectory, bool skipSmudge, params string[] args)
        {
            var result = TryRun(workingDirectory, skipSmudge, args);
            Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} (in {workingDirectory}) exited with {result.ExitCode}:{Environment.NewLine}{result.Text}");
            return result.Text;
        }

        public Output TryRun(string workingDirectory, bool skipSmudge, params string[] args)
        {
            var info = new ProcessStartInfo("git")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            foreach (string inherited in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_LFS_SKIP_SMUDGE" })
            {
                info.Environment.Remove(inherited);
            }

            if (_globalConfig is not null)
            {
                info.Environment["GIT_CONFIG_GLOBAL"] = _globalConfig;
                info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            }

            info.Environment["GIT_TERMINAL_PROMPT"] = "0";
            if (skipSmudge)
            {
                info.Environment["GIT_LFS_SKIP_SMUDGE"] = "1";
            }

            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(2).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"git {string.Join(' ', args)} did not finish in 2 minutes");
            }

            process.WaitForExit();
            lock (stdout)
            {
                lock (stderr)
                {
                    return new Output(process.ExitCode, process.ExitCode == 0 ? stdout.ToString() : stdout.ToString() + stderr);
                }
            }
        }
    }
}
