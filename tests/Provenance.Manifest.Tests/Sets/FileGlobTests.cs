using Provenance.Manifest.Sets;
using Provenance.Manifest.Tests.Helpers;

namespace Provenance.Manifest.Tests.Sets;

/// <summary>
/// The globs of <c>files:</c>: <c>*</c> and <c>?</c> within one name, <c>**</c> as a whole segment for any number of
/// folders, ordinal and case-sensitive; <see cref="FileGlob.Find"/> walks real files and returns them sorted, each once.
/// </summary>
public sealed class FileGlobTests
{
    [Theory]
    [InlineData("data/*.jsonl", "data/part-0001.jsonl", true)]
    [InlineData("data/*.jsonl", "data/.hidden.jsonl", true)]
    [InlineData("data/*.jsonl", "data/sub/part-0001.jsonl", false)] // * stays within one name
    [InlineData("data/*.jsonl", "data/part-0001.jsonl.gz", false)]
    [InlineData("data/*", "data/part-0001.jsonl", true)]
    [InlineData("data/*/*.jsonl", "data/1790/a.jsonl", true)]
    [InlineData("data/*/*.jsonl", "data/a.jsonl", false)]
    [InlineData("data/part-?.jsonl", "data/part-1.jsonl", true)]
    [InlineData("data/part-?.jsonl", "data/part-10.jsonl", false)] // ? is exactly one character
    [InlineData("data/part-?.jsonl", "data/part-.jsonl", false)]
    [InlineData("data/part-??.jsonl", "data/part-10.jsonl", true)]
    [InlineData("data/**/*.jsonl", "data/a.jsonl", true)] // ** matches zero folders
    [InlineData("data/**/*.jsonl", "data/1790/a.jsonl", true)]
    [InlineData("data/**/*.jsonl", "data/1790/01/02/a.jsonl", true)]
    [InlineData("data/**/*.jsonl", "other/a.jsonl", false)]
    [InlineData("**/*.gz", "a.gz", true)]
    [InlineData("**/*.gz", "x/y/a.gz", true)]
    [InlineData("data/**", "data/x/y/a.jsonl", true)]
    [InlineData("data/**/era-*/part-?.jsonl.gz", "data/a/b/era-1790/part-3.jsonl.gz", true)]
    [InlineData("data/**/era-*/part-?.jsonl.gz", "data/a/b/era-1790/x/part-3.jsonl.gz", false)]
    [InlineData("data/*.JSONL", "data/a.jsonl", false)] // case-sensitive
    [InlineData("Data/*.jsonl", "data/a.jsonl", false)]
    [InlineData("data/a.jsonl", "data/a.jsonl", true)]
    [InlineData("data/a.jsonl", "data/b.jsonl", false)]
    [InlineData("./data//*.jsonl", "data/a.jsonl", true)] // . and empty segments are dropped
    [InlineData("data/[ab].jsonl", "data/a.jsonl", false)] // no character classes: [ is literal
    [InlineData("data/[ab].jsonl", "data/[ab].jsonl", true)]
    public void IsMatch_follows_the_glob_rules(string glob, string path, bool expected)
    {
        Assert.Equal(expected, FileGlob.IsMatch(glob, path));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("/data/*.jsonl", "absolute")]
    [InlineData("\\data\\*.jsonl", "absolute")]
    [InlineData("C:/data/*.jsonl", "absolute")]
    [InlineData("C:data", "absolute")]
    [InlineData("../data/*.jsonl", "'..'")]
    [InlineData("data/../../x/*.jsonl", "'..'")]
    [InlineData("data\\..\\*.jsonl", "'..'")]
    [InlineData("data/*.jsonl\n", "line break")]
    [InlineData("data/a\tb.jsonl", "tab")]
    [InlineData("data/a\0.jsonl", "NUL")]
    public void Problem_refuses_absolute_parent_and_control_characters(string glob, string reason)
    {
        string? problem = FileGlob.Problem(glob);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/*.jsonl")]
    [InlineData("data/**/*.jsonl.gz")]
    [InlineData("data/part-?.jsonl")]
    [InlineData("data/a..b.jsonl")]
    [InlineData(".hidden/*.jsonl")]
    [InlineData("a.jsonl")]
    public void Problem_is_null_for_a_usable_glob(string glob)
    {
        Assert.Null(FileGlob.Problem(glob));
    }

    [Fact]
    public void Find_star_matches_one_folder_and_returns_sizes_sorted_ordinally()
    {
        using var temp = new TempManifest();
        var tree = Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "data/sotu/*.jsonl" });

