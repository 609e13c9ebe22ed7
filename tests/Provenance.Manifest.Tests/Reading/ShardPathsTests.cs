using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Reading;

public class ShardPathsTests
{
    [Theory]
    [InlineData("../../etc/passwd", "leaves")]
    [InlineData("data/../../x.jsonl", "leaves")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:\\data\\x.jsonl", "drive")]
    [InlineData("\\\\server\\share\\x.jsonl", "UNC")]
    [InlineData("//server/share/x.jsonl", "UNC")]
    [InlineData("", "empty")]
    public void Unsafe_paths_are_refused_with_a_reason(string path, string reason)
    {
        using var temp = new TempManifest();
        Assert.Null(ShardPaths.Resolve(temp.Root, path, out string? problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Relative_path_inside_the_folder_resolves()
    {
        using var temp = new TempManifest();
        Assert.Equal(Path.Combine(temp.Root, "data", "a.jsonl"), ShardPaths.Resolve(temp.Root, "data/./a.jsonl", out _));
        Assert.Equal(Path.Combine(temp.Root, "a.jsonl"), ShardPaths.Resolve(temp.Root, "data\\..\\a.jsonl", out _));
    }

    [Fact]
    public void Symbolic_link_escaping_the_folder_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var outside = new TempManifest();
        using var temp = new TempManifest();
        outside.Write("secret.jsonl", "{}\n");
        Directory.CreateDirectory(Path.Combine(temp.Root, "data"));
        File.CreateSymbolicLink(Path.Combine(temp.Root, "data", "link.jsonl"), Path.Combine(outside.Root, "secret.jsonl"));
        Assert.Null(ShardPaths.Resolve(temp.Root, "data/link.jsonl", out string? problem));
        Assert.Contains("symbolic link", problem);
    }
}
