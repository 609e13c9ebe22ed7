using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Reporting;

/// <summary>What a <see cref="LineageGraph"/> node stands for.</summary>
public enum LineageNodeKind
{
    /// <summary>A manifest: the audited one, its <c>parent:</c>, or a generator's <c>trainedOn</c>.</summary>
    Manifest,

    /// <summary>A generator model (<c>generator.model</c>), or several when a generation has many.</summary>
    Model,

    /// <summary>One shard of the audited manifest.</summary>
    Shard,

    /// <summary>Shards collapsed into one node (same generation, origin, source or generator, and marks).</summary>
    ShardGroup,

    /// <summary>An approved removal from the protected human corpus (or several).</summary>
    Removal,

    /// <summary>A <c>derivedFrom</c> target that is not a shard of this manifest (or several).</summary>
    External,
}

/// <summary>The relation an edge draws; every edge points from the later thing to the earlier one, as PROV-O does.</summary>
public enum LineageEdgeKind
{
    /// <summary>The audited manifest's <c>parent:</c>.</summary>
    Parent,

    /// <summary>A generator model to the manifest it was trained on (<c>generator.trainedOn</c>).</summary>
    TrainedOn,

    /// <summary>A shard to the model that generated it (PROV-O <c>wasGeneratedBy</c>).</summary>
    GeneratedBy,

    /// <summary>A shard to what it was derived from (<c>derivedFrom</c>, PROV-O <c>wasDerivedFrom</c>).</summary>
    DerivedFrom,
}

/// <summary>One drawn node, with its place in the layered layout (column, row) once <see cref="LineageGraph.Build"/> has run.</summary>
public sealed class LineageNode
{
    internal LineageNode(string key, LineageNodeKind kind, string label)
    {
        Key = key;
        Kind = kind;
        Label = label;
    }

    /// <summary>A stable key, unique in the graph.</summary>
    public string Key { get; }

    /// <summary>What it stands for.</summary>
    public LineageNodeKind Kind { get; }

    /// <summary>First line: an id, model, manifest path or group name.</summary>
    public string Label { get; }

    /// <summary>Second line: origin, generation, amounts.</summary>
    public string Detail { get; internal set; } = string.Empty;

    /// <summary>The shard origin (<c>human</c>, <c>synthetic</c>, <c>mixed</c>, <c>unknown</c>) for shards and groups; else null.</summary>
    public string? Origin { get; internal set; }

    /// <summary>Shards (or models, manifests, removals) it stands for.</summary>
    public int Count { get; internal set; } = 1;

    /// <summary>Of those shards, how many hold protected human data.</summary>
    public int ProtectedCount { get; internal set; }

    /// <summary>Of those shards, how many are derived from an approved removal.</summary>
    public int TaintedCount { get; internal set; }

    /// <summary>Its layer, left to right: generation 0's data first, the audited manifest last.</summary>
    public int Column { get; internal set; }

    /// <summary>Its row within the column, top to bottom.</summary>
    public int Row { get; internal set; }

    /// <summary>The text of its tooltip: everything the two lines leave out.</summary>
    public string Title { get; internal set; } = string.Empty;
}

/// <summary>One drawn edge; <see cref="Count"/> relations collapsed into it.</summary>
/// <param name="From">The later node (the derived shard, the generated shard, the model, the child manifest).</param>
/// <param name="To">The earlier node.</param>
/// <param name="Kind">The relation.</param>
/// <param name="Count">How many shard-level relations it stands for.</param>
public sealed record LineageEdge(LineageNode From, LineageNode To, LineageEdgeKind Kind, int Count);

/// <summary>
/// The lineage of an <see cref="AuditReport"/> as a layered graph that stays legible at any size: generation 0's data
/// on the left, then for each generation the manifests its generators were trained on, the generator models and the
/// shards they produced, and the audited manifest on the right. Up to <see cref="MaxShardNodes"/> shards are drawn one
/// by one; beyond that they collapse into groups of the same generation, origin, source or generator and marks
/// (protected, tainted), and further into one group per generation and origin (generations banded when there are
/// many), so the graph never draws more than about 200 nodes. Layout: columns by layer, rows ordered by the barycentre
/// of each node's neighbours in earlier columns (the ordering step of Sugiyama's layered drawing).
/// </summary>
public sealed class LineageGraph
{
    /// <summary>At most this many shard nodes (shards or groups) are drawn.</summary>
    public const int MaxShardNodes = 60;

