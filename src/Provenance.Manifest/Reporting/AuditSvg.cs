using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Provenance.Manifest.Diversity;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// The SVG drawings of <see cref="HtmlAudit"/>, written directly (no charting library: ScottPlot draws through SkiaSharp's
/// native libraries, which the CLI and the MSBuild task must not carry): the mix by generation and origin, the diversity
/// curves with the gate's threshold, and the layered <see cref="LineageGraph"/>. Every element is inline, every colour
/// comes from the page's CSS classes, and every shape carries a <c>&lt;title&gt;</c> for its full text.
/// </summary>
internal static class AuditSvg
{
    private const int NodeWidth = 172;
    private const int NodeHeight = 40;
    private const int ColumnWidth = 212;
    private const int RowHeight = 52;

    private static readonly string[] OriginOrder = { "human", "mixed", "synthetic", "unknown" };

    /// <summary>
    /// Horizontal stacked bars: the whole mix, then one bar per generation, each as long as its share of the mix's
    /// effective amount and split by origin; the floor and the warning floor are drawn on the mix bar.
    /// </summary>
    public static string MixChart(AuditReport report)
    {
        const int left = 110, barWidth = 520, rowHeight = 30, top = 26;
        var rows = new List<(string Label, IReadOnlyList<AuditReport.ShardRow> Shards)> { ("whole mix", report.Shards) };
        rows.AddRange(report.Shards.GroupBy(r => r.Generation).OrderBy(g => g.Key).Select(g => ("generation " + N(g.Key), (IReadOnlyList<AuditReport.ShardRow>)g.ToList())));
        double total = report.Mix.TotalAmount;
        int height = top + (rows.Count * rowHeight) + 36;
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"mix-chart\" class=\"chart\" viewBox=\"0 0 {left + barWidth + 150} {height}\" role=\"img\" aria-labelledby=\"mix-chart-title\">");
        svg.Append($"<title id=\"mix-chart-title\">Effective {HtmlAudit.Escape(report.MeasureName)} of the mix by generation and origin</title>");
        for (int tick = 0; tick <= 4; tick++)
        {
            double x = left + (barWidth * tick / 4.0);
            svg.Append($"<line class=\"grid\" x1=\"{F(x)}\" y1=\"{top - 6}\" x2=\"{F(x)}\" y2=\"{top + (rows.Count * rowHeight) - 6}\"/>");
            svg.Append($"<text class=\"tick\" x=\"{F(x)}\" y=\"{top - 10}\" text-anchor=\"middle\">{tick * 25}%</text>");
        }

        for (int i = 0; i < rows.Count; i++)
        {
            double y = top + (i * rowHeight);
            var (label, shards) = rows[i];
            svg.Append($"<text class=\"label\" x=\"{left - 8}\" y=\"{F(y + 13)}\" text-anchor=\"end\">{HtmlAudit.Escape(label)}</text>");
            double x = left;
            double rowTotal = 0;
            foreach (string origin in OriginOrder)
            {
                double effective = shards.Where(r => Origin(r) == origin).Sum(r => r.Effective ?? 0);
                if (effective <= 0 || total <= 0)
                {
                    continue;
                }

                rowTotal += effective;
                double width = barWidth * effective / total;
                svg.Append($"<rect class=\"bar {origin}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(Math.Max(width, 0.5))}\" height=\"18\">");
                svg.Append($"<title>{HtmlAudit.Escape(label)}, {origin}: {AuditReport.Amount(effective)} effective {HtmlAudit.Escape(report.MeasureName)}, {AuditReport.Percent(effective / total)} of the mix</title></rect>");
                x += width;
            }

            string share = total > 0 ? AuditReport.Percent(rowTotal / total) : "-";
            svg.Append($"<text class=\"value\" x=\"{F(x + 6)}\" y=\"{F(y + 13)}\">{share} · {LineageGraph.Compact((long)Math.Round(rowTotal))}</text>");
        }

