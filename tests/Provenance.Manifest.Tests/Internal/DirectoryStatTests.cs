using Provenance.Manifest.Internal;
using Provenance.Manifest.Sets;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Internal;

/// <summary>
/// The Linux listing (<c>getdents64</c> + <c>statx</c>) against .NET's own enumeration and <see cref="FileInfo"/> on one
/// folder: thousands of files (many <c>getdents64</c> buffers), names in several scripts, with spaces and leading dots,
/// a subfolder and symbolic links; sizes, times and links as .NET sees them.
/// </summary>
public sealed class DirectoryStatTests
{
    [Fact]
    public void Lists_what_dotnet_lists_with_the_same_sizes_times_and_links()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the fast path exists on Linux only; elsewhere FileGlob uses .NET's enumeration, which is the reference here
        }

        using var temp = new TempManifest();
        string folder = Path.Combine(temp.Root, "data");
        Directory.CreateDirectory(Path.Combine(folder, "sub.jsonl"));
        File.WriteAllText(Path.Combine(folder, "sub.jsonl", "inner.jsonl"), "{}\n");
        var names = new List<string> { ".hidden.jsonl", "...jsonl", "with space.jsonl", "café-é.jsonl", "中文.jsonl", "🙂.jsonl", "notes.txt" };
        names.AddRange(Enumerable.Range(0, 3000).Select(i => $"part-{i:D5}-{new string('x', i % 120)}.jsonl"));
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            File.WriteAllText(Path.Combine(folder, name), new string('a', i % 97));
        }

        File.CreateSymbolicLink(Path.Combine(folder, "link.jsonl"), Path.Combine(folder, "notes.txt"));
        File.CreateSymbolicLink(Path.Combine(folder, "dangling.jsonl"), Path.Combine(folder, "gone"));

        var listed = DirectoryStat.List(folder, "data/", name => name.EndsWith(".jsonl", StringComparison.Ordinal));

        Assert.NotNull(listed);
        var expected = new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .Where(i => (i.Attributes & FileAttributes.Directory) == 0 || (i.Attributes & FileAttributes.ReparsePoint) != 0)
            .Where(i => i.Name.EndsWith(".jsonl", StringComparison.Ordinal))
            .Select(i => new FoundFile("data/" + i.Name, (i.Attributes & FileAttributes.ReparsePoint) != 0 ? new FileInfo(i.FullName).Length : ((FileInfo)i).Length, i.LastWriteTimeUtc.Ticks, (i.Attributes & FileAttributes.ReparsePoint) != 0))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var actual = listed!.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(3008, actual.Count);
        Assert.Equal(expected.Select(f => f.Path), actual.Select(f => f.Path));
        Assert.Equal(expected, actual);
        Assert.Equal(2, actual.Count(f => f.IsLink));
    }
}
