using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Manifest.Diversity;

namespace Provenance.Manifest.Reporting;

/// <summary>
/// The audit as one self-contained HTML page (<c>provenance audit --format html</c>): the summary with the verdict and
/// each diagnostic linked to its rule page, an SVG chart of the mix by generation and origin, the diversity curves when
/// the check ran the diversity audit, the layered lineage graph (<see cref="LineageGraph"/>, collapsed into groups for
/// large mixes) and a sortable shard table with digests and sources. Styles, the sorting script and the drawings are
/// inline: the page loads nothing when opened (the only links are the rule pages, as plain anchors), and prints
/// (<c>@media print</c>). The table sorts on a click on its header, or on load from <c>?sort=COLUMN</c> or
/// <c>#sort=COLUMN</c> (<c>-COLUMN</c> for descending). Pure formatting of the report: no I/O beyond the writer.
/// </summary>
public static class HtmlAudit
{
    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="output"/>; <paramref name="displayPath"/> turns a diagnostic's
    /// full file path into the path shown.
    /// </summary>
    public static void Write(TextWriter output, AuditReport report, Func<string, string> displayPath)
    {
        var html = new StringBuilder(4096 + (report.Shards.Count * 600));
        bool passed = report.Errors == 0;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // The page may load nothing: no fetch, image, font, frame or script from anywhere, only what is inline.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<title>Provenance audit: ").Append(Escape(report.Manifest.Dataset)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Provenance audit: ").Append(Escape(report.Manifest.Dataset)).Append("</h1>");
        html.Append($"<p id=\"verdict\" class=\"verdict {(passed ? "passed" : "failed")}\">{(passed ? "Passed" : "Failed")}: {Escape(AuditReport.Counts(report.Diagnostics))}</p></header>\n");

        html.Append("<section id=\"summary\"><h2>Summary</h2><table class=\"facts\">");
        foreach (var (label, value) in report.Facts())
        {
            html.Append("<tr><th scope=\"row\">").Append(Escape(label)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>");
        }

        html.Append("<tr><th scope=\"row\">Protected</th><td>").Append(Escape(AuditReport.Plural(report.Protected.Count, "human shard")))
            .Append(" held from the parent or the lock; ").Append(Escape(AuditReport.Plural(report.Removals.Count, "approved removal")))
            .Append("; ").Append(Escape(AuditReport.Plural(report.Tainted.Count, "shard"))).Append(" derived from removed data</td></tr>");
        html.Append("</table>\n");
        WriteDiagnostics(html, report, displayPath);
        html.Append("</section>\n");

        html.Append("<section id=\"mix\"><h2>The mix by generation and origin</h2>");
        html.Append("<p>Bar length: the share of the mix's effective ").Append(Escape(report.MeasureName))
            .Append(" (amount × weight, a human shard's weight capped at humanEpochCap). Lines on the whole mix: the floor and the warning floor the human part must reach.</p>");
        html.Append(AuditSvg.MixChart(report));
        WriteTable(html, "origins", report.OriginTable());
        WriteTable(html, "generations", report.GenerationTable());
        html.Append("</section>\n");

        if (report.Result.Diversity is { } diversity)
        {
            WriteDiversity(html, report, diversity);
        }

        var graph = LineageGraph.Build(report);
        html.Append("<section id=\"lineage\"><h2>Lineage</h2><p>Layered by generation, left to right; arrows point from the later thing to the earlier one (PROV-O): a shard to the model that generated it and to what it was derived from, a model to the manifest it was trained on, the manifest to its parent.");
        if (graph.Grouped)
        {
            html.Append(string.Format(CultureInfo.InvariantCulture, " {0:#,0} shards are collapsed into {1:#,0} groups", report.Shards.Count, graph.Nodes.Count(n => n.Kind == LineageNodeKind.ShardGroup)));
            html.Append($" of the same generation, origin, source or generator and marks; the table below lists every shard.");
        }

        html.Append("</p><div class=\"legend\"><span class=\"key human\">human</span><span class=\"key mixed\">mixed</span><span class=\"key synthetic\">synthetic</span><span class=\"key unknown\">unknown</span><span class=\"key manifest\">manifest</span><span class=\"key model\">generator model</span><span class=\"key protected\">protected human</span><span class=\"key removal\">approved removal</span><span class=\"key tainted\">derived from removed data (tainted)</span>");
        html.Append("<span class=\"ekey parent\">parent</span><span class=\"ekey trainedon\">trainedOn</span><span class=\"ekey generatedby\">generated by</span><span class=\"ekey derivedfrom\">derivedFrom</span></div>");
        html.Append("<div class=\"graph-box\">").Append(AuditSvg.Lineage(graph)).Append("</div></section>\n");

        WriteShards(html, report);
        html.Append("<footer>Written by <code>provenance audit --format html</code>. Rule pages: ").Append(Escape(Diagnostics.DiagnosticRegistry.HelpLinkBase)).Append("</footer>\n");
        html.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }

    /// <summary>Text safe in HTML content and attribute values.</summary>
    public static string Escape(string text)
    {
        if (text.IndexOfAny(new[] { '&', '<', '>', '"', '\'' }) < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
    }

    private static void WriteDiagnostics(StringBuilder html, AuditReport report, Func<string, string> displayPath)
    {
        html.Append("<h3>Diagnostics</h3>");
        if (report.Diagnostics.Count == 0)
        {
            html.Append("<p id=\"diagnostics\">None.</p>");
            return;
        }

        html.Append("<ul id=\"diagnostics\">");
        foreach (var d in report.Diagnostics)
        {
            string severity = AuditReport.SeverityName(d.Severity);
            html.Append($"<li class=\"{severity}\"><span class=\"severity\">{severity}</span> <a class=\"rule\" href=\"{Escape(d.HelpLink)}\">{Escape(d.Id)}</a> ");
            html.Append($"<code>{Escape(displayPath(d.FilePath))}({d.Span.Line.ToString(CultureInfo.InvariantCulture)},{d.Span.Column.ToString(CultureInfo.InvariantCulture)})</code>: {Escape(d.Message)}</li>");
        }

        html.Append("</ul>");
    }

    private static void WriteDiversity(StringBuilder html, AuditReport report, DiversityReport diversity)
    {
        var policy = report.Manifest.Policy.Diversity ?? new DiversityPolicy();
        html.Append("<section id=\"diversity\"><h2>Diversity across generations</h2><p>distinct-n at a common sample of ")
            .Append(Escape(AuditReport.Amount(diversity.SampleTokens))).Append(" tokens (generation 0's); tail survival: the share of generation 0's rare types (count ≤ 2) still present. ");
        html.Append(Escape(AuditReport.DiversityGate(diversity, policy)));
        html.Append("</p>").Append(AuditSvg.DiversityChart(diversity, policy));
        WriteTable(html, "diversity-table", AuditReport.DiversityTable(diversity));
        foreach (var skipped in diversity.Skipped)
        {
            html.Append("<p class=\"note\">Skipped '").Append(Escape(skipped.Id)).Append("': ").Append(Escape(skipped.Reason)).Append(".</p>");
        }

        html.Append("</section>\n");
    }

    private static void WriteShards(StringBuilder html, AuditReport report)
    {
        html.Append("<section id=\"shards-section\"><h2>Shards</h2><p class=\"no-print\">Click a column header to sort.</p>");
        html.Append("<table id=\"shards\" class=\"data sortable\"><thead><tr>");
        var columns = new (string Key, string Title, bool Numeric)[]
        {
            ("id", "id", false), ("origin", "origin", false), ("gen", "gen", true), ("amount", report.MeasureName, true), ("weight", "weight", true),
            ("effective", "effective", true), ("status", "status", false), ("digest", "digest", false), ("source", "source / generator", false),
        };
        foreach (var (key, title, numeric) in columns)
        {
            html.Append($"<th data-key=\"{key}\"{(numeric ? " data-type=\"num\" class=\"num\"" : string.Empty)} tabindex=\"0\">{Escape(title)}</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in report.Shards)
        {
            var shard = row.Shard;
            string origin = shard.Origin.ToString().ToLowerInvariant();
            var status = new List<string>();
            if (report.Protected.Contains(shard))
            {
                status.Add("protected");
            }

            if (report.Tainted.TryGetValue(shard, out var removal))
            {
                status.Add($"tainted: derived from removed '{removal.Id ?? removal.Digest}'");
            }

            html.Append("<tr><td class=\"id\">").Append(Escape(shard.Id));
            if ((shard.Path ?? shard.Uri) is { } location)
            {
                html.Append("<div class=\"path\">").Append(Escape(location)).Append("</div>");
            }

            html.Append($"</td><td><span class=\"origin {origin}\">{origin}</span></td>");
            html.Append($"<td class=\"num\">{row.Generation.ToString(CultureInfo.InvariantCulture)}</td>");
            html.Append($"<td class=\"num\" data-v=\"{(row.Amount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)}\">{AuditReport.Amount(row.Amount)}</td>");
            html.Append($"<td class=\"num\" data-v=\"{shard.Weight.ToString("R", CultureInfo.InvariantCulture)}\">{AuditReport.Weight(shard.Weight)}</td>");
            html.Append($"<td class=\"num\" data-v=\"{(row.Effective?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty)}\">{AuditReport.Amount(row.Effective)}</td>");
            html.Append("<td>").Append(Escape(string.Join(", ", status))).Append("</td>");
            html.Append("<td class=\"digest\"><code>").Append(Escape(shard.Digest ?? "-")).Append("</code></td><td>");
            if (shard.Source is { } source)
            {
                html.Append(Escape(source.Name ?? "-"));
                if (source.License is { } license)
                {
                    html.Append(" <span class=\"license\">").Append(Escape(license)).Append("</span>");
                }

                if (source.Url is { } url)
                {
                    // The source's address as text, not a link: the report opens nothing by itself.
                    html.Append("<div class=\"url\">").Append(Escape(url)).Append("</div>");
                }
            }
            else if (shard.Generator is { } generator)
            {
                html.Append("generator ").Append(Escape(generator.Model ?? "(not named)"));
                if (generator.TrainedOn is { } trainedOn)
                {
                    html.Append("<div class=\"url\">trained on ").Append(Escape(trainedOn)).Append("</div>");
                }

                if (shard.DerivedFrom.Count > 0)
                {
                    html.Append("<div class=\"url\">derived from ").Append(Escape(string.Join(", ", shard.DerivedFrom))).Append("</div>");
                }
            }
            else
            {
                html.Append('-');
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void WriteTable(StringBuilder html, string id, ReportTable table)
    {
        html.Append($"<table id=\"{id}\" class=\"data\"><thead><tr>");
        for (int i = 0; i < table.Headers.Count; i++)
        {
            html.Append(table.IsRightAligned(i) ? "<th class=\"num\">" : "<th>").Append(Escape(table.Headers[i])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                html.Append(table.IsRightAligned(i) ? "<td class=\"num\">" : "<td>").Append(Escape(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private const string Css = @"
:root{--human:#2e7d32;--mixed:#f9a825;--synthetic:#c62828;--unknown:#757575;--ink:#1b1f24;--muted:#5f6b76;--line:#d0d7de;--accent:#1565c0}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);margin:0 auto;padding:16px 24px 40px;max-width:1280px}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:1.6em}h3{font-size:1em}
code{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.verdict{display:inline-block;padding:3px 10px;border-radius:4px;font-weight:600}.verdict.passed{background:#e8f5e9;color:#1b5e20}.verdict.failed{background:#ffebee;color:#b71c1c}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.facts th{color:var(--muted);font-weight:500;white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums}
table.data thead th{background:#f6f8fa;position:sticky;top:0}
table.sortable th{cursor:pointer;user-select:none}table.sortable th[aria-sort=ascending]::after{content:' ▲'}table.sortable th[aria-sort=descending]::after{content:' ▼'}
#shards-section{content-visibility:auto;contain-intrinsic-size:auto 2000px}#shards{width:100%;font-size:13px}#shards td.id{white-space:nowrap}#shards td.id .path{white-space:normal;max-width:240px}#shards .path,#shards .url,.license{color:var(--muted);font-size:12px;word-break:break-all}#shards td.digest code{word-break:break-all;font-size:11px}
.origin{padding:0 6px;border-radius:3px;color:#fff}.origin.human{background:var(--human)}.origin.mixed{background:var(--mixed);color:#000}.origin.synthetic{background:var(--synthetic)}.origin.unknown{background:var(--unknown)}
#diagnostics li{margin:3px 0}#diagnostics .severity{font-weight:600;text-transform:uppercase;font-size:11px}#diagnostics .error .severity{color:#b71c1c}#diagnostics .warning .severity{color:#e65100}#diagnostics .info .severity{color:var(--accent)}
svg{font-family:inherit}svg.chart{width:100%;max-width:820px;display:block}
.grid{stroke:#e6e9ec}.tick{font-size:11px;fill:var(--muted)}.label{font-size:12px;fill:var(--ink)}.value{font-size:11px;fill:var(--ink)}
.bar.human{fill:var(--human)}.bar.mixed{fill:var(--mixed)}.bar.synthetic{fill:var(--synthetic)}.bar.unknown{fill:var(--unknown)}
.floor{stroke-width:2}.floor.floor{stroke:#000}.floor.warn{stroke:#ef6c00;stroke-dasharray:4 3}
.series{fill:none;stroke-width:2}.series.d1,.point.d1{stroke:#6a1b9a}.series.d2,.point.d2{stroke:#1565c0}.series.tail,.point.tail{stroke:#2e7d32}
.point{fill:#fff;stroke-width:2}.mix{fill:none;stroke-width:2}.mix.d1{stroke:#6a1b9a}.mix.d2{stroke:#1565c0}.mix.tail{stroke:#2e7d32}.gate{stroke:#b71c1c;stroke-width:1.5;stroke-dasharray:6 4}
.graph-box{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:4px}svg.graph{width:100%;height:auto;display:block}
.column-title{font-size:12px;font-weight:600;fill:var(--muted)}
.node rect{fill:#fff;stroke:#90a4ae;stroke-width:1.2}.node-label{font-size:12px;font-weight:600;fill:var(--ink)}.node-detail{font-size:10.5px;fill:var(--muted)}
.node.human rect{fill:#e8f5e9;stroke:var(--human)}.node.mixed rect{fill:#fff8e1;stroke:var(--mixed)}.node.synthetic rect{fill:#fce4ec;stroke:var(--synthetic)}.node.unknown rect{fill:#eeeeee;stroke:var(--unknown)}
.node.manifest rect{fill:#e3f2fd;stroke:var(--accent)}.node.model rect{fill:#ede7f6;stroke:#5e35b1}.node.external rect{fill:#fff;stroke:#9e9e9e;stroke-dasharray:3 3}
.node.protected rect{stroke-width:3}.node.removal rect{fill:#fff;stroke:#b71c1c;stroke-dasharray:5 3}.node.tainted rect{stroke:#b71c1c;stroke-width:2.5;stroke-dasharray:6 2}
.edge{fill:none;stroke-width:1.3;stroke:#90a4ae}.edge.parent{stroke:var(--accent);stroke-dasharray:6 4}.edge.trainedon{stroke:var(--accent)}.edge.generatedby{stroke:#5e35b1}.edge.derivedfrom{stroke:#78909c;stroke-dasharray:2 3}
.arrowhead{fill:#78909c}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12px;margin:6px 0}.legend span::before{content:'';display:inline-block;width:14px;height:10px;margin-right:4px;border:1.5px solid #90a4ae;vertical-align:middle}
.key.human::before{background:#e8f5e9;border-color:var(--human)}.key.mixed::before{background:#fff8e1;border-color:var(--mixed)}.key.synthetic::before{background:#fce4ec;border-color:var(--synthetic)}.key.unknown::before{background:#eee;border-color:var(--unknown)}
.key.manifest::before{background:#e3f2fd;border-color:var(--accent)}.key.model::before{background:#ede7f6;border-color:#5e35b1}.key.protected::before{border-width:3px;border-color:var(--human)}.key.removal::before{border:1.5px dashed #b71c1c}.key.tainted::before{border:2.5px dashed #b71c1c}
.ekey::before{height:0!important;border-width:0!important;border-top:2px solid!important;width:22px!important}.ekey.parent::before{border-top:2px dashed var(--accent)!important}.ekey.trainedon::before{border-top-color:var(--accent)!important}.ekey.generatedby::before{border-top-color:#5e35b1!important}.ekey.derivedfrom::before{border-top:2px dotted #78909c!important}
footer{margin-top:2em;color:var(--muted);font-size:12px}
@media (max-width:800px){body{padding:8px}#shards td.digest{display:none}}
@media print{body{max-width:none;padding:0;font-size:11px}#shards-section{content-visibility:visible}.no-print{display:none}a{color:inherit;text-decoration:none}table.data thead th{position:static}tr,g,svg{break-inside:avoid}.graph-box{overflow:visible;border:0}h2{break-after:avoid}section{break-inside:auto}}
";

    private const string Script = @"
(function () {
  'use strict';
  var table = document.getElementById('shards');
  if (!table) { return; }
  var headers = table.tHead.rows[0].cells;
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
    if (!numeric) { return raw.toLowerCase(); }
    var number = parseFloat(raw.replace(/,/g, ''));
    return isNaN(number) ? -Infinity : number;
  }
  function sortBy(index, descending) {
    var numeric = headers[index].getAttribute('data-type') === 'num';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, position) { return { row: row, key: value(row, index, numeric), position: position }; });
    keyed.sort(function (a, b) {
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      if (descending) { c = -c; }
      return c !== 0 ? c : a.position - b.position;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute('aria-sort'); }
    headers[index].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    table.setAttribute('data-sorted', headers[index].getAttribute('data-key') + (descending ? ':descending' : ':ascending'));
  }
  Array.prototype.forEach.call(headers, function (th, index) {
    function toggle() { sortBy(index, th.getAttribute('aria-sort') === 'ascending'); }
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
  });
  var match = /(?:^|[?&#])sort=(-?)([a-z]+)/.exec(location.search + '#' + location.hash.replace(/^#/, ''));
  if (match) {
    for (var i = 0; i < headers.length; i++) {
      if (headers[i].getAttribute('data-key') === match[2]) { sortBy(i, match[1] === '-'); }
    }
  }
})();
";
}