        // The floor lines sit on the mix bar: the human segment must reach past them.
        foreach (var (fraction, name) in new[] { (report.Result.HumanFloor, "floor"), (report.Manifest.Policy.HumanFloorWarn, "warn") })
        {
            double x = left + (barWidth * fraction);
            svg.Append($"<line class=\"floor {name}\" x1=\"{F(x)}\" y1=\"{top - 4}\" x2=\"{F(x)}\" y2=\"{top + 22}\"><title>{(name == "floor" ? "human floor" : "warning floor")} {AuditReport.Percent(fraction)}</title></line>");
        }

        double legendY = top + (rows.Count * rowHeight) + 8;
        double legendX = left;
        foreach (string origin in OriginOrder.Where(o => report.Shards.Any(r => Origin(r) == o)))
        {
            svg.Append($"<rect class=\"bar {origin}\" x=\"{F(legendX)}\" y=\"{F(legendY)}\" width=\"12\" height=\"12\"/><text class=\"tick\" x=\"{F(legendX + 16)}\" y=\"{F(legendY + 10)}\">{origin}</text>");
            legendX += 90;
        }

        svg.Append($"<line class=\"floor floor\" x1=\"{F(legendX)}\" y1=\"{F(legendY)}\" x2=\"{F(legendX)}\" y2=\"{F(legendY + 12)}\"/><text class=\"tick\" x=\"{F(legendX + 6)}\" y=\"{F(legendY + 10)}\">floor {AuditReport.Percent(report.Result.HumanFloor)}</text>");
        legendX += 90;
        svg.Append($"<line class=\"floor warn\" x1=\"{F(legendX)}\" y1=\"{F(legendY)}\" x2=\"{F(legendX)}\" y2=\"{F(legendY + 12)}\"/><text class=\"tick\" x=\"{F(legendX + 6)}\" y=\"{F(legendY + 10)}\">warning {AuditReport.Percent(report.Manifest.Policy.HumanFloorWarn)}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// distinct-1, distinct-2 and tail survival against generation (0–1), the mix as open markers, and the gate's
    /// threshold: generation 0's value of the gated metric × (1 − maxDrop).
    /// </summary>
    public static string DiversityChart(DiversityReport report, DiversityPolicy policy)
    {
        const int left = 50, top = 20, width = 560, height = 220;
        var rows = report.Generations;
        int maxGeneration = Math.Max(1, Math.Max(rows.Count == 0 ? 0 : rows.Max(r => r.Generation), report.Mix?.Generation ?? 0));
        double X(int generation) => left + (width * generation / (double)maxGeneration);
        double Y(double value) => top + (height * (1 - Math.Max(0, Math.Min(1, value))));
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"diversity-chart\" class=\"chart\" viewBox=\"0 0 {left + width + 170} {top + height + 44}\" role=\"img\" aria-labelledby=\"diversity-chart-title\">");
        svg.Append("<title id=\"diversity-chart-title\">Diversity across generations: distinct-1, distinct-2 and tail survival, with the gate's threshold</title>");
        for (int tick = 0; tick <= 4; tick++)
        {
            double y = Y(tick / 4.0);
            svg.Append($"<line class=\"grid\" x1=\"{left}\" y1=\"{F(y)}\" x2=\"{left + width}\" y2=\"{F(y)}\"/><text class=\"tick\" x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{F(tick / 4.0)}</text>");
        }

        for (int generation = 0; generation <= maxGeneration; generation++)
        {
            svg.Append($"<text class=\"tick\" x=\"{F(X(generation))}\" y=\"{top + height + 16}\" text-anchor=\"middle\">{N(generation)}</text>");
        }

        svg.Append($"<text class=\"label\" x=\"{left + (width / 2)}\" y=\"{top + height + 34}\" text-anchor=\"middle\">generation</text>");
        var series = new (string Name, string Css, Func<DiversityRow, double> Value)[]
        {
            ("distinct-1", "d1", r => r.Distinct1),
            ("distinct-2", "d2", r => r.Distinct2),
            ("tail survival", "tail", r => r.TailSurvival),
        };
        int legendRow = 0;
        foreach (var (name, css, value) in series)
        {
            var points = rows.Where(r => !double.IsNaN(value(r))).Select(r => (r.Generation, Value: value(r))).ToList();
            if (points.Count > 0)
            {
                svg.Append($"<polyline class=\"series {css}\" points=\"{string.Join(" ", points.Select(p => F(X(p.Generation)) + "," + F(Y(p.Value))))}\"/>");
                foreach (var (generation, v) in points)
                {
                    svg.Append($"<circle class=\"point {css}\" cx=\"{F(X(generation))}\" cy=\"{F(Y(v))}\" r=\"3.5\"><title>{name}, generation {N(generation)}: {v.ToString("0.000", CultureInfo.InvariantCulture)}</title></circle>");
                }
            }

            if (report.Mix is { } mix && !double.IsNaN(value(mix)))
            {
                svg.Append($"<circle class=\"mix {css}\" cx=\"{F(X(mix.Generation))}\" cy=\"{F(Y(value(mix)))}\" r=\"6\"><title>{name} of the whole mix: {value(mix).ToString("0.000", CultureInfo.InvariantCulture)}</title></circle>");
            }

            double ly = top + 10 + (legendRow++ * 18);
            svg.Append($"<line class=\"series {css}\" x1=\"{left + width + 14}\" y1=\"{F(ly - 4)}\" x2=\"{left + width + 34}\" y2=\"{F(ly - 4)}\"/><text class=\"tick\" x=\"{left + width + 40}\" y=\"{F(ly)}\">{name}</text>");
        }

        double ly2 = top + 10 + (legendRow++ * 18);
        svg.Append($"<circle class=\"mix d2\" cx=\"{left + width + 24}\" cy=\"{F(ly2 - 4)}\" r=\"6\"/><text class=\"tick\" x=\"{left + width + 40}\" y=\"{F(ly2)}\">whole mix</text>");
        if (report.Reference is { } reference && !double.IsNaN(reference.Value(policy.Metric)))
        {
            double threshold = reference.Value(policy.Metric) * (1 - policy.MaxDrop);
            string metric = DiversityPolicy.Name(policy.Metric);
            svg.Append($"<line id=\"diversity-gate\" class=\"gate\" x1=\"{left}\" y1=\"{F(Y(threshold))}\" x2=\"{left + width}\" y2=\"{F(Y(threshold))}\"><title>gate (policy.diversity): {metric} of the mix at least {threshold.ToString("0.000", CultureInfo.InvariantCulture)} (generation 0 less {AuditReport.Percent(policy.MaxDrop)})</title></line>");
            double ly3 = top + 10 + (legendRow * 18);
            svg.Append($"<line class=\"gate\" x1=\"{left + width + 14}\" y1=\"{F(ly3 - 4)}\" x2=\"{left + width + 34}\" y2=\"{F(ly3 - 4)}\"/><text class=\"tick\" x=\"{left + width + 40}\" y=\"{F(ly3)}\">gate: {metric} ≥ {threshold.ToString("0.000", CultureInfo.InvariantCulture)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The lineage graph: nodes in columns, edges as curves from the later node to the earlier one.</summary>
    public static string Lineage(LineageGraph graph)
    {
        const int margin = 16, header = 28;
        int width = (margin * 2) + ((graph.Columns - 1) * ColumnWidth) + NodeWidth;
        int height = header + (Math.Max(1, graph.Rows) * RowHeight) + margin;
        var columnCounts = graph.Nodes.GroupBy(n => n.Column).ToDictionary(g => g.Key, g => g.Count());
        double NodeX(LineageNode n) => margin + (n.Column * ColumnWidth);
        double NodeY(LineageNode n) => header + (n.Row * RowHeight) + ((graph.Rows - columnCounts[n.Column]) * RowHeight / 2.0);
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"lineage-graph\" class=\"graph\" viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px\" role=\"img\" aria-labelledby=\"lineage-graph-title\">");
        svg.Append("<title id=\"lineage-graph-title\">Lineage: manifests, generator models and shards, layered by generation</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrowhead\"/></marker></defs>");
        for (int column = 0; column < graph.Columns; column++)
        {
            svg.Append($"<text class=\"column-title\" x=\"{F(margin + (column * ColumnWidth) + (NodeWidth / 2.0))}\" y=\"16\" text-anchor=\"middle\">{HtmlAudit.Escape(graph.ColumnTitles[column])}</text>");
        }

        foreach (var edge in graph.Edges)
        {
            double fromX = NodeX(edge.From), fromY = NodeY(edge.From) + (NodeHeight / 2.0);
            double toX = NodeX(edge.To), toY = NodeY(edge.To) + (NodeHeight / 2.0);
            string path;
            if (edge.From.Column > edge.To.Column)
            {
                double endX = toX + NodeWidth;
                double bend = (fromX - endX) / 2;
                path = $"M{F(fromX)},{F(fromY)} C{F(fromX - bend)},{F(fromY)} {F(endX + bend)},{F(toY)} {F(endX)},{F(toY)}";
            }
            else
            {
                // Same column (or drawn backwards): a loop out to the left of the column.
                path = $"M{F(fromX)},{F(fromY)} C{F(fromX - 40)},{F(fromY)} {F(toX - 40)},{F(toY)} {F(toX)},{F(toY)}";
            }

            string kind = edge.Kind.ToString().ToLowerInvariant();
            string count = edge.Count > 1 ? $" ({edge.Count.ToString("#,0", CultureInfo.InvariantCulture)} relations)" : string.Empty;
            svg.Append($"<path class=\"edge {kind}\" d=\"{path}\" marker-end=\"url(#arrow)\"><title>{HtmlAudit.Escape(edge.From.Label)} {EdgeVerb(edge.Kind)} {HtmlAudit.Escape(edge.To.Label)}{count}</title></path>");
        }

        foreach (var node in graph.Nodes)
        {
            double x = NodeX(node), y = NodeY(node);
            var classes = new List<string> { "node", node.Kind.ToString().ToLowerInvariant() };
            if (node.Origin is { } origin)
            {
                classes.Add(origin);
            }

            if (node.ProtectedCount > 0)
            {
                classes.Add("protected");
            }

            if (node.TaintedCount > 0)
            {
                classes.Add("tainted");
            }

            svg.Append($"<g class=\"{string.Join(" ", classes)}\" data-key=\"{HtmlAudit.Escape(node.Key)}\" data-count=\"{node.Count.ToString(CultureInfo.InvariantCulture)}\">");
            svg.Append($"<title>{HtmlAudit.Escape(node.Title.Length > 0 ? node.Title : node.Label)}</title>");
            svg.Append($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"{(node.Kind is LineageNodeKind.Shard or LineageNodeKind.ShardGroup ? 12 : 3)}\"/>");
            svg.Append($"<text x=\"{F(x + 8)}\" y=\"{F(y + 16)}\" class=\"node-label\">{HtmlAudit.Escape(Clip(node.Label, 26))}</text>");
            svg.Append($"<text x=\"{F(x + 8)}\" y=\"{F(y + 32)}\" class=\"node-detail\">{HtmlAudit.Escape(Clip(node.Detail, 30))}</text>");
            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string EdgeVerb(LineageEdgeKind kind) => kind switch
    {
        LineageEdgeKind.Parent => "has parent",
        LineageEdgeKind.TrainedOn => "was trained on",
        LineageEdgeKind.GeneratedBy => "was generated by",
        _ => "was derived from",
    };

    private static string Origin(AuditReport.ShardRow row) => row.Shard.Origin.ToString().ToLowerInvariant();

    private static string Clip(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
