using System.Text;
using Provenance.Manifest.Model;
using Provenance.Manifest.Reading;
using Provenance.Manifest.Tests.Helpers;
using Provenance.Manifest.Writing;

namespace Provenance.Manifest.Tests.Writing;

public class ManifestEditingTests
{
    [Fact]
    public void Seal_keeps_comments_crlf_and_the_byte_order_mark()
    {
        using var temp = new TempManifest();
        temp.Shard("data/a.jsonl", 3);
        string yaml = "# the mix\r\nprovenance: 1\r\ndataset: d   # name\r\nshards:\r\n  - id: a   # first\r\n    path: data/a.jsonl\r\n    origin: human\r\n";
        File.WriteAllBytes(temp.ManifestPath, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(yaml)).ToArray());

        Assert.True(ManifestSealer.Seal(temp.ManifestPath).Succeeded);

        byte[] bytes = File.ReadAllBytes(temp.ManifestPath);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(yaml, text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty));
        Assert.Contains("\r\n    digest: sha256:", text);
        Assert.NotNull(ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards[0].Digest);
    }

    [Fact]
    public void AddShard_appends_after_the_last_item_keeping_comments_and_indentation()
    {
        using var temp = new TempManifest();
        string yaml = "provenance: 1\ndataset: d\nshards:   # the list\n- id: a\n  path: data/a.jsonl\n  origin: human   # kept\nremoved: []\n";
        temp.Manifest(yaml);
        var manifest = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;

        Assert.Null(ManifestEditor.AddShard(manifest, new Shard { Id = "b", Path = "data/b.jsonl", Origin = ShardOrigin.Synthetic, Bytes = 3 }));

        string text = File.ReadAllText(temp.ManifestPath);
        Assert.Contains("origin: human   # kept\n- id: b\n  path: data/b.jsonl\n  origin: synthetic\n  bytes: 3\nremoved: []\n", text);
        Assert.Equal(new[] { "a", "b" }, ManifestReader.ReadFile(temp.ManifestPath).Manifest!.Shards.Select(s => s.Id));
    }

    [Fact]
    public void AddShard_refuses_to_rewrite_a_flow_list_with_items_that_would_lose_comments()
    {
        using var temp = new TempManifest();
        const string text = "# keep me\nprovenance: 1\ndataset: d\nshards: [{ id: a, path: a.jsonl, origin: human }]\n";
        temp.Manifest(text);
        var manifest = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;
        Assert.Contains("comments", ManifestEditor.AddShard(manifest, new Shard { Id = "b", Path = "b.jsonl", Origin = ShardOrigin.Human }));
        Assert.Equal(text, File.ReadAllText(temp.ManifestPath));
    }

    [Fact]
    public void AddShard_turns_an_empty_flow_list_into_a_block_list_in_place_keeping_comments()
    {
        using var temp = new TempManifest();
        temp.Manifest("# keep me\nprovenance: 1\ndataset: d\nshards: [ ]\n# after\n");
        var manifest = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;

        Assert.Null(ManifestEditor.AddShard(manifest, new Shard { Id = "b", Path = "b.jsonl", Origin = ShardOrigin.Human }));

        Assert.Equal("# keep me\nprovenance: 1\ndataset: d\nshards:\n- id: b\n  path: b.jsonl\n  origin: human\n# after\n", File.ReadAllText(temp.ManifestPath));
    }

    [Fact]
    public void AddShard_refuses_a_shard_whose_lineage_check_would_fail_and_writes_nothing()
    {
        using var temp = new TempManifest();
        const string text = "provenance: 1\ndataset: d\nshards:\n  - id: a\n    path: a.jsonl\n    origin: human\n";
        temp.Manifest(text);
        var manifest = ManifestReader.ReadFile(temp.ManifestPath).Manifest!;
        var shard = new Shard { Id = "b", Path = "b.jsonl", Origin = ShardOrigin.Synthetic };
        shard.DerivedFrom.Add("nosuch");

        Assert.StartsWith("PROV1014: Shard 'b' is derived from 'nosuch'", ManifestEditor.AddShard(manifest, shard));
        Assert.Equal(text, File.ReadAllText(temp.ManifestPath));
    }
}
