using System;
using System.Collections.Generic;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Lineage;

/// <summary>The manifests of a lineage: the manifest itself, then (breadth first) its <c>parent:</c> chain and every <c>generator.trainedOn</c> manifest, transitively, each once.</summary>
public static class LineageWalk
{
    /// <summary>The manifests of <paramref name="manifest"/>'s lineage, itself first; unreadable references are skipped (PROV1016 reports them).</summary>
    public static IEnumerable<ShardManifest> Manifests(ShardManifest manifest, ManifestLoader loader)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { manifest.FilePath };
        var queue = new Queue<ShardManifest>();
        queue.Enqueue(manifest);
        while (queue.Count > 0)
        {
            var m = queue.Dequeue();
            yield return m;
            var references = new List<string>();
            if (m.Parent is { } parent)
            {
                references.Add(parent);
            }

            foreach (var shard in m.Shards)
            {
                if (shard.Generator?.TrainedOn is { } trainedOn)
                {
                    references.Add(trainedOn);
                }
            }

            foreach (string reference in references)
            {
                if (ManifestLoader.ResolveReference(m, reference) is { } path && visited.Add(path) && loader.Load(path) is { } next)
                {
                    queue.Enqueue(next);
                }
            }
        }
    }
}