    /// <summary>At most this many models, manifests, removals or outside targets per column before they collapse into one node.</summary>
    public const int MaxOthersPerColumn = 8;

    private const int MaxBands = 12;

    private readonly Dictionary<string, LineageNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, LineageEdgeKind), int> _edges = new();

    private int _lastColumn;

    private LineageGraph()
    {
    }

    /// <summary>The nodes, by column then row.</summary>
    public IReadOnlyList<LineageNode> Nodes { get; private set; } = Array.Empty<LineageNode>();

    /// <summary>The edges.</summary>
    public IReadOnlyList<LineageEdge> Edges { get; private set; } = Array.Empty<LineageEdge>();

    /// <summary>Columns in the layout.</summary>
    public int Columns { get; private set; }

    /// <summary>A heading per column: <c>generation 0</c>, <c>trained on</c>, <c>generators</c>, …, <c>audited manifest</c>.</summary>
    public IReadOnlyList<string> ColumnTitles { get; private set; } = Array.Empty<string>();

    /// <summary>Rows in the tallest column.</summary>
    public int Rows { get; private set; }

    /// <summary>True when shards were collapsed into groups.</summary>
    public bool Grouped { get; private set; }

    /// <summary>Generations per layer: 1, or more when a deep lineage is banded.</summary>
    public int Band { get; private set; } = 1;

    /// <summary>Builds the graph of <paramref name="report"/> and lays it out.</summary>
    public static LineageGraph Build(AuditReport report)
    {
        var graph = new LineageGraph();
        graph.Populate(report);
        graph.Layout();
        return graph;
    }

    private void Populate(AuditReport report)
    {
        var rows = report.Shards;
        int maxGeneration = rows.Count == 0 ? 0 : rows.Max(r => r.Generation);
        int individualGroups = rows.Count;
        int Level()
        {
            if (individualGroups <= MaxShardNodes)
            {
                return 0;
            }

            int fine = rows.Select(r => GroupKey(report, r, 1, 1)).Distinct(StringComparer.Ordinal).Count();
            if (fine <= MaxShardNodes)
            {
                return 1;
            }

            return rows.Select(r => GroupKey(report, r, 2, 1)).Distinct(StringComparer.Ordinal).Count() <= MaxShardNodes ? 2 : 3;
        }

        int level = Level();
        Grouped = level > 0;
        Band = level == 3 ? Math.Max(1, (maxGeneration + MaxBands) / MaxBands) : 1;
        int bands = (maxGeneration / Band) + 1;

        // Columns per band b: 3b data; for b >= 1, 3b-2 manifests trained on, 3b-1 models. The audited manifest last.
        int DataColumn(int generation) => 3 * (generation / Band);
        int ModelColumn(int generation) => Math.Max(1, DataColumn(generation) - 1);
        int ManifestColumn(int generation) => Math.Max(0, DataColumn(generation) - 2);
        int lastColumn = Math.Max(3 * (bands - 1) + 1, 2);
        _lastColumn = lastColumn;

        var audited = Node("m:" + report.ManifestShown, LineageNodeKind.Manifest, report.ManifestShown, lastColumn);
        audited.Detail = $"{report.Manifest.Dataset} · {Plural(rows.Count, "shard")}";
        audited.Title = $"audited manifest {report.ManifestShown} ({report.Manifest.Dataset}): human {AuditReport.Percent(report.Mix.HumanShare)} of {report.MeasureName}";

        var generated = rows.Where(r => r.Shard.Generator is not null).ToList();
        var modelsPerColumn = generated.GroupBy(r => ModelColumn(r.Generation))
            .ToDictionary(g => g.Key, g => g.Select(r => ModelName(r.Shard.Generator!)).Distinct(StringComparer.Ordinal).Count());
        var manifestsPerColumn = generated.Where(r => r.Shard.Generator!.TrainedOn is not null).GroupBy(r => ManifestColumn(r.Generation))
            .ToDictionary(g => g.Key, g => g.Select(r => r.Shard.Generator!.TrainedOn!).Distinct(StringComparer.Ordinal).Count());
        var shardNode = new Dictionary<string, LineageNode>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var shard = row.Shard;
            string origin = shard.Origin.ToString().ToLowerInvariant();
            bool isProtected = report.Protected.Contains(shard);
            bool isTainted = report.Tainted.ContainsKey(shard);
            LineageNode node;
            if (level == 0)
            {
                node = Node("s:" + shard.Id, LineageNodeKind.Shard, shard.Id, DataColumn(row.Generation));
                node.Detail = $"{(isTainted ? "tainted" : isProtected ? "protected" : origin)} · gen {row.Generation} · {Compact(row.Amount)} {report.MeasureName}";
                node.Title = $"{shard.Id}: {origin}, generation {row.Generation}, {AuditReport.Amount(row.Amount)} {report.MeasureName}, {shard.Digest ?? "no digest"}"
                    + (isProtected ? ", protected human shard" : string.Empty)
                    + (isTainted ? $", derived from removed '{report.Tainted[shard].Id ?? report.Tainted[shard].Digest}'" : string.Empty);
                node.Origin = origin;
                node.ProtectedCount = isProtected ? 1 : 0;
                node.TaintedCount = isTainted ? 1 : 0;
            }
            else
            {
                string key = GroupKey(report, row, level, Band);
                bool existed = _nodes.ContainsKey("g:" + key);
                node = Node("g:" + key, LineageNodeKind.ShardGroup, GroupLabel(report, row, level), DataColumn(row.Generation));
                node.Origin = origin;
                if (existed)
                {
                    node.Count++;
                }

                node.ProtectedCount += isProtected ? 1 : 0;
                node.TaintedCount += isTainted ? 1 : 0;
            }

            shardNode[shard.Id] = node;

            if (shard.Generator is { } generator)
            {
                int modelColumn = ModelColumn(row.Generation);
                var model = ModelNode(ModelName(generator), row.Generation, modelColumn, modelsPerColumn[modelColumn]);
                AddEdge(node, model, LineageEdgeKind.GeneratedBy);
                if (generator.TrainedOn is { } trainedOn)
                {
                    int manifestColumn = ManifestColumn(row.Generation);
                    AddEdge(model, TrainedOnNode(trainedOn, row.Generation, manifestColumn, manifestsPerColumn[manifestColumn]), LineageEdgeKind.TrainedOn);
                }
            }
        }

        if (level > 0)
        {
            var amounts = rows.GroupBy(r => shardNode[r.Shard.Id]).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount ?? 0));
            foreach (var node in _nodes.Values.Where(n => n.Kind == LineageNodeKind.ShardGroup))
            {
                node.Detail = $"{Plural(node.Count, "shard")} · {Compact(amounts[node])} {report.MeasureName}";
                node.Title = $"{node.Label}: {Plural(node.Count, "shard")}, {AuditReport.Amount(amounts[node])} {report.MeasureName}"
                    + (node.ProtectedCount > 0 ? $", {node.ProtectedCount} protected" : string.Empty)
                    + (node.TaintedCount > 0 ? $", {node.TaintedCount} derived from removed data" : string.Empty);
            }
        }

        if (report.Manifest.Parent is { } parent)
        {
            var parentNode = _nodes.TryGetValue("m:" + parent, out var known) ? known : Node("m:" + parent, LineageNodeKind.Manifest, parent, Math.Max(1, lastColumn - 3));
            if (parentNode.Detail.Length == 0)
            {
                parentNode.Detail = "parent";
            }
            else
            {
                parentNode.Detail = "parent · " + parentNode.Detail;
            }

            parentNode.Title = $"manifest {parent}: the parent (the previous generation's mix){(known is not null ? " and a generator's trainedOn" : string.Empty)}";
            AddEdge(audited, parentNode, LineageEdgeKind.Parent);
        }

        // Approved removals: this manifest's and the lock's, and any removal (a parent's too) that taints a shard here.
        var removals = new Dictionary<string, Policy.ProtectedRemoval>(StringComparer.Ordinal);
        foreach (var removal in report.Removals.Concat(report.Tainted.Values))
        {
            removals[removal.Id ?? removal.Digest] = removal;
        }

        foreach (var removal in removals.Values)
        {
            RemovalNode(removal.Id ?? removal.Digest, removal.Reason, removal.ApprovedBy, removals.Count);
        }

        var outside = report.Shards.SelectMany(r => r.Shard.DerivedFrom).Where(id => !shardNode.ContainsKey(id) && !removals.ContainsKey(id))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var row in rows)
        {
            var from = shardNode[row.Shard.Id];
            foreach (string id in row.Shard.DerivedFrom)
            {
                LineageNode to;
                if (shardNode.TryGetValue(id, out var target))
                {
                    to = target;
                }
                else if (removals.TryGetValue(id, out var removal))
                {
                    to = RemovalNode(id, removal.Reason, removal.ApprovedBy, removals.Count);
                }
                else
                {
                    to = outside.Count <= MaxOthersPerColumn
                        ? Node("x:" + id, LineageNodeKind.External, id, 0)
                        : Node("x:*", LineageNodeKind.External, Plural(outside.Count, "shard") + " outside", 0);
                    to.Detail = "not in this mix";
                    to.Count = outside.Count <= MaxOthersPerColumn ? 1 : outside.Count;
                    to.Title = outside.Count <= MaxOthersPerColumn ? $"'{id}': named by derivedFrom, not a shard of this manifest" : "shards named by derivedFrom that are not in this manifest";
                }

                if (!ReferenceEquals(from, to))
                {
                    AddEdge(from, to, LineageEdgeKind.DerivedFrom);
                }
            }
        }

        Edges = _edges.Select(e => new LineageEdge(_nodes[e.Key.Item1], _nodes[e.Key.Item2], e.Key.Item3, e.Value)).ToList();
    }

    private LineageNode ModelNode(string model, int generation, int column, int modelsInColumn) =>
        Capped("model:", LineageNodeKind.Model, model, column, modelsInColumn, "generator models", $"{modelsInColumn} models · gen {generation}",
            $"{modelsInColumn} generator models of generation {generation}", $"generator · gen {generation}", $"generator model {model} (its shards are generation {generation})");

    private LineageNode TrainedOnNode(string trainedOn, int generation, int column, int manifestsInColumn) =>
        Capped("m:", LineageNodeKind.Manifest, trainedOn, column, manifestsInColumn, "training manifests", $"{manifestsInColumn} manifests",
            $"{manifestsInColumn} manifests that generators of generation {generation} were trained on", "trained on", $"manifest {trainedOn}: the mix a generator of generation {generation} was trained on");

    /// <summary>One node for <paramref name="name"/>, or, when its column holds more than <see cref="MaxOthersPerColumn"/> of its kind, one node for them all.</summary>
    private LineageNode Capped(string prefix, LineageNodeKind kind, string name, int column, int inColumn, string groupLabel, string groupDetail, string groupTitle, string detail, string title)
    {
        bool many = inColumn > MaxOthersPerColumn;
        string key = many ? prefix + column.ToString(CultureInfo.InvariantCulture) + ":*" : prefix + (kind == LineageNodeKind.Model ? column.ToString(CultureInfo.InvariantCulture) + ":" : string.Empty) + name;
        var node = Node(key, kind, many ? groupLabel : name, column);
        node.Count = many ? inColumn : 1;
        node.Detail = many ? groupDetail : detail;
        node.Title = many ? groupTitle : title;
        return node;
    }

    private LineageNode RemovalNode(string id, string reason, string approvedBy, int total)
    {
        if (total > MaxOthersPerColumn)
        {
            var group = Node("r:*", LineageNodeKind.Removal, "approved removals", 0);
            group.Count = total;
            group.Detail = Plural(total, "removed shard");
            group.Title = $"{Plural(total, "approved removal")} from the protected human corpus";
            return group;
        }

        var node = Node("r:" + id, LineageNodeKind.Removal, id, 0);
        node.Detail = "removed (approved)";
        node.Title = $"'{id}' removed from the protected human corpus: \"{reason}\" (approved by {approvedBy})";
        return node;
    }

    private static string GroupKey(AuditReport report, AuditReport.ShardRow row, int level, int band)
    {
        var shard = row.Shard;
        string marks = (report.Protected.Contains(shard) ? "P" : "-") + (report.Tainted.ContainsKey(shard) ? "T" : "-");
        string generation = (row.Generation / band).ToString(CultureInfo.InvariantCulture);
        return level switch
        {
            1 => $"{generation}|{shard.Origin}|{marks}|{Sub(shard)}",
            2 => $"{generation}|{shard.Origin}|{marks}",
            _ => $"{generation}|{shard.Origin}",
        };
    }

    private string GroupLabel(AuditReport report, AuditReport.ShardRow row, int level)
    {
        var shard = row.Shard;
        string origin = shard.Origin.ToString().ToLowerInvariant();
        string generation = Band == 1 ? "gen " + row.Generation.ToString(CultureInfo.InvariantCulture)
            : $"gen {(row.Generation / Band) * Band}–{((row.Generation / Band) * Band) + Band - 1}";
        string marks = level < 3 && report.Protected.Contains(shard) ? ", protected" : level < 3 && report.Tainted.ContainsKey(shard) ? ", tainted" : string.Empty;
        return level == 1 ? $"{Sub(shard)}{marks}" : $"{origin} {generation}{marks}";
    }

    private static string ModelName(GeneratorInfo generator) => generator.Model ?? "(model not named)";

    private static string Sub(Shard shard) => shard.Generator?.Model ?? shard.Source?.Name ?? shard.Origin.ToString().ToLowerInvariant() + " shards";

    private LineageNode Node(string key, LineageNodeKind kind, string label, int column)
    {
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new LineageNode(key, kind, label) { Column = column };
            _nodes[key] = node;
        }

        return node;
    }

    private void AddEdge(LineageNode from, LineageNode to, LineageEdgeKind kind)
    {
        var key = (from.Key, to.Key, kind);
        _edges[key] = _edges.TryGetValue(key, out int count) ? count + 1 : 1;
    }

    private void Layout()
    {
        // Drop empty columns, then order each column by the mean row of its neighbours in the columns already placed.
        var used = _nodes.Values.Select(n => n.Column).Distinct().OrderBy(c => c).ToList();
        var remap = used.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        foreach (var node in _nodes.Values)
        {
            node.Column = remap[node.Column];
        }

        Columns = used.Count;
        ColumnTitles = used.Select(c => c == _lastColumn ? "audited manifest"
            : c % 3 == 0 ? (Band == 1 ? "generation " + (c / 3).ToString(CultureInfo.InvariantCulture) : $"generations {c / 3 * Band}–{(c / 3 * Band) + Band - 1}")
            : c % 3 == 1 ? "manifests trained on" : "generators").ToList();
        var neighbours = new Dictionary<LineageNode, List<LineageNode>>();
        foreach (var edge in _edges.Keys)
        {
            var a = _nodes[edge.Item1];
            var b = _nodes[edge.Item2];
            (neighbours.TryGetValue(a, out var la) ? la : neighbours[a] = new List<LineageNode>()).Add(b);
            (neighbours.TryGetValue(b, out var lb) ? lb : neighbours[b] = new List<LineageNode>()).Add(a);
        }

        var ordered = new List<LineageNode>();
        for (int column = 0; column < Columns; column++)
        {
            var inColumn = _nodes.Values.Where(n => n.Column == column).ToList();
            double Barycentre(LineageNode n)
            {
                var placed = neighbours.TryGetValue(n, out var list) ? list.Where(m => m.Column < column).ToList() : new List<LineageNode>();
                return placed.Count == 0 ? double.MaxValue : placed.Average(m => (double)m.Row);
            }

            var sorted = inColumn
                .OrderBy(Barycentre)
                .ThenBy(n => n.Kind)
                .ThenBy(n => OriginRank(n.Origin))
                .ThenBy(n => n.Label, StringComparer.Ordinal)
                .ToList();
            for (int i = 0; i < sorted.Count; i++)
            {
                sorted[i].Row = i;
            }

            ordered.AddRange(sorted);
        }

        Rows = ordered.Count == 0 ? 0 : ordered.GroupBy(n => n.Column).Max(g => g.Count());
        Nodes = ordered;
    }

    private static int OriginRank(string? origin) => origin switch
    {
        "human" => 0,
        "mixed" => 1,
        "synthetic" => 2,
        "unknown" => 3,
        _ => 4,
    };

    private static string Plural(long count, string noun) => AuditReport.Plural(count, noun).Replace(count.ToString(CultureInfo.InvariantCulture), count.ToString("#,0", CultureInfo.InvariantCulture));

    /// <summary>An amount in a few characters: <c>912</c>, <c>41.3k</c>, <c>1.8M</c>, <c>2.1G</c>; '-' when undeclared.</summary>
    public static string Compact(long? amount)
    {
        if (amount is not { } a)
        {
            return "-";
        }

        return a switch
        {
            >= 1_000_000_000 => (a / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "G",
            >= 1_000_000 => (a / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
            >= 10_000 => (a / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
            _ => a.ToString(CultureInfo.InvariantCulture),
        };
    }
}