        var expected = tree.Where(p => p.StartsWith("data/sotu/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2 && p.EndsWith(".jsonl", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, found.Select(f => f.Path));
        Assert.Contains("data/sotu/B-upper.jsonl", expected); // 'B' (0x42) sorts before 'p' (0x70): ordinal, not the culture's order
        Assert.Equal("data/sotu/B-upper.jsonl", found[0].Path);
        foreach (var file in found)
        {
            var info = new FileInfo(Path.Combine(temp.Root, file.Path));
            Assert.Equal(info.Length, file.Bytes);
            Assert.Equal(info.LastWriteTimeUtc.Ticks, file.MtimeTicks);
            Assert.False(file.IsLink);
        }
    }

    [Fact]
    public void Find_question_mark_matches_exactly_one_character()
    {
        using var temp = new TempManifest();
        Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "data/sotu/part-00?.jsonl" });

        // part-002, -005, -008 and -011 are .jsonl.gz; part-010 has one character too many.
        Assert.Equal(new[] { "data/sotu/part-000.jsonl", "data/sotu/part-001.jsonl", "data/sotu/part-003.jsonl", "data/sotu/part-004.jsonl", "data/sotu/part-006.jsonl", "data/sotu/part-007.jsonl", "data/sotu/part-009.jsonl" }, found.Select(f => f.Path));
    }

    [Fact]
    public void Find_double_star_crosses_any_number_of_folders_including_none()
    {
        using var temp = new TempManifest();
        var tree = Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "data/**/*.jsonl.gz" });

        var expected = tree.Where(p => p.StartsWith("data/", StringComparison.Ordinal) && p.EndsWith(".jsonl.gz", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, found.Select(f => f.Path));
        Assert.Contains("data/top.jsonl.gz", expected);                 // zero folders
        Assert.Contains("data/eras/1800/a/deep.jsonl.gz", expected);   // three folders
        Assert.All(found, f => Assert.True(FileGlob.IsMatch("data/**/*.jsonl.gz", f.Path), f.Path));
    }

    [Fact]
    public void Find_trailing_double_star_takes_every_file_below_the_folder_as_IsMatch_does()
    {
        using var temp = new TempManifest();
        var tree = Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "data/eras/**" });

        var expected = tree.Where(p => p.StartsWith("data/eras/", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 3);
        Assert.All(expected, p => Assert.True(FileGlob.IsMatch("data/eras/**", p), p));
        Assert.Equal(expected, found.Select(f => f.Path));
    }

    [Fact]
    public void Find_double_star_alone_takes_the_whole_tree()
    {
        using var temp = new TempManifest();
        var tree = Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "**" });

        Assert.Equal(tree.OrderBy(p => p, StringComparer.Ordinal), found.Select(f => f.Path));
    }

    [Fact]
    public void Find_a_literal_file_gives_that_file_and_a_missing_one_gives_nothing()
    {
        using var temp = new TempManifest();
        Tree(temp.Root);

        var one = FileGlob.Find(temp.Root, new[] { "./data/sotu/part-003.jsonl" });
        var none = FileGlob.Find(temp.Root, new[] { "data/sotu/part-999.jsonl" });
        var folder = FileGlob.Find(temp.Root, new[] { "data/sotu" });

        var file = Assert.Single(one);
        Assert.Equal("data/sotu/part-003.jsonl", file.Path);
        Assert.Equal(new FileInfo(Path.Combine(temp.Root, "data", "sotu", "part-003.jsonl")).Length, file.Bytes);
        Assert.Empty(none);
        Assert.Empty(folder); // a folder is not a file
    }

    [Fact]
    public void Find_a_root_that_does_not_exist_yields_nothing_without_throwing()
    {
        using var temp = new TempManifest();
        Tree(temp.Root);

        Assert.Empty(FileGlob.Find(temp.Root, new[] { "nowhere/*.jsonl" }));
        Assert.Empty(FileGlob.Find(temp.Root, new[] { "nowhere/**/*.jsonl" }));
        Assert.Empty(FileGlob.Find(temp.Root, new[] { "data/nowhere/*/x.jsonl" }));
    }

    [Fact]
    public void Find_with_overlapping_globs_lists_each_file_once_in_one_sorted_list()
    {
        using var temp = new TempManifest();
        var tree = Tree(temp.Root);

        var found = FileGlob.Find(temp.Root, new[] { "data/sotu/*.jsonl.gz", "data/sotu/*", "data/sotu/part-00?.jsonl" });

        var expected = tree.Where(p => p.StartsWith("data/sotu/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, found.Select(f => f.Path));
        var paths = found.Select(f => f.Path).ToList();
        Assert.Equal(paths.OrderBy(p => p, StringComparer.Ordinal), paths);
    }

    [Fact]
    public void Find_flags_a_symbolic_link_and_does_not_descend_into_a_linked_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var outside = new TempManifest();
        using var temp = new TempManifest();
        Tree(temp.Root);
        SetCorpus.WriteFile(Path.Combine(outside.Root, "secret", "s.jsonl"), SetCorpus.FileText(7));
        File.CreateSymbolicLink(Path.Combine(temp.Root, "data", "sotu", "link.jsonl"), Path.Combine(outside.Root, "secret", "s.jsonl"));
        Directory.CreateSymbolicLink(Path.Combine(temp.Root, "data", "linked"), Path.Combine(outside.Root, "secret"));

        var found = FileGlob.Find(temp.Root, new[] { "data/**/*.jsonl" });

        Assert.True(Assert.Single(found, f => f.Path == "data/sotu/link.jsonl").IsLink);
        Assert.DoesNotContain(found, f => f.Path.StartsWith("data/linked/", StringComparison.Ordinal));
        Assert.All(found.Where(f => f.Path != "data/sotu/link.jsonl"), f => Assert.False(f.IsLink, f.Path));
    }

    /// <summary>
    /// A tree of real text: data/sotu/part-000…011.jsonl (002, 005, 008, 011 gzip, as .jsonl.gz), data/sotu/B-upper.jsonl,
    /// data/top.jsonl.gz, data/eras/1790/…, data/eras/1800/a/deep.jsonl.gz, notes/readme.txt. Returns the relative paths.
    /// </summary>
    private static List<string> Tree(string root)
    {
        var paths = SetCorpus.Write(root, 12, i => i % 3 == 2 ? $"data/sotu/part-{i:000}.jsonl.gz" : $"data/sotu/part-{i:000}.jsonl");
        paths.AddRange(SetCorpus.Write(root, 1, _ => "data/sotu/B-upper.jsonl", first: 12));
        paths.AddRange(SetCorpus.Write(root, 1, _ => "data/top.jsonl.gz", first: 13));
        paths.AddRange(SetCorpus.Write(root, 3, i => $"data/eras/1790/part-{i}.jsonl", first: 14));
        paths.AddRange(SetCorpus.Write(root, 1, _ => "data/eras/1800/a/deep.jsonl.gz", first: 17));
        paths.AddRange(SetCorpus.Write(root, 1, _ => "data/eras/1800/.hidden.jsonl", first: 18));
        paths.AddRange(SetCorpus.Write(root, 1, _ => "notes/readme.txt", first: 19));
        return paths;
    }
}
